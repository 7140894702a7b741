"""Cites told apart by names (citex.csl_disambiguate); expected texts are citeproc-js's for the same records."""

from __future__ import annotations

import pytest

from citex.citations import cite
from citex.csl_disambiguate import _level
from citex.csl_markup import to_text
from citex.cslfix.shownames import Seen
from citex.model import Date, Name, Record


def rec(key: str, authors: list[tuple[str, str]], year: int, title: str) -> Record:
    return Record(fields={"type": "article-journal", "author": [Name(f, g) for f, g in authors],
                          "issued": Date(parts=[[year]]), "title": title, "container-title": "J"}, id=key)


RECORDS = [rec("a", [("Smith", "John")], 2020, "One"), rec("b", [("Smith", "Anna")], 2019, "Two"),
           rec("c", [("Li", "Wei"), ("Chen", "K"), ("Wu", "X")], 2021, "Three"),
           rec("d", [("Li", "Wei"), ("Zhao", "K"), ("Wu", "X")], 2021, "Four"),
           rec("e", [("Li", "Wei"), ("Zhao", "K"), ("Wu", "X")], 2021, "Five")]


def clusters(style: str, groups: list[list[str]]) -> list[str]:
    return [to_text(c) for c in cite(RECORDS, groups, style).clusters]


@pytest.mark.parametrize("style, expected", [
    ("apa", ["(A. Smith, 2019; J. Smith, 2020)", "(Li, Chen, et al., 2021; Li, Zhao, et al., 2021)"]),
    ("chicago-author-date", ["(J. Smith 2020; A. Smith 2019)", "(Li, Chen, et al. 2021; Li, Zhao, et al. 2021)"]),
    ("harvard-cite-them-right", ["(Smith, 2019, 2020)", "(Li, Chen and Wu, 2021; Li, Zhao and Wu, 2021)"]),
    ("elsevier-harvard", ["(Smith, 2019, 2020)", "(Li et al., 2021a, 2021b)"]),  # adds no names: a suffix
])
def test_names_and_given_names_added_as_citeproc_js_adds_them(style, expected):
    assert clusters(style, [["a", "b"], ["c", "d"]]) == expected


def test_names_are_added_only_while_they_tell_cites_apart_then_a_year_suffix():
    # d and e have the same authors: a third name cannot help them, so they keep two and get letters
    # (in bibliography order, by title: "Five" is 2021a; the cluster keeps the order cited)
    assert clusters("apa", [["c", "d", "e"]]) == ["(Li, Chen, et al., 2021; Li, Zhao, et al., 2021b, 2021a)"]


def test_cites_that_differ_get_nothing_added():
    assert clusters("apa", [["a"], ["c"]]) == ["(Smith, 2020)", "(Li et al., 2021)"]


def seen(form: str = "short", mark: str | None = ". ") -> Seen:
    return Seen("author", [], 1, form, mark)


@pytest.mark.parametrize("given, others, form, mark, initials_only, level", [
    ("John", {"Anna"}, "short", ". ", False, 1),  # initials tell them apart
    ("Thomas", {"Ted"}, "short", ". ", False, 2),  # only the whole given names do
    ("Thomas", {"Ted"}, "short", ". ", True, 0),  # ... and the rule allows initials only
    ("John", {"Anna"}, "short", None, False, 2),  # no initialize-with: whole names
    ("John", {"Anna"}, "long", None, False, 0),  # a long form without initials shows them already
    ("J.J.", {"J. J."}, "short", ". ", False, 0),  # the same given name spaced otherwise
    ("John", set(), "short", ". ", False, 0),
])
def test_level(given, others, form, mark, initials_only, level):
    assert _level(given, others, seen(form, mark), initials_only) == level
