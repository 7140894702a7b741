"""RIS: ``XX  - value`` lines per record, closed by ``ER  - `` and a blank line.

Which tags are written, for which RIS types and in what order, is the table
``fieldmaps/ris.py`` that the RIS reader reads by, so what is written reads
back the same; a tag is written only where the reader would take it for the
same variable (no edition for a journal article, where EndNote's ET is the
e-pub date; T2 of a book is its series). Tag choices that reference managers
read back:

- ``AN`` (accession number) holds the PMID: EndNote fills its Accession Number
  with the PMID when it imports from PubMed and writes it back as ``AN``; Zotero
  keeps ``AN`` in "Loc. in Archive". ``M1`` is not used: Zotero reads ``M1`` of a
  journal article as its issue.
- ``C2`` holds the PMCID of journal articles (RIS 2011 and EndNote: JOUR's
  Custom 2 is the PMCID). For other types ``C2`` means something else, so it is
  written for journal articles only.
- ``T2`` is the container (the series for books and reports); periodicals also
  get ``JO`` (full name) and ``J2`` (abbreviation), which older readers look for.
- ``KW`` is written once per keyword: the CSL ``keyword`` list split at commas,
  or the reader's own list when a keyword holds a comma.
- Rich text (``<i>``, ``<span class="nocase">``...) is kept for Zotero, which reads it
  back as rich text, and written as plain text for ``endnote`` and ``refman``, whose
  readers would show the tags.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .. import latex as tex
from ..errors import UnknownName
from ..fieldmaps.ris import GENERIC, PERIODICAL, RIS_TYPE, WRITE_DIALECTS, WRITE_ORDER, row_for
from ..model import Name, Record, name_parts
from ..registry import WRITERS
from .templated import TemplatedWriter, oneline, page_range, ris_date, ris_name

TYPES = RIS_TYPE  # CSL type -> RIS type (TY); anything else is GEN
PERIODICALS = PERIODICAL


def keywords(record: Record) -> list[str]:
    """The keywords one by one: the reader's list if it still matches, else split at commas."""
    joined = record.get("keyword")
    if not joined:
        return []
    listed = (record.extra.get("KW") or "").split("\n")
    if ", ".join(listed) == joined:
        return listed
    return [k.strip() for k in str(joined).split(",") if k.strip()]


def _person_or_literal(name: Name) -> str:
    """``Last, First`` on one line; a family name alone keeps its comma (``Van Dung,``) so
    that it does not read back as an organisation."""
    parts = name_parts(name)
    try:
        return _person_text(*parts)
    except TypeError:  # a part that is no string and cannot be a cache key
        return _person_text.__wrapped__(*parts)


@lru_cache(maxsize=16384)  # names repeat across records; bounded, so memory stays flat
def _person_text(family, given, literal, non_dropping_particle, dropping_particle, suffix) -> str:
    text = ris_name(Name(family, given, literal, non_dropping_particle, dropping_particle, suffix))
    alone = family and not (given or literal or suffix)
    return oneline(f"{text}," if alone and " " in text else text)


def _values(record: Record, tag: str, kind: str, var: str | None) -> list[Any]:
    if kind == "key":
        return [record.id]
    if kind == "date":
        return [record.year if tag == "PY" else ris_date(record.get(var))]
    if kind == "page":
        return [page_range(record.get("page"))[0 if tag == "SP" else 1]]
    if kind == "serial":
        return [record.get("ISSN") or record.get("ISBN")]
    if kind == "list":
        return keywords(record)
    return [record.get(var)]


@lru_cache(maxsize=None)  # a few dozen RIS types times three dialects
def _plan(ris_type: str, dialect: str) -> tuple[tuple[str, str, str, str | None], ...]:
    """(written tag, tag, kind, variable) of each tag a record of ``ris_type`` may get, in order."""
    changes = WRITE_DIALECTS[dialect]
    plan = []
    for tag in WRITE_ORDER:
        row = row_for(tag, ris_type)
        if row is None or not row.write or tag in changes["drop"]:
            continue  # the reader would take this tag as something else for this type
        # a tag that is not computed is one variable's text, whatever its kind's name
        kind = row.kind if row.kind in _COMPUTED else "text"
        plan.append((changes["rename"].get(tag, tag), tag, kind, row.var))
    return tuple(plan)


_COMPUTED = frozenset({"key", "name", "date", "page", "serial", "list"})  # the kinds _values computes


def tag_lines(record: Record, ris_type: str, dialect: str = "zotero") -> Iterator[tuple[str, str]]:
    """(tag, value) for each written tag that has a value, in the table's order, with the
    tag names and choices of ``dialect``."""
    fields = record.fields
    plain = dialect != "zotero"  # Zotero reads CSL's rich text back; EndNote would show the tags
    for written, tag, kind, var in _plan(ris_type, dialect):
        if kind == "text":  # most tags: one variable's text
            value = fields.get(var)
            if value is not None:
                text = oneline(value)
                if plain and "<" in text:
                    text = tex.strip_markup(text)
                if text:
                    yield written, text
            continue
        if kind == "name":
            for name in fields.get(var) or ():
                text = _person_or_literal(name)
                if text:
                    yield written, text
            continue
        values = _values(record, tag, kind, var)
        if tag == "DA" and dialect == "refman" and not oneline(values[0]) and record.year:
            values = [f"{record.year}///"]  # Y1 carries the year even without a month
        for value in values:
            text = oneline(value)
            if plain and "<" in text:
                text = tex.strip_markup(text)
            if text:
                yield written, text


@WRITERS.register("ris", extension=".ris")
class RISWriter(TemplatedWriter):
    """RIS records (UTF-8; read by EndNote, Zotero, Mendeley)."""

    template = "ris.j2"
    direct_for = "3c5f99d27fe8a909"  # templated.template_hash("ris.j2") that render() writes

    def __init__(self, out, **options: Any):
        super().__init__(out, **options)
        self.dialect = options.get("ris_dialect") or "zotero"
        if self.dialect not in WRITE_DIALECTS:
            raise UnknownName("RIS dialect", self.dialect, list(WRITE_DIALECTS))

    def context(self, record: Record) -> dict[str, Any]:
        ris_type = RIS_TYPE.get(record.type, GENERIC)
        return {"record": record, "key": record.id, "ris_type": ris_type,
                "lines": list(tag_lines(record, ris_type, self.dialect))}

    def render(self, record: Record) -> str:
        if not self.direct():  # a user's template, or a changed ris.j2
            return super().render(record)
        # ris.j2's text, written directly: a record costs a fifth of a jinja2 render
        # (tests/test_writers_ris.py checks that the two are the same).
        ris_type = RIS_TYPE.get(record.type, GENERIC)
        lines = "".join(["%s  - %s\n" % line for line in tag_lines(record, ris_type, self.dialect)])
        return "TY  - %s\n%sER  - \n\n" % (ris_type, lines)
