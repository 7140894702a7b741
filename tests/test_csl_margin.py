"""citex.csl_margin: second-field-align entries in HTML as citeproc-js's left-margin and right-inline divs."""

from citex.model import Date, Name, Record
from citex.writers.csl import render


def test_numbered_entries_in_html_and_text():
    rec = Record(fields={"type": "book", "title": "Clinical reasoning", "author": [Name("Brown", "Carl")],
                         "issued": Date([[2020]]), "publisher": "P"})
    text, html = render([rec], "ieee"), render([rec], "ieee", to="html")
    left, right = text[0].split(" ", 1)
    assert left == "[1]"
    assert html == [f'<div class="csl-left-margin">[1]</div><div class="csl-right-inline">{right}</div>']


def test_styles_without_second_field_align_have_no_divs():
    rec = Record(fields={"type": "book", "title": "T", "author": [Name("Brown", "Carl")], "issued": Date([[2020]])})
    assert "csl-left-margin" not in render([rec], "apa", to="html")[0]
