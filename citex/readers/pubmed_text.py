"""The PubMed text reader as registered: its format and sniffing pattern.

Sniffing imports every registered reader module, so this one stays small: the reader
itself (``pubmed_text_reader``) is imported only when PubMed text is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Failed, Record
from ..registry import READERS

FORMAT = "pubmed-text"  # the reader's name, and its records' source format


@READERS.register(FORMAT, extensions=(), sniff=r"(?m)^(?:PMID|Title|Citation)[ \t]*:[ \t]*\S")
def read(text: str, path: str = "<input>") -> Iterator[Record | Failed]:
    """PubMed text records (PMID:/Title:/Abstract:/Citation:/Link: lines)."""
    from .pubmed_text_reader import read

    return read(text, path)
