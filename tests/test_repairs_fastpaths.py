"""Each repair's shortcut (a cheap test that the rule cannot apply) agrees with the rule's full work."""

from hypothesis import given, settings
from hypothesis import strategies as st

from citex.repairs import titles

# Text made of the pieces the rules look at, so that faults turn up often.
_TITLE_PIECES = st.sampled_from(["A", "title", " ", "  ", ".", "..", "?", "!", ",", ";", ":", "\n",
                                 "\t", "é", "-", "–", "Shah", "M", "Lancet", "2020", "<i>", "&amp;"])


def _texts(pieces=_TITLE_PIECES, max_size=10):
    return st.lists(pieces | st.text(max_size=2), max_size=max_size).map("".join)


@settings(max_examples=500, deadline=None)
@given(_texts())
def test_a_title_not_ending_in_a_mark_has_no_end_to_clean(title):
    if not title.endswith(titles.END_MARKS):
        assert titles.clean_end(title) == title
