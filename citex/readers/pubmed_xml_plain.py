"""Which record texts of a PubMed XML file are plain: parsed alone, after the file's prolog,
each makes the very element the whole file's parse made, so a ``--jobs`` worker can build it.

The reader finds a record's text by scanning for its start tag and the first end tag of its
name (``pubmed_xml._Reader._locate``). That text is the element's exactly when nothing can
hide or fake a tag: the prolog is an XML declaration, a DOCTYPE without an internal subset
and a root start tag without namespaces; between records there is no markup; inside a record
there is no comment, CDATA section or processing instruction; the record is a child of the
root (a record nested in a record ends first and sits deeper); its start tag does not close
itself. Once one element is not plain, the scan is no longer trusted and every later record
is built where the file is parsed, as without ``defer``.

Comments, CDATA and PIs are looked for in the UTF-8 bytes fed to the parser (a fast byte
search) and only then in the text, so the check costs next to nothing per record.
"""

from __future__ import annotations

import re

# XML declaration, a DOCTYPE with no internal subset, the root's start tag, then space.
_PROLOG = re.compile(r"(?:<\?xml\s[^<>]*\?>\s*)?(?:<!DOCTYPE\s[^<>\[\]]*>\s*)?(?=<[A-Za-z_])(<[^<>!?]*>)\s*")
_MARKUP = re.compile(r"<[!?]")  # a comment, CDATA, DOCTYPE or processing instruction


class PlainRecords:
    """Follows the reader's scan of one file's text and says which elements are plain."""

    def __init__(self) -> None:
        self.to: int | None = None  # the scan is trusted from here (the last plain end); None: no more
        self.prolog = ""  # the XML declaration and DOCTYPE, to parse a record's text after
        self._markup: list[int] = []  # offsets of "<!" and "<?" in the text, while they matter

    def start(self, text: str, start: int, first: int) -> None:
        """The document runs from ``start``; its first record's start tag is at ``first``."""
        prolog = _PROLOG.fullmatch(text, start, first)
        if prolog and "xmlns" not in prolog.group(1):
            self.to, self.prolog = first, text[start:prolog.start(1)]

    def feeding(self, text: str, at: int, data: bytes, size: int) -> None:
        """``data``, the parser's next input, is ``text[at:at + size]`` encoded."""
        if self.to is not None and (_marked(data) or data.endswith(b"<")):
            self._markup += [m.start() for m in _MARKUP.finditer(text, at, at + size + 1)]

    def element(self, text: str, start: int, name_end: int, end: int, closed: bool) -> bool:
        """Whether the element at ``text[start:end]`` is plain (``closed``: its end tag was
        found), which the reader checks next with ``at_root``."""
        if self.to is None:
            return False
        plain = closed and text.find("<", self.to, start) < 0 \
            and not (self._markup and any(start <= at < end for at in self._markup))
        if plain and end != name_end + 2:  # not "<PubmedArticle/>": then its start tag must not close
            plain = text[text.find(">", name_end) - 1] != "/"
        self.to = end if plain else None
        return plain

    def at_root(self, parent) -> bool:
        """The last element was plain only if it is a child of the root (``parent`` is its parent)."""
        if self.to is not None and (parent is None or parent.getparent() is not None):
            self.to = None
        return self.to is not None

    def cut(self, by: int) -> None:
        """The reader dropped the first ``by`` characters of its text (all scanned)."""
        if self.to is not None:
            self.to -= by
            self._markup = [at - by for at in self._markup if at >= by]


def _marked(data: bytes) -> bool:
    """Whether ``data`` holds "<!" or "<?": found from the rare "!" and "?" (memchr-fast), where
    a search for the pair is slow in XML, where every few bytes are a "<"."""
    for mark in (b"!", b"?"):
        at = data.find(mark)
        while at >= 0:
            if at and data[at - 1] == 60:  # "<"
                return True
            at = data.find(mark, at + 1)
    return False
