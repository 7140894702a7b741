"""Plain text to LaTeX for BibTeX field values.

Records hold plain Unicode text, so every brace in the output is one this
module wrote: braces are balanced by construction. With ``ascii=True`` (what
pdflatex + BibTeX need) non-ASCII characters become LaTeX commands. Two
losses are deliberate: accents LaTeX has no command for (the Vietnamese horn
and hook above: ư -> u) are dropped so the letter still compiles, and a
character with no ASCII base (CJK, ...) is kept as it is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

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

# Punctuation around a word stays outside the protecting braces: "({DNA})".
_EDGES = re.compile(r"^([(\[\"'“‘]*)(.*?)([)\]\"'”’.,;:!?]*)$", re.S)


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
                return ch
            units.append((_SPECIALS.get(c, c), False))
        elif units and c in _ACCENTS:  # innermost mark first
            units[-1] = ("\\%s{%s}" % (_ACCENTS[c], units[-1][0]), True)
    if not units:
        return ch
    return "".join("{%s}" % u if accented else u for u, accented in units)


@cache
def _encoder():
    from pylatexenc.latexencode import UnicodeToLatexEncoder  # lazy: only for ASCII output

    # "braces-all" gives BibTeX's special-character form {\'e}, which it sorts and case-changes right.
    return UnicodeToLatexEncoder(
        non_ascii_only=True, replacement_latex_protection="braces-all",
        unknown_char_policy=_accented, unknown_char_warning=False,
    )


def escape(text: str | None, ascii: bool = True) -> str:
    """``text`` with LaTeX specials escaped and, if ``ascii``, non-ASCII as LaTeX commands."""
    if not text:
        return ""
    out = _SPECIAL.sub(lambda m: _SPECIALS[m.group()], text)
    if ascii and not out.isascii():
        out = _encoder().unicode_to_latex(unicodedata.normalize("NFC", out))
        # pylatexenc writes í as {\'\i}; Biber turns that into a dotless i with a
        # combining accent that pdflatex cannot typeset. {\'i} means the same to BibTeX.
        out = _DOTLESS.sub(r"{\\\1\2}", out)
    return out


_DOTLESS = re.compile(r"\{\\([`'^\"~=.uvH])\\([ij])\}")


def needs_protection(word: str) -> bool:
    """True for words whose capitals BibTeX must not lowercase: DNA, mRNA, 3D, iPhone, the B of "vitamin B"."""
    if any(c.isupper() for c in word[1:]):
        return True
    letters = [c for c in word if c.isalpha()]
    return len(letters) == 1 and letters[0].isupper() and word != "A"  # "B", "B12", not the article


def escape_title(text: str | None, ascii: bool = True) -> str:
    """A title for BibTeX: escaped, with each word that has inner capitals wrapped in braces.

    Only those words are braced (not the whole title), so styles can still
    sentence-case the rest.
    """
    if not text:
        return ""
    out = []
    for token in text.split():
        lead, core, trail = _EDGES.match(token).groups()
        if core and needs_protection(core):
            out.append(escape(lead, ascii) + "{" + escape(core, ascii) + "}" + escape(trail, ascii))
        else:
            out.append(escape(token, ascii))
    return " ".join(out)


def balanced(text: str) -> bool:
    """True if every ``{`` has its ``}`` (how BibTeX counts: backslashes do not escape)."""
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0
