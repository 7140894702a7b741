"""PubMed XML (efetch output and the annual baseline files): ``<PubmedArticleSet>`` streamed.

(Registered by ``pubmed_xml``, which imports this module, and lxml, only to read.)

The text is fed to lxml in chunks and every record element is cleared once
read, so a 1 GB baseline file reads in constant memory. The parser is safe:
no entity expansion, no DTD loading, no network, no huge-tree mode; a file
whose DOCTYPE declares entities of its own (a billion-laughs or external-entity
attack: PubMed never does) is refused before it is parsed.

Line numbers come from a scan of the text for each record's start tag, which
also gives the record's raw text: libxml2's own line numbers drift past line
65,535. ``<DeleteCitation>`` blocks are not records: the PMIDs they delete are
reported as an info note on the record before them. Malformed XML stops the
parse (XML allows no recovery); the records before the fault are kept and the
fault is reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..model import Diagnostic, Failed, Location, Record
from .pubmed_xml_element import SAFE, field_lines, record_from_text, record_of
from .pubmed_xml_plain import PlainRecords
from .pubmed_xml_record import text_of
from .stream import Deferred, TextStream

RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle")
_CHUNK = 1 << 16  # characters fed to the parser at a time
_START_TAG = re.compile(r"<(PubmedArticle|PubmedBookArticle|DeleteCitation)(?=[\s/>])")
_SHOWN_DELETIONS = 5
# Space, then the next record's start tag: where the scan looks first, after a record.
_NEXT = re.compile(r"[ \t\r\n]*(?=<(?:PubmedArticle|PubmedBookArticle|DeleteCitation)[\s/>])")


def _parser() -> etree.XMLPullParser:
    return etree.XMLPullParser(events=("end",), tag=RECORD_TAGS + ("DeleteCitation",), **SAFE)


def records(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """The PubmedArticle and PubmedBookArticle records of a PubMed XML text (see ``pubmed_xml``).

    With ``defer``, a record whose text is one plain element is yielded as a ``Deferred``
    of that text, parsed and built by whoever calls it; the file is still parsed here,
    so malformed XML stops the reading where it does without ``defer``."""
    yield from _Reader(TextStream.of(text), path, defer).run()


class _Reader:
    """One pass over one file; holds back the last record so a later note can join it."""

    def __init__(self, stream: TextStream, path: str, defer: bool = False) -> None:
        self.pieces, self.path, self.defer = stream.pieces(), path, defer
        self.text = ""  # the text fed to the parser and not yet passed by the start-tag scan
        self.scan_pos, self.scan_line = 0, 1  # the start-tag scan: offset and its line
        self.ahead: re.Match | None = None  # the next start tag, when the scan has seen it
        self.plain = PlainRecords()  # with defer: which records a worker can parse alone
        self.held: Record | Deferred | None = None
        self.notes: list[Diagnostic] = []  # file notes waiting for a record to carry them

    def run(self) -> Iterator[Record | Failed]:
        for piece in self.pieces:  # the prolog: up to the first record
            self.text += piece
            if _START_TAG.search(self.text):
                break
        start = self._document_start()
        first = _START_TAG.search(self.text, start)  # everything before it is prolog and root tag
        entity = self.text.find("<!ENTITY", start, first.start() if first else len(self.text))
        if entity >= 0:
            line = self.text.count("\n", 0, entity) + 1
            yield Failed(Diagnostic(
                "error", "pubmed-xml-entities",
                "the DOCTYPE declares entities of its own (PubMed files never do; this is how "
                "billion-laughs and external-entity attacks work); citex does not expand entities, "
                "so the file was not read", Location(self.path, line)), self.text[start:start + 2000])
            return
        if first is not None and self.defer:
            self.plain.start(self.text, start, first.start())
        parser = _parser()
        offset = self.text.count("\n", 0, start)  # lines skipped before the document
        try:
            piece, at = self.text[start:], start  # the piece to feed, and its offset in the text
            while piece is not None:
                for i in range(0, len(piece), _CHUNK):
                    data = piece[i:i + _CHUNK].encode("utf-8", "replace")
                    self.plain.feeding(self.text, at + i, data, _CHUNK)
                    etree.clear_error_log()  # lxml's log is per thread: keep only this chunk's faults
                    parser.feed(data)
                    yield from self._drain(parser)
                self.plain.cut(self.scan_pos)
                self.text, self.scan_pos, self.ahead = self.text[self.scan_pos:], 0, None  # what the scan passed goes
                piece, at = next(self.pieces, None), len(self.text)
                if piece is not None:
                    self.text += piece
            etree.clear_error_log()
            parser.close()
            yield from self._drain(parser)
        except etree.LxmlError as exc:
            yield from self._drain(parser)
            yield from self._release()
            yield self._malformed(exc, offset)
            return
        yield from self._release()
        if self.notes:  # nothing to carry them: a file of deletions only
            yield Failed(self.notes[0], "")

    def _malformed(self, exc: etree.LxmlError, offset: int) -> Failed:
        """The fault that stopped the parse, from libxml2's log (its exception names only the last)."""
        log = [e for e in getattr(exc, "error_log", ()) if e.level >= etree.ErrorLevels.ERROR]
        line = log[0].line if log else getattr(exc, "lineno", None)
        message = log[0].message if log else getattr(exc, "msg", None) or str(exc)
        unread = _START_TAG.search(self.text, self.scan_pos)
        raw = self.text[unread.start():unread.start() + 2000] if unread else ""
        return Failed(Diagnostic("error", "pubmed-xml-malformed",
                                 f"XML is malformed; nothing from here on was read: {message}",
                                 Location(self.path, (line or 1) + offset)), raw)

    def _document_start(self) -> int:
        """Where the XML starts; text before it (JabRef writes "% Encoding: UTF-8") is noted and skipped."""
        start = self.text.find("<")
        if start < 0:
            return len(self.text)
        skipped = self.text[:start].strip()
        if skipped:
            self.notes.append(Diagnostic("warning", "pubmed-xml-leading-text",
                                         f"text before the XML was skipped: '{skipped[:60]}'",
                                         Location(self.path, 1)))
        return start

    def _drain(self, parser: etree.XMLPullParser) -> Iterator[Record | Failed]:
        for _, elem in parser.read_events():
            line, raw = self._locate(elem.tag)
            parent = elem.getparent()
            plain = self.plain.at_root(parent)
            if elem.tag == "DeleteCitation":
                yield from self._note_deletions(elem, line)
            else:
                lines = field_lines(elem, line)
                if plain and not self.notes:  # a note waits for a Record: build that one here
                    item = Deferred(record_from_text, (self.plain.prolog, raw, line, self.path, lines))
                else:
                    item = record_of(elem, line, raw, self.path, lines)
                if isinstance(item, Failed):
                    yield from self._release()
                    yield item
                else:
                    yield from self._release()
                    if self.notes:  # only a Record gets here with notes waiting
                        item.diagnostics.extend(self.notes)
                        self.notes = []
                    self.held = item
            elem.clear(keep_tail=False)
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]

    def _release(self) -> Iterator[Record | Deferred]:
        if self.held is not None:
            yield self.held
            self.held = None

    def _locate(self, tag: str) -> tuple[int | None, str]:
        """The line and raw text of the next ``tag`` element, found by scanning the text."""
        m = self.ahead or _START_TAG.search(self.text, self.scan_pos)
        while m and m.group(1) != tag:
            m = _START_TAG.search(self.text, m.end())
        if not m:
            return None, ""
        self.scan_line += self.text.count("\n", self.scan_pos, m.start())
        closed = True
        if self.text.startswith("/>", m.end()):
            end = m.end() + 2
        else:
            close = self.text.find(f"</{tag}", m.end())
            if close >= 0 and not self.text.startswith(">", close + len(tag) + 2):  # "</tag >": not plain
                closed, close = False, self.text.find(f"</{tag}>", close)
            end = close + len(tag) + 3 if close >= 0 else len(self.text)
            closed = closed and close >= 0
        line = self.scan_line
        self.scan_line += self.text.count("\n", m.start(), end)
        self.plain.element(self.text, m.start(), m.end(), end, closed)
        self.scan_pos = end
        space = _NEXT.match(self.text, end)
        self.ahead = _START_TAG.match(self.text, space.end()) if space else None
        return line, self.text[m.start():end]

    def _note_deletions(self, elem: etree._Element, line: int | None) -> Iterator[Failed]:
        if isinstance(self.held, Deferred):  # the note goes to the record before, if it is one
            self.held = self.held()
            if isinstance(self.held, Failed):
                yield self.held
                self.held = None
        pmids = [text_of(p) for p in elem.iter("PMID")]
        shown = ", ".join(pmids[:_SHOWN_DELETIONS]) + (", …" if len(pmids) > _SHOWN_DELETIONS else "")
        note = Diagnostic("info", "pubmed-xml-deleted",
                          f"<DeleteCitation> deletes {len(pmids)} PMID(s) ({shown}); not records",
                          Location(self.path, line))
        if self.held is not None:
            self.held.diagnostics.append(note)
        else:
            self.notes.append(note)
