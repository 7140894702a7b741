"""Punctuation inside closing quotes, for locales that ask for it (en-US).

CSL locales set ``punctuation-in-quote="true"`` when a period or comma that
follows a quoted title belongs inside the quotes: “Title.” and “Title,”.
citeproc-py reads the option but never applies it (it prints “Title”.).
citeproc-js also drops a period after a title's own ? or ! (“Why?”) but keeps
a comma (“Why?,”).
"""

from __future__ import annotations

import re
from typing import Any

from ..csl_markup import MARKS

_CLOSERS = "".join(m[1] for m in MARKS.values())


def wants_punctuation_in_quote(style: Any) -> bool:
    return str(style.root.get_locale_option("punctuation-in-quote") or "").lower() == "true"


def close_quote(style: Any) -> str:
    """The locale's closing quote (after the formatter is set: citeproc-py preformats terms)."""
    layout = (style.root.bibliography if style.root.bibliography is not None else style.root.citation).layout
    return str(layout.get_single_term("close-quote") or "")


def punctuation_into_quotes(text: str, quote: str) -> str:
    """``“Title”.`` → ``“Title.”``; ``“Why?”.`` → ``“Why?”``; ``“Why?”,`` → ``“Why?,”``."""
    if not quote:
        return text
    pattern = f"([.?!]?)({re.escape(quote)}[{_CLOSERS}]*)([.,])"

    def move(m: re.Match[str]) -> str:
        end, closing, punct = m.groups()
        if end and punct == ".":  # the title's own end punctuation ends the sentence
            return end + closing
        return end + punct + closing

    return re.sub(pattern, move, text)
