"""citex.cslfix.collation: bibliography order as citeproc-js's localeCompare gives it."""

from __future__ import annotations

import pytest

from citex.cslfix.collation import sort_key
from citex.model import Date, Name, Record
from citex.writers.csl import _entries, load_style


def test_accents_do_not_move_a_word_past_z():
    words = ["Zhou", "Čech", "Abramović", "Cohen", "Ångström"]
    assert sorted(words, key=sort_key) == ["Abramović", "Ångström", "Čech", "Cohen", "Zhou"]


@pytest.mark.parametrize("left, right", [
    ("Šimić", "Simic"),  # accents ignored (base strength)
    ("McDonald", "mcdonald"),  # case ignored
    ("O'Brien", "OBrien"),  # punctuation ignored
    ("van-der-Berg", "vanderBerg"),  # hyphens ignored
])
def test_base_strength_equal(left, right):
    assert sort_key(left) == sort_key(right)


def test_digits_compare_as_numbers():
    assert sorted(["Vol 10", "Vol 9", "Vol 100"], key=sort_key) == ["Vol 9", "Vol 10", "Vol 100"]


def test_the_letters_keep_their_order():
    assert sorted(["b", "a", "ä", "B", "c"], key=sort_key)[-1] == "c"
    assert sort_key("a") < sort_key("ab") < sort_key("b")


def _rec(family: str, year: int | None, title: str = "T") -> Record:
    fields = {"title": title, "author": [Name(family, "A")], "container-title": "J"}
    if year:
        fields["issued"] = Date([[year]])
    return Record(fields=fields, id=f"{family}{year}")


def test_bibliography_sorted_by_collation_and_missing_keys_last():
    recs = [_rec("Zhou", 2001), _rec("Łukasz", 2001), _rec("Lee", 2001), _rec("Ødegaard", 2001)]
    order = [rec.id for rec, _ in _entries(load_style("springer-basic-author-date"), recs)]
    assert order == ["Lee2001", "Łukasz2001", "Ødegaard2001", "Zhou2001"]


def test_ties_keep_citation_order():
    recs = [_rec("Lee", 2001, "Beta"), _rec("Lee", 2001, "Alpha")]  # elsevier-harvard: author, date only
    titles = [rec.fields["title"] for rec, _ in _entries(load_style("elsevier-harvard"), recs)]
    assert titles == ["Beta", "Alpha"]


def test_a_word_ends_before_any_letter_follows():
    # citeproc-js ends each word of a key with "|": "A systematic review" precedes "Abramović"
    assert sorted(["Abramović, E.", "An Zebra", "A systematic review", "Asimov, E."], key=sort_key) == \
        ["A systematic review", "Abramović, E.", "An Zebra", "Asimov, E."]


def test_a_term_is_no_sort_key():
    # elsevier-harvard sorts by a date macro descending; "n.d." is a term, so the undated work goes last
    recs = [_rec("Lee", None, "Undated"), _rec("Lee", 2016, "Dated")]
    titles = [rec.fields["title"] for rec, _ in _entries(load_style("elsevier-harvard"), recs)]
    assert titles == ["Dated", "Undated"]


def test_later_keys_order_what_the_first_leaves_tied():
    # apa: author, then date, then title
    recs = [_rec("Lee", 2005, "Beta"), _rec("Lee", 2001, "Zeta"), _rec("Abe", 2009), _rec("Lee", 2005, "Alpha")]
    titles = [rec.fields["title"] for rec, _ in _entries(load_style("apa"), recs)]
    assert titles == ["T", "Zeta", "Alpha", "Beta"]


def test_a_later_key_is_made_only_for_tied_items(monkeypatch):
    from citex.cslfix import collation

    made: list[str] = []
    key = collation._key

    def counting(sort_key, item, layout, et_al):
        made.append(sort_key.get("macro") or sort_key.get("variable"))
        return key(sort_key, item, layout, et_al)

    monkeypatch.setattr(collation, "_key", counting)
    recs = [_rec("Lee", 2005), _rec("Abe", 2001), _rec("Lee", 2003), _rec("Zhou", 2001)]
    _entries(load_style("apa"), recs)
    assert made.count("author-sort") == 4
    assert made.count("date-sort-group") == 2  # the two by Lee
