"""One RIS record from its tag lines: its type, then each tag into a CSL variable or ``extra``.

Which variable a tag fills is ``fieldmaps/ris.py``; this module applies the
kinds of that table. Values that lose to a higher-priority tag, repeats that
differ, and tags with no CSL home are kept verbatim in ``extra`` under their
tag (repeats joined with a newline), so nothing read is lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter

from ..fieldmaps.ris import (AN_NOT_PMID, CSL_TYPE, GENERIC, PRIORITY, PUBMED_DATABASE, ROWS,
                              SIGNS_BY_TAG, Tag, row_for)
from ..model import Date, Diagnostic, Failed, Location, Name, Record, Source, name_parts
from .ris_values import (is_et_al, join_pages, labelled_ids, parse_date, parse_spaced_name,
                         split_serials)

FORMAT = "ris"
_DATE_PRIORITY = {"DA": 0, "PY": 1, "Y1": 2}  # Zotero and RIS 2011: DA over the older Y1
_SIGN_TAGS = frozenset(SIGNS_BY_TAG)  # the tags that can show a dialect
_LABEL_SCAN = frozenset("N1 M1 M3 U1 U2 U3 U4 U5 C1 C2 C3 C4 C5 C6 C7 C8".split())


class Block:
    """The tag lines of one record as read: ``[tag, value lines, line number]`` in file order."""

    def __init__(self, first_line: int, headless: bool = False):
        self.first_line = first_line
        self.headless = headless  # tags without a TY before them
        self.entries: list[list] = []
        self.raw: list[str] = []
        self.notes: list[Diagnostic] = []
        self.unterminated = False
        self.er_value = ""

    def add(self, tag: str, value: str, number: int, line: str) -> None:
        self.entries.append([tag, [value], number])
        self.raw.append(line)

    def continue_last(self, line: str, after_blank: bool) -> None:
        lines = self.entries[-1][1]
        if after_blank:
            lines.append("")
        lines.append(line.strip().replace("\ufeff", ""))
        self.raw.append(line)

    def close(self, line: str, value: str) -> None:
        self.raw.append(line)
        self.er_value = value

    def take_trailing(self, other: Block) -> None:
        """Tags written after this record's ER (Ovid's ``NL``) join it."""
        tags = ", ".join(dict.fromkeys(e[0] for e in other.entries))
        self.notes.append(Diagnostic("info", "ris-after-er",
                                     f"tags after 'ER' ({tags}) were read into the record above",
                                     Location("", other.first_line)))
        self.entries.extend(other.entries)
        self.raw.extend(other.raw)
        self.notes.extend(other.notes)


def dialect_of(pairs: Iterable[tuple[str, str]]) -> str | None:
    """The exporting tool that (tag, value) pairs show, by the ranks of ``DIALECT_SIGNS``."""
    best = None
    for tag, value in pairs:
        for rank, dialect, sign in SIGNS_BY_TAG.get(tag, ()):
            if (best is None or rank < best[0]) and sign.match(value):
                best = (rank, dialect)
    return best[1] if best else None


def build(block: Block, path: str, file_dialect: str | None) -> Record | Failed:
    # A one-line value was stripped as it was read: only longer ones are joined.
    entries = [(tag, lines[0] if len(lines) == 1 else "\n".join(lines).strip(), n)
               for tag, lines, n in block.entries]
    return record_of(entries, "\n".join(block.raw).strip("\n"), block.first_line, path, file_dialect,
                     block.notes, block.unterminated, block.er_value)


def record_of(entries: list[tuple[str, str, int]], raw: str, first_line: int, path: str,
              file_dialect: str | None, notes: list[Diagnostic] = (), unterminated: bool = False,
              er_value: str = "") -> Record | Failed:
    """The record of a block's (tag, value, line) entries (or a ``Failed``: nothing to read)."""
    signs = [(tag, value) for tag, value, _ in entries if tag in _SIGN_TAGS]
    dialect = (dialect_of(signs) if signs else None) or file_dialect
    types = [value for tag, value, _ in entries if tag == "TY"]
    content = [e for e in entries if e[0] != "TY" and e[1]]
    if not content:
        return Failed(Diagnostic("error", "ris-empty", "record has no fields", Location(path, first_line)), raw)
    if not types and not any(tag in ROWS for tag, _, _ in content):
        return Failed(Diagnostic("error", "ris-no-ty", "tags with no TY and no known field were not read",
                                 Location(path, first_line)), raw)
    ris_type = types[0].upper() if types and types[0] else GENERIC
    rec = Record(type=CSL_TYPE.get(ris_type, "document"),
                 source=Source(FORMAT, path, first_line, raw, {}, dialect))
    for note in notes:
        rec.diagnostics.append(Diagnostic(note.level, note.code, note.message,
                                          Location(path, note.location.line)))
    if not types:
        rec.report("warning", "ris-no-ty", "record has no TY line; read as a generic document")
    elif ris_type not in CSL_TYPE:
        rec.extra["TY"] = types[0]
        rec.report("warning", "ris-unknown-type", f"unknown RIS type '{types[0]}'; read as a document")
    if len(types) > 1:
        _keep(rec, "TY", "\n".join(types[1:]))
        rec.report("warning", "ris-repeated-ty",
                   f"TY repeated inside the record ({', '.join(types[1:])}); the first is used")
    if unterminated:
        rec.report("warning", "ris-no-er", "record has no ER line; it ends at the next TY or the file's end")
    if er_value:
        rec.extra["ER"] = er_value
    _Fields(rec, ris_type, dialect).fill(content)
    return rec


