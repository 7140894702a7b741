"""Citation keys: the input's own key when it has one, else ``{family}{year}{firstword}``.

Keys are ASCII, lowercase and stable: the same record gets the same key in
every run. Within one output a key is never given twice: the second record
with the base key ``li2009fast`` gets ``li2009fasta``, the next ``li2009fastb``.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Name, Record

# Letters NFKD does not split into an ASCII base and a mark.
_LETTERS = str.maketrans({
    "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "ı": "i", "ħ": "h", "Ħ": "H", "ŋ": "n", "Ŋ": "N",
})
STOPWORDS = frozenset(
    "a an the on of in for and to with is are from by at as".split()
)
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_TAG = re.compile(r"<[^>]+>")  # CSL rich text: <i>, <sup>…
# Characters that break a BibTeX key (or its \cite): whitespace, braces, quotes, comma…
_BAD_KEY = re.compile(r"[\s{}(),=\\#%\"'~]+")


def ascii_fold(text: str) -> str:
    """Lowercase ASCII transliteration: Gómez -> gomez, Søren -> soren, Straße -> strasse."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore").decode().lower()


def _words(text: str) -> list[str]:
    text = ascii_fold(_TAG.sub(" ", text)).replace("'", "")  # "Parkinson's" -> parkinsons
    return [w for w in _NOT_KEY.split(text) if w]


def _family(name: Name) -> str:
    # Family name only, without particles; an organisation gives its first word.
    text = name.family or name.literal or name.given or ""
    words = _words(text) if name.family is None else ["".join(_words(text))]
    return words[0] if words else ""


def key_of(record: Record) -> str:
    """The base key built from the record's fields, e.g. ``shah2020management``."""
    names = record.get("author") or record.get("editor") or []
    family = next((f for f in map(_family, names[:1]) if f), "")
    year = str(record.year) if record.year else ""
    title = next((w for w in _words(record.get("title") or "") if w not in STOPWORDS), "")
    return family + year + title or "ref"


def _suffix(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: the bijective base-26 letters."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


class CitationKeys:
    """Gives each record of one output a unique key; remembers only the keys used."""

    def __init__(self) -> None:
        self.used: set[str] = set()  # casefolded
        self._tried: dict[str, int] = {}  # base -> last suffix number tried, so n keys cost O(n)

    def assign(self, record: Record) -> str:
        """Set ``record.id`` to a key not used before in this output and return it."""
        base = _BAD_KEY.sub("-", str(record.id)).strip("-") if record.id else ""
        base = base or key_of(record)
        key, n = base, self._tried.get(base, 0)
        while key.casefold() in self.used:  # BibTeX matches keys ignoring case
            n += 1
            key = base + _suffix(n)
        self._tried[base] = n
        self.used.add(key.casefold())
        record.id = key
        return key
