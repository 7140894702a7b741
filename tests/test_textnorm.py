"""textnorm.fold's shortcut past ftfy: text with none of the characters that every match of ftfy's
badness regex needs is never bad, so fold need not ask ftfy about it."""

import re
import subprocess
import sys
import unicodedata

import ftfy
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from citex.textnorm import (PRINTABLE_ASCII, _bad_characters, fold, is_nfc, one_line, other_characters, printable,
                            unaccented_key)

# Every character ftfy's categories and regex name, with some plain ones around them.
_NAMED = sorted({c for c in BADNESS_RE.pattern if not c.isascii()}
                | {c for chars in MOJIBAKE_CATEGORIES.values() for c in chars if not c.isascii()})
_PLAIN = list("aZé .,?!-0\n")


def test_no_pair_of_characters_the_shortcut_passes_is_bad():
    passed = [c for c in _NAMED + _PLAIN if not _bad_characters().search(c)]
    assert len(passed) > 100  # most accented letters, Greek and Cyrillic are let through
    for a in passed:
        for b in passed:
            assert not is_bad(f" a{a}{b}a "), (a, b)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_NAMED + _PLAIN), min_size=1, max_size=8).map("".join))
def test_text_the_shortcut_passes_is_not_bad(text):
    if not _bad_characters().search(text):
        assert not is_bad(text)


def _fold_by_ftfy(text: str) -> str:
    """fold as it was before the shortcut: ftfy is asked about every non-ASCII text."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", ftfy.fix_encoding(text))
                       if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text.casefold() if not text.isascii() else text.lower())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAMED + _PLAIN) | st.text(max_size=2), max_size=12).map("".join))
def test_fold_is_what_ftfy_on_every_text_gives(text):
    assert fold.__wrapped__(text) == _fold_by_ftfy(text)


def _unaccented_one_by_one(text: str) -> str:
    """fold's steps after ftfy as first written: each combining mark dropped, then case folded."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", text.casefold())


def test_is_bad_is_ftfys_own_loaded_without_ftfys_package():
    """textnorm.is_bad runs ftfy's badness module, loaded alone (ftfy's package costs a process
    35 ms more): the same answers, the same regex, and ftfy itself not loaded."""
    code = ("import sys; from citex.textnorm import _badness, is_bad\n"
            "print(is_bad('MÃ¼ller'), is_bad('Müller'), is_bad('é«C'), 'ftfy' in sys.modules, _badness().__name__)\n"
            "import ftfy.badness; print(_badness().BADNESS_RE.pattern == ftfy.badness.BADNESS_RE.pattern)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == [str(is_bad("MÃ¼ller")), str(is_bad("Müller")), str(is_bad("é«C")), "False",
                   "citex._ftfy_badness", "True"]


def testunaccented_key_drops_marks_as_one_by_one_for_every_character():
    # NFKD, case folding and the filter each map one character at a time (NFKD's reordering only
    # moves marks, which are dropped): so the two agree on all text if they agree on each character
    differ = [hex(i) for i in range(0x110000) if unaccented_key(chr(i)) != _unaccented_one_by_one(chr(i))]
    assert differ == []
    assert unaccented_key("\u1fb3\u0345x") == _unaccented_one_by_one("\u1fb3\u0345x") == "αx"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def testunaccented_key_is_one_by_one_on_any_text(text):
    assert unaccented_key(text) == _unaccented_one_by_one(text)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(max_codepoint=127)))
def test_unaccented_key_of_ascii_in_bytes_is_the_general_way(text):
    assert unaccented_key(text) == _unaccented_one_by_one(text)


def test_the_shortcut_lets_common_accents_through_and_stops_mojibake():
    assert not _bad_characters().search("Une revue de la médecine de Zürich, São Paulo, Kraków")
    assert _bad_characters().search("MÃ¼ller")
    assert fold("MÃ¼ller") == fold("Müller") == "muller"


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "  ", "\t", "\n", "\xa0", "\u2028", "\x1c", "\u00ad", "a", "é"])
                | st.text(max_size=4), max_size=10).map("".join))
