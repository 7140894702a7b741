"""Title repairs."""

from __future__ import annotations

from ..model import Record
from ..registry import REPAIRS
from ..textnorm import said_twice


@REPAIRS.register("title-said-twice")
def title_said_twice(rec: Record) -> None:
    """The title holds the same title twice ('T. T.' or 'T T'); keep it once."""
    once = said_twice(rec.get("title"))
    if once:
        rec.fix("title", once, rule="title-said-twice")