_first = itemgetter(0)  # the sort key of (priority, ...) rows: ties keep their file order


def _keep(rec: Record, tag: str, value: str) -> None:
    rec.extra[tag] = f"{rec.extra[tag]}\n{value}" if tag in rec.extra else value


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


_UNMAPPED = ("extra", None, 0, False)  # a tag no row of the table names
_ET_AL_NAME = ("et al.",)  # _name_parts of "et al.", "and others"


@lru_cache(maxsize=256)
def _tag_table(ris_type: str, dialect: str | None) -> dict[str, tuple[str, Tag | None, int, bool]]:
    """tag -> (kind, row, read priority, scan for labelled ids) in records of this type and dialect:
    ``row_for`` of every tag, looked up once rather than once a line."""
    table = {}
    for tag in set(ROWS) | _LABEL_SCAN:
        row = row_for(tag, ris_type, dialect)
        kind = "extra" if row is None else row.kind
        table[tag] = (kind, row, PRIORITY[id(row)] if row is not None else 0, tag in _LABEL_SCAN)
    return table


_NAMES: dict[str, tuple] = {}  # name tag value -> _name_parts; authors come back record after record
_NAMES_CAP = 32768  # emptied when full: memory stays flat
_NO_NAME = ("",)  # _name_parts of a value with no name in it


def _name_parts(value: str) -> tuple:
    """The parts (``name_parts``) of a name tag's value, remembered in ``_NAMES``;
    ``_ET_AL_NAME`` for "et al.", ``_NO_NAME`` for none."""
    text = " ".join(value.split())
    if len(text) <= 12 and is_et_al(text):
        parts = _ET_AL_NAME
    else:
        name = parse_spaced_name(text)
        parts = _NO_NAME if name is None else name_parts(name)
    if len(_NAMES) >= _NAMES_CAP:
        _NAMES.clear()
    _NAMES[value] = parts
    return parts


