"""citex.cslfix.walk: citeproc-py's walk in fewer calls, with the answers of citeproc-py's own methods."""

from __future__ import annotations

import pytest

from citex.cslfix import walk
from citex.writers.csl import _entries, load_style
from typed_records import FIELDS, every_type

STYLES = ["apa", "chicago-author-date", "modern-language-association", "vancouver", "ieee", "nature"]


def _elements(style):
    root = style.root
    return [el for el in root.iter() if hasattr(el, "get_root")] + \
        [el for locale in root.locales for el in locale.iter() if hasattr(el, "get_root")]


@pytest.mark.parametrize("name", STYLES)
def test_lookups_answer_as_citeproc_py(name):
    from citeproc import CitationStylesBibliography
    from citeproc.model import CitationStylesElement
    from citeproc.source.json import CiteProcJSON

    from citex import csl_markup

    style = load_style(name)
    CitationStylesBibliography(style, CiteProcJSON([]), csl_markup)  # sets the formatter
    own = walk.REPLACED
    for el in _elements(style):
        for _ in range(2):  # made, then read from where it is kept
            assert el.get_root() is own["CitationStylesElement.get_root"](el)
            if type(el).get_formatter is CitationStylesElement.get_formatter:  # a <locale> has its own
                assert el.get_formatter() is own["CitationStylesElement.get_formatter"](el)
            try:
                layout = own["CitationStylesElement.get_layout"](el)
            except IndexError:
                with pytest.raises(IndexError):
                    el.get_layout()
            else:
                assert el.get_layout() is layout
    for macro in style.root.findall("cs:macro", style.root.nsmap):
        assert style.root.get_macro(macro.get("name")) is own["CitationStylesElement.get_macro"](
            style.root, macro.get("name"))
    with pytest.raises(IndexError):
        style.root.get_macro("no such macro")


@pytest.mark.parametrize("name", ["apa", "nature", "ieee"])
def test_formatting_is_citeproc_pys(name):
    from citeproc import CitationStylesBibliography
    from citeproc.model import Formatted
    from citeproc.source.json import CiteProcJSON

    from citex import csl_markup

    style = load_style(name)
    CitationStylesBibliography(style, CiteProcJSON([]), csl_markup)
    own = walk.REPLACED["Formatted.format"]
    formatted = [el for el in style.root.iter() if isinstance(el, Formatted)]
    assert any(el.get("font-style") == "italic" for el in formatted)
    for el in formatted:
        for value in ("Title", 7, 2.5):
            assert str(el.format(value)) == str(own(el, value))
            assert type(el.format(value)) is type(own(el, value))


@pytest.mark.parametrize("name", STYLES)
def test_entries_are_those_of_citeproc_pys_own_methods(name, monkeypatch):
    from citeproc.model import CitationStylesElement, Formatted, Text

    records = every_type(list(FIELDS)) + every_type(["title", "author"])  # and items without a language
    records[0].fields["language"] = "de-DE"
    fast = [entry for _, entry in _entries(load_style(name), records)]
    import citeproc.model
    import citeproc.string

    for key, method in walk.REPLACED.items():
        if key == "normalize_seam":  # a function of citeproc.string, imported by citeproc.model
            monkeypatch.setattr(citeproc.string, key, method)
            monkeypatch.setattr(citeproc.model, key, method)
            continue
        owner = {"CitationStylesElement": CitationStylesElement, "Formatted": Formatted, "Text": Text}[
            key.split(".")[0]]
        monkeypatch.setattr(owner, key.split(".")[1], method)
    assert [entry for _, entry in _entries(load_style(name), records)] == fast


@pytest.mark.parametrize("name", STYLES)
def test_entries_are_those_of_citeproc_pys_own_walk_over_children(name, monkeypatch):
    from citeproc.model import Choose, If, Parent

    from citex.cslfix import children

    records = every_type(list(FIELDS)) + every_type(["title", "author"])
    fast = [entry for _, entry in _entries(load_style(name), records)]
    owners = {"Parent": Parent, "Choose": Choose, "If": If}
    for key, method in children.REPLACED.items():
        owner, attribute = key.split(".")
        if owner == "Group":  # wrapped by cslfix.groups: compared on its own below
            continue
        monkeypatch.setattr(owners[owner], attribute, method)
    assert [entry for _, entry in _entries(load_style(name), records)] == fast


def test_a_group_without_rendered_variables_is_suppressed_as_citeproc_py_does():
    from citeproc import CitationStylesBibliography
    from citeproc.model import Group

    from citex import csl_markup
    from citex.cslfix import children, speed
    from citex.writers.csl import _source

    style = load_style("apa")
    records = every_type(list(FIELDS)) + every_type(["title"])
    bib = CitationStylesBibliography(style, _source(records), csl_markup)
    speed.register(bib, [f"r{n}" for n in range(len(records))])
    own = children.REPLACED["Group.process"]
    groups_ = [el for el in style.root.iter() if isinstance(el, Group)]
    seen = set()
    for item in bib.items:
        style.root.bibliography.layout.repressed = {}
        for group in groups_:
            outcomes = []
            for process in (children._group_process, own):
                try:
                    outcomes.append(str(process(group, item)))
                except Exception as exc:  # noqa: BLE001 - the kind of failure is compared
                    outcomes.append(type(exc).__name__)
            assert outcomes[0] == outcomes[1]
            seen.add(outcomes[0] == "VariableError")
    assert seen == {True, False}  # groups printed and groups suppressed


def test_seams_are_normalized_as_citeproc_py_does():
    from citeproc.string import MixedString, NoCase, String

    from citex.cslfix.shownames import Whole

    own, ours = walk.REPLACED["normalize_seam"], walk._normalize_seam
    pieces = ["", " ", ".", "a.", "a ", ", b", ". c", String(""), String(". x"), String("y."), NoCase(" z"),
              Whole(".w"), 7, MixedString([]), MixedString([String("a"), String("")]),
              MixedString([String("a."), MixedString([String(""), String("")])]),
              MixedString([String(""), String(" b")]), MixedString([MixedString([String(". c")]), String("d")])]
    stripped = 0
    for left in pieces:
        for other in pieces:
            mine, theirs = ours(left, other), own(left, other)
            assert type(mine) is type(theirs) and str(mine) == str(theirs), (left, other)
            stripped += mine is not other
    assert stripped > 10
