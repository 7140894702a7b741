"""The BibLaTeX writer: entry types and fields from biblatex's data model, UTF-8, ISO dates, pandoc reads it back."""

import io
import json
import re
import subprocess

import pytest

import citex
from citex.pipeline import dumps
from citex.model import Date, Name, Record
from citex.registry import WRITERS
from citex.writers.biblatex import langid


def write(*records, **options):
    return dumps(records, "biblatex", **options)


def fields_of(text):
    return dict(re.findall(r"^  (\w+)\s*= \{(.*)\},?$", text, re.M))


def rec(csl_type="article-journal", **fields):
    base = {"author": [Name("Gómez", "Ana")], "title": "A study", "issued": Date([[2020, 3, 21]])}
    return Record(type=csl_type, fields={**base, **fields})


def test_registered_with_extension():
    assert WRITERS.entry("biblatex").meta["extension"] == ".bib"


def test_article_layout_utf8_by_default():
    text = write(rec(**{"container-title": "Journal of Ästhetik", "volume": "12", "issue": "4",
                        "page": "1011-1015", "DOI": "10.1/x_y", "PMID": "33708679",
                        "container-title-short": "J Ästh"}))
    assert text == (
        "@article{gomez2020study,\n"
        "  author       = {Gómez, Ana},\n"
        "  title        = {A study},\n"
        "  journaltitle = {Journal of Ästhetik},\n"
        "  shortjournal = {J Ästh},\n"
        "  date         = {2020-03-21},\n"
        "  volume       = {12},\n"
        "  number       = {4},\n"
        "  pages        = {1011--1015},\n"
        "  doi          = {10.1/x_y},\n"
        "  eprinttype   = {pubmed},\n"
        "  eprint       = {33708679},\n"
        "}\n".replace(",\n}", "\n}"))


def test_ascii_on_request():
    text = write(rec(title="Nguyễn & Ästhetik"), ascii=True)
    assert text.isascii() and r"G{\'o}mez" in text


@pytest.mark.parametrize("date, iso", [
    (Date([[2020, 3, 21]]), "2020-03-21"),
    (Date([[2020, 3]]), "2020-03"),
    (Date([[2020]]), "2020"),
    (Date([[2019, 12], [2020, 2]]), "2019-12/2020-02"),
    (Date([[2019], [2020]]), "2019/2020"),
    (Date([[2020]], season=1), "2020-21"),  # ISO 8601-2 season: spring
    (Date(literal="Spring, whenever"), None),
    # what Biber would refuse, with the whole date (the CSL test suite's inputs have them)
    (Date([[1965, 60, 1]]), "1965"), (Date([[1965, -1, 1]]), "1965"), (Date([[1965, 17]]), "1965"),
    (Date([[2020, 2, 40]]), "2020-02"),
    (Date([[1965, 13, 1]]), "1965-21"), (Date([[1965, 24]]), "1965-24"),  # seasons given as months
])
def test_dates_are_iso_8601(date, iso):
    assert fields_of(write(rec(issued=date))).get("date") == iso


@pytest.mark.parametrize("csl_type, fields, entry, expect", [
    ("thesis", {"genre": "Master's thesis", "publisher": "MIT"}, "thesis",
     {"type": "mathesis", "institution": "MIT"}),
    ("thesis", {"publisher": "MIT"}, "thesis", {"type": "phdthesis"}),
    ("thesis", {"genre": "Habilitation"}, "thesis", {"type": "Habilitation"}),
    ("report", {"publisher": "WHO", "number": "7"}, "report",
     {"type": "techreport", "institution": "WHO", "number": "7"}),
    ("report", {"genre": "Working paper"}, "report", {"type": "Working paper"}),
    ("webpage", {"URL": "https://x.org/a_b", "container-title": "Site", "accessed": Date([[2023, 5, 1]])},
     "online", {"url": "https://x.org/a_b", "urldate": "2023-05-01", "organization": "Site"}),
    ("dataset", {"publisher": "Zenodo", "version": "1.2"}, "dataset", {"publisher": "Zenodo", "version": "1.2"}),
    ("software", {"publisher": "GitHub", "version": "3"}, "software", {"organization": "GitHub"}),
    ("chapter", {"container-title": "Book", "editor": [Name("Ed", "A")]}, "incollection", {"booktitle": "Book"}),
    ("chapter", {"container-title": "Book", "container-author": [Name("Big", "B")]}, "inbook",
     {"bookauthor": "Big, B"}),
    ("paper-conference", {"container-title": "Proc", "event-title": "Conf", "event-place": "Rome",
                          "event-date": Date([[2020, 5, 1], [2020, 5, 3]])}, "inproceedings",
     {"booktitle": "Proc", "eventtitle": "Conf", "venue": "Rome", "eventdate": "2020-05-01/2020-05-03"}),
    ("article-magazine", {"container-title": "Wired"}, "article", {"entrysubtype": "magazine"}),
    ("article", {}, "misc", {}),  # a preprint without a journal
    ("entry-encyclopedia", {"container-title": "Britannica"}, "inreference", {"booktitle": "Britannica"}),
    ("book", {"publisher": "P", "publisher-place": "Paris", "collection-title": "S",
              "collection-number": "4", "number-of-pages": "300"}, "book",
     {"location": "Paris", "series": "S", "number": "4", "pagetotal": "300"}),
    ("article-journal", {"language": "de-DE", "status": "in press", "keyword": "a, b"}, "article",
     {"langid": "ngerman", "pubstate": "inpress", "keywords": "a, b"}),
])
def test_entry_types_and_fields(csl_type, fields, entry, expect):
    text = write(rec(csl_type, **fields))
    assert text.startswith(f"@{entry}{{")
    got = fields_of(text)
    assert {k: got.get(k) for k in expect} == expect


