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
_QUICK = re.compile(r"cited by|export date|references:|correspondence address|funding|coden|conference", re.I)


def split_note(note: str, container: str = "") -> tuple[str, str]:
    """(the note without the export's stamps, the cited works it listed)."""
    cited = []

    def cut(m: re.Match[str]) -> str:
        if m["label"] and m["label"].lower() == "references":
            cited.append(m["text"])
        return "\n"

    rest = _STAMP.sub(cut, note)
    kept = [p for p in _PIECES.split(rest) if p.strip() and not _conference_name(p, container)]
    return "; ".join(p.strip() for p in kept), "\n".join(cited)


def _conference_name(piece: str, container: str) -> bool:
    """Scopus's "Conference of X" when X is the record's own proceedings title."""
    m = re.match(r"conference of\s+(.+)", piece, re.I)
    return bool(m and container and " ".join(m[1].split()).casefold() in " ".join(container.split()).casefold())


@REPAIRS.register(RULE, confidence=0.95, reads=("note",), clue=_QUICK)
def note_export_stamps(rec: Record) -> None:
    """A note holding a database's export stamps (Scopus's 'cited By 72', 'Export Date: ...', the
    cited references) loses them; the cited works move to ``references``."""
    note = rec.get("note")
    if not isinstance(note, str) or not _QUICK.search(note) or not _STAMP.search(note):
        return
    kept, cited = split_note(note, str(rec.get("container-title") or ""))
    if kept == note.strip():
        return
    if cited and not rec.get("references"):
        rec.fix("references", cited, rule=RULE, note="the works the article cites, from its note")
    rec.fix("note", kept or None, rule=RULE, note="export stamps are not part of the reference")
