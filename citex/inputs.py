"""Finding input files, decoding their bytes and choosing the reader for each."""

from __future__ import annotations

import codecs
import io
import itertools
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import CitexError, UsageError
from .model import Diagnostic, Location
from .readers.stream import TextStream
from .registry import READERS


def expand(paths: list[str]) -> Iterator[Path]:
    """Files as given; folders read recursively in sorted order, hidden files skipped."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise UsageError(f"{given}: folder holds no input files")
            yield from found
        elif path.is_file() or given == "-":
            yield path
        elif path.exists():
            raise UsageError(f"{given}: not a regular file")
        else:
            raise UsageError(f"{given}: no such file or folder")


def decode(data: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """Text from bytes, decoded as ``open_text`` decodes a file, and the notes it made."""
    notes: list[Diagnostic] = []
    return open_text(io.BytesIO(data), path, notes.append).read(), notes


def open_text(raw: BinaryIO, path: str, note: Callable[[Diagnostic], None]) -> TextStream:
    """The text of a binary file, decoded a piece at a time as it is read.

    UTF-8 (BOM or not), UTF-16 with a BOM or detected from the head, and a line
    that is not valid UTF-8 is read as Windows-1252, with one warning a file (at
    the first such line: the rest of the file is still read as UTF-8 where it is).
    Line ends become '\\n' whatever they were (CRLF, CR). ``note`` gets each
    diagnostic when decoding reaches it.
    """
    head = raw.read(_BLOCK)
    while len(head) < 4096 and (more := raw.read(_BLOCK)):  # the head decides the encoding
        head += more
    codec = "utf-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
        pieces = _utf16(head, raw, codec)
    elif (guess := _utf16_without_bom(head)) is not None:
        note(Diagnostic("info", "utf16-no-bom", f"file has no byte-order mark; read as {guess}",
                        Location(path)))
        codec = guess
        pieces = _utf16(head, raw, codec)
    else:
        pieces = _utf8(head[3:] if head.startswith(codecs.BOM_UTF8) else head, raw, path, note)
    return TextStream(pieces, tail=lambda: _tail(raw), again=_rereader(raw, codec))


def _rereader(raw: BinaryIO, codec: str) -> Callable[[], Iterator[bytes]] | None:
    """A way to read a file again from its start (UTF-8 blocks), not moving its reader; None
    for a pipe."""
    if isinstance(raw, io.BytesIO):
        data = raw.getvalue()
        again = lambda: io.BytesIO(data)  # noqa: E731
    else:
        try:
            fd = raw.fileno()
            if not raw.seekable():
                return None
        except (OSError, ValueError, AttributeError):
            return None
        again = lambda: _PositionalReader(fd)  # noqa: E731
    if codec == "utf-8":
        return lambda: _line_blocks(b"", again(), b"\n", b"\r")
    return lambda: (text.encode("utf-8", "surrogatepass") for text in _utf16(b"", again(), codec))


class _PositionalReader:
    """Reads a file by offset (os.pread), leaving the position of its other reader alone."""

    def __init__(self, fd: int):
        self.fd, self.at = fd, 0

    def read(self, size: int) -> bytes:
        data = os.pread(self.fd, size, self.at)
        self.at += len(data)
        return data


# bytes read at a time: below malloc's mmap threshold (128 KB), so the buffers of each block
# (read, joined, decoded) reuse freed memory; blocks of 1 MB were each new pages, a page fault
# every 4 KB (a third of the parent's system time with --jobs)
_BLOCK = 1 << 16


def _utf8(head: bytes, raw: BinaryIO, path: str, note: Callable[[Diagnostic], None]) -> Iterator[str]:
    """UTF-8 pieces; a line that is not UTF-8 is read as Windows-1252 (warned once)."""
    line, warned = 1, False
    for block in _line_blocks(head, raw, b"\n", b"\r"):
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError:
            parts = []
            for i, part in enumerate(block.splitlines(keepends=True)):
                try:
                    parts.append(part.decode("utf-8"))
                except UnicodeDecodeError as exc:
                    parts.append(part.decode("cp1252", errors="replace"))
                    if not warned:
                        warned = True
                        note(Diagnostic("warning", "not-utf8",
                                        f"file is not valid UTF-8 (byte 0x{part[exc.start]:02x}); "
                                        "read as Windows-1252", Location(path, line + i)))
            text = "".join(parts)
        line += block.count(b"\n") or block.count(b"\r")
        yield _newlines(text)


def _utf16(head: bytes, raw: BinaryIO, codec: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    texts = (decoder.decode(block, final=not block) for block in _blocks(head, raw))
    for text in _line_blocks("", iter(texts), "\n", "\r"):
        yield _newlines(text)


def _blocks(head: bytes, raw: BinaryIO) -> Iterator[bytes]:
    block = head or raw.read(_BLOCK)
    while block:
        yield block
        block = raw.read(_BLOCK)
    yield b""  # the end, for a decoder to flush


def _line_blocks(first: Any, more: Any, nl: Any, cr: Any) -> Iterator[Any]:
    """Blocks (bytes or text) that end at a line end (the last may not): a CR LF is not split.

    Each is cut at the last line end of the text so far: its last LF, else its last CR but a
    final one. The text after the cut is held as a list of parts, joined when the next cut
    comes (added to one string, a line longer than a block would be copied with every
    block); only its first part can hold a CR before its end, and no part an LF."""
    blocks = _blocks(first, more) if isinstance(first, bytes) else _chain(first, more)
    join = first[:0].join
    carry: list = []
    for block in blocks:
        if not block:  # the end
            if carry:
                yield join(carry)
            return
        cut = block.rfind(nl)
        if cut < 0:
            cut = block.rfind(cr, 0, len(block) - 1)  # a CR at the very end may be half of CR LF
        if cut >= 0:
            carry.append(block[:cut + 1])
            yield join(carry) if len(carry) > 1 else carry[0]
            carry = [block[cut + 1:]] if cut + 1 < len(block) else []
            continue
        # else the cut is the carry's last CR, if it has one: at its end, or (the rest of a
        # block cut at an LF, not yet followed) inside its one part
        if carry and carry[-1].endswith(cr):
            yield join(carry)
            carry = []
        elif len(carry) == 1 and (at := carry[0].rfind(cr)) >= 0:
            yield carry[0][:at + 1]
            carry = [carry[0][at + 1:]]
        carry.append(block)


def _chain(first: str, more: Iterator[str]) -> Iterator[str]:
    for text in itertools.chain((first,), more):
        if text:  # an empty text is the end
            yield text
    yield ""


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _tail(raw: BinaryIO) -> str:
    """The last 4 KB of a file that can seek, decoded loosely (for marks a tool writes at the end)."""
    try:
        if not raw.seekable():
            return ""
        where = raw.tell()
        size = raw.seek(0, io.SEEK_END)
        raw.seek(max(0, size - 4096))
        data = raw.read(4096)
        raw.seek(where)
    except (OSError, ValueError):
        return ""
    return data.decode("utf-8", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like mostly-ASCII UTF-16, else None.

    In such text every other byte is NUL; no bibliographic text in an 8-bit encoding has
    NULs at all, so a third of them in one position is decisive.
    """
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > half / 3 and even < odd / 8:
        return "utf-16-le"
    if even > half / 3 and odd < even / 8:
        return "utf-16-be"
    return None


def choose_reader(text: str, path: str, wanted: str | None = None) -> str:
    """The reader for a file: the one asked for, else the one whose sniff matches, else by suffix."""
    if wanted:
        READERS.entry(wanted)  # raises UnknownName with suggestions
        return wanted
    head = text[:4096]
    for entry in READERS:
        sniff = entry.meta.get("sniff")
        if sniff and re.search(sniff, head):
            return entry.name
    suffix = os.path.splitext(path)[1].lower()
    for entry in READERS:
        if suffix and suffix in entry.meta.get("extensions", ()):
            return entry.name
    raise CitexError(f"cannot tell the input format; name it with --from "
                     f"({', '.join(READERS.names())})", Location(path), code="unknown-format")
