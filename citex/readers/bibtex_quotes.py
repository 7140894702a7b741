"""Quoted values rewritten with braces, for a second reading of an entry bibtexparser failed on.

In BibTeX a ``"``-delimited value ends at a ``"`` outside braces; inside a brace
group a ``"`` is text (``remark = "{Kapitel aus "the Art of Computer
Programming, Band 3".}"``). bibtexparser 2 does not count braces inside quotes,
so such a value ends early and the entry is lost. Rewriting each quoted value
as ``{...}`` (same text, BibTeX's own reading) lets it read the entry.
"""

from __future__ import annotations

import re

_VALUE_START = re.compile(r'([=#]\s*)"')


def quotes_to_braces(entry: str) -> str | None:
    """``entry`` with each top-level quoted value braced, or None if it has none or they do not close."""
    open_at = entry.find("{")
    if open_at < 0 or '"' not in entry:
        return None
    out, pos, changed = [], open_at + 1, False
    while True:
        m = _VALUE_START.search(entry, pos)
        if m is None:
            break
        start = m.end() - 1
        if _depth(entry, open_at + 1, start) != 0:  # a '"' inside a braced value is text
            pos = m.end()
            continue
        end = _closing_quote(entry, start)
        if end is None:
            return None
        out.append(entry[pos:start] + "{" + entry[start + 1:end] + "}")
        pos, changed = end + 1, True
    return entry[:open_at + 1] + "".join(out) + entry[pos:] if changed else None


def _depth(text: str, start: int, end: int) -> int:
    """Brace depth at ``end`` counted from ``start`` (the braces of closed quoted values balance)."""
    return text.count("{", start, end) - text.count("}", start, end)


def _closing_quote(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start + 1, len(text)):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return None
        elif ch == '"' and depth == 0:
            return i
    return None
