"""Small text helpers shared by readers, repairs and writers."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any

_NON_ALNUM = re.compile(r"[\W_]+")
_ASCII_NON_ALNUM = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalnum())


@lru_cache(maxsize=4096)  # parsers compare the same sentences many times over
def fold(text: str | None) -> str:
    """A comparison key: mojibake undone, accents and case folded, punctuation and spaces dropped.

    Two strings that differ only in letter case, punctuation, spacing, accents or
    UTF-8-read-as-Latin-1 damage fold to the same key.
    """
    if not text:
        return ""
    if text.isascii():  # ftfy returns ASCII as it is, and it has no accents to fold
        return unaccented_key(text)  # in C: a tenth of the regex's time
    return unaccented_key(fix_encoding(text))


def fix_encoding(text: str) -> str:
    """``ftfy.fix_encoding(text)``, with ftfy loaded only for text it would change. Its own first
    test (is_bad) is asked first, without building its config; is_bad's large regex costs tens
    of µs a title, so a one-class scan rules most accented text out before it."""
    maybe_bad = _bad_characters()
    if (maybe_bad is None or maybe_bad.search(text)) and is_bad(text):
        import ftfy

        return ftfy.fix_encoding(text)
    return text


def is_bad(text: str) -> bool:
    """ftfy's ``is_bad``: whether ``text`` looks like it holds mojibake. ``ftfy.fix_encoding`` gives
    back any other text as it is (its first test), so ftfy itself is only needed for these."""
    return _badness().is_bad(text)


@lru_cache(maxsize=1)
def _badness() -> Any:
    """ftfy's ``badness`` module, loaded on its own: it needs only ``re`` and ``warnings``, where
    ftfy's package loads its character tables, codecs and wcwidth too (35 ms a process against
    7: paid by each ``--jobs`` worker, for the few texts ``is_bad`` finds). The same file, so the
    same regex; where it cannot be loaded alone (another ftfy), ftfy's own module."""
    import sys

    if "ftfy.badness" in sys.modules:
        return sys.modules["ftfy.badness"]
    import importlib.util

    try:
        package = importlib.util.find_spec("ftfy")  # found, not imported
        path = os.path.join(package.submodule_search_locations[0], "badness.py")
        spec = importlib.util.spec_from_file_location("citex._ftfy_badness", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.is_bad, module.BADNESS_RE  # what citex uses of it
        return module
    except Exception:  # noqa: BLE001 - its file moved or imports its package: load it as ftfy does
        import ftfy.badness

        return ftfy.badness


def unaccented_key(text: str) -> str:
    """Letters and digits of ``text`` in NFKD with its combining marks dropped, case folded.

    Every combining mark (canonical combining class > 0) is left out by ``_NON_ALNUM`` anyway,
    before case folding or after: so the marks need no pass of their own, which cost a Python
    step a character. All but U+0345, whose case folding is the letter iota: dropped first.
    (tests/test_textnorm.py holds this to dropping the marks one by one, for every character.)
    """
    if text.isascii():  # NFKD and casefold are lower(), [\W_] all but letters and digits: in C
        return text.encode().lower().translate(None, _ASCII_NON_ALNUM).decode()
    text = unicodedata.normalize("NFKD", text)
    if "\u0345" in text:
        text = text.replace("\u0345", "")
    return _NON_ALNUM.sub("", text.casefold())


@lru_cache(maxsize=1)
def _bad_characters() -> re.Pattern[str] | None:
    """A character class that every match of ftfy's ``BADNESS_RE`` contains one of, or None.

    Read from the regex itself, so it follows ftfy's version: each of its alternatives has
    a character position that must match a plain set of characters (``[...]`` or one
    character); the rarest such set of each alternative (fewest ASCII, then fewest letters)
    goes into the class. Text with none of those characters cannot be bad. An alternative
    without such a position (or a flag that changes matching) gives None: always ask ftfy.
    """
    from re import _parser  # the stdlib's own parser of regular expressions

    BADNESS_RE = _badness().BADNESS_RE
    if BADNESS_RE.flags & (re.IGNORECASE | re.ASCII):
        return None
    tree = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    items = list(tree)
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is _parser.BRANCH else [tree]
    needed: set[str] = set()
    for branch in branches:
        sets = [s for s in map(_plain_set, branch) if s]
        if not sets:
            return None
        needed |= min(sets, key=lambda s: (sum(c.isascii() for c in s), sum(c.isalpha() for c in s), len(s)))
    return re.compile("[" + "".join(re.escape(c) for c in sorted(needed)) + "]")


def _plain_set(item: tuple) -> set[str] | None:
    """The characters a regex item (from ``re._parser``) matches, if it is one plain character or set."""
    from re import _parser

    op, arg = item
    if op is _parser.LITERAL:
        return {chr(arg)}
    if op is not _parser.IN:
        return None
    chars: set[str] = set()
    for kind, value in arg:
        if kind is _parser.LITERAL:
            chars.add(chr(value))
        elif kind is _parser.RANGE:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:  # NEGATE, CATEGORY (\w, \s): not a plain set
            return None
    return chars


LONG_ASCII = 64  # from this length a byte table (``ascii_within``) beats a scan character by character
PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def ascii_within(text: str, allowed: bytes) -> bool:
    """Whether ASCII ``text`` holds only the characters of ``allowed``: deleted in C
    (``bytes.translate``), nothing is left."""
    return not text.encode("ascii").translate(None, allowed)


def printable(text: str) -> bool:
    """``text.isprintable()``; long text by a byte table in C, where ``isprintable`` looks every
    character up in the Unicode database: ASCII (most abstracts) in a sixth of its time, other
    text by looking up only its characters outside printable ASCII."""
    if len(text) > LONG_ASCII:
        return ascii_within(text, PRINTABLE_ASCII) if text.isascii() else other_characters(text, PRINTABLE_ASCII).isprintable()
    return text.isprintable()


# Printable ASCII but LaTeX's specials, "<" (markup) and "$" (math): what most of a text is made of,
# and what neither the text rules nor the LaTeX writer need to look at character by character.
PLAIN_ASCII = bytes(b for b in range(0x20, 0x7F) if chr(b) not in "#$%&<\\^_{}~")


def not_plain(text: str) -> str:
    """The characters of ``text`` other than ``PLAIN_ASCII``, in order: a few dozen in most
    abstracts. A long text's answer is remembered: the text rules' scan asks first, the LaTeX
    writer again."""
    if len(text) <= LONG_TEXT:
        return other_characters(text, PLAIN_ASCII)
    found = _NOT_PLAIN.get(text)
    if found is None:
        found = other_characters(text, PLAIN_ASCII)
        _NOT_PLAIN.put(text, found)
    return found


def other_characters(text: str, ascii: bytes, utf8: bytes | None = None) -> str:
    """The characters of ``text`` other than the ASCII ones in ``ascii``, in order: those bytes
    deleted from its UTF-8 in C (no other character's UTF-8 holds an ASCII byte). ``utf8``: the
    text's UTF-8 (surrogates passed), where the caller has it already."""
    if utf8 is None:
        utf8 = text.encode("utf-8", "surrogatepass")
    return utf8.translate(None, ascii).decode("utf-8", "surrogatepass")


def is_nfc(text: str, others: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, mostly from ``others``: the characters of
    ``text`` outside ASCII in order, with any ASCII ones. ASCII is NFC and has combining class
    0, and no character of class 0 composes with an ASCII one before it (tests/test_textnorm.py
    checks Unicode's table). So when every character of ``others`` has class 0, a composition,
    or a character NFC never keeps, in ``text`` is one between characters of ``others`` that
    are neighbours there too: ``others`` is then not NFC either. When it is not, the whole
    text is asked (a few characters against a whole abstract)."""
    if unicodedata.is_normalized("NFC", others) and not any(map(unicodedata.combining, set(others))):
        return True
    return unicodedata.is_normalized("NFC", text)


def one_line(text: str) -> str:
    """``" ".join(text.split())``: each run of whitespace one space, none at the ends.

    Text that is printable has no whitespace but the space (every other whitespace
    character is unprintable), so most values are known to need nothing from three scans
    in C, without splitting a long abstract into words and joining them again.
    """
    if len(text) > LONG_TEXT:  # an abstract is asked about by the reader, rules and writer in turn
        seen = _ONE_LINE.get(text)
        if seen is not None:
            return seen
    if printable(text) and "  " not in text and text[:1] != " " and text[-1:] != " ":
        folded = text
    elif len(text) > LONG_TEXT:
        folded = _spaces_folded(text)
    else:
        folded = " ".join(text.split())
    if len(text) > LONG_TEXT:
        _remember(text, folded)
    return folded


def _spaces_folded(text: str) -> str:
    """``" ".join(text.split())`` of a long text (a multi-line or spaced abstract) by replaces in C,
    where splitting it into its words and joining them again cost twice the time. Once its line
    breaks, tabs and no-break spaces are spaces, a printable text has no other whitespace (every
    other whitespace character is unprintable): its runs of spaces become one, its ends trimmed."""
    spaced = text
    for other in _COMMON_SPACES:
        if other in spaced:
            spaced = spaced.replace(other, " ")
    if not printable(spaced):  # other whitespace, or controls
        return " ".join(text.split())
    while "  " in spaced:
        spaced = spaced.replace("  ", " ")
    return spaced.strip(" ")


_COMMON_SPACES = ("\n", "\t", "\r", "\xa0")


def found_one_line(text: str) -> None:
    """What a caller's own scan found: ``text`` is printable, its spaces single and none at its
    ends (so ``one_line`` gives it back). A long text is then not scanned again by ``one_line``."""
    if len(text) > LONG_TEXT:
        _remember(text, text)


def _remember(text: str, folded: str) -> None:
    _ONE_LINE.put(text, folded)
    _ONE_LINE.put(folded, folded)  # one line already: asked again, the same


LONG_TEXT = 256  # characters: from here (abstracts, notes) one_line remembers what it found


class _ByText:
    """What was found of long texts, remembered by the text object itself: by its id, the object
    held here so that the id stays its own. At most ``KEPT`` of them, then it starts again: a
    --jobs worker reads a chunk of 100 records, repairs them, then writes them, so what the
    reader and the rules found of a chunk's abstracts is still known to the writer."""

    KEPT = 512

    def __init__(self) -> None:
        self._seen: dict[int, tuple[str, str]] = {}

    def get(self, text: str) -> str | None:
        seen = self._seen.get(id(text))
        return seen[1] if seen is not None and seen[0] is text else None

    def put(self, text: str, found: str) -> None:
        if len(self._seen) >= self.KEPT:
            self._seen.clear()
        self._seen[id(text)] = (text, found)


_ONE_LINE = _ByText()  # a long text -> one_line of it
_NOT_PLAIN = _ByText()  # a long text -> not_plain of it


CACHED_MAX = 512  # characters: a longer text (an abstract) is not kept by ``cache_short``


def cache_short(maxsize: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """An lru_cache of ``maxsize`` for a function of a text (its first argument), that passes
    long texts by. Names, journals and titles come back record after record; an abstract comes
    once, and keeping 4,096 of them cost each process some 30 MB (real RIS exports with unique
    abstracts: 54 -> 86 MB) and a hash of each whole text, for no hit."""
    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text: str, *args: Any) -> Any:
            return cached(text, *args) if len(text) <= CACHED_MAX else function(text, *args)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return call
    return wrap


def words(text: str) -> list[str]:
    """Letters-and-digits words, for counting how long a title is."""
    return [w for w in _NON_ALNUM.split(text) if w]


def said_twice(text: str | None, min_chars: int = 12) -> str | None:
    """The first half of a text that is one phrase said twice ("T. T.", "T T"), else None.

    Halves must fold equal and be at least ``min_chars`` folded characters, so a
    deliberate short repetition ("New York, New York") is not taken for a fault.
    """
    key = fold(text)
    half = len(key) // 2
    if half < min_chars or key[:half] != key[half:]:
        return None
    # The folded length of a prefix grows with the prefix: a binary search over the
    # boundaries finds the middle in O(n log n) (folding every prefix was quadratic).
    ends = [m.start() + 1 for m in re.finditer(r"[.?!:;,]?\s+", text)]
    low, high = 0, len(ends) - 1
    while low <= high:
        mid = (low + high) // 2
        left = text[:ends[mid]].rstrip()
        size = len(fold(left))
        if size == half:
            return left if left[-1] in ".?!" else left.rstrip(":;,")
        low, high = (mid + 1, high) if size < half else (low, mid - 1)
    return None
