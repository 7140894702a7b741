"""Typographic apostrophes: ``O'Brien`` and ``Parkinson's`` printed as ``O’Brien``, ``Parkinson’s``.

citeproc-js prints every apostrophe of a value as U+2019 (it parses straight
quotes in its input as marks to make typographic); citeproc-py prints them as
they come. A straight quote inside or at the end of a word becomes ’, one
opening a word ‘ (``'a' study`` → ``‘a’ study``); URLs and identifiers are
left alone.
"""

from __future__ import annotations

import re

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w|\s|$|[.,;:!?)\]])")
_OPENING = re.compile(r"(?<![\w'])'(?=\w)")
VERBATIM = {"URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN", "id"}


def curl(text: str) -> str:
    """``'`` after a letter or digit as ``’``, before a word as ``‘``."""
    if "'" not in text:
        return text
    return _OPENING.sub("\u2018", _APOSTROPHE.sub("\u2019", text))
