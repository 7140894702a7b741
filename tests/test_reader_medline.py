"""The MEDLINE (.nbib) reader: one hand-written file per quirk, then the real exports in the corpus.

The corpus part also scores the reader against the Zotero translator's own
expected items (zotero-translator-tests/MEDLINEnbib.json). Deviations we keep
on purpose are listed in KNOWN_DEVIATIONS with their reasons; the test fails
both when a new one appears and when a listed one goes away.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from citex.inputs import choose_reader, decode
from citex.model import Date, Failed, Name, Record
from citex.readers.medline import read
from citex.textnorm import fold

try:
    from tests.corpus import CORPUS, corpus_files, needs_corpus
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    from corpus import CORPUS, corpus_files, needs_corpus

DATA = Path(__file__).resolve().parent / "data" / "medline"


def items(name: str) -> list[Record | Failed]:
    return list(read((DATA / name).read_text(encoding="utf-8"), name))


def records(name: str) -> list[Record]:
    return [i for i in items(name) if isinstance(i, Record)]


# ---------------------------------------------------------------- hand-written quirks


def test_full_record_maps_every_tag():
    [rec] = items("full_record.nbib")
    assert rec.type == "article-journal"
    assert rec.get("PMID") == "33708679" and rec.get("PMCID") == "PMC7869257"
    assert rec.get("title") == ("Management of Metastatic Spine and Hip Alveolar Soft Part Sarcoma: "
                                "Case Report and Review of Literature.")
    assert rec.get("author") == [
        Name("Shah", "Manish"),
        Name("van der Berg", "Anna B"),  # particles stay in the family name, as PubMed keeps them
        Name(literal="Spine Tumour Study Group"),  # CN keeps its place among the authors
        Name("Kumar", "Arun", suffix="Jr"),
    ]
    assert rec.get("container-title") == "Asian journal of neurosurgery"
    assert rec.get("container-title-short") == "Asian J Neurosurg"
    assert rec.get("ISSN") == "1793-5482, 2248-9614"  # Print, Electronic; Linking repeats Print
    assert (rec.get("volume"), rec.get("issue"), rec.get("page")) == ("15", "4", "1011-5")
    assert rec.get("issued") == Date(parts=[[2020, 12, 21]])
    assert rec.get("available-date") == Date(parts=[[2021, 2, 12]])
    assert rec.get("DOI") == "10.4103/ajns.AJNS_290_20"
    assert rec.get("language") == "eng"
    assert rec.get("abstract").startswith("Alveolar soft part sarcoma (ASPS) is a rare soft-tissue")
    assert rec.get("keyword") == ("Humans; Sarcoma, Alveolar Soft Part/diagnosis/surgery; "
                                  "metastasis; spine")
    assert "publisher-place" not in rec  # a journal's PL is its country
    assert rec.extra["PL"] == "India"
    assert rec.extra["MH"] == "Humans\nSarcoma, Alveolar Soft Part/*diagnosis/surgery"
    assert rec.extra["AD"] == "Department of Neurosurgery, Example Hospital, Mumbai, India."
    assert rec.extra["AID"] == "AJNS-15-1011 [pii]"
    assert rec.extra["PT"] == "Case Reports\nJournal Article"
    assert rec.extra["SO"].endswith("eCollection 2020 Oct-Dec.")
    assert rec.diagnostics == []


def test_full_record_keeps_lines_and_raw_text():
    [rec] = items("full_record.nbib")
    assert rec.source.format == "medline" and rec.source.line == 1
    assert rec.source.field_lines["TI"] == 10 and rec.source.field_lines["title"] == 10
    assert rec.source.field_lines["FAU"] == 16 and rec.source.field_lines["DOI"] == 43
    assert rec.source.raw.splitlines()[0] == "PMID- 33708679"
    assert rec.source.raw.splitlines()[-1].strip() == "eCollection 2020 Oct-Dec."


def test_every_input_tag_lands_in_a_variable_or_extra():
    text = (DATA / "full_record.nbib").read_text()
    [rec] = read(text, "f")
    mapped = {"PMID", "PMC", "TI", "AB", "FAU", "AU", "CN", "IS", "VI", "IP", "DP", "DEP", "PG",
              "LID", "AID", "LA", "TA", "JT", "OT"}
    tags = set(re.findall(r"(?m)^([A-Z]{2,4}) *-", text))
    assert tags - mapped <= set(rec.extra), tags - mapped - set(rec.extra)


def test_book_chapter_and_whole_book():
    chapter, book = records("book_chapter.nbib")
    assert chapter.type == "chapter"
    assert chapter.get("title") == "Peutz-Jeghers Syndrome"
    assert chapter.get("container-title") == "Cancer Syndromes"
    assert chapter.get("editor") == [Name("Riegert-Johnson", "Douglas L"), Name("Boardman", "Lisa A")]
    assert chapter.get("author") == [Name("Riegert-Johnson", "Douglas"), Name("Wong Kee Song", "Louis M.")]
    assert chapter.get("publisher") == "National Center for Biotechnology Information (US)"
    assert chapter.get("publisher-place") == "Bethesda (MD)"
    assert chapter.get("URL") == "https://www.ncbi.nlm.nih.gov/books/NBK1826/"
    assert chapter.extra["CI"].startswith("Copyright (c) 2009-")
    assert book.type == "book" and book.get("title") == "GeneReviews(R)"
    assert "container-title" not in book and book.get("editor") == [Name("Adam", "Margaret P")]


@pytest.mark.parametrize("index, parts, season, clean", [
    (0, [[2020]], 4, True),
    (1, [[2019, 11], [2019, 12]], None, True),
    (2, [[1999, 12], [2000, 1]], None, True),
    (3, [[2000, 1, 15], [2000, 1, 31]], None, True),
    (4, [[2013, 6, 10]], None, True),
    (5, [[2019]], None, False),
])
def test_publication_dates(index, parts, season, clean):
    rec = records("date_variants.nbib")[index]
    assert rec.get("issued") == Date(parts=parts, season=season)
    assert ("medline-date" in [d.code for d in rec.diagnostics]) is not clean
    assert ("DP" in rec.extra) is not clean  # a date only partly read keeps its text


def test_date_with_no_year_stays_literal_with_a_warning():
    rec = records("date_variants.nbib")[6]
    assert rec.get("issued") == Date(literal="In press")
    [warning] = rec.diagnostics
    assert (warning.code, warning.location.line) == ("medline-date", 27)


def test_a_second_pmid_starts_a_record_without_a_blank_line():
    first, second = items("no_blank_lines.nbib")
    assert (first.get("PMID"), second.get("PMID")) == ("101", "102")
    assert (first.source.line, second.source.line) == (1, 4)


def test_au_only_names_and_et_al():
    [rec] = items("et_al_and_au_only.nbib")
    assert rec.get("author") == [Name("Gout", "I"), Name("van Raaij", "MJ"), Name("Booker", "GW")]
    assert rec.truncated == {"author"}


def test_stray_text_is_a_failure_and_the_records_around_it_are_read():
    first, failed, second = items("stray_text.nbib")
    assert isinstance(failed, Failed)
    assert (failed.diagnostic.code, failed.diagnostic.location.line) == ("medline-no-tag", 4)
    assert failed.raw == "This paragraph is not a MEDLINE record."
    assert (first.get("PMID"), second.get("PMID")) == ("201", "202")
    # "SO  text" has no dash but is padded like a tag: read as one, with a warning
    assert second.extra["SO"] == "invalid line without a dash"
    assert [(d.code, d.location.line) for d in second.diagnostics] == [("medline-no-dash", 8)]


def test_a_line_without_indent_continues_the_field_with_a_warning():
    [rec] = items("untagged_line.nbib")
    assert rec.get("title") == "A title whose second line lost its indent."
    assert [(d.code, d.location.line) for d in rec.diagnostics] == [("medline-untagged-line", 3)]


def test_eric_export():
    article, report = items("eric.nbib")
    assert article.source.dialect == "eric" and "PMID" not in article
    assert article.type == "article-journal"  # tagged "Reports - Research", but it has a volume
    assert article.get("author") == [Name("Hulse", "Taylyn"), Name("Daigle", "Maria")]
    assert article.get("container-title") == "Educational Technology Research and Development"
    assert article.get("DOI") == "10.1007/s11423-019-09653-8"
    assert article.get("URL") == "http://eric.ed.gov/?id=EJ1208101"
    assert article.get("ISSN") == "1042-1629"
    assert article.get("issued") == Date(parts=[[2019, 4]])
    assert article.extra["OID"] == "EJ1208101"
    assert report.type == "report" and report.get("publisher") == "ACT, Inc."
    assert "container-title" not in report


@pytest.mark.parametrize("index, csl_type", [
    (0, "article"), (1, "article-journal"), (2, "report"), (3, "article-journal"),
    (4, "article-newspaper"), (5, "article"),
])
def test_publication_type_decides_the_csl_type(index, csl_type):
    assert records("publication_types.nbib")[index].type == csl_type


def test_identifiers():
    elife, clash, prefixed = records("identifiers.nbib")
    assert elife.get("DOI") == "10.7554/eLife.32822"
    assert elife.get("page") == "e32822"  # no PG: the e-location is what PubMed cites
    assert elife.extra["LID"] == "e32822 [pii]"
    assert clash.get("DOI") == "10.1000/aid-version"  # AID's DOI is preferred
    assert clash.extra["DOI-other"] == "10.1000/lid-version"
    assert [d.code for d in clash.diagnostics] == ["doi-mismatch"]
    assert "page" not in clash  # a PII is not a page
    assert prefixed.get("DOI") == "10.1016/j.cpr.2005.02.002"
    assert prefixed.get("PMCID") == "PMC22664230"


def test_crlf_and_empty_values():
    raw = (DATA / "crlf_empty_values.nbib").read_bytes()
    assert b"\r\n" in raw
    first, second = read(raw.decode("utf-8"), "crlf.nbib")  # even without inputs.decode()
    assert first.get("title") == "A record with CRLF line ends and an empty abstract."
    assert "abstract" not in first and "page" not in first and "AB" not in first.extra
    assert first.year == 2018 and second.source.line == 7


def test_record_with_nothing_to_cite_is_a_failure():
    [failed] = read("SO  - something stands here\nPT  - Journal Article\n", "x")
    assert isinstance(failed, Failed) and failed.diagnostic.code == "medline-empty"


def test_sniffing_picks_medline():
    text = (DATA / "full_record.nbib").read_text()
    assert choose_reader(text, "refs.txt") == "medline"
    assert choose_reader("TI  - no PMID line\n", "refs.nbib") == "medline"
    assert choose_reader("\nPMC - PMC6055010\nPMID- 30042925\n", "pmc.txt") == "medline"
    assert choose_reader("OWN - ERIC\nTI  - An ERIC record\n", "eric.txt") == "medline"
    assert choose_reader("TY  - JOUR\nTI  - A RIS record\nER  - \n", "refs.txt") != "medline"


# ---------------------------------------------------------------- the corpus

MEDLINE_FILES = [
    *corpus_files("biopython-tests/Medline"),
    *corpus_files("nbib-tests", "*.nbib"),
    *corpus_files("nbib-tests", "pmc_medlars.txt"),
    *corpus_files("synthesisr-exports", "PubMed_example.txt"),
    *corpus_files("synthesisr-exports", "res_synth_methods.txt"),
    *corpus_files("jabref-testdata", "MedlinePlain*.txt"),
    *corpus_files("jabref-testdata", "NbibImporterTest.nbib"),
    *corpus_files("manubot-csl-json", "*.nbib"),
]
# Records in the JabRef fixtures whose first tag is not PMID (PMC-, PMCR-): counted by hand.
RECORDS_WITHOUT_PMID = {"MedlinePlainImporterTestMultiAbstract.txt": 1,
                        "MedlinePlainImporterTestMultiTitle.txt": 1,
                        "MedlinePlainImporterTestMultipleEntries.txt": 2}


def read_corpus_file(path: Path) -> list[Record | Failed]:
    text, _ = decode(path.read_bytes(), str(path))
    return list(read(text, str(path)))


@needs_corpus
@pytest.mark.parametrize("path", MEDLINE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_reads_and_counts_match(path):
    found = read_corpus_file(path)
    recs = [r for r in found if isinstance(r, Record)]
    text, _ = decode(path.read_bytes(), str(path))
    pmid_lines = len(re.findall(r"(?m)^PMID-", text))
    assert sum(1 for r in recs if "PMID" in r) == pmid_lines
    assert len(recs) == pmid_lines + RECORDS_WITHOUT_PMID.get(path.name, 0)
    assert all(r.get("title") or r.get("container-title") or r.get("PT") or r.extra for r in recs)


@needs_corpus
def test_corpus_totals_per_folder():
    totals: dict[str, int] = {}
    for path in MEDLINE_FILES:
        folder = path.relative_to(CORPUS).parts[0]
        totals[folder] = totals.get(folder, 0) + sum(isinstance(r, Record) for r in read_corpus_file(path))
    assert totals == {"biopython-tests": 6, "nbib-tests": 81, "synthesisr-exports": 5,
                      "jabref-testdata": 15, "manubot-csl-json": 2}


def test_real_failure_in_the_jabref_fixture_is_the_stray_line():
    path = CORPUS / "jabref-testdata/importer-fileformat/MedlinePlainImporterTestMultipleEntries.txt"
    if not path.exists():
        pytest.skip("corpus absent")
    failures = [f for f in read_corpus_file(path) if isinstance(f, Failed)]
    assert [(f.diagnostic.code, f.diagnostic.location.line) for f in failures] == [("medline-no-tag", 53)]


# ---------------------------------------------------------------- expected items from Zotero


def expand_pages(pages: str | None) -> str | None:
    """'6913-7' -> '6913-6917', so abbreviated and full ranges compare equal."""
    m = re.fullmatch(r"([A-Za-z]*)(\d+)-([A-Za-z]*)(\d+)", pages or "")
    if not m:
        return pages
    first, last = m.group(2), m.group(4)
    if len(last) < len(first):
        last = first[:len(first) - len(last)] + last
    return f"{m.group(1)}{first}-{m.group(3) or m.group(1)}{last}"


ZOTERO_TYPES = {"journalArticle": "article-journal", "book": "book", "bookSection": "chapter",
                "preprint": "article", "report": "report", "thesis": "thesis"}


def compare_with_zotero(expected: dict, rec: Record) -> dict[str, bool]:
    """Field -> whether the record agrees with one Zotero item (type, title, author, year, journal,
    DOI, pages)."""
    out: dict[str, bool] = {"type": ZOTERO_TYPES.get(expected["itemType"]) == rec.type}
    if expected.get("title"):
        out["title"] = fold(expected["title"]) == fold(rec.get("title"))
    authors = [c for c in expected.get("creators", []) if c.get("creatorType") == "author"]
    if authors:
        ours = rec.get("author") or []
        out["author"] = bool(ours) and fold(authors[0].get("lastName")) == fold(ours[0].sort_family)
    year = re.search(r"\d{4}", expected.get("date", ""))
    if year:
        out["year"] = rec.year == int(year.group(0))
    if expected.get("publicationTitle"):
        out["journal"] = fold(expected["publicationTitle"]) == fold(rec.get("container-title"))
    if expected.get("DOI"):
        out["DOI"] = expected["DOI"].lower() == (rec.get("DOI") or "").lower()
    if expected.get("pages"):
        out["pages"] = expand_pages(expected["pages"]) == expand_pages(rec.get("page"))
    return out


def score_zotero_cases(cases_file: str, reader) -> tuple[int, int, set[tuple[int, int, str]]]:
    """(fields right, fields compared, the (case, item, field) that differ) over one test-case file."""
    cases = json.loads((CORPUS / "zotero-translator-tests" / cases_file).read_text(encoding="utf-8"))
    right = total = 0
    wrong: set[tuple[int, int, str]] = set()
    for n, case in enumerate(cases):
        recs = [r for r in reader(case["input"], f"{cases_file}#{n}") if isinstance(r, Record)]
        assert len(recs) == len(case["items"]), f"case {n}: {len(recs)} records, {len(case['items'])} items"
        for k, (expected, rec) in enumerate(zip(case["items"], recs)):
            for field, ok in compare_with_zotero(expected, rec).items():
                total += 1
                right += ok
                if not ok:
                    wrong.add((n, k, field))
    return right, total, wrong


# (case, item, field) -> why citex differs from Zotero on purpose.
KNOWN_DEVIATIONS = {
    (8, 0, "pages"): "Zotero copies the LID pii 'S1080-6032(22)00139-9' into pages; a PII with "
                     "punctuation is not a page, so citex keeps it in extra['LID']",
}


@needs_corpus
def test_zotero_expected_items():
    right, total, wrong = score_zotero_cases("MEDLINEnbib.json", read)
    print(f"MEDLINE vs Zotero: {right}/{total} fields agree ({right / total:.1%})")
    assert wrong == set(KNOWN_DEVIATIONS), sorted(wrong ^ set(KNOWN_DEVIATIONS))
    assert right / total >= 0.95


def _tag_line_by_pattern(line: str) -> tuple[str, str] | None:
    """The general rule alone: the tag pattern, 4 wide or a known tag."""
    from citex.fieldmaps.medline import KNOWN_TAGS
    from citex.readers.medline_reader import _TAG_LINE

    m = _TAG_LINE.fullmatch(line)
    if m and (len(m[1]) + len(m[2]) == 4 or m[1] in KNOWN_TAGS):
        return m[1], m[3].strip()
    return None


@pytest.mark.parametrize("value", ["", "x", " Smith J ", "-", "- x", "a\tb", "\u00e9t\u00e9 "])
def test_tag_line_fast_path_agrees_with_pattern(value):
    """The six-character look-up of "TI  - " reads every line as the tag pattern does."""
    from citex.fieldmaps.medline import KNOWN_TAGS
    from citex.readers.medline_reader import tag_line

    for tag in sorted(KNOWN_TAGS) + ["XY", "ABCD", "A1"]:
        for pad in range(0, 4):
            for dash in ("-", "- ", "-  "):
                line = f"{tag}{' ' * pad}{dash}{value}"
                assert tag_line(line) == _tag_line_by_pattern(line), line


@pytest.mark.parametrize("value", ["Smith, John Jr", "Smith, John Jr.", "Smith, John III", "Smith, John IV",
                                   "Smith, John 2nd", "Smith, John 4th", "Smith, Ivor", "Smith, John",
                                   "Smith, Jr", "Smith, J Sr", "Smith, John\tJr", "Smith, Ed"])
def test_full_name_suffix_check_agrees_with_pattern(value):
    """Names whose end no suffix can have skip the suffix pattern: the result is the pattern's."""
    from citex.readers.medline_record import _SUFFIX, full_name

    given = value.partition(",")[2].strip()
    m = _SUFFIX.search(given)
    name = full_name(value)
    assert name.suffix == (m.group(1) if m else None)
    assert name.given == ((given[:m.start()] if m else given) or None)


def test_records_with_the_same_date_do_not_share_it():
    # the reader remembers each date text's parse; each record still owns its Date
    text = "PMID- 1\nTI  - One.\nDP  - 2003 Apr\n\nPMID- 2\nTI  - Two.\nDP  - 2003 Apr\n"
    a, b = read(text)
    assert a.fields["issued"] == b.fields["issued"] == Date([[2003, 4]])
    a.fields["issued"].parts[0][0] = 1999
    assert b.fields["issued"].parts == [[2003, 4]]
    again, = read("PMID- 3\nTI  - Three.\nDP  - 2003 Apr\n")
    assert again.fields["issued"].parts == [[2003, 4]]
