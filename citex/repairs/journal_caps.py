"""A journal name in ALL CAPS whose record also holds its abbreviation in normal letter case.

Web of Science writes the journal in capitals (``SO  IEEE TRANSACTIONS ON
MAGNETICS``) beside its ISO abbreviation in normal case (``JI  IEEE Trans.
Magn.``). ``title-case`` leaves such a name alone when a word of it is no common
word (IEEE could be any acronym); the abbreviation tells: a word abbreviated in
capitals (``IEEE``, ``MOEMS``) is an acronym and stays, one abbreviated with a
capital and small letters (``Magn.``, ``Nanotechnol.``) gets title case. A name
with a word neither tells about stays as it is.
"""

from __future__ import annotations

import re

from ..model import Record
from ..registry import REPAIRS
from .common_words import is_common
from .title_case import MINOR_WORDS

RULE = "journal-caps-from-abbreviation"
_PART = re.compile(r"[^\W\d_]+")


def _cased(word: str, first: bool, abbreviated: list[str]) -> str | None:
    """The word in title case, kept in capitals, or None if nothing says which."""
    if len(word) == 1:
        return word  # "PART B", "PHYSICAL REVIEW A"
    lower = word.lower()
    if lower in MINOR_WORDS and not first:
        return lower
    same = [t for t in abbreviated if t.lower() == lower and not t.islower()]
    if same:
        return same[0]  # written out in the abbreviation: its letter case ("IEEE", "PLoS", "Nano")
    if is_common(lower) or any((len(t) == 1 or not t.isupper()) and _shortens(t.lower(), lower)
                               for t in abbreviated):
        return word.capitalize()  # "Magn." for MAGNETICS, "J." for JOURNAL
    return None


def _shortens(short: str, word: str) -> bool:
    """ISO 4 keeps a word's first letter and drops others: "jpn" shortens "japanese"."""
    if short[0] != word[0]:
        return False
    at = 0
    for ch in short:
        at = word.find(ch, at) + 1
        if not at:
            return False
    return True


def recased(journal: str, abbreviation: str) -> str | None:
    """``journal`` in title case by the evidence of ``abbreviation``, or None."""
    abbreviated = _PART.findall(abbreviation)
    out, end = [], 0
    for i, m in enumerate(_PART.finditer(journal)):
        new = _cased(m.group(), i == 0, abbreviated)
        if new is None:
            return None
        out += [journal[end:m.start()], new]
        end = m.end()
    return "".join(out) + journal[end:]


@REPAIRS.register(RULE, confidence=0.9, reads=("container-title-short",))
def journal_caps_from_abbreviation(rec: Record) -> None:
    """A journal name in ALL CAPS gets title case where the record's own abbreviation, in normal
    letter case, shows which of its words are acronyms."""
    journal, short = rec.get("container-title"), rec.get("container-title-short")
    if not isinstance(journal, str) or not isinstance(short, str) or not journal.isupper():
        return  # (short names too: "NANOTECHNOLOGY" beside "Nanotechnology")
    if short.isupper() or short.islower():
        return  # the abbreviation's letter case tells nothing either
    new = recased(journal, short)
    if new:
        rec.fix("container-title", new, rule=RULE, note=f"letter case shown by its abbreviation {short!r}")
