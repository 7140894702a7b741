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


@pytest.mark.parametrize("text, range_format, printed", [
    ("1536-38", "minimal", "1536–8"),  # an abbreviated last page is expanded first
    ("100-4", "expanded", "100–104"),
    ("1536-1538", "minimal-two", "1536–38"),
    ("13792-13803", "chicago", "13792–803"),  # the four-digit rule is for four digits
    ("1496-1504", "chicago", "1496–1504"), ("1496-1504", "chicago-16", "1496–504"),
    ("N110-N115", "minimal", "N110–5"), ("N110-115", "expanded", "N110-115"),
    ("N110 - 5", "expanded", "N110-5"),  # ends of different prefixes: as they are
    ("e12", "minimal", "e12"),
])
def test_page_range(text, range_format, printed):
    from citex.cslfix.pages import page_range

    assert page_range(text, range_format, "\u2013") == printed
