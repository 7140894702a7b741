"""The EndNote XML reader: one hand-written file per quirk, then JabRef's fixtures.

Known deviations from JabRef's expected .bib files:
- JabRef keeps EndNote's ``isbn`` field as ``isbn`` even when it holds ISSNs; citex reads
  ISSN-shaped values as ISSN (compared against the same text).
- JabRef's @book puts the secondary title in ``booktitle``; citex reads a book's secondary
  title as its series (``collection-title``); both are compared as "container".
"""

from pathlib import Path

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citex.inputs import choose_reader
from citex.model import Date, Failed, Name, Record
from citex.readers.endnote_xml import read
from corpus import corpus_files, needs_corpus

DATA = Path(__file__).parent / "data" / "endnote_xml"


def items(name):
    return list(read((DATA / name).read_text(encoding="utf-8"), name))


def test_full_record():
    [rec] = items("full_record.xml")
    assert rec.type == "article-journal" and rec.source.dialect == "endnote"
    assert rec.get("author") == [
        Name("Berg", "Anna B.", non_dropping_particle="van der"),
        Name("Smith", "John", suffix="Jr."),
        Name(literal="World Health Organization")]
    assert rec.truncated == {"author"}
    assert rec.get("editor") == [Name("Editor", "Ed")]
    assert rec.get("title") == "Growth of <i>Escherichia coli</i> at 10<sup>6</sup> cells"
    assert (rec.get("title-short"), rec.get("container-title"), rec.get("container-title-short")) == (
        "Growth", "Journal of Things", "J Things")
    assert (rec.get("page"), rec.get("volume"), rec.get("issue")) == ("101-9", "12", "3")
    assert rec.get("issued") == Date(parts=[[2015, 3, 3]])
    assert rec.get("ISSN") == "1532-1827 (Electronic) 0007-0920 (Linking)"
    assert rec.get("DOI") == "10.1038/bjc.2014.606" and "electronic-resource-num" not in rec.extra
    assert rec.get("abstract") == "First paragraph.\nSecond paragraph."
    assert rec.get("keyword") == "Aged, 80 and over; Humans"
    assert rec.get("URL") == "https://example.org/a" and rec.extra["urls"] == "https://example.org/b"
    assert rec.extra["urls/pdf-urls/url"] == "internal-pdf://file.pdf"
    assert rec.extra["custom1"] == "My custom value" and rec.extra["rec-number"] == "17"
    assert rec.extra["accession-num"] == "25647015" and rec.get("note") == "A note"
    assert rec.source.line == 4 and rec.source.field_lines["title"] == 21
    assert rec.source.field_lines["DOI"] == 38
    assert rec.source.raw.startswith("<record>") and rec.source.raw.endswith("</record>")
    assert not rec.diagnostics


def test_book_series_report_number_numeric_type_and_unknown_type():
    book, report, chapter, other = items("books_and_reports.xml")
    assert book.type == "book" and book.get("collection-title") == "Computers and Typesetting"
    assert book.get("collection-number") == "A" and book.get("ISBN") == "0-201-13447-0"
    assert (book.get("publisher"), book.get("publisher-place")) == ("Addison-Wesley", "Reading, MA")
    assert report.get("number") == "TR-7"
    assert report.get("issued") == Date(literal="in press") and report.extra["dates/year"] == "in press"
    assert [d.code for d in report.diagnostics] == ["endnote-date-unparsed"]
    assert chapter.type == "chapter" and chapter.get("container-title") == "The Book"
    assert chapter.get("issued") == Date(parts=[[2001, 3, 15]])
    assert other.type == "document" and other.extra["ref-type"] == "Interpretive Dance"


def test_a_broken_record_costs_only_itself():
    got = items("broken_records.xml")
    assert [type(i).__name__ for i in got] == ["Record", "Failed", "Failed", "Record", "Failed"]
    assert [i.diagnostic.code for i in got if isinstance(i, Failed)] == [
        "endnote-xml-syntax", "endnote-unclosed", "endnote-empty"]
    assert [i.diagnostic.location.line for i in got if isinstance(i, Failed)] == [10, 12, 19]
    assert got[3].get("title") == "Fourth is fine & well" and got[3].source.line == 15


