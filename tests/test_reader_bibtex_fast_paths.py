"""The BibTeX reader's fast paths give what their plain versions give."""

from itertools import product

from hypothesis import given
from hypothesis import strategies as st

from citex.latex import balanced
from citex.readers.bibtex_names import _mask, _mask_by_depth
from citex.readers.latex_decode import _decode, decode, needs_parser


def test_brace_mask_by_regex_is_the_mask_by_depth():
    texts = ["".join(p) for n in range(9) for p in product("a{}", repeat=n)]
    texts += ["{{{{{{deep}}}}}} x", "Brown, Bj{\\\"o}rn and {\\c{C}}elik", "{A} and B}", "{open"]
    for text in texts:
        assert _mask(text) == (text if "{" not in text else _mask_by_depth(text)), text
    assert _mask("Bj{\\\"o}rn and {{Corp} Inc}") == "Bj{xxx}rn and {xxxxxxxxxx}"


_LATEXISH = st.text(st.sampled_from("a- '`\\{}$~\t\n\u00a0\u2013x1.,"), max_size=24)


@given(_LATEXISH, st.booleans(), st.booleans())
def test_decode_without_the_parser_is_the_parser(value, title, markup):
    """Values the parser need not read (dash runs replaced, spaces folded) decode as it does."""
    assert decode(value, title, markup) == _decode.__wrapped__(value, title, markup)


def test_needs_parser_sees_every_character_the_parser_reads():
    for value in ["a\\b", "{x}", "}", "$x$", "a~b", "`q'", "''q''", "a\\''u"]:
        assert needs_parser(value), value
    for value in ["", "pp. 12--14", "a---b", "it's", "x - y", "100%"]:
        assert not needs_parser(value), value
    assert decode("12--14 --- 5-6 ----").text == "12\u201314 \u2014 5-6 \u2014-"


@given(st.text(st.sampled_from("ab:/._%~#&{} \\"), max_size=20))
def test_verbatim_without_backslash_skips_nothing(value):
    from citex.readers.latex_decode import _VERBATIM_ESCAPES, _unescape, verbatim

    general = _VERBATIM_ESCAPES.sub(_unescape, value.strip())
    while general.startswith("{") and general.endswith("}") and balanced(general[1:-1]):
        general = general[1:-1].strip()
    assert verbatim(value) == general


def test_plain_of_letters_and_digits_is_the_text_itself():
    """plain() returns an alphanumeric value as it is: decode() would give the same."""
    from citex.readers.latex_decode import plain

    alnum = [chr(c) for c in range(0x110000) if chr(c).isalnum()]
    for ch in alnum:
        assert decode(ch, markup=False).text == ch, hex(ord(ch))
    assert plain("1992") == "1992" and plain("August") == "August"
    assert "".join(alnum[:500]).isalnum()


def test_no_year_status_is_a_number():
    from citex.fieldmaps.bibtex import STATUS_YEARS
    from citex.readers.bibtex_dates import status_of_year

    assert not any(" ".join(k.lower().split()).isdecimal() for k in STATUS_YEARS)
    assert status_of_year("1992") is None and status_of_year("In  Press") == "in press"


@given(st.lists(st.sampled_from(["a", "n", "d", "A", "N", "D", " ", "\t", "\n", "\u00a0", "x", "{", "and"]),
                max_size=20).map("".join))
def test_and_pattern_splits_as_the_plain_one(text):
    import re

    from citex.readers.bibtex_names import _AND

    plain = re.compile(r"\s+and\s+", re.I)
    assert [m.span() for m in _AND.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert _AND.split(text) == plain.split(text)
