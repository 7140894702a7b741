"""BibTeX and BibLaTeX files: ``@type{key, field = {value}, ...}`` entries.

The text streams in: ``bibtex_scan`` cuts it into blocks and reads those of
the usual shape itself; any other block goes to bibtexparser 2
(``bibtex_fallback``). ``bibtex_entry`` expands ``@string`` macros (from where
they are defined on) and ``#`` concatenation; ``bibtex_crossref`` resolves
``crossref`` and ``xdata`` (an entry that inherits comes out once its parents
are read, so after them when they follow it); ``bibtex_fields`` turns each
entry into a CSL record, one at a time. A repeated key or a repeated field is
a warning on a record that is kept. ``@xdata`` entries only lend fields to
others and are not records. ``@preamble`` and ``@comment`` are skipped: they
hold no references.

With ``defer`` (the parent of ``--jobs``), an entry that ``bibtex_plain`` finds
plain after one look is handed on as its text, with its line, the macros in
force and the line its key was first used on; everything else is read here as
without ``defer``, so the records and their notes are the same either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fieldmaps.bibtex import DATA_ONLY_TYPES, MONTH_MACROS
from ..key_table import KeyTable
from ..model import Diagnostic, Failed, Location, Record, Source
from .bibtex import FORMAT
from .bibtex_crossref import Index, Inherited, Parents, RawEntry
from .bibtex_entry import ReadState, duplicate_key, raw_entry
from .bibtex_fields import to_record
from .bibtex_plain import plain_entry
from .bibtex_scan import Scanned, Unread, scan, segments
from .stream import Deferred, TextStream, later

_DIALECTS = (  # exporting tool -> its mark in the file
    ("jabref", re.compile(r"@comment\{jabref-meta:|^% Encoding: ", re.I | re.M)),
    ("mendeley", re.compile(r"Mendeley Desktop|mendeley-tags\s*=", re.I)),
    ("bibdesk", re.compile(r"BibDesk|bdsk-(?:url|file)-\d", re.I)),
    ("scopus", re.compile(r"source\s*=\s*\{Scopus\}", re.I)),
    ("wos", re.compile(r"unique-id\s*=\s*\{(?:ISI|WOS):", re.I)),
)


def read(text: str | TextStream, path: str = "<input>", defer: bool = False) -> Iterator[Record | Failed]:
    """BibTeX and BibLaTeX (@string macros, crossref/xdata, LaTeX decoded to Unicode)."""
    stream = TextStream.of(text)
    dialect = _dialect(stream.head() + "\n" + stream.tail())
    wanted = _wanted(stream)
    parents = Parents(wanted)
    state = ReadState(dict(MONTH_MACROS), KeyTable(), path)
    plain = defer and wanted is not None  # else every entry may be a parent: all read here
    for segment, line in segments(stream.pieces()):
        if plain and (key := plain_entry(segment, wanted)) is not None:
            first = state.keys.first(key, line)
            yield Deferred(_plain_record, (segment, line, state.lend(), first, path, dialect))
            continue
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


def _read_block(block: Scanned | Unread, state: ReadState) -> Iterator[RawEntry | Failed]:
    """The entries of one block; an @string goes into the macros."""
    if isinstance(block, Unread):
        from .bibtex_fallback import with_bibtexparser  # bibtexparser loads for such a block only

        yield from with_bibtexparser(block, state)
    elif block.kind == "string":
        name, value, _ = block.fields[0]
        state.define(name, value)
    else:
        entry = raw_entry(block.key, block.type, block.line, block.raw, block.fields, state.macros)
        if not entry.repeated:  # bibtexparser does not index an entry with a repeated field
            state.first_use(entry)
        yield entry


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




def _plain_record(segment: str, line: int, macros: dict[str, str], first: int, path: str,
                  dialect: str | None) -> Record | Failed:
    """The record of an entry ``bibtex_plain`` let through unread (in a ``--jobs`` worker): what
    reading it in order gives, its key first seen at line ``first``."""
    block = scan(segment, line)
    if not isinstance(block, Scanned) or block.kind != "entry":
        raise ValueError(f"entry at line {line} was not read as its first look promised")
    entry = raw_entry(block.key, block.type, line, block.raw, block.fields, macros)
    note = duplicate_key(entry.key, first, line)
    if note:
        entry.notes.append(note)
    return _record(entry, Index().resolve(entry), path, dialect)
