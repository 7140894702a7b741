"""BibTeX and BibLaTeX files: ``@type{key, field = {value}, ...}`` entries.

The text streams in: ``bibtex_scan`` cuts it into blocks and reads those of
the usual shape itself; any other block goes to bibtexparser 2 (with no
middlewares: its LaTeX and name middlewares are 14-17x slower than the split).
This module expands ``@string`` macros (from where they are defined on) and
``#`` concatenation itself, resolves ``crossref`` and ``xdata``
(``bibtex_crossref``: an entry that inherits comes out once its parents are
read, so after them when they follow it), and turns each entry into a CSL
record (``bibtex_fields``), one at a time. A block bibtexparser could not read is a
``Failed`` with its line, unless a second try reads it: biber's ``%``
comments inside an entry, or an entry with no key. A repeated key or a
repeated field is a warning on a record that is kept. ``@xdata`` entries only
lend fields to others and are not records. ``@preamble`` and ``@comment``
are skipped: they hold no references.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser.model import (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry,
                                ImplicitComment, ParsingFailedBlock, String)

from ..fieldmaps.bibtex import ALIASES, DATA_ONLY_TYPES, MONTH_MACROS
from ..key_table import KeyTable
from ..model import Diagnostic, Failed, Location, Record, Source
from ..registry import READERS
from .bibtex_crossref import Index, Inherited, Parents, RawEntry
from .bibtex_fields import to_record
from .bibtex_lines import stray_braces_dropped
from .bibtex_quotes import quotes_to_braces
from .bibtex_scan import Scanned, Unread, scan, segments
from .stream import TextStream, later

FORMAT = "bibtex"
# bibtexparser logs each failed block; they come back to the caller as Failed instead.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)

_COMMENT = re.compile(r"(?m)(^|[\s,}])%[^\n]*")  # not 100\% nor a URL's %20
# A broken @comment is text (BibTeX skips it); a broken @string shows as undefined macros.
_NOT_ENTRY = re.compile(r"\s*@\s*(?:comment|string|preamble)\b", re.I)
_ALIASES_IN = frozenset(ALIASES)
_RUN_ON = re.compile(r'[}"][ \t]*\n\s*([A-Za-z][\w:-]*)\s*=\s*')  # a missing comma
_NO_KEY = re.compile(r"^(@\s*\w+\s*[{(])(\s*\w[\w-]*\s*=)")
_DIALECTS = (  # exporting tool -> its mark in the file
    ("jabref", re.compile(r"@comment\{jabref-meta:|^% Encoding: ", re.I | re.M)),
    ("mendeley", re.compile(r"Mendeley Desktop|mendeley-tags\s*=", re.I)),
    ("bibdesk", re.compile(r"BibDesk|bdsk-(?:url|file)-\d", re.I)),
    ("scopus", re.compile(r"source\s*=\s*\{Scopus\}", re.I)),
    ("wos", re.compile(r"unique-id\s*=\s*\{(?:ISI|WOS):", re.I)),
)


# comment: lines that hold nothing but a comment, so a file of only those is an empty
# bibliography, not a wrong guess of format.
@READERS.register(FORMAT, extensions=(".bib", ".bibtex", ".biblatex"), comment=r"\s*%",
                  sniff=r"(?m)^\s*@[A-Za-z]+\s*[{(]", stream=True, defer=True)
def read(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """BibTeX and BibLaTeX (@string macros, crossref/xdata, LaTeX decoded to Unicode)."""
    stream = TextStream.of(text)
    dialect = _dialect(stream.head() + "\n" + stream.tail())
    parents = Parents(_wanted(stream))
    state = _State(dict(MONTH_MACROS), KeyTable(), path)
    for segment, line in segments(stream.pieces()):
        block = scan(segment, line)
        if block is None:
            continue
        for item in _read_block(block, state):
            if isinstance(item, Failed):
                yield item
                continue
            for entry in parents.push(item):
                yield from _records(entry, parents.index, path, dialect, defer)
    for entry in parents.finish():
        yield from _records(entry, parents.index, path, dialect, defer)


class _State:
    """What reading a file carries from block to block: macros and the keys seen."""

    def __init__(self, macros: dict[str, str], keys: KeyTable, path: str):
        self.macros, self.keys, self.path = macros, keys, path

    def first_use(self, entry: RawEntry) -> None:
        """Note the entry's key; a key used before gets a warning naming its first line."""
        first = self.keys.first(entry.key, entry.line)
        if first != entry.line and entry.key:
            entry.notes.append(("warning", "bibtex-duplicate-key",
                                f"key '{entry.key}' is used again (first at line {first}); "
                                "this record is kept too", None))


