"""MEDLINE records (PubMed's ``.nbib`` export; ERIC writes the same layout): ``TAG - value`` lines.

A record is a run of lines between blank lines; a second ``PMID-`` line also
starts one. A tag is 2-4 capitals padded to 4 wide, then ``- ``; a line that
starts with spaces continues the field above. ``medline_record`` makes the
record of the lines.

A regular record (a tag line after a blank line, then lines up to the next
blank line, none of them a PMID line) is found by a pattern and read line by
line only where it is built (``build_text``), so that with ``defer`` the
reading is spread over the ``--jobs`` workers (``tagged``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fieldmaps import medline as fm
from ..model import Diagnostic, Failed, Location, Record
from .medline_record import Block
from .medline_record import finish as _finish
from .medline_record import record_of
from .stream import TextStream, later
from .tagged import Layout, records

_TAG_LINE = re.compile(r"([A-Z][A-Z0-9]{1,3})( {0,3})- ?(.*)")
_DASHLESS_TAG = re.compile(r"(?=[A-Z0-9 ]{4}\S)([A-Z][A-Z0-9]{1,3}) *(\S.*)")  # "SO  text": padded, no dash



def read(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """MEDLINE/PubMed tagged records (.nbib), as PubMed and ERIC export them."""

    def regular(raw: str, first_line: int):
        return later(defer, build_text, raw, first_line, path)

    def finished(item: Block | Failed):
        return later(defer, _finish, item, path) if isinstance(item, Block) else item

    yield from records(TextStream.of(text), LAYOUT, LineReader(path), regular, finished)


def build_text(raw: str, first_line: int, path: str) -> Record | Failed:
    """The record of a regular record's text, its first line being line ``first_line``."""
    lines = raw.split("\n")
    fields = regular_fields(lines, first_line)
    if fields is None:
        reader = LineReader(path)
        reader.feed(first_line, lines)
        reader.end()
        (block,) = reader.out
        return _finish(block, path)
    return record_of(fields, "\n".join(map(str.rstrip, lines)), first_line, path)  # raw, as LineReader keeps it


def regular_fields(lines: list[str], first_line: int) -> list[list] | None:
    """``[tag, value, line]`` of each field of a regular record whose lines are all tag lines of
    the usual ``TAG - `` start or indented continuations, read as ``LineReader`` and ``finish``
    read them; None for another record (``LineReader`` reads it)."""
    fields: list[list] = []
    more: list[str] | None = None  # the value parts of the last field, once a line continues it
    starts = _STANDARD_STARTS
    for number, line in enumerate(lines, start=first_line):
        if line[0] in " \t":  # a regular record has no blank line, and starts with a tag
            if more is None:
                more = [fields[-1][1]]
            more.append(line.strip())
            continue
        tag = starts.get(line[:6])
        if tag is None:
            return None
        if more is not None:
            fields[-1][1] = " ".join(more).strip()
            more = None
        fields.append([tag, line[6:].strip(), number])
    if more is not None:
        fields[-1][1] = " ".join(more).strip()
    return fields


