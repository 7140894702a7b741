"""Reading RIS values: names, dates, page ranges, ISSN/ISBN lists and labelled identifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Date, Name

# --- names -------------------------------------------------------------------------------

_INITIALS = re.compile(r"^(?:[A-Z\u00c0-\u00de]\.?-?){1,4}$")  # "D", "DG", "D.G.", "J-P"
_ET_AL = re.compile(r"^(?:et\.?\s*al\.?|others|and others)$", re.I)
_SUFFIXES = re.compile(r"^(?:Jr|Sr|I{1,3}|IV|V|2nd|3rd)\.?$", re.I)


def is_et_al(text: str) -> bool:
    text = text.strip()
    # each form starts with one of these (no other character is one of them to re.I): most names
    # are known not to be one without the regex
    return text[:1] in _ET_AL_STARTS and bool(_ET_AL.match(text))


_ET_AL_STARTS = frozenset("eEoOaA")


def parse_name(text: str) -> Name | None:
    """``Last, First, Suffix`` (the RIS form), ``Last,F.``, ``Last FM``; else the text as a literal."""
    return parse_spaced_name(" ".join(text.split()))


def parse_spaced_name(text: str) -> Name | None:
    """``parse_name`` of a text whose whitespace runs are already single spaces, ends trimmed.
    A new Name each call, not remembered: the record builder remembers each name's parts
    (``ris_fields._NAMES``)."""
    parts = spaced_name_parts(text)
    return None if parts is None else Name(*parts)


def spaced_name_parts(text: str) -> tuple | None:
    """``name_parts`` of ``parse_spaced_name(text)``, without making the Name: the record builder
    keeps the parts and makes each record's Name from them (a Name made only to be taken
    apart cost each name new to the run 0.5 µs)."""
    if not text:
        return None
    if "," not in text:
        tokens = text.split(" ")
        if len(tokens) >= 2 and _INITIALS.match(tokens[-1]):  # "Liu R.", "Oudin Åström D"
            return _with_particle(" ".join(tokens[:-1]), tokens[-1], None)
        return (None, None, text, None, None, None)
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 3 or not parts[0]:
        return (None, None, text, None, None, None)
    suffix = None
    if len(parts) == 3 and parts[2]:
        if not _SUFFIXES.match(parts[2]):
            return (None, None, text, None, None, None)
        suffix = parts[2]
    return _with_particle(parts[0], parts[1] or None if len(parts) > 1 else None, suffix)


def _with_particle(family: str, given: str | None, suffix: str | None) -> tuple:
    """A person's name parts, the lower-case leading words of the family name its particle
    ('van der Berg' -> 'van der', 'Berg')."""
    particle = None
    if " " in family:
        words = family.split(" ")
        k = 0
        while k < len(words) - 1 and words[k][:1].islower():
            k += 1
        if k:
            particle, family = " ".join(words[:k]), " ".join(words[k:])
    return (family, given, None, particle, None, suffix)


# --- dates -------------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_SLASHED = re.compile(r"^(\d{4})?/(\d{1,2})?(?:/(\d{1,2})?)?(?:/(.*))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ]\d.*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME = re.compile(r"^T?\d\d:\d\d(?::\d\d)?Z?$")
_WORD_SPLIT = re.compile(r"[\s,./\-]+")


@dataclass
class DateParts:
    """What a date value says; ``exact`` is False when some of it was not understood."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: int | None = None
    exact: bool = True

    def to_date(self) -> Date:
        parts = [self.year]
        if self.month:
            parts.append(self.month)
            if self.day:
                parts.append(self.day)
        return Date(parts=[parts], season=self.season)


def _valid(p: DateParts) -> DateParts:
    """Zero means unknown (``2001/00/00/``); a month or day out of range is dropped, noted."""
    p.year = p.year or None
    if p.month is not None and not 1 <= p.month <= 12:
        p.exact = p.exact and p.month == 0
        p.month = None
    if p.day is not None and not 1 <= p.day <= 31:
        p.exact = p.exact and p.day == 0
        p.day = None
    if p.day and not p.month:
        p.day, p.exact = None, False
    return p


def _word_date(text: str) -> DateParts:
    p = DateParts()
    for token in filter(None, _WORD_SPLIT.split(text)):
        low = token.lower()
        if token.isdecimal() and len(token) == 4 and p.year is None:
            p.year = int(token)
        elif token.isdecimal() and len(token) <= 2 and p.day is None:
            p.day = int(token)
        elif low[:3] in _MONTHS and low.isalpha() and p.month is None:
            p.month = _MONTHS[low[:3]]
        elif low in _SEASONS and p.season is None:
            p.season = _SEASONS[low]
        else:
            p.exact = False  # a second month (a range), a word we do not know
    return p


