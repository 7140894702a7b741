"""Finding input files, decoding their bytes and choosing the reader for each."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from pathlib import Path

from .errors import UsageError
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
    raise UsageError(f"{path}: cannot tell the input format; name it with --from "
                     f"({', '.join(READERS.names())})")
