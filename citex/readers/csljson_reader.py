"""CSL-JSON and CSL-YAML, citeproc's own input formats, read leniently.

CSL-JSON is an array of items (or one item, or one item a line). Items are
decoded one at a time with ``json.JSONDecoder.raw_decode``, so each keeps its
line, and a syntax error in a pretty-printed array costs only the item it is in.
CSL-YAML is what pandoc reads (``references:`` then ``- id: …``, alone or as the
metadata block of a Markdown file); it is composed one item at a time and every
scalar is read as the text written, so ``title: No`` stays "No" and ``volume: 1.10``
stays "1.10". As in pandoc, its strings are Markdown, turned into CSL markup
(``*x*`` -> ``<i>x</i>``); in identifiers (URL, DOI …) only backslash escapes are undone.

Real files bend the schema (``date-parts: [[null]]``, names as strings, Crossref
lists and types); see ``csl_items`` for how each shape is read and reported. The YAML
reading itself is in ``csl_yaml``, imported only when YAML is read (PyYAML is not small).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ..errors import CitexError
from ..model import Diagnostic, Failed, Location, Record, Source
from .csl_items import looks_like_item, to_record
from .csljson import FORMAT
from .stream import TextStream

_WS = re.compile(r"[ \t\n\r\ufeff]*")
_KEY = re.compile(r'\n([ \t]*)"((?:[^"\\\n]|\\.)*)"[ \t]*:')


def read(text: str | TextStream, path: str = "<input>") -> Iterator[Record | Failed]:
    """CSL-JSON: an array of CSL items (also one item, or one item a line)."""
    # Failures before the first good item are held back: if no item is good, the file
    # is not CSL-JSON at all (a JSON test-case file, 'bibtxt'), and is refused whole.
    pending: list[Failed] = []
    for item in _json_values(text, path):
        if isinstance(item, Failed):
            rec: Record | Failed = item
        else:
            line, raw, value, notes = item
            source = Source(FORMAT, path, line, raw, _json_field_lines(raw, line))
            rec = item_record(value, source)
            if isinstance(rec, Record):
                rec.diagnostics[:0] = notes
        if pending is not None and isinstance(rec, Failed):
            pending.append(rec)
            continue
        if pending:
            yield from pending
        pending = None
        yield rec
    if pending:
        first = pending[0].diagnostic
        raise CitexError(f"not CSL-JSON: {first.message}", first.location, code="not-csljson")


def item_record(value: Any, source: Source) -> Record | Failed:
    """One decoded CSL item (JSON or YAML) as a record; anything but an item object fails."""
    if not isinstance(value, dict):
        return Failed(Diagnostic("error", "csl-not-object",
                                 f"an item must be an object, not {type(value).__name__}",
                                 source.location()), source.raw)
    if not looks_like_item(value):
        keys = ", ".join(sorted(value)[:6])
        return Failed(Diagnostic("error", "csl-not-item",
                                 f"an object with none of CSL's keys ({keys}); not read as an item",
                                 source.location()), source.raw)
    try:
        if _SURROGATE_ESCAPE.search(source.raw) and _has_surrogate(value):
            rec = to_record(_without_surrogates(value), source)
            rec.report("warning", "csl-lone-surrogate", "a \\u escape names half of a UTF-16 pair, "
                       "which no UTF-8 file can hold; it became U+FFFD")
            return rec
        return to_record(value, source)
    except RecursionError:  # a value nested thousands deep, kept in extra as JSON text
        return Failed(Diagnostic("error", "csl-too-deep", "the item is nested too deeply to keep",
                                 source.location()), source.raw)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_SURROGATE.search(value))
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    return isinstance(value, list) and any(_has_surrogate(v) for v in value)


def _without_surrogates(value: Any) -> Any:
    """JSON's "\\ud800" decodes to a lone surrogate: each becomes U+FFFD (a pair is one character)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    return value


