"""What the BibTeX and BibLaTeX writers share: one ``@type{key, ...}`` entry per record.

Each writer gives its table of CSL type -> (entry type, container field), where
the publisher goes for the types that call it something else, and whether it
writes ASCII by default; :class:`BibEntryWriter` builds the template variables
both templates have, and the writer adds its own with :meth:`BibEntryWriter.fields`.
"""

from __future__ import annotations

from typing import Any

from ..errors import CitexError
from ..model import Name, Record
from .templated import MAX_BIB_NAMES, TemplatedWriter, Values

MISC = ("misc", "howpublished")


def entry_type(record: Record, types: dict[str, tuple[str, str | None]]) -> tuple[str, str | None]:
    """The (entry type, container field) for a record: a thesis whose genre says master's is one."""
    found = types.get(record.type, MISC)
    if found[0] == "phdthesis" and "master" in str(record.get("genre") or "").lower():
        return ("mastersthesis", *found[1:])
    return found


def number(record: Record, entry: str) -> Any:
    """BibTeX's ``number``: an article's issue, a book's number in its series, a report's number."""
    if entry == "article":
        return record.get("issue") or record.get("number")
    if entry in ("book", "collection", "incollection", "inbook", "inproceedings", "inreference"):
        return record.get("collection-number") or record.get("number")
    return record.get("number") or record.get("issue")


class BibEntryWriter(TemplatedWriter):
    """A templated writer of .bib entries: ``entry_type``, ``container_field``, ``publisher_field``..."""

    types: dict[str, tuple[str, str | None]] = {}
    publishers: dict[str, str] = {}  # entry type -> the field its publisher goes in
    ascii_default = True

    def __init__(self, out, **options: Any):
        self.ascii = bool(options.get("ascii", self.ascii_default))
        super().__init__(out, **options)

    def entry(self, record: Record) -> tuple[str, str | None]:
        """The (entry type, container field) the record is written as."""
        return entry_type(record, self.types)

    def fields(self, record: Record, entry: str) -> dict[str, Any]:
        """The template variables this writer adds for a record written as ``entry``."""
        return {}

    def context(self, record: Record) -> dict[str, Any]:
        if not record.id:
            raise CitexError("record has no citation key", record.source.location())
        entry, container = self.entry(record)
        for role, names in record.fields.items():
            if isinstance(names, list) and len(names) > MAX_BIB_NAMES and isinstance(names[0], Name):
                record.report("warning", "bibtex-names-cut", f"{role}: {len(names):,} names; the first "
                              f"{MAX_BIB_NAMES} are written, then 'and others' (Biber would take minutes)")
        return {
            "record": record, "key": record.id, "values": Values(record.fields), "ascii": self.ascii,
            "entry_type": entry, "container_field": container,
            "publisher_field": self.publishers.get(entry, "publisher"),
            **self.fields(record, entry),
        }
