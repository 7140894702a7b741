"""What in-text citations get from the bibliography's fixes: punctuation inside quotes (en-US)."""

from __future__ import annotations

from citex.citations import cite
from citex.csl_markup import to_text
from citex.model import Date, Name, Record

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" default-locale="{locale}">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout suffix=".">
    <names variable="author"><name form="short"/></names>
    <text variable="title" quotes="true" prefix=", "/><date variable="issued" prefix=", "><date-part name="year"/></date>
  </layout></citation>
</style>"""


def clusters(tmp_path, locale: str) -> list[str]:
    path = tmp_path / "s.csl"
    path.write_text(STYLE.format(locale=locale), encoding="utf-8")
    rec = Record(fields={"author": [Name("Doe", "John")], "title": "Book A", "issued": Date(parts=[[1900]])}, id="a")
    return [to_text(c) for c in cite([rec], [["a"]], str(path), locale).clusters]


def test_a_comma_after_a_quoted_title_goes_inside_in_american_english(tmp_path):
    assert clusters(tmp_path, "en-US") == ["Doe, “Book A,” 1900."]


def test_but_stays_outside_where_the_locale_says_so(tmp_path):
    assert clusters(tmp_path, "en-GB") == ["Doe, ‘Book A’, 1900."]
