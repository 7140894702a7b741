"""Cite positions as CSL 1.0.2 defines them, from the notes the citations sit in.

citeproc-py decides ``first``, ``subsequent``, ``ibid``, ``ibid-with-locator`` and
``near-note`` from the cites rendered so far, without notes: an ibid across two
notes whose first holds other cites too, or a ``near-note`` measured in
citations, not notes. It has no ``first-reference-note-number`` either. Here:

- ``ibid``: the cite before, in the same citation, is of the same work; or, for
  the first cite of a citation, the citation before (all those of the note before,
  if it was another note) is one cite of the same work. ``ibid-with-locator``
  when this cite has a locator the other had not, or another one; ``ibid`` holds
  for both, and for neither when only the other had a locator;
- ``near-note``: the work was cited at most ``near-note-distance`` notes before;
- ``first-reference-note-number``: the note of the work's first cite.

A ``Tracker`` follows the cites of one document; ``install()`` makes citeproc-py's
``If._position`` read the positions it gives (``placed``) instead of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from . import once

_PLACED: ContextVar[dict[int, set[str]] | None] = ContextVar("citex_positions", default=None)


@dataclass
class _Past:
    key: str
    locator: tuple[str, str] | None
    cluster: int
    note: int


class Tracker:
    """The positions of the cites of one document, cluster by cluster, in order."""

    def __init__(self, near_note_distance: int = 5):
        self.distance = near_note_distance
        self.past: list[_Past] = []

    def positions(self, key: str, locator: tuple[str, str] | None, cluster: int, note: int,
                  before: list[_Past]) -> tuple[set[str], int | None]:
        """(the positions, the note of the first cite of ``key`` if it was in one) of a cite;
        ``before`` are the cites of its own cluster before it."""
        earlier = [p for p in self.past if p.key == key] + [p for p in before if p.key == key]
        if not earlier:
            return {"first"}, None
        found = {"subsequent"}
        if any(note - p.note <= self.distance for p in earlier if p.note <= note):
            found.add("near-note")
        previous = [before[-1]] if before else self._citation_before(note)
        if len(previous) == 1 and previous[0].key == key:
            other = previous[0].locator
            if locator is not None and locator != other:
                found |= {"ibid", "ibid-with-locator"}
            elif locator == other:
                found.add("ibid")
        first_note = earlier[0].note
        return found, first_note if first_note > 0 else None

    def _citation_before(self, note: int) -> list[_Past]:
        """The cites of the citation before: of the note before, if that was another note."""
        if not self.past:
            return []
        last = self.past[-1]
        if last.note in (0, note):
            return [p for p in self.past if p.cluster == last.cluster]
        return [p for p in self.past if p.note == last.note]

    def add(self, key: str, locator: tuple[str, str] | None, cluster: int, note: int) -> _Past:
        past = _Past(key, locator, cluster, note)
        self.past.append(past)
        return past


@contextmanager
def placed(item: Any, positions: set[str]) -> Iterator[None]:
    """``item`` (a citeproc-py CitationItem) rendered with ``positions``."""
    table = dict(_PLACED.get() or {})
    table[id(item)] = positions
    token = _PLACED.set(table)
    try:
        yield
    finally:
        _PLACED.reset(token)


@once
def install() -> None:
    """Wrap ``citeproc.model.If._position`` once."""
    from citeproc.model import If

    original = If._position

    def position(self: Any, item: Any, context: Any) -> list[bool]:
        positions = (_PLACED.get() or {}).get(id(item))
        if positions is None:
            return original(self, item, context)
        return [name in positions for name in self.get("position").split()]

    If._position = position
