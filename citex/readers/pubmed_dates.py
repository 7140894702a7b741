"""Dates as PubMed writes them, in MEDLINE ``DP``/``DEP`` lines and XML ``MedlineDate``/``PubDate``.

    "2020 Dec 21"  "2020 Dec"  "2020"  "2020 Winter"  "20160419"  "2013 06 10"
    "2019 Nov-Dec"  "1999 Dec-2000 Jan"  "2000 Jan 15-31"  "Apr 2019" (ERIC)

A range becomes two date-parts; a season becomes CSL's ``season`` (1-4).
``parse`` also says whether every word was understood, so a reader can warn
about the rest ("Article 10 2019" reads as 2019, not cleanly).
"""

from __future__ import annotations

import re

from ..model import Date

MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
SEASONS = {"spring": 1, "summer": 2, "fall": 3, "autumn": 3, "winter": 4}

_COMPACT = re.compile(r"(\d{4})(\d\d)(\d\d)?")  # DEP: 20160419, 201003
_NUMERIC = re.compile(r"(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?")  # 2020-12-21, 2020/12/21
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_MONTH_NAMES = {name: MONTHS[name[:3]] for name in (
    "january february march april may june july august september october november december "
    "sept".split())} | MONTHS


class _Half:
    """One side of a range while it is read: year, month, day, season, and words not understood."""

    def __init__(self) -> None:
        self.year: int | None = None
        self.month: int | None = None
        self.day: int | None = None
        self.season: int | None = None
        self.unknown = 0

    def parts(self) -> list[int]:
        out = []
        for value in (self.year, self.month, self.day):
            if value is None:
                break
            out.append(value)
        return out


def parse(text: str) -> tuple[Date, bool]:
    """A Date from PubMed's date text, and whether all of the text was understood."""
    text = text.strip()
    m = _COMPACT.fullmatch(text) or _NUMERIC.fullmatch(text)
    if m:
        return from_parts(*m.groups()), True
    first_text, _, second_text = text.partition("-")
    first = _read_half(first_text, expect_day=False)
    second = _read_half(second_text, expect_day=first.day is not None) if second_text else None
    if first.year is None and second is not None and second.year is not None:
        first.year = second.year  # "Dec-Jan 2020" style is not PubMed's, but keep the year
    if first.year is None:
        return Date(literal=text), False
    parts = [first.parts()]
    clean = first.unknown == 0
    if second is not None:
        # a season range ("Fall-Winter") has no CSL form beyond its first season
        clean = clean and second.unknown == 0 and second.season in (None, first.season)
        if second.year is None:
            second.year = first.year
        if second.month is None and second.day is not None:
            second.month = first.month  # "2000 Jan 15-31"
        end = second.parts()
        if end != parts[0] and len(end) >= len(parts[0]):
            parts.append(end)
    return Date(parts=parts, season=first.season), clean


def from_parts(year: str | None, month: str | None = None, day: str | None = None,
               season: str | None = None) -> Date | None:
    """A Date from separate year, month ("Dec" or "12"), day and season texts (PubMed XML)."""
    if not year or not _is_number(year.strip(), 4):
        return None
    parts = [int(year)]
    month_number = _month(month.strip()) if month else None
    if month_number:
        parts.append(month_number)
        if day and _is_number(day.strip(), 2) and 1 <= int(day) <= 31:
            parts.append(int(day))
    season_number = SEASONS.get(season.strip().lower()) if season else None
    return Date(parts=[parts], season=season_number)


def _is_number(text: str, most_digits: int) -> bool:
    """True for 1 to ``most_digits`` decimal digits: '²' is a digit int() refuses, and
    int() refuses more than 4,300 digits."""
    return text.isdecimal() and len(text) <= most_digits


def _month(text: str) -> int | None:
    if _is_number(text, 2):
        return int(text) if 1 <= int(text) <= 12 else None
    return _MONTH_NAMES.get(text.lower().rstrip("."))


def _read_half(text: str, expect_day: bool) -> _Half:
    half = _Half()
    for token in _TOKEN.findall(text):
        lower = token.lower()
        if _is_number(token, 9):
            number = int(token)
            if len(token) == 4 and half.year is None:
                half.year = number
            elif half.month is not None and half.day is None and 1 <= number <= 31:
                half.day = number
            elif expect_day and half.month is None and half.day is None and 1 <= number <= 31:
                half.day = number
            elif half.year is not None and half.month is None and 1 <= number <= 12:
                half.month = number  # "2013 06 10"
            else:
                half.unknown += 1
        elif lower in _MONTH_NAMES and half.month is None:
            half.month = _MONTH_NAMES[lower]
        elif lower in SEASONS and half.season is None:
            half.season = SEASONS[lower]
        else:
            half.unknown += 1
    return half