class LineReader:
    """The records of MEDLINE lines fed in order; ``out`` holds what is finished."""

    def __init__(self, path: str):
        self.path = path
        self.block: Block | None = None
        self.orphan: list[tuple[int, str]] = []  # text outside records
        self.out: list[Block | Failed] = []

    def clean(self) -> bool:
        """True between records (after a blank line, or at the start)."""
        return self.block is None and not self.orphan

    def release(self) -> None:
        """Nothing waits for the next record to start."""

    def feed(self, number: int, lines: list[str]) -> None:
        """Read ``lines``, the first of them line ``number`` of the file."""
        block, orphan, out, path = self.block, self.orphan, self.out, self.path
        for number, line in enumerate(lines, start=number):
            line = line.rstrip()
            if not line:
                if block is not None:
                    out.append(block)
                    block = None
                if orphan:
                    out.append(_orphan(orphan, path))
                    orphan = []
                continue
            if line[0] in " \t" and block is not None:  # the common case first: a continuation
                block.fields[-1][1].append(line.strip())
            elif tagged := tag_line(line):
                tag, value = tagged
                if tag == "PMID" and block is not None and block.has_pmid:
                    out.append(block)
                    block = None
                if block is None:
                    if orphan:
                        out.append(_orphan(orphan, path))
                        orphan = []
                    block = Block(number)
                block.fields.append([tag, [value], number])
                if tag == "PMID":
                    block.has_pmid = True
            elif block is not None and (m := _DASHLESS_TAG.fullmatch(line)) and m[1] in fm.KNOWN_TAGS:
                block.fields.append([m[1], [m[2]], number])
                block.notes.append(Diagnostic("warning", "medline-no-dash",
                                              f"tag {m[1]} has no '-' after it; read as a tag",
                                              Location(path, number)))
            elif block is not None:
                block.fields[-1][1].append(line.strip())
                block.notes.append(Diagnostic(
                    "warning", "medline-untagged-line",
                    f"line has no tag and no indent; read as more of {block.fields[-1][0]}: "
                    f"'{line.strip()[:60]}'", Location(path, number)))
            else:
                orphan.append((number, line))
            if block is not None:
                block.raw.append(line)
        self.block, self.orphan = block, orphan

    def end(self) -> None:
        """The text has ended: what is open is finished."""
        if self.block is not None:
            self.out.append(self.block)
        if self.orphan:
            self.out.append(_orphan(self.orphan, self.path))
        self.block, self.orphan = None, []


# The usual start of a tag line, "TI  - ", for every known tag: a dictionary look-up of the
# line's first six characters then reads most lines without the regular expression.
_STANDARD_STARTS = {f"{tag:<4}- ": tag for tag in fm.KNOWN_TAGS if _TAG_LINE.fullmatch(f"{tag:<4}- ")}


def tag_line(line: str) -> tuple[str, str] | None:
    """(tag, value) of a tag line (``TI  - value``, or a known tag padded otherwise), else None."""
    tag = _STANDARD_STARTS.get(line[:6])
    if tag is not None:
        return tag, line[6:].strip()
    m = _TAG_LINE.fullmatch(line)
    if m and (len(m[1]) + len(m[2]) == 4 or m[1] in fm.KNOWN_TAGS):
        return m[1], m[3].strip()
    return None


def _orphan(lines: list[tuple[int, str]], path: str) -> Failed:
    """A paragraph of text outside any record."""
    snippet = lines[0][1].strip()[:60]
    return Failed(Diagnostic("error", "medline-no-tag",
                             f"text outside any MEDLINE record was not read: '{snippet}'",
                             Location(path, lines[0][0])),
                  "\n".join(line for _, line in lines))


# A regular record: a line tag_line reads as a tag, 4 wide, then lines up to a blank line (one
# with no more than whitespace: rstrip leaves nothing), none of them a PMID line (which would
# start another record).
_FIRST = r"(?:[A-Z][A-Z0-9]{3}|[A-Z][A-Z0-9]{2} |[A-Z][A-Z0-9] {2})-[^\n]*"
_BODY = _FIRST + r"(?:\n(?!PMID {0,3}-)[^\S\n]*\S[^\n]*)*+"
_BLANK_LINE = re.compile(r"^[^\S\n]*\n", re.M)


def _after_blank(text: str, pos: int, end: int) -> int:
    m = _BLANK_LINE.search(text, pos, end)
    return end if m is None else m.end()


LAYOUT = Layout(start="", record=re.compile(rf"({_BODY})\n(?:[^\S\n]*\n)++"),
                last=re.compile(rf"({_BODY})\n(?:(?:[^\S\n]*\n)++|\Z)"),
                prefix=re.compile(rf"{_BODY}\n\Z"), next_start=_after_blank)
