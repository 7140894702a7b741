"""One MEDLINE record from its tagged lines: the CSL type, then each tag into a variable or ``extra``.

Authors come twice, ``FAU`` ("Family, Given") then ``AU`` ("Family Initials"):
such a pair is one person, kept in input order with the corporate authors
(``CN``). The publication types (``PT``) decide the CSL type. Tags with no CSL
home go to ``extra`` under their own name, repeats joined with newlines.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..fieldmaps import medline as fm
from ..model import Date, Diagnostic, Failed, Name, Record, Source, fresh_names
from . import pubmed_dates
from .medline import FORMAT
from .nlm_authors import parse_person

_ET_AL = re.compile(r"(?:et\.?\s*al\.?|and others)$", re.I)
_ET_AL_STARTS = "eEaA"  # how every _ET_AL match starts: other names skip it
_SUFFIX = re.compile(r"\s+(Jr|Sr|2nd|3rd|4th|II|III|IV)\.?$")
_SUFFIX_ENDS = ("r", "d", "h", "I", "V", ".")  # how every _SUFFIX match ends: the rest skip it
_ISSN = re.compile(r"\b\d{4}-?\d{3}[\dXx]\b")
_ID_SUFFIX = re.compile(r"^(.*?)\s*\[([\w-]+)\]$")
_DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.I)
_DIGITS = re.compile(r"\d+")
_PMCID = re.compile(r"(?:PMC)?\d+")
_ISBN_LABEL = re.compile(r"^ISBN[:\s-]*", re.I)
_JOURNAL_TAGS = frozenset({"JT", "TA", "PMID"})  # PubMed is an index of journals
_SUBSTANCE = frozenset("PMID PMC TI BTI AB FAU AU CN JT TA AID LID OID".split())  # one makes a record
# A pii short and plain enough to be the article's number ("e32822", "EWLS"), as PubMed cites it.
ARTICLE_NUMBER = re.compile(r"[A-Za-z0-9]{1,10}")


class Block:
    """The tagged lines of one record, in order, with the line each started on."""

    def __init__(self, first_line: int) -> None:
        self.first_line = first_line
        # [tag, [first line's value, continuations...], line]; finish joins the value parts
        self.fields: list[list] = []
        self.raw: list[str] = []
        self.has_pmid = False
        self.notes: list[Diagnostic] = []


def finish(block: Block, path: str) -> Record | Failed:
    """The record of a block of tagged lines (a ``Failed`` when it holds nothing to cite)."""
    # Each part is stripped as read: a one-line value needs no join.
    fields = [[tag, parts[0] if len(parts) == 1 else " ".join(parts).strip(), line]
              for tag, parts, line in block.fields]
    return record_of(fields, "\n".join(block.raw), block.first_line, path, block.notes)


def record_of(fields: list[list], raw: str, first_line: int, path: str,
              notes: list[Diagnostic] = ()) -> Record | Failed:
    """The record of its fields, ``[tag, value, line]`` in input order."""
    values: dict[str, list[str]] = {}
    value_lines: dict[str, list[int]] = {}
    lines: dict[str, int] = {}
    named: list[list] = []  # the fields of name tags with a value, for _read_names
    for field in fields:
        tag, value, line = field
        if tag not in lines:
            lines[tag] = line
        if value:
            if tag in fm.NAME_TAGS:
                named.append(field)
            if tag in values:
                values[tag].append(value)
                value_lines[tag].append(line)
            else:
                values[tag], value_lines[tag] = [value], [line]
    source = Source(FORMAT, path, first_line, raw, lines)
    if not _SUBSTANCE.intersection(values):
        return Failed(Diagnostic("error", "medline-empty",
                                 "record has no PMID, title, abstract, author, journal or identifier",
                                 source.location()), source.raw)
    if values.get("OWN") == ["ERIC"]:
        source.dialect = "eric"
    rec = Record(source=source)
    rec.diagnostics.extend(notes)
    used: set[str] = set()
    rec.type = csl_type(values.get("PT", []), journal=bool(_JOURNAL_TAGS.intersection(values)),
                        book_title="BTI" in values, has_title="TI" in values)
    if source.dialect == "eric" and rec.type == "report" and {"VI", "IP"} & values.keys():
        rec.type = "article-journal"  # ERIC tags journal papers "Reports - ..." too; a volume tells
    _read_text(rec, values, used)
    _read_names(rec, named, used)
    _read_dates(rec, values, used)
    _read_ids(rec, values, used)
    _read_locations(rec, values, value_lines, used)
    _read_keywords(rec, values, used)
    for tag, items in values.items():
        if tag not in used:
            rec.extra[tag] = "\n".join(items)
    for tag, name in (("TI", "title"), ("JT", "container-title"), ("DP", "issued"), ("FAU", "author"),
                      ("AU", "author"), ("PG", "page")):
        if tag in lines and name in rec.fields:
            lines.setdefault(name, lines[tag])
    return rec


# (publication type, the start of its subtypes' names "Type - ...", CSL type)
_PUBLICATION_TYPES = [(name, name + " - ", csl) for name, csl in fm.PUBLICATION_TYPES]


def csl_type(publication_types: list[str], *, journal: bool, book_title: bool = False,
             has_title: bool = True) -> str:
    """The CSL type a record's publication types (and its shape) say it is."""
    return _type_of(tuple(publication_types), journal, book_title, has_title)


