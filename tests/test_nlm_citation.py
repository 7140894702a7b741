"""The NLM/Vancouver citation grammar, on hand-written citation strings of every shape."""

import pytest

from citex.model import Name
from citex.readers import nlm_authors, nlm_citation as nlm


@pytest.mark.parametrize("text, year, month, day, volume, issue, page, doi", [
    ("2020; 15:1011-1015. doi: 10.4103/ajns.AJNS_290_20", 2020, None, None, "15", None,
     "1011-1015", "10.4103/ajns.AJNS_290_20"),
    ("2020 Dec 21;15(4):1011-1015. doi: 10.4103/ajns.AJNS_290_20. PMID: 33708679; PMCID: PMC7869257.",
     2020, 12, 21, "15", "4", "1011-1015", "10.4103/ajns.AJNS_290_20"),
    ("2017; 12(4):e0174944.", 2017, None, None, "12", "4", "e0174944", None),
    ("2021 Mar 29;372:n71. doi: 10.1136/bmj.n71.", 2021, 3, 29, "372", None, "n71", "10.1136/bmj.n71"),
    ("2019 Jun;38(Suppl 2):S12-5.", 2019, 6, None, "38", "Suppl 2", "S12-5", None),
    ("2018 Winter;9(1):1-8.", 2018, None, None, "9", "1", "1-8", None),
    ("2020.", 2020, None, None, None, None, None, None),
    ("2020;(3):45-50. doi:10.1000/xyz", 2020, None, None, None, "3", "45-50", "10.1000/xyz"),
    ("2015 Jan;15 Suppl 1:S3.", 2015, 1, None, "15 Suppl 1", None, "S3", None),
    ("2020; 15:1011-1015. https://doi.org/10.1000/ABC.", 2020, None, None, "15", None,
     "1011-1015", "https://doi.org/10.1000/ABC"),
    ("2020 Nov 3. doi: 10.1000/xyz. Epub 2020 Oct 1.", 2020, 11, 3, None, None, None, "10.1000/xyz"),
])
def test_source_shapes(text, year, month, day, volume, issue, page, doi):
    src = nlm.parse_source(text)
    assert src is not None and not src.unparsed
    assert src.issued.parts[0] == [x for x in (year, month, day) if x]
    assert (src.volume, src.issue, src.page, src.doi) == (volume, issue, page, doi)


def test_source_season_is_kept_as_season():
    src = nlm.parse_source("2018 Winter;9(1):1-8.")
    assert src.issued.season == 4


def test_source_trailers_read_pmid_and_pmcid():
    src = nlm.parse_source("2020 Dec 21;15(4):1011-1015. doi: 10.4103/x. PMID: 33708679; PMCID: PMC7869257.")
    assert (src.pmid, src.pmcid) == ("33708679", "PMC7869257")


def test_source_keeps_text_it_does_not_know():
    src = nlm.parse_source("2020;15:1-5. Some unknown trailer here")
    assert src.unparsed == "Some unknown trailer here"


def test_not_a_source():
    assert nlm.parse_source("Management of metastatic spine.") is None


@pytest.mark.parametrize("text, head", [
    ("Shah M, et al. T. J Neurosurg. 2020; 15:1011-1015.", "Shah M, et al. T. J Neurosurg."),
    # A year inside the title is not the source: the rest would not parse.
    ("Li X. Influenza in 2009. Results. Lancet. 2010;375(9720):1100-8.",
     "Li X. Influenza in 2009. Results. Lancet."),
])
def test_split_source_finds_the_real_source(text, head):
    got, src = nlm.split_source(text)
    assert got == head and src is not None


@pytest.mark.parametrize("text, expected", [
    ("A. B? C! D", ["A.", "B?", "C!", "D"]),
    ("Science (New York, N.Y.). 2020", ["Science (New York, N.Y.).", "2020"]),
    ('He said "No. Never." Then. J', ['He said "No. Never." Then.', "J"]),
    ("Title [Article in German]. J", ["Title [Article in German].", "J"]),
    ("U.S. trends", ["U.S. trends"]),
])
def test_sentences_respect_brackets_and_quotes(text, expected):
    assert nlm.sentences(text) == expected


@pytest.mark.parametrize("text, names, et_al", [
    ("Shah M, et al.", [Name("Shah", "M")], True),
    ("Shah M, Kumar AK, O'Brien J.", [Name("Shah", "M"), Name("Kumar", "AK"), Name("O'Brien", "J")], False),
    ("van der Berg J, de la Cruz JM.", [Name("van der Berg", "J"), Name("de la Cruz", "JM")], False),
    ("Shah M et al.", [Name("Shah", "M")], True),
    ("Smith JA Jr, García-López MA.", [Name("Smith", "JA", suffix="Jr"), Name("García-López", "MA")], False),
    ("COVID-19 Genomics UK (COG-UK) Consortium.",
     [Name(literal="COVID-19 Genomics UK (COG-UK) Consortium")], False),
    ("Smith J, Doe A; WHO Study Group.",
     [Name("Smith", "J"), Name("Doe", "A"), Name(literal="WHO Study Group")], False),
    ("Shah M, and others.", [Name("Shah", "M")], True),
])
def test_authors(text, names, et_al):
    parsed = nlm_authors.parse_authors(text)
    assert parsed.names == names
    assert parsed.et_al is et_al


@pytest.mark.parametrize("parts, known, k", [
    (["T.", "T."], None, 1),                                   # the seed: journal repeats title
    (["A. B.", "A. B."], None, 1),
    (["Is it safe?", "BMJ."], None, 1),
    (["Part one. Part two.", "N Engl J Med."], None, 1),
    (["Part one.", "Part two.", "N Engl J Med."], None, 2),
    (["A study.", "Ann.", "N.Y.", "Acad.", "Sci."], None, 1),  # ISO abbreviation cut at periods
    (["A study.", "J.", "Neurosurg."], None, 1),
    (["Influenza in 2009.", "Results.", "Lancet."], None, 2),  # a one-word sentence of the title
    (["Cancer. A review.", "Lancet."], "Cancer. A review.", 1),
    (["Cancer.", "A review.", "Lancet."], "cancer a review", 2),
    (["Only a title."], None, 1),
])
def test_split_title_journal(parts, known, k):
    assert nlm.split_title_journal(parts, known)[0] == k


def test_journal_titles_with_a_period_stay_whole():
    parts = nlm.sentences("Antibiotic resistance in Africa. The Lancet. Infectious diseases.")
    assert nlm.split_title_journal(parts)[0] == 1


def test_sentences_ignore_a_quote_that_never_closes():
    assert nlm.sentences("Ã“ Sa C. Title. J.") == ["Ã“ Sa C.", "Title.", "J."]


def test_pages_with_a_period_inside():
    assert nlm.parse_source("2021 Sep 2;184(18):4734-4752.e20. doi: 10.1016/j.cell.2021.08.003.").page == \
        "4734-4752.e20"
