"""Journal names: the shipped abbreviation table, and the rules that fill a journal's full title
or NLM abbreviation from each other (rows where each fires, rows where it must not)."""

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import citex
from citex.model import Record, Source
from citex.repairs import journals
from citex.repairs.journal_names import Journal, JournalTable, classify, key, table

try:
    from tests.repair_helpers import run
except ImportError:
    from repair_helpers import run

ROOT = Path(__file__).resolve().parents[1]
NEJM = "The New England journal of medicine"


@pytest.mark.parametrize("abbr, title, kind", [
    ("Indian J Pediatr", "Indian Journal of Pediatrics", "nlm"),
    ("Comp. Appl. Math.", "Computational and Applied Mathematics", "iso"),
    ("Genes Nutr", "Genes & Nutrition", "nlm"),
    ("AIDS Behav", "AIDS and Behavior", "nlm"),
    ("J Comput Aided Mol Des", "Journal of Computer-Aided Molecular Design", "nlm"),
    ("VBZ", "Verbraucherzentrale Bundesverband", None),  # an acronym
    ("AAA", "Australian Archaeology", None),  # an acronym whose letters happen to be in the title
    ("acta ethol", "acta ethologica", None),
    ("Zeitschrift Rheumatologie", "Zeitschrift für Rheumatologie", None),  # nothing shortened
    ("Anci", "Ancilla Iuris", None),  # a title word left out
    ("L&O", "Limnology and Oceanography", None),
    ("AI & Soc", "AI & Society", "nlm"),
    ("3 Biotech", "3 Biotech", None),
])
def test_classify(abbr, title, kind):
    assert classify(abbr, title) == kind


def test_the_shipped_table_is_small_consistent_and_packaged():
    path = ROOT / "citex" / "data" / "journals.tsv"
    assert path.stat().st_size < 2_000_000
    rows = [r for rows in table().by_abbreviation.values() for r in rows]
    assert len(rows) > 1000 and {r.source for r in rows} == {"nlm", "csl"}
    for r in rows:  # NLM and ISO forms are never mixed up
        assert r.kind == ("iso" if "." in r.abbreviation else "nlm"), r
        assert r.source == "nlm" or classify(r.abbreviation, r.title) == r.kind, r
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "data/*.tsv" in data["citex"]


@pytest.mark.parametrize("title, short", [
    ("The New England Journal of Medicine", "N Engl J Med"),
    ("NEW ENGLAND JOURNAL OF MEDICINE.", "N Engl J Med"),  # case, 'The', punctuation
    ("Genes and Nutrition", "Genes Nutr"),  # '&' or 'and'
    ("Journal of neuroscience", "J Neurosci"),  # NLM's title without its subtitle
])
def test_abbreviation_fills_the_short_title(title, short):
    rec = run("journal-abbreviation", **{"container-title": title})
    assert rec.get("container-title-short") == short and rec.get("container-title") == title
    assert [(r.rule, r.field, r.before) for r in rec.repairs] == [
        ("journal-abbreviation", "container-title-short", None)]


@pytest.mark.parametrize("fields, record_type", [
    ({"container-title": NEJM, "container-title-short": "N. Engl. J. Med."}, "article-journal"),  # ISO 4 kept
    ({"container-title": NEJM, "container-title-short": "NEJM"}, "article-journal"),
    ({"container-title": "Journal of Imaginary Results"}, "article-journal"),  # not in the table
    ({"container-title": "Lancet"}, "article-journal"),  # its abbreviation is the title itself
    ({"container-title": "N Engl J Med"}, "article-journal"),  # already abbreviated
    ({"container-title": NEJM}, "chapter"),  # a book's title, whatever it says
])
def test_abbreviation_must_not_fire(fields, record_type):
    rec = run("journal-abbreviation", record_type, **fields)
    assert rec.fields == fields and rec.repairs == [] and rec.diagnostics == []


def test_a_title_nlm_tells_apart_by_place_is_only_reported():
    rec = run("journal-abbreviation", **{"container-title": "Acta Neurochirurgica"})
    assert "container-title-short" not in rec.fields and rec.repairs == []
    assert [d.code for d in rec.diagnostics] == ["journal-ambiguous"]
    rec = run("journal-abbreviation", **{"container-title": "Acta Neurochirurgica (Wien)"})
    assert rec.repairs == []  # not the NLM's title either: unknown, left alone


@pytest.mark.parametrize("short, title", [
    ("N Engl J Med", NEJM),  # MEDLINE TA, RIS J2 or CSL journalAbbreviation alone
    ("N. Engl. J. Med.", NEJM),  # PubMed XML's ISOAbbreviation
    ("Acc. Chem. Res.", "Accounts of Chemical Research"),
    ("Indian J Pediatr", "The Indian Journal of Pediatrics"),  # from the CSL styles
])
def test_full_title_fills_the_container_title(short, title):
    rec = run("journal-full-title", **{"container-title-short": short})
    assert rec.get("container-title") == title and rec.get("container-title-short") == short
    assert [(r.rule, r.field) for r in rec.repairs] == [("journal-full-title", "container-title")]


