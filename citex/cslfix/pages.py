"""``page-range-format="chicago-16"``: page ranges as the Chicago Manual's 16th edition shortens them.

CSL 1.0.2 split "chicago" into "chicago-15" and "chicago-16". The 16th edition
dropped the 15th's rule that a four-digit range changing in three digits is
written in full: "1299–316", not "1299–1316". citeproc-py applies the 15th
edition's rules to both; ``install()`` wraps its ``_format_last_page`` for
"chicago-16" only.
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


@once
def install() -> None:
    """Wrap ``citeproc.model.FormatNumber._format_last_page`` once."""
    from citeproc.model import FormatNumber

    original = FormatNumber._format_last_page

    def format_last_page(self: Any, first: str, last: str) -> str:
        if self.get_root().get_option("page-range-format") == "chicago-16" and re.fullmatch(r"\d+", first):
            return chicago_16(first, last)
        return original(self, first, last)

    FormatNumber._format_last_page = format_last_page
