"""Page repairs: abbreviated ranges and dash variants."""

from __future__ import annotations

import re

from ..model import Record
from ..registry import REPAIRS

_RANGE = re.compile(r"^(?P<prefix>[A-Za-z]*)(?P<start>\d+)\s*(?:-+|[\u2010-\u2015\u2212])\s*"
                    r"(?P<eprefix>[A-Za-z]*)(?P<end>\d+)$")
# "pp. 45-9", "p 12", "pages: 3-7", "Article 123", "Art. no. e5": a label, not part of the page;
# a bare "P" or "p" before digits stays ("P1-P10" is a page range with a prefix).
_PP = re.compile(r"^(?:pp?\.\s*|pp?\s+|pages?\s*:?\s*|art(?:icle|\.)?\s*(?:no\.?|number|#)?\s*:?\s*)(?=\S)",
                 re.I)


def expand_range(part: str) -> str:
    """'1011-5' -> '1011-1015', 'S12–5' -> 'S12-S15'; anything else comes back as it was."""
    m = _RANGE.match(part.strip())
    if not m:
        return part.strip()
    prefix, start, eprefix, end = m.group("prefix", "start", "eprefix", "end")
    if eprefix and eprefix != prefix:
        return part.strip()
    if len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    if int(end) < int(start):
        return part.strip()  # not a range we can read; leave it for a human
    return f"{prefix}{start}-{prefix}{end}" if start != end else f"{prefix}{start}"


def normalise_pages(pages: str) -> str:
    text = _PP.sub("", pages.strip())
    text = text[:-1] if text.endswith(".") and text[-2:-1].isdigit() else text
    parts = _COMMA.split(text) if "," in text else [text]
    return ", ".join(expand_range(p) for p in parts if p)


_COMMA = re.compile(r"\s*,\s*")


@REPAIRS.register("page-range", confidence=0.95, reads=("page",))
def page_range(rec: Record) -> None:
    """Abbreviated page ranges ('1011-5'), en dashes and 'pp.' become full hyphenated ranges."""
    pages = rec.get("page")
    if pages and not is_plain(pages):
        rec.fix("page", normalise_pages(pages), rule="page-range")


_PLAIN = re.compile(r"([0-9]+)(?:-([0-9]+))?")


def is_plain(pages: str) -> bool:
    """True for one page or a full range with digits of the same length ('45', '1011-1015'),
    which ``normalise_pages`` gives back as they are: known in one match."""
    m = _PLAIN.fullmatch(pages) if isinstance(pages, str) else None
    return m is not None and (m[2] is None or len(m[1]) == len(m[2]) and m[1] < m[2])
