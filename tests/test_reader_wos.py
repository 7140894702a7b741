"""The Web of Science tagged reader: one hand-written file per quirk, then the real exports.

Known deviations from the Zotero translator's expected items ("Web of Science Tagged.json"):
- Zotero title-cases PI/PU ("PALO ALTO" -> "Palo Alto"); citex keeps them verbatim for a repair.
- Zotero keeps an unparsed PD as the date string ("1998, thesis publ. 1997"); citex keeps the
  year from PY and the PD text in ``extra`` (not compared: only years are).
- Zotero drops GP (book group author, "IEEE") and SO of a book; citex keeps both in ``extra``.
"""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citex.model import Date, Failed, Name, Record
from citex.readers.wos import read
from citex.readers.wos_reader import parse_date
from corpus import CORPUS, corpus_files, needs_corpus

DATA = Path(__file__).parent / "data" / "wos"


def records(name):
    text = (DATA / name).read_text(encoding="utf-8-sig")
    return list(read(text, name))


def test_full_record_maps_every_tag():
    [rec] = records("basic.ciw")
    assert rec.type == "article-journal"
    assert rec.get("title") == ("Anaplerotic Role for Cytosolic Malic Enzyme in Engineered "
                                "Saccharomyces cerevisiae Strains")
    assert rec.get("author") == [Name("Zelle", "Rintze M."),
                                 Name("Maris", "Antonius J. A.", non_dropping_particle="van")]
    assert rec.get("container-title") == "APPLIED AND ENVIRONMENTAL MICROBIOLOGY"  # verbatim caps
    assert rec.get("container-title-short") == "Appl. Environ. Microbiol."
    assert rec.extra["J9"] == "APPL ENVIRON MICROB"
    assert rec.get("issued") == Date(parts=[[2011, 2]])
    assert (rec.get("volume"), rec.get("issue"), rec.get("page")) == ("77", "3", "732-738")
    assert rec.get("DOI") == "10.1128/AEM.02132-10" and rec.get("PMID") == "21131518"
    assert rec.get("ISSN") == "0099-2240, 1098-5336"
    assert rec.get("keyword") == "malic enzyme; anaplerosis; PYRUVATE-CARBOXYLASE; GROWTH"
    assert rec.get("abstract") == ("Malic enzyme catalyzes the reversible oxidative "
                                   "decarboxylation of malate to pyruvate and CO(2).")
    assert (rec.get("publisher"), rec.get("publisher-place")) == ("AMER SOC MICROBIOLOGY", "WASHINGTON")
    assert rec.get("number-of-pages") == "7" and rec.get("language") == "English"
    assert rec.extra["UT"] == "WOS:000286597100004"
    assert rec.extra["DT"] == "Article"
    assert rec.extra["C1"].split("\n") == [  # address lines stay separate items
        "Delft Univ Technol, Dept Biotechnol, NL-2628 BC Delft, Netherlands.",
        "Kluyver Ctr Genom Ind Fermentat, NL-2628 BC Delft, Netherlands."]
    assert rec.source.line == 3 and rec.source.dialect == "web-of-science"
    assert rec.source.field_lines["title"] == 8 and rec.source.field_lines["DOI"] == 31
    assert rec.source.raw.startswith("PT J\nAU Zelle, RM") and rec.source.raw.endswith("ER")
    assert not rec.diagnostics


def test_bom_email_in_name_page_span_and_day_month_year():
    [rec] = records("zoological_record_bom.txt")
    assert rec.get("author") == [Name("Stillman", "Andrew N."), Name("Siegel", "Rodney B.")]
    assert rec.extra["AU-as-written"] == "Stillman, Andrew N. (andrew.stillman@uconn.edu)"
    assert rec.get("page") == "duz039"
    assert rec.get("issued") == Date(parts=[[2019, 4, 7]])
    assert rec.get("title") == "Nest site selection of Black-backed Woodpeckers after wildfire."


def test_continuation_lines_without_indent():
    [rec] = records("unindented_continuation.ciw")
    assert rec.get("title").endswith("two benthic consumers in arctic lakes")
    assert [n.family for n in rec.get("author")] == ["Medvedeff", "Hershey"]


