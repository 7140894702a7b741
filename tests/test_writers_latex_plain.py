"""templated.latex: a value passed as it is only when escape() would write it unchanged; the
byte-table check of long ASCII text is held to the regex it stands in for."""

import re
import string
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from citex import latex as tex
from citex.textnorm import PLAIN_ASCII, not_plain, one_line
from citex.writers import templated

ASCII = st.text(alphabet=st.sampled_from(string.printable + "\x00\x1f\x7f" + "<$&%#_{}~^\\"), max_size=200)


@settings(max_examples=500, deadline=None)
@given(ASCII, st.integers(min_value=0, max_value=3))
def test_long_ascii_check_is_the_regexs(text, repeat):
    text = text * (1 + repeat * 40)  # short and long (over 64 and 256 characters) texts alike
    assert (not_plain(text) == "") == (not templated._NOT_PLAIN_ASCII.search(text))
    assert not_plain(text) == "".join(ch for ch in text if templated._NOT_PLAIN_ASCII.search(ch))
    assert not_plain(text) is not_plain(text) or len(text) <= 256  # a long text's answer, remembered


def test_plain_ascii_is_what_the_writer_and_escape_pass_as_they_are():
    """textnorm's PLAIN_ASCII, shared by the text rules' scan and the LaTeX writer, is the ASCII
    the writer's pattern does not match, and printable ASCII but escape's specials, '<' and '$'."""
    assert PLAIN_ASCII == bytes(b for b in range(128) if not templated._NOT_PLAIN_ASCII.match(chr(b)))
    assert PLAIN_ASCII == bytes(b for b in range(0x20, 0x7F) if chr(b) not in tex._SPECIALS and chr(b) not in "<$")


@settings(max_examples=300, deadline=None)
@given(ASCII, st.integers(min_value=0, max_value=3))
def test_latex_is_escape_of_the_one_line_text(text, repeat):
    text = text * (1 + repeat * 40)
    assert templated.latex(text) == tex.escape(one_line(text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a \x7e\x7f\x00é–\u0301\u2011") + ["\U0001d400", "\ud800"])
               | st.characters(), max_size=20))
def test_the_characters_to_convert_are_those_a_regex_finds(text):
    from citex.latex import _non_ascii
    assert _non_ascii(text) == "".join(re.findall("[^\x00-\x7e]", text))


def _to_latex_as_first_written(text):
    """_non_ascii_to_latex before _non_ascii: the characters found by a regex over the text."""
    from citex.latex import (_LEFTOVER_MARKS, _MARK, _NON_ASCII_RUN, _char_to_latex,
                             _marks_as_commands, _run_to_latex)
    text = unicodedata.normalize("NFC", text)
    if _MARK.search(text):
        text = _LEFTOVER_MARKS.sub(_marks_as_commands, text)
    text = text.replace("\u2011", "-")
    converted = [(ch, _char_to_latex(ch)) for ch in set(re.findall("[^\x00-\x7e]", text))]
    if not all(latex.isascii() or latex == ch for ch, latex in converted):
        return _NON_ASCII_RUN.sub(_run_to_latex, text)
    for ch, latex in converted:
        text = text.replace(ch, latex)
    return text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a q\x7fé–“”μ©\u0301\u0307\u2011\u00a0ß")), max_size=30))
def test_non_ascii_text_is_converted_as_before(text):
    from citex.latex import _non_ascii_to_latex
    assert _non_ascii_to_latex.__wrapped__(text) == _to_latex_as_first_written(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Results ", "– ", "“drug” ", "50% ", "&", "São ", "µ", "©", "ß", "é", "\u0301",
                                 "\u2011", "\u00a0", "x", "{", "_", "~"]), min_size=1, max_size=40).map("".join))
def test_a_long_texts_characters_are_converted_as_before(text):
    """_long_escaped cuts the text at each character its few others list, where each kind was
    replaced throughout: the same text, on abstracts past LONG_TEXT with their kinds many times over."""
    text = (text + " lorem ipsum") * 12
    done = tex._long_escaped(text, True)
    if done is not None:  # (not printable: the general way)
        assert done == _to_latex_as_first_written(tex._specials_escaped(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("aZ(\")].,:é&%$#_{}~^\\-1“’") + ["DNA", "mRNA"]), min_size=1,
                max_size=8).map("".join), st.booleans())
def test_a_title_word_is_escaped_part_by_part(token, ascii):
    # _title_word writes a word with no specials (and, for ASCII output, no non-ASCII) as it is:
    # what escaping each part would give
    lead, core, trail, *_ = tex._word(token)
    plain, braced, *_ = tex._title_word(token, ascii)
    assert plain == tex._plain(token, ascii)
    assert braced == tex._plain(lead, ascii) + "{%s}" % tex._plain(core, ascii) + tex._plain(trail, ascii)


def test_title_words_are_remembered_by_output_and_at_most_so_many(monkeypatch):
    """_protected_words keeps each word's forms by the word, apart for ASCII and UTF-8 output (the
    same word differs: 'Müller'), and starts again when full: memory stays flat."""
    monkeypatch.setattr(tex, "_TITLE_WORDS", ({}, {}))
    monkeypatch.setattr(tex, "_TITLE_WORDS_KEPT", 50)
    assert tex._protected_words(["Müller", "and", "DNA"], True) == "M{\\\"u}ller and {DNA}"
    assert tex._protected_words(["Müller", "and", "DNA"], False) == "Müller and {DNA}"
    for i in range(120):
        words = [f"word{i}", "Müller", "and"]
        assert tex._protected_words(words, True) == " ".join(tex._title_word(w, True)[0] for w in words)
        assert all(len(known) <= 50 for known in tex._TITLE_WORDS)
