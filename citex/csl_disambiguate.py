"""Cites told apart by their names, as CSL asks and citeproc-js does; citeproc-py does none of it.

Two cited works whose cites read the same ("Smith et al. 1980") are ambiguous.
A style's ``<citation>`` can ask to tell them apart, in this order:

1. ``disambiguate-add-names``: more names before "et al.", one at a time, for the
   cites still alike, as long as each added name tells more of them apart
   ("Smith, Brown, et al." / "Smith, Benson, et al.");
2. ``disambiguate-add-givenname``: initials, then whole given names, of names
   that differ only there ("J. Doe" / "A. Doe"). ``givenname-disambiguation-rule``
   says which: ``by-cite`` (the default) expands names only in alike cites, with
   step 1; ``all-names`` and ``primary-name`` (``-with-initials``: initials only)
   expand any name shown that another person with the same family name shares,
   in every cite (only the first name of each cite for ``primary-name``);
3. ``<if disambiguate="true">``: what the style prints for cites still alike;
4. then ``disambiguate-add-year-suffix`` (``citex.csl_year_suffix``) for those still alike.

``disambiguate`` returns how each cite shows its names (``cslfix.shownames.Shown``,
by citeproc item key) and the cites still alike after steps 1–3.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from .cslfix.shownames import Seen, Shown, install, showing
from .model import Record

Table = dict[str, Shown]


def wanted(style: Any) -> bool:
    citation = style.root.citation
    return citation is not None and (
        citation.get("disambiguate-add-names") == "true" or citation.get("disambiguate-add-givenname") == "true"
        or _uses_condition(style))


def disambiguate(style: Any, load: Callable[[], Any], records: list[Record]) -> tuple[Table, list[list[int]] | None]:
    """(how each cite shows its names, by key "r<position>"; positions of the records whose cites
    are still alike), or ``({}, None)`` for a style that asks for none of steps 1–3."""
    from .csl_cluster import ClusterRenderer, registered

    if not wanted(style) or len(records) < 2:
        return {}, None
    install()
    citation = style.root.citation
    everywhere = citation.get("disambiguate-add-givenname") == "true" and \
        (citation.get("givenname-disambiguation-rule") or "by-cite") != "by-cite"
    chosen = _candidates(records, everywhere)
    if len(chosen) < 2:
        return {}, []
    bib = registered(load(), [records[n] for n in chosen], sort=False)
    keys = [item.key for item in bib.items]
    work = _Work(citation, lambda key: ClusterRenderer(bib).render([key]), keys, _uses_condition(style))
    alike = work.run()
    table = {f"r{chosen[int(key[1:])]}": shown for key, shown in work.table.items()}
    return table, [[chosen[int(key[1:])] for key in group] for group in alike]


def _candidates(records: list[Record], everywhere: bool) -> list[int]:
    """Positions of the records whose cites could need telling apart: those sharing their first
    family name with another (any family name, for a rule that expands names everywhere), and
    those without names. The others cite alike with none: they are not rendered twice."""
    def families(rec: Record) -> list[str]:
        people = rec.get("author") or rec.get("editor") or []
        return [(p.family or p.literal or "").casefold() for p in people]

    names = [families(rec) for rec in records]
    counts: dict[str, int] = defaultdict(int)
    for found in names:
        for family in set(found if everywhere else found[:1]):
            counts[family] += 1
    return [n for n, found in enumerate(names)
            if not found or any(counts[f] > 1 for f in (found if everywhere else found[:1]))]


class _Work:
    def __init__(self, citation: Any, render: Callable[[str], str], keys: list[str], condition: bool):
        self.render_one, self.keys, self.condition = render, keys, condition
        self.add_names = citation.get("disambiguate-add-names") == "true"
        self.add_given = citation.get("disambiguate-add-givenname") == "true"
        self.rule = citation.get("givenname-disambiguation-rule") or "by-cite"
        self.table: Table = {key: Shown() for key in keys}
        self.seen: dict[str, Seen] = {}

    def render(self, table: Table, keys: list[str]) -> dict[str, str]:
        with showing(table, self.seen):
            return {key: self.render_one(key) for key in keys}

    def run(self) -> list[list[str]]:
        texts = self.render(self.table, self.keys)
        if self.add_given and self.rule != "by-cite":
            self._expand_everywhere(self.table)
            texts = self.render(self.table, self.keys)
        still: list[list[str]] = []
        for group in _alike(texts, self.keys):
            if self.add_names or self.add_given:
                group = self._tell_apart(group, texts)
            for rest in _alike(texts, group):
                if self.condition:
                    for key in rest:
                        self.table[key].condition = True
                    texts.update(self.render(self.table, rest))
                still += _alike(texts, rest)
        return still

    def _tell_apart(self, group: list[str], texts: dict[str, str]) -> list[str]:
        """Names added (and given names expanded) while that tells more of ``group`` apart;
        the keys still alike."""
        seen = [self.seen[key] for key in group if key in self.seen]
        if len(seen) < len(group):
            return group  # a cite without names: nothing to add
        base, most = min(s.shown for s in seen), max(len(s.people) for s in seen)
        for count in range(base, most + 1 if self.add_names else base + 1):
            trial = copy.deepcopy(self.table)
            for key in group:
                if count > base:
                    trial[key].names = count
            if self.add_given:
                if self.rule == "by-cite":
                    self._expand_in(trial, group)
                else:
                    self._expand_everywhere(trial)
            tried = self.render(trial, group)
            if len(set(tried.values())) > len({texts[key] for key in group}):
                self.table = trial
                texts.update(tried)
                group = [key for group_ in _alike(texts, group) for key in group_]
                if len(group) < 2:
                    break
        return group

    def _shown(self, table: Table, key: str) -> int:
        seen = self.seen[key]
        count = table[key].names if table[key].names is not None else seen.shown
        return min(count, len(seen.people))

    def _expand_in(self, table: Table, group: list[str]) -> None:
        """by-cite: a name of an alike cite expanded where another alike cite has, at its
        place, a different person of the same family name."""
        for key in group:
            seen = self.seen[key]
            for n in range(self._shown(table, key)):
                family, given = seen.people[n]
                others = {self.seen[k].people[n][1] for k in group
                          if k != key and n < len(self.seen[k].people) and self.seen[k].people[n][0] == family}
                level = _level(given, others, seen, initials_only=False)
                if level:
                    table[key].given[n] = max(level, table[key].given.get(n, 0))

    def _expand_everywhere(self, table: Table) -> None:
        """all-names / primary-name: any name shown whose family name another person shown shares."""
        primary = self.rule.startswith("primary-name")
        places = [(key, n) for key in self.keys if key in self.seen
                  for n in range(min(self._shown(table, key), 1 if primary else len(self.seen[key].people)))]
        givens: dict[str, set[str]] = defaultdict(set)
        for key, n in places:
            family, given = self.seen[key].people[n]
            givens[family].add(given)
        for key, n in places:
            family, given = self.seen[key].people[n]
            level = _level(given, givens[family], self.seen[key], self.rule.endswith("with-initials"))
            if level:
                table[key].given[n] = level


def _level(given: str, others: set[str], seen: Seen, initials_only: bool) -> int:
    """0 (as the style shows it), 1 (initials) or 2 (whole given name): the least that tells
    ``given`` from each of ``others`` (the same given name, spaced otherwise, is no other), if any does."""
    others = {o for o in others if _same(o) != _same(given)}
    if not others or not given:
        return 0
    if seen.mark is not None and _initials(given) not in {_initials(o) for o in others}:
        return 1
    if initials_only or (seen.form != "short" and seen.mark is None):
        return 0  # initials that do not tell them apart; a long form already shows whole names
    return 2


def _same(given: str) -> str:
    return re.sub(r"[\s.]", "", given).casefold()


def _initials(given: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s.\-]+", given) if part)


def _alike(texts: dict[str, str], keys: list[str]) -> list[list[str]]:
    """The groups of two or more of ``keys`` whose texts are the same."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        groups[texts[key]].append(key)
    return [group for group in groups.values() if len(group) > 1]


def _uses_condition(style: Any) -> bool:
    return bool(style.root.xpath_search("//cs:citation//cs:if[@disambiguate] | //cs:citation//cs:else-if[@disambiguate]"
                                        " | //cs:macro//cs:if[@disambiguate] | //cs:macro//cs:else-if[@disambiguate]"))