@lru_cache(maxsize=1024)  # a file has few sets of publication types
def _type_of(publication_types: tuple[str, ...], journal: bool, book_title: bool, has_title: bool) -> str:
    if book_title:
        return "chapter" if has_title else "book"
    for name, subtypes, csl in _PUBLICATION_TYPES:
        for pt in publication_types:
            if pt == name or pt.startswith(subtypes):
                return csl
    return "article-journal" if journal else "article"


def _read_text(rec: Record, values: dict[str, list[str]], used: set[str]) -> None:
    eric = rec.source.dialect == "eric"
    periodical = rec.type in fm.PERIODICAL_TYPES
    for tag, name in fm.TEXT_TAGS.items():
        if tag not in values:
            continue
        if tag == "PL" and periodical:
            continue  # a journal's country of publication, not a publisher's place
        if tag == "JT" and eric and not periodical and "PB" not in values:
            name = "publisher"  # ERIC names the institution or dissertation service here
        joiner = " " if tag in fm.JOIN_WITH_SPACE else "\n"
        rec.fields[name] = joiner.join(values[tag])
        used.add(tag)
    if "BTI" in values:
        book = " ".join(values["BTI"])
        rec.fields["container-title" if rec.type == "chapter" else "title"] = book
        used.add("BTI")
    if "PMID" in values:
        _read_pmid(rec, values["PMID"][0])
        used.add("PMID")
    pmcid = values.get("PMC", [""])[0]
    if _PMCID.fullmatch(pmcid):
        rec.fields["PMCID"] = pmcid if pmcid.startswith("PMC") else f"PMC{pmcid}"
        used.add("PMC")


def _read_pmid(rec: Record, value: str) -> None:
    m = _DIGITS.match(value)
    if m:
        rec.fields["PMID"] = m.group(0)
    if not m or m.group(0) != value:
        rec.extra["PMID-raw"] = value
        rec.report("warning", "bad-pmid", f"PMID '{value[:60]}' is not a plain number", "PMID")


def _read_names(rec: Record, fields: list[list], used: set[str]) -> None:
    """Authors and editors in input order; an AU/ED right after its FAU/FED is the same person.

    ``fields`` are the record's fields of name tags that have a value."""
    names: dict[str, list[Name]] = {}
    unpaired: dict[str, Name | None] = {}  # variable -> the full-form name awaiting its short form
    for tag, value, _ in fields:
        used.add(tag)
        var, form = fm.NAME_TAGS[tag]
        if value[0] in _ET_AL_STARTS and _ET_AL.match(value):
            rec.truncated.add(var)
            continue
        if form == "literal":
            name = Name(literal=value)
        elif form == "short" and unpaired.get(var) is not None:
            unpaired[var] = None  # the FAU just before named this person in full
            continue
        elif form == "full" or "," in value:  # ERIC writes AU as "Family, Given"
            name = full_name(value)
        else:
            name = _short_name(value)
        names.setdefault(var, []).append(name)
        unpaired[var] = name if form == "full" else None
    rec.fields.update(names)


@fresh_names
def full_name(value: str) -> Name:
    """A "Family, Given [Suffix]" name (MEDLINE FAU and FED)."""
    family, comma, given = value.partition(",")
    family, given = family.strip(), given.strip()
    if not family or (not comma and " " in family):  # no comma: which word is the family?
        return Name(literal=value)
    suffix = None
    m = _SUFFIX.search(given) if given.endswith(_SUFFIX_ENDS) else None
    if m:
        suffix, given = m.group(1), given[:m.start()]
    return Name(family=family, given=given or None, suffix=suffix)


