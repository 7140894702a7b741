"""What ``citex check`` reports about one record: its diagnostics and its repairs, as findings.

A finding is one line of text (``path:line: level[code]: message``) or one JSON
object with the same facts for machines. Repairs the threshold held back are
already diagnostics (``info[would-fix-RULE]``); in JSON they are shown once, as
the repair with ``"applied": false``, so a program sees before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Diagnostic, Record, Repair, csl_value

PROPOSAL = "would-fix-"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int | None
    code: str
    level: str
    message: str
    field: str | None = None
    before: Any = None
    after: Any = None
    applied: bool | None = None  # None for a diagnostic, which changes nothing
    confidence: float | None = None

    @property
    def is_fault(self) -> bool:
        """Faults make ``check`` exit 1: repairs, proposed repairs, warnings and errors."""
        return self.applied is not None or self.level != "info" or self.code.startswith(PROPOSAL)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.applied:
            after = "(removed)" if self.after is None else repr(csl_value(self.after))
            return f"{where}: fix[{self.code}]: {self.field}: {csl_value(self.before)!r} -> {after}"
        return f"{where}: {self.level}[{self.code}]: {self.message}"

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "code": self.code, "level": self.level,
                "field": self.field, "before": csl_value(self.before), "after": csl_value(self.after),
                "applied": self.applied, "confidence": self.confidence, "message": self.message}


def from_diagnostic(d: Diagnostic) -> Finding:
    return Finding(d.location.path, d.location.line, d.code, d.level, d.message)


def from_repair(rec: Record, r: Repair) -> Finding:
    where = rec.source.location(r.field)
    message = r.note or f"{r.field} repaired"
    return Finding(where.path, where.line, r.rule, "warning", message, r.field, r.before, r.after,
                   r.applied, r.confidence)


def findings(rec: Record, select: Iterable[str] = (), ignore: Iterable[str] = (),
             proposals_as_repairs: bool = False) -> list[Finding]:
    """The record's diagnostics, then its repairs, filtered by rule/code prefixes.

    Text output shows applied repairs as ``fix[...]`` and proposals as their
    ``would-fix`` diagnostics; with ``proposals_as_repairs`` (JSON) every repair
    is one finding and the ``would-fix`` diagnostics are left out.
    """
    from ..pipeline import selected

    out = [from_diagnostic(d) for d in rec.diagnostics
           if not (proposals_as_repairs and d.code.startswith(PROPOSAL))]
    out += [from_repair(rec, r) for r in rec.repairs if r.applied or proposals_as_repairs]
    return [f for f in out if selected(f.code.removeprefix(PROPOSAL), select, ignore)]
