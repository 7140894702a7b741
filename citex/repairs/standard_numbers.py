"""ISBN and ISSN repairs, with python-stdnum's checksums.

A field holding one valid number written with a prefix ('ISBN 978...', 'ISSN:')
or with spaces for hyphens gets the standard hyphenated form; a bare or already
hyphenated number is left alone (both are correct), and so is a field holding
several numbers. Every number whose checksum fails is reported, never
"corrected": which digit is wrong cannot be known.
"""

from __future__ import annotations

import operator
import re
from functools import lru_cache

from ..model import Record
from ..registry import REPAIRS

_PREFIX = re.compile(r"^\s*(?:[ep]?isbn|[ep]?issn)(?:-1[03])?\s*[:#]?\s*", re.I)
_CANDIDATES = {
    "isbn": re.compile(r"(?<![\dXx])(?:97[89][\s-]?)?\d(?:[\s-]?\d){8}[\s-]?[\dXx](?![\dXx])"),
    "issn": re.compile(r"(?<![\dXx])\d{4}[\s-]?\d{3}[\dXx](?![\dXx])"),
}


def _check(rec: Record, field: str, kind: str) -> None:
    value = rec.get(field)
    if not (isinstance(value, str) and value.strip()):
        return
    if kind == "issn" and _is_valid_hyphenated_issn(value):
        return  # the usual ISSN, '0028-0836' with a right check digit: nothing to report or fix
    invalid, standard = plain_number(kind, value) or examine(kind, value)
    for number in invalid:
        rec.report("warning", f"{kind}-invalid",
                   f"{field} {number!r} fails its checksum; kept as is", field)
    if standard is not None:
        rec.fix(field, standard, rule=kind)


_HYPHENATED_ISSN = re.compile(r"\d{4}-\d{3}[\dX]")
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


@lru_cache(maxsize=8192)  # a journal's ISSN comes back with each of its articles
def _is_valid_hyphenated_issn(value: str) -> bool:
    """True for exactly 'NNNN-NNNC' with a right check digit (ISO 3297, as python-stdnum checks it):
    a value ``examine`` would find valid and leave as it is, known without calling stdnum."""
    if not _HYPHENATED_ISSN.fullmatch(value):
        return False
    digits = value[:4] + value[5:8]
    check = (11 - sum(map(operator.mul, map(int, digits), _WEIGHTS))) % 11
    return value[8] == ("X" if check == 10 else str(check))


def plain_number(kind: str, value: str) -> tuple[tuple[str, ...], None] | None:
    """``examine``'s answer for a value that is one number alone, bare or with hyphens, in ASCII
    digits ('978-0-306-40615-7', '0028-0836'): no standard form to write (it is one), and the
    number itself if its check digit is wrong. Known without python-stdnum, whose import costs
    more than checking a file's numbers; None for any other value."""
    if not value.isascii() or value[-1:] not in _CHECK_CHARACTERS or _CANDIDATES[kind].findall(value) != [value] \
            or (kind == "issn" and not _HYPHENATED_ISSN.fullmatch(value)):
        return None
    digits = value.replace("-", "")
    if not digits[:-1].isdigit():
        return None  # spaces between the digits: not the plain form
    return ((), None) if _valid(kind, digits) else ((value,), None)


_CHECK_CHARACTERS = frozenset("0123456789X")


def _valid(kind: str, digits: str) -> bool:
    """python-stdnum's checksum tests of an ISSN (8), ISBN-10 or ISBN-13 in ASCII digits."""
    body, check = digits[:-1], digits[-1]
    if kind == "issn":
        total = (11 - sum(map(operator.mul, map(int, body), _WEIGHTS))) % 11
    elif len(digits) == 10:
        total = sum(map(operator.mul, map(int, body), range(1, 10))) % 11
    else:  # ISBN-13, an EAN-13 of the 978/979 'Bookland'
        if check == "X" or body[:3] not in ("978", "979"):
            return False
        return check == str((10 - sum(map(operator.mul, map(int, reversed(body)), (3, 1) * 6))) % 10)
    return check == ("X" if total == 10 else str(total))


@lru_cache(maxsize=8192)  # a journal's ISSN comes back with each of its articles
def examine(kind: str, value: str) -> tuple[tuple[str, ...], str | None]:
    """(the numbers in ``value`` whose checksum fails, the standard form to write or None)."""
    found = _CANDIDATES[kind].findall(value)
    invalid = tuple(number for number in found if not is_valid(kind, number))
    if len(found) != 1 or invalid:
        return invalid, None
    raw = _PREFIX.sub("", value).strip().rstrip(".")
    if raw != found[0]:
        return invalid, None  # more text than the number: leave it to a human
    if raw == value.strip() and " " not in raw and (kind == "isbn" or "-" in raw):
        return invalid, None  # already a correct bare or hyphenated number
    if kind == "issn" and raw.isascii():  # stdnum's issn.format: NNNN-NNNC, its X in capitals
        digits = raw.replace("-", "").replace(" ", "").upper()
        return invalid, digits[:4] + "-" + digits[4:]
    return invalid, _stdnum(kind).format(_stdnum(kind).compact(raw))  # an ISBN's hyphens need its ranges


def is_valid(kind: str, number: str) -> bool:
    """python-stdnum's ``is_valid`` of a number ``_CANDIDATES`` found: by ``_valid`` when it is
    ASCII digits with spaces or hyphens between them (WoS gives two ISSNs a journal, and stdnum's
    import costs a worker 12 ms), else by stdnum (which reads other dashes and spaces too)."""
    digits = number.replace("-", "").replace(" ", "")
    if digits.isascii() and digits[:-1].isdigit():
        return _valid(kind, digits.upper())
    return _stdnum(kind).is_valid(number)


def _stdnum(kind: str):
    from stdnum import isbn, issn  # lazy: only for numbers written otherwise, and to format an ISBN

    return {"isbn": isbn, "issn": issn}[kind]


@REPAIRS.register("isbn", confidence=0.95, reads=("ISBN",))
def isbn(rec: Record) -> None:
    """An ISBN with an 'ISBN' prefix or spaces becomes its hyphenated form; a bad checksum is reported."""
    _check(rec, "ISBN", "isbn")


@REPAIRS.register("issn", confidence=0.95, reads=("ISSN",))
def issn(rec: Record) -> None:
    """An ISSN with a prefix, spaces or no hyphen ('ISSN 00280836') becomes '0028-0836'; a bad
    checksum is reported."""
    _check(rec, "ISSN", "issn")
