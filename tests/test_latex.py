"""LaTeX escaping for BibTeX values: specials, ASCII commands, balanced braces, protected capitals."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citex.latex import balanced, escape, escape_title, needs_protection


@pytest.mark.parametrize("text, out", [
    ("R&D", r"R\&D"),
    ("50%", r"50\%"),
    ("$5 #1 a_b", r"\$5 \#1 a\_b"),
    ("{x}", r"{\textbraceleft}x{\textbraceright}"),
    ("~^\\", r"{\textasciitilde}{\textasciicircum}{\textbackslash}"),
    ("plain text, (ok).", "plain text, (ok)."),
    ("", ""),
    (None, ""),
])
def test_specials(text, out):
    assert escape(text) == out == escape(text, ascii=False)


@pytest.mark.parametrize("text, out", [
    ("Gómez", r"G{\'o}mez"),
    ("Müller", r'M{\"u}ller'),
    ("Søren", r"S{\o}ren"),
    ("Straße", r"Stra{\ss}e"),
    ("Łukasz", r"{\L}ukasz"),
    ("Dvořák", r"Dvo{\v{r}}{\'a}k"),
    ("Nguyễn", r"Nguy{\~{\^{e}}}n"),       # no ready-made command: stacked accents
    ("Nguye\u0302\u0303n", r"Nguy{\~{\^{e}}}n"),  # decomposed input too
    ("Ștefan", r"{\c{S}}tefan"),            # comma below: cedilla stand-in
    ("Dương", "Duong"),                     # the horn has no command: dropped
    ("5–10", r"5{\textendash}10"),
])
def test_ascii_commands(text, out):
    assert escape(text) == out


def test_characters_without_ascii_base_are_kept_not_lost():
    assert escape("王伟 & 中") == r"王伟 \& 中"


def test_utf8_mode_keeps_unicode_but_escapes_specials():
    assert escape("Gómez & Nguyễn_1", ascii=False) == r"Gómez \& Nguyễn\_1"


LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x17F) | st.sampled_from("ễệộứừửđĐơưẩẫậắằẳẵặ–—“”‘’")


@given(st.text())
def test_any_text_gives_balanced_braces(text):
    assert balanced(escape(text))
    assert balanced(escape(text, ascii=False))
    assert balanced(escape_title(text))


@given(st.text(LATIN))
def test_latin_text_becomes_ascii(text):
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")
    assert escape(text).isascii()
    assert escape_title(text).isascii()


@pytest.mark.parametrize("word, protect", [
    ("DNA", True), ("mRNA", True), ("COVID-19", True), ("BNT162b2", True), ("iPhone", True),
    ("SARS-CoV-2", True), ("Non-Hodgkin", True), ("3D", True), ("B", True), ("B12", True),
    ("Management", False), ("spine", False), ("A", False), ("19", False), ("Alzheimer's", False),
])
def test_needs_protection(word, protect):
    assert needs_protection(word) is protect


def test_title_braces_words_not_the_whole_title():
    title = "Management of DNA (ASPS) in COVID-19: mRNA vaccine BNT162b2, Vitamin B and iPhone use."
    assert escape_title(title) == (
        "Management of {DNA} ({ASPS}) in {COVID-19}: {mRNA} vaccine {BNT162b2}, "
        "Vitamin {B} and {iPhone} use.")


def test_title_escapes_inside_protected_words():
    assert escape_title("R&D at ÉCOLE_X") == r"{R\&D} at {{\'E}COLE\_X}"
    assert escape_title("Étude de l'ADN", ascii=False) == "Étude de {l'ADN}"


def test_title_collapses_whitespace():
    assert escape_title("  A  title\nover\tlines ") == "A title over lines"


def test_balanced():
    assert balanced("{a{b}c}") and balanced("")
    assert not balanced("}{") and not balanced("{a")


def test_accented_i_uses_the_plain_letter_so_biber_keeps_one_character():
    assert escape("Rodríguez Martïn") == "Rodr{\\'i}guez Mart{\\\"i}n"
    assert escape("Yılmaz") == "Y{\\i}lmaz"  # a real dotless i stays one