def test_record_without_er_ends_at_next_pt():
    first, second = records("missing_er.ciw")
    assert first.get("title") == "First record has no ER" and second.get("title") == "Second record"
    assert [d.code for d in first.diagnostics] == ["wos-no-er"]
    assert (first.source.line, second.source.line) == (3, 8)
    assert not second.diagnostics


def test_patent_with_initials_without_comma():
    [rec] = records("patent.ciw")
    assert rec.type == "patent"
    assert rec.get("author") == [Name("YANG", "Y."), Name("LI", "W.")]
    assert rec.get("number") == "CN110836969-A"
    assert rec.extra["AE"] == "UNIV SICHUAN WEST CHINA HOSPITAL"
    assert "container-title" not in rec and rec.extra["SO"].endswith("Trademark Office Patents")
    assert rec.get("issued") == Date(parts=[[2011, 6, 28]])


def test_series_chapter_proceedings_paper_and_book():
    chapter, paper, book = records("book_parts.ciw")
    assert chapter.type == "chapter"
    assert chapter.get("container-title") == "ANNUAL REVIEW OF PUBLIC HEALTH, VOL 32"
    assert chapter.get("collection-title") == "Annual Review of Public Health"
    assert chapter.get("editor") == [Name("Fielding", "J. E."), Name("Brownson", "R. C.")]
    assert chapter.get("ISBN") == "978-0-8243-2732-3"
    assert paper.type == "paper-conference"
    assert paper.get("container-title").endswith("VOLS 1 AND 2, PROCEEDINGS")
    assert paper.get("event-title") == "7th International Conference on Advanced Communication Technology"
    assert paper.get("event-place") == "Phoenix Pk, SOUTH KOREA"
    assert paper.get("event-date") == Date(parts=[[2005, 2, 21], [2005, 2, 23]])
    assert paper.get("author") == [Name("Chen", "L.")] and paper.extra["GP"] == "IEEE"
    assert book.type == "book" and "container-title" not in book
    assert book.extra["SO"] == "Ecological anthropology of households in East Madura, Indonesia"


def test_article_number_group_author_anonymous_season_and_repeated_tag():
    [rec] = records("article_number_group_author.ciw")
    assert rec.get("author") == [Name(literal="WHO Working Group")]
    assert rec.extra["AU-as-written"] == "[Anonymous]"
    assert rec.get("page") == "1722034" and rec.extra["AR"] == "UNSP 1722034"
    assert rec.get("issued") == Date(parts=[[2020]], season=1)
    assert rec.get("available-date") == Date(parts=[[2020, 12]])
    assert rec.get("issue") == "1" and rec.extra["IS.2"] == "2"


def test_text_before_first_record_and_empty_record_fail_alone():
    items = records("text_before_records.ciw")
    assert [type(i).__name__ for i in items] == ["Failed", "Record", "Failed"]
    assert items[0].diagnostic.code == "wos-no-tag" and items[0].diagnostic.location.line == 1
    assert items[1].get("title") == "A record after stray text"
    assert items[2].diagnostic.code == "wos-empty" and items[2].diagnostic.location.line == 9


@pytest.mark.parametrize("text, year, parts, season, understood", [
    ("DEC 16 2020", "2020", [[2020, 12, 16]], None, True),
    ("JUN 14", "2006", [[2006, 6, 14]], None, True),
    ("04 2006", "2006", [[2006, 4]], None, True),
    ("2006 May-Jun", "2006", [[2006, 5], [2006, 6]], None, True),
    ("2020-Dec", "2020", [[2020, 12]], None, True),
    ("Winter 2007", "", [[2007]], 4, True),
    ("27 July 2005", "2005", [[2005, 7, 27]], None, True),
    ("1998, thesis publ. 1997", "1998", [[1998]], None, False),
    ("Apr-Jun 2001(2002)", "2001", [[2001, 4], [2001, 6]], None, False),
])
def test_dates(text, year, parts, season, understood):
    date, ok = parse_date(text, year)
    assert (date.parts, date.season, ok) == (parts, season, understood)


