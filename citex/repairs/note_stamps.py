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
# A line that is a stamp of the export, not a note about the work (Scopus's labels).
_STAMP = re.compile(r"(?:cited by\s*:?\s*\d+|export date:.*|correspondence address\d*:.*|"
                    r"funding details:.*|funding text \d+:.*|coden:.*)", re.I)
_REFERENCES = re.compile(r"references:\s*", re.I)
_QUICK = re.compile(r"cited by|export date|references:|correspondence address|funding|coden", re.I)


def split_note(note: str) -> tuple[str, str]:
    """(the note without the export's stamps, the cited works it listed)."""
    kept, cited, in_references = [], [], False
    for line in note.split("\n"):
        text = line.strip()
        if _STAMP.fullmatch(text):
            in_references = False
            continue
        start = _REFERENCES.match(text)
        if start:
            in_references = True
            text = text[start.end():]
        (cited if in_references else kept).append(text)
    return "\n".join(t for t in kept if t), "\n".join(t for t in cited if t)


@REPAIRS.register(RULE, confidence=0.95)
def note_export_stamps(rec: Record) -> None:
    """A note holding a database's export stamps (Scopus's 'cited By 72', 'Export Date: ...', the
    cited references) loses them; the cited works move to ``references``."""
    note = rec.get("note")
    if not isinstance(note, str) or not _QUICK.search(note):
        return
    kept, cited = split_note(note)
    if kept == note.strip():
        return
    if cited and not rec.get("references"):
        rec.fix("references", cited, rule=RULE, note="the works the article cites, from its note")
    rec.fix("note", kept or None, rule=RULE, note="export stamps are not part of the reference")
