"""Page ranges as a style's ``page-range-format`` asks, as citeproc-js prints them.

citeproc-py shortens the last page as it comes: an abbreviated range ("1536-38")
is not expanded first, so "minimal" prints "1536–538" and "expanded" "100–4";
it applies the 15th edition's Chicago rules to "chicago-16" (which dropped the
rule that a four-digit range changing in three digits is written in full:
"1299–316", not "1299–1316"); and it turns "N110-5" into "N110–5", where
citeproc-js leaves a range whose two ends have different prefixes as it is.
``install()`` wraps its ``FormatNumber._process`` for the ``page`` variable of
styles that set a ``page-range-format``.
"""

from __future__ import annotations

import re
from typing import Any
from . import once


def chicago_16(first: str, last: str) -> str:
    """The part of ``last`` Chicago 16 prints after ``first``: 71–72, 100–104, 101–8, 321–28, 1496–500."""
    if not (first.isdigit() and last.isdigit()) or len(first) != len(last):
        return last
    number = int(first)
    if number < 100 or number % 100 == 0:
        return last
    common = next((n for n, (a, b) in enumerate(zip(first, last)) if a != b), len(first))
    keep_from = common if number % 100 < 10 else min(common, len(first) - 2)
    return last[keep_from:]


_RANGE = re.compile(r"^(.*?\D)?(\d+)\s*[-\u2013]\s*(.*?\D)?(\d+)$")
_PIECES = re.compile(r"(\s*[,&]\s*)")


def page_range(text: str, range_format: str, delimiter: str) -> str:
    """One page or range of a ``page`` value in ``range_format``; a range between ends of
    different prefixes (``N110 - 5``) as it is, with a bare hyphen (``N110-5``)."""
    m = _RANGE.match(text.strip())
    if not m:
        return text
    prefix, first, last_prefix, last = m[1] or "", m[2], m[3] or "", m[4]
    if last_prefix and last_prefix != prefix or prefix and not last_prefix:
        return f"{prefix}{first}-{last_prefix}{last}"  # as it is, but for spaces around the hyphen
    if len(last) < len(first):  # "1536-38" is 1536 to 1538
        last = first[:len(first) - len(last)] + last
    shown = shortened(first, last, range_format)
    return prefix + first + delimiter + (last_prefix if shown == last else "") + shown


def shortened(first: str, last: str, range_format: str) -> str:
    """The part of ``last`` printed after ``first`` in ``range_format``."""
    if range_format == "chicago-16":
        return chicago_16(first, last)
    if len(first) != len(last) or int(last) <= int(first):
        return last
    common = next((n for n, (a, b) in enumerate(zip(first, last)) if a != b), len(first))
    if range_format in ("chicago", "chicago-15"):
        number = int(first)
        if number < 100 or number % 100 == 0 or (len(first) == 4 and common < 2):
            return last
        range_format = "minimal" if number % 100 < 10 else "minimal-two"
    if range_format == "minimal":
        return last[common:]
    if range_format == "minimal-two":
        return last[min(common, len(first) - 2):]
    return last


@once
def install() -> None:
    """Wrap ``citeproc.model.FormatNumber._process`` once."""
    from citeproc.model import FormatNumber

    original = FormatNumber._process

    def process(self: Any, value: Any, variable: str) -> Any:
        range_format = self.get_root().get_option("page-range-format")
        if variable != "page" or not range_format:
            return original(self, value, variable)
        delimiter = str(self.get_single_term(name="page-range-delimiter") or "\u2013")
        return "".join(piece if n % 2 else page_range(piece, range_format, delimiter)
                       for n, piece in enumerate(_PIECES.split(str(value))))

    FormatNumber._process = process
