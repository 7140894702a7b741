"""A reader's input: decoded text that arrives a piece at a time.

``pipeline.load`` decodes a file as it reads it (``inputs.open_text``) and
``pipeline.loads`` cuts a string into pieces, so a streaming reader sees
the same thing either way and never holds more than a piece and the record
it is reading. Every piece but the last ends at a line end (``\\n``), so a
line is never cut in two. Readers that need the whole text (EndNote XML, WoS,
PubMed text) get ``read()``'s string instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

PIECE = 1 << 20  # characters a piece, about: big enough that per-piece costs vanish


class TextStream:
    """Text read one piece at a time, with a look at its head before reading starts."""

    def __init__(self, pieces: Iterable[str], tail: Callable[[], str] | None = None,
                 again: Callable[[], Iterator[bytes]] | None = None):
        self._pieces = iter(pieces)
        self._ahead: list[str] = []  # pieces peeked at, not yet read
        self._tail = tail
        self._again = again
        self._comment: re.Pattern[str] | None = None
        self.content: bool | None = None  # is there more than blank and comment lines? (see watch)

    @classmethod
    def of(cls, text: str | TextStream) -> TextStream:
        """A stream over a string, cut at line ends (a stream is returned as it is)."""
        if isinstance(text, TextStream):
            return text
        return cls(_cut(text), tail=lambda: text[-4096:],
                   again=lambda: (piece.encode("utf-8", "surrogatepass") for piece in _cut(text)))

    def head(self, size: int = 4096) -> str:
        """The first ``size`` characters (fewer at the end), without consuming them."""
        have = sum(map(len, self._ahead))
        while have < size:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._ahead.append(piece)
            have += len(piece)
        return "".join(self._ahead)[:size]

    def tail(self) -> str:
        """The last few KB of the input, where it can be had without reading it all, else ''."""
        return self._tail() if self._tail else ""

    def again(self) -> Iterator[bytes] | None:
        """The whole input once more, from its start, as UTF-8 blocks ending at line ends, for a
        quick look ahead (a BibTeX file's crossref targets); None when it cannot be read twice."""
        return self._again() if self._again else None

    def watch(self, comment: str | None) -> None:
        """Note in ``content`` whether the text holds more than blank and ``comment`` lines."""
        self._comment = re.compile(comment) if comment else None
        self.content = False

    def pieces(self) -> Iterator[str]:
        """The text not read yet, piece by piece."""
        while True:
            piece = self._ahead.pop(0) if self._ahead else next(self._pieces, None)
            if piece is None:
                return
            if self.content is False:
                self.content = _has_content(piece, self._comment)
            yield piece

    def lines(self) -> Iterator[str]:
        """The lines not read yet, without their ends: the same as ``read().split("\\n")``."""
        carry = ""
        for piece in self.pieces():
            parts = piece.split("\n")
            if carry:
                parts[0] = carry + parts[0]
            carry = parts.pop()
            yield from parts
        yield carry

    def read(self) -> str:
        """All the text not read yet, as one string."""
        return "".join(self.pieces())


def _cut(text: str, size: int = PIECE) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, each ending at a line end."""
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start + size - 1)
        end = n if end < 0 else end + 1
        yield text[start:end]
        start = end
    if not n:
        yield ""


def _has_content(piece: str, comment: re.Pattern[str] | None) -> bool:
    lines = (line for line in piece.split("\n") if line.strip())
    return any(not (comment and comment.match(line)) for line in lines)


def whole(text: str | TextStream) -> str:
    """The whole text, for a reader that does not stream."""
    return text.read() if isinstance(text, TextStream) else text


class Deferred:
    """A record whose building is left to whoever takes it: ``--jobs`` sends it to a worker.

    A reader asked to defer (``read(..., defer=True)``) does what needs the whole file
    (splitting it into records, macros, inheritance) and yields the rest as one of these;
    calling it builds the ``Record`` (or ``Failed``). Its parts must pickle.
    """

    __slots__ = ("build", "args")

    def __init__(self, build: Callable, args: tuple):
        self.build, self.args = build, args

    def __call__(self):
        return self.build(*self.args)

    def __reduce__(self) -> tuple:
        # the parent pickles one a record: this is cheaper than the default for __slots__ (a
        # dict of them, a state to set), to write and to read
        return Deferred, (self.build, self.args)


def later(defer: bool, build: Callable, *args):
    """``build(*args)`` now, or a ``Deferred`` of it."""
    return Deferred(build, args) if defer else build(*args)
