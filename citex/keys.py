"""Citation keys: the input's own key when it has one, else one built from a pattern.

The default pattern ``{auth}{year}{title}`` gives ``li2009fast``. Keys are
ASCII and stable: the same records in the same order get the same keys in
every run, on every machine (nothing depends on the locale, the clock or a
hash seed). Within one output a key is never given twice: the second record
with the base key ``li2009fast`` gets ``li2009fasta``, the next ``li2009fastb``.

Pattern placeholders (a capitalised name keeps the words' capitals and
capitalises each word: ``{Auth}{year}{Shorttitle}`` -> ``Li2009FastAlgorithmsDNA``):

=================  ==========================================================
``{auth}``         first author's family name, without particles (``berg``)
``{authors}``      the family names of the first two authors (``lijones``)
``{year}``         the year of publication
``{title}``        the first significant word of the title
``{shorttitle}``   the first three significant words of the title
``{journal}``      the first letters of the journal's significant words (``ajn``)
=================  ==========================================================

Anything else in a pattern is kept as written, less the characters a key
cannot hold. An author is the first author, else the first editor.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from .errors import UsageError
from .key_table import KeyTable
from .model import Name, Record

DEFAULT_PATTERN = "{auth}{year}{title}"
TRIED_MAX = 1 << 14  # bases remembered with their last suffix: memory flat in N

# Letters NFKD does not split into an ASCII base and a mark.
_LETTERS = str.maketrans({
    "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "n", "Ŋ": "N",
})
# Words a key skips. Kept apart from latex.MINOR_WORDS: changing this list changes keys.
STOPWORDS = frozenset(
    "a an the on of in for and to with is are from by at as".split()
)
_KEY_WORD = re.compile(r"[A-Za-z0-9]+")
_TAG = re.compile(r"<[^<>]+>")  # CSL rich text: <i>, <sup>… ([^>] rescanned "<i<i<i…" to the end)
# Characters that break a BibTeX key (or its \cite): whitespace, braces, quotes, comma…
_BAD_KEY = re.compile(r"[\s{}(),=\\#%\"'~]+")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _fold(text: str) -> str:
    """ASCII transliteration keeping case: Gómez -> Gomez, Søren -> Soren, Straße -> Strasse."""
    if text.isascii():
        return text
    # NFKD splits off the accents as combining marks, which, being outside ASCII, go with the rest
    return unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode()


def ascii_fold(text: str) -> str:
    """Lowercase ASCII transliteration: Gómez -> gomez, Søren -> soren, Straße -> strasse."""
    return _fold(text).lower()


def _split_words(text: str) -> tuple[str, ...]:
    text = _fold(_TAG.sub(" ", text)).replace("'", "")  # "Parkinson's" -> Parkinsons
    return tuple(_KEY_WORD.findall(text))


# Family names and journals repeat, titles do not: a title is split without the cache, which
# would only fill with them and push the names out. Bounded, so memory stays flat.
_words = lru_cache(maxsize=8192)(_split_words)


def _family(name: Name) -> str:
    # Family name only, without particles; an organisation gives its first word.
    text = name.family or name.literal or name.given or ""
    words = _words(text) if name.family is None else ["".join(_words(text))]
    return words[0] if words else ""


def _significant(text: str | None, words: Callable[[str], tuple[str, ...]] = _words,
                 limit: int = 0) -> list[str]:
    """The words not in STOPWORDS; only the first ``limit`` of them, if given."""
    out: list[str] = []
    for w in words(text or ""):
        if w.lower() not in STOPWORDS:
            out.append(w)
            if len(out) == limit:  # a title's first word: the rest of it is not looked at
                break
    return out


def _people(record: Record, count: int) -> list[str]:
    """The family names of the first ``count`` authors (else editors) that have one."""
    names = record.get("author") or record.get("editor") or []
    out: list[str] = []
    for name in names:
        family = _family(name)
        if family:
            out.append(family)
            if len(out) == count:  # a list of 30 authors: only the first are looked at
                break
    return out


# Each placeholder: the record -> its words (joined, lowercased or capitalised, into the key).
PLACEHOLDERS = {
    "auth": lambda r: _people(r, 1),
    "authors": lambda r: _people(r, 2),
    "year": lambda r: [str(r.year)] if r.year is not None else [],
    "title": lambda r: _significant(r.get("title"), _split_words, 1),
    "shorttitle": lambda r: _significant(r.get("title"), _split_words, 3),
    "journal": lambda r: [w[0] for w in _significant(r.get("container-title"))],
}


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


def compile_pattern(pattern: str):
    """The pattern as a function record -> base key; a usage error names a bad placeholder."""
    parts: list[tuple[str, str]] = []  # (literal text, placeholder or "")
    end = 0
    for m in _PLACEHOLDER.finditer(pattern):
        name = m.group(1)
        if name.lower() not in PLACEHOLDERS:
            known = " ".join("{%s}" % p for p in PLACEHOLDERS)
            raise UsageError(f"--key-pattern: unknown placeholder {{{name}}}; known: {known} "
                             "(capitalise one to keep capitals: {Auth})")
        parts.append((pattern[end:m.start()], name))
        end = m.end()
    parts.append((pattern[end:], ""))
    if any(c in "{}" for literal, _ in parts for c in literal):
        raise UsageError(f"--key-pattern: unbalanced braces in {pattern!r}")

    # each part once: (its text in ASCII, its placeholder's function or None, capitalised?)
    steps = [(_fold(literal), PLACEHOLDERS[name.lower()] if name else None, name[:1].isupper())
             for literal, name in parts]

    def build(record: Record) -> str:
        out = []
        for literal, words_of, capitalised in steps:
            out.append(literal)
            if words_of is not None:
                words = words_of(record)
                out.append("".join(map(_capitalised, words)) if capitalised else "".join(words).lower())
        return _BAD_KEY.sub("", "".join(out))

    return build


_DEFAULT = compile_pattern(DEFAULT_PATTERN)


def key_of(record: Record) -> str:
    """The base key built with the default pattern, e.g. ``shah2020management``."""
    return _DEFAULT(record) or "ref"


def _input_key(record: Record) -> str:
    """The input's own key, made safe: ASCII (LaTeX's \\cite and Biber need it) and
    without the characters that end a key. A change is reported, so \\cite commands
    can be updated."""
    key = _BAD_KEY.sub("-", _fold(str(record.id))).strip("-")
    if key == "0":  # Biber (Perl) takes the key "0" for false and skips the entry
        record.report("info", "key-changed", "citation key '0' replaced: Biber cannot read it")
        return ""
    if key != record.id:
        record.report("info", "key-changed", f"citation key '{record.id}' written as '{key}'")
    return key


def _suffix(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: the bijective base-26 letters."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


class CitationKeys:
    """Gives each record of one output a unique key; remembers only the keys used.

    ``pattern`` builds keys for records without one (see the module doc);
    ``rekey`` builds them for every record, ignoring the input's keys.
    """

    def __init__(self, pattern: str | None = None, rekey: bool = False) -> None:
        self.build = compile_pattern(pattern) if pattern else _DEFAULT
        self.rekey = rekey
        self.used = KeyTable(lines=False)  # casefolded keys, in memory that does not grow (key_table)
        # base -> last suffix number tried, so n keys of one base cost O(n); only a hint (the
        # keys before it are all used), so the least recently used are dropped past TRIED_MAX
        self._tried: dict[str, int] = {}

    def base(self, record: Record) -> str:
        """The key the record would get if no earlier record had taken it."""
        base = _input_key(record) if record.id and not self.rekey else ""
        return base or self.build(record) or "ref"

    def unique(self, base: str) -> str:
        """``base``, or ``base`` with the first free letter suffix; marked as used."""
        n = self._tried.get(base, 0)
        # base and its suffixes up to n are taken: looking them up again cost a look in the
        # spilled keys each time, as a key that is there passes their Bloom filter
        key = base if not n else base + _suffix(n := n + 1)
        while not self.used.add(key.casefold()):  # taken (BibTeX matches keys ignoring case)
            n += 1
            key = base + _suffix(n)
        if n:  # most bases are used once: only those that took a suffix are remembered
            tried = self._tried
            tried.pop(base, None)  # to the end: the most recently used
            tried[base] = n
            if len(tried) > TRIED_MAX:
                del tried[next(iter(tried))]
        return key

    def assign(self, record: Record) -> str:
        """Set ``record.id`` to a key not used before in this output and return it."""
        record.id = self.unique(self.base(record))
        return record.id
