"""citex.cslfix.institutions: an institution last in a name list is joined as citeproc-js joins it."""

from __future__ import annotations

from citex.model import Date, Name, Record
from citex.writers.csl import render


def _article(*authors: Name) -> Record:
    return Record(fields={"title": "Alpha", "container-title": "J", "author": list(authors),
                          "issued": Date([[1968]])})


def test_two_names_ending_with_an_institution_take_no_comma():
    rec = _article(Name("Kim", "Émile"), Name(literal="Deutsche Gesellschaft"))
    assert render([rec], "apa") == ["Kim, É. & Deutsche Gesellschaft. (1968). Alpha. J."]
    assert render([_article(Name("Kim", "Émile"), Name("Lee", "Ann"))], "apa") == \
        ["Kim, É., & Lee, A. (1968). Alpha. J."]  # two people: APA's comma stays


def test_three_names_ending_with_an_institution_take_a_comma():
    rec = _article(Name("Núñez", "O"), Name("Cohen", "M J"), Name(literal="Cochrane Collaboration"))
    assert render([rec], "nature")[0].startswith("1. Núñez, O., Cohen, M. J., & Cochrane Collaboration.")
