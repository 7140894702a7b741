"""The Web of Science reader as registered: its format, file suffixes and sniffing pattern.

Sniffing imports every registered reader module, so this one stays small: the reader
itself (``wos_reader``) is imported only when Web of Science is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Failed, Record
from ..registry import READERS

FORMAT = "wos"  # the reader's name, and its records' source format


@READERS.register(FORMAT, extensions=(".ciw", ".isi"), sniff=r"\A\ufeff?(?:FN |VR \d|PT [A-Z]\b)")
def read(text: str, path: str = "<input>") -> Iterator[Record | Failed]:
    """Web of Science tagged records (FN/VR header, PT … ER records)."""
    from .wos_reader import read

    return read(text, path)
