"""PubMed XML with ``defer``: each plain record leaves the parent as its text, to be parsed and
built by a worker; what comes out is what reading without ``defer`` gives, for odd files too."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from citex.model import Failed, Record
from citex.readers.pubmed_xml import read
from citex.readers.stream import Deferred

DATA = Path(__file__).resolve().parent / "data" / "pubmed_xml"
DOCTYPE = ('<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
           '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n')


def article(pmid: int, title: str = "", body: str = "") -> str:
    title = title or f"Title {pmid}."
    return (f"<PubmedArticle>\n<MedlineCitation Status=\"MEDLINE\">\n<PMID Version=\"1\">{pmid}</PMID>\n"
            f"<Article>\n<Journal><Title>J</Title><JournalIssue><PubDate><Year>2020</Year></PubDate>"
            f"</JournalIssue></Journal>\n<ArticleTitle>{title}</ArticleTitle>\n{body}"
            f"<AuthorList><Author><LastName>Smith</LastName><ForeName>Ann</ForeName></Author></AuthorList>\n"
            f"</Article>\n</MedlineCitation>\n</PubmedArticle>\n")


def document(*records: str, head: str = '<?xml version="1.0"?>\n' + DOCTYPE, root: str = "<PubmedArticleSet>",
             end: str = "</PubmedArticleSet>\n") -> str:
    return head + root + "\n" + "".join(records) + end


def both_ways(text: str) -> tuple[list, list, int]:
    """Items read at once, items read with defer (built after a pickle round trip, as a worker
    builds them), and how many were deferred."""
    at_once = list(read(text, "in.xml"))
    deferred = list(read(text, "in.xml", defer=True))
    built = [pickle.loads(pickle.dumps(item))() if isinstance(item, Deferred) else item for item in deferred]
    return at_once, built, sum(isinstance(item, Deferred) for item in deferred)


REGULAR = {
    "doctype and undeclared entities": document(
        article(1, "A&nbsp;b &amp; c &#233; &lt;5"), article(2), article(3, "<i>Italic</i> H<sub>2</sub>O")),
    "declared latin-1, no doctype": document(article(1, "Köhler – β"), article(2),
                                            head='<?xml version="1.0" encoding="ISO-8859-1"?>\n'),
    "no prolog at all, text between records": document(article(1), "stray text &amp; more\n", article(2), head=""),
    "a book, an empty record, attributes over lines": document(
        '<PubmedBookArticle><BookDocument><PMID>5</PMID><Book><BookTitle>B</BookTitle></Book>'
        "</BookDocument></PubmedBookArticle>\n", "<PubmedArticle/>\n",
        article(6).replace("<PubmedArticle>", '<PubmedArticle\n  x="1">'), article(7)),
    "namespaces declared in the record": document(article(
        1, 'E <mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:msub><mml:mi>x</mml:mi>'
           "<mml:mn>2</mml:mn></mml:msub></mml:math>"), article(2)),
    "past line 65,535, where libxml2 counts lines its own way": document(*(
        article(i, body="<Abstract><AbstractText>" + "line&lt;<b>x</b>\n" * 1100 + "</AbstractText></Abstract>\n")
        .replace("<Journal>", "<Journal>\n") for i in range(1, 65))),
    "records of every size across pieces and chunks": document(
        *(article(i, body=f"<Abstract><AbstractText>{'word ' * (i * 37 % 4000)}</AbstractText></Abstract>\n")
          for i in range(1, 700))),
}


@pytest.mark.parametrize("name", REGULAR)
def test_plain_records_are_deferred_and_build_as_read_at_once(name):
    at_once, built, deferred = both_ways(REGULAR[name])
    assert built == at_once
    assert deferred == len(at_once) > 1  # every record left to the worker
    assert any(isinstance(item, Record) and item.source.field_lines for item in built)


def _comment_at_chunk_end() -> str:
    """A comment (hiding an end tag) whose "<" ends the parser's first 64K-character chunk."""
    first = article(1, body="<Abstract><AbstractText>@</AbstractText></Abstract>\n")
    before = len(document(head="", end="")) + first.index("@")
    first = first.replace("@", "x" * (65_535 - before) + "<!-- </PubmedArticle> -->" + "x" * 1000)
    text = document(first, article(2), head="")
    assert text[65_535:65_539] == "<!--"
    return text


