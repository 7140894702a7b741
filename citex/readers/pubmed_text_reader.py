"""PubMed text records: blocks of ``PMID:``, ``Title:``, ``Abstract:``, ``Citation:``, ``Link:`` lines.

One file holds one record or many. Blank lines separate fields as well as
records, so a new record starts where a field repeats, where a field comes
after a blank line out of the usual order, or at a separator line (``----``).
Lines that start with no known key continue the field above them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Diagnostic, Failed, Location, Record, Source
from ..textnorm import fold, said_twice
from . import nlm_authors, nlm_citation as nlm
from .pubmed_text import FORMAT

KEYS = {  # input key -> order in a PubMed record
    "PMID": 0, "PMCID": 1, "DOI": 2, "Title": 3, "Abstract": 4, "Citation": 5, "Link": 6,
}
_KEY_LINE = re.compile(r"^(%s)[ \t]*:[ \t]*(.*)$" % "|".join(KEYS), re.I)
_SEPARATOR = re.compile(r"^\s*([-=*_#~])\1{2,}\s*$")
_CANONICAL = {k.lower(): k for k in KEYS}
_URL_KEYS = {"url": "Link"}


class _Block:
    """The fields of one record as they are read, with the line each started on."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.lines: dict[str, int] = {}
        self.raw: list[str] = []
        self.first_line: int | None = None
        self.last_key: str | None = None

    def starts_new(self, key: str, after_blank: bool) -> bool:
        if key in self.fields:
            return True
        return after_blank and self.last_key is not None and KEYS[key] < KEYS[self.last_key]


def read(text: str, path: str = "<input>") -> Iterator[Record | Failed]:
    """PubMed text records (PMID:/Title:/Abstract:/Citation:/Link: lines)."""
    block = _Block()
    orphan: list[tuple[int, str]] = []
    after_blank = False
    for number, line in enumerate(text.splitlines(), start=1):
        m = _KEY_LINE.match(line)
        if m:
            key = _CANONICAL[m.group(1).lower()]
            if block.first_line is not None and block.starts_new(key, after_blank):
                yield _finish(block, path)
                block = _Block()
            if block.first_line is None:
                yield from _orphan(orphan, path)
                orphan = []
                block.first_line = number
            block.fields[key] = [m.group(2)]
            block.lines[key] = number
            block.last_key = key
            block.raw.append(line)
        elif _SEPARATOR.match(line):
            if block.first_line is not None:
                yield _finish(block, path)
                block = _Block()
        elif line.strip():
            if block.last_key is None:
                orphan.append((number, line))
            else:
                block.fields[block.last_key].append(line.strip())
                block.raw.append(line)
        elif block.first_line is not None:
            block.raw.append(line)
        after_blank = not line.strip()
    if block.first_line is not None:
        yield _finish(block, path)
    yield from _orphan(orphan, path)


def _orphan(lines: list[tuple[int, str]], path: str) -> Iterator[Failed]:
    if lines:
        where = Location(path, lines[0][0])
        snippet = lines[0][1].strip()[:60]
        yield Failed(
            Diagnostic("error", "pubmed-text-no-key",
                       f"text outside any PMID/Title/Citation field was not read: '{snippet}'", where),
            "\n".join(line for _, line in lines),
        )


def _finish(block: _Block, path: str) -> Record | Failed:
    values = {k: "\n".join(v).strip() for k, v in block.fields.items()}
    source = Source(FORMAT, path, block.first_line, "\n".join(block.raw).strip(), dict(block.lines))
    if not any(values.get(k) for k in ("PMID", "Title", "Citation", "DOI")):
        return Failed(
            Diagnostic("error", "pubmed-text-empty",
                       "record has no PMID, title, DOI or citation", source.location()),
            source.raw,
        )
    rec = Record(type="article-journal", source=source)
    _set_ids(rec, values)
    if values.get("Title"):
        rec.fields["title"] = values["Title"]
    if values.get("Abstract"):
        rec.fields["abstract"] = values["Abstract"]
    if values.get("Citation"):
        _read_citation(rec, values["Citation"])
    if values.get("Link"):
        rec.fields["URL"] = values["Link"]
    _locate_fields(rec, block)
    return rec


_ORIGIN = {"title": "Title", "abstract": "Abstract", "URL": "Link"}


def _locate_fields(rec: Record, block: _Block) -> None:
    """Give each CSL field the line it was read from, so diagnostics point at it."""
    fallback = block.lines.get("Citation", block.first_line)
    for name in rec.fields:
        line = block.lines.get(_ORIGIN.get(name, name)) or fallback
        rec.source.field_lines.setdefault(name, line)


