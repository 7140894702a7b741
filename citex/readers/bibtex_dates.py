"""BibLaTeX ``date`` fields (ISO 8601 / EDTF) and BibTeX ``year``/``month``/``day`` to CSL dates.

``2020``, ``2020-01``, ``2020-01-31``, ranges ``2020-01/2020-03``, open ranges
``2020/`` and ``/2020``, seasons ``2020-21`` (EDTF spring..winter = 21..24),
and the qualifiers ``~`` (circa), ``?`` (uncertain) and ``%`` (both). CSL dates
in citex have no circa flag and no open end, so those come back with a note
saying what was lost; the reader then keeps the field as written in ``extra``.
What cannot be read at all is a ``literal`` with a note.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from typing import NamedTuple

from ..fieldmaps.bibtex import MONTHS, SEASONS, STATUS_YEARS
from ..model import Date

_EDTF = re.compile(
    r"^(?:[yY](?P<long>-?\d{5,9})|(?P<y>[+-]?[\dXu]{1,4}))(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?"
    r"(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?P<q>[?~%]{0,2})$")
_OPEN = ("", "..", "open", "unknown")
_UNSPECIFIED = re.compile(r"^(\d{2,3})([Xu]{1,2})$")
_YEAR = re.compile(r"^(?:(?:c|ca|circa)\.?\s*)?\[?(?P<y>-?\d{1,4})\]?(?P<suffix>[a-z]?)$", re.I)
_YEAR_RANGE = re.compile(r"^(\d{3,4})\s*(?:-{1,3}|–|—|/)\s*(\d{1,4})$")
_ERA = re.compile(r"^(?P<y>\d{1,4})\s*(?P<era>BCE|BC|B\.C\.|CE|AD|A\.D\.)$|^(?:AD|A\.D\.)\s*(?P<y2>\d{1,4})$",
                  re.I)
_MONTH_DAY = re.compile(r"^(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<m>[a-z]+)\.?"
                        r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?,?$", re.I)
_RANGE_SEP = re.compile(r"\s*(?:-{1,3}|–|—|/|,|&|\band\b)\s*")


class Parsed(NamedTuple):
    date: Date
    note: str | None  # what the CSL date cannot say (circa, open range), or why it is literal
    literal: bool = False


def _valid(y: int, m: int | None, d: int | None) -> bool:
    if m is None:
        return d is None
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    days = calendar.monthrange(y, m)[1] if 1 <= y <= 9999 else 31
    return 1 <= d <= days


def _one(text: str) -> tuple[list[int], int | None, str] | None:
    """One EDTF date -> (parts, season, qualifier), or None."""
    m = _EDTF.match(text)
    if not m:
        return None
    digits = m["long"] or m["y"]
    if not any(c.isdecimal() for c in digits):
        return None
    y = int(digits.replace("X", "0").replace("u", "0"))
    if y <= 0:  # ISO 8601 counts a year 0 (1 BC); CSL does not
        y -= 1
    month = int(m["m"]) if m["m"] else None
    day = int(m["d"]) if m["d"] else None
    qualifier = m["q"] if len(set(m["q"])) < 2 else "%"  # "?~" is "%"
    if month and 21 <= month <= 24 and day is None:  # EDTF seasons
        return [y], month - 20, qualifier
    if not _valid(y, month, day):
        return None
    return [p for p in (y, month, day) if p is not None], None, qualifier


def parse_date(raw: str) -> Parsed:
    """A biblatex date field."""
    return _fresh(_parse_date(raw))


def parse_year_month(year: str, month: str | None, day: str | None) -> Parsed:
    """BibTeX's ``year`` (plus ``month`` and ``day`` when given)."""
    return _fresh(_parse_year_month(year, month, day))


def _fresh(parsed: Parsed) -> Parsed:
    """A cached result with a Date of its own: records own their dates (repairs change them)."""
    return Parsed(parsed.date.copy(), parsed.note, parsed.literal)


