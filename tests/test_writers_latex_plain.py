"""templated.latex: a value passed as it is only when escape() would write it unchanged; the
byte-table check of long ASCII text is held to the regex it stands in for."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from citex import latex as tex
from citex.textnorm import ascii_within, one_line
from citex.writers import templated

ASCII = st.text(alphabet=st.sampled_from(string.printable + "\x00\x1f\x7f" + "<$&%#_{}~^\\"), max_size=200)


@settings(max_examples=500, deadline=None)
@given(ASCII, st.integers(min_value=0, max_value=3))
def test_long_ascii_check_is_the_regexs(text, repeat):
    text = text * (1 + repeat * 40)  # short and long (over 64 characters) texts alike
    by_table = ascii_within(text, templated._PLAIN_ASCII)
    assert by_table == (not templated._NOT_PLAIN_ASCII.search(text))


@settings(max_examples=300, deadline=None)
@given(ASCII, st.integers(min_value=0, max_value=3))
def test_latex_is_escape_of_the_one_line_text(text, repeat):
    text = text * (1 + repeat * 40)
    assert templated.latex(text) == tex.escape(one_line(text))
