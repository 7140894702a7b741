"""Small text helpers shared by readers, repairs and writers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=4096)  # parsers compare the same sentences many times over
def fold(text: str | None) -> str:
    """A comparison key: mojibake undone, accents and case folded, punctuation and spaces dropped.

    Two strings that differ only in letter case, punctuation, spacing, accents or
    UTF-8-read-as-Latin-1 damage fold to the same key.
    """
    if not text:
        return ""
    if text.isascii():  # ftfy returns ASCII as it is, and it has no accents to fold
        return _NON_ALNUM.sub("", text.lower())
    from ftfy.badness import is_bad  # lazy: only needed when records are compared

    if is_bad(text):  # fix_encoding's own first test, without building its config (half its cost)
        import ftfy

        text = ftfy.fix_encoding(text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_ALNUM.sub("", text.casefold())


def words(text: str) -> list[str]:
    """Letters-and-digits words, for counting how long a title is."""
    return [w for w in _NON_ALNUM.split(text) if w]


def said_twice(text: str | None, min_chars: int = 12) -> str | None:
    """The first half of a text that is one phrase said twice ("T. T.", "T T"), else None.

    Halves must fold equal and be at least ``min_chars`` folded characters, so a
    deliberate short repetition ("New York, New York") is not taken for a fault.
    """
    key = fold(text)
    half = len(key) // 2
    if half < min_chars or key[:half] != key[half:]:
        return None
    # The folded length of a prefix grows with the prefix: a binary search over the
    # boundaries finds the middle in O(n log n) (folding every prefix was quadratic).
    ends = [m.start() + 1 for m in re.finditer(r"[.?!:;,]?\s+", text)]
    low, high = 0, len(ends) - 1
    while low <= high:
        mid = (low + high) // 2
        left = text[:ends[mid]].rstrip()
        size = len(fold(left))
        if size == half:
            return left if left[-1] in ".?!" else left.rstrip(":;,")
        low, high = (mid + 1, high) if size < half else (low, mid - 1)
    return None
