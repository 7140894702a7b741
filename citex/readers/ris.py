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
hence this parser.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from ..fieldmaps.ris import KNOWN_TAGS
from ..model import Diagnostic, Failed, Location, Record
from ..registry import READERS
from .ris_record import Block, build, dialect_of
from .stream import TextStream, later

FORMAT = "ris"
_STRICT = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_LOOSE = re.compile(r"^([A-Z][A-Z0-9])[ \t]+-(?:[ \t]+(.*))?$")
_NUMBERING = re.compile(r"^\s*(?:\d+\.?|Record\s*#?\s*\d+\s+of\s+\d+)\s*$", re.I)
_SNIFF_CHARS = 65536  # the file's dialect is guessed from its start


# Every "XX  - " a strict tag line can start with: most lines are read by a look-up of their
# first six characters, without the patterns.
_STRICT_STARTS = {f"{a}{b}  - ": a + b for a in string.ascii_uppercase
                  for b in string.ascii_uppercase + string.digits}


def _tag_line(line: str) -> tuple[str, str] | None:
    tag = _STRICT_STARTS.get(line[:6])
    if tag is not None:
        return tag, line[6:].strip().replace("\ufeff", "")
    m = _STRICT.match(line)
    if m is None:
        m = _LOOSE.match(line)
        if m is None or m.group(1) not in KNOWN_TAGS:
            return None
    return m.group(1), (m.group(2) or "").strip().replace("\ufeff", "")


def sniff_dialect(text: str) -> str | None:
    """The exporting tool the start of a file shows; records that show none get it."""
    return dialect_of(tagged for tagged in map(_tag_line, text.split("\n")) if tagged)


@READERS.register(FORMAT, extensions=(".ris",), sniff=r"(?m)^\ufeff?TY {1,2}- ", stream=True, defer=True)
def read(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """RIS records (TY ... ER), with the dialects of the common exporters."""
    stream = TextStream.of(text)
    dialect = sniff_dialect(stream.head(_SNIFF_CHARS))
    block: Block | None = None  # the record being read
    held: Block | None = None  # the last record closed by ER: tags after its ER join it
    junk: list[tuple[int, str]] = []  # text outside records, waiting for a record
    blank = True
    for number, line in enumerate(stream.lines(), start=1):
        if "\ufeff" in line:  # a byte-order mark left mid-file by concatenated exports
            line = line.replace("\ufeff", "")
        tag = _STRICT_STARTS.get(line[:6])  # the common "XX  - value" without a call (no BOM left)
        tagged = (tag, line[6:].strip()) if tag is not None else _tag_line(line)
        if tagged is None:
            if not line.strip():
                if block is not None:
                    block.raw.append(line)
            elif block is not None and not (block.headless and blank):
                block.continue_last(line, blank)
            else:
                junk.append((number, line))
            blank = not line.strip()
            continue
        tag, value = tagged
        if tag == "TY" and (block is None or block.headless or blank):
            for done in _end_open(block, held):
                yield later(defer, build, done, path, dialect)
            block, held = Block(number), None
            _attach(junk, block)
        elif tag == "ER":
            if held is not None:
                yield later(defer, build, held, path, dialect)
            if block is None:
                yield _stray_er(number, line, path, junk)
            else:
                _attach(junk, block)
                block.close(line, value)
            block, held, junk, blank = None, block, [], False
            continue
        elif block is None:
            block = Block(number, headless=True)
            _attach(junk, block)
        junk = []
        block.add(tag, value, number, line)
        blank = False
    done = _end_open(block, held)
    if done and junk:
        _attach(junk, done[-1])
    elif junk:
        yield _lost_text(junk, path)
    for block in done:
        yield later(defer, build, block, path, dialect)


def _end_open(block: Block | None, held: Block | None) -> list[Block]:
    """The records to build, in order, when the open block ends without an ER of its own."""
    if block is not None and block.headless and held is not None:
        held.take_trailing(block)  # tags after the last ER: Ovid's NL
        return [held]
    if block is not None:
        block.unterminated = True
    return [b for b in (held, block) if b is not None]


def _attach(junk: list[tuple[int, str]], block: Block) -> None:
    """Text found outside records goes into the raw text of the record next to it, reported."""
    if not junk:
        return
    lines = [text for _, text in junk]
    block.raw.extend(lines)
    harmless = all(_NUMBERING.match(text) for text in lines)
    block.notes.append(Diagnostic(
        "info" if harmless else "warning", "ris-outside-record",
        f"text outside any record was not read as a field: '{lines[0].strip()[:60]}'"
        + (f" (+{len(lines) - 1} more lines)" if len(lines) > 1 else ""),
        Location("", junk[0][0])))


def _stray_er(number: int, line: str, path: str, junk: list[tuple[int, str]]) -> Failed:
    raw = "\n".join([text for _, text in junk] + [line])
    return Failed(Diagnostic("error", "ris-er-without-ty", "'ER' closes no record (no TY or tags before it)",
                             Location(path, number)), raw)


def _lost_text(junk: list[tuple[int, str]], path: str) -> Failed:
    snippet = junk[0][1].strip()[:60]
    return Failed(Diagnostic("error", "ris-no-record", f"text with no RIS tags was not read: '{snippet}'",
                             Location(path, junk[0][0])), "\n".join(text for _, text in junk))