def test_entities_are_never_expanded():
    got = items("entities.xml")
    assert isinstance(got[0], Failed) and "secret" in got[0].diagnostic.message
    assert got[1].get("title") == "Plain record"
    assert not any("root:" in str(i.raw if isinstance(i, Failed) else i.fields) for i in got)


def test_one_line_export_with_carriage_returns():
    first, second = items("one_line_export.xml")
    assert first.get("abstract") == "Line one.\nLine two."
    assert (first.source.line, second.source.line) == (1, 2)  # the \r became a line end
    assert second.type == "book" and second.year == 2000


@pytest.mark.parametrize("text", [
    '<?xml version="1.0"?>\n<xml>\n  <records>\n    <record>',
    "<xml><records><record><database>",
])
def test_sniffing(text):
    assert choose_reader(text, "noext") == "endnote-xml"


# --- JabRef's fixtures ------------------------------------------------------------------

FIXTURES = corpus_files("jabref-testdata", "EndnoteXml*.xml")


def _families(authors):
    return [a.split(",")[0].strip() for a in authors.split(" and ")] if authors else []


def bib_entries(text):
    """JabRef's expected entries: one ``field = {value}`` a line (their keys are all empty,
    which a BibTeX parser rejects as duplicates)."""
    return [{k.lower(): v for k, v in re.findall(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", chunk, re.M)}
            for chunk in re.split(r"^@", text, flags=re.M)[1:]]


def compare(rec, f):
    got = {
        "title": rec.get("title", "").replace("<i>", "").replace("</i>", ""),
        "authors": [n.family or n.literal for n in rec.get("author", [])],
        "year": str(rec.year) if rec.year else None,
        "container": rec.get("container-title") or rec.get("collection-title"),
        "doi": rec.get("DOI"), "pages": rec.get("page"), "volume": rec.get("volume"),
        "number": rec.get("issue") or rec.get("number") or rec.get("collection-number"),
        "url": rec.get("URL"), "keywords": rec.get("keyword"),
        "isbn": rec.get("ISBN") or rec.get("ISSN"), "note": rec.get("note"),
        "language": rec.get("language"), "publisher": rec.get("publisher"),
    }
    want = {
        "title": f.get("title"),
        "authors": _families(f.get("author")),
        "container": f.get("journal") or f.get("booktitle"),
    }
    for key in ("year", "doi", "pages", "volume", "number", "url", "keywords", "isbn", "note",
                "language", "publisher"):
        want[key] = f.get(key)
    return {k: got[k] == want[k] for k in want if want[k] is not None}


@needs_corpus
def test_jabref_expected_entries_match():
    results = []
    for path in FIXTURES:
        recs = [r for r in read(path.read_text(encoding="utf-8"), str(path))]
        assert all(isinstance(r, Record) for r in recs), path
        expected = bib_entries(path.with_suffix(".bib").read_text(encoding="utf-8"))
        assert len(recs) == len(expected) == path.read_text().count("<record>"), path
        results += [compare(r, e) for r, e in zip(recs, expected)]
    checks = [ok for r in results for ok in r.values()]
    misses = [(i, k) for i, r in enumerate(results) for k, ok in r.items() if not ok]
    print(f"EndNote XML vs JabRef: {len(FIXTURES)} files, {len(results)} records, "
          f"{sum(checks)}/{len(checks)} fields match")
    assert len(results) == 11
    assert not misses, misses


_TOKENS = ["<xml>", "<records>", "<record>", "</record>", "<titles>", "</titles>", "<title>",
           "</title>", '<style face="italic">', "</style>", "<dates><year>", "</year></dates>",
           "<author>", "</author>", "<ref-type name=\"Book\">", "</ref-type>", "&amp;", "&x;",
           "<!--", "-->", "Smith, J.", "2001", "\n", " ", "<", ">", "/"]


@given(st.lists(st.sampled_from(_TOKENS), max_size=50).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_text_reads_without_exception(text):
    for item in read(text, "fuzz.xml"):
        assert isinstance(item, (Record, Failed))
