"""The EndNote XML reader as registered: its format, file suffix and sniffing pattern.

Sniffing imports every registered reader module, so this one stays small: the reader
itself (``endnote_xml_reader``) is imported only when EndNote XML is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Failed, Record
from ..registry import READERS

FORMAT = "endnote-xml"  # the reader's name, and its records' source format


@READERS.register(FORMAT, extensions=(".xml",),
                  sniff=r"(?m)(?:^|>)[ \t]*<xml>\s*<records>|(?:^|>)[ \t]*<records>\s*<record>")
def read(text: str, path: str = "<input>") -> Iterator[Record | Failed]:
    """EndNote XML export (xml/records/record)."""
    from .endnote_xml_reader import read

    return read(text, path)
