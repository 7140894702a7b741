"""CSL-JSON: a JSON array of CSL items, streamed one item at a time.

The output is exactly ``json.dumps(items, indent=2, ensure_ascii=False)`` plus a
final newline, but no item waits for the next. CSL-JSON items allow CSL
variables only, so what has no variable goes under ``custom``: the record's
``extra`` fields, and ``truncated-names`` listing name variables cut short by
"et al." (CSL has no marker for that).
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import CitexError
from ..model import Record
from ..registry import WRITERS
from . import Writer


def item(record: Record) -> dict[str, Any]:
    """The record as one CSL-JSON item, ``id`` first."""
    if not record.id:
        raise CitexError("record has no citation key", record.source.location())
    out: dict[str, Any] = {"id": record.id, **record.to_csl()}
    custom = dict(out.get("custom") or {})
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
        text = json.dumps(data, indent=2, ensure_ascii=False)
        # Not textwrap.indent: it also breaks at U+2028 and kin inside string values.
        return ("\n  " if not self.count else ",\n  ") + text.replace("\n", "\n  ")
