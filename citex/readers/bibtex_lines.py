"""Stray braces in an entry written one field a line, for a second reading of an entry bibtexparser failed on.

Scopus writes every field on one line (``abstract={...},``) and copies braces from
its abstracts as they are (``a defect rate of {&lt;10-3.``): one unmatched ``{``
and the entry never closes, for BibTeX too, and the entry is lost. When an entry
is laid out that way, each line is its own field, so a brace that no other on
its line matches is known to be stray: it is dropped, and said so.
"""

from __future__ import annotations

import re

_FIELD_LINE = re.compile(r"(\s*[\w:.-]+\s*=\s*\{)(.*)(\}\s*,?\s*)")
_HEAD_LINE = re.compile(r"\s*@\s*\w+\s*\{[^,{}]*,\s*")
_CLOSE_LINE = re.compile(r"\s*\}\s*")


def stray_braces_dropped(entry: str) -> tuple[str, list[str]] | None:
    """``entry`` with the unmatched braces of its field lines dropped, and the names of those
    fields; None if the entry is not one field a line or no line has a stray brace."""
    lines = entry.strip().split("\n")
    if len(lines) < 3 or not _HEAD_LINE.fullmatch(lines[0]) or not _CLOSE_LINE.fullmatch(lines[-1]):
        return None
    out, fixed = [lines[0]], []
    for line in lines[1:-1]:
        m = _FIELD_LINE.fullmatch(line)
        if m is None:
            if line.strip():
                return None  # a value over several lines: no line is known to be a whole field
            continue
        value = _matched_only(m[2])
        if value != m[2]:
            fixed.append(m[1].strip().rstrip("={ ").strip())
        out.append(m[1] + value + m[3])
    return ("\n".join(out + [lines[-1]]), fixed) if fixed else None


def _matched_only(value: str) -> str:
    """``value`` without the braces that do not pair up."""
    stray, opened = set(), []
    for i, ch in enumerate(value):
        if ch == "{":
            opened.append(i)
        elif ch == "}":
            if opened:
                opened.pop()
            else:
                stray.add(i)
    stray.update(opened)
    return "".join(ch for i, ch in enumerate(value) if i not in stray) if stray else value