@pytest.mark.parametrize("fields", [
    {"container-title-short": "Acc Chem Res"},  # only its ISO 4 form is known: no NLM form guessed
    {"container-title-short": "J Imag Res"},
    {"container-title-short": "N Engl J Med", "container-title": "NEJM"},  # a title is there
])
def test_full_title_must_not_fire(fields):
    rec = run("journal-full-title", **fields)
    assert rec.fields == fields and rec.repairs == []


@pytest.mark.parametrize("source", ["bibtex", "ris", "csljson"])
def test_an_abbreviation_in_the_journal_slot_stays_and_the_full_title_is_proposed(source):
    rec = Record(fields={"container-title": "N Engl J Med"}, source=Source(source))
    [rec] = citex.repair([rec])  # the default threshold
    assert rec.fields == {"container-title": "N Engl J Med"}
    assert [(r.field, r.after, r.applied) for r in rec.repairs] == [
        ("container-title", NEJM, False), ("container-title-short", "N Engl J Med", False)]
    assert {d.code for d in rec.diagnostics} == {"would-fix-journal-abbreviated"}
    rec = Record(fields={"container-title": "N Engl J Med"}, source=Source(source))
    [rec] = citex.repair([rec], min_confidence=0.8)
    assert (rec.get("container-title"), rec.get("container-title-short")) == (NEJM, "N Engl J Med")


def test_pubmed_text_keeps_its_abbreviated_journal_without_a_finding():
    rec = Record(fields={"container-title": "N Engl J Med"}, source=Source("pubmed-text"))
    [rec] = citex.repair([rec], min_confidence=0.0)
    assert rec.fields == {"container-title": "N Engl J Med"} and rec.repairs == rec.diagnostics == []


@pytest.mark.parametrize("fields", [
    {"container-title": "Lancet"},  # names a journal, shortens nothing
    {"container-title": "J. Pathol."},  # ISO 4 forms are not NLM forms
    {"container-title": "J Imag Res"},
    {"container-title": "N Engl J Med", "container-title-short": "NEJM"},
])
def test_abbreviated_must_not_fire(fields):
    rec = run("journal-abbreviated", source="bibtex", **fields)
    assert rec.fields == fields and rec.repairs == []


AMBIGUOUS = JournalTable([
    Journal("nlm", "Ann Med", "Annals of medicine", "nlm"),
    Journal("nlm", "Ann Med", "Annales de medecine veterinaire", "csl"),
    Journal("nlm", "Rev Med", "Review of Medicine", "csl"),
    Journal("nlm", "Rev Med Sci", "Review of Medicine", "csl"),
])


@pytest.mark.parametrize("rule, fields", [
    ("journal-full-title", {"container-title-short": "Ann Med"}),
    ("journal-abbreviated", {"container-title": "Ann Med"}),
    ("journal-abbreviation", {"container-title": "Review of medicine"}),
])
def test_ambiguous_names_are_only_reported(monkeypatch, rule, fields):
    monkeypatch.setattr(journals, "table", lambda: AMBIGUOUS)
    rec = run(rule, source="bibtex", **fields)
    assert rec.fields == fields and rec.repairs == []
    assert [d.code for d in rec.diagnostics] == ["journal-ambiguous"]


def test_writers_put_each_form_in_its_place():
    medline = "PMID- 1\nTI  - A study.\nFAU - Shah, Mihir\nTA  - N Engl J Med\nDP  - 2020\n\n"
    [rec] = citex.repair(citex.loads(medline, "medline"))
    ris = citex.dumps([rec], "ris")
    assert f"T2  - {NEJM}" in ris and "J2  - N Engl J Med" in ris
    assert f"journal = {{{NEJM}}}" in " ".join(citex.dumps([rec], "bibtex").split())
    assert "shortjournal = {N Engl J Med}" in " ".join(citex.dumps([rec], "biblatex").split())


def test_repairing_twice_changes_nothing_more():
    for fields in ({"container-title": "N Engl J Med"}, {"container-title-short": "N Engl J Med"},
                   {"container-title": NEJM}):
        rec = Record(fields=dict(fields), source=Source("ris"))
        [rec] = citex.repair([rec], min_confidence=0.8)
        once = dict(rec.fields)
        rec.repairs.clear()
        [rec] = citex.repair([rec], min_confidence=0.8)
        assert rec.fields == once and rec.repairs == []


def test_key_ignores_case_punctuation_the_and_ampersand():
    assert key("The Journal of Law & Medicine.") == key("journal of law and medicine")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "THE", " ", "\t", "\xa0", "&", " & ", "Tea", "x", "é", "The&"])
                | st.text(max_size=3), max_size=8).map("".join))
def test_a_journal_key_skips_its_regexes_only_where_they_change_nothing(name):
    from citex.repairs.journal_names import _AMPERSAND, _LEADING_THE
    from citex.textnorm import unaccented_key

    assert key(name) == unaccented_key(_AMPERSAND.sub(" and ", _LEADING_THE.sub("", name)))