def test_one_line_is_split_and_join(value):
    assert one_line(value) == " ".join(value.split())


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["word", " ", "  ", "   ", "\n", "\t", "\r", "\xa0", "\u2028", "\x1c", "\u3000",
                                 "\x00", "é", "\u2019"]) | st.text(max_size=3), max_size=80).map("".join))
def test_a_long_text_has_its_spaces_folded_as_split_and_join_does(value):
    """The long-text fold by replaces: any whitespace, the common kinds (line breaks, tabs,
    no-break spaces) by replace, the others by the general way."""
    from citex.textnorm import _spaces_folded

    assert _spaces_folded(value) == " ".join(value.split())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_fold_of_ascii_text_is_the_regex_over_its_lower_case(text):
    # fold's byte-table shortcut for ASCII against the regex it stands in for
    assert fold.__wrapped__(text) == re.sub(r"[\W_]+", "", text.lower())
    letters = "abcdefghijklmnopqrstuvwxyz"
    assert fold.__wrapped__("".join(map(chr, range(128)))) == "0123456789" + letters + letters


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), min_size=60, max_size=200)
       | st.text(min_size=60, max_size=120))
def test_printable_is_isprintable(text):
    assert printable(text) == text.isprintable()
    assert printable(text + "\x7f") is False and printable("x" * 70 + "\t") is False


def test_printable_long_text_is_isprintable_for_every_character():
    """Long text outside ASCII is judged by its characters outside printable ASCII: each
    character, a lone surrogate too, where printable text is long enough for that path."""
    for cp in range(0x110000):
        value = "é" + "x" * 70 + chr(cp)
        assert printable(value) == value.isprintable(), hex(cp)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["word", " ", "  ", "\n", "\t", "é", "\u2019", "x" * 40]), min_size=60,
                max_size=120).map("".join))
def test_one_line_of_long_text_asked_again_is_the_same(value):
    # long values are remembered by the object: the first answer, the second, and the answer
    # asked about itself are all split-and-join
    expected = " ".join(value.split())
    first = one_line(value)
    assert first == expected and one_line(value) == expected and one_line(first) == expected
    assert one_line(value + " x") == " ".join((value + " x").split())  # another text, its own answer


def test_cache_short_keeps_short_texts_only():
    from citex.textnorm import CACHED_MAX, cache_short

    calls = []

    @cache_short(16)
    def upper(text, suffix=""):
        calls.append(text)
        return text.upper() + suffix

    short, long = "a name", "an abstract " * (CACHED_MAX // 12 + 1)
    assert upper(short) == upper(short) == "A NAME" and calls == [short]  # remembered
    assert upper(long, "!") == upper(long, "!") == long.upper() + "!"
    assert calls == [short, long, long]  # asked each time: never kept
    assert upper.cache_info().currsize == 1
    upper.cache_clear()
    assert upper.cache_info().currsize == 0 and upper.__wrapped__("x") == "X"


def test_no_character_of_combining_class_0_composes_with_ascii_before_it():
    """What is_nfc's shortcut rests on, read from Unicode's canonical decompositions."""
    for cp in range(0x110000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<") and int(parts[0], 16) < 0x80:
            assert unicodedata.combining(chr(int(parts[1], 16))) > 0, hex(cp)


NFC_PIECES = ["a", " ", "\u0301", "e\u0301", "\u1100", "\u1161", "\u11a8", "\uac00", "\u0cbf", "\u0cd5", "\u212b",
              "\u2126", "\u0344", "\u0323", "\u0307", "d", "é", "\ud800", "\x7f", "\t"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NFC_PIECES) | st.text(max_size=2), max_size=10).map("".join))
def test_nfc_is_found_as_unicodedata_finds_it(value):
    """From the characters outside printable ASCII (as the text rules pass them) and from those
    outside ASCII but DEL (as the LaTeX conversion does)."""
    expected = unicodedata.is_normalized("NFC", value)
    assert is_nfc(value, other_characters(value, PRINTABLE_ASCII)) == expected
    assert is_nfc(value, value.encode("utf-8", "surrogatepass").translate(None, bytes(range(0x7f)))
                  .decode("utf-8", "surrogatepass")) == expected