_DATES: dict[str, tuple | None] = {}  # a date's text -> its DateParts' fields, or None
_DATES_CAP = 8192  # emptied when full: memory stays flat


def parse_date(text: str) -> DateParts | None:
    """``_read_date``, each text read once (a new DateParts each call: callers change it)."""
    found = _DATES.get(text, _DATES)
    if found is _DATES:
        p = _read_date(text)
        found = None if p is None else (p.year, p.month, p.day, p.season, p.exact)
        if len(_DATES) >= _DATES_CAP:
            _DATES.clear()
        _DATES[text] = found
    return None if found is None else DateParts(*found)


def _read_date(text: str) -> DateParts | None:
    """``2020``, ``2020///``, ``2020/05/12/``, ``2020/05//Spring``, ``2020-05-12``, ``May 2020``,
    ``JUN 13``, ``20200512``; ``None`` when no year, month or season is found."""
    text = text.strip()
    if len(text) == 4 and text.isdecimal():  # the usual PY: a bare year, as _word_date reads it
        p = _valid(DateParts(int(text)))
        return p if p.year else None
    m = _SLASHED.match(text)
    if m:
        y, mo, d, other = m.groups()
        p = DateParts(int(y) if y else None, int(mo) if mo else None, int(d) if d else None)
        other = (other or "").strip()
        if other.lower() in _SEASONS:
            p.season = _SEASONS[other.lower()]
        elif other and not _TIME.match(other):
            p.exact = False
        p = _valid(p)
    elif _ISO.match(text) or _COMPACT.match(text):
        y, mo, d = (_ISO.match(text) or _COMPACT.match(text)).groups()
        p = _valid(DateParts(int(y), int(mo), int(d) if d else None))
    else:
        p = _valid(_word_date(text))
    return p if (p.year or p.month or p.season) else None


# --- pages -------------------------------------------------------------------------------

_RANGE = re.compile(r"\d\s*[-\u2010-\u2015]+\s*\w")


def join_pages(first: str | None, last: str | None) -> tuple[str | None, bool]:
    """The CSL page from SP and EP, and whether EP was used. SP may already hold a range."""
    if first and last:
        if first == last:
            return first, True
        if _RANGE.search(first):
            return first, first.endswith(last)
        return f"{first}-{last}", True
    return first, False


# --- ISSN / ISBN ---------------------------------------------------------------------------

_SERIAL_CHUNK = re.compile(r"[\s,;]+")
_SERIAL_LABEL = re.compile(r"^\(?(?:e?ISSN|e?ISBN|Print|Electronic|Linking|Online|pbk|hbk)\)?:?$", re.I)
_NOT_SERIAL = re.compile(r"[^\dXx-]")


def split_serials(text: str) -> tuple[list[str], list[str], bool]:
    """(ISSNs, ISBNs, fully understood) in an SN value such as ``0894-9867, 0894-9867``.

    The number of digits decides: 8 is an ISSN, 10 or 13 an ISBN, whatever the type says.
    """
    issns: list[str] = []
    isbns: list[str] = []
    understood = True
    for chunk in filter(None, _SERIAL_CHUNK.split(text)):
        digits = chunk.replace("-", "")
        if _NOT_SERIAL.search(chunk) or not digits[:-1].isdigit():
            understood = understood and bool(_SERIAL_LABEL.match(chunk))
        elif len(digits) == 8:
            issns.append(chunk.upper())
        elif len(digits) in (10, 13):
            isbns.append(chunk.upper())
        else:
            understood = False
    return issns, isbns, understood


# --- identifiers in notes ------------------------------------------------------------------

LABELLED_IDS = [  # (CSL variable, pattern for one whole line)
    ("PMID", re.compile(r"^\s*(?:PMID|PubMed\s*ID)\s*[:=]?\s*(\d{1,9})\s*\.?$", re.I)),
    ("PMID", re.compile(r"^\s*(\d{1,9})\s*\[PMID\]\s*$", re.I)),
    ("PMCID", re.compile(r"^\s*(?:PMCID\s*[:=]?\s*)?(PMC\d+)\s*(?:\[PMCID\])?\s*\.?$", re.I)),
    ("DOI", re.compile(r"^\s*doi\s*[:=]\s*(10\.\d{4,9}/\S+?)\.?\s*$", re.I)),
]


def labelled_ids(text: str) -> list[tuple[str, str]]:
    """(variable, value) for each line of ``text`` that is one labelled PMID, PMCID or DOI."""
    found = []
    for line in text.split("\n"):
        for var, pattern in LABELLED_IDS:
            m = pattern.match(line)
            if m:
                found.append((var, m.group(1)))
                break
    return found