def _records(entry: RawEntry, index: Index, path: str, dialect: str | None,
             defer: bool) -> Iterator[Record | Failed]:
    if entry.type in DATA_ONLY_TYPES:
        return
    try:
        data = index.resolve(entry)
    except Exception as exc:  # noqa: BLE001 - a bug here must cost one record, not the file
        yield Failed(Diagnostic("error", "bibtex-internal", f"entry '{entry.key}' could not be "
                                f"converted ({exc!r})", Location(path, entry.line)), entry.raw)
        return
    yield later(defer, _record, entry, data, path, dialect)


_PARENT_FIELD = re.compile(rb'(?i)\b(?:crossref|xdata)\s*=\s*[{"]?([^}"\n]*)')


def _wanted(stream: TextStream) -> set[str] | None:
    """The keys (casefolded) that a crossref or xdata field names anywhere in the input, from a
    quick second look at it; None when it cannot be read twice (then every entry is kept)."""
    blocks = stream.again()
    if blocks is None:
        return None
    wanted: set[str] = set()
    for block in blocks:
        low = block.lower()
        if b"crossref" in low or b"xdata" in low:
            for m in _PARENT_FIELD.finditer(block):
                value = m[1].decode("utf-8", "replace").replace("{", ",").replace("}", ",")
                wanted.update(k.strip().casefold() for k in value.split(",") if k.strip())
    return wanted


def _read_block(block: Scanned | Unread, state: _State) -> Iterator[RawEntry | Failed]:
    """The entries of one block; an @string goes into the macros."""
    if isinstance(block, Unread):
        yield from _with_bibtexparser(block, state)
    elif block.kind == "string":
        name, value, _ = block.fields[0]
        state.macros[name.strip().lower()] = expand(value, state.macros)[0]
    else:
        entry = _raw_entry(block.key, block.type, block.line, block.raw, block.fields, state.macros)
        if not entry.repeated:  # bibtexparser does not index an entry with a repeated field
            state.first_use(entry)
        yield entry


def _with_bibtexparser(block: Unread, state: _State) -> Iterator[RawEntry | Failed]:
    """A segment the scanner left alone, read by bibtexparser (lines offset to the file's)."""
    try:
        library = bibtexparser.parse_string(block.text, parse_stack=[])
    except Exception as exc:  # noqa: BLE001 - any bug in the parser must not stop the file
        yield Failed(Diagnostic("error", "bibtex-parser", f"bibtexparser could not read this block ({exc!r})",
                                Location(state.path, block.line)), block.text)
        return
    offset = block.line - 1
    lines: list[str] | None = None
    blocks = library.blocks
    for i, item in enumerate(blocks):
        inner = item.ignore_error_block if isinstance(item, (DuplicateBlockKeyBlock,
                                                              DuplicateFieldKeyBlock)) else item
        if isinstance(inner, String):
            state.macros[inner.key.strip().lower()] = expand(inner.value, state.macros)[0]
        elif isinstance(inner, Entry):
            entry = _from_bibtexparser(inner, state.macros, offset)
            if not isinstance(item, DuplicateFieldKeyBlock):
                state.first_use(entry)
            yield entry
        elif isinstance(item, ParsingFailedBlock) and not _NOT_ENTRY.match(item.raw or ""):
            lines = lines if lines is not None else block.text.split("\n")
            yield _retry(item, _region(blocks, i, lines), state, offset)


