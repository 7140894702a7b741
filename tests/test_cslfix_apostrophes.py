"""citex.cslfix.apostrophes: straight apostrophes printed as citeproc-js prints them."""

from __future__ import annotations

import pytest

from citex.cslfix.apostrophes import curl
from citex.model import Date, Name, Record
from citex.writers.csl import render


@pytest.mark.parametrize("before, after", [
    ("Parkinson's disease", "Parkinson’s disease"),
    ("O'Brien", "O’Brien"),
    ("patients' homes", "patients’ homes"),
    ("the patients'.", "the patients’."),
    ("a 'new' look", "a ‘new’ look"),
    ("rock 'n' roll", "rock ‘n’ roll"),
    ("no apostrophe", "no apostrophe"),
    ("'", "'"),  # nothing to attach to
])
def test_curl(before, after):
    assert curl(before) == after


def test_names_and_titles_curled_urls_kept():
    rec = Record(fields={"title": "Parkinson's disease", "author": [Name("O'Brien", "M")],
                         "container-title": "Lancet", "issued": Date([[2020]]), "URL": "https://x.org/a'b"})
    assert render([rec], "apa") == ["O’Brien, M. (2020). Parkinson’s disease. Lancet. https://x.org/a'b"]
