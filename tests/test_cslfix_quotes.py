"""citex.cslfix.quotes: a period or comma after a quoted title goes inside the quotes (en-US)."""

from __future__ import annotations

import pytest

from citex.cslfix.quotes import punctuation_into_quotes
from citex.model import Date, Name, Record
from citex.writers.csl import render


@pytest.mark.parametrize("before, after", [
    ("“Sepsis”. Lancet", "“Sepsis.” Lancet"),
    ("“Sepsis”, Lancet", "“Sepsis,” Lancet"),
    ("“Why sepsis?”. Lancet", "“Why sepsis?” Lancet"),  # the title's own ? ends the sentence
    ("“Why sepsis?”, Lancet", "“Why sepsis?,” Lancet"),
    ("“Sepsis.”. Lancet", "“Sepsis.” Lancet"),
    ("“Sepsis”: a study", "“Sepsis”: a study"),  # only periods and commas move
    ("Sepsis. Lancet, 3.", "Sepsis. Lancet, 3."),  # nothing quoted
    ("“A\ue000B\ue001”\ue001.", "“A\ue000B\ue001.”\ue001"),  # markup after the quote
])
def test_punctuation_moves_inside(before, after):
    assert punctuation_into_quotes(before, "”") == after


def test_no_quote_term_no_change():
    assert punctuation_into_quotes("“Sepsis”.", "") == "“Sepsis”."


def _article(title: str) -> Record:
    return Record(fields={"title": title, "author": [Name("Shah", "M")], "container-title": "Lancet",
                          "issued": Date([[2020]]), "volume": "3", "page": "1-5"})


def test_en_us_styles_put_punctuation_inside_and_en_gb_does_not():
    assert render([_article("Sepsis")], "ieee") == ["[1] M. Shah, “Sepsis,” Lancet, vol. 3, pp. 1–5, 2020."]
    assert render([_article("Why sepsis?")], "chicago-author-date") == \
        ["Shah, M. 2020. “Why Sepsis?” Lancet 3: 1–5."]
    assert render([_article("Sepsis")], "modern-language-association", "en-GB")[0].startswith("Shah, M. ‘Sepsis’.")
