"""cslfix.source: string variables read into citeproc-py in one step, as citeproc-py reads them."""

from hypothesis import given, settings
from hypothesis import strategies as st

from citex.cslfix.source import source_class

PIECES = ["", " ", "a", "Title", ".", "..", "  ", "<", ">", '<span class="nocase">', "</span>",
          '<SPAN CLASS="NOCASE">', "<i>", "é", "\u00a0"]


def _pieces(mixed):
    return [(type(piece).__name__, str(piece)) for piece in mixed]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=8).map("".join))
def test_parse_string_is_citeproc_pys_own(text):
    from citeproc.source.json import CiteProcJSON

    ours, theirs = source_class()([]), CiteProcJSON([])
    assert _pieces(ours.parse_string(text)) == _pieces(theirs.parse_string(text))
    assert type(ours.parse_string(text)) is type(theirs.parse_string(text))


def test_records_read_the_same():
    from citeproc.source.json import CiteProcJSON

    item = {"id": "a", "type": "book", "title": 'On <span class="nocase">iPhone</span> use', "publisher": "MIT",
            "author": [{"family": "Smith", "given": "Anna"}], "issued": {"date-parts": [[2001, 5]]},
            "note": "", "edition": 2}
    ours, theirs = source_class()([item]), CiteProcJSON([item])
    assert ours.keys() == theirs.keys()
    for key in theirs:
        mine, other = ours[key], theirs[key]
        assert sorted(vars(mine) if hasattr(mine, "__dict__") else mine) == sorted(
            vars(other) if hasattr(other, "__dict__") else other)
        for name in ("title", "publisher", "note", "edition"):
            if name in other:
                assert _pieces(mine[name]) == _pieces(other[name]), name


_NAME_PART = st.sampled_from(["family", "given", "literal", "suffix", "dropping-particle",
                              "non-dropping-particle", "comma-suffix", "parse-names"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(_NAME_PART, st.sampled_from(["Smith", "Anna", "van", "Jr", ""]), max_size=4),
                max_size=4))
def test_parse_names_is_citeproc_pys_own(names):
    import warnings

    from citeproc.source.json import CiteProcJSON

    def read(source):
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            try:
                found = source.parse_names(names)
            except TypeError as exc:
                return "TypeError", str(exc), []
        return [(type(n), list(n.items())) for n in found], None, [str(w.message) for w in said]

    assert read(source_class()([])) == read(CiteProcJSON([]))
