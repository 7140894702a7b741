"""One record element -> a Record (or Failed): from the element the file's parse made, or,
for a ``--jobs`` worker, from the element's own text parsed again.

A worker gets the record's text exactly as it stands in the file, its first line,
the file's prolog (XML declaration and DOCTYPE) and the lines of its main fields:
parsed after the same prolog with the same parser settings, the text makes the
same element, so the record and its diagnostics are those of the whole-file parse.
The field lines come from the whole-file parse because libxml2 gives them its own
way past line 65,534 (an element's line is then its first child's: for
"<Journal>\n" the line after), which a short text parsed alone cannot repeat. The
reader only sends text it has checked to be one plain element (``pubmed_xml_plain.py``);
anything else it builds itself.
"""

from __future__ import annotations

from lxml import etree

from ..model import Diagnostic, Failed, Record, Source
from .pubmed_xml import FORMAT
from .pubmed_xml_record import build

# The elements whose lines locate the main fields: the first of each anywhere in the record.
_FIELD_ELEMENTS = {"ArticleTitle": "title", "AuthorList": "author", "Journal": "container-title",
                   "PubDate": "issued", "Pagination": "page"}
# The settings of the reader's own parse (see pubmed_xml.py): safe, and the decoded text
# wins over the declared encoding.
SAFE = dict(encoding="utf-8", resolve_entities=False, load_dtd=False, no_network=True,
            huge_tree=False, remove_comments=True, remove_pis=True)


def record_from_text(prolog: str, raw: str, line: int, path: str, lines: dict[str, int]) -> Record | Failed:
    """The record of ``raw``, one element's text at ``line`` of a file that starts with ``prolog``,
    its main fields at ``lines`` (``field_lines`` of the element in the file)."""
    root = etree.fromstring((prolog + raw).encode("utf-8", "replace"), etree.XMLParser(**SAFE))
    return record_of(root, line, raw, path, lines)


def record_of(elem: etree._Element, line: int | None, raw: str, path: str,
              lines: dict[str, int]) -> Record | Failed:
    """The record of a PubmedArticle or PubmedBookArticle element whose start tag is at ``line``,
    its main fields at ``lines`` (see ``field_lines``)."""
    source = Source(FORMAT, path, line or elem.sourceline, raw)
    rec = Record(source=source)
    try:
        build(elem, rec)
    except Exception as exc:  # one odd record must not stop a baseline file
        return Failed(Diagnostic("error", "pubmed-xml-record", f"record not read: {exc!r}",
                                 source.location()), raw)
    if not any(k in rec.fields for k in ("PMID", "title", "container-title", "DOI")):
        return Failed(Diagnostic("error", "pubmed-xml-empty",
                                 f"<{elem.tag}> has no PMID, title, journal or DOI",
                                 source.location()), raw)
    entities = sorted({e.text for e in elem.iter(etree.Entity)})
    if entities:
        rec.report("warning", "pubmed-xml-entity",
                   f"entity references left as written, not expanded: {', '.join(entities)}")
    if "title" not in rec.fields:
        rec.report("warning", "pubmed-xml-no-title", "record has no title")
    rec.source.field_lines.update((name, at) for name, at in lines.items() if name in rec.fields)
    return rec


def field_lines(elem: etree._Element, line: int | None) -> dict[str, int]:
    """Lines of the main fields' elements by CSL name, relative to the record's exact start line."""
    start = elem.sourceline or 0
    delta = (line or start) - start
    first: dict[str, int | None] = {}  # the first of each, in one walk that stops when all are seen
    for found in elem.iterdescendants():  # lxml's own filter by five tags costs more than this
        tag = found.tag
        if tag in _FIELD_ELEMENTS and tag not in first:
            first[tag] = found.sourceline
            if len(first) == len(_FIELD_ELEMENTS):
                break
    return {name: first[tag] + delta for tag, name in _FIELD_ELEMENTS.items() if first.get(tag)}
