"""citex.cslfix.substitute: what stands in for a missing author is not printed again."""

from __future__ import annotations

import pytest

from citex.model import Date, Name, Record
from citex.writers.csl import render


def _no_author() -> Record:
    return Record(fields={"title": "Sepsis", "container-title": "The Lancet", "issued": Date([[2019]])})


def _edited_book() -> Record:
    return Record(type="book", fields={"title": "Book", "editor": [Name("Cohen", "Ewa")], "publisher": "P",
                                       "issued": Date([[1969]])})


@pytest.mark.parametrize("style, record, expected", [
    ("apa", _no_author, "Sepsis. (2019). The Lancet."),
    ("harvard-cite-them-right", _no_author, "The Lancet (2019) “Sepsis.”"),
    ("apa", _edited_book, "Cohen, E. (Ed.). (1969). Book. P."),
    ("modern-language-association", _edited_book, "Cohen, Ewa, editor. Book. P, 1969."),
    ("american-medical-association", _edited_book, "1. Cohen E, ed. Book. P; 1969."),
    # a <names> nested in <choose> in the substitute takes the author's <name> and <label>
    ("chicago-author-date", _edited_book, "Cohen, Ewa, ed. 1969. Book. P."),
])
def test_substituted_variables_are_printed_once(style, record, expected):
    assert render([record()], style) == [expected]


def test_each_entry_starts_afresh():
    with_author = Record(fields={"title": "Sepsis", "author": [Name("Shah", "M")], "container-title": "The Lancet",
                                 "issued": Date([[2020]])})
    assert render([_no_author(), with_author], "apa") == \
        ["Sepsis. (2019). The Lancet.", "Shah, M. (2020). Sepsis. The Lancet."]
