"""cslfix.quotemarks: quotes inside values as the locale's, nested; expectations are citeproc-js's."""

from __future__ import annotations

import pytest

from citex.cslfix.quotemarks import CLOSE, OPEN, mark, resolve
from citex.model import Record
from citex.writers.csl import render

US = (("\u201c", "\u201d"), ("\u2018", "\u2019"))


@pytest.mark.parametrize("value, printed", [
    ("from \"distance\" to \"friction\"", "from “distance” to “friction”"),
    ("Simple 'title' here", "Simple “title” here"),  # a pair of single quotes is a quotation too
    ("'Nobody Knows You're a Dog': As", "“Nobody Knows You’re a Dog”: As"),
    ("Parkinson's and O'Brien", "Parkinson’s and O’Brien"),
    ("(ETFA '09)", "(ETFA ’09)"),  # nothing closes it: an apostrophe
    ("a \"b c", "a \"b c"),  # an unclosed double quote stays as it is
    ("My “Amazing” Title", "My “Amazing” Title"),
])
def test_values(value, printed):
    assert resolve(mark(value), *US) == printed


def test_quotes_inside_quotes_are_inner_ones():
    assert resolve(f"{OPEN}My {mark('“Amazing”')} Title{CLOSE}", *US) == "“My ‘Amazing’ Title”"
    assert resolve(f"{OPEN}a {OPEN}b {OPEN}c{CLOSE}{CLOSE}{CLOSE}", *US) == "“a ‘b “c”’”"


def test_in_a_bibliography_with_quoted_titles():
    rec = Record.from_csl({"id": "a", "type": "article-journal", "title": "The “new career” and 'old' jobs",
                           "container-title": "J", "issued": {"date-parts": [[2020]]}})
    entry = render([rec], "chicago-notes-bibliography")[0]
    assert entry.startswith("“The ‘New Career’ and ‘Old’ Jobs.”")