IRREGULAR = {
    "a record in a comment between records": document(
        article(1), "<!-- " + article(9).replace("--", "") + " -->\n", article(2)),
    "a record in a comment before the first": document(
        article(1), head='<?xml version="1.0"?>\n<!-- ' + article(9) + " -->\n"),
    "CDATA hiding an end tag": document(article(1, "<![CDATA[a </PubmedArticle> b]]>"), article(2)),
    "a comment in a record": document(article(1, "x<!-- <PubmedArticle> -->y"), article(2)),
    "a processing instruction between records": document(article(1), "<?pi <PubmedArticle>?>\n", article(2)),
    "namespace declared on the root": document(
        article(1, "E <mml:mi>x</mml:mi>"), article(2),
        root='<PubmedArticleSet xmlns:mml="http://www.w3.org/1998/Math/MathML">'),
    "an internal DTD subset": document(article(1), head=DOCTYPE.replace(">\n", " [<!ELEMENT x ANY>]>\n")),
    "an end tag with a space": document(article(1).replace("</PubmedArticle>", "</PubmedArticle >"),
                                        article(2), article(3)),
    "a deletion nested in a record": document(
        article(1, body="<DeleteCitation><PMID>4</PMID></DeleteCitation>"), article(2)),
    "a wrapper element between records": document(article(1), "<Extra><PMID>8</PMID></Extra>\n", article(2)),
    "leading text": "% Encoding: UTF-8\n\n" + document(article(1), article(2), head=""),
    "the record is the root": article(1),
    "deletions after a record, an empty one, and before any": document(
        "<DeleteCitation><PMID>7</PMID></DeleteCitation>\n", article(1),
        "<DeleteCitation><PMID>8</PMID></DeleteCitation>\n", "<PubmedArticle><X/></PubmedArticle>\n",
        "<DeleteCitation><PMID>9</PMID><PMID>10</PMID></DeleteCitation>\n", article(2)),
    "deletions only": document("<DeleteCitation><PMID>7</PMID></DeleteCitation>\n"),
    "a mismatched tag": document(article(1), article(2, "<i>x</b>"), article(3)),
    "a record not closed": document(article(1), article(2).replace("</PubmedArticle>", ""), article(3)),
    "truncated in a record": document(article(1), article(2))[:-60],
    "an undeclared entity, no doctype": document(article(1), article(2, "a&nbsp;b"), head=""),
    "junk after the root": document(article(1), article(2)) + "<PubmedArticle>",
    "entity declarations": document(article(1), head=DOCTYPE.replace(">\n", ' [<!ENTITY e "x">]>\n')),
    "a lone surrogate": document(article(1, "a\ud800b"), article(2)),
    "a record closing itself, with an attribute": document(article(1), '<PubmedArticle x="1"/>\n', article(2)),
    "a record in a record": document(article(1, body=article(9)), article(2)),
    "a longer end tag name first": document(article(1, body="<PubmedArticleX></PubmedArticleX>"), article(2)),
    "a comment cut by a chunk's end": _comment_at_chunk_end(),
}


@pytest.mark.parametrize("name", IRREGULAR)
def test_odd_files_read_the_same_with_defer(name):
    at_once, built, _ = both_ways(IRREGULAR[name])
    assert built == at_once


def test_only_the_odd_records_are_built_in_the_parent():
    text = document(article(1), article(2, "<![CDATA[x]]>"), article(3))
    at_once, built, deferred = both_ways(text)
    assert built == at_once and deferred == 1  # after an odd record the scan is not trusted
    at_once, built, deferred = both_ways(document(article(1), article(2), "<!-- c -->\n", article(3)))
    assert built == at_once and deferred == 2


def test_a_note_joins_the_record_before_or_waits_for_the_next_record():
    text = IRREGULAR["deletions after a record, an empty one, and before any"]
    first, empty, second = both_ways(text)[1]
    assert [d.code for d in first.diagnostics] == ["pubmed-xml-deleted", "pubmed-xml-deleted"]
    assert isinstance(empty, Failed) and empty.diagnostic.code == "pubmed-xml-empty"
    assert [d.message for d in second.diagnostics] == [
        "<DeleteCitation> deletes 2 PMID(s) (9, 10); not records"]


def test_malformed_xml_stops_at_the_same_record_and_line():
    at_once, built, deferred = both_ways(IRREGULAR["a mismatched tag"])
    assert built == at_once and deferred == 1
    good, failed = built
    assert good.get("PMID") == "1" and failed.diagnostic.code == "pubmed-xml-malformed"
    assert failed.diagnostic.location.line == 19


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.xml")))
def test_the_hand_written_files_read_the_same_with_defer(name):
    at_once, built, _ = both_ways((DATA / name).read_text(encoding="utf-8"))
    assert built == at_once