@lru_cache(maxsize=4096)  # dates repeat from record to record
def _parse_date(raw: str) -> Parsed:
    text = raw.strip().replace("\u00a0", "~")
    m = _UNSPECIFIED.match(text)
    if m:  # 19XX: the decade (or century) as a range, as pandoc reads it
        stem, unknown = m.groups()
        low, high = int(stem + "0" * len(unknown)), int(stem + "9" * len(unknown))
        return Parsed(Date(parts=[[low], [high]]), None)
    if "/" not in text:
        one = _one(text)
        if one is None:
            return _literal(raw, "is not an ISO 8601 date")
        parts, season, qualifier = one
        return Parsed(Date(parts=[parts], season=season), _QUALIFIERS.get(qualifier))
    start, _, end = text.partition("/")
    ends = [None if s in _OPEN else _one(s) for s in (start, end)]
    if any(e is None for e, s in zip(ends, (start, end)) if s not in _OPEN):
        return _literal(raw, "is not an ISO 8601 date range")
    known = [e for e in ends if e is not None]
    if not known:
        return _literal(raw, "is an open range with no dates")
    qualifiers = {_QUALIFIERS.get(e[2]) for e in known} - {None}
    if len(known) == 1:
        side = "end" if ends[1] is None else "start"
        return Parsed(Date(parts=[known[0][0]]), f"the range has an open {side}")
    return Parsed(Date(parts=[known[0][0], known[1][0]], season=known[0][1]), ", ".join(sorted(qualifiers)) or None)


_QUALIFIERS = {"~": "circa", "?": "uncertain", "%": "circa and uncertain"}


def _literal(raw: str, why: str) -> Parsed:
    return Parsed(Date(literal=raw.strip()), f"'{raw.strip()}' {why}", literal=True)


@lru_cache(maxsize=4096)
def _parse_year_month(year: str, month: str | None, day: str | None) -> Parsed:
    text = year.strip()
    base = _year(text)
    if base is None:
        return _literal(year, "is not a year")
    first, second, note = base
    if not month:
        parts = [[first]] if second is None else [[first], [second]]
        if day:
            note = _join(note, "a day without a month was left out")
        return Parsed(Date(parts=parts), note)
    months = parse_month(month)
    if months is None:
        return Parsed(Date(parts=[[first]]), _join(note, f"month '{month.strip()}' is not a month"))
    (m1, d1, season), end = months
    if season:
        return Parsed(Date(parts=[[first]], season=season), note)
    if day and d1 is None and str(day).strip().isdecimal() and len(str(day).strip()) <= 2:
        d1 = int(day)
    start = [first, m1] + ([d1] if d1 and _valid(first, m1, d1) else [])
    if end is None:
        return Parsed(Date(parts=[start]), note)
    m2, d2 = end
    finish = [second or first, m2] + ([d2] if d2 else [])
    return Parsed(Date(parts=[start, finish]), note)


def _join(a: str | None, b: str) -> str:
    return f"{a}; {b}" if a else b


def _year(text: str) -> tuple[int, int | None, str | None] | None:
    m = _YEAR.match(text)
    if m:
        note = None
        if text[:1].lower() == "c":
            note = "circa"
        elif m["suffix"]:
            note = f"the letter after the year ('{text}') was left out"
        return int(m["y"]), None, note
    m = _YEAR_RANGE.match(text)
    if m:
        a, b = m.groups()
        end = int(a[: len(a) - len(b)] + b)  # 1995--97 is 1995 to 1997
        return int(a), end if end >= int(a) else int(b), None
    m = _ERA.match(text)
    if m:
        y = int(m["y"] or m["y2"])
        bc = (m["era"] or "").upper().startswith("B")
        return (-y if bc else y), None, None
    return None


def parse_month(text: str) -> tuple[tuple[int | None, int | None, int | None],
                                   tuple[int, int | None] | None] | None:
    """``jan``, ``January``, ``8``, ``1 jan``, ``jan--feb``, ``Spring`` ->
    ((month, day, season), optional (end month, end day)); None if not a month."""
    text = text.strip().rstrip(".").strip()
    low = text.lower()
    if low in SEASONS:
        return (None, None, SEASONS[low]), None
    pieces = _RANGE_SEP.split(low) if not low.isdigit() else [low]
    if len(pieces) == 2:
        a, b = _month_day(pieces[0]), _month_day(pieces[1])
        if a and b:
            return (a[0], a[1], None), b
        return None
    one = _month_day(low)
    return ((one[0], one[1], None), None) if one else None


def _month_day(text: str) -> tuple[int, int | None] | None:
    if text.isdecimal() and len(text) <= 2:
        n = int(text)
        return (n, None) if 1 <= n <= 12 else None
    m = _MONTH_DAY.match(text)
    if not m or m["m"].lower() not in MONTHS:
        return None
    day = m["d1"] or m["d2"]
    return MONTHS[m["m"].lower()], int(day) if day and 1 <= int(day) <= 31 else None


def status_of_year(year: str) -> str | None:
    """``in press``, ``forthcoming``... in a year field: the CSL status, else None."""
    if year.isdecimal():  # the usual year: no status is a number
        return None
    return STATUS_YEARS.get(" ".join(year.lower().split()))
