"""A BibTeX entry that the standard styles would print nothing of.

plain, unsrt and plainnat print an ``@misc``'s author, title, howpublished (the
container), month, year and note, and warn "all relevant fields are empty" when
it has none of them (the other types are written only when they have what they
require). A record with none of those but an editor, a publisher or an
identifier gets them in the ``note``, which every style prints, so the entry
points at the work; a record with nothing of that either is not written: there
is no reference to print, and the record says why (the run counts it skipped).
"""

from __future__ import annotations

from ..errors import CitexError
from ..model import Record

PRINTED = ("author", "title", "container-title", "issued", "note")
_PRINTED_TEXT = tuple(f for f in PRINTED if f != "issued")
IDENTIFIERS = ("DOI", "PMID", "PMCID", "URL")  # what identifies a work when nothing else does


def _filled(value) -> bool:
    # A list (of names) is filled when it has items: str() of one would build the repr of every name.
    if value.__class__ is str:
        return bool(value.strip())
    return bool(value) if value.__class__ is list else bool(str(value or "").strip())


def printed(record: Record) -> bool:
    """Whether an ``@misc`` of the record has anything the standard styles print."""
    fields = record.fields
    for f in _PRINTED_TEXT:
        if _filled(fields.get(f)):
            return True
    return record.year is not None or bool(getattr(fields.get("issued"), "literal", None))


def _names(names) -> str:
    from .bibtex import display_names  # a cycle at import time otherwise

    return display_names(names) if isinstance(names, list) else str(names or "")


def identifying_note(record: Record) -> str:
    """The editor, publisher and identifiers of a record, as a note: ``Edited by X. Y. DOI 10.1/z``."""
    editors = _names(record.get("editor"))
    parts = [f"Edited by {editors}" if editors else "", str(record.get("publisher") or "").strip()]
    parts += [f"{f} {' '.join(str(record.get(f)).split())}" for f in IDENTIFIERS if str(record.get(f) or "").strip()]
    return ". ".join(p for p in parts if p)


def check(record: Record) -> None:
    """Say when the identifiers go in the note; refuse (CitexError: the record is skipped) a record with nothing."""
    if printed(record):
        return
    if not identifying_note(record):
        raise CitexError("no author, title, date, container, note, editor, publisher or identifier: "
                         "a BibTeX style would print an empty reference", record.source.location(),
                         code="bibtex-empty")
    record.report("info", "bibtex-empty", "no author, title, date or container: the editor, "
                  "publisher and identifiers are written in the note, which BibTeX styles print")


def note(record: Record, written: str) -> str:
    """The note to write: ``written``, or the identifying note of a record that prints nothing else."""
    return written or ("" if printed(record) else identifying_note(record))
