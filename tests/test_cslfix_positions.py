"""cslfix.positions (first, subsequent, ibid, near-note from notes) and cslfix.leadingterm ("Ibid.")."""

from __future__ import annotations

import pytest

from citex.citations import cite
from citex.csl_markup import to_text
from citex.cslfix.leadingterm import MARK, capitalized
from citex.cslfix.positions import Tracker
from citex.model import Record


def walk(clusters: list[tuple[int, list[tuple[str, str | None]]]], distance: int = 5) -> list[list[set[str]]]:
    """The positions of each cite of (note, [(key, locator)]) clusters."""
    tracker, out = Tracker(distance), []
    for n, (note, cites) in enumerate(clusters):
        here, found = [], []
        for key, page in cites:
            locator = ("page", page) if page else None
            found.append(tracker.positions(key, locator, n, note, here)[0])
            here.append(tracker.add(key, locator, n, note))
        out.append(found)
    return out


def test_first_then_ibid_then_subsequent():
    assert walk([(1, [("a", None)]), (2, [("a", None)]), (3, [("b", None), ("a", None)])]) == [
        [{"first"}], [{"subsequent", "near-note", "ibid"}], [{"first"}, {"subsequent", "near-note"}]]


@pytest.mark.parametrize("before, now, expected", [
    (None, "5", {"ibid", "ibid-with-locator"}),  # a locator the cite before had not
    ("4", "5", {"ibid", "ibid-with-locator"}),  # another locator
    ("5", "5", {"ibid"}),
    ("5", None, set()),  # only the cite before had one: no ibid
])
def test_ibid_and_locators(before, now, expected):
    positions = walk([(1, [("a", before)]), (2, [("a", now)])])[1][0]
    assert positions - {"subsequent", "near-note"} == expected


def test_no_ibid_after_a_note_of_several_cites():
    # notes 1 (a, then b in a second citation), 2 (b): the note before holds two cites
    positions = walk([(1, [("a", None)]), (1, [("b", None)]), (2, [("b", None)]), (3, [("b", None)])])
    assert "ibid" not in positions[2][0] and "ibid" in positions[3][0]


def test_near_note_counts_notes():
    positions = walk([(1, [("a", None)]), (2, [("b", None)]), (9, [("a", None)])], distance=5)
    assert positions[2][0] == {"subsequent"}


@pytest.mark.parametrize("cite, prefix, first, expected", [
    (f"{MARK}ibid.", "", True, "Ibid."),
    (f"{MARK}ibid.", "See ", True, "ibid."),
    (f"{MARK}ibid.", "This has been said. ", True, "Ibid."),
    (f"{MARK}ibid.", "Cf. ", True, "ibid."),  # one word: an abbreviation, not a sentence
    (f"{MARK}ibid.", "", False, "ibid."),  # not the first cite of the citation
    (f"Doe, {MARK}ibid.", "", True, "Doe, ibid."),
])
def test_capitalized(cite, prefix, first, expected):
    assert capitalized(cite, prefix, first) == expected


NOTE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout suffix="." delimiter="; ">
    <choose>
      <if position="ibid-with-locator"><group delimiter=", "><text term="ibid"/><text variable="locator"/></group></if>
      <else-if position="ibid"><text term="ibid"/></else-if>
      <else-if position="subsequent"><text variable="title"/><text variable="first-reference-note-number" prefix=", n. "/></else-if>
      <else><text variable="title"/></else>
    </choose>
  </layout></citation>
</style>"""


def test_a_note_document(tmp_path):
    path = tmp_path / "n.csl"
    path.write_text(NOTE_STYLE, encoding="utf-8")
    records = [Record(fields={"title": "Book A"}, id="a"), Record(fields={"title": "Book B"}, id="b")]
    clusters = [["a"], [{"id": "a", "locator": "4"}], ["b", "a"]]
    assert [to_text(c) for c in cite(records, clusters, str(path)).clusters] == [
        "Book A.", "Ibid., 4.", "Book B; Book A, n. 1."]
    # in one note with the first, the third cluster's "a" follows "b": no ibid either way
    assert [to_text(c) for c in cite(records, [["a"], ["b"], ["a"]], str(path), notes=[1, 1, 2]).clusters] == [
        "Book A.", "Book B.", "Book A, n. 1."]
