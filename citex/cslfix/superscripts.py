"""Superscript characters in HTML as ``<sup>`` around the plain letter: ``1ʳᵉ`` → ``1<sup>r</sup><sup>e</sup>``.

citeproc-js writes a Unicode superscript character (French ordinals "1ʳᵉ", "2ᵉ",
Spanish "1.º", "™") as its base character in ``<sup>`` when it writes HTML, so
that fonts without the character still show it. The table is Unicode's own
(each character whose decomposition is ``<super>``), plus the four modifier
letters with none that citeproc-js maps too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# where Unicode keeps its superscripts (Latin-1, spacing modifiers, phonetic extensions,
# super- and subscripts, letterlike symbols, Kanbun, Latin Extended-D)
_BLOCKS = [(0xA0, 0x100), (0x2B0, 0x300), (0x1D00, 0x1DC0), (0x2070, 0x20A0), (0x2100, 0x2130),
           (0x3190, 0x31A0), (0xA700, 0xA800)]
_WITHOUT_DECOMPOSITION = {"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"}


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    plain = dict(_WITHOUT_DECOMPOSITION)
    for start, end in _BLOCKS:
        for ch in map(chr, range(start, end)):
            parts = unicodedata.decomposition(ch).split()
            if parts[:1] == ["<super>"]:
                plain[ch] = "".join(chr(int(code, 16)) for code in parts[1:])
    return re.compile(f"[{''.join(plain)}]"), plain


def to_html(text: str) -> str:
    """``text`` (already HTML) with each superscript character as ``<sup>`` and its base."""
    pattern, plain = _table()
    return pattern.sub(lambda m: f"<sup>{plain[m[0]]}</sup>", text)
