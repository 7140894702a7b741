"""The BibTeX reader's caches and fast paths: records never share what they own."""

from citex.readers.bibtex import read
from citex.readers.bibtex_names import parse_names

TWO = """@article{a, author = {Kim, Jo and {Barnes and Noble}}, year = {2001}, month = mar, date = {2003-04}}
@article{b, author = {Kim, Jo and {Barnes and Noble}}, year = {2001}, month = mar, date = {2003-04}}
"""


def test_same_dates_are_separate_objects():
    a, b = read(TWO)
    assert a.fields["issued"] == b.fields["issued"]
    a.fields["issued"].parts[0][0] = 1999
    assert b.fields["issued"].parts[0][0] == 2003


def test_cached_name_lists_give_fresh_names():
    a, b = read(TWO)
    assert [n.literal for n in a.fields["author"]] == [None, "Barnes and Noble"]
    a.fields["author"][0].family = "Changed"
    assert b.fields["author"][0].family == "Kim"


def test_and_inside_braces_is_not_a_split():
    for raw, count in [("{A and B} and C, D", 2), ("{A {and} B} and C", 2), ("A } and {B and C}", 2),
                       ("A and B", 2), ("{\\c{C}}elik, Anna and Kim, Jo", 2), ("{A and B", 1)]:
        assert len(parse_names(raw).names) == count, raw