def test_langid():
    assert (langid("en-GB"), langid("de"), langid("pt_BR"), langid("xx"), langid(None)) == \
        ("british", "ngerman", "brazilian", "", "")


from tools import PANDOC


@pytest.mark.skipif(not PANDOC, reason="pandoc is not on PATH (pip install pypandoc_binary)")
def test_pandoc_reads_the_types_and_fields_back():
    """pandoc's biblatex reader is an independent check of the mapping: same CSL type and fields."""
    records = [
        rec("article-journal", **{"container-title": "J", "volume": "1", "issue": "2", "page": "3-4"}),
        rec("book", publisher="P", **{"publisher-place": "L"}),
        rec("chapter", publisher="P", **{"container-title": "B"}),
        rec("paper-conference", **{"container-title": "Proc"}),
        rec("thesis", publisher="U", genre="Master’s thesis"),
        rec("report", publisher="WHO", number="7", genre="Working paper"),
        rec("dataset", publisher="Zenodo", version="1.2"),
        rec("software", version="3"),
        rec("webpage", URL="https://x.org"),
        rec("article-newspaper", **{"container-title": "Times"}),
        rec("motion_picture"), rec("legal_case"), rec("patent"), rec("personal_communication"),
    ]
    text = citex.dumps(records, "biblatex")
    run = subprocess.run([PANDOC, "-f", "biblatex", "-t", "csljson"], input=text, capture_output=True,
                         text=True, timeout=60)
    back = {i["id"]: i for i in json.loads(run.stdout)}
    for original in records:
        item = back[original.id]
        assert item["type"] == original.type
        for name in ("title", "container-title", "publisher", "volume", "issue", "page", "genre",
                     "version", "number", "URL", "publisher-place"):
            if original.get(name):
                assert item.get(name) == original[name], (original.type, name, item.get(name))
        assert item["issued"] == original["issued"].to_csl()


# --- Round trip: record -> BibLaTeX -> record (citex's own BibTeX/BibLaTeX reader) -------
# BibLaTeX keeps the full date; what it cannot carry is listed in README, "What each format loses".

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from typed_records import RECORD, assert_read_back  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RECORD, st.booleans(), st.integers(1, 28))
def test_round_trip_through_citex_reader(record, ascii, day):
    pytest.importorskip("citex.readers.bibtex")
    parts = record["issued"].parts[0]
    if len(parts) == 2:
        parts.append(day)  # biblatex keeps the day
    [back] = list(citex.loads(citex.dumps([record], "biblatex", ascii=ascii), "bibtex"))
    # biblatex's @article has no publisher
    assert_read_back(record, back, lost=("publisher",) if record.type == "article-journal" else ())


@pytest.mark.parametrize("name, written", [
    (Name("Doe", "John,!", suffix="Jr"), "{Doe}, Jr, {John,!}"),  # Biber: "too many commas" otherwise
    (Name("Doe", "John", suffix="Jr"), "Doe, Jr, John"),
    (Name("Doe", "John,!"), "Doe, {John,!}"),  # two commas: Biber reads it
])
def test_a_name_with_a_comma_in_a_part_is_braced_so_biber_reads_it(name, written):
    text = dumps([Record(type="book", id="x", fields={"author": [name], "title": "T"})], "biblatex")
    assert fields_of(text)["author"] == written
    [back] = list(citex.loads(text, "bibtex"))
    assert (back.get("author")[0].family, back.get("author")[0].given) == (name.family, name.given)


def test_name_text_with_an_equals_sign_is_braced_so_biber_does_not_parse_it():
    from citex.pipeline import dumps
    rec = Record(type="book", id="x", fields={"author": [Name("xdata=gxd2-author-1", "A")], "title": "T"})
    assert "{xdata=gxd2-author-1}, A" in dumps([rec], "biblatex")


