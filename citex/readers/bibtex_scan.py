"""A fast scanner for the common shape of BibTeX: ``@type{key, name = {value} # macro, ...}``.

The text is cut into segments at each ``@type{`` or ``@type(`` that starts a
line (after blanks): bibtexparser ends any block it is reading at such a mark,
so a segment holds one block and the text after it, and reading segment by
segment gives the same blocks as reading the whole file. A segment of the usual
shape (an entry or ``@string`` with ``{…}``, ``"…"``, number or macro values,
joined by ``#``) is read here, about ten times faster than bibtexparser's
splitter; any other (comments, ``@preamble``, parentheses, escaped delimiters,
``%`` inside an entry, a syntax error) is handed back whole, with its line, for
bibtexparser to read: its messages and recoveries stay what they were.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# A braced value, up to five levels of nested braces (deeper ones are handed back).
BRACED = r"\{[^{}]*+\}"
for _ in range(4):
    BRACED = r"\{(?:[^{}]++|" + BRACED + r")*+\}"  # possessive: no backtracking on a value with no end
_PART = BRACED + r'|"[^"]*+"|[^\s,{}"#=%\\@()]++'
_FIELD = re.compile(r'\s*([^\s,{}"#=%\\@()]+)\s*=\s*(' + _PART + r')\s*([,}#])')
# _FIELD with an empty group at the '=' (its position: the line of the field)
_FIELDS = re.compile(r'\s*([^\s,{}"#=%\\@()]+)\s*()=\s*(' + _PART + r')\s*([,}#])')
_MORE = re.compile(r"\s*(" + _PART + r")\s*([,}#])")
HEAD = re.compile(r'[^\S\n]*@(\w+)[ \t]*\{([^,{}"=\\@%]*),')
_STRING = re.compile(r'[^\S\n]*@string[ \t]*\{\s*([^\s,{}"#=%\\@()]+)\s*=\s*(' + _PART + r')\s*([}#])',
                     re.I)
_END = re.compile(r"\s*\}")
MARK = re.compile(r"@\w*[ \t]*[{(]")  # a block start for bibtexparser, anywhere in a line


@dataclass(slots=True)
class Scanned:
    """One block read here: an entry (fields as written) or an @string (``kind`` 'string')."""

    kind: str  # 'entry' or 'string'
    type: str  # lower case
    key: str
    line: int  # 1-based line of the '@'
    raw: str
    fields: list[tuple[str, str, int]]  # (name as written, value as written, line of its '=')


@dataclass(slots=True)
class Unread:
    """A segment for bibtexparser: its text and the 1-based line it starts on."""

    text: str
    line: int


def segments(pieces: Iterable[str]) -> Iterator[tuple[str, int]]:
    """(segment, 1-based line of its start) for text arriving in pieces that end at line ends.

    The text since the last segment start is held as the pieces it came in (joined once, when
    the segment ends: a segment longer than a piece is not copied again with every piece),
    but its last line if that has no end yet (none has, when pieces end at line ends), which
    is looked at again with the next piece."""
    held: list[str] = []  # the text since the last segment start, up to its last line end
    head, line = "", 1  # ... and the rest of it
    for piece in pieces:
        buf = head + piece if head else piece
        begin = 0
        for start in _starts(buf, len(head), bool(held)):
            segment = "".join((*held, buf[begin:start])) if held else buf[begin:start]
            held = []
            yield segment, line
            line += segment.count("\n")
            begin = start
        rest = buf[begin:] if begin else buf
        end = rest.rfind("\n") + 1
        if end:  # (held: no empty part, for bool(held) above)
            held.append(rest if end == len(rest) else rest[:end])
        head = rest[end:] if end < len(rest) else ""
    yield "".join((*held, head)), line


def _starts(buf: str, searched: int, after_line_end: bool) -> list[int]:
    """Line starts whose first non-blank is a block mark, after ``searched``: pieces end at
    line ends, so the text before ``searched`` was looked at already. Not the start of
    ``buf``, unless the text before it (``after_line_end``) ends a line."""
    starts, find = [], buf.find
    at = find("@", searched)
    while at >= 0:
        line_start = buf.rfind("\n", 0, at) + 1
        if (line_start or after_line_end) and (line_start == at or buf[line_start:at].isspace()) \
                and MARK.match(buf, at):
            starts.append(line_start)
        at = find("@", at + 1)
    return starts


def scan(segment: str, line: int) -> Scanned | Unread | None:
    """The block of one segment if of the usual shape, ``Unread`` if not, None if it has none."""
    at = segment.find("@")
    if at < 0 or (at and not segment[:at].isspace()):  # text before the first block
        return Unread(segment, line) if MARK.search(segment) else None
    if segment[at + 1:at + 7].lower() == "string":
        found = _string(segment, line)
    else:
        found = _entry(segment, line)
    return found if found is not None else Unread(segment, line)


def _entry(s: str, line: int) -> Scanned | None:
    head = HEAD.match(s)
    if head is None or head[1].lower() in ("comment", "preamble"):
        return None
    read = _all_fields(s, head.end(), line) or _each_field(s, head.end(), line)
    if read is None:
        return None
    fields, end = read
    return _closed(s, end, Scanned("entry", head[1].lower(), head[2].strip(), line,
                                   s[s.find("@"):end], fields))


def _all_fields(s: str, pos: int, line: int) -> tuple[list[tuple[str, str, int]], int] | None:
    """The fields of an entry with no ``#`` and no escaped delimiter, found in one regex pass."""
    if "\\{" in s or "\\}" in s:
        return None
    fields: list[tuple[str, str, int]] = []
    counted, mark = pos, ""
    for m in _FIELDS.finditer(s, pos):
        start, end = m.span()
        if start != pos:  # finditer skipped text it could not read
            return None
        name, value, mark = m.group(1, 3, 4)
        if mark == "#" or (value[0] == '"' and value[-2:-1] in ("\\", "{")):
            return None
        eq = m.start(2)
        line += s.count("\n", counted, eq)
        counted = eq
        fields.append((name, value, line))
        pos = end
        if mark == "}":
            return fields, pos
    end = _END.match(s, pos)
    return (fields, end.end()) if end else None


