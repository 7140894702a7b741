"""Cite collapsing, which citeproc-py ignores: ``[1–3]``, ``(Smith 1900, 2000)``, ``Smith 2000a–c``.

``collapse="citation-number"`` turns runs of three or more consecutive numbers
into a range. ``collapse="year"`` groups the cites whose names render alike and
prints the names once (``Smith 1900, 2000``); ``year-suffix`` also prints a
repeated year once (``Smith 2000a, b``) and ``year-suffix-ranged`` makes ranges
of its letters (``2000a–c``). A cite's names are what its text holds before its
year, when a space or comma ends them; a cite whose year is not found (or is
inside brackets, ``Smith (2000)``) is never grouped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

RANGE = "\u2013"  # en dash: "1–3", as citeproc-js prints it


def collapse_numbers(parts: list[tuple[Any, str]]) -> list[str]:
    """Runs of three or more consecutive citation numbers as one range (``1–3``), the rest as they are.

    A cite with a locator, prefix or suffix ends a run: ``[1–3, 4, p. 5]`` keeps what it adds.
    The range joins the first and last cites as rendered, so ``[1]–[3]`` in styles that
    bracket each number (IEEE), as citeproc-js does.
    """
    out: list[str] = []
    run: list[str] = []
    last = None
    for item, text in parts:
        plain = not any(k in item for k in ("locator", "prefix", "suffix"))
        if plain and last is not None and run and item.number == last + 1:
            run.append(text)
        else:
            out += _closed(run)
            run = [text] if plain else []
            if not plain:
                out.append(text)
        last = item.number if plain else None
    return out + _closed(run)


def _closed(run: list[str]) -> list[str]:
    return [run[0] + RANGE + run[-1]] if len(run) >= 3 else run


YEAR_MODES = ("year", "year-suffix", "year-suffix-ranged")


def collapse_by_names(parts: list[tuple[Any, str]], citation: Any, delimiter: str) -> str:
    """The cites joined, those with the same names grouped behind one rendering of them
    (``collapse`` is one of ``YEAR_MODES``)."""
    groups: dict[object, list[tuple[Any, str, str]]] = {}
    for n, (item, text) in enumerate(parts):
        names, rest = _split(item, text)
        groups.setdefault(names if names is not None else n, []).append((item, text, rest))
    after_group = citation.get("after-collapse-delimiter", delimiter)
    # citeproc-js puts it after every group for "year", only after a collapsed one for the "year-suffix" modes
    everywhere = citation.get_option("collapse") == "year"
    out, collapsed = "", False
    for n, group in enumerate(groups.values()):
        if n:
            out += after_group if collapsed or everywhere else delimiter
        out += _group_text(group, citation, delimiter)
        collapsed = len(group) > 1
    return out


@dataclass
class _Unit:
    """A cite of a group as shown: its text (the first) or its year on, and the suffix letters
    of the cites of the same year folded into it (``2000`` + ``a``, ``b``)."""

    base: str
    letters: list[str]
    year: str | None
    item: Any


def _group_text(group: list[tuple[Any, str, str]], citation: Any, delimiter: str) -> str:
    mode = citation.get_option("collapse")
    units: list[_Unit] = []
    for n, (item, text, rest) in enumerate(group):
        shown, letter, year = text if n == 0 else rest, _suffix(item), _year_text(item)
        bare = bool(letter) and mode != "year" and rest == f"{year}{letter}" \
            and not any(k in item for k in ("locator", "prefix", "suffix"))
        if bare and units and units[-1].letters and units[-1].year == year:
            units[-1].letters.append(letter)
        else:
            units.append(_Unit(shown[:-len(letter)] if bare else shown, [letter] if bare else [], year, item))
    # citeproc-js: ", " unless the style sets it, or sets after-collapse-delimiter (then the layout's)
    between = citation.get("cite-group-delimiter",
                           delimiter if citation.get("after-collapse-delimiter") is not None else ", ")
    after_locator = citation.get("after-collapse-delimiter", delimiter)
    suffix_delimiter = citation.get("year-suffix-delimiter", citation.get("cite-group-delimiter", delimiter))
    out = ""
    for n, unit in enumerate(units):
        if n:
            out += after_locator if "locator" in units[n - 1].item else between
        runs = _closed_letters(unit.letters) if mode == "year-suffix-ranged" else unit.letters
        out += unit.base + suffix_delimiter.join(runs)
    return out


def _closed_letters(letters: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    for letter in letters:
        if run and len(letter) == 1 and ord(letter) == ord(run[-1]) + 1:
            run.append(letter)
            continue
        out += _closed(run)
        run = [letter]
    return out + _closed(run)


def _split(item: Any, text: str) -> tuple[str | None, str]:
    """(names, the rest from the year on) of a cite; names ``None`` when they cannot be told."""
    year = _year_text(item)
    m = re.search(rf"(?<!\d){year}(?!\d)", text) if year else None
    if not m or not re.search(r"\S[ ,]+$", text[:m.start()]):
        return None, text
    return text[:m.start()].rstrip(" ,"), text[m.start():]


def _year_text(item: Any) -> str | None:
    issued = item.reference.get("issued")  # citeproc-py's Date, or DateRange with a "begin"
    date = issued.get("begin", issued) if isinstance(issued, dict) else None
    year = date.get("year") if isinstance(date, dict) else None
    return str(abs(year)) if isinstance(year, int) else None


def _suffix(item: Any) -> str | None:
    letters = item.reference.get("year_suffix")  # a citeproc-py string type: made plain
    return str(letters) if letters else None
