"""Name rules: rows where each fires, rows where it must not."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from citex.model import Name
from citex.repairs import names as name_rules

try:
    from tests.repair_helpers import run
except ImportError:
    from repair_helpers import run


@pytest.mark.parametrize("rule, before, after", [
    ("name-unsplit", [Name(literal="Shah, Mihir")], [Name("Shah", "Mihir")]),
    ("name-unsplit", [Name(literal="Shah M")], [Name("Shah", "M")]),
    ("name-unsplit", [Name(literal="Shah, M.")], [Name("Shah", "M.")]),
    ("name-unsplit", [Name(literal="M. K. Shah")], [Name("Shah", "M. K.")]),
    ("name-unsplit", [Name(family="van der Berg, Jan")], [Name("van der Berg", "Jan")]),
    ("name-unsplit", [Name(literal="Shah MK Jr")], [Name("Shah", "MK", suffix="Jr")]),
    ("name-et-al", [Name("Shah", "M"), Name(literal="et al.")], [Name("Shah", "M")]),
    ("name-et-al", [Name("Shah", "M"), Name(literal="and others")], [Name("Shah", "M")]),
    ("name-suffix", [Name("Kennedy Jr", "D")], [Name("Kennedy", "D", suffix="Jr")]),
    ("name-suffix", [Name("Watson", "A B Jr")], [Name("Watson", "A B", suffix="Jr")]),
    ("name-suffix", [Name("Roediger III", "H L")], [Name("Roediger", "H L", suffix="III")]),
    ("name-all-caps", [Name("SHAH", "M")], [Name("Shah", "M")]),
    ("name-all-caps", [Name("O'BRIEN", "JOHN")], [Name("O'Brien", "John")]),
    ("name-all-caps", [Name("MCDONALD", "J")], [Name("McDonald", "J")]),
    ("name-all-caps", [Name("GÜVELİOĞLU", "Elif")], [Name("Güvelioğlu", "Elif")]),
    ("name-split-characters", [Name(literal=c) for c in "Shah M, Rao K"],
     [Name("Shah", "M"), Name("Rao", "K")]),
])
def test_fires(rule, before, after):
    rec = run(rule, author=before)
    assert rec.get("author") == after
    assert [(r.rule, r.field) for r in rec.repairs] == [(rule, "author")]


@pytest.mark.parametrize("rule, names", [
    ("name-unsplit", [Name(literal="World Health Organization")]),
    ("name-unsplit", [Name(literal="COVID-19 Study Group")]),
    ("name-unsplit", [Name(literal="Bayer AG Research Team")]),
    ("name-unsplit", [Name(literal="Plato")]),
    ("name-unsplit", [Name("Shah", "Mihir")]),
    ("name-et-al", [Name("Etal", "A")]),
    ("name-suffix", [Name("Wallenstein", "Gene V")]),  # an initial, not a suffix
    ("name-suffix", [Name("Turner", "Patricia V.")]),
    ("name-all-caps", [Name("WU", "Tristan")]),  # too short to know
    ("name-all-caps", [Name(literal="WHO")]),
    ("name-all-caps", [Name("AAA")]),  # no given name: not known to be a person
    ("name-all-caps", [Name("Shah", "MK")]),
    ("name-split-characters", [Name("Shah", "M"), Name("R", "K"), Name("X"), Name("Y")]),
])
def test_must_not_fire(rule, names):
    rec = run(rule, author=list(names))
    assert rec.get("author") == names and rec.repairs == []


def test_et_al_marks_the_list_cut_short():
    rec = run("name-et-al", author=[Name("Shah", "M"), Name(literal="et al")])
    assert "author" in rec.truncated


def test_same_list_as_author_and_editor_is_reported_not_changed():
    names = [Name("Shah", "M"), Name("Rao", "K")]
    rec = run("names-said-twice", author=list(names), editor=list(names))
    assert rec.get("editor") == names and rec.repairs == []
    assert [d.code for d in rec.diagnostics] == ["names-said-twice"]
    assert run("names-said-twice", author=list(names), editor=[Name("Lee", "J")]).diagnostics == []


NAME_PIECES = ["Shah", "SHAH", "O'BRIEN", "MCDONALD", "Jr", "Jr.", "Sr", "III", "IV", "II.", "et", "al.", "and",
               "others", "u. a.", "Etal", "Ann", "M.", "K", "van der", " ", ",", "\n", "É", "İ", "ß", "", "-"]
PART = st.none() | st.lists(st.sampled_from(NAME_PIECES) | st.text(max_size=2), max_size=4).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(st.builds(Name, PART, PART, st.none() | PART, st.none() | PART, st.none(), st.none() | PART))
@example(Name("Kennedy Jr", "D"))
@example(Name("Watson", "A B Jr"))
@example(Name("Kennedy Jr\n", "D"))  # a suffix before a final line break ('$' matches there)
@example(Name("Watson", "A B Jr.\n"))
@example(Name("SHAH", "MIHIR"))
@example(Name("et", "al."))
@example(Name("", "et al"))
@example(Name(" ", "others"))
def test_a_name_is_judged_as_each_rule_would_judge_it(name):
    """A usual name (a family and a given name) is asked only the rules it could be a case of,
    and not remembered; the others are remembered: the same bits as asking every rule."""
    expected = name_rules._judge_each(name)
    assert name_rules._judged(name) == expected
    assert name_rules._judged.of_all([name, Name("Shah", "M")]) == expected
    assert name_rules._judged(name) == expected  # from the memo, if it was remembered
