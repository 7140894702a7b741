"""Quotation marks inside values printed as the locale's, nested as citeproc-js nests them.

citeproc-js reads a pair of straight quotes in a value (``"distance"``,
``'quote'``) or of typographic double quotes (``“Amazing”``) as quotation
marks, and prints them in the locale's quotes: outer ones (“ ”, « ») at the
top, inner ones (‘ ’) inside quotes, whether those come from the value or from
the style's ``quotes="true"``: “My ‘Amazing’ Title”. A straight quote that
closes no pair is an apostrophe (``Parkinson's``, ``'09``: ’). citeproc-py
prints all of them as they are, and nests “ ” inside “ ”.

``mark`` turns a value's quote pairs into the markers ``OPEN``/``CLOSE`` (and its
other straight quotes into ’); ``install()`` makes citeproc-py's ``quotes="true"``
write the same markers; ``resolve`` turns the markers of a rendered entry or
cite into the locale's quotes by depth.
"""

from __future__ import annotations

from typing import Any

from . import once

OPEN, CLOSE = "\ue011", "\ue012"  # private use, like csl_markup's markers
APOSTROPHE = "\u2019"
_STARTS = " \t([{/\u2013\u2014-" + OPEN  # what may come before an opening quote


def mark(text: str) -> str:
    """``text`` with its pairs of quotes as ``OPEN``/``CLOSE`` and its other straight quotes as ’."""
    if not any(ch in text for ch in "\"'\u201c\u201d"):
        return text
    out: list[str] = []
    opened: list[tuple[str, int]] = []  # (the kind of quote that opened, its place in out)
    for n, ch in enumerate(text):
        before = text[n - 1] if n else " "
        after = text[n + 1] if n + 1 < len(text) else " "
        kind = "'" if ch == "'" else '"' if ch in "\"\u201c\u201d" else ""
        may_open = (n == 0 or before in _STARTS) and not after.isspace() and ch != "\u201d"
        may_close = not before.isspace() and not after.isalnum() and ch != "\u201c"
        if not kind or (kind == "'" and before.isalnum() and after.isalnum()):
            out.append(APOSTROPHE if kind else ch)  # a letter, or the apostrophe of "Parkinson's"
        elif may_close and opened and opened[-1][0] == kind:
            out[opened.pop()[1]] = OPEN
            out.append(CLOSE)
        elif may_open:
            opened.append((kind, len(out)))
            out.append(APOSTROPHE if kind == "'" else ch)  # stays so if nothing closes it ('09)
        else:
            out.append(APOSTROPHE if kind == "'" else ch)
    return "".join(out)


def resolve(text: str, outer: tuple[str, str], inner: tuple[str, str]) -> str:
    """``text`` with its markers as ``outer`` quotes at even depths, ``inner`` at odd ones."""
    if OPEN not in text and CLOSE not in text:
        return text
    out, depth = [], 0
    for ch in text:
        if ch == OPEN:
            out.append((outer, inner)[depth % 2][0])
            depth += 1
        elif ch == CLOSE:
            depth = max(depth - 1, 0)
            out.append((outer, inner)[depth % 2][1])
        else:
            out.append(ch)
    return "".join(out)


def locale_quotes(element: Any) -> tuple[tuple[str, str], tuple[str, str]]:
    """(outer, inner) quotes of the locale of a style element (a layout)."""
    def term(name: str, default: str) -> str:
        return str(element.get_single_term(name) or default)

    return ((term("open-quote", "\u201c"), term("close-quote", "\u201d")),
            (term("open-inner-quote", "\u2018"), term("close-inner-quote", "\u2019")))


@once
def install() -> None:
    """Wrap ``citeproc.model.Quoted.quote`` once: ``quotes="true"`` writes the markers."""
    from citeproc.model import Quoted

    def quote(self: Any, string: Any) -> Any:
        if self.get("quotes", "false").lower() == "true":
            return OPEN + string + CLOSE
        return string

    Quoted.quote = quote
