"""One look at a record shared by several rules, remembered until the record changes.

The text rules ask which faults the record's strings have, the name rules which of its
names they could change. The first rule to ask computes the answer from the record's
values; the others reuse it while the values are the same objects and no repair was
logged since (rules change fields only through ``Record.fix``, which logs each change).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from ..model import Record


class PerRecord:
    """``compute(values)`` of the last record asked about, while that record is unchanged."""

    def __init__(self, compute: Callable[[tuple[Any, ...]], int]):
        self._compute = compute
        self._last: tuple[Record, int, tuple[Any, ...], int] | None = None  # record, repairs, values, answer

    def __call__(self, rec: Record) -> int:
        values = tuple(rec.fields.values())
        last = self._last
        if last is not None and last[0] is rec and last[1] == len(rec.repairs) \
                and len(values) == len(last[2]) and all(map(operator.is_, values, last[2])):
            return last[3]
        answer = self._compute(values)
        self._last = (rec, len(rec.repairs), values, answer)
        return answer