def _each_field(s: str, pos: int, line: int) -> tuple[list[tuple[str, str, int]], int] | None:
    """The fields of an entry one at a time, with ``#`` joins and a check of every value."""
    fields: list[tuple[str, str, int]] = []
    counted = pos
    while True:
        m = _FIELD.match(s, pos)
        if m is None:
            end = _END.match(s, pos)
            return (fields, end.end()) if end else None
        if not _plain(m[2]):
            return None
        value_end, mark, pos = m.end(2), m[3], m.end()
        while mark == "#":
            more = _MORE.match(s, pos)
            if more is None or not _plain(more[1]):
                return None
            value_end, mark, pos = more.end(1), more[2], more.end()
        eq = s.find("=", m.end(1))
        line += s.count("\n", counted, eq)
        counted = eq
        fields.append((m[1], s[m.start(2):value_end], line))
        if mark == "}":
            return fields, pos


def _string(s: str, line: int) -> Scanned | None:
    m = _STRING.match(s)
    if m is None or not _plain(m[2]):
        return None
    value_end, mark, pos = m.end(2), m[3], m.end()
    while mark == "#":
        more = _MORE.match(s, pos)
        if more is None or more[2] == "," or not _plain(more[1]):
            return None
        value_end, mark, pos = more.end(1), more[2], more.end()
    return _closed(s, pos, Scanned("string", "string", m[1], line, s[s.find("@"):pos],
                                   [(m[1], s[m.start(2):value_end], line)]))


def _closed(s: str, end: int, block: Scanned) -> Scanned | None:
    """The block, if nothing after it would be a block to bibtexparser."""
    return None if MARK.search(s, end) else block


def _plain(part: str) -> bool:
    """A value part that means the same here as to bibtexparser (no escaped delimiter)."""
    if part[0] == '"':
        return part[-2:-1] not in ("\\", "{")
    return part[0] != "{" or ("\\{" not in part and "\\}" not in part)
