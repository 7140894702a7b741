"""In-text citations (citex.citations): clusters, year suffixes, numbering by first citation, collapsing."""

from __future__ import annotations

import pytest

from citex.citation_syntax import parse_cluster, parse_clusters
from citex.citations import cite
from citex.csl_collapse import collapse_numbers
from citex.csl_markup import to_html, to_text
from citex.csl_year_suffix import with_year_suffixes
from citex.cslfix.yearsuffix import letter as suffix
from citex.errors import UsageError
from citex.model import Date, Name, Record
from citex.writers.csl import load_style, render


def article(key: str, family: str, year: int, title: str, *others: str, given: str = "Wei") -> Record:
    authors = [Name(family=family, given=given)] + [Name(family=o, given="K.") for o in others]
    return Record(fields={"author": authors, "issued": Date(parts=[[year]]), "title": title,
                          "container-title": "Journal of Physics"}, id=key)


def library() -> list[Record]:
    return [article("shah2020", "Shah", 2020, "Spine sarcoma", "Patel", "Jones"),
            article("li2009b", "Li", 2009, "Beta rays"),
            article("li2009a", "Li", 2009, "Alpha rays"),
            article("zed2001", "Zed", 2001, "Quiet"),
            article("yu2002", "Yu", 2002, "Loud")]


def texts(document) -> tuple[list[str], list[str]]:
    return [to_text(c) for c in document.clusters], [to_text(e) for _, e in document.entries]


def test_author_date_cluster_with_year_suffixes_in_cites_and_entries():
    clusters, entries = texts(cite(library(), [["shah2020", "li2009a"], ["li2009a", "li2009b"]], "apa"))
    assert clusters == ["(Li, 2009a; Shah et al., 2020)", "(Li, 2009a, 2009b)"]
    # the suffixes follow the bibliography order (by title here), not the order of citation
    assert entries[:2] == ["Li, W. (2009a). Alpha rays. Journal of Physics.",
                           "Li, W. (2009b). Beta rays. Journal of Physics."]


def test_no_suffix_when_the_cites_differ():
    records = [article("a", "Li", 2009, "One"), article("b", "Li", 2010, "Two")]
    clusters, entries = texts(cite(records, [["a", "b"]], "apa"))
    assert clusters == ["(Li, 2009, 2010)"]  # APA collapses by author: the names once
    assert "2009a" not in " ".join(entries)


def test_different_authors_alike_in_a_cite_get_no_suffix_where_the_style_adds_names():
    records = [article("a", "Li", 2009, "One", given="Wei"), article("b", "Li", 2009, "Two", given="Ann")]
    _, entries = texts(cite(records, [["a", "b"]], "apa"))  # citeproc-js adds initials here
    assert not any("2009a" in e or "2009b" in e for e in entries)


def test_a_style_that_never_prints_year_suffix_gets_it_after_the_year():
    clusters, entries = texts(cite(library(), [["li2009b", "li2009a"], ["li2009a"]],
                                   "springer-basic-author-date"))
    # collapse="year-suffix": the year once; the letters joined by its cite-group-delimiter ", ", as citeproc-js does
    assert clusters == ["(Li 2009a, b)", "(Li 2009b)"]
    # springer sorts by author and date only: the tie keeps the order of first citation
    assert entries == ["Li W (2009a) Beta rays. Journal of Physics", "Li W (2009b) Alpha rays. Journal of Physics"]


def test_no_year_suffix_where_the_style_does_not_ask_for_it():
    _, entries = texts(cite(library(), [["li2009a", "li2009b"]], "ieee"))
    assert not any("2009a" in e for e in entries)


def test_numeric_styles_number_by_first_citation_and_collapse_ranges():
    document = cite(library(), [["zed2001", "li2009a"], ["shah2020", "zed2001", "yu2002", "li2009b"]],
                    "nlm-citation-sequence")
    clusters, entries = texts(document)
    assert clusters == ["(1,2)", "(1,3–5)"]
    assert [rec.id for rec, _ in document.entries] == ["zed2001", "li2009a", "shah2020", "yu2002", "li2009b"]
    assert entries[0].startswith("1. Zed W. Quiet.")


def test_two_consecutive_numbers_stay_apart_and_a_gap_ends_a_range():
    keys = ["shah2020", "li2009b", "li2009a", "zed2001", "yu2002"]
    document = cite(library(), [keys, ["shah2020", "li2009b"], ["yu2002", "shah2020", "li2009b", "li2009a"]],
                    "nature")
    assert [to_html(c) for c in document.clusters] == ["<sup>1–5</sup>", "<sup>1,2</sup>", "<sup>1–3,5</sup>"]


