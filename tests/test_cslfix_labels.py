"""cslfix.labels: no label for an empty variable; and a cite prefix starting with punctuation replaces the delimiter."""

from __future__ import annotations

from citex.citations import cite
from citex.csl_markup import to_text
from citex.model import Record
from citex.writers.csl import render

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter="; ">
    <text variable="title"/><label variable="locator" form="short" prefix=", " suffix=" "/><text variable="locator"/>
  </layout></citation>
  <bibliography><layout>
    <text variable="title"/><label variable="page" form="short" prefix=", " suffix=" "/><text variable="page"/>
  </layout></bibliography>
</style>"""


def test_labels_only_with_their_variable(tmp_path):
    path = tmp_path / "s.csl"
    path.write_text(STYLE, encoding="utf-8")
    records = [Record(fields={"title": "A", "page": "4-5"}, id="a"), Record(fields={"title": "B"}, id="b")]
    assert render(records, str(path)) == ["A, pp. 4–5", "B"]
    clusters = [["b", {"id": "a", "locator": "7"}]]
    assert [to_text(c) for c in cite(records, clusters, str(path)).clusters] == ["B; A, p. 7"]


def test_a_prefix_starting_with_punctuation_takes_the_delimiters_place(tmp_path):
    path = tmp_path / "s.csl"
    path.write_text(STYLE, encoding="utf-8")
    records = [Record(fields={"title": "A"}, id="a"), Record(fields={"title": "B"}, id="b")]
    clusters = [["a", {"id": "b", "prefix": ", cited in "}], ["a", {"id": "b", "prefix": "see "}]]
    assert [to_text(c) for c in cite(records, clusters, str(path)).clusters] == ["A, cited in B", "A; see B"]
