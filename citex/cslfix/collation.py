"""Sort a bibliography as citeproc-js does: Unicode collation, not code points.

citeproc-py compares sort keys as Python strings, so "Šimić" sorts after
"Zhou". citeproc-js compares them with ``localeCompare`` at base strength,
ignoring punctuation and comparing digit runs as numbers, after ending each
word with a separator; empty keys go last in either direction, and ties keep
the citation order. The collation is the Unicode Collation Algorithm's default
table (pyuca, pure Python: PyICU has no wheels) — the root collation that
ICU tailors per language, and the one ICU uses unchanged for English.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from functools import cache
from typing import Any, Iterator

from ..csl_jobs import map_in_order
from . import once

_RUNS = re.compile(r"(\d+)|(\D+)")


@cache
def _collator() -> Any:
    import pyuca

    return pyuca.Collator()  # reads the UCA table once (about a second)


def _ignored(ch: str) -> bool:
    """Spaces and punctuation, which ``ignorePunctuation`` skips (ICU's variable characters)."""
    return unicodedata.category(ch)[0] in "PZC"


@cache
def sort_key(text: str) -> tuple[tuple[int, int], ...]:
    """A key that orders sort-key strings as citeproc-js does.

    citeproc-js ends each word of a key with "|" (a symbol, sorted before any
    digit or letter: "A systematic review" before "Abramović") and compares keys
    with ``localeCompare(..., {sensitivity: "base", ignorePunctuation: true,
    numeric: true})``. Each element here is ``(primary weight, number)``: a run
    of digits is one element with the weight of "0" and its value, so "9" sorts
    before "10".
    """
    collator = _collator()
    digit, separator = collator.collation_elements("0")[0][0], collator.collation_elements("|")[0][0]
    key: list[tuple[int, int]] = []
    for word in text.split():
        for number, letters in _RUNS.findall(word):
            if number:
                key.append((digit, int(number)))
                continue
            kept = "".join(ch for ch in unicodedata.normalize("NFD", letters.lower()) if not _ignored(ch))
            key.extend((element[0], 0) for element in collator.collation_elements(kept) if element[0])
        key.append((separator, 0))
    return tuple(key)


def _ordered(values: dict[int, Any], positions: list[int], descending: bool) -> list[int]:
    """``positions`` in citeproc-js's order of their keys: a missing or empty key last in either
    direction, ties in the order given."""
    present = [n for n in positions if values[n]]
    present.sort(key=lambda n: sort_key(values[n]), reverse=descending)  # stable, also reversed
    return present + [n for n in positions if not values[n]]


def sort_items(style: Any, items: list[Any], jobs: int = 1) -> list[Any]:
    """citeproc-py citation items in the order of the style's bibliography ``<sort>``.

    Keys are rendered by citeproc-py (text, markup dropped) with names as
    citeproc-js writes them in keys (``_names_as_in_keys``); the comparison is
    replaced. A key is rendered only for the items that the keys before it
    leave tied: with most first keys (the author) nearly all differ, so the
    later keys, each a render of a macro, cost little. The first key, made for
    every item, is made in ``jobs`` processes.
    """
    bibliography = style.root.bibliography
    sort = bibliography.find("cs:sort", bibliography.nsmap)
    if sort is None:
        return list(items)
    layout = bibliography.layout
    et_al = str(layout.get_single_term("et-al") or "")
    keys = sort.findall("cs:key", sort.nsmap)

    def ordered(positions: list[int], depth: int) -> list[int]:
        if depth == len(keys) or len(positions) < 2:
            return positions
        key = keys[depth]
        made = map_in_order(lambda n: _key(key, items[n], layout, et_al), positions, jobs if depth == 0 else 1)
        values = dict(zip(positions, made))
        out: list[int] = []
        tied: list[int] = []
        for n in _ordered(values, positions, key.get("sort", "ascending").lower() == "descending"):
            if tied and _rank(values[n]) != _rank(values[tied[0]]):
                out += ordered(tied, depth + 1)
                tied = []
            tied.append(n)
        return out + ordered(tied, depth + 1)

    with _names_as_in_keys(style):
        order = ordered(list(range(len(items))), 0)
    return [items[n] for n in order]


def _rank(value: str | None) -> tuple[tuple[int, int], ...] | None:
    """What two keys are compared by: equal ranks tie."""
    return sort_key(value) if value else None


def _key(key: Any, item: Any, layout: Any, et_al: str) -> str | None:
    """One item's sort key as text, without "et al."; None when citeproc-py fails on it."""
    from ..csl_markup import to_text

    try:
        (value,) = key.sort_keys([item], layout)
    except Exception:  # the record fails again when rendered, and is reported then
        return None
    if value is None:
        return None
    text = to_text(str(value))
    return text.replace(et_al, " ") if et_al else text


_keying: list[bool] = []  # true while sort keys are made


@once
def _install_no_terms_in_keys() -> None:
    """Wrap citeproc-py's ``Text._term`` once: no locale terms in sort keys, as in citeproc-js.

    citeproc-js leaves terms out of a macro's sort key, so a missing date that
    a style prints as "n.d." sorts as a missing key (last), not as the text "n.d.".
    """
    from citeproc.model import Text
    from citeproc.string import String

    original = Text._term

    def term(self: Any, item: Any) -> Any:
        return String("") if _keying else original(self, item)

    Text._term = term


@contextmanager
def _names_as_in_keys(style: Any) -> Iterator[None]:
    """While keys are made: no "and"/"&" before a last name, and particles demoted for "sort-only".

    citeproc-js writes the names of a sort key without the "and" term (or
    "et al.", or any other term) and, for ``demote-non-dropping-particle="sort-only"``, sorts
    "van den Broek" under B. citeproc-py passes its key options only to the
    names of the key's own macro, not those of macros it calls, so the style's
    attributes are changed for the while and then restored.
    """
    root = style.root
    saved = [(el, el.get("and")) for el in root.iter() if isinstance(el.tag, str) and el.get("and") is not None]
    demote = root.get("demote-non-dropping-particle")
    _install_no_terms_in_keys()
    _keying.append(True)
    try:
        for el, _ in saved:
            del el.attrib["and"]
        if demote == "sort-only":
            root.set("demote-non-dropping-particle", "display-and-sort")
        yield
    finally:
        _keying.pop()
        for el, value in saved:
            el.set("and", value)
        if demote is not None:
            root.set("demote-non-dropping-particle", demote)
