"""One look at a record shared by several rules, remembered until the record changes.

The text rules ask which faults the record's strings have, the name rules which of its
names they could change. The first rule to ask computes the answer from the record's
values; the others reuse it while the values are the same (or equal) and no repair was
logged since (rules change fields only through ``Record.fix``, which logs each change).
What is found in a name is remembered by the name's parts: names come back with each
paper of their authors.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce
from typing import Any

from ..model import Name, Record, name_parts

_MAX_NAMES = 50_000  # names remembered by each judge before it starts again (memory stays flat)


class PerRecord:
    """``compute(values)`` of the last record asked about, while that record is unchanged."""

    def __init__(self, compute: Callable[[tuple[Any, ...]], int]):
        self._compute = compute
        self._last: tuple[Record, int, tuple[Any, ...], int] | None = None  # record, repairs, values, answer

    def __call__(self, rec: Record) -> int:
        values = tuple(rec.fields.values())
        last = self._last
        # == on the tuples: each value is passed at once when it is the same object (most are),
        # else compared; the answer depends on the values' content only
        if last is not None and last[0] is rec and last[1] == len(rec.repairs) and values == last[2]:
            return last[3]
        answer = self._compute(values)
        self._last = (rec, len(rec.repairs), values, answer)
        return answer


class ByNameParts:
    """``judge(name)`` remembered by the name's parts (``judge`` must look at nothing else).

    ``of_all(names)`` is the judgements of a list of names or'ed together: without ``quick``,
    when every name was judged before it runs in C (``map`` over the memo's own lookup), with
    no Python call per name.

    ``quick(name)``, if given, answers as ``judge`` would for the names it can (None for the
    others) at less than a look-up in the memo costs: those names are not remembered. A
    usual name (a family and a given name in plain ASCII) is judged so in a fraction of a
    microsecond; remembered, a name new to the run cost building its key, hashing it, a
    look-up that failed and an insertion.
    """

    def __init__(self, judge: Callable[[Name], int], quick: Callable[[Name], int | None] | None = None):
        self._judge = judge
        self._quick = quick
        self._memo: dict[tuple, int] = {}
        self._known = self._memo.__getitem__

    def __call__(self, name: Name) -> int:
        if self._quick is not None:
            found = self._quick(name)
            if found is not None:
                return found
        return self._remembered(name)

    def _remembered(self, name: Name) -> int:
        parts = name_parts(name)
        try:
            found = self._memo.get(parts)
        except TypeError:  # a part that is not text cannot be a key: judged each time
            return self._judge(name)
        if found is None:
            if len(self._memo) >= _MAX_NAMES:
                self._memo.clear()
            found = self._memo[parts] = self._judge(name)
        return found

    def of_all(self, names: list[Name]) -> int:
        quick = self._quick
        if quick is not None:
            found = 0
            for name in names:
                answer = quick(name)
                found |= self._remembered(name) if answer is None else answer
            return found
        try:
            return reduce(operator.or_, map(self._known, map(name_parts, names)), 0)
        except (KeyError, TypeError):  # a name not judged yet (or not a key): one at a time
            return reduce(operator.or_, map(self, names), 0)


def by_name_parts(judge: Callable[[Name], int], quick: Callable[[Name], int | None] | None = None) -> ByNameParts:
    return ByNameParts(judge, quick)
