"""Record text to LaTeX for BibTeX and BibLaTeX field values.

Records hold Unicode text that may carry CSL rich-text markup (``<i>``,
``<b>``, ``<sup>``, ``<sub>``, ``<span class="nocase">``, small caps) and
inline math (``$x^2$``). :func:`escape` turns markup into LaTeX commands,
passes math through, escapes LaTeX specials everywhere else and, with
``ascii=True`` (what pdflatex + BibTeX need), writes non-ASCII characters as
LaTeX commands. Every brace in the output is one this module wrote, or one of
a math span whose braces balance: braces are balanced by construction.

Two losses are deliberate: accents LaTeX has no command for (the Vietnamese
horn and hook above: ư -> u) are dropped so the letter still compiles, and a
character with no ASCII base (CJK, ...) is kept as it is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .textnorm import LONG_TEXT, cache_short, is_nfc, not_plain, one_line, other_characters, printable

# LaTeX specials. Braces and backslash become braced commands: BibTeX counts
# every brace, escaped or not, so ``\{`` would unbalance a field value.
_SPECIALS = {
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"{\textbraceleft}", "}": r"{\textbraceright}",
    "~": r"{\textasciitilde}", "^": r"{\textasciicircum}", "\\": r"{\textbackslash}",
}
_SPECIAL = re.compile("[%s]" % re.escape("".join(_SPECIALS)))

# Combining marks with a LaTeX accent command in the OT1/T1 kernel.
_ACCENTS = {
    "\u0300": "`", "\u0301": "'", "\u0302": "^", "\u0303": "~", "\u0304": "=",
    "\u0306": "u", "\u0307": ".", "\u0308": '"', "\u030a": "r", "\u030b": "H",
    "\u030c": "v", "\u0323": "d", "\u0326": "c", "\u0327": "c", "\u0328": "k",
    "\u0331": "b",
}  # U+0326 comma below has no kernel command: a cedilla is the usual stand-in.

# CSL rich text (CSL-JSON specification, "HTML-like formatting"). Only balanced
# tags are markup; anything else is text and is escaped as text.
_TAG = re.compile(r'<(/?)(i|b|sup|sub|sc)>|<span class="nocase">|'
                  r'<span style="font-variant:\s*small-caps;?">|</span>')
_COMMANDS = {"i": r"\textit{%s}", "b": r"\textbf{%s}", "sup": r"\textsuperscript{%s}",
             "sub": r"\textsubscript{%s}", "sc": r"\textsc{%s}", "nocase": "{%s}"}

# Inline math as pandoc reads it: the opening $ has a non-space on its right,
# the closing $ a non-space on its left and no digit after it, so "$5 and $10"
# stays text. Written with the opening $ first (its look-behind after it) so that the regex
# engine skips to each $ in C, and its content as runs taken whole: the same matches as the
# plain form ``(?<![\\$])\$(?=[^\s$])((?:[^$\\]|\\.)+?)(?<=\S)\$(?!\d)`` (a run ends only at an
# unescaped $, so no shorter one could close), which tried every character of an abstract
# holding a "$" (1.2 ms for 17,000 characters; tests/test_latex.py holds the two together).
MATH = re.compile(r"\$(?<![\\$]\$)(?=[^\s$])((?>[^$\\]*+(?:\\.[^$\\]*+)*+))(?<=\S)\$(?!\d)")
_MATH_SPECIAL = re.compile(r"(?<!\\)([%#&])")  # still specials in math mode


def _accented(ch: str) -> str:
    """LaTeX for a character pylatexenc has no command for, built from its decomposition.

    ễ (e + circumflex + tilde) -> ``{\\~{\\^{e}}}``. A mark with no LaTeX command
    (the Vietnamese horn and hook above) is dropped, so the letter still
    compiles; a character with no ASCII base (CJK...) is kept as it is.
    """
    units: list[tuple[str, bool]] = []  # (LaTeX, has an accent)
    for c in unicodedata.normalize("NFKD", ch):
        if not unicodedata.combining(c):
            if not c.isascii():
                return _math_accented(ch) or ch
            units.append((_SPECIALS.get(c, c), False))
        elif units and c in _ACCENTS:  # innermost mark first
            units[-1] = ("\\%s{%s}" % (_ACCENTS[c], units[-1][0]), True)
    if not units:
        return ch
    return "".join("{%s}" % u if accented else u for u, accented in units)


# Polytonic Greek: the marks that have a math accent; breathings and the iota subscript have
# none and are dropped, as the Vietnamese marks are.
_MATH_ACCENTS = {"\u0300": "grave", "\u0301": "acute", "\u0342": "tilde", "\u0303": "tilde",
                 "\u0304": "bar", "\u0306": "breve", "\u0308": "ddot"}
_MATH_LETTER = re.compile(r"\{\\ensuremath\{(\\[A-Za-z]+)\}\}")


def _math_accented(ch: str) -> str | None:
    """ὶ -> ``{\\ensuremath{\\grave{\\iota}}}``, Ὰ -> ``{\\`{A}}``: a Greek letter with its marks as accents."""
    base, *marks = unicodedata.normalize("NFD", ch)
    if base == ch or not all(unicodedata.combining(m) for m in marks):
        return None
    written = encoder().unicode_to_latex(base)
    if re.fullmatch(r"\{[A-Za-z]\}", written):  # capital Alpha is A: text accents
        return _accented(written[1] + "".join(marks))
    letter = _MATH_LETTER.fullmatch(written)
    if not letter:
        return None
    out = letter[1]
    for mark in marks:
        out = "\\%s{%s}" % (_MATH_ACCENTS[mark], out) if mark in _MATH_ACCENTS else out
    return "{\\ensuremath{%s}}" % out


@cache
def encoder():
    from pylatexenc.latexencode import UnicodeToLatexEncoder  # lazy: only for ASCII output

    # "braces-all" gives BibTeX's special-character form {\'e}, which it sorts and case-changes right.
    return UnicodeToLatexEncoder(
        non_ascii_only=True, replacement_latex_protection="braces-all",
        unknown_char_policy=_accented, unknown_char_warning=False,
    )


_DOTLESS = re.compile(r"\{\\([`'^\"~=.uvH])\\([ij])\}")


# A letter with marks that have no precomposed form ("'\u0301") after NFC.
_LEFTOVER_MARKS = re.compile(r"(.)([\u0300-\u036f]+)")


def _marks_as_commands(m: re.Match[str]) -> str:
    base, marks = m.groups()
    if not base.isascii():
        return m.group(0)  # pylatexenc's fallback builds these from the decomposition
    for mark in marks:  # innermost first; a mark with no LaTeX command is dropped
        base = "\\%s{%s}" % (_ACCENTS[mark], base) if mark in _ACCENTS else base
    return "{%s}" % base


def _to_ascii(text: str) -> str:
    return text if text.isascii() else _non_ascii_to_latex(text)


@cache_short(4096)  # names, journals and places repeat; small: a title fills one
def _non_ascii_to_latex(text: str) -> str:
    return _converted(text, _non_ascii(text))


def _converted(text: str, others: str) -> str:
    """``text`` with its characters outside ASCII (``others``, in order) as LaTeX."""
    if not is_nfc(text, others):
        text = unicodedata.normalize("NFC", text)
        others = _non_ascii(text)
    if _MARK.search(others):  # rare; _LEFTOVER_MARKS, which tries every character, only then
        text = _LEFTOVER_MARKS.sub(_marks_as_commands, text)
        others = _non_ascii(text)
    # A non-breaking hyphen becomes "-": pylatexenc writes \nobreakdash, which needs amsmath.
    if "\u2011" in others:
        text, others = text.replace("\u2011", "-"), others.replace("\u2011", "")
    # pylatexenc converts character by character (its rules are keyed by one code point,
    # and "braces-all" braces each replacement), so each character is converted once and
    # remembered, and put in at each of its places, which ``others`` lists.
    converted = {ch: _char_to_latex(ch) for ch in set(others)}
    if not all(latex.isascii() or latex == ch for ch, latex in converted.items()):
        return _NON_ASCII_RUN.sub(_run_to_latex, text)  # a replacement that another would change
    return _replaced_where_listed(text, others, converted)


def _replaced_where_listed(text: str, listed: str, replacements: dict[str, str]) -> str:
    """``text`` with each of its characters that ``replacements`` has replaced so, where ``listed``
    holds every occurrence of those characters in the text, in order (a long text's few, found in
    C): the text is cut at each (a find from the last cut) and the replacements put between. A
    ``str.replace`` for each kind went over the whole text twice (a count, then the copy), slow
    in an abstract that one dash makes two bytes a character."""
    pieces, at, find = [], 0, text.find
    for ch in listed:
        new = replacements.get(ch)
        if new is not None:
            cut = find(ch, at)
            pieces += (text[at:cut], new)
            at = cut + 1
    pieces.append(text[at:])
    return "".join(pieces)


_MARK = re.compile("[\u0300-\u036f]")
_PASSED = bytes(range(0x7F))  # what pylatexenc passes through as it is: ASCII but DEL, in UTF-8


def _non_ascii(text: str) -> str:
    """The characters of ``text`` pylatexenc converts, in order: ``_PASSED`` deleted from its
    UTF-8 in C (no other character's bytes hold one), a fifth of the time of a regex's findall
    over a 4 KB abstract."""
    return other_characters(text, _PASSED)


_NON_ASCII_RUN = re.compile("[^\x00-\x7e]+")


def _run_to_latex(m: re.Match[str]) -> str:
    return "".join(map(_char_to_latex, m.group()))


@lru_cache(maxsize=8192)
def _char_to_latex(ch: str) -> str:
    # pylatexenc writes í as {\'\i}; Biber turns that into a dotless i with a
    # combining accent that pdflatex cannot typeset. {\'i} means the same to BibTeX.
    return _DOTLESS.sub(r"{\\\1\2}", encoder().unicode_to_latex(ch))


def _plain(text: str, ascii: bool) -> str:
    """Text with no markup or math: specials escaped, and non-ASCII converted if ``ascii``."""
    out = _specials_escaped(text)
    return _to_ascii(out) if ascii else out


def _specials_escaped(text: str) -> str:
    """``text`` with its specials escaped."""
    if "\\" in text or "{" in text or "}" in text:  # replacements with braces and backslashes
        return _SPECIAL.sub(lambda m: _SPECIALS[m.group()], text)
    for ch in _SIMPLE_SPECIALS:  # each replaced throughout: a find in C for each, no call per match
        if ch in text:
            text = text.replace(ch, _SPECIALS[ch])
    return text


# The specials whose replacement holds no other special but a backslash and braces.
_SIMPLE_SPECIALS = "&%$#_~^"


def _long_escaped(text: str, ascii: bool) -> str | None:
    """``escape`` of a long text (an abstract) that is one printable line with no markup or
    math, else None. What it holds to escape is read from its characters other than the
    ASCII ones passed as they are (those bytes deleted from its UTF-8, in C; a few in most
    abstracts), not by a scan of the whole text for each kind: a third less time for an
    abstract beyond Latin-1."""
    holds = not_plain(text)  # remembered: the text rules' scan asked for it first
    if "$" in holds or ("<" in holds and _TAG.search(text)):
        return None
    if not holds.isprintable() or one_line(text) is not text:
        return None
    # holds lists every special of the text, in order
    out = _replaced_where_listed(text, holds, _SPECIALS) if _SPECIAL.search(holds) else text
    if not ascii or holds.isascii():
        return out
    return _converted(out, other_characters(holds, _NOT_CONVERTED))


# The ASCII characters not_plain leaves in a printable text, the specials and "<" ("$" is one;
# textnorm's PLAIN_ASCII is printable ASCII but these, as tests/test_writers_latex_plain.py
# holds): not given to _converted, which would replace each by itself, a pass for nothing.
_NOT_CONVERTED = ("".join(_SPECIALS) + "<").encode()


_DEEPEST = 50  # rich-text tags nested deeper than this are text


def parse(text: str) -> list:
    """Text as a tree: ``str`` pieces and ``(tag, children)`` for balanced rich-text tags."""
    root: list = []
    stack: list[tuple[str, str, str, list]] = [("", "", "", root)]  # tag, closing tag, opening text, children
    end = 0
    for m in _TAG.finditer(text):
        stack[-1][3].append(text[end:m.start()])
        end = m.end()
        raw = m.group()
        if not raw.startswith("</") and len(stack) > _DEEPEST:
            stack[-1][3].append(raw)  # nesting no real text has: kept as text, not recursed into
        elif not raw.startswith("</"):
            tag = m.group(2) or ("nocase" if "nocase" in raw else "sc")
            stack.append((tag, "</%s>" % m.group(2) if m.group(2) else "</span>", raw, []))
        elif len(stack) > 1 and raw == stack[-1][1]:
            tag, _, _, children = stack.pop()
            stack[-1][3].append((tag, children))
        else:
            stack[-1][3].append(raw)  # a closing tag nothing opened: text
    stack[-1][3].append(text[end:])
    for _, _, raw, children in stack[1:]:  # tags never closed: their opening text is text
        root.extend([raw, *children])  # in one pass: moving each level up into its parent was quadratic
    return root


def balanced(text: str) -> bool:
    """True if every ``{`` has its ``}`` (how BibTeX counts: backslashes do not escape)."""
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def _math_or_text(text: str, ascii: bool, words=None) -> str:
    """A text piece with its inline math passed through and the rest escaped (by ``words`` if given)."""
    if "$" not in text:  # no math: found by one find, where MATH's look-behind tries every character
        return words(text) if words else _plain(text, ascii)
    out, end = [], 0
    for m in MATH.finditer(text):
        if not balanced(m.group(1)):
            continue  # unbalanced braces never reach the file: escaped as text
        math = _MATH_SPECIAL.sub(r"\\\1", m.group(1))
        out += [words(text[end:m.start()]) if words else _plain(text[end:m.start()], ascii),
                "$%s$" % (_to_ascii(math) if ascii else math)]
        end = m.end()
    out.append(words(text[end:]) if words else _plain(text[end:], ascii))
    return "".join(out)


def _render(nodes: list, ascii: bool, words=None) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(_math_or_text(node, ascii, words))
        else:
            tag, children = node
            # Text the input protected is kept as it is: no protection inside it.
            inner = _render(children, ascii, None if tag == "nocase" else words)
            out.append(_COMMANDS[tag] % inner)
    return "".join(out)


def escape(text: str | None, ascii: bool = True) -> str:
    """``text`` as LaTeX: markup as commands, math kept, specials escaped, ASCII if ``ascii``."""
    if not text:
        return ""
    if len(text) > LONG_TEXT and (done := _long_escaped(text, ascii)) is not None:
        return done
    if not NOT_PLAIN.search(text):  # most values: no markup, math, specials or controls
        return _to_ascii(one_line(text)) if ascii else one_line(text)
    # Controls are never meant as text, and TeX stops on them (printable text has none);
    # one line: BibTeX values are read as one.
    text = one_line(text if printable(text) else _CONTROL.sub("", text))
    if "$" not in text and ("<" not in text or not _TAG.search(text)):
        return _plain(text, ascii)  # specials but no markup or math ("P < 0.05", "50%"): one text piece
    return _render(parse(text), ascii)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What makes a value more than plain text for escape(): a tag, math, a special, a control.
NOT_PLAIN = re.compile(r"[<$%s\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]" % re.escape("".join(_SPECIALS)))


def strip_markup(text: str) -> str:
    """The text of a rich-text string, without its tags."""
    return _text_of(parse(text))


def _text_of(nodes: list) -> str:
    return "".join(n if isinstance(n, str) else _text_of(n[1]) for n in nodes)


# --- Title capitalisation -------------------------------------------------------------
# BibTeX styles that sentence-case titles lowercase every letter outside braces
# except the first; so do biblatex's \MakeSentenceCase styles. Words whose capitals
# must survive are braced one by one, never the whole title, so the rest can still
# be sentence-cased.

# Words that stay lowercase in Title Case too, so they say nothing about a title's style.
MINOR_WORDS = frozenset("""
    a an the and but or nor for so yet as if than that of in on at to by from with into onto
    upon via per vs versus about above across after against along among around before behind
    below beneath beside between beyond down during inside near off out over past since through
    toward towards under until up within without de del della der des di du la le van von
""".split())

# Punctuation around a word stays outside the protecting braces: "({DNA})".
_LEADING, _TRAILING = "([\"'“‘", ")]\"'”’.,;:!?"
_LEADING_SET, _TRAILING_SET = frozenset(_LEADING), frozenset(_TRAILING)


def _edges(token: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation) of a word; by stripping, since a
    regex with a lazy core tried every split of a long run of dots (quadratic)."""
    if token[:1] not in _LEADING_SET and token[-1:] not in _TRAILING_SET:
        return "", token, ""  # most words: nothing to strip
    core = token.lstrip(_LEADING)
    lead = token[:len(token) - len(core)]
    stripped = core.rstrip(_TRAILING)
    return lead, stripped, core[len(stripped):]
_SENTENCE_END = tuple(":.?!")  # the word after one starts a title or subtitle


def needs_protection(word: str) -> bool:
    """True for words whose capitals BibTeX must not lowercase: DNA, mRNA, 3D, iPhone, the B of "vitamin B"."""
    rest = word[1:]
    if rest != rest.lower() if word.isascii() else any(c.isupper() for c in rest):
        return True
    if word[:1].islower():
        return False  # the lone letter, if there is one, is this lowercase one
    letters = [c for c in word if c.isalpha()]
    return len(letters) == 1 and letters[0].isupper() and word != "A"  # "B", "B12", not the article


@lru_cache(maxsize=16384)  # words repeat from title to title; bounded, so memory stays flat
def _word(token: str) -> tuple[str, str, str, bool, bool, int]:
    """What the title rules need of a whitespace-separated token: (leading punctuation, core,
    trailing punctuation, whether a title or subtitle starts after it, whether its capitals
    always need protection, its vote on sentence case: 1 a capitalised ordinary word, -1 a
    lowercase one, 0 a word that says nothing)."""
    lead, core, trail = _edges(token)
    ends = (trail or core).endswith(_SENTENCE_END)
    always = bool(core) and needs_protection(core)
    if always or not core[:1].isalpha() or core.lower() in MINOR_WORDS \
            or not core.isalpha() and any(c.isdigit() for c in core):
        vote = 0
    else:
        vote = core[0].isupper() - core[0].islower()
    return lead, core, trail, ends, always, vote


def is_sentence_case(title: str) -> bool:
    """True when most of the title's ordinary words are lowercase ("Sleep and memory in Berlin").

    Ordinary words: not the first word of the title or of a subtitle, not a minor
    word (of, and, the...), not one with digits or inner capitals. In a Title Case
    title ("Sleep and Memory in Berlin") capitals say nothing; in a sentence-case
    title a capitalised ordinary word is a proper noun.
    """
    votes, start = 0, True
    for token in MATH.sub(" ", title).split():
        _, _, _, ends, _, vote = _word(token)
        if not start:
            votes += vote
        start = ends
    return votes < 0


class _Protector:
    """Escapes title text word by word, bracing the words whose capitals must stay."""

    def __init__(self, ascii: bool, sentence_case: bool):
        self.ascii, self.sentence_case, self.start = ascii, sentence_case, True

    def __call__(self, text: str) -> str:
        out = []
        # Text with no specials that needs no conversion to ASCII is written as it is.
        plain = _same if (text.isascii() or not self.ascii) and not _SPECIAL.search(text) else self._plain
        for token in _SPACE_SPLIT.split(text):
            if not token or token.isspace():
                out.append(token)
                continue
            lead, core, trail, ends, always, _ = _word(token)
            # In sentence case a capitalised word after the first is a proper noun (Parkinson, Bayesian).
            if always or core and self.sentence_case and not self.start and core[:1].isupper():
                out.append(plain(lead) + "{%s}" % plain(core) + plain(trail))
            else:
                out.append(plain(token))
            self.start = ends
        return "".join(out)

    def _plain(self, text: str) -> str:
        return _plain(text, self.ascii)


_SPACE_SPLIT = re.compile(r"(\s+)")


def _protected_words(words: list[str], ascii: bool) -> str:
    """What ``_Protector`` writes for a title of plain words (no markup, math or specials)
    joined by single spaces, with each word's two forms from a cache: words repeat."""
    known = _TITLE_WORDS[ascii]
    forms = []
    votes, start = 0, True  # is_sentence_case() over the same words
    for word in words:
        form = known.get(word)
        if form is None:
            if len(known) >= _TITLE_WORDS_KEPT:
                known.clear()
            form = known[word] = _title_word(word, ascii)
        forms.append(form)
        if not start:
            votes += form[5]
        start = form[2]
    sentence_case, start, out = votes < 0, True, []
    for plain, braced, ends, always, capital, _ in forms:
        out.append(braced if always or sentence_case and not start and capital else plain)
        start = ends
    return " ".join(out)


# Title words -> _title_word's answer, for each output (UTF-8, ASCII): a dict by the word alone
# (its hash kept by the string) where an lru_cache keyed by (word, ascii) built and hashed a tuple
# and moved an entry up its list for each of a title's 15 words. At most this many, then anew.
_TITLE_WORDS: tuple[dict[str, tuple], dict[str, tuple]] = ({}, {})
_TITLE_WORDS_KEPT = 16384


def _title_word(token: str, ascii: bool) -> tuple[str, str, bool, bool, bool, int]:
    """(the word escaped, escaped with its core braced, whether a title or subtitle starts
    after it, whether its capitals always need protection, whether its core starts with a
    capital, its vote on sentence case): what ``_Protector`` decides a word by."""
    lead, core, trail, ends, always, vote = _word(token)
    if (not ascii or token.isascii()) and not _SPECIAL.search(token):  # most words: each part as it is
        plain, braced = token, lead + "{" + core + "}" + trail
    else:
        plain = _plain(token, ascii)
        braced = _plain(lead, ascii) + "{%s}" % _plain(core, ascii) + _plain(trail, ascii)
    return plain, braced, ends, always, bool(core) and core[:1].isupper(), vote


def _same(text: str) -> str:
    return text


def escape_title(text: str | None, ascii: bool = True) -> str:
    """A title as :func:`escape` writes it, with the words whose capitals must stay braced.

    Braced: acronyms and words with inner capitals (DNA, mRNA, BNT162b2, iPhone)
    always; in a sentence-case title also capitalised words after the first
    (Parkinson, Bayesian, Ethiopia). Text the input already protected
    (``<span class="nocase">``) is kept as it is.
    """
    if not text:
        return ""
    text = one_line(text)
    if not NOT_PLAIN.search(text):  # most titles: no markup, math or specials, one text piece
        return _protected_words(text.split(" "), ascii)
    nodes = parse(text)
    return _render(nodes, ascii, _Protector(ascii, is_sentence_case(_text_of(nodes))))
