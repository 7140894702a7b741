"""RIS read one line at a time: the exact reading, for irregular text and inside each record.

``LineReader`` keeps its state between calls, so the text can come in runs of lines:
``ris.read`` gives it what its record pattern does not match, and ``ris.build_text``
the lines of one regular record. What it finishes (a ``Block`` to build, or a
``Failed``) waits in ``out``, in input order.
"""

from __future__ import annotations

import re
import string

from ..fieldmaps.ris import KNOWN_TAGS
from ..model import Diagnostic, Failed, Location
from .ris_record import Block

_STRICT = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_LOOSE = re.compile(r"^([A-Z][A-Z0-9])[ \t]+-(?:[ \t]+(.*))?$")
_UNTAGGED = re.compile(r"\n(?![A-Z][A-Z0-9]  - )")  # a line that does not start as _STRICT_STARTS reads
_NUMBERING = re.compile(r"^\s*(?:\d+\.?|Record\s*#?\s*\d+\s+of\s+\d+)\s*$", re.I)

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


def regular_entries(raw: str, first_line: int) -> tuple[list[tuple[str, str, int]], str]:
    """(tag, value, line) of each tag of a regular record's text (``ris.LAYOUT``: TY first, ER
    last, no other TY or ER, no byte-order mark), its lines read as ``LineReader`` and ``build``
    read them; and ER's value. Line for line the same steps, without a ``Block`` in between."""
    lines = raw.split("\n")
    if _UNTAGGED.search(raw) is None:
        # each line "XX  - value", as most records are: no line joins (the first is TY's; one
        # search for a later line that is not so, where matching each line took twice the time)
        entries = [(line[:2], line[6:].strip(), number) for number, line in enumerate(lines, first_line)]
        return entries, entries.pop()[1]
    entries = []
    more: list[str] | None = None  # the value lines of the last tag, once a line continues it
    blank = False
    starts = _STRICT_STARTS
    er = lines.pop()
    for number, line in enumerate(lines, start=first_line):
        tag = starts.get(line[:6])
        tagged = (tag, line[6:].strip()) if tag is not None else _tag_line(line)
        if tagged is not None:
            if more is not None:
                tag0, _, n0 = entries[-1]
                entries[-1] = (tag0, "\n".join(more).strip(), n0)
                more = None
            entries.append((*tagged, number))
            blank = False
            continue
        text = line.strip()
        if text:
            if more is None:
                more = [entries[-1][1]]
            if blank:
                more.append("")
            more.append(text)
        blank = not text
    if more is not None:
        tag0, _, n0 = entries[-1]
        entries[-1] = (tag0, "\n".join(more).strip(), n0)
    return entries, _tag_line(er)[1]


class LineReader:
    """The records of RIS lines fed in order; ``out`` holds what is finished."""

    def __init__(self, path: str):
        self.path = path
        self.block: Block | None = None  # the record being read
        self.held: Block | None = None  # the last record closed by ER: tags after its ER join it
        self.junk: list[tuple[int, str]] = []  # text outside records, waiting for a record
        self.blank = True
        self.out: list[Block | Failed] = []

    def clean(self) -> bool:
        """True between records: no record open and no stray text waiting for one."""
        return self.block is None and not self.junk

    def release(self) -> None:
        """A ``TY`` comes next: the record held for tags after its ER is finished."""
        if self.held is not None:
            self.out.append(self.held)
            self.held = None

    def feed(self, number: int, lines: list[str]) -> None:
        """Read ``lines``, the first of them line ``number`` of the file."""
        block, held, junk, blank, out = self.block, self.held, self.junk, self.blank, self.out
        for number, line in enumerate(lines, start=number):
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
                out.extend(_end_open(block, held))
                block, held = Block(number), None
                _attach(junk, block)
            elif tag == "ER":
                if held is not None:
                    out.append(held)
                if block is None:
                    out.append(_stray_er(number, line, self.path, junk))
                else:
                    _attach(junk, block)
                    block.close(line, value)
                block, held, junk, blank = None, block, [], False
                continue
            elif block is None:
                block = Block(number, headless=True)
                _attach(junk, block)
            if junk:
                junk = []
            block.add(tag, value, number, line)
            blank = False
        self.block, self.held, self.junk, self.blank = block, held, junk, blank

    def end(self) -> None:
        """The text has ended: what is open is finished."""
        done = _end_open(self.block, self.held)
        if done and self.junk:
            _attach(self.junk, done[-1])
        elif self.junk:
            self.out.append(_lost_text(self.junk, self.path))
        self.out.extend(done)
        self.block = self.held = None
        self.junk = []


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
