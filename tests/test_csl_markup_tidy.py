"""``csl_markup.tidy`` and ``plain_spaces``: which spaces citex merges, and which it keeps as citeproc-js does."""

import pytest

from citex.csl_markup import MARKS, plain_spaces, tidy

I, END_I = MARKS["italic"][:2]


@pytest.mark.parametrize("before, after", [
    ("Smith,  2000", "Smith, 2000"),  # an empty variable's doubled space
    (f"In{I} Title{END_I}", f"In {I}Title{END_I}"),  # spaces go outside the markup
    ("His\u00a0« Life »", "His\u00a0« Life »"),  # non-breaking spaces (French punctuation) kept
    ("10 April 1998\nApril 1998", "10 April 1998\nApril 1998"),  # a style's line-break delimiter kept
    (" (2006): 1–7.", " (2006): 1–7."),  # a space at an edge kept, as citeproc-js keeps it
    ("Why?.", "Why?"),
])
def test_tidy(before, after):
    assert tidy(before) == after


def test_plain_spaces_merges_the_data_whitespace_but_not_non_breaking_spaces():
    assert plain_spaces("A title\n  over\tlines") == "A title over lines"
    assert plain_spaces("John\u00a0Doe") == "John\u00a0Doe"


def test_a_line_break_in_the_data_does_not_reach_the_entry():
    from citex.model import Record
    from citex.writers.csl import render

    rec = Record.from_csl({"id": "a", "type": "book", "title": "Two\nlines", "author": [{"family": "Li"}]})
    assert render([rec], "apa") == ["Li. (n.d.). Two lines."]