def _dialect(text: str) -> str | None:
    """The tool that wrote the file, from its marks in its first and last 4 KB."""
    return next((name for name, mark in _DIALECTS if mark.search(text)), None)


def _record(entry: RawEntry, data: Inherited, path: str, dialect: str | None) -> Record | Failed:
    source = Source(FORMAT, path, entry.line, entry.raw, dialect=dialect)
    try:
        rec = to_record(entry, data, source)
    except Exception as exc:  # noqa: BLE001 - a bug here must cost one record, not the file
        return Failed(Diagnostic("error", "bibtex-internal",
                                 f"entry '{entry.key}' could not be converted ({exc!r})",
                                 Location(path, entry.line)), entry.raw)
    for level, code, message, name in entry.notes + data.notes:
        rec.report(level, code, message, name)
    return rec


def _from_bibtexparser(block: Entry, macros: dict[str, str], line_offset: int = 0) -> RawEntry:
    notes: list = []
    fields = [(name, value, line + line_offset) for name, value, line in _fields(block, notes)]
    entry = _raw_entry(block.key.strip(), block.entry_type.lower(), block.start_line + 1 + line_offset,
                       block.raw or "", fields, macros)
    entry.notes[:0] = notes
    return entry


def _raw_entry(key: str, kind: str, line: int, raw: str, fields: list[tuple[str, str, int]],
               macros: dict[str, str]) -> RawEntry:
    entry = RawEntry(key=key, type=kind, fields={}, lines={}, line=line, raw=raw)
    undefined: list[str] = []
    for name, written, at in fields:
        name = name.lower()
        value, missing = expand(written, macros)
        if missing:
            undefined += missing
        if name in entry.fields:
            if name not in entry.repeated:
                entry.notes.append(("warning", "bibtex-duplicate-field",
                                    f"field '{name}' is given more than once; the first value "
                                    "is used, the others are kept in extra", name))
            entry.repeated.setdefault(name, []).append(value)
            continue
        entry.fields[name] = value
        entry.lines[name] = at
    for alias in _ALIASES_IN.intersection(entry.fields):  # address -> location, journal -> journaltitle
        name = ALIASES[alias]
        if name not in entry.fields:
            entry.fields[name] = entry.fields.pop(alias)
            entry.lines[name] = entry.lines[alias]
            entry.written[name] = alias
    if not entry.key:
        entry.notes.append(("warning", "bibtex-no-key", "entry has no citation key", None))
    for name in dict.fromkeys(undefined):
        entry.notes.append(("warning", "bibtex-undefined-macro",
                            f"@string '{name}' is not defined; its name is kept as text", None))
    return entry


def _fields(block: Entry, notes: list) -> Iterator[tuple[str, str, int]]:
    """(name, value as written, 1-based line) of each field, with run-ons split."""
    for f in block.fields:
        name, value, line = f.key.strip().lower(), f.value, f.start_line + 1
        while (m := _RUN_ON.search(value)) and value[:1] in "{\"" and _closing(value, 0) == m.start():
            notes.append(("warning", "bibtex-missing-comma",
                          f"no comma between fields '{name}' and '{m[1].lower()}'; "
                          "read as two fields", name))
            yield name, value[:m.start() + 1], line
            line += value[:m.start(1)].count("\n")
            name, value = m[1].lower(), value[m.end():]
        yield name, value, line


