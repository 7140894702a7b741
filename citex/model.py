"""The canonical record: CSL-JSON variables plus provenance and a repair log.

A ``Record`` keeps its CSL variables in ``fields`` (plain strings for ordinary
variables, ``list[Name]`` for name variables, ``Date`` for date variables), the
input fields with no CSL home in ``extra``, where it came from in ``source``,
and every change a repair made in ``repairs``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, wraps
from operator import attrgetter
from typing import Any, Callable

# CSL variable kinds (CSL 1.0.2 specification, appendix IV).
NAME_VARIABLES = frozenset(
    "author chair collection-editor compiler composer container-author contributor curator "
    "director editor editorial-director editor-translator executive-producer guest host "
    "illustrator interviewer narrator organizer original-author performer producer recipient "
    "reviewed-author script-writer series-creator translator".split()
)
DATE_VARIABLES = frozenset(
    "accessed available-date event-date issued original-date submitted".split()
)
LEVELS = ("error", "warning", "info")


@dataclass
class Name:
    """One person or organisation, as CSL-JSON spells it."""

    family: str | None = None
    given: str | None = None
    literal: str | None = None  # organisations and names that cannot be split
    non_dropping_particle: str | None = None  # "van der" in "van der Berg"
    dropping_particle: str | None = None
    suffix: str | None = None

    _CSL_KEYS = {
        "family": "family",
        "given": "given",
        "literal": "literal",
        "non_dropping_particle": "non-dropping-particle",
        "dropping_particle": "dropping-particle",
        "suffix": "suffix",
    }

    def to_csl(self) -> dict[str, str]:
        d = self.__dict__
        if not (d["literal"] or d["non_dropping_particle"] or d["dropping_particle"] or d["suffix"]):
            family, given = d["family"], d["given"]  # most names: these two or one of them
            if family and given:
                return {"family": family, "given": given}
            return {"family": family} if family else {"given": given} if given else {}
        return {k: d[a] for a, k in self._CSL_KEYS.items() if d[a]}

    @classmethod
    def from_csl(cls, data: dict[str, Any]) -> Name:
        return cls(**{a: str(data[k]) for a, k in cls._CSL_KEYS.items() if data.get(k)})

    @property
    def sort_family(self) -> str:
        """The family name with its non-dropping particle, or the literal."""
        if self.literal:
            return self.literal
        parts = [self.non_dropping_particle, self.family]
        return " ".join(p for p in parts if p)


# A name's fields in Name's own order, so that ``Name(*name_parts(n)) == n``: the cache key
# of work done once per distinct name (names come back with each paper of their authors).
name_parts = attrgetter("family", "given", "literal", "non_dropping_particle", "dropping_particle", "suffix")


def fresh_names(read: Callable[[str], Name | None]) -> Callable[[str], Name | None]:
    """``read`` (a name's text -> Name or None) remembered by text, bounded so memory stays
    flat, and giving a new Name each call: records own their names (repairs change them in
    place), and the same authors come back record after record."""
    @lru_cache(maxsize=32768)
    def parts(text: str) -> tuple | None:
        name = read(text)
        return None if name is None else name_parts(name)

    @wraps(read)
    def fresh(text: str) -> Name | None:
        found = parts(text)
        return Name(*found) if found is not None else None

    return fresh


@dataclass
class Date:
    """A CSL date: ``parts`` is ``[[y, m, d]]`` or a two-item range; ``literal`` for the rest."""

    parts: list[list[int]] = field(default_factory=list)
    literal: str | None = None
    season: int | None = None

    @property
    def year(self) -> int | None:
        return self.parts[0][0] if self.parts and self.parts[0] else None

    def copy(self) -> Date:
        """A Date of its own (its parts copied): a reader's cached parse hands out copies,
        since records own their dates and repairs change them."""
        return Date([list(p) for p in self.parts], self.literal, self.season)

    def to_csl(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.parts:
            out["date-parts"] = [list(p) for p in self.parts]
        if self.literal:
            out["literal"] = self.literal
        if self.season:
            out["season"] = self.season
        return out

    @classmethod
    def from_csl(cls, data: dict[str, Any]) -> Date:
        parts = []
        for p in data.get("date-parts") or []:
            ints = []
            for x in (p if isinstance(p, list) else [p])[:3]:
                digits = str(x).strip().removeprefix("-")
                if not digits.isdecimal() or len(digits) > 9:
                    break  # null, text or a number int() refuses ends the usable parts
                ints.append(int(x))
            if ints:
                parts.append(ints)
        season = data.get("season")
        return cls(parts=parts, literal=data.get("literal") or data.get("raw"),
                   season=int(season) if str(season or "").isdecimal() and len(str(season)) < 3 else None)


@dataclass(frozen=True)
class Location:
    """Where something is in the input: a file and a 1-based line."""

    path: str = "<input>"
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class Source:
    """Provenance: the format, file and line a record came from, and its raw text."""

    format: str
    path: str = "<input>"
    line: int | None = None
    raw: str = ""
    field_lines: dict[str, int] = field(default_factory=dict)  # input or CSL field -> line
    dialect: str | None = None  # the exporting tool, where the file shows it ("scopus", "zotero")

    def location(self, input_field: str | None = None) -> Location:
        return Location(self.path, self.field_lines.get(input_field or "", self.line))


@dataclass(frozen=True)
class Repair:
    """One change a repair rule made (or, when ``applied`` is false, only proposed) to one field.

    ``before`` keeps the original value: the log is the record's provenance.
    """

    rule: str
    field: str
    before: Any
    after: Any
    note: str = ""
    confidence: float = 1.0
    applied: bool = True


@dataclass
class RepairPolicy:
    """How sure a repair must be to change a field; the pipeline sets it for each rule it runs."""

    min_confidence: float = 0.0
    confidence: float = 1.0  # the running rule's registered confidence


# An existing identifier may be reformatted by a repair but never replaced or dropped.
IDENTIFIERS = frozenset({"DOI", "PMID"})


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in the input, shown as ``path:line: level[code]: message``."""

    level: str
    code: str
    message: str
    location: Location = Location()

    def __str__(self) -> str:
        return f"{self.location}: {self.level}[{self.code}]: {self.message}"


@dataclass
class Record:
    """One bibliographic item: CSL variables plus where it came from and what was changed."""

    type: str = "article-journal"
    fields: dict[str, Any] = field(default_factory=dict)
    id: str | None = None  # the input's own key, when it has one
    extra: dict[str, str] = field(default_factory=dict)  # input fields with no CSL home
    truncated: set[str] = field(default_factory=set)  # name variables cut short by "et al."
    source: Source = field(default_factory=lambda: Source("python"))
    repairs: list[Repair] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    policy: RepairPolicy = field(default_factory=RepairPolicy, compare=False, repr=False)

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def __contains__(self, name: str) -> bool:
        return name in self.fields

    def fix(self, name: str, value: Any, *, rule: str, note: str = "",
            confidence: float | None = None) -> bool:
        """Set (or, with ``None``, remove) a field and log the change against ``rule``.

        ``confidence`` (default: the rule's registered one) below the policy's
        threshold, or a change that would replace an existing DOI or PMID, only
        proposes the change: it is logged as not applied and reported as
        ``info[would-fix-RULE]``. Returns whether the field was changed.
        """
        before = self.type if name == "type" else self.fields.get(name)
        if value == "" or value == []:
            value = None
        if before == value:
            return False
        confidence = self.policy.confidence if confidence is None else confidence
        why = None
        if name in IDENTIFIERS and before and not _same_identifier(before, value):
            why = f"an existing {name} is never replaced"
        elif confidence < self.policy.min_confidence:
            why = f"confidence {confidence:.2f} is below {self.policy.min_confidence:.2f}"
        if why:
            self.repairs.append(Repair(rule, name, before, value, f"{why}; {note}" if note else why,
                                      confidence, False))
            shown = "(removed)" if value is None else repr(csl_value(value))
            self.report("info", f"would-fix-{rule}",
                        f"{name}: {csl_value(before)!r} -> {shown} not applied: {why}", name)
            return False
        if name == "type":  # the CSL type is not a field, but is repaired and logged like one
            self.type = value or before
        elif value is None:
            self.fields.pop(name, None)
        else:
            self.fields[name] = value
        self.repairs.append(Repair(rule, name, before, value, note, confidence))
        return True

    def report(self, level: str, code: str, message: str, input_field: str | None = None) -> None:
        """Attach a diagnostic located at the record (or at one of its input fields)."""
        self.diagnostics.append(
            Diagnostic(level, code, message, self.source.location(input_field))
        )

    @property
    def year(self) -> int | None:
        issued = self.fields.get("issued")
        return issued.year if isinstance(issued, Date) else None

    def to_csl(self) -> dict[str, Any]:
        """This record as one CSL-JSON item (without ``id``, which the writer assigns)."""
        out: dict[str, Any] = {"type": self.type}
        for name, value in self.fields.items():
            if name in NAME_VARIABLES:
                out[name] = [n.to_csl() for n in value]
            elif name in DATE_VARIABLES:
                out[name] = value.to_csl()
            else:
                out[name] = value
        return out

    @classmethod
    def from_csl(cls, data: dict[str, Any], source: Source | None = None) -> Record:
        fields: dict[str, Any] = {}
        for name, value in data.items():
            if name in ("id", "type"):
                continue
            if name in NAME_VARIABLES and isinstance(value, list):
                fields[name] = [Name.from_csl(n) for n in value if isinstance(n, dict)]
            elif name in DATE_VARIABLES and isinstance(value, dict):
                fields[name] = Date.from_csl(value)
            else:
                fields[name] = value
        return cls(type=data.get("type", "article"), fields=fields,
                   id=str(data["id"]) if data.get("id") is not None else None,
                   source=source or Source("csljson"))


def csl_value(value: Any) -> Any:
    """A field value as CSL-JSON data, for messages and machine output."""
    if isinstance(value, list):
        return [v.to_csl() if isinstance(v, Name) else v for v in value]
    return value.to_csl() if isinstance(value, Date) else value


def _same_identifier(before: Any, after: Any) -> bool:
    """True when ``after`` is ``before`` reformatted (prefix, URL, spaces, case dropped)."""
    from urllib.parse import unquote

    from .textnorm import fold

    return bool(after) and fold(str(after)) in fold(unquote(str(before)))


@dataclass
class Failed:
    """A block of input that could not be read as a record: reported and counted as skipped."""

    diagnostic: Diagnostic
    raw: str = ""
    # What the reader found in the block before it gave up on it (text outside a record
    # that it took in): reported before the failure, so that it is not lost with the record.
    notes: list[Diagnostic] = field(default_factory=list)
