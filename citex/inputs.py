"""Finding input files, decoding their bytes and choosing the reader for each."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import CitexError, UsageError
from .model import Diagnostic, Location
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
    """Text from bytes: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 with a warning.

    Line ends become '\\n' whatever they were (CRLF, CR).
    """
    notes: list[Diagnostic] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif (guess := _utf16_without_bom(data)) is not None:
        text = data.decode(guess, errors="replace")
        notes.append(Diagnostic("info", "utf16-no-bom", f"file has no byte-order mark; read as {guess}",
                                Location(path)))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            notes.append(Diagnostic(
                "warning", "not-utf8",
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); read as Windows-1252",
                Location(path, line)))
            text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n"), notes


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
