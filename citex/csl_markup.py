"""A citeproc-py output formatter that defers markup, and the Markdown, HTML and plain text made from it.

citeproc-py sends only locale terms through a formatter's ``preformat``:
variable values, affixes and delimiters reach the output untouched, so its own
HTML formatter leaves a title's ``<`` or ``&`` unescaped, and a Markdown
formatter could not escape a title's ``*``. This module (passed to citeproc as
the formatter) escapes nothing and wraps styled text in private-use marker
characters instead; ``to_markdown`` and ``to_html`` then escape the whole
entry once and turn the markers into markup, and ``to_text`` drops them.
"""

from __future__ import annotations

import html
import re
from typing import Any


MARKS = {  # font style -> (open marker, close marker, Markdown pair, HTML pair)
    "italic": ("\ue000", "\ue001", ("*", "*"), ("<i>", "</i>")),
    "bold": ("\ue002", "\ue003", ("**", "**"), ("<b>", "</b>")),
    "superscript": ("\ue004", "\ue005", ("<sup>", "</sup>"), ("<sup>", "</sup>")),
    "subscript": ("\ue006", "\ue007", ("<sub>", "</sub>"), ("<sub>", "</sub>")),
    "small-caps": ("\ue008", "\ue009", ("", ""),
                   ('<span style="font-variant:small-caps;">', "</span>")),
    "underline": ("\ue00a", "\ue00b", ("", ""),
                  ('<span style="text-decoration:underline;">', "</span>")),
}
_OPENERS = "".join(m[0] for m in MARKS.values())
_CLOSERS = "".join(m[1] for m in MARKS.values())
_MARKERS = re.compile(f"[{_OPENERS}{_CLOSERS}]")


def _wrapper(style: str):
    opener, closer = MARKS[style][:2]

    def wrap(text: object) -> Any:
        # a function, not a String subclass: String.upper() would re-wrap through __class__
        from citeproc.string import String  # here: writing BibTeX or RIS never loads citeproc

        return String(f"{opener}{text}{closer}")

    return wrap


# The formatter interface citeproc-py calls (see citeproc/formatter/plain.py).
def preformat(text: object) -> str:
    return str(text)


Italic = Oblique = _wrapper("italic")
Bold = _wrapper("bold")
Light = str  # no markup for a light weight
Underline = _wrapper("underline")
Superscript = _wrapper("superscript")
Subscript = _wrapper("subscript")
SmallCaps = _wrapper("small-caps")

# CSL-JSON rich text (``Effects of <i>E. coli</i>``), which citeproc-py would print as is.
_RICH = re.compile(r"<(i|b|sup|sub)>(.*?)</\1>", re.S)
_RICH_STYLE = {"i": "italic", "b": "bold", "sup": "superscript", "sub": "subscript"}


def from_rich_text(value: str) -> str:
    """A CSL-JSON string with its balanced ``<i> <b> <sup> <sub>`` tags turned into markers."""
    for _ in range(50):  # again for nested tags: <b><i>x</i></b>; no real text nests deeper
        marked = _RICH.sub(_mark, value)
        if marked == value:
            break
        value = marked
    return value


def _mark(m: re.Match[str]) -> str:
    opener, closer = MARKS[_RICH_STYLE[m[1]]][:2]
    return f"{opener}{m[2]}{closer}"


# "Literature." + suffix "." rendered as "*Literature.*." (the markup hides the seam
# from citeproc-py), and "Why?" + "." as "Why?." where citeproc-js writes "Why?".
_DOUBLED = re.compile(f"(?<!\\.)([.?!])([{_CLOSERS}]*)\\.(?![.\\w])")


def tidy(text: str) -> str:
    """Spaces outside the markup, runs of plain spaces as one, and no doubled end punctuation.

    Only plain spaces are merged: a style's non-breaking space (French ``« Titre »``)
    and its line-break delimiter (``&#x0A;``) are kept, as are spaces at the edges,
    as citeproc-js keeps them. Whitespace inside the data is made plain by ``plain_spaces``.
    """
    text = re.sub(f"[{_OPENERS}][{_CLOSERS}]", "", text)  # empty markup
    text = re.sub(f"([{_OPENERS}])( +)", r"\2\1", text)
    text = re.sub(f"( +)([{_CLOSERS}])", r"\2\1", text)
    text = re.sub(r" {2,}", " ", text)
    return _DOUBLED.sub(r"\1\2", text)


def plain_spaces(value: str) -> str:
    """A data value with its runs of whitespace, line breaks included, as one space (non-breaking ones kept)."""
    return re.sub(r"[^\S\u00a0]+", " ", value)


def to_text(text: str) -> str:
    return _MARKERS.sub("", text)


def to_html(text: str) -> str:
    from .cslfix import superscripts

    text = superscripts.to_html(html.escape(text, quote=False))
    for opener, closer, _, tags in MARKS.values():
        text = text.replace(opener, tags[0]).replace(closer, tags[1])
    return text


# URLs stay verbatim so that they still work as links; "_" inside a word cannot
# start emphasis (CommonMark), so only the other "_" are escaped.
_URL = re.compile(f"https?://[^\\s{_OPENERS}{_CLOSERS}]+")
_MD_SPECIAL = re.compile(r"[\\`*\[\]<>~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^([#+=-])")


def _escape_markdown(text: str) -> str:
    return _MD_SPECIAL.sub(lambda m: "\\" + m[0], text)


def to_markdown(text: str) -> str:
    parts, end = [], 0
    for url in _URL.finditer(text):
        parts += [_escape_markdown(text[end:url.start()]), url[0]]
        end = url.end()
    text = _MD_LINE_START.sub(r"\\\1", "".join(parts) + _escape_markdown(text[end:]))
    for opener, closer, marks, _ in MARKS.values():
        text = text.replace(opener, marks[0]).replace(closer, marks[1])
    return text
