"""Per-cite name display for disambiguation: more names before "et al.", given names, ``disambiguate="true"``.

citeproc-py shows every cite's names the way the style says and ignores the
``disambiguate`` condition. citeproc-js changes that cite by cite to tell
alike cites apart (``citex.csl_disambiguate`` decides how); this module lets a
cite be rendered that way. While ``showing(table)`` is active, a cite whose item
key has a ``Shown`` in the table gets:

- ``names``: that many names before "et al." (all of them when it is as many);
- ``given``: the name at each position with its initials (1) or whole given name (2),
  in a short form ("J. Doe", "John Doe") as in a long one;
- ``condition``: ``<if disambiguate="true">`` tests true.

``seeing(table)`` notes, for each item key, the first name list its cite renders
and how the style shows it (``Seen``): what the disambiguation works from.
``install()`` wraps citeproc-py's ``Name.process``, ``Name.initialize`` and ``If.render``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from . import once


@dataclass
class Shown:
    names: int | None = None  # names before "et al."; None: as the style says
    given: dict[int, int] = field(default_factory=dict)  # position -> 1 initials, 2 whole given name
    condition: bool = False  # <if disambiguate="true"> holds


@dataclass
class Seen:
    variable: str
    people: list[tuple[str, str]]  # (family with its "van", given) of each name; an institution as (literal, "")
    shown: int  # names the style shows before "et al."
    form: str  # "long", "short" (or "count")
    mark: str | None  # initialize-with


_SHOWN: ContextVar[dict[str, Shown] | None] = ContextVar("citex_shown", default=None)
_SEEN: ContextVar[dict[str, Seen] | None] = ContextVar("citex_seen", default=None)


@contextmanager
def showing(shown: dict[str, Shown] | None, seen: dict[str, Seen] | None = None) -> Iterator[None]:
    tokens = _SHOWN.set(shown), _SEEN.set(seen)
    try:
        yield
    finally:
        _SHOWN.reset(tokens[0])
        _SEEN.reset(tokens[1])


class Whole(str):
    """A given name shown whole even where the style initializes given names."""


def shown_count(people: int, et_al_min: int, use_first: int) -> int:
    """How many of ``people`` names a style shows before "et al."."""
    return min(people, use_first) if people > 1 and et_al_min and people >= et_al_min else people


@once
def install() -> None:
    """Wrap ``Name.process``, ``Name.initialize`` and ``If.render`` once."""
    from citeproc.model import ConditionFailed, If, Name

    process, initialize, render = Name.process, Name.initialize, If.render

    def name_process(self: Any, item: Any, variable: Any, context: Any = None, sort_options: Any = None,
                     **kwargs: Any) -> Any:
        table, seen = _SHOWN.get(), _SEEN.get()
        people = item.reference.get(variable) or [] if table is not None or seen is not None else []
        if not people or sort_options is not None:
            return process(self, item, variable, context=context, sort_options=sort_options, **kwargs)

        def option(name: str) -> Any:
            return self.get_option(name, context)

        if seen is not None and item.key not in seen:
            seen[item.key] = Seen(variable, [_person(p) for p in people],
                                  shown_count(len(people), option("et-al-min"), option("et-al-use-first")),
                                  option("form"), option("initialize-with"))
        state = (table or {}).get(item.key)
        if state is None:
            return process(self, item, variable, context=context, **kwargs)
        overrides: dict[str, Any] = {}
        if state.names is not None:
            overrides = {"et-al-min": 0} if state.names >= len(people) else {"et-al-use-first": state.names}
        changed = [_expanded(self, p, state.given.get(n, 0), option("form"), option("initialize-with"), context)
                   for n, p in enumerate(people)]
        try:
            item.reference[variable] = changed
            return process(self, item, variable, context=context, sort_options=overrides or None, **kwargs)
        finally:
            item.reference[variable] = people

    def name_initialize(self: Any, given: Any, mark: str, context: Any = None) -> Any:
        return given if isinstance(given, Whole) else initialize(self, given, mark, context)

    def if_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if "disambiguate" not in self.attrib:
            return render(self, item, context=context, delimiter=delimiter, **kwargs)
        state = (_SHOWN.get() or {}).get(item.key)
        holds = bool(state and state.condition)
        match = self.get("match", "all")
        if match == "any" and holds:
            return self.render_children(item, context=context, delimiter=delimiter, **kwargs)
        if holds == (match == "none") and match != "any":
            raise ConditionFailed
        return render(self, item, context=context, delimiter=delimiter, **kwargs)

    Name.process, Name.initialize, If.render = name_process, name_initialize, if_render


def _person(person: Any) -> tuple[str, str]:
    if "literal" in person:
        return str(person["literal"]), ""
    family = " ".join(str(p) for p in (person.get("non-dropping-particle"), person.get("family")) if p)
    return family, str(person.get("given") or "")


def _expanded(name: Any, person: Any, level: int, form: str, mark: str | None, context: Any) -> Any:
    """``person`` as it must read to show its given name at ``level`` (0: as the style shows it)."""
    from citeproc.source import Name as Person

    given = person.get("given") if "literal" not in person else None
    if not level or not given:
        return person
    whole = level >= 2 or mark is None
    if form != "short":
        return Person(**{**person, "given": Whole(given)}) if whole else person
    shown = str(given) if whole else str(name.initialize(given, mark, context))
    parts = (shown, person.get("dropping-particle"), person.get("non-dropping-particle"), person.get("family"))
    return Person(family=" ".join(str(p) for p in parts if p))
