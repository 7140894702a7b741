"""Which entries the reader may leave to a ``--jobs`` worker unread: one quick look at each.

With ``defer`` the parent process reads in full only what must be seen in
order: ``@string`` macros, blocks the fast scanner hands to bibtexparser, and
entries that take part in ``crossref``/``xdata`` inheritance. Every other
entry goes to a worker as its text, after one regex match here that proves the
scanner reads it with its one-pass field regex (``bibtex_scan._all_fields``),
so the worker reads exactly what one process would. The look also gives what
the parent needs of the entry: its type and key (for the duplicate-key check),
and a superset of its field names, lower case (no field given twice, no
``crossref``/``xdata``/``ids``); a false alarm only costs the full reading.
"""

from __future__ import annotations

import re

from ..fieldmaps.bibtex import DATA_ONLY_TYPES
from .bibtex_scan import HEAD, MARK

_NAME = r'[^\s,{}"#=%\\@()]++'  # the scanner's field name and bare word
_NO_ESCAPE = r'\\(?![{}])'  # a backslash, but no escaped brace: the scanner hands those back
# bibtex_scan.BRACED (five levels) without escaped braces
_BRACED = r"\{(?:[^{}\\]++|" + _NO_ESCAPE + r")*+\}"
for _ in range(4):
    _BRACED = r"\{(?:[^{}\\]++|" + _NO_ESCAPE + "|" + _BRACED + r")*+\}"
# One field as _all_fields reads it: a quoted value must not end in '\"' or '{"' (a
# delimiter bibtexparser reads otherwise), and no '#' joins (_each_field reads those).
_FIELD = (r'\s*+' + _NAME + r'\s*+=\s*+(?:' + _BRACED + r'|"(?:[^"\\]++|' + _NO_ESCAPE
          + r')*+(?<![\\{])"|' + _NAME + r')\s*+')
_BODY = re.compile(r'(?:' + _FIELD + r',)*+(?:' + _FIELD + r'\}|\s*\})')
_AFTER = re.compile(MARK.pattern + r'|\\[{}]')  # after the entry: no block, no escaped brace
# Every field name follows a comma; a value holding ', x =' adds a name that is not one.
_NAMES = re.compile(r',\s*+(' + _NAME + r')\s*+=')
_READ_IN_FULL = frozenset({"crossref", "xdata"})
_NOT_ENTRIES = ("string", "comment", "preamble")


def plain_entry(segment: str, wanted: set[str]) -> str | None:
    """The key of the one entry in ``segment`` if the scanner reads it with one regex pass and
    it neither inherits nor is named as a parent (``wanted``, casefolded keys), else None."""
    head = HEAD.match(segment)
    if head is None:
        return None
    kind = head[1].lower()
    if kind.startswith(_NOT_ENTRIES) or kind in DATA_ONLY_TYPES:
        return None
    body = _BODY.match(segment, head.end())
    if body is None or _AFTER.search(segment, body.end()):
        return None
    key = head[2].strip()
    joined = ",".join(_NAMES.findall(segment))
    if not joined.isascii():  # lower() of the whole would be that of each name only in ASCII
        return None
    names = joined.lower().split(",")
    if len(set(names)) != len(names) or not _READ_IN_FULL.isdisjoint(names):
        return None
    if wanted and (key.casefold() in wanted or "ids" in names):
        return None
    return key
