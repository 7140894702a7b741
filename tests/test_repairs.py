"""Each repair rule: rows where it fires, rows where it must not, and its log entry."""

import pytest

from citex.model import Name, Record
from citex.pipeline import repair
from citex.registry import REPAIRS

T = "Management of Metastatic Spine and Hip Alveolar Soft Part Sarcoma: Case Report and Review of Literature."


def run(rule, **fields):
    rec = Record(fields=dict(fields))
    REPAIRS.get(rule)(rec)
    return rec


@pytest.mark.parametrize("rule, field, before, after", [
    ("mojibake", "title", "MÃ¼ller and the naÃ¯ve cafÃ©", "Müller and the naïve café"),
    ("mojibake", "abstract", "Î²-amyloid in SÃ£o Paulo", "β-amyloid in São Paulo"),
    ("mojibake", "container-title", "Revista MÃ©dica de Chile", "Revista Médica de Chile"),
    ("whitespace", "title", "A  title\nthat wraps\t here ", "A title that wraps here"),
    ("title-said-twice", "title", f"{T} {T}", T),
    ("title-said-twice", "title", "Heart failure today heart failure today", "Heart failure today"),
    ("title-said-twice", "title", "Heart failure in 2020. Heart failure in 2020.", "Heart failure in 2020."),
    ("page-range", "page", "1011-5", "1011-1015"),
    ("page-range", "page", "1011\u20135", "1011-1015"),
    ("page-range", "page", "1011--1015", "1011-1015"),
    ("page-range", "page", "pp. 45-9", "45-49"),
    ("page-range", "page", "S12-5", "S12-S15"),
    ("page-range", "page", "1011-15, 1020", "1011-1015, 1020"),
    ("page-range", "page", "199-203", "199-203"),
    ("doi-bare", "DOI", "https://doi.org/10.4103/ajns.AJNS_290_20", "10.4103/ajns.AJNS_290_20"),
    ("doi-bare", "DOI", "http://dx.doi.org/10.1371/journal.pone.0174944", "10.1371/journal.pone.0174944"),
    ("doi-bare", "DOI", "doi: 10.1136/bmj.n71.", "10.1136/bmj.n71"),
    ("doi-bare", "DOI", "DOI:10.1136/bmj.n71", "10.1136/bmj.n71"),
    ("doi-bare", "DOI", "10.1371/ journal.pone.0174944", "10.1371/journal.pone.0174944"),
    ("doi-bare", "DOI", "https://doi.org/10.1002/%28SICI%291097-0258", "10.1002/(SICI)1097-0258"),
])
def test_rule_fires_and_logs(rule, field, before, after):
    rec = run(rule, **{field: before})
    assert rec.get(field) == after
    if before != after:
        assert [(r.rule, r.field, r.before, r.after) for r in rec.repairs] == [(rule, field, before, after)]


@pytest.mark.parametrize("rule, field, value", [
    ("mojibake", "title", "Müller, naïve café – “quoted” text in Zürich"),
    ("mojibake", "title", "Ökologie² and ÅngstrÖm"),
    ("whitespace", "title", "A clean title."),
    ("title-said-twice", "title", "New York, New York."),
    ("title-said-twice", "title", "Sing, sing, sing."),
    ("title-said-twice", "title", T),
    ("page-range", "page", "1011-1015"),
    ("page-range", "page", "e0174944"),
    ("page-range", "page", "n71"),
    ("page-range", "page", "iii-x"),
    ("page-range", "page", "50-12"),  # cannot be read as a range: left for a human
    ("doi-bare", "DOI", "10.4103/ajns.AJNS_290_20"),
    ("doi-bare", "DOI", "10.1002/(SICI)1097-0258(19980815)17:15<1661::AID-SIM968>3.0.CO;2-2"),
])
def test_rule_leaves_clean_values_alone(rule, field, value):
    rec = run(rule, **{field: value})
    assert rec.get(field) == value
    assert rec.repairs == []


def test_mojibake_reaches_names():
    rec = run("mojibake", author=[Name("MÃ¼ller", "T"), Name("Shah", "M")])
    assert rec.get("author") == [Name("Müller", "T"), Name("Shah", "M")]
    assert rec.repairs[0].rule == "mojibake"


@pytest.mark.parametrize("journal", [
    T, T.rstrip("."), T.upper(), T.lower(), T + "..", "  " + T.replace(":", ""),
    "Management of Metastatic Spine and Hip Alveolar",  # cut short
])
def test_journal_that_repeats_title_is_emptied_and_reported(journal):
    rec = run("journal-duplicates-title", title=T, **{"container-title": journal})
    assert "container-title" not in rec
    assert rec.repairs[0].before == journal and rec.repairs[0].after is None
    assert [d.code for d in rec.diagnostics] == ["journal-unknown"]


@pytest.mark.parametrize("title, journal", [
    ("Cancer statistics, 2020.", "Cancer"),
    ("Nature reviews of everything in modern biology.", "Nature"),
    (T, "Asian J Neurosurg"),
    ("Journal of the American College of Cardiology at 50.", "J Am Coll Cardiol"),
])
def test_real_journals_are_kept(title, journal):
    rec = run("journal-duplicates-title", title=title, **{"container-title": journal})
    assert rec.get("container-title") == journal and rec.repairs == []


def test_doi_that_is_not_a_doi_is_reported_and_kept():
    rec = run("doi-bare", DOI="not a doi")
    assert rec.get("DOI") == "not a doi"
    assert [d.code for d in rec.diagnostics] == ["doi-invalid"]


def test_pmid_from_pubmed_link_only_when_missing():
    assert run("pmid-from-link", URL="https://pubmed.ncbi.nlm.nih.gov/33708679/").get("PMID") == "33708679"
    rec = run("pmid-from-link", URL="https://pubmed.ncbi.nlm.nih.gov/33708679/", PMID="1")
    assert rec.get("PMID") == "1" and rec.repairs == []
    assert run("pmid-from-link", URL="https://example.org/33708679/").get("PMID") is None


def test_doi_from_doi_org_url_only_when_missing():
    assert run("doi-from-url", URL="https://doi.org/10.1000/xyz").get("DOI") == "10.1000/xyz"
    assert run("doi-from-url", URL="https://doi.org/10.1000/xyz", DOI="10.1/a").get("DOI") == "10.1/a"


def test_every_rule_is_documented_and_repair_is_idempotent():
    for entry in REPAIRS:
        assert entry.description, entry.name
    broken = T.replace("Metastatic", "MÃ©tastatic")
    fields = {"title": f"{broken}  {broken}", "container-title": T.upper(),
              "page": "1011-5", "DOI": "https://doi.org/10.1000/x."}
    once = next(repair([Record(fields=dict(fields))]))
    twice = next(repair([Record(fields=dict(once.fields))]))
    assert twice.fields == once.fields and twice.repairs == []
    assert once.get("title") == T.replace("Metastatic", "Métastatic")
    assert "container-title" not in once and once.get("DOI") == "10.1000/x"


def test_a_clean_record_passes_every_rule_untouched():
    fields = {"title": T, "container-title": "Asian J Neurosurg", "page": "1011-1015",
              "DOI": "10.4103/ajns.AJNS_290_20", "PMID": "33708679",
              "author": [Name("Shah", "M")], "URL": "https://pubmed.ncbi.nlm.nih.gov/33708679/"}
    rec = next(repair([Record(fields=dict(fields))]))
    assert rec.fields == fields and rec.repairs == [] and rec.diagnostics == []
