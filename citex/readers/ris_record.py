"""One RIS record from its tag lines: its type, then each tag into a CSL variable or ``extra``.

Which variable a tag fills is ``fieldmaps/ris.py``; ``ris_fields.py`` applies the
kinds of that table. Values that lose to a higher-priority tag, repeats that
differ, and tags with no CSL home are kept verbatim in ``extra`` under their
tag (repeats joined with a newline), so nothing read is lost.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..fieldmaps.ris import CSL_TYPE, GENERIC, ROWS, SIGNS_BY_TAG
from ..model import Diagnostic, Failed, Location, Record, Source
from .ris import FORMAT
from .ris_fields import Fields, keep

_SIGN_TAGS = frozenset(SIGNS_BY_TAG)  # the tags that can show a dialect


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
    notes = [Diagnostic(note.level, note.code, note.message, Location(path, note.location.line))
             for note in notes]
    if not content:
        return Failed(Diagnostic("error", "ris-empty", "record has no fields", Location(path, first_line)),
                      raw, notes)
    if not types and not any(tag in ROWS for tag, _, _ in content):
        return Failed(Diagnostic("error", "ris-no-ty", "tags with no TY and no known field were not read",
                                 Location(path, first_line)), raw, notes)
    ris_type = types[0].upper() if types and types[0] else GENERIC
    rec = Record(type=CSL_TYPE.get(ris_type, "document"),
                 source=Source(FORMAT, path, first_line, raw, {}, dialect))
    rec.diagnostics += notes
    if not types:
        rec.report("warning", "ris-no-ty", "record has no TY line; read as a generic document")
    elif ris_type not in CSL_TYPE:
        rec.extra["TY"] = types[0]
        rec.report("warning", "ris-unknown-type", f"unknown RIS type '{types[0]}'; read as a document")
    if len(types) > 1:
        keep(rec, "TY", "\n".join(types[1:]))
        rec.report("warning", "ris-repeated-ty",
                   f"TY repeated inside the record ({', '.join(types[1:])}); the first is used")
    if unterminated:
        rec.report("warning", "ris-no-er", "record has no ER line; it ends at the next TY or the file's end")
    if er_value:
        rec.extra["ER"] = er_value
    Fields(rec, ris_type, dialect).fill(content)
    return rec
