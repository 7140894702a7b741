"""``convert`` over several processes (``--jobs N``), with the output and account of one.

The parent reads the inputs and sends the records, in chunks, to worker
processes, which repair them and render each one with a placeholder for its
key. A reader that can (BibTeX, RIS, MEDLINE, PubMed XML) leaves the building of each
record to the workers too: the parent only splits the text into records and
does what spans them (macros, crossref), so reading is spread over the jobs. The parent then gives each record its unique key, in input order, and
writes the rendered text with the key put in. Only the parent holds what spans
records (the keys used, the writer's count), so the output is byte for byte
that of one process. A record whose text cannot be used as it is (its key is
not plain text, the writer failed on it, an earlier record was skipped) is
written again by the parent, the way one process writes it. A writer that
needs the whole set (a formatted bibliography), and ``dedupe``, get repaired
records from the workers and write in the parent.

Diagnostics are shown in the order one process shows them: what the reader
reports while the next record is read is held back until the records before
it are written. At most ``4 * jobs`` chunks are in flight (``process_pool``): memory stays flat.

``auto_jobs`` is the command line's default: the cores, for inputs big enough to pay for
starting the workers.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from typing import Any, TextIO

from .errors import CitexError
from .inputs import expand
from .keys import CitationKeys
from .model import Diagnostic, Failed, Location, Record
from .pipeline import Tally, deduped, finish, load, repairer, write_one
from .process_pool import ordered_map
from .readers.stream import Deferred
from .registry import WRITERS

# Records a task: enough that pickling overhead stays small, few enough that a worker's chunk
# (its records, their repairs and texts) stays in its core's cache. 100k BibTeX -> CSL-JSON,
# medians of three alternating runs: 6.75 s at 50, 6.55 s at 100, 6.95 s at 200.
CHUNK = 100
CHUNK_CHARS = 1 << 20  # ... and at most about this much text: 4 * jobs chunks are in flight
AUTO_BYTES = 1 << 20  # less input than this (~2,000 records) is done sooner by one process
AUTO_MAX = 8

_worker: dict[str, Any] = {}  # the worker process's own keys, writer and options


class _Packed:
    """A rendered record as a worker sends it back: its diagnostics, all the parent needs to
    write its text (unpickling every record cost the parent as much as the workers saved
    it). When the text cannot be used after all (a record before it was skipped, so its
    ``index`` is wrong), the parent builds the record again from its input (``_again``)."""

    __slots__ = ("diagnostics",)

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics

    def __reduce__(self) -> str | tuple:
        # by name, the one without notes (most): a chunk pickles it once, the parent unpickles
        # a reference to it, not an object with a dict of its slots
        return "_CLEAN" if self is _CLEAN else (_Packed, (self.diagnostics,))


_CLEAN = _Packed([])  # shared: never changed (the parent builds a record again to write it itself)


def usable_cores() -> int:
    """The cores this process may use, at most AUTO_MAX."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(cores, AUTO_MAX)


def auto_jobs(paths: list[str]) -> int:
    """``--jobs auto``: the cores this process may use (at most AUTO_MAX) when the input files
    come to AUTO_BYTES or more, else 1 (standard input, whose size is unknown, too)."""
    cores = usable_cores()
    if cores < 2 or "-" in paths or os.name != "posix":  # process_pool is POSIX's
        return 1
    size = 0
    try:
        for path in expand(paths):
            size += path.stat().st_size
            if size >= AUTO_BYTES:
                return cores
    except (OSError, CitexError):  # a file that cannot be read is reported by the run itself
        pass
    return 1


def _start(to: str, options: dict[str, Any], repairs: bool, repair_options: dict[str, Any],
           render: bool, placeholder: str, whole: bool) -> None:
    """A worker's state; ``whole``: the parent wants every record back (it shows each one)."""
    # The parent alone answers Ctrl-C and SIGTERM (the CLI makes SIGTERM an interrupt, to remove
    # its temporary file); a worker that inherited that would outlive Pool.terminate().
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    options = dict(options)
    keys = CitationKeys(pattern=options.pop("key_pattern", None), rekey=options.pop("rekey", False))
    out = _Written()
    writer = WRITERS.get(to)(out, **options) if render else None
    _worker.update(keys=keys, out=out, writer=writer, repair=repairer(**repair_options) if repairs else None,
                   render=render, placeholder=placeholder, pack=render and not whole)
    _warm(repairs, writer)


def _warm(repairs: bool, writer: Any) -> None:
    """What the first records would load, loaded while the parent reads them: ftfy's test for
    mojibake (the text rules and ``fold`` ask it about text beyond ASCII), the journal table, and
    pylatexenc's table for a writer of ASCII LaTeX."""
    if repairs:
        from .repairs.journal_names import table
        from .textnorm import fix_encoding

        fix_encoding("")  # ftfy's test and its one-class shortcut, not ftfy
        table()
    if getattr(writer, "ascii", False):
        from .latex import encoder
        encoder()


