"""Letter case of titles typed in ALL CAPITALS or all lowercase.

An ALL-CAPS title hides which words are names, genes and acronyms, and no rule
can know them all; so the repair is deliberately partial. A word is lowercased
only when it is a common English word (``common_words.is_common``); every other
word -- PARKINSON'S, BRCA1, LEVODOPA, a trial's acronym -- keeps its capitals,
which writers protect as they would an acronym. The title gets sentence case
(its first word and the first word after ``:`` capitalised), a journal name
gets title case (minor words lowercase). A lone ``A`` is lowercased only after
a preposition or verb that takes an article ("WITH A NEW", not "VITAMIN A").

An all-lowercase title has nothing hidden: its first letter (and the first
after ``:``) is capitalised and nothing else changes, since which of its words
are names cannot be known either.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Record
from ..registry import REPAIRS
from .common_words import is_common

_WORD = re.compile(r"(?<![\w<>/&])(?<!\d-)([^\W\d_]+(?:-[^\W\d_]+)*)(['’][Ss])?(?![\w>]|-\d)")
# after an initial's period ("E. COLI") a sentence does not start
_SENTENCE_START = re.compile(r"(?:^|(?:[:?!]|(?<!\b[^\W\d_])\.)\s+)(?:<[^<>]+>)*[\"'“‘(\[]?$")
_TAG = re.compile(r"<[^<>]*>")
MINOR_WORDS = frozenset(  # not capitalised inside a title
    "a an and as at but by de for from in into nor of on or per the to via vs with".split())
_TAKES_ARTICLE = frozenset(
    "of in for with as from by on to is at into and or via after during under within without "
    "toward towards through using versus vs than be being was were has have had".split())
_MIN_WORDS = 3
_CAPS_SHARE = 0.8


@lru_cache(maxsize=4096)  # a journal's name comes back with each of its articles
def _words(text: str) -> tuple[str, ...]:
    return tuple(m.group(1) for m in _WORD.finditer(text) if len(m.group(1)) > 1)


# In ASCII a word in capitals has two capital letters with at most a hyphen between them.
_ASCII_CAPITALS = re.compile(r"[A-Z]-?[A-Z]")


def _has_upper(text: str) -> bool:
    return text != text.lower() if text.isascii() else any(c.isupper() for c in text)


@lru_cache(maxsize=1)
def _capital() -> re.Pattern[str]:
    """Any capital letter (``str.isupper``) of the Basic Multilingual Plane, as one character class."""
    return re.compile("[" + "".join(re.escape(c) for c in map(chr, range(0x10000)) if c.isupper()) + "]")


def few_capitals(text: str) -> bool:
    """True when the text holds fewer than two capital letters, so fewer than two words in capitals
    (each word that ``isupper`` holds one): found by two scans, not by splitting it into words."""
    if text.isascii():
        return not _ASCII_CAPITALS.search(text)  # (in ASCII, not even one word in capitals)
    if max(text) > "\uffff":
        return False  # capitals beyond the BMP are not in the class: cannot tell
    first = _capital().search(text)
    return first is None or not _capital().search(text, first.end())


# A word of ``_WORD`` in small ASCII letters only: a run of them with no letter, digit, hyphen or
# tag mark on either side is one whole match of ``_WORD``, and not in capitals.
_SMALL_WORD = re.compile(r"(?<![\w<>/&-])[a-z]{2,}(?![\w>-])")


def two_small_words(text: str) -> bool:
    """True when the text holds two words in small letters, so it is not in capitals (at most one
    word of an all-caps text is not): most titles, known without splitting them into words."""
    first = _SMALL_WORD.search(text)
    return first is not None and _SMALL_WORD.search(text, first.end()) is not None


def is_all_caps(text: str) -> bool:
    """Most words of two letters or more are in capitals (an acronym or two in a normal title is not)."""
    if few_capitals(text) or two_small_words(text):
        return False  # at most one word in capitals, or two not: the usual title, found in a few scans
    words = _words(text)
    upper = sum(w.isupper() for w in words)
    return len(words) >= _MIN_WORDS and upper >= _CAPS_SHARE * len(words) and upper > len(words) - 2


def is_all_lowercase(text: str) -> bool:
    return not _has_upper(text) and len(_words(text)) >= _MIN_WORDS


def _common(word: str) -> bool:
    """A word, or a hyphenated compound all of whose parts are, is common ('LONG-TERM', not 'TAG-TEAM')."""
    return all(is_common(part) for part in word.split("-"))


def recase(text: str, title_case: bool = False) -> str:
    """An ALL-CAPS text with its common words in sentence case (or, all or nothing, title case)."""
    out, end, previous = [], 0, ""
    if title_case and not all(_common(m.group(1)) for m in _WORD.finditer(text) if m.group(1).isupper()):
        return text  # a journal name half in capitals reads worse than one all in capitals
    tags = [t.span() for t in _TAG.finditer(text)]
    for m in _WORD.finditer(text):
        while tags and tags[0][1] <= m.start():
            tags.pop(0)
        if tags and tags[0][0] <= m.start():
            continue  # a word inside a markup tag ('<span style=...>') is not the title's
        word, possessive = m.group(1), m.group(2) or ""
        new = word
        if word.isupper() and _common(word):
            lower = word.lower()
            if title_case and lower not in MINOR_WORDS:
                new = "-".join(p.capitalize() for p in lower.split("-"))
            elif _starts_sentence(text, m.start()):
                new = lower.capitalize()
            elif lower != "a" or previous in _TAKES_ARTICLE:
                new = lower
            possessive = possessive.lower()
        out += [text[end:m.start()], new, possessive]
        end, previous = m.end(), word.lower()
    return "".join(out) + text[end:]


def _starts_sentence(text: str, at: int) -> bool:
    # a window before the word (searching the whole prefix for each word was quadratic);
    # with pos/endpos '^' still means the start of the text and '$' the word's start
    return _SENTENCE_START.search(text, max(0, at - 200), at) is not None


def capitalise_starts(text: str) -> str:
    """The first letter of the text and of each part after ``:``/``.``/``?`` in capitals."""
    return re.sub(r"(^|[:.?!]\s+)([\"'“‘(\[]?)([a-z])", lambda m: m[1] + m[2] + m[3].upper(), text)


def title_case_words(text: str) -> str:
    """An all-lowercase journal name in title case: every word but the minor ones capitalised."""
    out, in_tag = [], False
    for i, w in enumerate(text.split(" ")):
        # a word inside a markup tag ('<span style=...>') is left as it is
        out.append(w if (i and w in MINOR_WORDS) or in_tag else w[:1].upper() + w[1:])
        in_tag = w.rfind("<") > w.rfind(">") if "<" in w or ">" in w else in_tag
    return " ".join(out)


@REPAIRS.register("title-case", confidence=0.9, reads=("title", "container-title"))
def title_case(rec: Record) -> None:
    """A title in ALL CAPS gets sentence case for its common words (names and acronyms keep their
    capitals); an all-lowercase title gets a capital first letter."""
    title = rec.get("title")
    if isinstance(title, str):
        if is_all_caps(title):
            rec.fix("title", recase(title), rule="title-case")
        elif is_all_lowercase(title):
            rec.fix("title", capitalise_starts(title), rule="title-case")
    journal = rec.get("container-title")
    if isinstance(journal, str) and (cased := journal_case(journal)) != journal:
        rec.fix("container-title", cased, rule="title-case")


@lru_cache(maxsize=4096)  # a journal's name comes back with each of its articles
def journal_case(journal: str) -> str:
    """A journal name in ALL CAPS in title case where all its words are common, an all-lowercase
    one in title case; any other as it is."""
    if is_all_caps(journal):
        return recase(journal, title_case=True)
    if not _has_upper(journal) and len(_words(journal)) >= 2:
        return title_case_words(journal)
    return journal
