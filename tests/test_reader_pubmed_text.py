"""The PubMed text reader on hand-written records of every shape (no repairs applied here)."""

from pathlib import Path

import pytest

from citex.model import Failed, Name
from citex.readers.pubmed_text import read

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_18a7e7130607ba5e.txt"


def one(text):
    items = list(read(text, "t.txt"))
    assert len(items) == 1, items
    return items[0]


def test_seed_reads_every_field():
    rec = one(SEED.read_text())
    title = ("Management of Metastatic Spine and Hip Alveolar Soft Part Sarcoma: "
             "Case Report and Review of Literature.")
    assert rec.get("PMID") == "33708679"
    assert rec.get("title") == title
    assert rec.get("author") == [Name("Shah", "M")]
    assert rec.truncated == {"author"}
    assert rec.get("container-title") == title.rstrip(".")  # the fault, left to the repairs
    assert rec.year == 2020
    assert (rec.get("volume"), rec.get("issue"), rec.get("page")) == ("15", None, "1011-1015")
    assert rec.get("DOI") == "10.4103/ajns.AJNS_290_20"
    assert rec.get("URL") == "https://pubmed.ncbi.nlm.nih.gov/33708679/"
    assert rec.get("abstract").startswith("Alveolar soft part sarcoma (ASPS)")
    assert rec.source.format == "pubmed-text" and rec.source.line == 1
    assert rec.source.field_lines["Citation"] == 6
    assert "Citation: Shah M, et al." in rec.source.raw


def test_many_records_separated_by_blank_lines_keep_order_and_lines():
    text = (
        "PMID: 1\nTitle: First title.\n\nCitation: A B. First title. J One. 2001;1:1-2.\n\n"
        "Link: https://pubmed.ncbi.nlm.nih.gov/1/\n\n\n"
        "PMID: 2\nTitle: Second title.\n\nCitation: C D. Second title. J Two. 2002;2:3-4.\n\n"
        "PMID: 3\nCitation: E F. Third title. J Three. 2003;3:5-6.\n"
    )
    items = list(read(text, "t.txt"))
    assert [r.get("PMID") for r in items] == ["1", "2", "3"]
    assert [r.source.line for r in items] == [1, 9, 14]
    assert [r.get("container-title") for r in items] == ["J One", "J Two", "J Three"]
    assert items[2].get("title") == "Third title."


def test_record_without_pmid_starts_where_a_field_comes_back():
    text = ("Title: One.\nCitation: A B. One. J. 2001;1:1.\n\n"
            "Title: Two.\nCitation: C D. Two. K. 2002;2:2.\n")
    assert [r.get("title") for r in read(text, "t")] == ["One.", "Two."]


def test_record_starts_when_field_order_goes_back_after_a_blank_line():
    text = "Citation: A B. One. J. 2001;1:1.\nLink: x\n\nTitle: Two.\n"
    assert [r.get("title") for r in read(text, "t")] == ["One.", "Two."]


def test_separator_lines_split_records():
    text = "PMID: 1\nTitle: One.\n-----\nTitle: Two.\n"
    assert [r.get("title") for r in read(text, "t")] == ["One.", "Two."]


def test_continuation_lines_join_their_field():
    rec = one("PMID: 5\nTitle: A title that\n  wraps onto a second line.\nAbstract: BACKGROUND: x.\nMETHODS: y.\n")
    assert rec.get("title") == "A title that\nwraps onto a second line."
    assert rec.get("abstract") == "BACKGROUND: x.\nMETHODS: y."


def test_title_line_absent_title_comes_from_citation():
    rec = one("PMID: 7\nCitation: Li X, Wang Y. Fast sequence alignment: a review? Bioinformatics. "
              "2009;25(14):1754-60. doi: 10.1093/bioinformatics/btp324\n")
    assert rec.get("title") == "Fast sequence alignment: a review?"
    assert rec.get("container-title") == "Bioinformatics"
    assert rec.get("page") == "1754-60"


