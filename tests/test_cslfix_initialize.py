"""citex.cslfix.initialize: initialize="false" keeps given names whole, as CSL says."""

from __future__ import annotations

import pytest

from citex.cslfix.initialize import punctuate_initials
from citex.model import Date, Name, Record
from citex.writers.csl import render


@pytest.mark.parametrize("given, mark, expected", [
    ("John R", ". ", "John R."),
    ("J R", ". ", "J. R."),
    ("John R.", ". ", "John R."),
    ("Jean-Pierre", ". ", "Jean-Pierre"),
    ("Ewa", ". ", "Ewa"),
    ("de la", ". ", "de la"),  # lowercase particles are no initials
])
def test_punctuate_initials(given, mark, expected):
    assert punctuate_initials(given, mark) == expected


def _rec() -> Record:
    return Record(fields={"title": "T", "author": [Name("Abramović", "Ewa"), Name("Lee", "John R")],
                          "container-title": "Lancet", "issued": Date([[2020]])})


def test_chicago_keeps_given_names_and_apa_still_initializes():
    assert render([_rec()], "chicago-author-date") == ["Abramović, Ewa, and John R. Lee. 2020. “T.” Lancet."]
    assert render([_rec()], "apa") == ["Abramović, E., & Lee, J. R. (2020). T. Lancet."]


def test_suffix_loses_its_period_where_initials_have_none():
    rec = Record(fields={"title": "Art", "author": [Name("Cole", "John", suffix="Jr."), Name("Ng", "Ann")],
                         "container-title": "J", "issued": Date([[2000]])})
    assert render([rec], "nlm-citation-sequence") == ["1. Cole J Jr, Ng A. Art. J. 2000."]
    assert render([rec], "apa") == ["Cole, J., Jr., & Ng, A. (2000). Art. J."]
    assert rec.fields["author"][0].suffix == "Jr."  # the record is left as it was


@pytest.mark.parametrize("given, mark, initialize, expected", [
    ("ME", " ", True, "M"), ("ME", " ", False, "ME"),  # a word without periods is a name
    ("ME.", " ", True, "ME"), ("Me.", ". ", True, "Me."),  # with its period it is an abbreviation
    ("Ph.M.E.", " ", True, "Ph M E"), ("Ph. M.E.", "", True, "PhME"), ("Ph.M.E.", ". ", False, "Ph. M. E."),
    ("John M.E.", " ", True, "J M E"), ("John M.E.", "", False, "John ME"),
    ("John Bertrand de Cusance Morant", ".", True, "J.B. de C.M."),  # a particle set apart
])
def test_shortened_as_citeproc_js(given, mark, initialize, expected):
    from citex.cslfix.initialize import shortened

    assert shortened(given, mark, initialize) == expected