class _Written:
    """A worker's writer's output: what it wrote for one record, as it wrote it (a StringIO kept
    four bytes a character, and made a string of them again for each record)."""

    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)


def _work(chunk: list, start: int) -> list[tuple[Record | _Packed | Failed, int, str | None, str | None]]:
    """Each record built (if the reader deferred it) and repaired, with (diagnostics before
    its key, base key, text or None); a record that could not be built comes back Failed,
    one whose text the parent can write as it is comes back packed."""
    w = _worker
    built = [_build(item) if isinstance(item, Deferred) else item for item in chunk]
    good = [rec for rec in built if isinstance(rec, Record)]
    # Stage by stage over the chunk (all built, all repaired, then all written), not record by
    # record: each stage's code stays in the processor's cache. RIS -> BibTeX at 100k took 9%
    # less time so than with the repairs interleaved with the writing.
    if w["repair"] is not None:
        w["repair"](good)  # in place
    results: list[tuple[Record | _Packed | Failed, int, str | None, str | None]] = []
    index = start
    for rec in built:
        if not isinstance(rec, Record):
            results.append((rec, 0, None, None))
            continue
        mark, base, text = len(rec.diagnostics), None, None
        if w["render"]:
            own_id = rec.id
            try:
                base = w["keys"].base(rec)
                rec.id = w["placeholder"]
                w["writer"].count = index  # what one process's writer would have counted
                w["out"].parts.clear()
                w["writer"].write(rec)
                text = "".join(w["out"].parts)
            except Exception:  # the parent writes this record again and reports the failure
                base = text = None
            rec.id = own_id
            if text is not None and not _usable(base, text, w["placeholder"], w["writer"]):
                text = None  # the parent writes this one itself
        if w["pack"] and text is not None:
            rec = _Packed(rec.diagnostics) if rec.diagnostics else _CLEAN
        results.append((rec, mark, base, text))
        index += 1
    if not w.get("frozen"):
        # What the worker keeps from here on (modules, tables and caches loaded by the first
        # chunk) is set aside from the collector's full passes, which would otherwise go over
        # all of it again and again (a few % of a worker's time); what the chunk left is
        # collected first, so no garbage is set aside with it.
        gc.collect()
        gc.freeze()
        w["frozen"] = True
    return results


def _build(item: Deferred) -> Record | Failed:
    try:
        return item()
    except Exception as exc:  # a reader's bug costs this record only
        return Failed(Diagnostic("error", "reader-failed", f"record not read ({type(exc).__name__}: "
                                 f"{' '.join(str(exc).split())[:200]})", Location("")), "")


class _HeldNotes:
    """The tally's diagnostic callback: holds what the reader reports until its turn comes."""

    def __init__(self, show: Callable[[Diagnostic], None] | None):
        self.show = show
        self.reading = False
        self.held: list[Diagnostic] = []

    def __call__(self, diagnostic: Diagnostic) -> None:
        if self.reading:
            self.held.append(diagnostic)
        elif self.show:
            self.show(diagnostic)

    def release(self, notes: Sequence[Diagnostic]) -> None:
        for diagnostic in notes:
            if self.show:
                self.show(diagnostic)

    def take(self) -> Sequence[Diagnostic]:
        if not self.held:  # most records: no list of their own
            return ()
        notes, self.held = self.held, []
        return notes


def _size(item: Record | Deferred | Failed) -> int:
    """About how much text a record is: a deferred one's text, a built one's string fields."""
    values = item.args if isinstance(item, Deferred) else item.fields.values() if isinstance(item, Record) else ()
    return sum([len(v) for v in values if isinstance(v, str)])


def _chunks(records: Iterator[Record], notes: _HeldNotes) -> Iterator[tuple[list[Record], list[list]]]:
    """Chunks of records, each record with the reader's notes shown before it."""
    chunk: list[Record] = []
    before: list[Sequence[Diagnostic]] = []
    size = 0
    while True:
        notes.reading = True
        try:
            rec = next(records, None)
        finally:
            notes.reading = False
        if rec is None:
            break
        chunk.append(rec)
        before.append(notes.take())
        size += _size(rec)
        if len(chunk) == CHUNK or size >= CHUNK_CHARS:
            yield chunk, before
            chunk, before, size = [], [], 0
    if chunk:
        yield chunk, before


