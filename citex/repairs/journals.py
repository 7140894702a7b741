"""Container-title repairs: a journal slot holding the title, a book title holding other fields,
a journal's full title and its NLM abbreviation (``container-title-short``) filled from each other."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Record
from ..registry import REPAIRS
from ..textnorm import fold, words
from .journal_names import Journal, identity, key, table

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


@REPAIRS.register("journal-duplicates-title", confidence=0.95, reads=("container-title",))
def journal_duplicates_title(rec: Record) -> None:
    """The journal slot repeats the article title (a PubMed export fault): the journal is unknown."""
    journal, title = rec.get("container-title"), rec.get("title")
    if journal and title and repeats_title(journal, title) and rec.fix(
            "container-title", None, rule="journal-duplicates-title",
            note="the journal slot held the article title"):
        rec.report("warning", "journal-unknown",
                   "the journal name is unknown: its slot repeated the article title, "
                   "so it was left empty", "Citation")


# ---------------------------------------------------------------- full title <-> NLM abbreviation
#
# CSL has one slot for each form: ``container-title`` the full title (BibTeX
# ``journal``, biblatex ``journaltitle``, RIS ``T2``/``JO``) and
# ``container-title-short`` the abbreviation (biblatex ``shortjournal``, RIS
# ``J2``, the short form Vancouver styles print). Only names the table knows
# are touched, and a name the table gives several meanings is only reported.

_PERIODICALS = {"article-journal", "article", "article-magazine", "article-newspaper", "review", "review-book"}


def _one(rec: Record, found: list[Journal], name: str, by_title: bool) -> Journal | None:
    """The single journal found, or None (with a report when there were several)."""
    if len(found) > 1:
        what = "the title of journals abbreviated" if by_title else "the abbreviation of"
        listed = "; ".join(repr(j.abbreviation if by_title else j.title) for j in found)
        rec.report("info", "journal-ambiguous", f"{name!r} is {what} {listed}: left as it is",
                   "container-title")
        return None
    return found[0] if found else None


@lru_cache(maxsize=4096)  # a journal's name comes back with each of its articles
def _is_abbreviation(j: Journal, name: str) -> bool:
    """An abbreviation that is the title itself ('Cancer', 'Lancet' of 'Lancet (London,
    England)') names a journal but shortens nothing."""
    return key(name) not in (key(j.title), identity(j.title))


@REPAIRS.register("journal-abbreviation", confidence=0.95, reads=("container-title",))
def journal_abbreviation(rec: Record) -> None:
    """A journal known by its full title has no abbreviation: its NLM abbreviation fills
    ``container-title-short`` (an existing short form, ISO 4 or other, is left alone)."""
    title = rec.get("container-title")
    if rec.type not in _PERIODICALS or not isinstance(title, str) or rec.get("container-title-short"):
        return
    found = [j for j in table().abbreviations(title) if _is_abbreviation(j, j.abbreviation)]
    if len(found) == 1 and "(" in found[0].abbreviation and "(" not in title:
        rec.report("info", "journal-ambiguous", f"{title!r} names several journals; the NLM's "
                   f"{found[0].abbreviation!r} is one of them: left as it is", "container-title")
        return  # NLM adds '(Baltimore)' because other journals share the title
    j = _one(rec, found, title, by_title=True)
    if j:
        rec.fix("container-title-short", j.abbreviation, rule="journal-abbreviation",
                note=f"the NLM abbreviation of {j.title!r}")


@REPAIRS.register("journal-full-title", confidence=0.95, reads=("container-title-short",))
def journal_full_title(rec: Record) -> None:
    """A journal known only by its abbreviation (``container-title-short``, e.g. MEDLINE ``TA``
    or RIS ``J2`` alone) gets its full title in ``container-title``; an abbreviation with
    periods is looked up among ISO 4 forms only, one without among NLM forms only."""
    short = rec.get("container-title-short")
    if rec.type not in _PERIODICALS or rec.get("container-title") or not isinstance(short, str):
        return
    j = _one(rec, table().titles(short), short, by_title=False)
    if j:
        rec.fix("container-title", j.title, rule="journal-full-title",
                note=f"the full title of {short!r} ({'NLM' if j.source == 'nlm' else 'CSL styles'})")


@REPAIRS.register("journal-abbreviated", confidence=0.8, reads=("container-title",))
def journal_abbreviated(rec: Record) -> None:
    """The journal's name slot holds a known NLM abbreviation ('J Clin Med') and no full title:
    the full title is proposed for ``container-title``, the abbreviation for ``container-title-short``.

    Which field holds which. CSL has no third slot, so while the abbreviation stays
    in ``container-title`` the full title has nowhere to go; moving it there would
    change what BibTeX ``journal``, RIS ``T2``/``JO`` and every full-title style print,
    for a name its author may have abbreviated on purpose (already-abbreviated names
    are left alone). So the move is only proposed (confidence 0.8: applied with
    ``--min-confidence 0.8``, when the full title goes to ``container-title`` and the
    abbreviation to ``container-title-short``, i.e. RIS ``J2``, biblatex
    ``shortjournal`` and CSL's short form). PubMed's summary text is left out: its
    journal slot is by definition the NLM abbreviation, which is where its readers
    (and the accuracy measure) look for the journal, so nothing there is wrong.
    """
    name = rec.get("container-title")
    if rec.type not in _PERIODICALS or not isinstance(name, str) or "." in name \
            or rec.get("container-title-short") or rec.source.format == "pubmed-text":
        return
    found = table().titles(name)
    if not found or not all(_is_abbreviation(j, name) for j in found) or table().abbreviations(name):
        return  # not an abbreviation, or also some journal's full title
    j = _one(rec, found, name, by_title=False)
    if j:
        note = f"the NLM abbreviation {name!r} moves to container-title-short"
        rec.fix("container-title", j.title, rule="journal-abbreviated", note=note)
        rec.fix("container-title-short", name, rule="journal-abbreviated", note=note)


# ---------------------------------------------------------------- a book title carrying other fields

_BOOK_TYPES = {"paper-conference", "chapter", "entry-encyclopedia", "entry-dictionary", "entry"}
_TAIL_PAGES = re.compile(r"[,;.]?\s*\(?(?:pp?\.|pages?)\s*(\d+\s*[-–]+\s*\d+|\d+)\)?\.?$", re.I)
_TAIL_YEAR = re.compile(r"(?:[,;.]\s*\(?|\s+\()((?:1[5-9]|20)\d\d)\)?\.?$")  # ", 2019" "(2019)", not "CHI 2019"


def _strip_tail(rec: Record, title: str, pattern: re.Pattern[str], field: str, same) -> str:
    """The book title without a trailing piece that repeats ``field`` (moved there if it is empty)."""
    if not ends_in_number(title):
        return title  # (both patterns end in digits, perhaps ')' and '.': most titles do not)
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


def ends_in_number(text: str) -> bool:
    """Whether the text ends in a digit, perhaps then ')' and '.' (and, as '$' allows, a newline)."""
    text = text.removesuffix("\n").removesuffix(".").removesuffix(")")
    return text[-1:].isdigit()


@REPAIRS.register("booktitle-extra", confidence=0.9, reads=("container-title",))
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
