"""Container-title repairs: a journal slot holding the title, a book title holding other fields."""

from __future__ import annotations

import re

from ..model import Record
from ..registry import REPAIRS
from ..textnorm import fold, words

# A journal slot that is only the start of the title must be this long (folded
# characters and words) before it counts as a truncated copy: "Cancer" as the
# journal of "Cancer statistics, 2020" is a real journal, not a copy.
_MIN_TRUNCATED_CHARS = 20
_MIN_TRUNCATED_WORDS = 3


def repeats_title(journal: str, title: str) -> bool:
    """True when the journal text is the title again (any case or punctuation, or cut short)."""
    j, t = fold(journal), fold(title)
    if not j or not t:
        return False
    if j == t or (len(t) >= _MIN_TRUNCATED_CHARS and t in j):
        return True
    return (t.startswith(j) and len(j) >= _MIN_TRUNCATED_CHARS
            and len(words(journal)) >= _MIN_TRUNCATED_WORDS)


@REPAIRS.register("journal-duplicates-title", confidence=0.95)
def journal_duplicates_title(rec: Record) -> None:
    """The journal slot repeats the article title (a PubMed export fault): the journal is unknown."""
    journal, title = rec.get("container-title"), rec.get("title")
    if journal and title and repeats_title(journal, title) and rec.fix(
            "container-title", None, rule="journal-duplicates-title",
            note="the journal slot held the article title"):
        rec.report("warning", "journal-unknown",
                   "the journal name is unknown: its slot repeated the article title, "
                   "so it was left empty", "Citation")


# ---------------------------------------------------------------- a book title carrying other fields

_BOOK_TYPES = {"paper-conference", "chapter", "entry-encyclopedia", "entry-dictionary", "entry"}
_TAIL_PAGES = re.compile(r"[,;.]?\s*\(?(?:pp?\.|pages?)\s*(\d+\s*[-–]+\s*\d+|\d+)\)?\.?$", re.I)
_TAIL_YEAR = re.compile(r"(?:[,;.]\s*\(?|\s+\()((?:1[5-9]|20)\d\d)\)?\.?$")  # ", 2019" "(2019)", not "CHI 2019"


def _strip_tail(rec: Record, title: str, pattern: re.Pattern[str], field: str, same) -> str:
    """The book title without a trailing piece that repeats ``field`` (moved there if it is empty)."""
    m = pattern.search(title)
    if not m or m.start() < 10 or re.search(r"\d\s*$", title[:m.start()]):
        return title  # "..., May 19-23, 2013": the year ends a date, not the title
    value, have = m.group(1), rec.get(field)
    if have is None and field == "page":
        rec.fix("page", re.sub(r"\s*[-–]+\s*", "-", value), rule="booktitle-extra",
                note="from the end of the container title")
    elif have is None or not same(have, value):
        return title  # it may belong to the title ("Proceedings of ... 2019"): leave it
    return title[:m.start()].rstrip(" ,;.(")


@REPAIRS.register("booktitle-extra", confidence=0.9)
def booktitle_extra(rec: Record) -> None:
    """A conference or book title ending in the record's own year, place or pages ('Proc. X, Berlin,
    2019, pp. 1-5') keeps only the title; pages no other field has move to ``page``."""
    title = rec.get("container-title")
    if rec.type not in _BOOK_TYPES or not isinstance(title, str):
        return
    new = _strip_tail(rec, title, _TAIL_PAGES, "page", lambda have, v: fold(have) == fold(v))
    new = _strip_tail(rec, new, _TAIL_YEAR, "issued",
                      lambda have, v: getattr(have, "year", None) == int(v))
    for place_field in ("event-place", "publisher-place"):
        place = rec.get(place_field)
        if isinstance(place, str) and place and fold(new).endswith(fold(place)) and \
                re.search(r"[,;]\s*" + re.escape(place) + r"\.?$", new):
            new = new[:new.rstrip(". ").rfind(place)].rstrip(" ,;")
    if new != title:
        rec.fix("container-title", new, rule="booktitle-extra")
