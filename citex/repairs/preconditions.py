"""What a rule declares about the records it can change, so that the pipeline skips the others
without calling it.

Most rules find nothing to do in most records, and calling one only to hear that costs
more than asking first. A rule registers the fields it reads and, perhaps, a clue::

    @REPAIRS.register("pmid-shape", confidence=1.0, reads=("PMID",), clue=UNCLEAN_PMID.match)

``reads``: the rule changes and reports nothing in a record holding none of these fields.
``clue``: a test of the text of the first field of ``reads``, true whenever the rule could
change or report anything: a compiled regex (searched), or a function that runs in C (a
regex's ``match``, ``operator.methodcaller("endswith", ...)``), since a Python function costs
about what calling the rule does. A value that is not text always runs the rule. Both are promises the rule's own code keeps: its tests check each rule, called
directly, against records its precondition turns away (tests/test_repairs_preconditions.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def precondition(meta: dict[str, Any]) -> tuple[str | None, tuple[str, ...] | None, Callable | None]:
    """A rule's registered precondition as (the first field it reads, the others or None, the
    clue's test), or Nones.

    (The first field is looked up alone, ``first in fields``, as most rules read one; the others
    stay a tuple: ``fields.keys().isdisjoint(others)`` looks each of the few up, where a set's
    ``isdisjoint(fields)`` would go through every field of the record.)"""
    reads, clue = meta.get("reads"), meta.get("clue")
    if not reads:
        return None, None, None
    return reads[0], tuple(reads[1:]) or None, clue.search if isinstance(clue, re.Pattern) else clue


def may_apply(meta: dict[str, Any], fields: dict[str, Any]) -> bool:
    """Whether a rule with registration ``meta`` is called for a record with these fields (as the
    pipeline decides it)."""
    first, others, clue = precondition(meta)
    if first is None:
        return True
    if first not in fields and (others is None or fields.keys().isdisjoint(others)):
        return False
    value = fields.get(first)
    return clue is None or value.__class__ is not str or bool(clue(value))
