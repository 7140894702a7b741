"""citex.cslfix.groups: a group whose variables are all empty is suppressed with its fixed text."""

from __future__ import annotations

from citex.model import Date, Name, Record
from citex.writers.csl import render


def _thesis(**more) -> Record:
    return Record(type="thesis", fields={"title": "Cost of care", "genre": "PhD thesis", "publisher": "Uni",
                                         "author": [Name("Björk", "A")], "issued": Date([[1997]]), **more})


def test_a_word_next_to_an_empty_variable_goes_with_it():
    assert render([_thesis()], "apa") == ["Björk, A. (1997). Cost of care [PhD thesis]. Uni."]
    assert render([_thesis(number="123")], "apa") == \
        ["Björk, A. (1997). Cost of care (Publication No. 123) [PhD thesis]. Uni."]


def test_a_group_without_variables_is_kept(tmp_path):
    style = tmp_path / "s.csl"
    style.write_text("""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout>
  <group delimiter=" "><text variable="title"/><choose><if variable="DOI"><text value="online"/></if></choose></group>
  <group prefix=" (" suffix=")"><text value="fixed"/></group>
  <group prefix=" [" suffix="]"><text value="n="/><text variable="number"/></group>
</layout></bibliography></style>""", encoding="utf-8")
    rec = Record(fields={"title": "T", "DOI": "10.1/x"})
    assert render([rec], str(style)) == ["T online (fixed)"]


def test_an_empty_date_does_not_suppress_its_group():
    rec = Record(type="report", fields={"title": "Outcomes", "author": [Name(literal="Office for National Statistics")],
                                        "publisher": "ONS", "number": "556", "issued": Date([[2004]]),
                                        "URL": "https://example.org/r"})
    assert render([rec], "ieee")[0].endswith("2004. [Online]. Available: https://example.org/r")
