"""Year-suffix disambiguation (``Li, 2009a`` / ``Li, 2009b``), which citeproc-py does not do.

When a style sets ``disambiguate-add-year-suffix``, records whose cites render
alike get the letters a, b, ... in bibliography order, as the CSL variable
``year-suffix``: the style prints it wherever it asks for it, in the cite and
in the bibliography entry alike. Styles that also disambiguate by adding names
or given names (APA) resolve cites of *different* author lists that way in
citeproc-js; citex does not add names, so there only records with the same
author list get a suffix, and cites of different authors can stay alike.

A style that never prints ``year-suffix`` itself gets it, as CSL says, after the
first year rendered: citex puts it after the first occurrence of the year in the
cite or entry (``placed``), which in author-date styles is the date.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from .csl_cluster import ClusterRenderer, registered
from .cslfix.yearsuffix import after, letter
from .model import Record


def with_year_suffixes(style: Any, load: Callable[[], Any], records: list[Record],
                       alike: list[list[int]] | None = None) -> list[Record]:
    """``records`` with those whose cites are alike replaced by copies carrying a ``year-suffix``.

    Only records sharing a year and a first name (or title) can cite alike, so only
    those are rendered and compared, and only those alike are sorted to give out the
    letters: most bibliographies cost little more. ``records`` itself comes back when
    no record needs a suffix.
    """
    citation = style.root.citation
    if citation is None or citation.get_option("disambiguate-add-year-suffix") != "true":
        return records
    groups = alike if alike is not None else _alike(style, load, records)
    if not groups:
        return records
    rank = _bibliography_rank(load(), records, sorted(p for group in groups for p in group))
    suffixed = list(records)
    for group in groups:  # in bibliography order: "a" goes to the first entry
        for n, position in enumerate(sorted(group, key=rank.__getitem__)):
            suffixed[position] = _with_suffix(records[position], letter(n))
    return suffixed


def _alike(style: Any, load: Callable[[], Any], records: list[Record]) -> list[list[int]]:
    """Positions of the records whose cites render alike, for a style that tells them apart no other way."""
    by_names = _names_rule(style.root.citation)
    candidates = _candidates(records, by_names)
    if not candidates:
        return []
    bib = registered(load(), [records[n] for n in candidates], sort=False)
    alike: dict[tuple[str, Any], list[int]] = defaultdict(list)
    for item in bib.items:
        position = candidates[int(item.key[1:])]
        names = by_names(records[position]) if by_names else None
        alike[(ClusterRenderer(bib).render([item.key]), names)].append(position)
    return [positions for positions in alike.values() if len(positions) > 1]


def _bibliography_rank(style: Any, records: list[Record], positions: list[int]) -> dict[int, int]:
    """Position -> place in the sorted bibliography, for the records at ``positions``.

    Sorting a subset keeps the order the whole bibliography gives it: the style's keys
    decide, and ties keep the order of ``records`` (all of it, for a style without a
    bibliography: the order of first citation).
    """
    bib = registered(style, [records[p] for p in positions], sort=style.root.bibliography is not None)
    return {positions[int(item.key[1:])]: place for place, item in enumerate(bib.items)}


def _names_rule(citation: Any) -> Callable[[Record], tuple[Any, ...]] | None:
    """What names must also be equal for two alike cites to need a suffix.

    citeproc-js first tries to tell cites apart by adding names (then all the author
    lists must be equal), or by adding given names (then the first authors' must be).
    """
    if citation.get_option("disambiguate-add-names") == "true":
        return _names
    if citation.get_option("disambiguate-add-givenname") == "true":
        return lambda record: _names(record)[:1]
    return None


def _candidates(records: list[Record], names: Callable[[Record], Any] | None) -> list[int]:
    """Positions of the records that share a year and a first name (or have none) with another,
    and the names the style would add to tell them apart."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for n, rec in enumerate(records):
        people = rec.get("author") or rec.get("editor") or []
        first = (people[0].family or people[0].literal or "") if people else ""
        groups[(rec.year, first.casefold(), names(rec) if names else None)].append(n)
    return sorted(n for group in groups.values() if len(group) > 1 for n in group)


def _names(record: Record) -> tuple[Any, ...]:
    people = record.get("author") or record.get("editor") or []
    return tuple((p.family, p.given, p.literal) for p in people)


def _with_suffix(record: Record, letters: str) -> Record:
    return dataclasses.replace(record, fields={**record.fields, "year-suffix": letters})


def implicit(style: Any) -> bool:
    """Whether the style leaves the place of the year suffix to the processor."""
    return not style.root.xpath_search("//cs:text[@variable='year-suffix']")


def placed(text: str, record: Record) -> str:
    """``text`` with the record's year suffix after the first occurrence of its year."""
    year = record.year
    return after(text, None if year is None else abs(year), record.get("year-suffix") or "")
