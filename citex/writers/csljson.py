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

    def text(self, data: dict[str, Any]) -> str:
        out = ["\n  " if not self.count else ",\n  "]
        try:
            _indented(data, "\n  ", out)
        except _Unusual:  # a value only json itself knows how to write
            text = json.dumps(data, indent=2, ensure_ascii=False)
            # Not textwrap.indent: it also breaks at U+2028 and kin inside string values.
            out[1:] = [text.replace("\n", "\n  ")]
        return "".join(out)


class _Unusual(Exception):
    """A key or value :func:`_indented` leaves to ``json.dumps``."""


_string = json.encoder.encode_basestring  # json's own (C) string writer, ensure_ascii=False


def _indented(value: Any, newline: str, out: list[str]) -> None:
    """``json.dumps(value, indent=2, ensure_ascii=False)``, each line after the first starting
    with ``newline``; appended to ``out``. (json's indenting encoder is pure Python and
    several times slower: it yields every token through nested generators.)"""
    kind = value.__class__
    if kind is str:
        out.append(_string(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner, sep = newline + "  ", "{"
        for key, item in value.items():
            if key.__class__ is not str:
                raise _Unusual
            if item.__class__ is str:  # most values: written here, without a call per value
                out.append(sep + inner + _string(key) + ": " + _string(item))
            else:
                out.append(sep + inner + _string(key) + ": ")
                _indented(item, inner, out)
            sep = ","
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner, sep = newline + "  ", "["
        for item in value:
            if item.__class__ is int:  # a date's parts
                out.append(sep + inner + int.__repr__(item))
            else:
                out.append(sep + inner)
                _indented(item, inner, out)
            sep = ","
        out.append(newline + "]")
    elif kind is int:
        out.append(int.__repr__(value))
    elif value is None:
        out.append("null")
    elif value is True or value is False:
        out.append("true" if value else "false")
    else:  # floats (NaN, Infinity), subclasses, objects json refuses
        raise _Unusual
