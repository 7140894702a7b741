"""BibTeX: one ``@type{key, field = {value}}`` entry per record, aligned like bibtex-tidy.

The entry type and the fields that depend on it come from the table below;
which fields are written, and in what order, is ``templates/bibtex.j2``.
Text is LaTeX-escaped and, by default, ASCII (``ascii=False`` keeps UTF-8 for
biber or for BibTeX with xelatex/lualatex).
"""

from __future__ import annotations

from typing import Any

from ..errors import CitexError
from ..model import Record
from ..registry import WRITERS
from .templated import TemplatedWriter

# CSL type -> (BibTeX entry type, field for container-title). Anything else is @misc.
TYPES = {
    "article-journal": ("article", "journal"),
    "article-magazine": ("article", "journal"),
    "article-newspaper": ("article", "journal"),
    "review": ("article", "journal"),
    "review-book": ("article", "journal"),
    "book": ("book", None),
    "chapter": ("incollection", "booktitle"),
    "entry-dictionary": ("incollection", "booktitle"),
    "entry-encyclopedia": ("incollection", "booktitle"),
    "paper-conference": ("inproceedings", "booktitle"),
    "thesis": ("phdthesis", None),
    "report": ("techreport", None),
}
MISC = ("misc", "howpublished")
# Where the publisher goes, for the entry types that call it something else.
PUBLISHER = {"phdthesis": "school", "techreport": "institution"}


def _missing_for_article(record: Record) -> list[str]:
    """What BibTeX's standard styles require of an @article that the record lacks."""
    needs = {"an author": "author", "a journal": "container-title", "a year": "issued"}
    missing = [what for what, field in needs.items() if not record.get(field)]
    if record.year is None and "a year" not in missing:
        missing.append("a year")
    if record.get("issue") and not record.get("volume"):
        missing.append("a volume for its issue")
    return missing


@WRITERS.register("bibtex", extension=".bib")
class BibTeXWriter(TemplatedWriter):
    """BibTeX entries (LaTeX-escaped, ASCII unless ascii=False)."""

    template = "bibtex.j2"

    def __init__(self, out, **options: Any):
        super().__init__(out, **options)
        self.ascii = bool(options.get("ascii", True))
        self.count = 0

    def context(self, record: Record) -> dict[str, Any]:
        if not record.id:
            raise CitexError("record has no citation key", record.source.location())
        entry_type, container = TYPES.get(record.type, MISC)
        missing = _missing_for_article(record) if entry_type == "article" else []
        if missing:
            # BibTeX styles warn on an incomplete @article; @misc holds the same fields
            # and requires none.
            entry_type, container = MISC
            record.report("info", "bibtex-misc",
                          f"written as @misc: an @article needs {' and '.join(missing)}, "
                          "and this record has none")
        return {
            "record": record, "key": record.id, "ascii": self.ascii,
            "entry_type": entry_type, "container_field": container,
            "publisher_field": PUBLISHER.get(entry_type, "publisher"),
            # Without an author, styles sort (and author-year styles label) by `key`.
            "sort_key": None if record.get("author") or record.get("editor") else _sort_key(record),
        }

    def write(self, record: Record) -> None:
        text = self.render(record)
        self.out.write("\n" + text if self.count else text)  # a blank line between entries
        self.count += 1


def _sort_key(record: Record) -> str | None:
    """The first words of the title: what BibTeX sorts and labels an authorless entry by."""
    words = (record.get("title") or record.get("container-title") or "").split()
    return " ".join(words[:3]).rstrip(".,:;") or None