@pytest.mark.parametrize("year, written", [
    (17000002, "Y17000002"), (-17000002, "Y-17000001"), (9999, "9999"), (-45, "-0044")])
def test_a_year_of_five_digits_or_more_is_written_the_iso_8601_2_way_and_read_back(year, written):
    """Biber refuses ``17000002`` as a date; ISO 8601-2 and Biber write such a year ``Y17000002``."""
    rec = Record(type="book", id="y", fields={"title": "T", "issued": Date([[year]])})
    text = citex.dumps([rec], "biblatex")
    assert re.search(r"^  date\s+= \{%s\}" % re.escape(written), text, re.M)
    assert list(citex.loads(text, "bibtex"))[0].get("issued").parts == [[year]]


def test_text_biber_would_take_for_an_xdata_reference_is_braced():
    rec = Record(type="book", id="x", fields={
        "title": "xdata=gxd4-title", "publisher-place": "xdata=gxd3-location-1 and B",
        "publisher": "Xdata=P", "note": "See xdata=here"})
    text = citex.dumps([rec], "biblatex")
    assert "title     = {{{xdata=gxd4-title}}}" in text
    assert "location  = {{{xdata=gxd3-location-1 and B}}}" in text
    assert "publisher = {{{Xdata=P}}}" in text
    assert "note      = {See xdata=here}" in text  # not a reference: not braced
    back = list(citex.loads(text, "bibtex"))[0]
    assert back.get("publisher-place") == "xdata=gxd3-location-1 and B"


@pytest.mark.parametrize("isbn, issn, written", [
    ("1532-1827 (Electronic) 0007-0920 (Linking)", None, ("", "1532-1827 (Electronic) 0007-0920 (Linking)")),
    ("0012-9658", "0012-9658", ("", "0012-9658")),
    ("1933-6586", "0028-0836", ("", "0028-0836, 1933-6586")),
    ("978-0-00-000000-2", "0028-0836", ("978-0-00-000000-2", "0028-0836")),  # an ISBN stays
    ("90-7002-34-5", None, ("90-7002-34-5", "")),  # not an ISSN either: kept as written
    # Biber reads one ISBN a field (Zotero gives print and e-book ISBNs in one)
    ("978-0-691-01650-4 978-1-4008-3584-3", None, ("978-0-691-01650-4", "")),
    ("0-19-852663-6 (pbk.); 978-0-19-852663-6 (hbk.)", None, ("0-19-852663-6", "")),
    ("978-0-691-01650-4 (print)", None, ("978-0-691-01650-4 (print)", "")),  # one: as written
])
def test_an_issn_in_the_isbn_is_written_as_issn(isbn, issn, written):
    from citex.writers.biblatex import isbn_issn
    rec = Record(type="book", id="x", fields={k: v for k, v in {"ISBN": isbn, "ISSN": issn}.items() if v})
    assert isbn_issn(rec) == written
    fields = dict(re.findall(r"^  (\w+)\s*= \{(.*)\},?$", citex.dumps([rec], "biblatex"), re.M))
    assert (fields.get("isbn", ""), fields.get("issn", "")) == written


@pytest.mark.parametrize("to", ["bibtex", "biblatex"])
def test_a_name_list_longer_than_biber_can_take_is_cut_with_a_warning(to):
    from citex.model import Name, Record
    from citex.pipeline import dump
    from citex.writers.templated import MAX_BIB_NAMES

    people = [Name(family=f"Name{i}", given="Given") for i in range(MAX_BIB_NAMES + 7)]
    rec = Record(id="big", type="article-journal", fields={"author": people, "title": "T"})
    out = io.StringIO()
    dump([rec], out, to)
    text = out.getvalue()
    assert text.count(" and ") == MAX_BIB_NAMES and text.count("Name") == MAX_BIB_NAMES
    assert f"Name{MAX_BIB_NAMES - 1}, Given and others" in text
    assert [d.code for d in rec.diagnostics if d.code.startswith("bibtex-names")] == ["bibtex-names-cut"]
    assert rec.get("author") == people  # the record keeps every name


@pytest.mark.parametrize("to", ["bibtex", "biblatex"])
def test_a_long_name_list_under_the_bound_is_written_whole(to):
    from citex.model import Name, Record
    from citex.pipeline import dump
    from citex.writers.templated import MAX_BIB_NAMES

    people = [Name(family=f"Name{i}", given="Given") for i in range(MAX_BIB_NAMES)]
    rec = Record(id="big", type="article-journal", fields={"author": people, "title": "T"})
    out = io.StringIO()
    dump([rec], out, to)
    assert out.getvalue().count("Name") == MAX_BIB_NAMES and "others" not in out.getvalue()
    assert not [d for d in rec.diagnostics if d.code == "bibtex-names-cut"]
