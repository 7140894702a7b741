"""The PubMed XML reader as registered: its format, file extension and sniffing pattern.

Sniffing a file's format imports every registered reader module; this one stays
small, so that lxml and the reader itself (``pubmed_xml_reader``) are imported
only when PubMed XML is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Failed, Record
from ..registry import READERS
from .stream import TextStream

FORMAT = "pubmed-xml"  # the reader's name, and its records' source format


@READERS.register(FORMAT, extensions=(".xml",),
                  # at a line start or after a tag: not a mention inside prose or a JSON string
                  sniff=r"(?m)(?:^|>)[ \t]*<(?:PubmedArticleSet|PubmedArticle[ >]|!DOCTYPE PubmedArticleSet"
                        r"|PubmedBookArticle)", stream=True, defer=True)
def read(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """PubMed XML: PubmedArticle and PubmedBookArticle records (efetch, baseline files).

    With ``defer``, a record whose text is one plain element is yielded as a ``Deferred``
    of that text, parsed and built by whoever calls it; the file is still parsed here,
    so malformed XML stops the reading where it does without ``defer``."""
    from .pubmed_xml_reader import records

    yield from records(text, path, defer)