def _short_name(value: str) -> Name:
    person = parse_person(value)
    if person is not None:
        return person
    return Name(family=value) if " " not in value else Name(literal=value)


def _read_dates(rec: Record, values: dict[str, list[str]], used: set[str]) -> None:
    for tag, name in fm.DATE_TAGS.items():
        if tag not in values:
            continue
        used.add(tag)
        text = values[tag][0]
        date, clean = _parse_date(text)
        rec.fields[name] = date
        if not clean:
            rec.extra[tag] = text
            rec.report("warning", "medline-date",
                       f"{tag} date '{text}' was only partly understood", tag)


def _parse_date(text: str) -> tuple[Date | None, bool]:
    """``pubmed_dates.parse``, each text read once (a new Date each call: repairs change it)."""
    date, clean = _parsed_date(text)
    return (None if date is None else date.copy()), clean


@lru_cache(maxsize=8192)  # PubMed dates repeat from record to record
def _parsed_date(text: str) -> tuple[Date | None, bool]:
    return pubmed_dates.parse(text)


def _read_ids(rec: Record, values: dict[str, list[str]], used: set[str]) -> None:
    issns: list[str] = []
    for tag in ("IS", "ISSN"):  # "1234-5678 (Electronic)"; ERIC: "EISSN-1234-5678"
        found = [(v, _ISSN.findall(v)) for v in values.get(tag, [])]
        issns += [i if "-" in i else f"{i[:4]}-{i[4:]}" for _, ids in found for i in ids]
        if any(not ids for _, ids in found):
            rec.extra[tag] = "\n".join(v for v, ids in found if not ids)
        used.add(tag)
    if issns:
        rec.fields["ISSN"] = ", ".join(dict.fromkeys(issns))  # as the RIS reader lists them: round trips stay
    isbns = [_ISBN_LABEL.sub("", v) for v in values.get("ISBN", [])]
    if isbns:
        rec.fields["ISBN"] = ", ".join(isbns)
        used.add("ISBN")


def _read_locations(rec: Record, values: dict[str, list[str]], value_lines: dict[str, list[int]],
                    used: set[str]) -> None:
    """DOI, URL and the e-location from LID and AID lines; what is left stays in extra."""
    dois: list[str] = []
    for tag in ("AID", "LID"):  # AID's DOI is preferred
        left: list[str] = []
        for value, line in zip(values.get(tag, []), value_lines.get(tag, [])):
            m = _ID_SUFFIX.match(value)
            ident, kind = (m.group(1), m.group(2).lower()) if m else (value, None)
            doi = _DOI.match(ident)
            if doi and kind in (None, "doi"):
                dois.append(doi.group(1))
                rec.source.field_lines.setdefault("DOI", line)
                continue
            if kind == "bookaccession":
                rec.fields.setdefault("URL", fm.BOOKSHELF_URL.format(ident))
            elif kind is None and ident.startswith(("http://", "https://")):
                rec.fields.setdefault("URL", ident)
            elif kind == "pii" and tag == "LID" and "PG" not in values and ARTICLE_NUMBER.fullmatch(ident):
                rec.fields["page"] = ident
            left.append(value)
        if tag in values:
            used.add(tag)
        if left:
            rec.extra[tag] = "\n".join(left)
    if dois:
        rec.fields["DOI"] = dois[0]
        others = [d for d in dict.fromkeys(dois) if d.lower() != dois[0].lower()]
        if others:
            rec.extra["DOI-other"] = "\n".join(others)
            rec.report("warning", "doi-mismatch",
                       f"the record names more than one DOI; kept '{dois[0]}', not {', '.join(others)}",
                       "AID" if "AID" in values else "LID")


def _read_keywords(rec: Record, values: dict[str, list[str]], used: set[str]) -> None:
    """MeSH headings (without their major-topic stars) and other terms.

    MH is not marked used, so extra keeps the headings verbatim, stars and all.
    """
    terms = [v.replace("*", "") for v in values.get("MH", [])] + values.get("OT", [])
    if terms:
        rec.fields["keyword"] = fm.KEYWORD_SEPARATOR.join(dict.fromkeys(terms))
        used.add("OT")
