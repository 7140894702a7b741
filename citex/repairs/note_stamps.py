"""Database export stamps in the note: Scopus's ``cited By 72``, ``Export Date: 15 October 2020``,
``Correspondence Address: ...`` and the whole list of the works the article cites.

Scopus puts them in the note (BibTeX ``note``, RIS ``N1``), and every BibTeX and CSL
style prints the note: the reference would end in a citation count of that day
and, for RIS exports, in the article's own bibliography. They are taken out of
the note; the cited works go to CSL's ``references`` variable (the works an item
cites), which no style prints. Any other text of the note stays.
"""

from __future__ import annotations

import re

from ..model import Record
from ..registry import REPAIRS

RULE = "note-export-stamps"
_DATE = r"\d{1,2}\s+[A-Za-z]+\s+\d{4}"
# Scopus's short stamps, each matched whole ...
_SHORT = (rf"cited by\s*:?\s*\d+|export date:\s*{_DATE}|conference code:\s*\d+|coden:\s*[A-Z0-9]+|"
          rf"conference date:\s*{_DATE}(?:\s+through\s+{_DATE})?")
# ... and its long ones, which run to the next stamp or the end (their text holds ';').
_LONG_LABEL = r"references|correspondence address\d*|funding details|funding text \d+"
_ANY = rf"(?:{_SHORT}|(?:{_LONG_LABEL}):)"
_STAMP = re.compile(rf"\b(?:{_SHORT}|(?P<label>{_LONG_LABEL}):\s*(?P<text>.*?)(?=\s*[;\n]?\s*{_ANY}|\s*$))",
                    re.I | re.S)
_PIECES = re.compile(r"\s*[;\n]\s*")  # pieces of a note, one line each (RIS) or ';' apart (BibTeX)
# The words a note with a stamp holds, looked for in the note lowered (``_lowered``): a
# case-insensitive regex lowers each character at each position it tries, 50 µs for a 2 KB
# note of the real exports (2% of a --jobs worker's time); lowering once and a find for each
# word take 10.
_QUICK_WORDS = ("cited by", "export date", "references:", "correspondence address", "funding", "coden",
                "conference")


def _may_hold_stamps(low: str) -> bool:
    """Whether a note may hold a stamp: one of the words, in any case; ``low``: the note ``_lowered``."""
    return any(word in low for word in _QUICK_WORDS)


def _lowered(note: str) -> str:
    """The note in lower case, the letters beyond ASCII that re.I matches to ASCII ones
    (``_CASE_ODD``) made those letters first: a plain search of it for ASCII words in lower case
    finds what a case-insensitive search of the note finds, where the note finds it. (The one
    letter whose lower case is longer, İ, is gone: it is as long as the note.)"""
    for odd, letter in _CASE_ODD:
        if odd in note:  # a find: none at once in text without characters that wide
            note = note.replace(odd, letter)
    return note.lower()


def split_note(note: str, container: str = "", stamps: list | None = None) -> tuple[str, str]:
    """(the note without the export's stamps, the cited works it listed); ``stamps``: the
    note's ``_stamps``, when they are known."""
    pieces, cited, at = [], [], 0
    for start, end, label, text in _stamps(note) if stamps is None else stamps:
        pieces += (note[at:start], "\n")
        at = end
        if label and label.lower() == "references":
            cited.append(text)
    rest = "".join(pieces) + note[at:]
    kept = [p for p in _PIECES.split(rest) if p.strip() and not _conference_name(p, container)]
    return "; ".join(p.strip() for p in kept), "\n".join(cited)


def _stamps(note: str, low: str | None = None) -> list[tuple[int, int, str | None, str | None]]:
    """(start, end, long label, its text) of each match of ``_STAMP`` in the note, in order;
    ``low``: the note ``_lowered``, when the caller has it.

    ``_STAMP`` tries its lazy ``.*?`` and lookahead at every character of a long stamp's text:
    a Scopus note with the article's references (30 KB) took 3 ms. A match can only start
    where a stamp's first word is, so those places are found by ``str.find`` in the lower-cased
    note, the regex's own parts are matched there, and a text ends where the lookahead first
    holds: before the next stamp (and the spaces and ';' before it) or the trailing spaces.
    tests/test_repairs_note_stamps.py holds this to the regex.
    """
    if len(note) < _SHORT_NOTE:  # the regex is quicker on a short note
        return [(m.start(), m.end(), m["label"], m["text"]) for m in _STAMP.finditer(note)]
    if low is None:
        low = _lowered(note)
    starts = sorted({i for word in _FIRST_WORDS for i in _finds(low, word)})
    trailing = len(note.rstrip())  # the lookahead's '\s*$' holds from here on
    found, at = [], 0
    for n, start in enumerate(starts):
        if start < at:
            continue
        m = _SHORT_AT.match(note, start)
        if m:
            found.append((start, m.end(), None, None))
            at = m.end()
            continue
        m = _LONG_AT.match(note, start)
        if m is None:
            continue
        text_at, end = m.end(), max(m.end(), trailing)
        for nxt in starts[n + 1:]:
            if nxt >= text_at and _ANY_AT.match(note, nxt):
                end = min(end, max(text_at, _before_gap(note, nxt)))
                break
        found.append((start, end, m["label"], note[text_at:end]))
        at = end
    return found


def _finds(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def _before_gap(note: str, at: int) -> int:
    """Where the lookahead's ``\\s*[;\\n]?\\s*`` before ``at`` can start at the earliest."""
    i = at
    while i and note[i - 1].isspace():  # \s is str.isspace in re and in str alike
        i -= 1
    if i and note[i - 1] == ";":
        i -= 1
        while i and note[i - 1].isspace():
            i -= 1
    return i


_FIRST_WORDS = ("cited by", "export date", "conference", "coden", "references", "correspondence address",
                "funding")
_SHORT_AT = re.compile(rf"\b(?:{_SHORT})", re.I | re.S)
_LONG_AT = re.compile(rf"\b(?P<label>{_LONG_LABEL}):\s*", re.I | re.S)
_ANY_AT = re.compile(_ANY, re.I | re.S)
# The letters beyond ASCII that re.I matches to ASCII ones (all of them: tests/test_repairs_note_stamps.py)
_CASE_ODD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))
_SHORT_NOTE = 1000


def _conference_name(piece: str, container: str) -> bool:
    """Scopus's "Conference of X" when X is the record's own proceedings title."""
    m = re.match(r"conference of\s+(.+)", piece, re.I)
    return bool(m and container and " ".join(m[1].split()).casefold() in " ".join(container.split()).casefold())


@REPAIRS.register(RULE, confidence=0.95, reads=("note",))
def note_export_stamps(rec: Record) -> None:
    """A note holding a database's export stamps (Scopus's 'cited By 72', 'Export Date: ...', the
    cited references) loses them; the cited works move to ``references``."""
    note = rec.get("note")
    if not isinstance(note, str):
        return
    low = _lowered(note)  # once: the look for its words and the stamps' places share it
    if not _may_hold_stamps(low):
        return
    stamps = _stamps(note, low)
    if not stamps:
        return
    kept, cited = split_note(note, str(rec.get("container-title") or ""), stamps)
    if kept == note.strip():
        return
    if cited and not rec.get("references"):
        rec.fix("references", cited, rule=RULE, note="the works the article cites, from its note")
    rec.fix("note", kept or None, rule=RULE, note="export stamps are not part of the reference")
