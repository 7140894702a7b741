"""The MEDLINE reader as registered: its format, file suffixes and sniffing pattern.

Sniffing imports every registered reader module, so this one stays small: the reader
itself (``medline_reader``) is imported only when MEDLINE is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Failed, Record
from ..registry import READERS
from .stream import TextStream

FORMAT = "medline"  # the reader's name, and its records' source format


# A PMID line, or a tag only MEDLINE has (records may start with PMC- or PMCR-; ERIC's with OWN).
SNIFF = r"(?m)^(?:PMID- ?\d|(?:PMC |PMCR|OWN |STAT|FAU |FED )- ?\S)"


@READERS.register(FORMAT, extensions=(".nbib", ".medline"), sniff=SNIFF, stream=True, defer=True)
def read(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """MEDLINE/PubMed tagged records (.nbib), as PubMed and ERIC export them."""
    from .medline_reader import read

    return read(text, path, defer)
