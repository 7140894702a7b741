"""Year suffixes: "Wu 2019a", "Wu 2019b" for works a citation could not tell apart.

citeproc-py does no disambiguation. A style that sets
``disambiguate-add-year-suffix`` on its ``<citation>`` asks for a letter after
the year of works whose citations would read the same; citeproc-js gives the
letters in bibliography order. Before a suffix, citeproc-js tries the style's
other means: ``disambiguate-add-names`` (more names: works whose author lists
differ are told apart) and ``disambiguate-add-givenname`` (given names of the
names shown). This module decides ambiguity the same way, from citeproc-py's
rendering of each work's citation, so it is an approximation of citeproc-js's
iterative algorithm that holds for the usual author-date styles.

The letter goes where the style prints ``year-suffix`` if it does (APA:
"(n.d.-a)"), else after the first year of the entry (Springer: "(2018a)").
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..csl_markup import to_text


def wanted(style: Any) -> bool:
    citation = style.root.citation
    return citation is not None and citation.get("disambiguate-add-year-suffix") == "true"


def uses_variable(style: Any) -> bool:
    """True when the style prints ``year-suffix`` itself."""
    return bool(style.root.xpath_search("//cs:text[@variable='year-suffix']"))


def assign(bib: Any, items: list[Any]) -> dict[str, str]:
    """Item key -> letter for the items, in bibliography order, whose citations are alike."""
    citation = bib.style.root.citation
    add_names = citation.get("disambiguate-add-names") == "true"
    add_given = citation.get("disambiguate-add-givenname") == "true"
    # cheap grouping first: year and first family name, or all of them where names are added
    candidates: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        names = _names(item)
        first = names[0][0] if names else ""
        families = tuple(family for family, _ in names) if add_names else first
        candidates[(families, _year(item))].append(item)
    groups: dict[Any, list[Any]] = defaultdict(list)
    for group in candidates.values():
        if len(group) < 2:
            continue
        for item in group:
            text = _citation(bib, item)
            if text is None:
                continue
            names = _names(item)
            shown = names if add_names else [n for n in names if n[0] and n[0] in text]
            key: tuple[Any, ...] = (text,)
            if add_names:
                key += (tuple(family for family, _ in names),)
            if add_given:
                key += (tuple(given for _, given in shown),)
            groups[key].append(item)
    letters: dict[str, str] = {}
    order = {id(item): n for n, item in enumerate(items)}  # once: there are as many groups as years
    for group in groups.values():
        if len(group) > 1:
            for n, item in enumerate(sorted(group, key=lambda i: order[id(i)])):
                letters[item.key] = letter(n)
    return letters


def after_year(entry: str, item: Any, letter: str) -> str:
    """``entry`` with ``letter`` after the first appearance of the item's year."""
    return after(entry, _year(item), letter)


def after(text: str, year: int | None, letter: str) -> str:
    """``text`` with ``letter`` after the first appearance of ``year`` (none: as it is)."""
    if year is None or not letter:
        return text
    return re.sub(rf"(?<!\d){year}(?!\d)", lambda m: m[0] + letter, text, count=1)


def letter(n: int) -> str:
    """The n-th year suffix from 0: a..z, then aa, ab... as citeproc-js counts."""
    return chr(97 + n) if n < 26 else letter(n // 26 - 1) + chr(97 + n % 26)


def _names(item: Any) -> list[tuple[str, str]]:
    try:
        people = item.reference.author
    except Exception:  # no author: citeproc-py raises VariableError
        return []
    return [(str(p.get("family") or p.get("literal") or ""), str(p.get("given") or "")) for p in people]


def _year(item: Any) -> int | None:
    try:
        return int(item.reference.issued.year)
    except Exception:  # no date, a literal date, or a range
        return None


def _citation(bib: Any, item: Any) -> str | None:
    """The item's citation alone, as text: the layout rendered for it, as ``bib.cite`` would.

    ``bib.cite`` would also sort the one cite by the citation's keys and look the
    item up in the list of all keys: for every candidate that is a bibliography's
    worth of work, for nothing.
    """
    from citeproc import Citation, CitationItem
    from citeproc.source import VariableError

    element = bib.style.root.citation
    layout = element.layout
    citation = Citation([CitationItem(item.key)])
    citation.bibliography = bib
    element.cites = []  # no earlier cites: each work is cited once here, so its position is "first"
    layout.repressed = {}
    try:
        try:
            text = layout.render_children(citation.cites[0])
        except VariableError:
            text = None
        return to_text(str(layout.format(layout.wrap(layout.join([] if text is None else [text])))))
    except Exception:  # the entry reports what is wrong with the record
        return None
