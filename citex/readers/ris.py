"""The RIS reader as registered: its format, file suffix and sniffing pattern.

Sniffing imports every registered reader module, so this one stays small: the reader
itself (``ris_reader``) is imported only when RIS is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Failed, Record
from ..registry import READERS
from .stream import TextStream

FORMAT = "ris"  # the reader's name, and its records' source format


@READERS.register(FORMAT, extensions=(".ris",), sniff=r"(?m)^\ufeff?TY {1,2}- ", stream=True, defer=True)
def read(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """RIS records (TY ... ER), with the dialects of the common exporters."""
    from .ris_reader import read

    return read(text, path, defer)
