"""A term that opens a footnote's citation is capitalized: "Ibid.", not "ibid.", as citeproc-js prints it.

In a note style, citeproc-js capitalizes a locale term (``ibid``, ``and``...) printed first in a
citation, unless a prefix comes before it that does not end a sentence: after
"See " it stays "ibid.", after "This has been said. " it is "Ibid.". A prefix
of one word ("Cf.") reads as an abbreviation, not a sentence. While ``marking()``
is active, ``install()``'s wrapper of citeproc-py's ``Text.render`` puts ``MARK``
before each term it renders; ``capitalized`` reads and removes the marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from ..csl_markup import MARKS
from . import once

MARK = "\ue010"  # private use, like csl_markup's markers
_OPENERS = "".join(m[0] for m in MARKS.values())
_LEADING = re.compile(f"^([{_OPENERS}]*){MARK}([{_OPENERS}]*)(.)", re.S)
_SENTENCE_END = re.compile(r"\S\s+\S+[.!?]\s*$")
_ON: ContextVar[bool] = ContextVar("citex_marking_terms", default=False)


@contextmanager
def marking() -> Iterator[None]:
    token = _ON.set(True)
    try:
        yield
    finally:
        _ON.reset(token)


def capitalized(cite: str, prefix: str = "", first: bool = True) -> str:
    """``cite`` without marks, its opening term capitalized if it is the first of the citation
    and ``prefix`` (the cite's own) is empty or ends a sentence."""
    if first and (not prefix or _SENTENCE_END.search(prefix)):
        cite = _LEADING.sub(lambda m: m[1] + m[2] + m[3].upper(), cite, count=1)
    return cite.replace(MARK, "")


@once
def install() -> None:
    """Wrap ``citeproc.model.Text.render`` once."""
    from citeproc.model import Text

    original = Text.render

    def render(self: Any, *args: Any, **kwargs: Any) -> Any:
        text = original(self, *args, **kwargs)
        if text and _ON.get() and "term" in self.attrib:
            return MARK + text
        return text

    Text.render = render
