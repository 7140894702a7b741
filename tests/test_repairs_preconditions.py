"""Each rule's declared precondition (``reads``, ``clue``) keeps its promise: a record the pipeline
does not call the rule for is one the rule, called directly, leaves exactly as it was."""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citex.model import Date, Name, Record, Source
from citex.pipeline import repair
from citex.registry import REPAIRS
from citex.repairs import ids, preconditions, titles
from tests.corpus import corpus_files, needs_corpus

GATED = [e for e in REPAIRS if e.meta.get("reads")]


def _state(rec):
    return (rec.type, rec.fields, rec.repairs, rec.diagnostics, rec.truncated, rec.extra)


def _untouched_when_skipped(rec):
    """Run every gated rule the pipeline would skip on a copy of ``rec``; each must change nothing."""
    skipped = 0
    for entry in GATED:
        if preconditions.may_apply(entry.meta, rec.fields):
            continue
        skipped += 1
        copied = copy.deepcopy(rec)
        entry.obj(copied)
        assert _state(copied) == _state(rec), entry.name
    return skipped


def test_most_rules_declare_what_they_read():
    assert len(GATED) >= 30
    assert all(set(e.meta["reads"]) and isinstance(e.meta["reads"], tuple) for e in GATED)


# Values of the kinds the gated rules look at, faulty and clean, so that both sides of each clue
# turn up.
_TEXT = st.sampled_from([
    "A study of things.", "A study of things", "Why?.", "Title..", "Title ,", "T: S: S", "Wait...",
    "Title [Article in German].", "<i>x</i> &amp; y", "p < 0.05", "10.1000/xyz", "10.1000/xyz.",
    "doi:10.1000/xyz", "https://doi.org/10.1000/x", "10.1000/a%20b", "12345", "PMID: 12345", "12345\n",
    "1011-5", "1011-1015", "pp. 3-7", "cited By 72", "Export Date: 1 May 2020", "X.\n", ".", "",
    "THE HEART OF THE MATTER", "Lancet", "J Clin Med", "PMC123", "123", "0028-0836", "ISSN 00280836",
    "978-0-306-40615-7", "Proceedings of the 12th Conference on X", "\\textit{x}", "A .", "A:", " ",
])
_NAMES = st.lists(st.sampled_from([Name("Shah", "M"), Name(literal="Shah, Mihir"), Name(literal="et al."),
                                   Name("Smith Jr", "John"), Name("RAO", "KIRAN"), Name("S"),
                                   Name("Dahl", "Thomas Martin", suffix="Douglas Bowman")]), max_size=5)
_DATES = st.sampled_from([Date([[2020]]), Date(literal="in press"), Date(literal="Winter 2019"), Date([[3020]])])
_FIELDS = ["title", "container-title", "container-title-short", "abstract", "page", "DOI", "URL", "note",
           "PMID", "PMCID", "ISBN", "ISSN", "volume", "issue", "publisher", "event-title"]


@st.composite
def records(draw):
    fields = {f: draw(_TEXT) for f in draw(st.lists(st.sampled_from(_FIELDS), max_size=8, unique=True))}
    for f in draw(st.lists(st.sampled_from(["author", "editor", "container-author"]), max_size=2, unique=True)):
        fields[f] = draw(_NAMES)
    if draw(st.booleans()):
        fields["issued"] = draw(_DATES)
    kind = draw(st.sampled_from(["article-journal", "document", "chapter", "paper-conference"]))
    fmt = draw(st.sampled_from(["ris", "bibtex", "medline", "pubmed-text"]))
    return Record(type=kind, fields=fields, source=Source(fmt))


@settings(max_examples=400, deadline=None)
@given(records())
def test_a_rule_the_pipeline_skips_would_have_changed_nothing(rec):
    _untouched_when_skipped(rec)