def _set_ids(rec: Record, values: dict[str, str]) -> None:
    for key in ("PMID", "PMCID", "DOI"):
        value = values.get(key)
        if not value:
            continue
        if key == "PMID" and not value.isdigit():
            m = re.match(r"\s*(\d+)\b", value)
            if not m:
                rec.extra[key] = value
                rec.report("warning", "bad-pmid", f"PMID '{value}' is not a number; kept as is", key)
                continue
            rec.extra["PMID-raw"] = value
            value = m.group(1)
        rec.fields[key] = value


def _read_citation(rec: Record, citation: str) -> None:
    """Fill authors, journal, date, volume, issue, pages and identifiers from a Citation line."""
    text = re.sub(r"[ \t\r\n]+", " ", citation).strip()
    head, source = nlm.split_source(text)
    if source is None:
        rec.report("warning", "citation-no-source",
                   "no year, volume or pages found in the Citation line", "Citation")
    parts = nlm.sentences(head)
    known = rec.fields.get("title")
    candidates = [t for t in (known, said_twice(known)) if t]
    book = bool(source and source.publisher)  # "Authors. Title. Place: Publisher; Year."
    authors_end = _authors_end(parts, candidates, book)
    if authors_end and not nlm_authors.NO_AUTHORS.match(parts[0]):
        parsed = nlm_authors.parse_authors(" ".join(parts[:authors_end]))
        if parsed.names:
            rec.fields["author"] = parsed.names
        if parsed.et_al:
            rec.truncated.add("author")
    rest = parts[authors_end:]
    k, matched = 0, False
    for candidate in candidates or [None]:
        k, matched = nlm.split_title_journal(rest, candidate)
        if matched or book:
            break
    if book:
        k = len(rest)
    cited_title = " ".join(rest[:k])
    journal = " ".join(rest[k:]).rstrip(".").strip()
    if journal:
        rec.fields["container-title"] = journal
    if not known and cited_title:
        rec.fields["title"] = cited_title
    elif known and cited_title and not matched and fold(cited_title) not in map(fold, candidates):
        rec.report("warning", "title-mismatch",
                   f"the Citation line's title '{cited_title}' differs from the Title line; "
                   "the Title line is kept", "Citation")
    if source:
        _apply_source(rec, source)


# An author list is one sentence, a few where initials carry periods; looking further for
# where the title starts made a citation of many short sentences cost cubic time.
_MOST_AUTHOR_SENTENCES = 20


def _authors_end(parts: list[str], titles: list[str], book: bool = False) -> int:
    """How many leading sentences of the head are the author list (0 or more)."""
    if not parts:
        return 0
    if nlm_authors.NO_AUTHORS.match(parts[0]):
        return 1
    for title in titles:
        for i in range(min(len(parts), _MOST_AUTHOR_SENTENCES + 1)):
            if nlm.split_title_journal(parts[i:], title)[1]:
                return i
    if nlm_authors.looks_like_authors(parts[0]):
        return 1
    # A group author ("WHO Working Group.") is a short first sentence before the title
    # and the journal (a book has no journal sentence).
    if len(parts) >= (2 if book else 3) and len(parts[0].split()) <= 12:
        return 1
    return 0


def _apply_source(rec: Record, source: nlm.ParsedSource) -> None:
    if source.issued:
        rec.fields["issued"] = source.issued
    if source.publisher:  # a book: what looked like its journal is the title's tail, if anything
        rec.type = "book"
        rec.fields["publisher"] = source.publisher
        if source.place:
            rec.fields["publisher-place"] = source.place
    for name, value in (("volume", source.volume), ("issue", source.issue), ("page", source.page)):
        if value:
            rec.fields[name] = value
    for name, value in (("DOI", source.doi), ("PMID", source.pmid), ("PMCID", source.pmcid)):
        if not value:
            continue
        if name not in rec.fields:
            rec.fields[name] = value
        elif fold(rec.fields[name]) != fold(value):
            rec.extra[f"citation-{name}"] = value
            rec.report("warning", f"{name.lower()}-mismatch",
                       f"the Citation line's {name} '{value}' differs from the record's "
                       f"'{rec.fields[name]}'; the record's is kept", "Citation")
    if source.unparsed:
        rec.extra["citation-unparsed"] = source.unparsed
        rec.report("warning", "citation-unparsed",
                   f"text after the citation's source was not understood: '{source.unparsed[:80]}'",
                   "Citation")
