"""Type repairs: a record whose type its own fields contradict.

Both rules judge from the record's fields only. A journal article typed as a
generic document has a journal, a volume and pages; a conference paper typed as
an article has a container named as a meeting ("Proceedings of the 12th
Conference on ...") and no issue. "Proceedings of the National Academy of
Sciences" names no meeting, so it stays a journal.
"""

from __future__ import annotations

import re

from ..model import Record
from ..registry import REPAIRS

_GENERIC = {"document", "article", "manuscript"}
_MEETING = re.compile(r"\b(?:conference|symposium|workshop|congress|colloquium|meeting|"
                      r"convention|summit)\b|\bproc(?:eedings|\.)?\s+of\s+the\s+\d+(?:st|nd|rd|th)\b",
                      re.I)
_PREPRINT = re.compile(r"arxiv|biorxiv|medrxiv|ssrn|preprint|research\s*square|chemrxiv|osf", re.I)


@REPAIRS.register("type-journal-article", confidence=0.9, reads=("container-title",))
def type_journal_article(rec: Record) -> None:
    """A record typed as a generic document or manuscript that has a journal, a volume and pages is
    a journal article."""
    journal = str(rec.get("container-title") or "")
    if rec.type not in _GENERIC or not (journal and rec.get("volume") and rec.get("page")):
        return
    if _PREPRINT.search(journal) or _MEETING.search(journal) or rec.get("publisher") and \
            _PREPRINT.search(str(rec.get("publisher"))):
        return
    rec.fix("type", "article-journal", rule="type-journal-article")


@REPAIRS.register("type-conference-paper", confidence=0.9, reads=("container-title",))
def type_conference_paper(rec: Record) -> None:
    """A journal article whose container is a conference, symposium or workshop, with no issue, is
    a conference paper; with a volume it is only proposed (some journals carry such names)."""
    journal = str(rec.get("container-title") or "")
    if rec.type != "article-journal" or rec.get("issue") or not _MEETING.search(journal):
        return
    rec.fix("type", "paper-conference", rule="type-conference-paper",
            confidence=0.7 if rec.get("volume") else None)

