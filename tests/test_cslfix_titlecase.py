"""citex.cslfix.titlecase: text-case="title" as citeproc-js applies it."""

from __future__ import annotations

import pytest

from citex.cslfix.titlecase import title_case
from citex.model import Date, Name, Record
from citex.writers.csl import render


@pytest.mark.parametrize("before, after", [
    ("cost-effectiveness in low-income countries", "Cost-Effectiveness in Low-Income Countries"),
    ("sepsis across Europe during pregnancy", "Sepsis across Europe during Pregnancy"),  # long stop-word list
    ("does β-lactamase matter?", "Does β-Lactamase Matter?"),  # a lone Greek letter stays
    ("Crohn’s disease", "Crohn’s Disease"),
    ("trials: a review", "Trials: A Review"),  # after a colon
    ("of mice and men", "Of Mice and Men"),  # the first word
    ("what to look up", "What to Look Up"),  # the last word, even a stop word
    ("the mRNA vaccines and COVID-19", "The mRNA Vaccines and COVID-19"),  # mixed case kept
    ("revista médica de chile", "Revista Médica de Chile"),
    ("x-ray findings", "X-Ray Findings"),
    ("levels of na\ue004ab\ue005 ions", "Levels of Na\ue004ab\ue005 Ions"),  # superscript left alone
])
def test_title_case(before, after):
    assert title_case(before) == after


def test_a_style_title_cases_journal_names_as_citeproc_js():
    rec = Record(fields={"title": "Long-term outcomes", "author": [Name("Shah", "M")], "issued": Date([[2020]]),
                         "container-title": "revista médica de chile", "volume": "3"})
    assert render([rec], "chicago-author-date") == \
        ["Shah, M. 2020. “Long-Term Outcomes.” Revista Médica de Chile 3."]


def test_a_quote_closing_nothing_keeps_the_next_letter():
    assert title_case("conférence sur l’apprentissage automatique") == "Conférence Sur l’apprentissage Automatique"
    assert title_case("the ‘new’ deal") == "The ‘New’ Deal"


def test_labels_are_title_cased_too():
    rec = Record(type="chapter", fields={"title": "T", "author": [Name("Shah", "M")], "editor": [Name("Lee", "K")],
                                         "container-title": "Book", "publisher": "P", "issued": Date([[2020]]),
                                         "page": "1-2"})
    assert render([rec], "apa") == ["Shah, M. (2020). T. In K. Lee (Ed.), Book (pp. 1–2). P."]
