"""``second-field-align``: an entry's first field (its number) apart from the rest, as citeproc-js sets it.

In a style with ``second-field-align`` (IEEE, Vancouver), citeproc-js writes the
first field of each entry — the number with its affixes, ``[1]`` or ``1.`` —
apart: as ``<div class="csl-left-margin">`` then ``<div class="csl-right-inline">``
in HTML, and followed by one space in plain text ("1." + "Shah" = "1. Shah",
where citeproc-py writes "1.Shah"). The first field is told by the layout's first
element: a ``citation-number`` with its prefix and suffix, else a number with
the brackets or period around it.
"""

from __future__ import annotations

import re
from typing import Any

from . import csl_markup as markup

_ANY_LABEL = re.compile(r"[\[(]?\d+[.)\]]?")


def left_margin(style: Any) -> re.Pattern[str] | None:
    """The pattern of an entry's first field, or None for a style without ``second-field-align``."""
    bibliography = style.root.bibliography
    if bibliography is None or bibliography.get("second-field-align") is None:
        return None
    first = next(iter(bibliography.layout.iterchildren("{*}text")), None)
    if first is not None and first.get("variable") == "citation-number" and first is bibliography.layout[0]:
        return re.compile(re.escape(first.get("prefix", "")) + r"\d+" + re.escape(first.get("suffix", "")))
    return _ANY_LABEL


def _split(entry: str, left: re.Pattern[str]) -> tuple[str, str] | None:
    m = left.match(entry)
    return (m[0], entry[m.end():]) if m and entry[m.end():].strip() else None


def spaced(entry: str, left: re.Pattern[str]) -> str:
    """The entry (marked-up text) with one space after its first field."""
    parts = _split(entry, left)
    return f"{parts[0]} {parts[1]}" if parts else entry


def to_html(entry: str, left: re.Pattern[str] | None) -> str:
    """HTML of an entry made by ``spaced``: the first field and the rest in citeproc-js's divs."""
    parts = _split(entry, left) if left is not None else None
    if parts is None:
        return markup.to_html(entry)
    return (f'<div class="csl-left-margin">{markup.to_html(parts[0])}</div>'
            f'<div class="csl-right-inline">{markup.to_html(parts[1][1:])}</div>')
