"""citex.cslfix.speed: citeproc-py's style lookups memoised per style, with the same answers."""

from __future__ import annotations

import pytest

from citex.cslfix import speed
from citex.writers.csl import _entries, load_style
from typed_records import FIELDS, every_type

STYLES = ["apa", "chicago-author-date", "modern-language-association", "vancouver", "ieee"]


@pytest.mark.parametrize("style", STYLES)
def test_entries_are_those_made_without_the_memo(style, monkeypatch):
    records = every_type(list(FIELDS)) * 2  # twice: the second round reads the memo
    memoised = [entry for _, entry in _entries(load_style(style), records)]
    monkeypatch.setattr(speed, "memo", lambda element: {})  # every lookup made afresh
    assert [entry for _, entry in _entries(load_style(style), records)] == memoised


def test_a_relative_query_gives_what_lxml_gives():
    root = load_style("apa").root
    macro = root.get_macro("title")
    assert macro is root.xpath("cs:macro[@name='title'][1]", namespaces=root.nsmap)[0]
    text = macro.find(".//cs:text", root.nsmap)
    for _ in range(2):  # made, then read from the memo
        assert text.xpath_search("./ancestor::cs:macro[1]") == [macro]
        assert text.xpath_search("./ancestor::cs:layout[1]") == []


def test_a_query_over_the_whole_style_is_made_afresh():
    root = load_style("apa").root
    before = len(root.xpath_search("//cs:macro"))
    root.append(root.makeelement("{http://purl.org/net/xbiblio/csl}macro", {"name": "new"}))
    assert len(root.xpath_search("//cs:macro")) == before + 1


def test_memos_belong_to_one_style_and_can_be_forgotten():
    first, second = load_style("apa"), load_style("apa")
    mine, theirs = first.root.get_macro("title"), second.root.get_macro("title")
    assert mine is not theirs and speed.memo(mine) is not speed.memo(theirs)
    assert "cs:macro[@name='title'][1]" in speed.memo(first.root)
    speed.forget(first.root)
    assert speed.memo(first.root) == {}
    assert first.root.get_macro("title") is mine


def test_a_missing_name_is_looked_for_again():
    # citeproc-py adds a <name> to a <names> that has none: that must be seen
    root = load_style("apa").root
    names = root.find(".//cs:names", root.nsmap)
    for el in names.findall("cs:name", root.nsmap):
        names.remove(el)
    assert names.name is None
    names.insert(0, names.makeelement("{http://purl.org/net/xbiblio/csl}name", {}))
    assert names.name is not None


def test_calls_variable_is_what_the_walk_gives():
    from citeproc.model import Parent, Text

    root = load_style("apa").root
    walks = {Parent: Parent.calls_variable.__wrapped__, Text: Text.calls_variable.__wrapped__}
    elements = [el for el in root.iter() if isinstance(el, (Parent, Text))]
    assert elements
    for el in elements:
        walk = walks[Text] if isinstance(el, Text) else walks[Parent]
        if type(el).calls_variable in (Parent.calls_variable, Text.calls_variable):
            assert el.calls_variable() == walk(el)


def test_numbers_follow_the_keys_as_they_change():
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    from citex import csl_markup

    source = CiteProcJSON([{"id": key, "type": "book", "title": key} for key in ("a", "b", "c")])
    bib = CitationStylesBibliography(load_style("vancouver"), source, csl_markup)
    speed.register(bib, ["b", "a", "b", "zzz"])  # again, and one the source lacks: left out
    assert bib.keys == ["b", "a"]
    items = {item.key: item for item in bib.items}
    assert (items["b"].number, items["a"].number) == (1, 2)
    bib.register(Citation([CitationItem("c")]))  # citeproc-py's own register: the list grows
    assert bib.items[-1].number == 3 and not bib.items[-1].is_bad()
    bib.keys = ["a", "c", "b"]  # a new order: a new list
    assert [items["a"].number, items["b"].number] == [1, 3]
    stray = Citation([CitationItem("zzz")])
    stray.bibliography = bib
    assert stray.cites[0].is_bad()
