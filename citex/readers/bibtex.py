"""BibTeX and BibLaTeX files: ``@type{key, field = {value}, ...}`` entries.

bibtexparser 2 splits the file into blocks (with no middlewares: its LaTeX
and name middlewares are 14-17x slower than the split). This module expands
``@string`` macros and ``#`` concatenation itself, resolves ``crossref`` and
``xdata`` (``bibtex_crossref``), and turns each entry into a CSL record
(``bibtex_fields``), one at a time. A block bibtexparser could not read is a
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
from ..model import Diagnostic, Failed, Location, Record, Source
from ..registry import READERS
from .bibtex_crossref import Index, RawEntry
from .bibtex_fields import to_record

FORMAT = "bibtex"
# bibtexparser logs each failed block; they come back to the caller as Failed instead.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)

_BLOCK_START = re.compile(r"(?m)^[ \t]*@")
_COMMENT = re.compile(r"(?m)(^|[\s,}])%[^\n]*")  # not 100\% nor a URL's %20
# A broken @comment is text (BibTeX skips it); a broken @string shows as undefined macros.
_NOT_ENTRY = re.compile(r"\s*@\s*(?:comment|string|preamble)\b", re.I)
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
                  sniff=r"(?m)^\s*@[A-Za-z]+\s*[{(]")
def read(text: str, path: str = "<input>") -> Iterator[Record | Failed]:
    """BibTeX and BibLaTeX (@string macros, crossref/xdata, LaTeX decoded to Unicode)."""
    library, broken = _parse(text, path)
    macros = _macros(library.blocks)
    dialect = _dialect(text)
    items = list(_entries(library.blocks, text, macros, path))
    if broken:
        items = sorted(items + broken, key=_line)
    index = Index([item for item in items if isinstance(item, RawEntry)])
    for item in items:
        if isinstance(item, Failed):
            yield item
        elif item.type not in DATA_ONLY_TYPES:
            try:
                yield _record(item, index, path, dialect)
            except Exception as exc:  # noqa: BLE001 - a bug here must cost one record, not the file
                yield Failed(Diagnostic("error", "bibtex-internal",
                                        f"entry '{item.key}' could not be converted ({exc!r})",
                                        Location(path, item.line)), item.raw)


def _parse(text: str, path: str) -> tuple[bibtexparser.Library, list[Failed]]:
    """bibtexparser's blocks; if it raises (a bug of its own), the blocks it fails on are
    blanked out (their lines kept) and reported, and the rest is read."""
    try:
        return bibtexparser.parse_string(text, parse_stack=[]), []
    except Exception:  # noqa: BLE001 - any bug in the parser must not stop the file
        pass
    starts = [m.start() for m in _BLOCK_START.finditer(text)] + [len(text)]
    pieces, broken = [text[:starts[0]]], []
    for start, end in zip(starts, starts[1:]):
        chunk = text[start:end]
        try:
            bibtexparser.parse_string(chunk, parse_stack=[])
        except Exception as exc:  # noqa: BLE001
            line = text.count("\n", 0, start) + 1
            broken.append(Failed(Diagnostic(
                "error", "bibtex-parser", f"bibtexparser could not read this block ({exc!r})",
                Location(path, line)), chunk))
            chunk = "\n" * chunk.count("\n")
        pieces.append(chunk)
    try:
        return bibtexparser.parse_string("".join(pieces), parse_stack=[]), broken
    except Exception as exc:  # noqa: BLE001
        whole = Failed(Diagnostic("error", "bibtex-parser",
                                  f"bibtexparser could not read this file ({exc!r})",
                                  Location(path, 1)), text)
        return bibtexparser.Library(), [whole]


def _line(item: RawEntry | Failed) -> int:
    if isinstance(item, Failed):
        return item.diagnostic.location.line or 0
    return item.line


def _dialect(text: str) -> str | None:
    """The tool that wrote the file, from its marks in the first or last 4 KB."""
    ends = text if len(text) <= 8192 else text[:4096] + "\n" + text[-4096:]
    return next((name for name, mark in _DIALECTS if mark.search(ends)), None)


def _record(entry: RawEntry, index: Index, path: str, dialect: str | None) -> Record:
    source = Source(FORMAT, path, entry.line, entry.raw, dialect=dialect)
    data = index.resolve(entry)
    rec = to_record(entry, data, source)
    for level, code, message, name in entry.notes + data.notes:
        rec.report(level, code, message, name)
    return rec


def _macros(blocks: list) -> dict[str, str]:
    """@string macros by lower-case name; a later definition wins, as in BibTeX."""
    macros = dict(MONTH_MACROS)
    for block in blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            block = block.ignore_error_block
        if isinstance(block, String):
            macros[block.key.strip().lower()] = expand(block.value, macros)[0]
    return macros


def _entries(blocks: list, text: str, macros: dict[str, str], path: str) -> Iterator[RawEntry | Failed]:
    lines: list[str] | None = None
    for i, block in enumerate(blocks):
        if isinstance(block, Entry):
            yield _raw_entry(block, macros)
        elif isinstance(block, DuplicateBlockKeyBlock):
            inner = block.ignore_error_block
            if isinstance(inner, Entry):
                entry = _raw_entry(inner, macros)
                if inner.key.strip():
                    previous = block.previous_block.start_line
                    entry.notes.append((
                        "warning", "bibtex-duplicate-key",
                        f"key '{inner.key}' is used again (first at line {previous + 1}); "
                        "this record is kept too", None))
                yield entry
        elif isinstance(block, DuplicateFieldKeyBlock):
            yield _raw_entry(block.ignore_error_block, macros)
        elif isinstance(block, ParsingFailedBlock) and not _NOT_ENTRY.match(block.raw or ""):
            lines = lines if lines is not None else text.split("\n")
            yield _retry(block, _region(blocks, i, lines), macros, path)


def _raw_entry(block: Entry, macros: dict[str, str], line_offset: int = 0) -> RawEntry:
    entry = RawEntry(key=block.key.strip(), type=block.entry_type.lower(), fields={}, lines={},
                     line=block.start_line + 1 + line_offset, raw=block.raw or "")
    undefined: list[str] = []
    for name, written, line in _fields(block, entry):
        value, missing = expand(written, macros)
        undefined += missing
        if name in entry.fields:
            if name not in entry.repeated:
                entry.notes.append(("warning", "bibtex-duplicate-field",
                                    f"field '{name}' is given more than once; the first value "
                                    "is used, the others are kept in extra", name))
            entry.repeated.setdefault(name, []).append(value)
            continue
        entry.fields[name] = value
        entry.lines[name] = line + line_offset
    for alias, name in ALIASES.items():  # address -> location, journal -> journaltitle, ...
        if alias in entry.fields and name not in entry.fields:
            entry.fields[name] = entry.fields.pop(alias)
            entry.lines[name] = entry.lines[alias]
            entry.written[name] = alias
    if not entry.key:
        entry.notes.append(("warning", "bibtex-no-key", "entry has no citation key", None))
    for name in dict.fromkeys(undefined):
        entry.notes.append(("warning", "bibtex-undefined-macro",
                            f"@string '{name}' is not defined; its name is kept as text", None))
    return entry


def _fields(block: Entry, entry: RawEntry) -> Iterator[tuple[str, str, int]]:
    """(lower-case name, value as written, 1-based line) of each field, with run-ons split."""
    for f in block.fields:
        name, value, line = f.key.strip().lower(), f.value, f.start_line + 1
        while (m := _RUN_ON.search(value)) and value[:1] in "{\"" and _closing(value, 0) == m.start():
            entry.notes.append(("warning", "bibtex-missing-comma",
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


def _retry(block: ParsingFailedBlock, region: str, macros: dict[str, str],
           path: str) -> RawEntry | Failed:
    """A second reading of a failed block, after undoing one known fault, else Failed."""
    attempts = []
    if "%" in region:
        attempts.append((_COMMENT.sub(r"\1", region), "bibtex-comment",
                         "'%' comments inside an entry (biber reads them; BibTeX does not)"))
    if _NO_KEY.match(region.lstrip()):
        attempts.append((_NO_KEY.sub(r"\1,\2", region.lstrip(), count=1), "bibtex-no-key",
                         "entry has no citation key"))
    for fixed, code, message in attempts:
        try:
            library = bibtexparser.parse_string(fixed, parse_stack=[])
        except Exception:  # noqa: BLE001 - the first failure is the one to report
            continue
        if len(library.entries) == 1 and not library.failed_blocks:
            entry = _raw_entry(library.entries[0], macros, block.start_line)
            entry.raw = region.strip()
            if code != "bibtex-no-key":
                entry.notes.append(("warning", code, message + "; read anyway", None))
            return entry
    return Failed(_failure(block, path), block.raw or region)


def _failure(block: ParsingFailedBlock, path: str) -> Diagnostic:
    head = (block.raw or "").strip().split("\n", 1)[0][:60]
    reason = getattr(block.error, "abort_reason", None) or str(block.error) or "syntax error"
    unterminated = "end of file" in reason or "Unexpected block start" in reason
    code = "bibtex-unterminated" if unterminated else "bibtex-syntax"
    what = "is not closed" if unterminated else "could not be read"
    return Diagnostic("error", code, f"entry '{head}' {what}: {reason.strip()}",
                      Location(path, block.start_line + 1))