def expand(value: str, macros: dict[str, str]) -> tuple[str, list[str]]:
    """A field value as written -> its text: delimiters removed, macros expanded, ``#`` joined.

    Returns the text (LaTeX still in it) and the names of undefined macros.
    """
    value = value.strip()
    if "#" not in value and "%" not in value:  # the usual case: one string, number or macro
        if len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
            return value[1:-1], []
        return _word(value, macros)
    parts, missing, i, n = [], [], 0, len(value)
    while i < n:
        ch = value[i]
        if ch in " \t\n#":
            i += 1
        elif ch == "%":  # a comment after the value (biber reads them)
            end = value.find("\n", i)
            i = n if end < 0 else end
        elif ch == "{" or ch == '"':
            end = _closing(value, i)
            parts.append(value[i + 1:end])
            i = end + 1
        else:
            end = value.find("#", i)
            end = n if end < 0 else end
            text, undefined = _word(value[i:end].strip(), macros)
            parts.append(text)
            missing += undefined
            i = end
    return "".join(parts), missing


def _word(word: str, macros: dict[str, str]) -> tuple[str, list[str]]:
    if not word or word.isdigit():
        return word, []
    known = macros.get(word.lower())
    return (known, []) if known is not None else (word, [word])


def _closing(value: str, start: int) -> int:
    """Index of the delimiter closing the ``{`` or ``"`` at ``start`` (or the end)."""
    depth = 0
    quote = value[start] == '"'
    for i in range(start + 1, len(value)):
        ch = value[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0 and not quote:
                return i
            depth -= 1
        elif ch == '"' and quote and depth == 0:
            return i
    return len(value)


def _region(blocks: list, i: int, lines: list[str]) -> str:
    """The text from a failed block's line to the next block that bibtexparser read."""
    start = blocks[i].start_line
    end = next((b.start_line for b in blocks[i + 1:]
                if not isinstance(b, ImplicitComment) and b.start_line > start), len(lines))
    return "\n".join(lines[start:end])


def _retry(block: ParsingFailedBlock, region: str, state: _State, offset: int) -> RawEntry | Failed:
    """A second reading of a failed block, after undoing one known fault, else Failed."""
    attempts = []
    if "%" in region:
        attempts.append((_COMMENT.sub(r"\1", region), "bibtex-comment",
                         "'%' comments inside an entry (biber reads them; BibTeX does not)"))
    if '"' in region and (braced := quotes_to_braces(region)):
        attempts.append((braced, "bibtex-quotes", "'\"' inside a brace group of a quoted value"))
    if "{" in region and (dropped := stray_braces_dropped(region)):
        attempts.append((dropped[0], "bibtex-stray-brace",
                         f"unmatched braces dropped from {', '.join(dropped[1])}"))
    if _NO_KEY.match(region.lstrip()):
        attempts.append((_NO_KEY.sub(r"\1,\2", region.lstrip(), count=1), "bibtex-no-key",
                         "entry has no citation key"))
    for fixed, code, message in attempts:
        try:
            library = bibtexparser.parse_string(fixed, parse_stack=[])
        except Exception:  # noqa: BLE001 - the first failure is the one to report
            continue
        if len(library.entries) == 1 and not library.failed_blocks:
            entry = _from_bibtexparser(library.entries[0], state.macros, block.start_line + offset)
            entry.raw = region.strip()
            if code not in ("bibtex-no-key", "bibtex-quotes"):  # valid BibTeX: nothing to warn of
                entry.notes.append(("warning", code, message + "; read anyway", None))
            state.first_use(entry)
            return entry
    return Failed(_failure(block, state.path, offset), block.raw or region)


def _failure(block: ParsingFailedBlock, path: str, offset: int) -> Diagnostic:
    head = (block.raw or "").strip().split("\n", 1)[0][:60]
    reason = getattr(block.error, "abort_reason", None) or str(block.error) or "syntax error"
    unterminated = "end of file" in reason or "Unexpected block start" in reason
    code = "bibtex-unterminated" if unterminated else "bibtex-syntax"
    what = "is not closed" if unterminated else "could not be read"
    return Diagnostic("error", code, f"entry '{head}' {what}: {reason.strip()}",
                      Location(path, block.start_line + 1 + offset))
