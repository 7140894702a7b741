"""Typographic apostrophes: ``O'Brien`` and ``Parkinson's`` printed as ``O’Brien``, ``Parkinson’s``.

citeproc-js prints every apostrophe of a value as U+2019 (it parses straight
quotes in its input as marks to make typographic); citeproc-py prints them as
they come. Only apostrophes inside or at the end of a word change here: a
straight quote before a word may open a quotation, and URLs and identifiers
are left alone.
"""

from __future__ import annotations

import re

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w|\s|$|[.,;:!?)\]])")
VERBATIM = {"URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN", "id"}


def curl(text: str) -> str:
    """``'`` after a letter or digit as ``’``."""
    return _APOSTROPHE.sub("\u2019", text) if "'" in text else text
