"""What a rule declares about the records it can change, so that the pipeline skips the others
without calling it.

Most rules find nothing to do in most records, and calling one only to hear that costs
more than asking first. A rule registers the fields it reads and, perhaps, a clue::

    @REPAIRS.register("page-range", confidence=0.95, reads=("page",), clue=NOT_CLEAN)

``reads``: the rule changes and reports nothing in a record holding none of these fields.
``clue``: a compiled regex that finds something in the text of the first field of ``reads``
whenever the rule could change or report anything; a value that is not text always runs the
rule. Both are promises the rule's own code keeps: its tests check each rule, called
directly, against records its precondition turns away (tests/test_repairs_preconditions.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def precondition(meta: dict[str, Any]) -> tuple[frozenset[str] | None, str | None, Callable | None]:
    """A rule's registered precondition as (fields it reads, the first of them, the clue's search)."""
    reads, clue = meta.get("reads"), meta.get("clue")
    if not reads:
        return None, None, None
    return frozenset(reads), reads[0], clue.search if clue is not None else None


def may_apply(meta: dict[str, Any], fields: dict[str, Any]) -> bool:
    """Whether a rule with registration ``meta`` is called for a record with these fields (as the
    pipeline decides it)."""
    reads, first, clue = precondition(meta)
    if reads is None:
        return True
    if reads.isdisjoint(fields):
        return False
    value = fields.get(first)
    return clue is None or value.__class__ is not str or clue(value) is not None
