"""RIS: ``XX  - value`` tag lines; a record runs from ``TY`` to ``ER``.

Lenient where real exports are: one space or a tab around the dash (for known
tags), a line without a tag continues the tag above it (multi-line abstracts,
EndNote's one-keyword-a-line lists), blank lines inside records, a missing
``ER`` (the record ends at a ``TY`` after a blank line, or at the end of the
file), tags written after ``ER`` (Ovid puts ``NL`` there: they join the record
before) and text outside records (reported, kept in the record's raw text).
A ``TY`` right under another tag, with no blank line between, is taken as a
repeated tag rather than a new record: an exporter that drops ``ER`` still
separates its records. Rispy does none of this and loses the line numbers,
hence this parser (``ris_lines``).

A regular record (``TY  - `` to ``ER  -``, no other TY or ER line and no
byte-order mark in it, the next ``TY  - `` or the end after it) is found by a
pattern and read line by line only where it is built (``build_text``), so that
with ``defer`` the reading is spread over the ``--jobs`` workers (``tagged``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Failed, Record
from .ris_lines import LineReader, _tag_line, regular_entries
from .ris_record import Block, build, dialect_of, record_of
from .stream import TextStream, later
from .tagged import Layout, records

_SNIFF_CHARS = 65536  # the file's dialect is guessed from its start

_BODY = r"TY  - [^\n]*\n(?:(?!(?:TY|ER)[ \t]+-)[^\n]*\n)*+"  # TY, then no line that could be TY or ER
_RECORD = r"(" + _BODY + r"ER  -[^\n]*)\n(?:[ \t]*\n)*+"  # ... ER, and the blank lines after it


def _next_ty(text: str, pos: int, end: int) -> int:
    at = text.find("\nTY  - ", pos, end)
    return end if at < 0 else at + 1


# A byte-order mark anywhere in a record, which the line reader drops, makes it irregular too.
LAYOUT = Layout(start="TY  - ", record=re.compile(_RECORD + "(?=TY  - )"),
                last=re.compile(_RECORD + r"(?=TY  - |\Z)"),
                prefix=re.compile(_BODY + r"(?:ER  -[^\n]*\n(?:[ \t]*\n)*+)?\Z"), next_start=_next_ty,
                unsafe="\ufeff")


def sniff_dialect(text: str) -> str | None:
    """The exporting tool the start of a file shows; records that show none get it."""
    return dialect_of(tagged for tagged in map(_tag_line, text.split("\n")) if tagged)


def read(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """RIS records (TY ... ER), with the dialects of the common exporters."""
    stream = TextStream.of(text)
    dialect = sniff_dialect(stream.head(_SNIFF_CHARS))

    def regular(raw: str, first_line: int):
        return later(defer, build_text, raw, first_line, path, dialect)

    def finished(item: Block | Failed):
        return later(defer, build, item, path, dialect) if isinstance(item, Block) else item

    yield from records(stream, LAYOUT, LineReader(path), regular, finished)


def build_text(raw: str, first_line: int, path: str, dialect: str | None) -> Record | Failed:
    """The record of a regular record's text, its first line being line ``first_line``."""
    entries, er_value = regular_entries(raw, first_line)
    return record_of(entries, raw.strip("\n"), first_line, path, dialect, er_value=er_value)