def test_styles_without_collapse_list_every_number():
    clusters, _ = texts(cite(library(), [["shah2020", "li2009b", "li2009a"]], "ieee"))
    assert clusters == ["[1], [2], [3]"]


def test_uncited_records_are_left_out_of_the_bibliography():
    document = cite(library(), [["yu2002"]], "apa")
    assert [rec.id for rec, _ in document.entries] == ["yu2002"]


def test_a_key_cited_twice_in_a_cluster_is_printed_twice_as_citeproc_js_does():
    clusters, _ = texts(cite(library(), [["yu2002", "yu2002"]], "apa"))
    assert clusters == ["(Yu, 2002, 2002)"]


def test_unknown_key_suggests_close_keys():
    with pytest.raises(UsageError, match=r"no record has the citation key 'li2009'; did you mean li2009"):
        cite(library(), [["li2009"]], "apa")


def test_no_keys_is_an_error():
    with pytest.raises(UsageError, match="no citation keys"):
        cite(library(), [], "apa")


def test_records_are_not_changed_by_the_suffixes():
    records = library()
    cite(records, [["li2009a", "li2009b"]], "apa")
    assert all("year-suffix" not in rec.fields for rec in records)


@pytest.mark.parametrize("text, clusters", [
    ("shah2020, li2009\nli2009", [["shah2020", "li2009"], ["li2009"]]),
    ("a b;c\n\n# a comment\n", [["a", "b", "c"]]),
    ("[@shah2020; @li2009]", [["shah2020", "li2009"]]),
])
def test_parse_clusters(text, clusters):
    assert parse_clusters(text) == clusters


@pytest.mark.parametrize("text, cites", [
    ("[see @shah2020, p. 12; @li2009]", [{"id": "shah2020", "prefix": "see ", "locator": "12", "label": "page"},
                                         "li2009"]),
    ("@li2009, chap. 3", [{"id": "li2009", "locator": "3", "label": "chapter"}]),
    ("[@li2009, pp. 33-35, 38 and elsewhere]", [{"id": "li2009", "locator": "33-35, 38", "label": "page",
                                                  "suffix": " and elsewhere"}]),
    ("[@li2009, a remark]", [{"id": "li2009", "suffix": ", a remark"}]),
    ("[@doe:2020.x]", ["doe:2020.x"]),
])
def test_parse_pandoc_citations(text, cites):
    assert parse_cluster(text) == cites


def test_locators_prefixes_and_suffixes_reach_the_cluster():
    cluster = parse_cluster("[see @shah2020, p. 12; @yu2002, pp. 3-5, for a start]")
    clusters, _ = texts(cite(library(), [cluster], "apa"))
    assert clusters == ["(see Shah et al., 2020, p. 12; Yu, 2002, pp. 3–5, for a start)"]


@pytest.mark.parametrize("n, letters", [(0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "ab"), (52, "ba")])
def test_year_suffix_letters(n, letters):
    assert suffix(n) == letters


class _Cite(dict):
    def __init__(self, number, **extra):
        super().__init__(extra)
        self.number = number


def test_collapse_numbers_keeps_cites_with_locators_apart():
    parts = [(_Cite(n), str(n)) for n in (1, 2, 3)] + [(_Cite(4, locator="5"), "4, p. 5"), (_Cite(5), "5")]
    assert collapse_numbers(parts) == ["1–3", "4, p. 5", "5"]
    bracketed = [(_Cite(n), f"[{n}]") for n in (7, 8, 9, 10)]
    assert collapse_numbers(bracketed) == ["[7]–[10]"]


def test_a_bibliography_alone_gets_year_suffixes_too():
    assert render(library(), "apa")[:2] == ["Li, W. (2009a). Alpha rays. Journal of Physics.",
                                            "Li, W. (2009b). Beta rays. Journal of Physics."]


def test_records_that_cannot_cite_alike_are_not_rendered_twice():
    records = [article("a", "Li", 2009, "One"), article("b", "Li", 2010, "Two"), article("c", "Wu", 2009, "3")]
    style = load_style("apa")

    def load():
        raise AssertionError("no second style is needed: no two records share a name and a year")

    assert with_year_suffixes(style, load, records) is records


class _Citation(dict):
    def get_option(self, name):
        return self.get(name)


def _group(*cites):
    return [(_Cite(0, **extra), text) for text, extra in cites]


