"""The fields of one RIS record: each (tag, value, line) into a CSL variable or ``extra``,
by the kinds of the tag table (``fieldmaps/ris.py``); ``ris_record.record_of`` makes the record.

Values that lose to a higher-priority tag, repeats that differ, and tags with no CSL home
are kept verbatim in ``extra`` under their tag (repeats joined with a newline).
"""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter

from ..fieldmaps.ris import AN_NOT_PMID, PRIORITY, PUBMED_DATABASE, ROWS, Tag, row_for
from ..model import Date, Name, Record
from ..textnorm import one_line
from .ris_values import (is_et_al, join_pages, labelled_ids, parse_date, spaced_name_parts,
                         split_serials)

_DATE_PRIORITY = {"DA": 0, "PY": 1, "Y1": 2}  # Zotero and RIS 2011: DA over the older Y1
_LABEL_SCAN = frozenset("N1 M1 M3 U1 U2 U3 U4 U5 C1 C2 C3 C4 C5 C6 C7 C8".split())
_first = itemgetter(0)  # the sort key of (priority, ...) rows: ties keep their file order


def keep(rec: Record, tag: str, value: str) -> None:
    rec.extra[tag] = f"{rec.extra[tag]}\n{value}" if tag in rec.extra else value


def _same(a: str, b: str) -> bool:
    """Whether two values are the same but for case and spacing."""
    if a == b:
        return True
    # The folded values' first words are the values' first words folded: when those differ, so
    # do the values, known without splitting them whole (an abstract against its copyright
    # line, a URL against another).
    first_a, first_b = a.split(None, 1)[:1], b.split(None, 1)[:1]
    if first_a != first_b and [w.casefold() for w in first_a] != [w.casefold() for w in first_b]:
        return False
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
    text = one_line(value)
    if len(text) <= 12 and is_et_al(text):
        parts = _ET_AL_NAME
    else:
        found = spaced_name_parts(text)
        parts = _NO_NAME if found is None else found
    if len(_NAMES) >= _NAMES_CAP:
        _NAMES.clear()
    _NAMES[value] = parts
    return parts


class Fields:
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
                keep(rec, tag, value)
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
                keep(rec, tag, value)
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
            keep(self.rec, "SN", value)

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
            keep(self.rec, tag, value)

    def _place_texts(self) -> None:
        rec, fields, lines = self.rec, self.rec.fields, self.lines
        fallbacks = []
        texts = self.texts
        if len(texts) > 1:
            texts.sort(key=_first)
        for _, tag, value, line, row in texts:
            value = value if row.kind == "para" else one_line(value)
            var = row.var
            if var == "DOI" and tag != "DO" and "10." not in value:
                keep(rec, tag, value)
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
                    keep(rec, tag, value)
        for tag, value, line, var in fallbacks:
            if not self._set(var, value, line):
                keep(rec, tag, value)

    def _place_dates(self) -> None:
        for var, found in self.dates.items():
            if len(found) == 1:  # the usual one PY: the general way below, its steps that do something
                tag, value, line = found[0]
                p = parse_date(value)
                if p is not None and p.year:
                    self.rec.fields[var] = p.to_date()
                    self.lines.setdefault(var, line)
                    if not p.exact:
                        keep(self.rec, tag, value)
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
                    keep(self.rec, tag, value)

    def _undated(self, var: str, parsed: list) -> None:
        """No year anywhere: the first real value becomes a literal date; '0000' means none."""
        for _, tag, value, line, _ in parsed:
            if var not in self.rec.fields and value.strip("0"):
                self.rec.fields[var] = Date(literal=value)
                self.lines.setdefault(var, line)
                self.rec.report("warning", "ris-date-unparsed",
                                f"{tag} '{value}' has no year; kept as a literal date", tag)
            else:
                keep(self.rec, tag, value)

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
            keep(self.rec, "EP", last)

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
                keep(self.rec, tag, value)