def test_unparsed_date_is_kept_and_reported():
    [rec] = read("PT J\nTI T\nPD 1998, thesis publ. 1997\nPY 1998\nER\n", "x.ciw")
    assert rec.year == 1998 and rec.extra["PD"] == "1998, thesis publ. 1997"
    assert [d.code for d in rec.diagnostics] == ["wos-date-unparsed"]


# --- real exports ---------------------------------------------------------------------

WOS_FILES = ([CORPUS / "rispy-tests" / "example_wos.ris"]
             + corpus_files("synthesisr-exports", "WoS_*") + corpus_files("synthesisr-exports", "zoorec.txt")
             + corpus_files("jabref-testdata", "*.isi"))


def _decoded(path):
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


@needs_corpus
@pytest.mark.parametrize("path", WOS_FILES, ids=lambda p: p.name)
def test_corpus_file_reads_every_record(path):
    text = _decoded(path)
    items = list(read(text, str(path)))
    expected = len(re.findall(r"^(?:\ufeff)?PT ", text, re.M))
    records_ = [i for i in items if isinstance(i, Record)]
    assert len(records_) == expected
    assert all(r.get("title") for r in records_)
    assert all(isinstance(r.get("issued"), Date) and r.year for r in records_ if "PY" in r.source.raw)


@needs_corpus
def test_corpus_counts():
    counts = {p.name: sum(isinstance(i, Record) for i in read(_decoded(p), str(p))) for p in WOS_FILES}
    assert counts["zoorec.txt"] == 134
    assert counts["WoS_ciw_example.ciw"] + counts["WoS_txt_example.txt"] == 9
    assert counts["example_wos.ris"] == 2


# --- Zotero's expected items ------------------------------------------------------------

def _zotero_cases():
    path = CORPUS / "zotero-translator-tests" / "Web_of_Science_Tagged.json"
    return json.loads(path.read_text()) if path.exists() else []


def _year(text):
    m = re.search(r"\d{4}", text or "")
    return int(m.group()) if m else None


def compare(rec, item):
    """Field -> matched? for the fields both sides carry."""
    out = {}
    out["title"] = rec.get("title") == item.get("title")
    people = [c["lastName"] for c in item.get("creators", []) if c["creatorType"] != "editor"]
    out["authors"] = [n.sort_family for n in rec.get("author", [])] == people
    editors = [c["lastName"] for c in item.get("creators", []) if c["creatorType"] == "editor"]
    if editors:
        out["editors"] = [n.family for n in rec.get("editor", [])] == editors
    date = item.get("date") or item.get("issueDate")
    if date:
        out["year"] = rec.year == _year(date)
    container = item.get("publicationTitle") or item.get("bookTitle") or item.get("proceedingsTitle")
    if container:
        out["container"] = rec.get("container-title") == container
    for key in ("DOI", "ISSN", "ISBN", "volume", "issue", "pages"):
        if item.get(key):
            out[key] = rec.get("page" if key == "pages" else key) == item[key]
    return out


@needs_corpus
def test_zotero_expected_items_match():
    results = []
    for case in _zotero_cases():
        recs = [r for r in read(case["input"], "zotero.txt") if isinstance(r, Record)]
        assert len(recs) == len(case["items"])
        for rec, item in zip(recs, case["items"]):
            results.append(compare(rec, item))
    checks = [ok for r in results for ok in r.values()]
    rate = sum(checks) / len(checks)
    print(f"WoS vs Zotero: {len(results)} items, {sum(checks)}/{len(checks)} fields match ({rate:.1%})")
    misses = [(k, i) for i, r in enumerate(results) for k, ok in r.items() if not ok]
    assert len(results) == 16
    assert rate >= 0.97, misses


_TOKENS = ["FN Web of Science", "VR 1.0", "PT J", "PT ", "AU ", "AF ", "TI ", "PD ", "PY ", "BP ",
           "AR ", "ER", "EF", "Smith, JM", "[Anonymous]", "(a@b)", "DEC 16", "2020", "SPR", "-", ";",
           ",", "\n", "\n   ", "\ufeff", " ", "x"]


@given(st.lists(st.sampled_from(_TOKENS), max_size=50).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_text_reads_without_exception(text):
    for item in read(text, "fuzz.ciw"):
        assert isinstance(item, (Record, Failed))
