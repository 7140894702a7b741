"""BibTeX: one ``@type{key, field = {value}}`` entry per record, aligned like bibtex-tidy.

The entry type and the fields that depend on it come from the tables below;
which fields are written, and in what order, is ``templates/bibtex.j2``.
Text is LaTeX-escaped and, by default, ASCII (``ascii=False`` keeps UTF-8 for
biber or for BibTeX with xelatex/lualatex).

An entry that lacks a field the standard styles (plain, unsrt, plainnat)
require of its type is written as ``@misc``, which holds the same fields and
requires none, and the record says so: BibTeX would warn, and a style would
print the entry with a gap.

What the standard styles can print only one of goes to ``note``, where they
print it, and the record says so: a @book's editor beside its author
("Edited by ..."), and a book's or proceedings' number in its series beside
its volume, or without a series ("Number 6 in Good Series").
"""

from __future__ import annotations

from typing import Any

from .. import latex as tex
from ..model import Name, Record
from ..registry import WRITERS
from . import bibtex_empty as empty
from .bibentry import MISC, BibEntryWriter, number
from .templated import (bib_entry, bibtex_month, bibtex_names, bibtex_pages, bibtex_title, bibtex_year,
                        iso_date, latex, verbatim)

# Every CSL 1.0.2 type -> (BibTeX entry type, field for container-title).
TYPES = {
    **dict.fromkeys(["article", "article-journal", "article-magazine", "article-newspaper",
                     "review", "review-book"], ("article", "journal")),
    **dict.fromkeys(["book", "classic", "collection"], ("book", None)),
    **dict.fromkeys(["chapter", "entry", "entry-dictionary", "entry-encyclopedia"],
                    ("incollection", "booktitle")),
    "paper-conference": ("inproceedings", "booktitle"),
    "thesis": ("phdthesis", None),  # mastersthesis by genre: see entry_type()
    **dict.fromkeys(["report", "standard"], ("techreport", None)),
    "manuscript": ("unpublished", None),
    "pamphlet": ("booklet", None),
    **dict.fromkeys([
        "bill", "broadcast", "dataset", "document", "event", "figure", "graphic", "hearing",
        "interview", "legal_case", "legislation", "map", "motion_picture", "musical_score",
        "patent", "performance", "periodical", "personal_communication", "post", "post-weblog",
        "regulation", "software", "song", "speech", "treaty", "webpage"], MISC),
}
# Where the publisher goes, for the entry types that call it something else.
PUBLISHER = {"phdthesis": "school", "mastersthesis": "school", "techreport": "institution"}
# What plain/unsrt/plainnat require of each type (misc: nothing), as record roles.
REQUIRED = {
    "article": ("author", "title", "container", "year"),
    "book": ("author", "title", "publisher", "year"),
    "booklet": ("title",),
    "incollection": ("author", "title", "container", "publisher", "year"),
    "inproceedings": ("author", "title", "container", "year"),
    "phdthesis": ("author", "title", "publisher", "year"),
    "mastersthesis": ("author", "title", "publisher", "year"),
    "techreport": ("author", "title", "publisher", "year"),
    "unpublished": ("author", "title", "note"),
}
_ROLES = {"author": "an author", "title": "a title", "publisher": "a publisher", "year": "a year",
          "note": "a note"}


_FIELD_OF = {"container": "container-title"}  # roles whose field has another name


def _has(fields: dict[str, Any], record: Record, role: str, entry: str) -> bool:
    if role == "author":  # a book may have editors instead
        return bool(fields.get("author") or (entry == "book" and fields.get("editor")))
    if role == "year":
        return record.year is not None or bool(getattr(fields.get("issued"), "literal", None))
    value = fields.get(_FIELD_OF.get(role, role))
    return bool((value if value.__class__ is str else str(value or "")).strip())


def missing(record: Record, entry: str) -> list[str]:
    """What the standard styles require of a BibTeX ``entry`` that the record lacks."""
    fields = record.fields
    lacking = [r for r in REQUIRED.get(entry, ()) if not _has(fields, record, r, entry)]
    if entry == "article" and fields.get("issue") and not fields.get("volume"):
        lacking.append("volume")
    if not lacking:
        return []  # most records: no roles to name
    roles = {**_ROLES, "container": "a journal" if entry == "article" else "a book or proceedings title",
             "volume": "a volume for its issue"}
    return [roles[r] for r in lacking]


# Entry types whose `volume` and `number` plain prints one or the other of, the number
# only with a series (btxdoc: "volume or number"; plain.bst format.bvolume).
SERIES_NUMBERED = frozenset({"book", "incollection", "inproceedings"})


def display_names(names: list[Name], truncated: bool = False) -> str:
    """Names in reading order for running text: ``Ana Gómez, Jan van der Berg and WHO``."""
    out = [name.literal or " ".join(p for p in (name.given, name.dropping_particle,
                                                   name.non_dropping_particle, name.family,
                                                   name.suffix) if p)
           for name in names]
    out = [n for n in out if n] + (["others"] if truncated else [])
    return " and ".join(out) if len(out) < 3 else ", ".join(out[:-1]) + " and " + out[-1]


def _sentences(parts: list[str]) -> str:
    out = ""
    for part in (" ".join(str(p).split()) for p in parts if p):
        if part:
            out += (" " if out.endswith((".", "!", "?")) else ". ") + part if out else part
    return out


