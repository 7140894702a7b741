"""citex.cslfix.pages: page-range-format="chicago-16"."""

from __future__ import annotations

import pytest

from citex.cslfix.pages import chicago_16
from citex.model import Date, Name, Record
from citex.writers.csl import render


@pytest.mark.parametrize("first, last, printed", [
    ("3", "10", "10"), ("71", "72", "72"), ("96", "117", "117"),  # below 100: in full
    ("100", "104", "104"), ("1100", "1113", "1113"),  # multiples of 100: in full
    ("101", "108", "8"), ("808", "833", "33"), ("1103", "1104", "4"),  # 01-09: what changes
    ("321", "328", "28"), ("498", "532", "532"), ("1087", "1089", "89"),  # 10-99: two digits or more
    ("1496", "1500", "500"), ("1299", "1316", "316"),  # no four-digit rule (Chicago 15 prints 1316)
    ("11564", "11615", "615"), ("12991", "13001", "3001"),
])
def test_chicago_16(first, last, printed):
    assert chicago_16(first, last) == printed


def test_chicago_author_date_uses_it():
    rec = Record(fields={"title": "T", "author": [Name("Shah", "M")], "container-title": "J",
                         "issued": Date([[2000]]), "page": "1299-1316"})
    assert render([rec], "chicago-author-date") == ["Shah, M. 2000. “T.” J, 1299–316."]