class _Reference(dict):
    pass


def _cite(text, year, letter=None, **extra):
    cite = _Cite(0, **extra)
    cite.reference = _Reference(issued={"year": year}, **({"year_suffix": letter} if letter else {}))
    return cite, text


@pytest.mark.parametrize("mode, options, expected", [
    ("year", {}, "Smith 2000a, 2000b, 2001; Jones 1999"),
    ("year-suffix", {}, "Smith 2000a; b, 2001; Jones 1999"),  # the letters joined as the layout
    ("year-suffix", {"year-suffix-delimiter": ","}, "Smith 2000a,b, 2001; Jones 1999"),
    ("year-suffix-ranged", {"cite-group-delimiter": "; ", "year-suffix-delimiter": ","},
     "Smith 2000a; 2001; Jones 1999"),
])
def test_collapse_by_names(mode, options, expected):
    from citex.csl_collapse import collapse_by_names

    parts = [_cite("Smith 2000a", 2000, "a"), _cite("Jones 1999", 1999), _cite("Smith 2000b", 2000, "b"),
             _cite("Smith 2001", 2001)]
    if mode == "year-suffix-ranged":
        parts = [_cite("Smith 2000a", 2000, "a"), _cite("Smith 2001", 2001), _cite("Jones 1999", 1999)]
    citation = _Citation(collapse=mode, **options)
    assert collapse_by_names(parts, citation, "; ") == expected


def test_collapse_ranges_of_suffix_letters():
    from citex.csl_collapse import collapse_by_names

    parts = [_cite(f"Smith 2000{c}", 2000, c) for c in "acde"] + [_cite("Smith 2001", 2001)]
    citation = _Citation(collapse="year-suffix-ranged", **{"year-suffix-delimiter": ","})
    assert collapse_by_names(parts, citation, "; ") == "Smith 2000a,c–e, 2001"


def test_a_cite_whose_names_cannot_be_told_is_never_grouped():
    from citex.csl_collapse import collapse_by_names

    parts = [_cite("Smith (2000)", 2000), _cite("Smith (2001)", 2001)]  # the year inside brackets
    assert collapse_by_names(parts, _Citation(collapse="year"), "; ") == "Smith (2000); Smith (2001)"


@pytest.mark.parametrize("to, expected", [
    ("text", "(Yu, 2002)\n(Li, 2009; Yu, 2002)\n\nLi, W. (2009). Alpha rays. Journal of Physics.\n"
             "Yu, W. (2002). Loud. Journal of Physics.\n"),
    ("markdown", "(Yu, 2002)\n\n(Li, 2009; Yu, 2002)\n\nLi, W. (2009). Alpha rays. *Journal of Physics*.\n\n"
                 "Yu, W. (2002). Loud. *Journal of Physics*.\n"),
    ("latex", "(Yu, 2002)\n\n(Li, 2009; Yu, 2002)\n\nLi, W. (2009). Alpha rays. \\textit{Journal of Physics}."
              "\n\nYu, W. (2002). Loud. \\textit{Journal of Physics}.\n"),
])
def test_writers_print_a_documents_clusters_then_its_bibliography(to, expected):
    from citex.pipeline import dumps

    # li2009b is not cited: li2009a is alike no other cited record, so it gets no suffix
    assert dumps(library(), to, style="apa", citations=[["yu2002"], ["li2009a", "yu2002"]]) == expected


def test_html_document_has_its_citations_before_the_bibliography():
    from citex.pipeline import dumps

    page = dumps(library(), "html", style="nature", citations=[["yu2002", "zed2001"]])
    assert '<div class="csl-citations">\n  <p class="csl-citation"><sup>1,2</sup></p>\n</div>' in page
    assert page.index("csl-citations") < page.index("csl-bib-body")
    assert page.count('class="csl-entry"') == 2


def test_a_style_citeproc_py_fails_on_is_an_error_not_a_traceback(tmp_path):
    from citex.errors import CitexError

    style = tmp_path / "conditions.csl"  # CSL 1.1's <conditions>, which citeproc-py cannot call
    style.write_text('<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"><info><id/>'
                     '<title/><updated>2020-01-01T00:00:00+00:00</updated></info><citation><layout>'
                     '<choose><if><conditions match="all"><condition type="book"/></conditions><text value="b"/>'
                     '</if></choose></layout></citation></style>', encoding="utf-8")
    with pytest.raises(CitexError, match="cannot render a citation in this style: TypeError"):
        cite(library(), [["yu2002"], ["yu2002"]], str(style))
