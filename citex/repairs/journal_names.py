"""Journal abbreviations and the full titles they stand for: the shipped table and its lookups.

``citex/data/journals.tsv`` (built by ``tools/build_journal_table.py``; sources
and licences in ``citex/data/README.md``) lists ``kind, abbreviation, title,
source`` rows. NLM abbreviations (``J Clin Med``, no periods) and ISO 4 ones
(``J. Clin. Med.``) are kept in separate indexes: the two fold to the same key,
and one must never be taken for the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..textnorm import unaccented_key

_WORD = re.compile(r"[^\W_]+")
_LEADING_THE = re.compile(r"^\s*the\s+", re.I)
_AMPERSAND = re.compile(r"\s*&\s*")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # NLM's "(London, England)", "(Baltimore)"
_SUBTITLE = re.compile(r"\s[:=]\s|:\s")  # NLM's " : official journal of ...", " = ..."


def key(name: str) -> str:
    """A journal name's comparison key: case, punctuation, accents, a leading 'The' and '&'/'and' do not count.

    (Not ``textnorm.fold``, which also undoes mojibake: that costs a third of a second
    over the table, and the ``mojibake`` rule has run before the journal rules.)
    """
    name = name or ""
    if name.lstrip()[:1] in ("T", "t"):  # the only first letters _LEADING_THE matches (re.I adds none)
        name = _LEADING_THE.sub("", name)
    if "&" in name:
        name = _AMPERSAND.sub(" and ", name)
    return unaccented_key(name)


def identity(title: str) -> str:
    """The key of a title without its subtitle (NLM's ' : official journal of ...', ' = ...') or
    place qualifier: two rows with the same identity name the same journal."""
    main = _SUBTITLE.split(title or "", maxsplit=1)[0]
    if main.rstrip().endswith(")"):  # what _QUALIFIER needs: it tried its \s* at every character
        main = _QUALIFIER.sub("", main)
    return key(main) or key(title)


def _is_short_for(word: str, full: str) -> bool:
    """True when ``word`` starts ``full`` or contracts it (its letters in order, the first kept)."""
    if full.startswith(word):
        return True
    rest = iter(full[1:])
    return word[0] == full[0] and all(c in rest for c in word[1:])


# Words an abbreviation may leave out (NLM and ISO 4 drop articles, prepositions, conjunctions).
_DROPPABLE = frozenset("a an and at da de del della der des di die do dos du e en et for fur für i "
                       "in la le les of on och og the to und van voor y zur".split())


def classify(abbr: str, title: str, trusted: bool = False) -> str | None:
    """'nlm' (no periods), 'iso' (periods) or None when ``abbr`` is no abbreviation of ``title``.

    A ``trusted`` abbreviation (from an NLM record) is classified by its periods alone.
    Any other must abbreviate the words of the title (before any subtitle) in order:
    each of its words the start or a contraction of one title word, a word in capitals
    a title word itself (acronyms such as 'AAA' for 'Australian Archaeology' are
    dropped), at least one word shortened, and every title word left out an article,
    preposition or conjunction ('Zeitschrift Rheumatologie' is no abbreviation).
    An NLM form starts with a capital or digit (Springer's 'acta ethol' is neither form).
    """
    kind = "iso" if "." in abbr else "nlm"
    if trusted:
        return kind
    if key(abbr) == key(title) or not (abbr[:1].isupper() or abbr[:1].isdigit()) \
            or re.search(r"\S&|&\S", abbr):  # 'L&O' is an acronym, 'AI & Soc' is not
        return None
    main = re.split(r"\s[:=-]\s|:\s", title, maxsplit=1)[0]
    full = [w.casefold() for w in _WORD.findall(main.replace("&", " and "))]
    i, shortened = 0, False
    for word in _WORD.findall(abbr.replace("&", " and ")):
        acronym = len(word) > 1 and word.isupper()
        word = word.casefold()
        while i < len(full) and not (full[i] == word if acronym else _is_short_for(word, full[i])):
            if full[i] not in _DROPPABLE:
                return None
            i += 1
        if i == len(full):
            return None
        shortened |= word != full[i]
        i += 1
    return kind if shortened and all(w in _DROPPABLE for w in full[i:]) else None


@dataclass(frozen=True)
class Journal:
    kind: str  # "nlm" or "iso"
    abbreviation: str
    title: str
    source: str  # "nlm" (NLM records) or "csl" (CSL styles)


class JournalTable:
    """Abbreviation -> journals and title -> NLM abbreviations, from the rows of the TSV."""

    def __init__(self, rows: list[Journal]):
        self.by_abbreviation: dict[tuple[str, str], list[Journal]] = {}
        self.by_title: dict[str, list[Journal]] = {}
        for j in rows:
            self.by_abbreviation.setdefault((j.kind, key(j.abbreviation)), []).append(j)
            if j.kind == "nlm":
                for k in {key(j.title), identity(j.title)}:
                    self.by_title.setdefault(k, []).append(j)
        # A journal's name comes back with each of its articles: each lookup is made once
        # (bounded, so memory stays flat).
        self.titles = lru_cache(maxsize=4096)(self._titles)
        self.abbreviations = lru_cache(maxsize=4096)(self._abbreviations)

    @classmethod
    def parse(cls, text: str) -> JournalTable:
        rows = [Journal(*line.split("\t")[:4]) for line in text.splitlines()
                if line and not line.startswith("#") and line.count("\t") >= 3]
        return cls(rows)

    def _titles(self, abbreviation: str) -> tuple[Journal, ...]:
        """The journals an abbreviation stands for, one row per journal (NLM rows first):
        an NLM form looks in the NLM rows only, a form with periods in the ISO rows only."""
        kind = "iso" if "." in abbreviation else "nlm"
        return tuple(_one_per_journal(self.by_abbreviation.get((kind, key(abbreviation)), [])))

    def _abbreviations(self, title: str) -> tuple[Journal, ...]:
        """The NLM abbreviations of a full title, one row per distinct abbreviation."""
        found: dict[str, Journal] = {}
        for j in sorted(self.by_title.get(key(title), []), key=lambda j: j.source != "nlm"):
            found.setdefault(key(j.abbreviation), j)
        return tuple(found.values())


def _one_per_journal(rows: list[Journal]) -> list[Journal]:
    found: dict[str, Journal] = {}
    for j in sorted(rows, key=lambda j: j.source != "nlm"):
        found.setdefault(identity(j.title), j)
    return list(found.values())


@lru_cache(maxsize=1)
def table() -> JournalTable:
    """The shipped table, read once."""
    return JournalTable.parse(resources.files("citex").joinpath("data/journals.tsv").read_text("utf-8"))
