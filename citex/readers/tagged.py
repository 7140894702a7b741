"""Tagged-line text (RIS, MEDLINE) cut into records a piece at a time, by regular expression.

A tagged reader's line reader reads exactly but one Python step a line. Most
records are regular, though (the same start, the same end, nothing between
them that could change where they end), and a format's ``Layout`` gives
patterns that find such records in a whole piece of text at C speed. Each one
is passed on as its text and first line number, to be read line by line where
it is built: later, or in a ``--jobs`` worker. Text the patterns do not match
goes through the line reader here, in order, and the line reader says when it
is between records again. The records, failures and their order are those of
the line reader alone, and so is when each is given relative to the reading
of the next piece (where decoding may report a bad line).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from .stream import TextStream


class LineReader(Protocol):
    out: list  # what is finished, in order

    def clean(self) -> bool: ...  # between records, nothing pending
    def release(self) -> None: ...  # a record starts here: finish what waited for one
    def feed(self, number: int, lines: list[str]) -> None: ...
    def end(self) -> None: ...


@dataclass(frozen=True)
class Layout:
    """Where regular records are, for one format.

    ``record`` matches a regular record at a line start, its text (without its last line
    end) as group 1, and the blank lines after it, up to a line where another can start;
    ``last`` the same where the text may end instead; ``prefix`` (matched up to the end
    of a piece) a regular record's start cut off by that end, worth waiting for the next
    piece. ``start`` is the text a record's first line starts with ('' for any line);
    ``next_start(text, pos, end)`` the next line after ``pos`` where a record can start.
    A record holding the character ``unsafe`` is irregular (a look for it is quicker
    than leaving it out of the patterns).

    ``encoded``, where given, is the same layout for UTF-8 bytes (its patterns of ASCII only,
    so that they match the bytes as they match the text): pieces the stream has as bytes
    are cut so, each regular record passed on as its bytes.
    """

    start: str | bytes
    record: re.Pattern
    last: re.Pattern
    prefix: re.Pattern
    next_start: Callable[[Any, int, int], int]
    unsafe: str | bytes = ""
    encoded: Layout | None = None


def records(stream: TextStream, layout: Layout, lines: LineReader,
            regular: Callable[[str, int], Any], finished: Callable[[Any], Any]) -> Iterator[Any]:
    """``regular(text, first_line)`` of each regular record and ``finished(item)`` of what
    the line reader finishes, in input order. ``text`` is the record's UTF-8 bytes where the
    layout has an ``encoded`` form and the stream has the bytes."""
    carry: str | bytes = ""
    number = 1
    for piece in stream.encoded_pieces() if layout.encoded is not None else stream.pieces():
        if carry.__class__ is not piece.__class__:  # a piece of text after bytes, or the reverse
            carry = carry.decode("utf-8") if carry.__class__ is bytes else carry.encode("utf-8", "surrogatepass")
        text = carry + piece if carry else piece
        newline = "\n" if text.__class__ is str else b"\n"
        pos, number = yield from _scan(text, text.rfind(newline) + 1, False, number, layout, lines,
                                       regular, finished)
        carry = text[pos:]
    # The line after the last line end is the last line, '' when the text ends with one.
    newline = "\n" if carry.__class__ is str else b"\n"
    yield from _scan(carry + newline, len(carry) + 1, True, number, layout, lines, regular, finished)
    lines.end()
    yield from _take(lines, finished)


def _scan(text: str, end: int, final: bool, number: int, layout: Layout, lines: LineReader,
          regular: Callable[[str, int], Any], finished: Callable[[Any], Any]):
    """Read the whole lines of ``text[:end]``; (where the rest starts, its line number).

    What is not read is a regular record's start that the next piece may complete."""
    encoded = text.__class__ is bytes
    if encoded:
        layout = layout.encoded
    newline = b"\n" if encoded else "\n"
    record = layout.last if final else layout.record
    unsafe = layout.unsafe
    # where the next `unsafe` is, at or after pos (-1: none): looked for once, not in each record
    later_unsafe = _find(text, unsafe, 0) if unsafe else -1
    pos = 0
    while pos < end:
        if lines.clean() and text.startswith(layout.start, pos):
            lines.release()
            yield from _take(lines, finished)
            if 0 <= later_unsafe < pos:
                later_unsafe = _find(text, unsafe, pos)
            while (m := record.match(text, pos, end)) is not None:
                if 0 <= later_unsafe < m.end(1):
                    break
                yield regular(m[1], number)
                number += text.count(newline, pos, m.end())
                pos = m.end()  # not past an unsafe: the blank lines after a record hold none
            if pos >= end:
                break
            if not final and pos and layout.prefix.match(text, pos, end) and not 0 <= later_unsafe < end:
                break  # it waits for the next piece; at pos 0 it is longer than one: read by lines
        stop = layout.next_start(text, pos, end)
        run = (text[pos:stop].decode("utf-8") if encoded else text[pos:stop]).split("\n")
        run.pop()  # '' after the run's last line end
        lines.feed(number, run)
        yield from _take(lines, finished)
        number += len(run)
        pos = stop
    return pos, number


def _find(text: str | bytes, part: str | bytes, pos: int) -> int:
    """``text.find(part, pos)``, found from its first character: a search for several bytes
    (a BOM's three) took 15% of the reading, one for a byte is a memchr."""
    first = part[:1]
    at = text.find(first, pos)
    while at >= 0 and not text.startswith(part, at):
        at = text.find(first, at + 1)
    return at


def _take(lines: LineReader, finished: Callable[[Any], Any]) -> Iterator[Any]:
    if lines.out:
        done = lines.out[:]
        lines.out.clear()
        for item in done:
            yield finished(item)