@pytest.mark.parametrize("rule, value, runs", [
    ("title-end-punctuation", "Why?.", True), ("title-end-punctuation", "Title..", True),
    ("title-end-punctuation", "Title ,", True), ("title-end-punctuation", "Title .", True),
    ("title-end-punctuation", "Title.\n", True), ("title-end-punctuation", "A title.", False),
    ("title-end-punctuation", "A title", False), ("title-end-punctuation", ".", False),
    ("doi-bare", "doi:10.1000/x", True), ("doi-bare", "10.1000/x.", True), ("doi-bare", "10.1000/a b", True),
    ("doi-bare", "10.1000/a%2F", True), ("doi-bare", "not a doi", True), ("doi-bare", " 10.1000/x", True),
    ("doi-bare", "10.1000/x", False), ("doi-bare", "10.12345/ab.c-1", False),
    ("pmid-shape", "PMID: 1", True), ("pmid-shape", "1\n", True), ("pmid-shape", "x", True),
    ("pmid-shape", "33708679", False),
    ("subtitle-duplicated", "T: S: S", True), ("subtitle-duplicated", "T. S. S", False),
    ("title-translation-marker", "T [Article in German].", True), ("title-translation-marker", "T.", False),
])
def test_a_clue_lets_faulty_values_through_and_turns_clean_ones_away(rule, value, runs):
    entry = REPAIRS.entry(rule)
    field = entry.meta["reads"][0]
    assert preconditions.may_apply(entry.meta, {field: value}) is runs
    if not runs:
        assert _untouched_when_skipped(Record(fields={field: value})) >= 1


@pytest.mark.parametrize("rule", [e.name for e in GATED])
def test_a_record_without_the_fields_a_rule_reads_is_not_given_to_it(rule):
    entry = REPAIRS.entry(rule)
    assert not preconditions.may_apply(entry.meta, {"publisher": "X"} if "publisher" not in entry.meta["reads"] else {})
    assert preconditions.may_apply(entry.meta, {field: 1 for field in entry.meta["reads"]})  # not text: asked


def test_the_end_clue_knows_every_space_a_regex_calls_one():
    import re

    spaces = [chr(i) for i in range(0x110000) if re.fullmatch(r"\s", chr(i))]
    assert all(titles.unclean_end("A" + c + ".") for c in spaces)


def test_a_value_that_is_not_text_always_reaches_the_rule():
    assert preconditions.may_apply(REPAIRS.entry("doi-bare").meta, {"DOI": 10})


_END_PIECES = st.sampled_from(["a", "A", ".", "..", "?", "!", ",", ";", ":", " ", "\n", "\t", "é", "1", ")"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_END_PIECES, max_size=8).map("".join))
def test_a_title_the_end_clue_turns_away_has_a_clean_end(title):
    if not titles.unclean_end(title):
        assert titles.clean_end(title) == title


_DOI_PIECES = st.sampled_from(["10.", "1000", "12", "/", "x", ".", ",", ";", "%", "%2F", " ", "\n", "doi:",
                               "https://doi.org/", "é", "-"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_DOI_PIECES, max_size=8).map("".join))
def test_a_doi_the_clue_turns_away_is_already_bare(doi):
    if not ids.UNCLEAN_DOI.match(doi):
        assert ids.bare_doi(doi) == doi


def _without_preconditions(monkeypatch):
    monkeypatch.setattr(preconditions, "precondition", lambda meta: (None, None, None))


@needs_corpus
@pytest.mark.parametrize("folder, pattern", [("asreview-ris", "*.ris"), ("bibtexparser-tests", "*.bib"),
                                             ("biopython-tests", "*")])
def test_corpus_records_are_repaired_the_same_with_and_without_preconditions(folder, pattern, monkeypatch):
    from citex.pipeline import load, Tally

    files = [str(p) for p in corpus_files(folder, pattern)][:40]
    fast = list(repair(load(files, tally=Tally())))
    _without_preconditions(monkeypatch)
    slow = list(repair(load(files, tally=Tally())))
    assert len(fast) == len(slow) and fast
    for a, b in zip(fast, slow):
        assert _state(a) == _state(b)