def plain_fields(record: Record, entry: str) -> tuple[list[Name] | None, Any, str]:
    """(editor, number, note) as plain/unsrt/plainnat print them, without a warning.

    A @book prints its author or its editor, and a book or proceedings its volume or
    its series number (a number only with a series): the value a style would leave
    out, with a warning, is moved to the note, and the record says so.
    """
    editor, num, moved = record.get("editor"), number(record, entry), []
    if entry == "book" and record.get("author") and editor:
        moved.append("Edited by " + display_names(editor, "editor" in record.truncated))
        record.report("info", "bibtex-moved", "the editor is written in the note: a BibTeX "
                      "@book prints its author or its editor, not both")
        editor = None
    series = str(record.get("collection-title") or "").strip()
    if entry in SERIES_NUMBERED and str(num or "").strip() and (record.get("volume") or not series):
        moved.append(f"Number {num}" + (f" in {series}" if series else ""))
        record.report("info", "bibtex-moved", "the number is written in the note: a BibTeX "
                      f"@{entry} prints a volume or a number in a series, not both")
        num = None
    note = record.get("note")
    return editor, num, _sentences([note, *moved]) if note or moved else ""


def sort_key(record: Record) -> str | None:
    """The first words of the title: what BibTeX sorts and labels an authorless entry by.

    Given whenever there is no author: @misc and kin sort by author or key only, an
    editor does not count.
    """
    if record.get("author"):
        return None
    words = tex.strip_markup(record.get("title") or record.get("container-title") or "").split()
    return " ".join(words[:3]).rstrip(".,:;") or record.id  # nothing else to sort by: the key


@WRITERS.register("bibtex", extension=".bib")
class BibTeXWriter(BibEntryWriter):
    """BibTeX entries (LaTeX-escaped, ASCII unless ascii=False)."""

    template = "bibtex.j2"
    direct_for = "7d1f4b60a7e06821"  # templated.template_hash("bibtex.j2") that render_direct writes
    types, publishers = TYPES, PUBLISHER

    def entry(self, record: Record) -> tuple[str, str | None]:
        """The entry type, or @misc when the record lacks what the type requires (said)."""
        entry, container = super().entry(record)
        lacking = missing(record, entry)
        if lacking:
            record.report("info", "bibtex-misc",
                          f"written as @misc: a BibTeX @{entry} needs {' and '.join(lacking)}, "
                          "and this record has none")
            return MISC
        return entry, container

    def write(self, record: Record) -> None:
        empty.check(record)  # nothing a style prints: identifiers in the note, or not written
        super().write(record)

    def fields(self, record: Record, entry: str) -> dict[str, Any]:
        editor, num, note = plain_fields(record, entry)
        return {"editor": editor, "number": num, "note": empty.note(record, note),
                "sort_key": sort_key(record)}  # without an author, styles sort (and label) by `key`

    def render_direct(self, context: dict[str, Any]) -> str:
        # bibtex.j2's text, written directly: a jinja2 render costs more than the values it
        # writes (tests/test_writers_bibtex.py checks that the two are the same).
        return bib_entry(context, template_fields(context), bare=("month",))


_TYPED = ("phdthesis", "mastersthesis", "techreport")  # the entry types bibtex.j2 gives a `type`


def _names(value: Any, ascii: bool) -> str:
    return bibtex_names(value, False, ascii)  # stands in the table; template_fields passes `truncated`


# bibtex.j2's ``fields`` in order: (field, where its value is, how it is written). A name with
# an @ is read from the template's context, not the record's values: @container_field is the
# field's name, @editor its value. Each function returns "" for an empty value.
_FIELDS = (
    ("author", "author", _names), ("editor", "@editor", _names),
    ("title", "title", bibtex_title), ("shorttitle", "title-short", bibtex_title),
    ("@container_field", "container-title", latex), ("series", "collection-title", latex),
    ("chapter", "chapter-number", latex), ("edition", "edition", latex), ("type", "genre", latex),
    ("@publisher_field", "publisher", latex), ("address", "publisher-place", latex),
    ("year", "issued", lambda date, ascii: bibtex_year(date)),
    ("month", "issued", lambda date, ascii: bibtex_month(date)),
    ("volume", "volume", latex), ("number", "@number", latex), ("pages", "page", bibtex_pages),
    ("isbn", "ISBN", latex), ("issn", "ISSN", latex), ("doi", "DOI", lambda text, ascii: verbatim(text)),
    ("pmid", "PMID", latex), ("pmcid", "PMCID", latex), ("url", "URL", lambda text, ascii: verbatim(text)),
    ("urldate", "accessed", lambda date, ascii: iso_date(date)),
    ("language", "language", latex), ("keywords", "keyword", latex), ("note", "@note", latex),
    ("abstract", "abstract", latex), ("key", "@sort_key", latex),
)
# The same, with what is read from the context as its key there: (field or None, field's context
# key or None, value's context key or None, record variable, function).
_PLAN = tuple((None if f[0] == "@" else f, f[1:] if f[0] == "@" else None,
               v[1:] if v[0] == "@" else None, v.lstrip("@"), write) for f, v, write in _FIELDS)


def template_fields(c: dict[str, Any]) -> list[tuple[str, str]]:
    """bibtex.j2's ``fields`` list: (field, value) in the order written, empty ones left out.

    A value the record lacks is skipped without a call: most of the fields, for most records.
    """
    value, ascii, truncated = c["values"].get, c["ascii"], c["record"].truncated  # .get: no __missing__ call
    typed = c["entry_type"] in _TYPED
    out = []
    for field, field_key, context_key, var, write in _PLAN:
        text = c[context_key] if context_key else value(var)
        if text is None or var == "genre" and not typed:
            continue
        if write is _names:
            text = bibtex_names(text, var in truncated, ascii)
        else:
            text = write(text, ascii)
        name = c[field_key] if field_key else field
        if text and name:
            out.append((name, text))
    return out
