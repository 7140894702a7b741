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
    """

    start: str
    record: re.Pattern[str]
    last: re.Pattern[str]
    prefix: re.Pattern[str]
    next_start: Callable[[str, int, int], int]
    unsafe: str = ""


def records(stream: TextStream, layout: Layout, lines: LineReader,
            regular: Callable[[str, int], Any], finished: Callable[[Any], Any]) -> Iterator[Any]:
    """``regular(text, first_line)`` of each regular record and ``finished(item)`` of what
    the line reader finishes, in input order."""
    carry, number = "", 1
    for piece in stream.pieces():
        text = carry + piece if carry else piece
        pos, number = yield from _scan(text, text.rfind("\n") + 1, False, number, layout, lines,
                                       regular, finished)
        carry = text[pos:]
    # The line after the last line end is the last line, '' when the text ends with one.
    yield from _scan(carry + "\n", len(carry) + 1, True, number, layout, lines, regular, finished)
    lines.end()
    yield from _take(lines, finished)


def _scan(text: str, end: int, final: bool, number: int, layout: Layout, lines: LineReader,
          regular: Callable[[str, int], Any], finished: Callable[[Any], Any]):
    """Read the whole lines of ``text[:end]``; (where the rest starts, its line number).

    What is not read is a regular record's start that the next piece may complete."""
    record = layout.last if final else layout.record
    unsafe = layout.unsafe
    pos = 0
    while pos < end:
        if lines.clean() and text.startswith(layout.start, pos):
            lines.release()
            yield from _take(lines, finished)
            while (m := record.match(text, pos, end)) is not None:
                if unsafe and text.find(unsafe, pos, m.end(1)) >= 0:
                    break
                yield regular(m[1], number)
                number += text.count("\n", pos, m.end())
                pos = m.end()
            if pos >= end:
                break
            if (not final and pos and layout.prefix.match(text, pos, end)
                    and not (unsafe and text.find(unsafe, pos, end) >= 0)):
                break  # it waits for the next piece; at pos 0 it is longer than one: read by lines
        stop = layout.next_start(text, pos, end)
        run = text[pos:stop].split("\n")
        run.pop()  # '' after the run's last line end
        lines.feed(number, run)
        yield from _take(lines, finished)
        number += len(run)
        pos = stop
    return pos, number


def _take(lines: LineReader, finished: Callable[[Any], Any]) -> Iterator[Any]:
    if lines.out:
        done = lines.out[:]
        lines.out.clear()
        for item in done:
            yield finished(item)
