"""Web of Science tagged records (``.ciw``, "plain text" export; also Zoological Record, CABI).

A file starts ``FN <database>`` / ``VR 1.0``; each record starts ``PT <type>`` and
ends ``ER``; ``EF`` ends the file. A field is a two-letter tag, a space and its
value; lines that start with spaces continue the field above them. In name and
address fields (AU, AF, C1 …) each line is one item; in the others the lines are
one wrapped text. Tags with no CSL home go to ``extra``, lines joined with "\\n".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fieldmaps import wos as fm
from ..model import Date, Diagnostic, Failed, Location, Name, Record, Source
from .wos import FORMAT

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9])(?:[ \t](.*))?$")
_SPACE_OR_BOM = frozenset(("", " ", "\t", "\ufeff"))
_EMAIL_NOTE = re.compile(r"\s*\([^()]*@[^()]*\)")
_INITIALS = re.compile(r"[A-Z]{1,4}")
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV|2nd|3rd)\.?", re.I)
_ANONYMOUS = frozenset({"[anonymous]", "anonymous"})
_DATE_TOKEN = re.compile(r"[^\s,]+")
_UNSPECIFIED = re.compile(r"^UNSP\s+")  # WoS marks an article number it did not check


class _Block:
    """The tags of one record as read: tag -> lines, the line each tag starts on, its last line."""

    def __init__(self, first_line: int) -> None:
        self.first_line = self.last_line = first_line
        self.fields: dict[str, list[str]] = {}
        self.lines: dict[str, int] = {}
        self.last_tag: str | None = None

    def add(self, tag: str, value: str, number: int) -> None:
        if tag in self.fields:  # a tag given twice: the repeat is kept apart ("IS.2")
            n = 2
            while f"{tag}.{n}" in self.fields:
                n += 1
            tag = f"{tag}.{n}"
        self.fields[tag] = [value.strip()]
        self.lines[tag] = self.last_line = number
        self.last_tag = tag


def read(text: str, path: str = "<input>") -> Iterator[Record | Failed]:
    """Web of Science tagged records (FN/VR header, PT … ER records)."""
    dialect: str | None = None
    block: _Block | None = None
    orphan: list[tuple[int, str]] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if line[:1] in _SPACE_OR_BOM:
            if line[:1] == "\ufeff":
                line = lines[number - 1] = line.lstrip("\ufeff")
            if not line.strip():
                continue
        m = None if line[0] in " \t" else _TAG_LINE.match(line)
        if m is None:  # a continuation line (WoS indents them; some exports do not)
            if block is not None and block.last_tag:
                block.fields[block.last_tag].append(line.strip())
                block.last_line = number
            else:
                orphan.append((number, line))
            continue
        tag, value = m.group(1), m.group(2) or ""
        if tag in fm.STRUCTURE_TAGS:
            if tag == "FN":
                dialect = _dialect(value)
            elif tag in ("ER", "EF") and block is not None:
                block.last_line = number
                yield _finish(block, lines, path, dialect, ended=tag == "ER")
                block = None
            continue
        if tag == "PT" and block is not None:
            yield _finish(block, lines, path, dialect, ended=False)
            block = None
        if block is None:
            yield from _orphan(orphan, path)
            orphan = []
            block = _Block(number)
        block.add(tag, value, number)
    if block is not None:
        yield _finish(block, lines, path, dialect, ended=False)
    yield from _orphan(orphan, path)


def _dialect(fn: str) -> str | None:
    fn = fn.lower()
    return "web-of-science" if any(k in fn for k in ("web of", "isi", "clarivate", "thomson")) else None


def _orphan(lines: list[tuple[int, str]], path: str) -> Iterator[Failed]:
    if lines:
        yield Failed(Diagnostic("error", "wos-no-tag",
                                f"text outside any record was not read: '{lines[0][1].strip()[:60]}'",
                                Location(path, lines[0][0])),
                     "\n".join(line for _, line in lines))


def _finish(block: _Block, lines: list[str], path: str, dialect: str | None,
            ended: bool) -> Record | Failed:
    raw = "\n".join(lines[block.first_line - 1:block.last_line])
    source = Source(FORMAT, path, block.first_line, raw, dict(block.lines), dialect)
    if not any(any(block.fields.get(t, ())) for t in ("TI", "AU", "AF", "CA", "SO", "UT", "DI")):
        return Failed(Diagnostic("error", "wos-empty", "record has no title, author, source or id",
                                 source.location()), source.raw)
    rec = Record(source=source)
    _Builder(rec, block).build()
    if not ended:
        rec.report("warning", "wos-no-er", "record does not end with ER; read up to the next record")
    return rec


class _Builder:
    """Fills one record from its tags; every tag it does not use goes to ``extra``."""

    def __init__(self, rec: Record, block: _Block) -> None:
        self.rec, self.fields, self.lines = rec, block.fields, block.lines
        self.used: set[str] = set()
        self.name_notes: dict[str, list[str]] = {}  # names whose text was cleaned, as written

    def text(self, tag: str) -> str:
        self.used.add(tag)
        return " ".join(v for v in self.fields.get(tag, ()) if v)

    def items(self, tag: str) -> list[str]:
        self.used.add(tag)
        return [v for v in self.fields.get(tag, ()) if v]

    def set(self, name: str, value: object, tag: str) -> None:
        if value:
            self.rec.fields[name] = value
            if tag in self.lines:
                self.rec.source.field_lines.setdefault(name, self.lines[tag])

    def build(self) -> None:
        rec = self.rec
        rec.type = self._type()
        for tag, name in fm.VARIABLES.items():
            self.set(name, self.text(tag), tag)
        self._names()
        self._container()
        self._dates()
        self._pages()
        issns = [v for v in (self.text("SN"), self.text("EI")) if v]
        self.set("ISSN", ", ".join(issns), "SN" if self.fields.get("SN") else "EI")
        keywords = [v for v in (self.text("DE"), self.text("ID")) if v]
        self.set("keyword", "; ".join(keywords), "DE" if self.fields.get("DE") else "ID")
        if rec.type == "patent":
            self.set("number", self.text("PN"), "PN")
        for tag, lines in self.fields.items():
            if tag not in self.used and any(lines):
                rec.extra[tag] = ("\n" if tag in fm.LINE_TAGS else " ").join(v for v in lines if v)
        for tag, names in self.name_notes.items():
            rec.extra[f"{tag}-as-written"] = "\n".join(names)

    def _type(self) -> str:
        """PT and DT decide the type; both stay in ``extra`` (DT says "Review", "Letter" …)."""
        pt, dt = (" ".join(self.fields.get(t, ())).strip() for t in ("PT", "DT"))
        from_pt = fm.PUBLICATION_TYPES.get(pt.upper()) if len(pt) == 1 else None
        kinds = [fm.DOCUMENT_TYPES.get(d.strip().lower()) for d in dt.split(";")]
        from_dt = next((k for k in kinds if k), None)
        if from_pt is None and from_dt is None:
            self.rec.report("warning", "wos-unknown-type",
                            f"publication type '{pt}' / document type '{dt}' not known; "
                            "read as a journal article", "PT")
            return "article-journal"
        if from_pt == "article-journal" and from_dt == "paper-conference":
            return from_pt  # a conference paper printed in a journal issue
        if from_pt == "book" and dt and from_dt is None:
            return "chapter"  # Book Citation Index: an "Article" or "Review" inside a book
        return from_dt or from_pt or "article-journal"

    def _names(self) -> None:
        authors = self._people("AU", "AF")
        authors += [Name(literal=v) for item in self.items("CA") for v in _split(item)]
        book_authors = self._people("BA", "BF")
        if book_authors and self.rec.type == "book" and not authors:
            authors, book_authors = book_authors, []
        self.set("author", authors, "AF" if self.fields.get("AF") else "AU")
        self.set("container-author", book_authors, "BA")
        for tag, name in fm.EDITOR_TAGS.items():
            self.set(name, [n for v in self.items(tag) for n in self._person_list(v, tag)], tag)

    def _people(self, short_tag: str, full_tag: str) -> list[Name]:
        short = [v for item in self.items(short_tag) for v in _split(item)]
        full = [v for item in self.items(full_tag) for v in _split(item)]
        if full and short and len(full) != len(short):
            self.rec.report("warning", "wos-names-unpaired",
                            f"{full_tag} has {len(full)} names but {short_tag} has {len(short)}; "
                            f"{full_tag} is used", full_tag)
        chosen, tag = (full, full_tag) if full else (short, short_tag)
        return [n for v in chosen for n in self._person_list(v, tag)]

    def _person_list(self, text: str, tag: str) -> list[Name]:
        clean = _EMAIL_NOTE.sub("", text).strip()
        if clean != text.strip() or clean.lower() in _ANONYMOUS:  # an e-mail or "[Anonymous]"
            self.name_notes.setdefault(tag, []).append(text.strip())
        return [person(clean)] if clean and clean.lower() not in _ANONYMOUS else []

    def _container(self) -> None:
        source = self.text("SO")
        if self.rec.type in ("book", "patent"):
            if source:
                self.rec.extra["SO"] = source
        else:
            self.set("container-title", source, "SO")
        iso, j9 = self.text("JI"), self.text("J9")
        self.set("container-title-short", iso or j9, "JI" if iso else "J9")
        if iso and j9:
            self.rec.extra["J9"] = j9

    def _dates(self) -> None:
        year, pd = self.text("PY"), self.text("PD")
        if year or pd:
            issued, understood = parse_date(pd, year)
            if not understood:
                kept = {k: v for k, v in (("PY", year), ("PD", pd)) if v}
                self.rec.extra.update(kept)
                said = ", ".join(f"{k} '{v}'" for k, v in kept.items())
                self.rec.report("warning", "wos-date-unparsed",
                                f"publication date ({said}) only partly understood; kept in extra",
                                "PD" if pd else "PY")
            self.set("issued", issued, "PY" if year else "PD")
        for tag, name in (("EA", "available-date"), ("CY", "event-date")):
            value = self.text(tag)
            date, understood = parse_date(value, "") if value else (None, True)
            if date and understood and date.parts:
                self.set(name, date, tag)
            elif value:
                self.rec.extra[tag] = value

    def _pages(self) -> None:
        bp, ep, ar, ps = (self.text(t) for t in ("BP", "EP", "AR", "PS"))
        if bp:
            self.set("page", f"{bp}-{ep}" if ep else bp, "BP")
            unused = {"AR": ar, "PS": ps}
        elif ar:
            number = _UNSPECIFIED.sub("", ar)
            self.set("page", number, "AR")
            unused = {"AR": ar if number != ar else "", "EP": ep, "PS": ps}
        elif ps:
            self.set("page", ps, "PS")
            unused = {"EP": ep}
        else:
            unused = {"EP": ep}
        self.rec.extra.update({k: v for k, v in unused.items() if v})


def _split(item: str) -> list[str]:
    """Names on one line separated by semicolons (ISI exports of MEDLINE records)."""
    return [p.strip() for p in item.split(";") if p.strip()]


def person(text: str) -> Name:
    """``Family, Given[, Suffix]`` or ``Family INITIALS`` (AU style) or ``Given Family``."""
    suffix = None
    if "," in text:
        family, _, given = (p.strip() for p in text.partition(","))
        head, _, tail = given.rpartition(",")
        if head and _SUFFIX.fullmatch(tail.strip()):
            given, suffix = head.strip(), tail.strip()
    else:
        words = text.split()
        if len(words) > 1 and _INITIALS.fullmatch(words[-1]):
            family, given = " ".join(words[:-1]), words[-1]
        else:
            family, given = words[-1], " ".join(words[:-1])
    if _INITIALS.fullmatch(given) and (len(given) <= 2 or not family.isupper()):
        given = " ".join(c + "." for c in given)  # WoS AU style: "Smith, JM" -> J. M.
    words = family.split()
    particles = []
    while len(words) > 1 and words[0].islower():
        particles.append(words.pop(0))
    return Name(family=" ".join(words) or None, given=given or None,
                non_dropping_particle=" ".join(particles) or None, suffix=suffix)


def parse_date(text: str, year: str) -> tuple[Date | None, bool]:
    """A WoS date ("DEC 16 2020", "SPR", "2006 May-Jun", "FEB 21-23, 2005") with the year
    from PY; returns the date and whether every part of the text was understood."""
    y = int(year) if year.isdecimal() and len(year) <= 4 else None
    months: list[int] = []
    days: list[int] = []
    season = None
    understood = True
    words = [t.lower().rstrip(".") for t in _DATE_TOKEN.findall(text)]
    for i, word in enumerate(words):
        pieces = word.split("-")
        next_is_month = i + 1 < len(words) and words[i + 1][:3] in fm.MONTHS and not months
        if len(pieces) == 2 and all(p[:3] in fm.MONTHS and p.isalpha() for p in pieces) and not months:
            months = [fm.MONTHS[p[:3]] for p in pieces]
        elif len(pieces) == 2 and all(p.isdecimal() and len(p) <= 2 for p in pieces) and months and not days:
            days = [int(p) for p in pieces]
        elif len(pieces) == 2 and pieces[0].isdecimal() and len(pieces[0]) == 4 and pieces[1][:3] in fm.MONTHS:
            understood &= y in (None, int(pieces[0])) and not months  # "2020-Dec"
            y, months = int(pieces[0]), [fm.MONTHS[pieces[1][:3]]]
        elif word.isdecimal() and len(word) == 4:
            understood &= y in (None, int(word))
            y = y or int(word)
        elif word.isalpha() and word[:3] in fm.MONTHS and not months:
            months = [fm.MONTHS[word[:3]]]
        elif word.isalpha() and word[:3] in fm.SEASONS and season is None:
            season = fm.SEASONS[word[:3]]
        elif word.isdecimal() and len(word) <= 2 and not days and (months or next_is_month or int(word) <= 12):
            if months or next_is_month:  # "DEC 16", "7 April 2003"
                days = [int(word)]
            else:
                months = [int(word)]  # "04 2006"
        else:
            understood = False
    if y is None:
        literal = " ".join(filter(None, (text, year)))
        return (Date(literal=literal) if literal else None), False
    start = [y] + months[:1] + days[:1]
    if len(months) == 2 or len(days) == 2:
        end = [y, months[-1]] + days[-1:]
        return Date(parts=[start, end], season=season), understood
    return Date(parts=[start], season=season), understood
