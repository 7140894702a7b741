"""Identifier rules (DOI in other fields, PMID, PMCID, arXiv, ISBN, ISSN) and pages and types."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

try:
    from tests.repair_helpers import run
except ImportError:
    from repair_helpers import run


@pytest.mark.parametrize("rule, field, before, after", [
    ("pmid-shape", "PMID", "PMID: 33708679", "33708679"),
    ("pmcid-shape", "PMCID", "pmc7943350", "PMC7943350"),
    ("pmcid-shape", "PMCID", "PMCID: PMC7943350", "PMC7943350"),
    ("isbn", "ISBN", "ISBN 978-0-262-03384-8", "978-0-262-03384-8"),
    ("isbn", "ISBN", "978 0 262 03384 8", "978-0-262-03384-8"),
    ("isbn", "ISBN", "ISBN-10: 0262033844", "0-262-03384-4"),
    ("issn", "ISSN", "00280836", "0028-0836"),
    ("issn", "ISSN", "ISSN: 1476-4687", "1476-4687"),
    ("page-range", "page", "Article 123", "123"),
    ("page-range", "page", "1011-5.", "1011-1015"),
    ("page-range", "page", "323-323", "323"),
])
def test_fires(rule, field, before, after):
    rec = run(rule, **{field: before})
    assert rec.get(field) == after
    assert [(r.rule, r.before, r.after) for r in rec.repairs] == [(rule, before, after)]


@pytest.mark.parametrize("rule, field, value", [
    ("pmid-shape", "PMID", "33708679"),
    ("pmcid-shape", "PMCID", "PMC7943350"),
    ("isbn", "ISBN", "9780262033848"),
    ("isbn", "ISBN", "978-0-262-03384-8"),
    ("isbn", "ISBN", "9780262033848 (hardcover)"),  # more than a number: left to a human
    ("issn", "ISSN", "0028-0836"),
    ("issn", "ISSN", "0028-0836, 1476-4687"),
    ("page-range", "page", "P1-P10"),
    ("page-range", "page", "14pp."),
])
def test_must_not_fire(rule, field, value):
    rec = run(rule, **{field: value})
    assert rec.get(field) == value and rec.repairs == []


@pytest.mark.parametrize("rule, field, value, code", [
    ("isbn", "ISBN", "978-0-262-03384-9", "isbn-invalid"),
    ("issn", "ISSN", "0028-0837", "issn-invalid"),
    ("pmid-shape", "PMID", "not a pmid", "pmid-invalid"),
    ("pmcid-shape", "PMCID", "31627144", "pmcid-invalid"),  # Scopus puts the PMID there
])
def test_invalid_numbers_are_reported_and_kept(rule, field, value, code):
    rec = run(rule, **{field: value})
    assert rec.get(field) == value and rec.repairs == []
    assert [d.code for d in rec.diagnostics] == [code]


def test_doi_from_note_moves_and_leaves_the_rest_of_the_note():
    rec = run("doi-from-field", note="Epub ahead of print. doi: 10.1136/bmj.n71.")
    assert rec.get("DOI") == "10.1136/bmj.n71" and rec.get("note") == "Epub ahead of print"
    rec = run("doi-from-field", note="doi:10.1136/bmj.n71")
    assert rec.get("DOI") == "10.1136/bmj.n71" and "note" not in rec


def test_doi_from_publisher_url():
    rec = run("doi-from-field", URL="https://onlinelibrary.wiley.com/doi/full/10.1002/sim.1186")
    assert rec.get("DOI") == "10.1002/sim.1186" and rec.get("URL")


def test_an_existing_doi_is_never_replaced():
    rec = run("doi-from-field", DOI="10.1000/a", note="doi: 10.1000/b")
    assert rec.get("DOI") == "10.1000/a" and rec.repairs == []


def test_arxiv_number_loses_its_prefix():
    rec = run("arxiv-id", number="arXiv:2101.00001v2", publisher="arXiv")
    assert rec.get("number") == "2101.00001v2"
    assert run("arxiv-id", number="arXiv:2101.00001", publisher="Springer").repairs == []


@pytest.mark.parametrize("record_type, fields, after", [
    ("document", {"container-title": "Nature", "volume": "5", "page": "1-9"}, "article-journal"),
    ("document", {"container-title": "Nature", "volume": "5"}, "document"),
    ("document", {"container-title": "arXiv", "volume": "5", "page": "1-9"}, "document"),
    ("article-journal", {"container-title": "Proceedings of the 12th Conference on Learning",
                         "page": "1-9"}, "paper-conference"),
    ("article-journal", {"container-title": "Proceedings of the National Academy of Sciences",
                         "volume": "117", "issue": "3"}, "article-journal"),
    ("article-journal", {"container-title": "Workshop on Vision", "volume": "3", "issue": "2"},
     "article-journal"),
])
def test_types(record_type, fields, after):
    rule = "type-journal-article" if record_type == "document" else "type-conference-paper"
    rec = run(rule, record_type=record_type, **fields)
    assert rec.type == after
    assert bool(rec.repairs) == (after != record_type)


def test_booktitle_keeps_its_title_and_gives_its_pages():
    rec = run("booktitle-extra", record_type="paper-conference",
              **{"container-title": "Proceedings of the Workshop on Vision, pp. 12-15"})
    assert rec.get("container-title") == "Proceedings of the Workshop on Vision"
    assert rec.get("page") == "12-15"
    dated = run("booktitle-extra", record_type="paper-conference",
                **{"container-title": "NORCHIP, Lund, Sweden, November 14-15, 2011"})
    assert dated.repairs == []


_NUMBER_PIECES = st.sampled_from(["978", "979", "977", "0", "1", "2", "5", "9", "-", "X", "x", " ", "ISBN ", "٣"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_NUMBER_PIECES, min_size=1, max_size=16).map("".join), st.sampled_from(["isbn", "issn"]))
def test_a_plain_number_is_judged_as_python_stdnum_judges_it(value, kind):
    from citex.repairs import standard_numbers

    quick = standard_numbers.plain_number(kind, value)
    if quick is not None:
        assert quick == standard_numbers.examine.__wrapped__(kind, value)


@pytest.mark.parametrize("kind, value, invalid", [
    ("isbn", "978-0-306-40615-7", False), ("isbn", "978-0-306-40615-8", True), ("isbn", "9780306406157", False),
    ("isbn", "0-306-40615-2", False), ("isbn", "0306406153", True), ("isbn", "080442957X", False),
    ("issn", "0028-0836", False), ("issn", "0028-0837", True),
    ("issn", "2049-3630", False), ("issn", "0317-847X", True), ("issn", "0378-5955", False),
])
def test_plain_numbers_are_checked_without_stdnum(kind, value, invalid):
    from citex.repairs import standard_numbers

    assert standard_numbers.plain_number(kind, value) == (((value,) if invalid else ()), None)


_CANDIDATE_PIECES = st.sampled_from(["978", "979", "0", "1", "2", "5", "9", "-", "X", "x", " ", "\t", "\u00a0",
                                     "\u2013", "٣"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_CANDIDATE_PIECES, min_size=1, max_size=16).map("".join), st.sampled_from(["isbn", "issn"]))
def test_numbers_found_are_judged_valid_as_python_stdnum_judges_them(value, kind):
    from stdnum import isbn, issn

    from citex.repairs import standard_numbers

    module = {"isbn": isbn, "issn": issn}[kind]
    for number in standard_numbers._CANDIDATES[kind].findall(value):
        assert standard_numbers.is_valid(kind, number) == module.is_valid(number), number


@pytest.mark.parametrize("kind, number", [
    ("issn", "0028-0836"), ("issn", "0028 0836"), ("issn", "0317-847x"), ("issn", "\u0660028-0836"),
    ("issn", "0028\t0836"), ("issn", "0028\u00a00836"),
    ("isbn", "978-0-306-40615-7"), ("isbn", "080442957x"), ("isbn", "978\u00a00306406157"),
])
def test_valid_numbers_written_otherwise_are_judged_as_python_stdnum_judges_them(kind, number):
    from stdnum import isbn, issn

    from citex.repairs import standard_numbers

    assert standard_numbers._CANDIDATES[kind].findall(number) == [number]
    assert standard_numbers.is_valid(kind, number) == {"isbn": isbn, "issn": issn}[kind].is_valid(number)


@settings(max_examples=800, deadline=None)
@given(st.lists(_NUMBER_PIECES | st.sampled_from(["ISSN:", "issn ", "\u00a0", "."]), min_size=1, max_size=14)
       .map("".join), st.sampled_from(["isbn", "issn"]))
@example("00280836", "issn")
@example("ISSN: 1000002x.", "issn")
@example("0028 0836", "issn")
@example("ISBN 978 0 306 40615 7", "isbn")
def test_the_standard_form_is_python_stdnum_s(value, kind):
    from stdnum import isbn, issn

    from citex.repairs import standard_numbers

    module = {"isbn": isbn, "issn": issn}[kind]
    invalid, standard = standard_numbers.examine.__wrapped__(kind, value)
    assert invalid == tuple(n for n in standard_numbers._CANDIDATES[kind].findall(value) if not module.is_valid(n))
    if standard is not None:
        raw = standard_numbers._PREFIX.sub("", value).strip().rstrip(".")
        assert standard == module.format(module.compact(raw))
