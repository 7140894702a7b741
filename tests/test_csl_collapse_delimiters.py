"""Delimiters of collapsed cites (citex.csl_collapse); expected texts are citeproc-js 2.4's for the same input."""

from __future__ import annotations

import pytest

from citex.citations import cite
from citex.csl_markup import to_text
from citex.model import Date, Name, Record

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><id/><title/>
<updated>2020-01-01T00:00:00+00:00</updated></info><citation collapse="{mode}" disambiguate-add-year-suffix="true" {extra}>
<layout prefix="(" suffix=")" delimiter="{delimiter}"><group delimiter=" "><names variable="author"><name form="short"/>
</names><date variable="issued"><date-part name="year"/></date></group></layout></citation></style>"""
WORKS = [("a", "Smith", 2000), ("b", "Smith", 2000), ("c", "Smith", 2001), ("d", "Smith", 1999), ("e", "Jones", 1990)]


def clusters(tmp_path, mode: str, extra: str, delimiter: str, groups: list[list[str]]) -> list[str]:
    path = tmp_path / "s.csl"
    path.write_text(STYLE.format(mode=mode, extra=extra, delimiter=delimiter), encoding="utf-8")
    records = [Record(fields={"type": "book", "title": key.upper(), "author": [Name(family, "J")],
                              "issued": Date(parts=[[year]])}, id=key) for key, family, year in WORKS]
    return [to_text(c) for c in cite(records, groups, str(path)).clusters]


@pytest.mark.parametrize("mode, extra, expected", [
    ("year", "", "(Smith 2000a, 2000b, 2001, 1999; Jones 1990)"),
    ("year", 'after-collapse-delimiter=", "', "(Smith 2000a; 2000b; 2001; 1999, Jones 1990)"),
    ("year-suffix", "", "(Smith 2000a; b, 2001, 1999; Jones 1990)"),  # letters: the layout's delimiter
    ("year-suffix", 'cite-group-delimiter=", "', "(Smith 2000a, b, 2001, 1999; Jones 1990)"),
])
def test_delimiters_inside_and_after_a_group(tmp_path, mode, extra, expected):
    assert clusters(tmp_path, mode, extra, "; ", [["a", "b", "c", "d", "e"]]) == [expected]


@pytest.mark.parametrize("mode, expected", [
    ("year", ["(Jones 1990; Smith 1999)", "(Smith 2001, 1999; Jones 1990)"]),
    ("year-suffix", ["(Jones 1990, Smith 1999)", "(Smith 2001, 1999; Jones 1990)"]),  # only after a collapsed group
])
def test_after_collapse_delimiter_between_single_cites(tmp_path, mode, expected):
    assert clusters(tmp_path, mode, 'after-collapse-delimiter="; "', ", ", [["e", "d"], ["c", "d", "e"]]) == expected
