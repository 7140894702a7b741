"""read -> repair -> write, one record at a time, with an account of every record.

Every stage is a generator, so records stream from the reader through the
repairs to the writer and a file of any size converts in constant memory.
A ``Tally`` counts what was read, written and skipped and passes each
diagnostic to the caller as it happens.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, TextIO

from .errors import CitexError
from .inputs import choose_reader, expand, open_text
from .model import Diagnostic, Failed, Location, Record, RepairPolicy
from .readers.stream import TextStream
from .registry import READERS, REPAIRS, WRITERS


@dataclass
class Tally:
    """The account of one run: read N, wrote M, skipped K, and the diagnostics seen."""

    on_diagnostic: Callable[[Diagnostic], None] | None = None
    read: int = 0
    wrote: int = 0
    skipped: int = 0
    merged: int = 0  # duplicates folded into another record (dedupe): neither written nor lost
    unread_files: list[str] = field(default_factory=list)  # files none of whose records could be read
    counts: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})

    def note(self, diagnostic: Diagnostic) -> None:
        self.counts[diagnostic.level] = self.counts.get(diagnostic.level, 0) + 1
        if self.on_diagnostic:
            self.on_diagnostic(diagnostic)

    def skip(self, diagnostic: Diagnostic) -> None:
        self.skipped += 1
        self.note(diagnostic)

    def fail(self, failed: Failed) -> None:
        """A block the reader could not read as a record: what it noted, then why, skipped."""
        for note in failed.notes:
            self.note(note)
        self.skip(failed.diagnostic)

    def __str__(self) -> str:
        text = f"read {self.read}, wrote {self.wrote}, skipped {self.skipped}"
        if self.merged:
            text += f", merged {self.merged} duplicates"
        if self.unread_files:
            n = len(self.unread_files)
            text += f"; {n} file{'s' if n > 1 else ''} not read"
        return text

    @property
    def complete(self) -> bool:
        """True when every record of every input was written."""
        return not self.skipped and not self.unread_files


def loads(text: str, fmt: str | None = None, path: str = "<string>",
          tally: Tally | None = None) -> Iterator[Record]:
    """Records from a string in format ``fmt`` (sniffed when not given)."""
    return read_stream(TextStream.of(text), fmt, path, tally)


def read_stream(stream: TextStream, fmt: str | None = None, path: str = "<string>",
                tally: Tally | None = None, defer: bool = False) -> Iterator[Record]:
    """Records from decoded text arriving piece by piece; the format is sniffed from its head.

    With ``defer``, a reader that can (meta ``defer``) yields ``Deferred`` records, built
    when called (by ``--jobs`` workers); they are counted as read, and as skipped if they
    build to a ``Failed``.
    """
    tally = tally if tally is not None else Tally()
    name = choose_reader(stream.head(), path, fmt)
    entry = READERS.entry(name)
    stream.watch(entry.meta.get("comment"))
    count = 0
    # A reader that does not stream (meta stream=False) gets the whole text.
    text = stream if entry.meta.get("stream") else stream.read()
    items = entry.obj(text, path, defer=True) if defer and entry.meta.get("defer") else entry.obj(text, path)
    for item in items:
        count += 1
        tally.read += 1
        if isinstance(item, Failed):
            tally.fail(item)
        else:
            yield item
    if not count:
        stream.read()  # what the reader left unread still counts as content
        if stream.content:
            # A file with content and no records is a wrong format, not an empty bibliography.
            raise CitexError(f"no {name} records found in this file", Location(path), code="no-records")


def load(paths: Iterable[str], fmt: str | None = None, tally: Tally | None = None,
         defer: bool = False) -> Iterator[Record]:
    """Records from files and folders, in order. A file that cannot be read is reported and passed.

    Each file is read and decoded a piece at a time as its records are read, so memory
    does not grow with the file.
    """
    tally = tally if tally is not None else Tally()
    for path in expand(list(paths)):
        name = str(path)
        try:
            raw = sys.stdin.buffer if name == "-" else open(path, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            tally.unread_files.append(name)
            tally.note(Diagnostic("error", "unreadable", exc.strerror or str(exc), Location(name)))
            continue
        try:
            yield from read_stream(open_text(raw, name, tally.note), fmt, name, tally, defer)
        except CitexError as exc:
            if exc.exit_code == 2:  # an unknown --from name: nothing can be read
                raise
            tally.unread_files.append(name)
            tally.note(Diagnostic("error", exc.code, exc.message, exc.location or Location(name)))
        except OSError as exc:  # a read error part way (a directory, a device gone)
            tally.unread_files.append(name)
            tally.note(Diagnostic("error", "unreadable", exc.strerror or str(exc), Location(name)))
        except Exception as exc:  # a reader's bug: reported with the file, the other files still read
            tally.unread_files.append(name)
            tally.note(Diagnostic("error", "reader-failed", f"the {fmt or 'detected'} reader failed "
                                  f"({_one_line(exc)}); the rest of this file was not read",
                                  Location(name)))
        finally:
            if raw is not sys.stdin.buffer:
                raw.close()


def _one_line(exc: Exception) -> str:
    """An unexpected exception for a diagnostic: its type and the start of its message, on one line."""
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"


DEFAULT_MIN_CONFIDENCE = 0.9


def selected(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """Whether a rule id or diagnostic code is chosen by ``select``/``ignore`` prefixes (as ruff)."""
    select, ignore = list(select), list(ignore)
    if select and not any(code.startswith(p) for p in select):
        return False
    return not any(code.startswith(p) for p in ignore)


def repair(records: Iterable[Record], rules: Iterable[str] | None = None, *,
           select: Iterable[str] = (), ignore: Iterable[str] = (),
           min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Iterator[Record]:
    """Apply the repair rules (all, or those named; filtered by id prefixes) to each record.

    A rule's change whose confidence (registered with the rule, or given to
    ``Record.fix``) is below ``min_confidence`` is only proposed, never applied.
    """
    apply = repairer(rules, select=select, ignore=ignore, min_confidence=min_confidence)
    for rec in records:
        apply([rec])
        yield rec


def repairer(rules: Iterable[str] | None = None, *, select: Iterable[str] = (), ignore: Iterable[str] = (),
             min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Callable[[list[Record]], None]:
    """``repair`` of a list of records at once, in place, the rules chosen once.

    Each record gets the rules in their order, as from ``repair``. A list of several gets
    them a module's rules at a time: the first module's rules on every record, then the
    next module's; the records do not depend on each other, and each module's code stays in
    the processor's cache (a ``--jobs`` worker's chunks: 4-6% less CPU at 100k).
    """
    entries = [REPAIRS.entry(name) for name in rules] if rules is not None else list(REPAIRS)
    select, ignore = list(select), list(ignore)
    from .repairs.preconditions import precondition

    # Each rule's policy and precondition are made once, not once per record.
    chosen = [(e.name, e.obj, RepairPolicy(min_confidence, e.meta.get("confidence", 1.0)), *precondition(e.meta))
              for e in entries if selected(e.name, select, ignore)]
    bands = [list(band) for _, band in groupby(chosen, key=lambda rule: rule[1].__module__)]

    def apply(records: list[Record]) -> None:
        for band in bands if len(records) > 1 else (chosen,):
            for rec in records:
                present = rec.fields.keys()  # a live view: fixes add and remove fields in place
                for name, rule, policy, first, others, clue in band:
                    # A rule is not called for a record it cannot change (see ``precondition``).
                    if first is not None and (first not in present and (others is None or present.isdisjoint(others))
                                              or clue is not None and (value := rec.fields.get(first)).__class__ is str
                                              and not clue(value)):
                        continue
                    rec.policy = policy
                    try:
                        rule(rec)
                    except Exception as exc:  # a rule's bug must not stop the run: the record goes on unrepaired by it
                        rec.report("error", "repair-failed", f"repair rule {name} failed: {_one_line(exc)}")
        for rec in records:
            rec.policy = _NO_POLICY

    return apply


_NO_POLICY = RepairPolicy()  # outside the repairs every fix applies; shared, never changed


def dump(records: Iterable[Record], out: TextIO, to: str, tally: Tally | None = None,
         on_record: Callable[[Record], None] | None = None, **options: Any) -> Tally:
    """Write records to ``out`` with writer ``to``; each gets a unique citation key first."""
    from .keys import CitationKeys

    tally = tally if tally is not None else Tally()
    keys = CitationKeys(pattern=options.pop("key_pattern", None), rekey=options.pop("rekey", False))
    writer = WRITERS.get(to)(out, **options)
    writer.begin()
    for rec in records:
        write_one(rec, keys, writer, to, tally, on_record)
    return finish(writer, tally)


def finish(writer: Any, tally: Tally) -> Tally:
    """End ``writer`` and count what a buffering writer wrote, skipped and noticed at the end."""
    writer.end()
    for diagnostic in writer.skipped:  # records a buffering writer could not write
        tally.skip(diagnostic)
    for diagnostic in getattr(writer, "notes", ()):  # what a buffering writer noticed about the whole set
        tally.note(diagnostic)
    if writer.buffers:
        tally.wrote = tally.read - tally.skipped - tally.merged
    return tally


def write_one(rec: Record, keys: Any, writer: Any, to: str, tally: Tally,
              on_record: Callable[[Record], None] | None) -> None:
    """Give one record its key and write it; a failure skips that record only."""
    try:
        keys.assign(rec)
        writer.write(rec)
    except Exception as exc:  # one bad record must not stop the others
        message = exc.message if isinstance(exc, CitexError) else f"{type(exc).__name__}: {exc}"
        rec.diagnostics.append(Diagnostic("error", f"write-{to}", f"record not written: {message}",
                                          rec.source.location()))
        tally.skipped += 1
        return
    finally:  # after writing, so that what the writer noticed is reported too
        for diagnostic in rec.diagnostics:
            tally.note(diagnostic)
    if on_record:
        on_record(rec)
    if not writer.buffers:
        tally.wrote += 1


def dumps(records: Iterable[Record], to: str, **options: Any) -> str:
    """Records written with writer ``to``, as a string."""
    out = io.StringIO()
    dump(records, out, to, **options)
    return out.getvalue()


def deduped(records: list[Record], dedupe: Callable[[list[Record]], list[Record]],
            tally: Tally) -> list[Record]:
    """The records ``dedupe`` keeps; those it merged into another are counted in ``tally.merged``."""
    kept = dedupe(records)
    tally.merged += len(records) - len(kept)
    return kept


def convert(paths: Iterable[str], out: TextIO, to: str, *, fmt: str | None = None,
            repairs: bool = True, tally: Tally | None = None,
            on_record: Callable[[Record], None] | None = None,
            repair_options: dict[str, Any] | None = None,
            dedupe: Callable[[list[Record]], list[Record]] | None = None, jobs: int = 1,
            **options: Any) -> Tally:
    """The whole job: read the inputs, repair each record, write them in input order.

    ``repair_options`` go to ``repair`` (``select``, ``ignore``, ``min_confidence``);
    ``dedupe`` (e.g. ``lambda recs: citex.dedupe.dedupe(recs)[0]``) gets every record at
    once, after the repairs, and returns those to write. ``jobs`` > 1 spreads the
    repairs and the rendering over that many processes (see citex.parallel; POSIX only:
    elsewhere the work is done in this process, the same way).
    """
    tally = tally if tally is not None else Tally()
    WRITERS.entry(to)  # an unknown writer or reader is a usage error before anything is read
    if fmt:
        READERS.entry(fmt)
    if jobs > 1 and os.name == "posix":
        from .parallel import convert_in_processes

        return convert_in_processes(list(paths), out, to, jobs=jobs, fmt=fmt, repairs=repairs,
                                    tally=tally, on_record=on_record,
                                    repair_options=repair_options or {}, dedupe=dedupe, **options)
    records = load(paths, fmt, tally)
    if repairs:
        records = repair(records, **(repair_options or {}))
    if dedupe:
        records = iter(deduped(list(records), dedupe, tally))
    return dump(records, out, to, tally, on_record, **options)