class _Fields:
    """Fills one record from its (tag, value, line) entries by the kinds of the tag table."""

    def __init__(self, rec: Record, ris_type: str, dialect: str | None):
        self.rec, self.ris_type, self.dialect = rec, ris_type, dialect
        self.lines = rec.source.field_lines
        self.entries: list[tuple[str, str, int]] = []
        self.texts: list[tuple[int, str, str, int, Tag]] = []
        self.dates: dict[str, list[tuple[str, str, int]]] = {}
        self.pages: dict[str, str] = {}
        self.keywords: list[str] = []
        self.notes: list[str] = []
        self.serials: dict[str, list[str]] | None = None  # "ISSN", "ISBN": made by the first SN
        self.labelled: list[tuple[str, str, list[tuple[str, str]]]] = []

    def fill(self, entries: list[tuple[str, str, int]]) -> None:
        self.entries = entries
        rec, lines, fields = self.rec, self.lines, self.rec.fields
        table = _tag_table(self.ris_type, self.dialect)
        for tag, value, line in entries:
            if tag not in lines:
                lines[tag] = line
            kind, row, priority, scan = table.get(tag, _UNMAPPED)
            if scan:
                found = labelled_ids(value)
                if found:
                    self.labelled.append((tag, value, found))
                    if tag != "N1" and len(found) == value.count("\n") + 1:
                        continue  # the whole value is an identifier: placed below
            if kind == "name":
                parts = _NAMES.get(value) or _name_parts(value)
                if parts is _ET_AL_NAME:
                    rec.truncated.add(row.var)
                elif parts is not _NO_NAME:
                    names = fields.get(row.var)
                    if names is None:
                        fields[row.var] = [Name(*parts)]
                        if row.var not in lines:
                            lines[row.var] = line
                    else:
                        names.append(Name(*parts))
            elif kind == "text" or kind == "para":
                self.texts.append((priority, tag, value, line, row))
            elif kind == "extra":
                _keep(rec, tag, value)
            elif kind == "date":
                self.dates.setdefault(row.var, []).append((tag, value, line))
            elif kind == "page" and tag not in self.pages:
                self.pages[tag] = value
            elif kind == "list":
                self.keywords.extend(k.strip() for k in value.split("\n") if k.strip())
            elif kind == "serial":
                self._serial(value)
            elif kind == "accession":
                self._accession(tag, value, line)
            elif kind == "note":
                self.notes.append(value)
            elif kind == "key" and rec.id is None:
                rec.id = " ".join(value.split())
            else:
                _keep(rec, tag, value)
        if self.texts:
            self._place_texts()
        if self.dates:
            self._place_dates()
        if self.pages:
            self._place_pages()
        if self.keywords or self.notes or self.serials:
            self._place_lists()
        if self.labelled:
            self._place_labelled()

    def _set(self, var: str, value: str, line: int) -> bool:
        """Set ``var`` unless it holds another value; True when the value is now there."""
        current = self.rec.fields.get(var)
        if current is None:
            self.rec.fields[var] = value
            self.lines.setdefault(var, line)
            return True
        return isinstance(current, str) and _same(current, value)

    def _serial(self, value: str) -> None:
        issns, isbns, understood = split_serials(value)
        if self.serials is None:
            self.serials = {"ISSN": [], "ISBN": []}
        self.serials["ISSN"] += issns
        self.serials["ISBN"] += isbns
        if not understood:
            _keep(self.rec, "SN", value)

    def _accession(self, tag: str, value: str, line: int) -> None:
        """AN: a PubMed id (see ``AN_NOT_PMID``), else the database's own number."""
        databases = " ".join(v for t, v, _ in self.entries if t in ("DB", "DP"))
        if databases:
            pubmed = PUBMED_DATABASE.search(databases)
        else:
            pubmed = self.dialect not in AN_NOT_PMID
        if value.isdigit() and len(value) <= 9 and pubmed and self._set("PMID", value, line):
            return
        if not self._set("archive_location", value, line):
            _keep(self.rec, tag, value)

    def _place_texts(self) -> None:
        rec, fields, lines = self.rec, self.rec.fields, self.lines
        fallbacks = []
        texts = self.texts
        if len(texts) > 1:
            texts.sort(key=_first)
        for _, tag, value, line, row in texts:
            value = value if row.kind == "para" else " ".join(value.split())
            var = row.var
            if var == "DOI" and tag != "DO" and "10." not in value:
                _keep(rec, tag, value)
                continue
            current = fields.get(var)  # _set, inline: a record has many texts
            if current is None:
                fields[var] = value
                if var not in lines:
                    lines[var] = line
            elif not (isinstance(current, str) and _same(current, value)):
                if row.fallback:
                    fallbacks.append((tag, value, line, row.fallback))
                else:
                    _keep(rec, tag, value)
        for tag, value, line, var in fallbacks:
            if not self._set(var, value, line):
                _keep(rec, tag, value)

    def _place_dates(self) -> None:
        for var, found in self.dates.items():
            if len(found) == 1:  # the usual one PY: the general way below, its steps that do something
                tag, value, line = found[0]
                p = parse_date(value)
                if p is not None and p.year:
                    self.rec.fields[var] = p.to_date()
                    self.lines.setdefault(var, line)
                    if not p.exact:
                        _keep(self.rec, tag, value)
                    continue
            parsed = [(_DATE_PRIORITY.get(t, 3), t, v, n, parse_date(v)) for t, v, n in found]
            if len(parsed) > 1:
                parsed.sort(key=_first)
            dated = [c for c in parsed if c[4] and c[4].year]
            if not dated:
                self._undated(var, parsed)
                continue
            _, _, _, line, base = dated[0]
            for *_, p in parsed:  # month/day/season from another tag of the same year (DA "Jun")
                if p and not base.month and p.month and p.year in (None, base.year):
                    base.month, base.day = p.month, p.day
                if p and not base.season and p.season and p.year in (None, base.year):
                    base.season = p.season
            self.rec.fields[var] = base.to_date()
            self.lines.setdefault(var, line)
            for _, tag, value, _, p in parsed:
                agrees = (p is not None and p.exact and p.year in (None, base.year)
                          and p.month in (None, base.month) and p.day in (None, base.day))
                if not agrees:
                    _keep(self.rec, tag, value)

    def _undated(self, var: str, parsed: list) -> None:
        """No year anywhere: the first real value becomes a literal date; '0000' means none."""
        for _, tag, value, line, _ in parsed:
            if var not in self.rec.fields and value.strip("0"):
                self.rec.fields[var] = Date(literal=value)
                self.lines.setdefault(var, line)
                self.rec.report("warning", "ris-date-unparsed",
                                f"{tag} '{value}' has no year; kept as a literal date", tag)
            else:
                _keep(self.rec, tag, value)

    def _place_pages(self) -> None:
        first, last = self.pages.get("SP"), self.pages.get("EP")
        if (first, last) == ("No", "Specified"):  # Ovid's "No Specified"
            self.rec.extra.update(SP=first, EP=last)
            return
        page, used_last = join_pages(first, last)
        if page:
            self.rec.fields["page"] = page
            self.lines["page"] = self.lines.get("SP") or self.lines["EP"]
        if last and not used_last:
            _keep(self.rec, "EP", last)

    def _place_lists(self) -> None:
        if self.keywords:
            self.rec.fields["keyword"] = ", ".join(self.keywords)
            self.lines["keyword"] = self.lines["KW"]
            if any("," in k for k in self.keywords):  # the list would not split back
                self.rec.extra["KW"] = "\n".join(self.keywords)
        if self.notes:
            self.rec.fields["note"] = "\n".join(self.notes)
            self.lines["note"] = self.lines["N1"]
        for var, found in (self.serials or {}).items():
            if found:
                self.rec.fields[var] = ", ".join(dict.fromkeys(found))
                self.lines[var] = self.lines["SN"]

    def _place_labelled(self) -> None:
        """``PMID: 123`` in a note, ``35957633 [PMID]`` in U1, ``doi: 10.x`` in M3: the ids."""
        for tag, value, found in self.labelled:
            placed = True
            for var, v in found:
                if not self._set(var, v, self.lines[tag]):
                    placed = False
                    self.rec.report("warning", "ris-id-conflict",
                                    f"{tag} names {var} '{v}', the record has '{self.rec.fields[var]}'; "
                                    "the record's is kept", tag)
            if tag != "N1" and len(found) == value.count("\n") + 1 and not placed:
                _keep(self.rec, tag, value)
