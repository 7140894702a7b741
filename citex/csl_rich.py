"""RTF and LaTeX from the deferred markup of ``citex.csl_markup``, beside its text, HTML and Markdown.

RTF is what word processors paste with italics and bold intact: 7-bit text with
``\\uN ?`` escapes for everything else (the space ends the control word; the ``?`` is
the fallback old readers show, and a space-less ``\\uN?`` makes pandoc drop a letter).
LaTeX keeps UTF-8 (read natively since LaTeX 2018) and escapes the ten
characters LaTeX treats as commands, and ``<``, ``>``, ``|``, which the default
OT1 font encoding prints as other glyphs.
"""

from __future__ import annotations

from collections.abc import Callable

from . import csl_markup as markup
from .errors import UnknownName

_RTF_GROUPS = {  # font style -> RTF control word opening its group
    "italic": r"\i", "bold": r"\b", "superscript": r"\super", "subscript": r"\sub",
    "small-caps": r"\scaps", "underline": r"\ul",
}
_LATEX_COMMANDS = {
    "italic": r"\textit", "bold": r"\textbf", "superscript": r"\textsuperscript",
    "subscript": r"\textsubscript", "small-caps": r"\textsc", "underline": r"\underline",
}
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$", "%": r"\%",
    "&": r"\&", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}


def _translate(opening: dict[str, str], closing: dict[str, str]) -> dict[int, str]:
    table = {}
    for style, (opener, closer, *_) in markup.MARKS.items():
        table[ord(opener)], table[ord(closer)] = opening[style], closing[style]
    return table


_RTF = _translate({s: "{" + word + " " for s, word in _RTF_GROUPS.items()},
                  dict.fromkeys(_RTF_GROUPS, "}"))
_LATEX = _translate({s: command + "{" for s, command in _LATEX_COMMANDS.items()},
                    dict.fromkeys(_LATEX_COMMANDS, "}"))
_LATEX.update({ord(c): escaped for c, escaped in _LATEX_SPECIALS.items()})


def to_rtf(text: str) -> str:
    """RTF body text: markup as groups, specials escaped, non-ASCII as ``\\uN ?``."""
    out = []
    for char in text:
        code = ord(char)
        if code in _RTF:
            out.append(_RTF[code])
        elif char in "\\{}":
            out.append("\\" + char)
        elif code < 128:
            out.append(char)
        else:
            out.extend(_rtf_unicode(char))
    return "".join(out)


def _rtf_unicode(char: str) -> list[str]:
    """``\\uN ?`` with N a signed 16-bit number; characters beyond the BMP as a surrogate pair."""
    data = char.encode("utf-16-le")
    units = [int.from_bytes(data[i:i + 2], "little") for i in range(0, len(data), 2)]
    return [f"\\u{u - 65536 if u > 32767 else u} ?" for u in units]  # the space ends the word


def rtf_document(paragraphs: list[str]) -> str:
    """An RTF document of paragraphs already in RTF (``to_rtf``), in Times New Roman, 12 pt."""
    body = "".join(f"\\pard\\sa240 {p}\\par\n" for p in paragraphs)
    return "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1{\\fonttbl{\\f0\\froman Times New Roman;}}\n" \
           f"\\f0\\fs24\n{body}}}\n"


def to_latex(text: str) -> str:
    """LaTeX text: markup as ``\\textit{}`` and kin, specials escaped, UTF-8 kept."""
    return text.translate(_LATEX)


def converter(to: str) -> Callable[[str], str]:
    """The function turning marked-up text into output ``to`` (text, html, markdown, rtf, latex)."""
    converters = {"text": markup.to_text, "html": markup.to_html, "markdown": markup.to_markdown,
                  "rtf": to_rtf, "latex": to_latex}
    if to not in converters:
        raise UnknownName("output", to, list(converters))
    return converters[to]
