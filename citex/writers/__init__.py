"""Writers consume records one at a time and write them to a text stream.

A writer is a class registered with ``WRITERS.register(name, extension=...)``
that subclasses :class:`Writer`. The pipeline calls ``begin()``, then
``write(record)`` for each record (with ``record.id`` already set to a unique
citation key), then ``end()``. A ``CitexError`` raised by ``write`` skips that
record only: the pipeline reports it and goes on. A buffering writer that
leaves a record out in ``end()`` puts a diagnostic for it in ``skipped``.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

from ..model import Diagnostic, Record


class Writer:
    """Base class: stream records to ``out``; override what the format needs."""

    #: True for writers that need the whole set before writing (a sorted bibliography).
    buffers = False
    #: True for a counting writer (``count``: records written) whose text for a record depends
    #: only on whether it is the first (a separator before the others): ``--jobs`` workers
    #: guess the count, and a wrong guess then matters only for the first record.
    first_only = False
    #: Keys this writer writes as they are, as it writes ``--jobs``' placeholder key: JSON,
    #: LaTeX and RIS leave these characters alone.
    plain_key = re.compile(r"[a-z0-9][a-z0-9_-]*", re.I)

    def __init__(self, out: TextIO, **options: Any):
        self.out = out
        self.options = options
        self.skipped: list[Diagnostic] = []  # records left out by end(), each with its reason

    def begin(self) -> None:
        """Write what comes before the first record."""

    def write(self, record: Record) -> None:
        raise NotImplementedError

    def end(self) -> None:
        """Write what comes after the last record."""
