"""A grammar for NLM/Vancouver citation strings, as PubMed writes them.

    citation  = [authors "."] title journal source {trailer}   (authors: ``nlm_authors``)
    authors   = author {("," | ";") author} ["," "et al"] | "[No authors listed]"
    author    = family initials [suffix] | group-name
    title     = sentence {sentence}          (a sentence ends in ". ", "? " or "! "
    journal   = sentence {sentence}           outside brackets and quotes)
    source    = date [";" [volume] ["(" issue ")"] [":" pages]] "."
    date      = year [month [day]]           e.g. "2020", "2020 Dec", "2020 Dec 21", "2020 Winter"
    trailer   = "doi:" DOI | "PMID:" digits | "PMCID:" id | "Epub" date | "eCollection" date

The head (authors, title, journal) is cut into sentences first; the source is
the first sentence from which the rest of the string parses as
``source {trailer}``. Which head sentences are the title and which the journal
is decided by the caller's known title when it has one (the structured
``Title:`` line), else by :func:`split_title_journal`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Date
from ..textnorm import fold
from .pubmed_dates import MONTHS, SEASONS

_SP = r"[ \t]"
_MONTH = r"(?:[A-Z][a-z]{2,8}\.?)"
_DATE = (
    rf"(?P<year>(?:1[5-9]|20)\d\d)(?:/\d\d(?:\d\d)?)?"
    rf"(?:{_SP}+(?P<month>{_MONTH}|Spring|Summer|Fall|Autumn|Winter)"
    rf"(?:-{_MONTH})?(?:{_SP}+(?P<day>\d{{1,2}})(?:-\d{{1,2}})?)?)?"
)
# Pages run to the citation's closing period; a period inside them ("4734-4752.e20") is kept.
_PAGES = r"[^\s;:.,](?:[^\s;:.,]|[.](?=[^\s.])|,[ ]?(?=[^\s.]))*"
_VOLUME_PART = (
    rf"(?:{_SP}*;{_SP}*(?P<volume>[^\s():;.][^():;]*?)?{_SP}*"
    rf"(?:\((?P<issue>[^()]*(?:\([^()]*\)[^()]*)*)\))?"
    rf"(?:{_SP}*:{_SP}*(?P<pages>{_PAGES}))?)?"
)
SOURCE = re.compile(rf"{_DATE}{_VOLUME_PART}{_SP}*(?:[.]|$)")
# Without a date PubMed never writes a citation, but broken exports do: "15(4):1011-5."
SOURCE_NO_DATE = re.compile(
    rf"(?P<volume>\d[\w ]*?)?{_SP}*(?:\((?P<issue>[^()]+)\))?{_SP}*:{_SP}*"
    rf"(?P<pages>{_PAGES}){_SP}*(?:[.]|$)"
)
# A DOI may arrive with spaces around its slash ("10.1371/ journal.pone.0174944").
# Books: "Geneva: World Health Organization; 2020." (NLM's place: publisher; year).
BOOK_SOURCE = re.compile(
    rf"(?P<place>[^.:;]+?):{_SP}*(?P<publisher>[^:;]+?);{_SP}*{_DATE}(?:[.;,:]{_SP}*[^.]*?)?{_SP}*(?:[.]|$)")
_DOI_VALUE = r"(?P<doi>10\.\d{4,9}[ ]?/[ ]?\S+|\S+)"
TRAILER = re.compile(
    rf"{_SP}*(?:"
    rf"(?:doi|DOI)\s*:?{_SP}*{_DOI_VALUE}"
    rf"|(?P<doiurl>https?://(?:dx\.)?doi\.org/\S+)"
    rf"|PMID:{_SP}*(?P<pmid>\d+)(?:{_SP}*\[[^\]]*\])?"
    rf"|PMCID:{_SP}*(?P<pmcid>PMC\d+)"
    rf"|(?:Epub|eCollection|Print)(?:{_SP}+ahead of print)?(?:{_SP}+{_DATE.replace('?P<', '?P<e_')})?"
    rf"|(?:Erratum|Retraction|Comment|Update|Republished)[^.]*?"
    rf")(?:[.;]|(?=\s|$))"
)

# "U.S. trends", "drug vs. placebo": a period after these, before a lowercase word, ends nothing.
_NOT_AN_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:vs|e\.g|i\.e|cf|approx|ca|Dr|St|Mt|Fig|No)\.)$")
_NON_SPACE = re.compile(r"\S")


@dataclass
class ParsedSource:
    issued: Date | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    publisher: str | None = None  # books: "Place: Publisher; Year."
    place: str | None = None
    unparsed: str = ""  # trailing text the grammar does not know
    rest_at: int | None = None  # where that text starts in the citation


def sentences(text: str) -> list[str]:
    """Cut text after '.', '?' or '!' followed by a space, outside brackets and quotes.

    A bracket or quote that never closes (mojibake such as 'Ã“' holds a curly
    quote) is not trusted: the text is cut again ignoring it.
    """
    for nesting in (True, False):
        out, depth, quote, start = [], 0, False, 0
        for i, ch in enumerate(text):
            if nesting and ch in "([{":
                depth += 1
            elif nesting and ch in ")]}":
                depth = max(0, depth - 1)
            elif nesting and ch in "\"“”":
                quote = not quote if ch == '"' else ch == "“"
            elif ch in ".?!" and depth == 0 and not quote and text[i + 1:i + 2] in ("", " "):
                # a window before the period: searching from 0 each time was quadratic
                if ch == "." and _NOT_AN_END.search(text, max(0, i - 40), i + 1) and text[i + 2:i + 3].islower():
                    continue
                out.append(text[start:i + 1].strip())
                start = i + 1
        if depth == 0 and not quote:
            break
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def parse_date(m: re.Match[str], prefix: str = "") -> Date:
    year = int(m.group(prefix + "year"))
    month_text = (m.group(prefix + "month") or "").rstrip(".").lower()
    day = m.group(prefix + "day")
    if month_text in SEASONS:
        return Date(parts=[[year]], season=SEASONS[month_text])
    month = MONTHS.get(month_text[:3]) if month_text else None
    if month and day:
        return Date(parts=[[year, month, int(day)]])
    return Date(parts=[[year, month]] if month else [[year]])


def parse_source(text: str, pos: int = 0) -> ParsedSource | None:
    """Parse ``source {trailer}`` at ``pos``; ``None`` when the text there does not start with a source."""
    parsed = _parse_source(text, pos)
    if parsed is not None and parsed.rest_at is not None:
        parsed.unparsed = text[parsed.rest_at:].strip()
    return parsed


def _parse_source(text: str, pos: int) -> ParsedSource | None:
    """``parse_source`` leaving the unparsed rest as a position: trying every sentence start of a
    long citation must not copy the rest of it each time (that was quadratic)."""
    parsed = ParsedSource()
    book = BOOK_SOURCE.match(text, pos)
    if book:
        parsed.place, parsed.publisher = _clean(book.group("place")), _clean(book.group("publisher"))
        parsed.issued = parse_date(book)
        m = book
    else:
        m = SOURCE.match(text, pos) or SOURCE_NO_DATE.match(text, pos)
        if not m:
            return None
        if m.re is SOURCE:
            parsed.issued = parse_date(m)
        parsed.volume = _clean(m.group("volume"))
        parsed.issue = _clean(m.group("issue"))
        parsed.page = _clean(m.group("pages"))
    at = m.end()
    while _NON_SPACE.search(text, at):
        t = TRAILER.match(text, at)
        if not t or not t.group(0).strip():
            parsed.rest_at = at
            break
        doi = t.group("doi") or t.group("doiurl")
        if doi and not parsed.doi:
            parsed.doi = doi.rstrip(".")
        parsed.pmid = parsed.pmid or t.group("pmid")
        parsed.pmcid = parsed.pmcid or t.group("pmcid")
        at = t.end()
    return parsed


def split_source(text: str) -> tuple[str, ParsedSource | None]:
    """Split a citation into its head (authors, title, journal) and its parsed source.

    The source starts at the first sentence boundary from which the rest parses
    completely; failing that, at the last boundary from which it parses at all.
    """
    starts = [0] + [m.end() for m in re.finditer(r"[.?!][ ]+", text)]
    # A broken export may drop the period before the year: "... Journal 2020; 15:1-5."
    starts += [m.end() for m in re.finditer(r"[ ](?=(?:1[5-9]|20)\d\d(?:[ ][A-Z][a-z]+)*;)", text)]
    partial = None
    for start in starts:
        parsed = _parse_source(text, start)
        if parsed is None:
            continue
        if parsed.rest_at is None and (parsed.issued or parsed.page):
            return text[:start].strip(), parsed
        partial = (start, parsed)
    if partial:
        start, parsed = partial
        if parsed.rest_at is not None:
            parsed.unparsed = text[parsed.rest_at:].strip()
        return text[:start].strip(), parsed
    return text.strip(), None


# First parts of PubMed journal titles that hold a period ("The Lancet. Infectious diseases").
_JOURNAL_STEMS = frozenset(fold(s) for s in (
    "The Lancet", "Lancet", "Nature reviews", "Physical review", "Biochimica et biophysica acta",
    "Journal of physics", "Proceedings", "Philosophical transactions of the Royal Society of London",
    "Acta crystallographica", "MMWR", "Journal of the Royal Society", "Expert opinion",
    "Annals of the Royal College of Surgeons of England", "Chemical communications",
    "Journal of neurosurgery", "Journal of bone and joint surgery",
))


def _is_abbreviation_piece(sentence: str, longest: int = 10) -> bool:
    # "Ann.", "N.Y.", "Neurosurg." -- pieces of an ISO journal abbreviation cut at its periods.
    return bool(re.fullmatch(r"(?:[A-Z][a-z]{0,%d}\.|(?:[A-Z]\.){1,3})" % (longest - 1), sentence))


def split_title_journal(parts: list[str], known_title: str | None = None) -> tuple[int, bool]:
    """Where the title ends in the sentences ``parts``, and whether that used ``known_title``.

    With a known title, the title is the shortest prefix of sentences that folds
    to it. Else, a head that is one text said twice splits in the middle; else the
    journal is the last sentence (with the pieces of an abbreviated name before it).
    """
    if not parts:
        return 0, False
    # Sentences are folded one by one and their keys joined, so that trying every
    # split costs one pass, not a fold of every prefix (quadratic in long citations).
    folded = [fold(p) for p in parts]
    if known_title:
        key, size = fold(known_title), 0
        for k, piece in enumerate(folded, start=1):
            if not key.startswith(piece, size):
                break
            size += len(piece)
            if size == len(key):
                return k, True
    whole = "".join(folded)
    size = 0
    for k, piece in enumerate(folded[:-1], start=1):
        size += len(piece)
        if 2 * size == len(whole) and whole[:size] == whole[size:]:
            return k, False
    if len(parts) == 1:
        return 1, False
    k = len(parts) - 1
    # Merge pieces while both are abbreviation-shaped and one is clearly short ("J.",
    # "Med."), so a title ending in a one-word sentence ("Results.") stays the title's.
    while (k > 1 and _is_abbreviation_piece(parts[k - 1]) and _is_abbreviation_piece(parts[k])
           and (_is_abbreviation_piece(parts[k - 1], 4) or _is_abbreviation_piece(parts[k], 4))):
        k -= 1
    if k > 1 and fold(parts[k - 1]) in _JOURNAL_STEMS:
        k -= 1
    return k, False


def _clean(value: str | None) -> str | None:
    value = (value or "").strip().rstrip(".").strip()
    return value or None