def test_title_with_inner_sentences_uses_title_line_to_find_the_journal():
    title = "Cancer. A review. Part II."
    rec = one(f"Title: {title}\nCitation: Doe J. {title} Science (New York, N.Y.). 2020;367(6475):e12.\n")
    assert rec.get("container-title") == "Science (New York, N.Y.)"
    assert rec.get("issue") == "6475" and rec.get("page") == "e12"


def test_title_and_citation_disagree_title_line_wins_with_a_diagnostic():
    rec = one("Title: The real title.\nCitation: Doe J. Another title. Lancet. 2020;1:1.\n")
    assert rec.get("title") == "The real title."
    assert rec.get("container-title") == "Lancet"
    assert [d.code for d in rec.diagnostics] == ["title-mismatch"]
    assert rec.diagnostics[0].location.line == 2


def test_title_case_difference_is_not_a_disagreement():
    rec = one("Title: Heart failure today.\nCitation: Doe J. HEART FAILURE TODAY. Lancet. 2020;1:1.\n")
    assert rec.diagnostics == [] and rec.get("container-title") == "Lancet"


def test_group_author_and_no_authors():
    rec = one("Title: Genomic surveillance.\nCitation: COVID-19 Genomics UK (COG-UK) Consortium. "
              "Genomic surveillance. Lancet Microbe. 2020;1(3):e99-e100.\n")
    assert rec.get("author") == [Name(literal="COVID-19 Genomics UK (COG-UK) Consortium")]
    rec = one("Citation: [No authors listed]. Editorial note. BMJ. 2021;372:n71.\n")
    assert "author" not in rec and rec.get("title") == "Editorial note."
    assert rec.get("container-title") == "BMJ" and rec.get("page") == "n71"


def test_pubmed_cite_shape_with_trailers():
    rec = one("Citation: Shah M, Kumar A. Management of spine. Asian J Neurosurg. 2020 Dec 21;15(4):1011-1015. "
              "doi: 10.4103/ajns.AJNS_290_20. PMID: 33708679; PMCID: PMC7869257.\n")
    assert rec.get("issued").parts == [[2020, 12, 21]]
    assert (rec.get("PMID"), rec.get("PMCID")) == ("33708679", "PMC7869257")
    assert rec.get("author")[1] == Name("Kumar", "A")


def test_citation_pmid_that_disagrees_is_reported_not_taken():
    rec = one("PMID: 1\nCitation: A B. T. J. 2020;1:1. PMID: 2.\n")
    assert rec.get("PMID") == "1" and rec.extra["citation-PMID"] == "2"
    assert [d.code for d in rec.diagnostics] == ["pmid-mismatch"]


def test_citation_without_source_is_reported():
    rec = one("Citation: Doe J. Just a title. Some Journal.\n")
    assert "citation-no-source" in [d.code for d in rec.diagnostics]
    assert rec.get("container-title") == "Some Journal"


@pytest.mark.parametrize("text, code", [
    ("some stray text\nPMID: 1\nTitle: T.\n", "pubmed-text-no-key"),
    ("Link: https://example.org/\n", "pubmed-text-empty"),
])
def test_unreadable_blocks_become_failures_and_the_rest_is_read(text, code):
    items = list(read(text, "bad.txt"))
    failures = [i for i in items if isinstance(i, Failed)]
    assert [f.diagnostic.code for f in failures] == [code]
    assert failures[0].diagnostic.location.path == "bad.txt"
    assert failures[0].diagnostic.location.line == 1


def test_pmid_line_with_text_after_the_number():
    rec = one("PMID: 33708679 [Indexed for MEDLINE]\nTitle: T.\n")
    assert rec.get("PMID") == "33708679"
    assert rec.extra["PMID-raw"] == "33708679 [Indexed for MEDLINE]"


def test_book_citation_with_place_and_publisher():
    rec = one("PMID: 5\nCitation: World Health Organization. Global tuberculosis report 2020. "
              "Geneva: World Health Organization; 2020.\n")
    assert rec.type == "book"
    assert rec.get("author") == [Name(literal="World Health Organization")]
    assert rec.get("title") == "Global tuberculosis report 2020."
    assert (rec.get("publisher-place"), rec.get("publisher")) == ("Geneva", "World Health Organization")
    assert rec.year == 2020 and "container-title" not in rec
