"""Journal (container-title) repairs."""

from __future__ import annotations

from ..model import Record
from ..registry import REPAIRS
from ..textnorm import fold, words

# A journal slot that is only the start of the title must be this long (folded
# characters and words) before it counts as a truncated copy: "Cancer" as the
# journal of "Cancer statistics, 2020" is a real journal, not a copy.
_MIN_TRUNCATED_CHARS = 20
_MIN_TRUNCATED_WORDS = 3


def repeats_title(journal: str, title: str) -> bool:
    """True when the journal text is the title again (any case or punctuation, or cut short)."""
    j, t = fold(journal), fold(title)
    if not j or not t:
        return False
    if j == t or (len(t) >= _MIN_TRUNCATED_CHARS and t in j):
        return True
    return (t.startswith(j) and len(j) >= _MIN_TRUNCATED_CHARS
            and len(words(journal)) >= _MIN_TRUNCATED_WORDS)


@REPAIRS.register("journal-duplicates-title")
def journal_duplicates_title(rec: Record) -> None:
    """The journal slot repeats the article title (a PubMed export fault): the journal is unknown."""
    journal, title = rec.get("container-title"), rec.get("title")
    if journal and title and repeats_title(journal, title):
        rec.fix("container-title", None, rule="journal-duplicates-title",
                note="the journal slot held the article title")
        rec.report("warning", "journal-unknown",
                   "the journal name is unknown: its slot repeated the article title, "
                   "so it was left empty", "Citation")
