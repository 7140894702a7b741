"""Date rules: text dates in the languages of PubMed's journals, seasons, ranges, in press, years."""

import pytest

from citex.model import Date

try:
    from tests.repair_helpers import run
except ImportError:
    from repair_helpers import run


@pytest.mark.parametrize("text, parts, season", [
    ("2020 Dec 21", [[2020, 12, 21]], None),
    ("21 décembre 2020", [[2020, 12, 21]], None),
    ("21. Dezember 2020", [[2020, 12, 21]], None),
    ("März 2018", [[2018, 3]], None),
    ("diciembre de 2019", [[2019, 12]], None),
    ("1 maggio 2015", [[2015, 5, 1]], None),
    ("outubro 2011", [[2011, 10]], None),
    ("mei 2012", [[2012, 5]], None),
    ("December 21, 2020", [[2020, 12, 21]], None),
    ("21.12.2020", [[2020, 12, 21]], None),
    ("Winter 2019", [[2019]], 4),
    ("primavera de 2017", [[2017]], 1),
    ("2019 Nov-Dec", [[2019, 11], [2019, 12]], None),
    ("1999 Dec-2000 Jan", [[1999, 12], [2000, 1]], None),
    ("2000 Jan 15-31", [[2000, 1, 15], [2000, 1, 31]], None),
])
def test_text_dates_are_read(text, parts, season):
    rec = run("date-text", issued=Date(literal=text))
    assert rec.get("issued") == Date(parts=parts, season=season)
    assert rec.repairs[0].before == Date(literal=text)  # the original text stays in the log


@pytest.mark.parametrize("text", ["hello 2020", "1996-13-03", "1985-1030", "12/21/2020", "n.d.", "in press"])
def test_unreadable_text_dates_are_kept(text):
    rec = run("date-text", issued=Date(literal=text))
    assert rec.get("issued") == Date(literal=text) and rec.repairs == []


def test_a_date_with_parts_is_left_alone():
    rec = run("date-text", issued=Date(parts=[[2020]], literal="2020 (approx.)"))
    assert rec.repairs == []


@pytest.mark.parametrize("text", ["in press", "In Press.", "im Druck", "sous presse", "Forthcoming"])
def test_in_press_becomes_the_status(text):
    rec = run("date-in-press", issued=Date(literal=text))
    assert rec.get("status") == "in press" and "issued" not in rec


def test_in_press_keeps_an_existing_status():
    rec = run("date-in-press", issued=Date(literal="in press"), status="accepted")
    assert rec.get("status") == "accepted"


@pytest.mark.parametrize("year, reported", [(1020, True), (2999, True), (1665, False), (2024, False)])
def test_years_out_of_range_are_reported_not_changed(year, reported):
    rec = run("date-year-range", issued=Date(parts=[[year]]))
    assert rec.get("issued") == Date(parts=[[year]]) and rec.repairs == []
    assert [d.code for d in rec.diagnostics] == (["date-year-range"] if reported else [])
