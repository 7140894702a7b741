"""The blocks the fast scanner leaves alone, read by bibtexparser 2, and a second try at
those it fails on.

bibtexparser reads a block with no middlewares (its LaTeX and name middlewares
are 14-17x slower than the split). A block it cannot read is a ``Failed`` with
its line, unless a second reading works after undoing one known fault: biber's
``%`` comments inside an entry, ``"`` inside a brace group of a quoted value,
stray braces in an entry written one field a line, or an entry with no key.
A missing comma between two fields is read as two fields, with a warning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import bibtexparser
from bibtexparser.model import (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry,
                                ImplicitComment, ParsingFailedBlock, String)

from ..model import Diagnostic, Failed, Location
from .bibtex_crossref import RawEntry
from .bibtex_entry import ReadState, closing, raw_entry
from .bibtex_lines import stray_braces_dropped
from .bibtex_quotes import quotes_to_braces
from .bibtex_scan import Unread

# bibtexparser logs each failed block; they come back to the caller as Failed instead.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)

_COMMENT = re.compile(r"(?m)(^|[\s,}])%[^\n]*")  # not 100\% nor a URL's %20
# A broken @comment is text (BibTeX skips it); a broken @string shows as undefined macros.
_NOT_ENTRY = re.compile(r"\s*@\s*(?:comment|string|preamble)\b", re.I)
_RUN_ON = re.compile(r'[}"][ \t]*\n\s*([A-Za-z][\w:-]*)\s*=\s*')  # a missing comma
_NO_KEY = re.compile(r"^(@\s*\w+\s*[{(])(\s*\w[\w-]*\s*=)")


def with_bibtexparser(block: Unread, state: ReadState) -> Iterator[RawEntry | Failed]:
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
            state.define(inner.key, inner.value)
        elif isinstance(inner, Entry):
            entry = _from_bibtexparser(inner, state.macros, offset)
            if not isinstance(item, DuplicateFieldKeyBlock):
                state.first_use(entry)
            yield entry
        elif isinstance(item, ParsingFailedBlock) and not _NOT_ENTRY.match(item.raw or ""):
            lines = lines if lines is not None else block.text.split("\n")
            yield _retry(item, _region(blocks, i, lines), state, offset)


def _from_bibtexparser(block: Entry, macros: dict[str, str], line_offset: int = 0) -> RawEntry:
    notes: list = []
    fields = [(name, value, line + line_offset) for name, value, line in _fields(block, notes)]
    entry = raw_entry(block.key.strip(), block.entry_type.lower(), block.start_line + 1 + line_offset,
                      block.raw or "", fields, macros)
    entry.notes[:0] = notes
    return entry


def _fields(block: Entry, notes: list) -> Iterator[tuple[str, str, int]]:
    """(name, value as written, 1-based line) of each field, with run-ons split."""
    for f in block.fields:
        name, value, line = f.key.strip().lower(), f.value, f.start_line + 1
        while (m := _RUN_ON.search(value)) and value[:1] in "{\"" and closing(value, 0) == m.start():
            notes.append(("warning", "bibtex-missing-comma",
                          f"no comma between fields '{name}' and '{m[1].lower()}'; "
                          "read as two fields", name))
            yield name, value[:m.start() + 1], line
            line += value[:m.start(1)].count("\n")
            name, value = m[1].lower(), value[m.end():]
        yield name, value, line


def _region(blocks: list, i: int, lines: list[str]) -> str:
    """The text from a failed block's line to the next block that bibtexparser read."""
    start = blocks[i].start_line
    end = next((b.start_line for b in blocks[i + 1:]
                if not isinstance(b, ImplicitComment) and b.start_line > start), len(lines))
    return "\n".join(lines[start:end])


def _retry(block: ParsingFailedBlock, region: str, state: ReadState, offset: int) -> RawEntry | Failed:
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