def convert_in_processes(paths: list[str], out: TextIO, to: str, *, jobs: int, fmt: str | None,
                         repairs: bool, tally: Tally, on_record: Callable[[Record], None] | None,
                         repair_options: dict[str, Any],
                         dedupe: Callable[[list[Record]], list[Record]] | None,
                         **options: Any) -> Tally:
    """``pipeline.convert`` with repairs and rendering spread over ``jobs`` processes."""
    writer_options = dict(options)
    keys = CitationKeys(pattern=writer_options.pop("key_pattern", None),
                        rekey=writer_options.pop("rekey", False))
    writer = WRITERS.get(to)(out, **writer_options)
    render = not writer.buffers and dedupe is None
    placeholder = "citexkey" + os.urandom(16).hex()  # what uuid4 is made of, without its import (2 ms)
    notes = _HeldNotes(tally.on_diagnostic)
    tally.on_diagnostic = notes
    import multiprocessing  # here: --jobs auto on a small input never loads it

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    writer.begin()
    try:
        setup = (to, options, repairs, repair_options, render, placeholder, on_record is not None)
        with closing(_results(_chunks(load(paths, fmt, tally, defer=True), notes), jobs, context,
                              setup)) as results:
            if dedupe:  # every record read and repaired before the first is written
                repaired = []
                for item in results:
                    notes.release(item[5])
                    if isinstance(item[0], Failed):
                        tally.fail(item[0])
                    else:
                        repaired.append(item[0])
                notes.release(notes.take())
                results = ((rec, 0, len(rec.diagnostics), None, None, [], None) for rec in
                           deduped(repaired, dedupe, tally))
            for rec, index, mark, base, text, before, item in results:
                notes.release(before)
                if isinstance(rec, Failed):  # a deferred record that could not be built
                    tally.fail(rec)
                    continue
                if text is not None and _in_turn(writer, index):
                    _write_rendered(rec, base, text, placeholder, keys, writer, tally, on_record)
                    continue
                if isinstance(rec, _Packed):  # its text was rendered at the wrong count
                    rec = _again(item, repairs, repair_options)
                del rec.diagnostics[mark:]
                write_one(rec, keys, writer, to, tally, on_record)
        notes.release(notes.take())
    finally:
        tally.on_diagnostic = notes.show
    return finish(writer, tally)


def _results(chunks: Iterator, jobs: int, context: Any, setup: tuple) -> Iterator[tuple]:
    """The workers' results in input order, with at most ``4 * jobs`` chunks in flight."""
    given: deque = deque()  # (start, notes, chunk) of each chunk given to a worker
    # The workers fork before the first chunk is read, and load the rules' modules and what the
    # first records need (``_start``) while the parent loads its reader and reads: loaded
    # before the fork, those were the parent's alone to do, one core idle meanwhile (real RIS
    # exports, 10k: the workers forked 35 ms sooner).

    def tasks() -> Iterator[tuple[list, int]]:
        start = 0
        for chunk, before in chunks:
            given.append((start, before, chunk))
            yield chunk, start
            start += len(chunk)

    for result in ordered_map(_work, tasks(), jobs=jobs, context=context, initializer=_start,
                              initargs=setup):
        start, before, chunk = given.popleft()
        for index, ((rec, mark, base, text), notes, item) in enumerate(zip(result, before, chunk), start):
            yield rec, index, mark, base, text, notes, item


def _again(item: Record | Deferred, repairs: bool, repair_options: dict[str, Any]) -> Record:
    """A record a worker sent packed, built and repaired again by the parent, which must write
    it itself: the same input gives the same record. (A Record the reader gave is the parent's
    own copy, untouched: the worker repaired one unpickled from it.)"""
    rec = _build(item) if isinstance(item, Deferred) else item
    assert isinstance(rec, Record), "the worker built this record: so does the parent"
    if repairs:
        repairer(**repair_options)([rec])
    return rec


def _usable(base: str, text: str, placeholder: str, writer: Any) -> bool:
    """Whether a worker's text can be written with the key put in as it is: the writer writes
    this key as it wrote the placeholder, which the text holds once."""
    return writer.plain_key.fullmatch(base) is not None and text.count(placeholder) == 1


def _in_turn(writer: Any, index: int) -> bool:
    """Whether a worker's text, rendered as record ``index``, is what the writer would write
    now. A record before it that was not written (a writer's skip) makes the worker's guess
    of a counting writer's count wrong; for most writers only "first or not" matters."""
    count = getattr(writer, "count", None)
    if count is None or count == index:
        return True
    return writer.first_only and (count == 0) == (index == 0)


def _write_rendered(rec: Record | _Packed, base: str, text: str, placeholder: str,
                    keys: CitationKeys, writer: Any, tally: Tally,
                    on_record: Callable[[Record], None] | None) -> None:
    """Write a worker's text with the record's unique key put in."""
    key = keys.unique(base)
    if isinstance(rec, Record):
        rec.id = key
    writer.out.write(text.replace(placeholder, key))
    if getattr(writer, "count", None) is not None:
        writer.count += 1
    for diagnostic in rec.diagnostics:
        tally.note(diagnostic)
    if on_record:
        on_record(rec)
    tally.wrote += 1
