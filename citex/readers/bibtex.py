"""The BibTeX reader as registered: its format, file suffixes and sniffing pattern.

Sniffing imports every registered reader module, so this one stays small: the reader
itself (``bibtex_reader``) is imported only when BibTeX is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Failed, Record
from ..registry import READERS
from .stream import TextStream

FORMAT = "bibtex"  # the reader's name, and its records' source format


# comment: lines that hold nothing but a comment, so a file of only those is an empty
# bibliography, not a wrong guess of format.
@READERS.register(FORMAT, extensions=(".bib", ".bibtex", ".biblatex"), comment=r"\s*%",
                  sniff=r"(?m)^\s*@[A-Za-z]+\s*[{(]", stream=True, defer=True)
def read(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """BibTeX and BibLaTeX (@string macros, crossref/xdata, LaTeX decoded to Unicode)."""
    from .bibtex_reader import read

    return read(text, path, defer)
