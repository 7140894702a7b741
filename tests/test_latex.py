"""LaTeX escaping for BibTeX values: specials, ASCII commands, balanced braces, protected capitals."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citex import latex as latex_module
from citex.latex import balanced, escape, escape_title, is_sentence_case, needs_protection, strip_markup


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
        "{Vitamin} {B} and {iPhone} use.")  # sentence case: "Vitamin" is taken for a proper noun


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


# --- Rich text and math --------------------------------------------------------------

@pytest.mark.parametrize("text, out", [
    ("<i>E. coli</i> in <b>water</b>", r"\textit{E. coli} in \textbf{water}"),
    ("CO<sub>2</sub> and 10<sup>3</sup>", r"CO\textsubscript{2} and 10\textsuperscript{3}"),
    ('<span class="nocase">pH</span> scale', "{pH} scale"),
    ('<span style="font-variant:small-caps;">Smith</span>', r"\textsc{Smith}"),
    ("<b><i>both</i></b>", r"\textbf{\textit{both}}"),
    ("<i>R&D</i>", r"\textit{R\&D}"),
    ("<i>unclosed and </b> stray", r"<i>unclosed and </b> stray"),  # not markup: text
    ("<i>a<b>b</i>c</b>", r"<i>a\textbf{b</i>c}"),  # crossed tags: only the balanced pair is markup
    ("<script>x</script>", "<script>x</script>"),  # unknown tags are text
])
def test_rich_text_markup_becomes_commands(text, out):
    assert escape(text) == out


@pytest.mark.parametrize("text, out", [
    (r"the $\alpha_2$ chain", r"the $\alpha_2$ chain"),
    ("$x^2 + y_1$ and 5%", r"$x^2 + y_1$ and 5\%"),
    ("costs $5 and $10", r"costs \$5 and \$10"),   # not math: a space before the second $
    ("$ x $", r"\$ x \$"),                         # not math: spaces inside the dollars
    ("$5$10", r"\$5\$10"),                         # not math: a digit after the closing $
    (r"$\frac{1}{2$ x", r"\${\textbackslash}frac{\textbraceleft}1{\textbraceright}{\textbraceleft}2\$ x"),  # unbalanced
    ("$50%$", r"$50\%$"),                          # % would end the line in LaTeX even in math
    ("$α$", r"${\ensuremath{\alpha}}$"),           # ASCII output converts inside math too
])
def test_math_passes_through_unescaped(text, out):
    assert escape(text) == out


def test_markup_and_math_in_utf8_mode():
    assert escape("<i>Äpfel</i> $α$", ascii=False) == r"\textit{Äpfel} $α$"


def test_strip_markup():
    assert strip_markup('<i>E. coli</i> <span class="nocase">pH</span> <b>x') == "E. coli pH <b>x"


MARKUP = st.lists(st.sampled_from(["<i>", "</i>", "<b>", "</b>", "<sup>", "</sup>", '<span class="nocase">',
                                   "</span>", "$", "{", "}", "\\", "x", " ", "é", "%"]), max_size=20).map("".join)


@given(MARKUP)
def test_any_markup_gives_balanced_braces(text):
    assert balanced(escape(text)) and balanced(escape_title(text, ascii=False))


# --- Title capitalisation ---------------------------------------------------------------
# The rule: acronyms and words with inner capitals are always braced; a capitalised word
# that is not the first word of the title or subtitle is braced only when the title is in
# sentence case (most ordinary words lowercase). In Title Case nobody can tell a proper noun.

@pytest.mark.parametrize("title, sentence", [
    ("Sleep and memory in Berlin", False),          # 1 lowercase vs 1 capitalised: not "most"
    ("Effects of aspirin on mortality in Germany", True),
    ("Prevalence of hypertension among adults in rural Ethiopia: A community-based study", True),
    ("Management of Metastatic Spine and Hip Alveolar Soft Part Sarcoma: Case Report", False),
    ("The Lord of the Rings", False),
    ("Gut microbial metabolites entrain host circadian clocks", True),
    ("DNA RNA", False),
    ("", False),
])
def test_sentence_case_is_told_from_title_case(title, sentence):
    assert is_sentence_case(title) is sentence


@pytest.mark.parametrize("title, out", [
    # sentence case: proper nouns braced, the first word and a subtitle's first word not
    ("Bayesian inference for Parkinson's disease in England: A cohort study",
     "Bayesian inference for {Parkinson's} disease in {England}: A cohort study"),
    ("Effects of aspirin on mortality in Germany and Alzheimer disease",
     "Effects of aspirin on mortality in {Germany} and {Alzheimer} disease"),
    ("Gaussian processes for the analysis of COVID-19 mRNA data",
     "Gaussian processes for the analysis of {COVID-19} {mRNA} data"),
    # Title Case: only acronyms and inner capitals
    ("Bayesian Inference for Parkinson Disease in England",
     "Bayesian Inference for Parkinson Disease in England"),
    ("Safety of the BNT162b2 mRNA Covid-19 Vaccine on the iPhone",
     "Safety of the {BNT162b2} {mRNA} Covid-19 Vaccine on the {iPhone}"),
    # chemical formulas and gene names
    ("Binding of H2O and CO2 by TP53 and BRCA1 in cells", "Binding of {H2O} and {CO2} by {TP53} and {BRCA1} in cells"),
    # text the input protected is kept as is, and not braced again
    ('The <span class="nocase">iPhone</span> and DNA', "The {iPhone} and {DNA}"),
    ('<span class="nocase">A whole protected title</span>', "{A whole protected title}"),
    # markup and math inside a title
    ("Growth of <i>Escherichia coli</i> in water", r"Growth of \textit{{Escherichia} coli} in water"),
    (r"Bounds for $O(n)$ sorting algorithms in Python", r"Bounds for $O(n)$ sorting algorithms in {Python}"),
])
def test_title_protection(title, out):
    assert escape_title(title, ascii=False) == out


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7e)))
def test_title_is_never_wrapped_whole(text):
    out = escape_title(text, ascii=False)
    words = text.split()
    if len(words) > 1:
        assert not (out.startswith("{") and out.endswith("}") and balanced(out[1:-1])) or \
            out.startswith("{\\") or words[0].startswith(("{", "}", "\\"))


def test_marks_without_a_precomposed_letter_become_accent_commands():
    assert escape("x\u0323\u0301") == "{\\'{\\d{x}}}"
    assert escape("a\u2011b") == "a-b"  # \nobreakdash would need amsmath


# The converters as one pass over the text each, as they were written first: the shortcuts
# (a replace per distinct character, per special) must give what these give.
def _reference_specials(text: str) -> str:
    return latex_module._SPECIAL.sub(lambda m: latex_module._SPECIALS[m.group()], text)


def _reference_non_ascii(text: str) -> str:
    text = latex_module._LEFTOVER_MARKS.sub(latex_module._marks_as_commands, unicodedata.normalize("NFC", text))
    return latex_module._NON_ASCII_RUN.sub(latex_module._run_to_latex, text.replace("\u2011", "-"))


SAMPLES = list("&%$#_~^{}\\ aZ\n\u2011é\u0301ß—–µ中ễ\x7f\x85\u200bŁ") + ["e\u0301", "\u0301", "\u0327c"]


@given(st.lists(st.sampled_from(SAMPLES) | st.text(max_size=3), max_size=16).map("".join))
def test_the_shortcuts_convert_as_one_pass_would(text):
    latex_module._non_ascii_to_latex.cache_clear()
    assert latex_module._non_ascii_to_latex(text) == _reference_non_ascii(text)
    assert latex_module._plain(text, False) == _reference_specials(text)
    assert latex_module._plain(text, True) == latex_module._to_ascii(_reference_specials(text))


LONG_SAMPLES = SAMPLES + ["<", "$", "<i>", "</i>", "$x^2$", "  ", " ", "\t", "’", "“", "\ud800", "ab cd "]


@given(st.lists(st.sampled_from(LONG_SAMPLES) | st.text(max_size=3), min_size=1, max_size=24).map("".join),
       st.booleans())
def test_a_long_text_escapes_as_the_general_way_does(text, ascii):
    # padded past LONG_TEXT: escape() reads what such a text holds from its few characters
    # outside plain printable ASCII (_long_escaped); a huge LONG_TEXT turns that off
    text = text + " lorem ipsum" * 30
    with pytest.MonkeyPatch.context() as m:
        m.setattr(latex_module, "LONG_TEXT", 10**9)
        general = escape(text, ascii)
    assert escape(text, ascii) == general


def test_a_clean_long_text_takes_the_short_way():
    abstract = " ".join(["Results – the “drug” worked in 50% of cases (p < 0.05) & São Paulo’s R_0 fell."] * 5)
    assert latex_module._long_escaped(abstract, True) == escape(abstract)
    assert latex_module._long_escaped(abstract, True).isascii() and "\\&" in escape(abstract)
    assert latex_module._long_escaped("A <i>tagged</i> abstract." * 20, True) is None  # markup: the general way
    assert latex_module._long_escaped("An abstract\nin two lines." * 20, True) is None
    assert latex_module._long_escaped("Costs $5 or $10 a dose." * 20, True) is None


# MATH as written plainly: a look-behind first, then the content one character at a time.
_PLAIN_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:[^$\\]|\\.)+?)(?<=\S)\$(?!\d)")


@given(st.text(alphabet="$\\ \n\tax1{}é", max_size=30))
def test_math_finds_what_its_plain_form_finds(text):
    assert [(m.span(), m.group(1)) for m in latex_module.MATH.finditer(text)] == \
        [(m.span(), m.group(1)) for m in _PLAIN_MATH.finditer(text)]


@pytest.mark.parametrize("text", [
    "$x$", "a $x^2$ b", r"\$5 and $10", "$5 and $10", "costs $5 or $ 6$", r"$a\$b$", "$a \\", "$$x$$",
    "$x $", "$ x$", "$x$1", "$x$ and $y$", "\\$x$", "$a\\\nb$",
])
def test_math_examples_as_its_plain_form(text):
    assert [m.span() for m in latex_module.MATH.finditer(text)] == [m.span() for m in _PLAIN_MATH.finditer(text)]