class _Cursor:
    """A position in the text and its line, moved forward only, so lines cost O(n) in all.

    The text arrives in pieces: ``more`` adds the next one and drops the lines before the
    position, so only the item being read (and the rest of its piece) is held.
    """

    def __init__(self, text: str | TextStream) -> None:
        self.pieces = TextStream.of(text).pieces()
        self.text, self.pos, self.line, self.ended = "", 0, 1, False
        self.more()

    def more(self) -> bool:
        """Add the next piece; False at the end of the input."""
        piece = None if self.ended else next(self.pieces, None)
        if piece is None:
            self.ended = True
            return False
        keep = self.text.rfind("\n", 0, self.pos) + 1  # from the line's start: indent and columns stay
        self.text, self.pos = self.text[keep:] + piece, self.pos - keep
        return True

    def seek(self, pos: int) -> None:
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos

    def skip_space(self) -> str:
        while True:
            self.seek(_WS.match(self.text, self.pos).end())
            if self.pos < len(self.text) or not self.more():
                return self.text[self.pos:self.pos + 1]


_LOOK_AHEAD = 16 << 20  # characters read ahead to finish an item before calling it broken


def _json_values(text: str | TextStream,
                 path: str) -> Iterator[tuple[int, str, Any, list[Diagnostic]] | Failed]:
    """(line, raw text, value, notes) for each top-level item, or a Failed for what cannot
    be decoded. A missing comma between items becomes a note on the item after it."""
    decoder = json.JSONDecoder()
    cur = _Cursor(text)
    notes: list[Diagnostic] = []
    first = cur.skip_space()
    if not first:
        return
    in_array = first == "["
    if in_array:
        cur.seek(cur.pos + 1)
    while True:
        char = cur.skip_space()
        if not char or (in_array and char == "]"):
            break
        try:
            value, end = _decode_item(decoder, cur)
        except (json.JSONDecodeError, RecursionError) as exc:
            text, start, line = cur.text, cur.pos, cur.line
            resume = _resync(text, start)
            if isinstance(exc, json.JSONDecodeError):  # its line counts from the text held, not the file
                line += text.count("\n", start, exc.pos)
                where = f"{exc.msg} (line {line}, column {exc.colno})"
            else:
                where = "the item is nested too deeply"
            yield Failed(Diagnostic("error", "json-syntax", where + (
                "; the item was skipped" if resume else "; reading stopped"),
                Location(path, line)), text[start:resume])
            if resume is None:
                return
            cur.seek(resume)
            continue
        yield cur.line, cur.text[cur.pos:end], value, notes
        notes = []
        cur.seek(end)
        char = cur.skip_space()
        if in_array and char == ",":
            cur.seek(cur.pos + 1)  # a trailing comma before "]" is forgiven
        elif in_array and char == "{":
            notes = [Diagnostic("warning", "json-missing-comma", "no ',' before this item",
                                Location(path, cur.line))]
        elif in_array and char not in ("]", ""):
            yield _stray(cur, path, "',' or ']'")
            return
    if in_array and cur.skip_space() == "]":
        cur.seek(cur.pos + 1)
    elif in_array:
        yield Failed(Diagnostic("error", "json-syntax", "the array is not closed with ']'",
                                Location(path, cur.line)), "")
        return
    if cur.skip_space():
        yield _stray(cur, path, "the end of the file")


def _decode_item(decoder: json.JSONDecoder, cur: _Cursor) -> tuple[Any, int]:
    """The item at the cursor, reading more of the input while it may be only cut short."""
    while True:
        try:
            return decoder.raw_decode(cur.text, cur.pos)
        except (json.JSONDecodeError, RecursionError):
            if len(cur.text) - cur.pos > _LOOK_AHEAD or not cur.more():
                raise


def _stray(cur: _Cursor, path: str, wanted: str) -> Failed:
    snippet = cur.text[cur.pos:cur.pos + 40].split("\n")[0]
    return Failed(Diagnostic("error", "json-syntax", f"expected {wanted}, found '{snippet}'; "
                             "the rest of the file was not read", Location(path, cur.line)),
                  cur.text[cur.pos:])


def _resync(text: str, start: int) -> int | None:
    """Where the next item starts, when items sit one a line at the same indent as this one."""
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    if indent.strip():
        return None
    m = re.compile(r"\n" + re.escape(indent) + r"\{").search(text, start + 1)
    return m.start() + 1 + len(indent) if m else None


def _json_field_lines(raw: str, line: int) -> dict[str, int]:
    """Each key of the item and its line: the keys at the indent of the item's first key."""
    lines: dict[str, int] = {}
    indent, at, row = None, 0, line
    for m in _KEY.finditer(raw):
        row += raw.count("\n", at, m.start() + 1)
        at = m.start() + 1
        indent = m.group(1) if indent is None else indent
        if m.group(1) == indent:
            lines.setdefault(m.group(2), row)
    return lines
