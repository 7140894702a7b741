"""Title rules and title case: rows where each fires, rows where it must not."""

import pytest

from citex.model import Name

try:
    from tests.repair_helpers import run
except ImportError:
    from repair_helpers import run

T = "Management of metastatic spine sarcoma: case report and review of literature"


@pytest.mark.parametrize("rule, field, before, after", [
    ("title-html", "title", "Effects of <em>E. coli</em> &amp; H<sub>2</sub>O", "Effects of <i>E. coli</i> & H<sub>2</sub>O"),
    ("title-html", "title", "Role of <jats:italic>TP53</jats:italic> in cancer", "Role of <i>TP53</i> in cancer"),
    ("title-html", "title", "Cost &amp;lt;p&amp;gt;and value", "Cost and value"),
    ("title-html", "title", "Ca<SUP>2+</SUP> signalling", "Ca<sup>2+</sup> signalling"),
    ("title-html", "abstract", "<jats:p>Background.</jats:p><jats:p>Methods.</jats:p>", "Background. Methods."),
    ("title-html", "container-title", "Journal of Law &amp; Medicine", "Journal of Law & Medicine"),
    ("title-stray-latex", "title", 'The M{\\"u}ller effect in \\textit{vivo}', "The Müller effect in <i>vivo</i>"),
    ("title-translation-marker", "title", "Die Behandlung der Sepsis. [Article in German]", "Die Behandlung der Sepsis."),
    ("title-end-punctuation", "title", "Does it work?.", "Does it work?"),
    ("title-end-punctuation", "title", "A title..", "A title."),
    ("title-end-punctuation", "title", "A title .", "A title."),
    ("title-end-punctuation", "title", "A title cut at its colon:", "A title cut at its colon"),
    ("subtitle-duplicated", "title", "Sepsis in children: a systematic review: a systematic review",
     "Sepsis in children: a systematic review"),
    ("title-case", "title", "EFFECT OF LEVODOPA ON PARKINSON'S DISEASE: A RANDOMIZED TRIAL",
     "Effect of LEVODOPA on PARKINSON'S disease: A randomized trial"),
    ("title-case", "title", "TREATMENT WITH A NEW DRUG IN VITAMIN A DEFICIENCY",
     "Treatment with a new drug in vitamin A deficiency"),
    ("title-case", "title", "COVID-19 AND THE RISK OF DEATH IN THE US", "COVID-19 and the risk of death in the US"),
    ("title-case", "title", "DNA REPAIR IN <i>E. COLI</i>", "DNA repair in <i>E. coli</i>"),
    ("title-case", "title", "long-term outcomes of heart surgery: a cohort", "Long-term outcomes of heart surgery: A cohort"),
    ("title-case", "container-title", "JOURNAL OF CLINICAL ONCOLOGY", "Journal of Clinical Oncology"),
])
def test_fires(rule, field, before, after):
    rec = run(rule, **{field: before})
    assert rec.get(field) == after
    assert (rec.repairs[0].rule, rec.repairs[0].field, rec.repairs[0].before) == (rule, field, before)


@pytest.mark.parametrize("rule, field, value", [
    ("title-html", "title", "Effects of <i>E. coli</i> on <span class=\"nocase\">DNA</span>"),
    ("title-html", "title", "Risk when p < 0.05 and n > 10"),
    ("title-html", "title", "Research & development"),
    ("title-translation-marker", "title", "[Treatment of sepsis in children]."),
    ("title-end-punctuation", "title", "A title."),
    ("title-end-punctuation", "title", "To be continued..."),
    ("title-end-punctuation", "title", "Pourquoi ?"),
    ("subtitle-duplicated", "title", "New York, New York: a city"),
    ("subtitle-duplicated", "title", T),
    ("title-case", "title", "Sleep in Parkinson's disease: a Bayesian analysis"),
    ("title-case", "title", "DNA repair and the BRCA1 gene in HIV"),
    ("title-case", "title", "TP53"),
    ("title-case", "container-title", "CAMBRIDGE PRISMS-GLOBAL MENTAL HEALTH"),  # all or nothing
    ("title-case", "container-title", "eLife"),
    ("title-case", "container-title", ""),
])
def test_must_not_fire(rule, field, value):
    rec = run(rule, **{field: value})
    assert rec.get(field) == value and rec.repairs == []


def test_a_journal_name_recased_once_is_recased_and_logged_on_every_record():
    # the recased name is remembered for the journal's next article; each record still logs it
    for _ in range(2):
        rec = run("title-case", **{"container-title": "JOURNAL OF CLINICAL ONCOLOGY"})
        assert rec.get("container-title") == "Journal of Clinical Oncology"
        assert [(r.rule, r.before) for r in rec.repairs] == [
            ("title-case", "JOURNAL OF CLINICAL ONCOLOGY")]


def test_stray_latex_is_left_in_latex_input():
    rec = run("title-stray-latex", source="bibtex", title='M{\\"u}ller')
    assert rec.repairs == []


def test_translation_marker_gives_the_language_only_when_missing():
    rec = run("title-translation-marker", title="Die Sepsis. [Article in German]")
    assert rec.get("language") == "de"
    rec = run("title-translation-marker", title="Die Sepsis. [Article in German]", language="ger")
    assert rec.get("language") == "ger"


def test_title_with_journal_glued_on():
    rec = run("title-with-journal", title=f"{T}. Asian J Neurosurg. 2020;15(4):1011-5",
              **{"container-title": "Asian J Neurosurg"})
    assert rec.get("title") == T + "."
    clean = run("title-with-journal", title="Cancer statistics, 2020. Cancer", **{"container-title": "Nature"})
    assert clean.repairs == []
    short = run("title-with-journal", title="Nature. Nature.", **{"container-title": "Nature"})
    assert short.repairs == []  # too little title left to be sure


def test_title_with_authors_glued_on():
    rec = run("title-with-authors", title=f"{T}. Shah M, Rao K.", author=[Name("Shah", "M"), Name("Rao", "K")])
    assert rec.get("title") == T + "."
    clean = run("title-with-authors", title="Shah syndrome in twins. A review", author=[Name("Shah", "M")])
    assert clean.repairs == []
