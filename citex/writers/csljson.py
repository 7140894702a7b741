"""CSL-JSON: a JSON array of CSL items, streamed one item at a time.

The output is exactly ``json.dumps(items, indent=2, ensure_ascii=False)`` plus a
final newline, but no item waits for the next. CSL-JSON items allow CSL
variables only, so what has no variable goes under ``custom``: the record's
``extra`` fields, the CSL 1.0.2 variables the schema does not list yet
(``part-number``...), and ``truncated-names`` listing name variables cut short by
"et al." (CSL has no marker for that).
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import CitexError
from ..fieldmaps.csljson import CUSTOM_VARIABLES, OUTSIDE_SCHEMA
from ..model import Record
from ..registry import WRITERS
from . import Writer


def item(record: Record) -> dict[str, Any]:
    """The record as one CSL-JSON item, ``id`` first."""
    if not record.id:
        raise CitexError("record has no citation key", record.source.location())
    out: dict[str, Any] = {"id": record.id, **record.to_csl()}
    custom = dict(out.get("custom") or {})
    moved = {name: out.pop(name) for name in sorted(OUTSIDE_SCHEMA.intersection(out))}
    if moved:  # under a key of their own: an input's extra may hold a "license" of its own shape
        custom[CUSTOM_VARIABLES] = moved
    custom.update(record.extra)
    if record.truncated:
        custom["truncated-names"] = sorted(record.truncated)
    if custom:
        out["custom"] = custom
    return out


class CSLItemsWriter(Writer):
    """A list of CSL items: ``opening``, then each item's text, then ``closing`` (``empty`` for none).

    A subclass gives the three texts and :meth:`text`, which sees ``self.count``
    (the items written so far) to put separators between items.
    """

    opening = closing = empty = ""
    first_only = True  # a separator before every item but the first

    def __init__(self, out, **options: Any):
        super().__init__(out, **options)
        self.count = 0

    def text(self, data: dict[str, Any]) -> str:
        raise NotImplementedError

    def begin(self) -> None:
        self.out.write(self.opening)

    def write(self, record: Record) -> None:
        self.out.write(self.text(item(record)))
        self.count += 1

    def end(self) -> None:
        self.out.write(self.closing if self.count else self.empty)


@WRITERS.register("csljson", extension=".json")
class CSLJSONWriter(CSLItemsWriter):
    """CSL-JSON, the citeproc input format (pandoc, Zotero, citeproc-js)."""

    opening, closing, empty = "[", "\n]\n", "]\n"

    def __init__(self, out, **options: Any):
        super().__init__(out, **options)
        import orjson  # here, not at the top: every run loads every writer module (6 ms for this)

        self.orjson = orjson

    def text(self, data: dict[str, Any]) -> str:
        return ("\n  " if not self.count else ",\n  ") + _indented(data, self.orjson).replace("\n", "\n  ")


def _indented(data: Any, orjson: Any) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, by orjson where it writes the same
    text, four times faster: json's indenting encoder is pure Python. (Line ends in the text
    are all json's own: a line end inside a string is written ``\\n``.)"""
    if _usual(data):
        try:
            return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
        except TypeError:  # an int past 64 bits, a lone surrogate: json writes those
            pass
    return json.dumps(data, indent=2, ensure_ascii=False)


_LEAVES = frozenset({str, int, bool, type(None)})
_CONTAINERS = frozenset({dict, list, tuple})


def _usual(value: Any) -> bool:
    """Whether ``value`` holds only what orjson writes as json does: text, integers, booleans
    and None, in lists, tuples and dicts with text keys. (A float it writes in another form,
    1e16 for 1e+16; a subclass, NaN, an object json's ``default`` would refuse: left to json.)"""
    kind = value.__class__
    if kind is dict:
        if value and {*map(type, value)} != _TEXT_KEYS:
            return False
        items = value.values()
    elif kind is list or kind is tuple:
        items = value
    else:
        return kind in _LEAVES
    for item in items:
        kind = item.__class__
        if kind not in _LEAVES and (kind not in _CONTAINERS or not _usual(item)):
            return False
    return True


_TEXT_KEYS = {str}
