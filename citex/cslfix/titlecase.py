"""Title case as citeproc-js applies it (``text-case="title"``).

citeproc-py capitalizes every lowercase word outside a short stop-word list,
as whole space-separated words, so it prints "Low-income", "Β-lactamase",
"Across" and "De". citeproc-js, the reference:

- cuts the text at punctuation, quotes, hyphens, slashes, brackets and markup,
  and capitalizes each piece's words: "Low-Income", "Crohn’s" (the "s" after
  the apostrophe is a one-letter word, left alone);
- capitalizes a word only if it is all lowercase, longer than one letter and
  not a stop word (a long list of English prepositions, conjunctions and
  articles, and the particles "de", "von", "van") — or if it is the first
  word, or follows ":", "?" or "!";
- capitalizes the last word even when it is a stop word ("… to Look Up");
- never capitalizes a lone Greek letter ("β-Lactamase"), nor text inside
  superscript, subscript or small capitals;
- after a closing quote or apostrophe that closes nothing, keeps the next
  piece's first letter as it was: "l’apprentissage", "Crohn’s".

citeproc-py also skips title case where it passes no language (labels: APA's
"(eds.)" for "(Eds.)"); here that counts as English, as for citeproc-js.

``install()`` wraps citeproc-py's ``TextCased.case`` for ``title`` on plain
text; other cases, and text with ``nocase`` spans, go to citeproc-py.
"""

from __future__ import annotations

import re
from typing import Any

from ..csl_markup import MARKS
from . import once
from .quotemarks import CLOSE, OPEN

STOP_WORDS = frozenset("""
about above across afore after against al along alongside amid amidst among amongst anenst apropos
apud around as aside astride at athwart atop barring before behind below beneath beside besides
between beyond but by circa despite down during et except for forenenst from given in inside into
lest like modulo near next notwithstanding of off on onto out over per plus pro qua sans since than
through throughout thruout till to toward towards under underneath until unto up upon versus vs v
via vis-à-vis with within without or yet so and nor a an the de von van c ca
""".split())

_PROTECTED = {MARKS[k][0]: MARKS[k][1] for k in ("superscript", "subscript", "small-caps")}
_MARKERS = "".join(m[0] + m[1] for m in MARKS.values())
_TAG = re.compile(f"([\u2018\u2019\u201c\u201d\"'\\-\u2013\u2014/.,;?!:\\[\\]()]|[{_MARKERS}{OPEN}{CLOSE}])")
_SPACE = re.compile("([\u00a0 \u2000-\u200b\u205f\u3000]+)")
_GREEK = re.compile("[\u0370-\u03ff]")
_QUOTES = {"\u2018": "\u2019", "\u201c": "\u201d", OPEN: CLOSE}  # opener -> closer (quotemarks' too)


def _capitalise(word: str) -> str:
    if len(word) == 1 and _GREEK.match(word):
        return word
    return word[:1].upper() + word[1:]


def title_case(text: str) -> str:
    """``text`` in title case, as citeproc-js makes it."""
    pieces = _TAG.split(text)  # text, tag, text, tag, ..., text
    original = list(pieces)
    first, after_punct, last = True, False, None
    protected: list[str] = []
    quotes: list[tuple[str, int | None]] = []  # open quotes: (closer, index of the piece after the opener)
    for i in range(0, len(pieces), 2):
        if i:
            tag = pieces[i - 1]
            if tag in _PROTECTED:
                protected.append(_PROTECTED[tag])
            elif protected and tag == protected[-1]:
                protected.pop()
            after_punct = after_punct or tag in "!?:"
        if protected:
            if pieces[i].strip():
                last = None
        else:
            words = _SPACE.split(pieces[i])  # word, space, word, ...
            before_hyphen = i == 0 and len(pieces) > 1 and pieces[1] == "-"  # only the first piece, as js
            for j in range(0, len(words), 2):
                word = words[j]
                if not word:
                    continue
                lower = word.lower()
                wanted = ((len(word) > 1 and lower not in STOP_WORDS) or first or after_punct
                          or (before_hyphen and j == len(words) - 1))
                if wanted and word == lower:
                    words[j] = _capitalise(word)
                first = after_punct = False
                last = (i, j)
            pieces[i] = "".join(words)
        if i and _unmatched_quote(pieces[i - 1], i, quotes, pieces, original):
            last = None
        if pieces[i].strip():
            first = after_punct = False
    for _, opened in quotes:  # a quote never closed is no quote either
        if opened is not None:
            pieces[opened] = original[opened][:1] + pieces[opened][1:]
    if last is not None:
        i, j = last
        words = _SPACE.split(pieces[i])
        if len(words[j]) > 1 and words[j].lower() in STOP_WORDS:
            words[j] = _capitalise(words[j])
            pieces[i] = "".join(words)
    return "".join(pieces)


def _unmatched_quote(tag: str, i: int, quotes: list[tuple[str, int | None]], pieces: list[str],
                     original: list[str]) -> bool:
    """Track quotes; where a quote is unmatched, give back the first letter it capitalized."""
    restore = None
    if tag in _QUOTES:
        if quotes and quotes[-1][0] != _QUOTES[tag]:  # another kind of quote opens: the last is no quote
            restore = quotes.pop()[1]
            quotes.append((_QUOTES[tag], None))  # (citeproc-js forgets where this one opened)
        else:
            quotes.append((_QUOTES[tag], i))
    elif tag in _QUOTES.values():
        if quotes and quotes[-1][0] == tag:
            quotes.pop()
        else:
            restore = i
    if restore is None:
        return False
    pieces[restore] = original[restore][:1] + pieces[restore][1:]
    return True


@once
def install() -> None:
    """Wrap ``citeproc.model.TextCased.case`` once."""
    from citeproc.model import TextCased
    from citeproc.string import MixedString, String

    original = TextCased.case

    def case(self: Any, text: Any, language: Any = None) -> Any:
        if (self.get("text-case") != "title" or language not in ("en", None)
                or (isinstance(text, MixedString) and not all(type(part) is String for part in text))):
            return original(self, text, language)
        return String(title_case(str(text)))

    TextCased.case = case
