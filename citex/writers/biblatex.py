"""BibLaTeX (for Biber): the BibTeX layout with biblatex's richer entry types and fields.

UTF-8 by default (Biber reads it; ``ascii=True`` writes LaTeX commands
instead). Dates are ISO 8601 in ``date``/``urldate``/``eventdate``/``origdate``
(ranges ``2019/2020``, seasons ``2020-21``); a PMID is an ``eprint`` of
``eprinttype = {pubmed}`` (biblatex links it); theses and reports carry
their kind in ``type`` (``mathesis``, ``phdthesis``, ``techreport`` are
biblatex's localised keys). Which fields are written, and in what order, is
``templates/biblatex.j2``. Entry types and fields follow biblatex's data
model (``blx-dm.def``); the types pandoc's biblatex reader maps back to the
same CSL type were chosen where biblatex has several.
"""

from __future__ import annotations

import re
from typing import Any

from ..fieldmaps.bibtex import GENRES
from ..model import Record
from ..registry import WRITERS
from .bibentry import MISC, BibEntryWriter, number
from .templated import bib_entry, bibtex_names, bibtex_pages, bibtex_title, iso_date, latex, verbatim

# Every CSL 1.0.2 type -> (biblatex entry type, field for container-title).
TYPES = {
    **dict.fromkeys(["article-journal", "article-magazine", "article-newspaper"],
                    ("article", "journaltitle")),
    "article": ("article", "journaltitle"),  # a preprint without a journal: @misc, see context()
    **dict.fromkeys(["review", "review-book"], ("review", "journaltitle")),
    **dict.fromkeys(["book", "classic"], ("book", None)),
    "collection": ("collection", None),
    "periodical": ("periodical", None),
    "chapter": ("incollection", "booktitle"),  # @inbook when the book has its own author
    **dict.fromkeys(["entry", "entry-dictionary", "entry-encyclopedia"], ("inreference", "booktitle")),
    "paper-conference": ("inproceedings", "booktitle"),
    "thesis": ("thesis", None),
    "report": ("report", None),
    "standard": ("standard", None),
    "manuscript": ("unpublished", None),
    "pamphlet": ("booklet", None),
    "dataset": ("dataset", None),
    "software": ("software", None),
    "patent": ("patent", None),
    **dict.fromkeys(["webpage", "post", "post-weblog"], ("online", None)),
    "graphic": ("artwork", None),
    "figure": ("image", None),
    "song": ("audio", None),
    "musical_score": ("music", None),
    "motion_picture": ("movie", None),
    "broadcast": ("video", None),
    "legal_case": ("jurisdiction", None),
    **dict.fromkeys(["bill", "legislation", "regulation"], ("legislation", None)),
    "treaty": ("legal", None),
    "personal_communication": ("letter", None),
    **dict.fromkeys(["performance", "speech"], ("performance", None)),
    **dict.fromkeys(["document", "event", "hearing", "interview", "map"], MISC),
}
# Where the publisher goes for the types whose data model has no `publisher` ("": nowhere).
PUBLISHER = {"thesis": "institution", "report": "institution", "online": "organization",
             "misc": "organization", "software": "organization", "patent": "holder",
             "booklet": "howpublished", "unpublished": "howpublished",
             "article": "", "review": "", "periodical": ""}
# Types whose data model has a `type` field: the CSL genre goes there.
TYPED = frozenset("booklet dataset manual misc software patent report thesis unpublished".split())
SUBTYPES = {"article-magazine": "magazine", "article-newspaper": "newspaper"}
# CSL status -> biblatex's localised pubstate keys.
PUBSTATES = {"in press": "inpress", "forthcoming": "forthcoming", "submitted": "submitted",
             "prepublished": "prepublished"}
# BCP 47 language (CSL) -> babel/polyglossia name (biblatex langid); the region when it matters.
LANGIDS = {
    # babel's "english" is US English: en-US as "american" read back as en-US made a round trip change
    "en": "english", "en-us": "english", "en-gb": "british", "en-au": "australian",
    "en-ca": "canadian", "en-nz": "newzealand", "de": "ngerman", "de-at": "naustrian",
    "de-ch": "nswissgerman", "fr": "french", "es": "spanish", "it": "italian", "pt": "portuguese",
    "pt-br": "brazilian", "nl": "dutch", "sv": "swedish", "da": "danish", "nb": "norsk",
    "no": "norsk", "nn": "nynorsk", "fi": "finnish", "pl": "polish", "cs": "czech",
    "sk": "slovak", "sl": "slovene", "hr": "croatian", "hu": "magyar", "ro": "romanian",
    "ru": "russian", "uk": "ukrainian", "el": "greek", "tr": "turkish", "ca": "catalan",
    "la": "latin", "et": "estonian", "lv": "latvian", "lt": "lithuanian", "ja": "japanese",
}


def langid(language: Any) -> str:
    """biblatex's ``langid`` for a CSL language tag (``de-DE`` -> ``ngerman``), or ``""``."""
    tag = re.sub(r"_", "-", str(language or "").strip().lower())
    return LANGIDS.get(tag) or LANGIDS.get(tag.split("-")[0], "")


def kind(record: Record, entry: str) -> str:
    """The ``type`` field: biblatex's key for master's/PhD theses and technical reports, else the genre."""
    genre = str(record.get("genre") or "").strip()
    if entry == "thesis":
        low = genre.lower()
        if not genre or "phd" in low or "doctor" in low:
            return "phdthesis"  # BibTeX's default too: a thesis of unknown level
        return "mathesis" if "master" in low else genre
    if entry == "report" and not genre:
        return "techreport"
    # a genre the reader took from a biblatex key ("Technical report") goes back as that key
    return _GENRE_KEYS.get(genre.lower(), genre) if entry in TYPED else ""


_ISSN = re.compile(r"^\d{4}-?\d{3}[\dXx]$")
_ISBN = re.compile(r"^(?:\d{9}[\dXx]|\d{13})$")  # without its hyphens


def isbn_issn(record: Record) -> tuple[str, str]:
    """(isbn, issn): ISSNs that sit in the ISBN (RIS ``SN`` holds either) go to ``issn``;
    of several ISBNs (print and e-book), the first.

    Biber checks every ``isbn`` and warns on an ISSN there; ``1532-1827 (Electronic)``
    is an ISSN with its qualifier.
    """
    isbn, issn = str(record.get("ISBN") or "").strip(), str(record.get("ISSN") or "").strip()
    words = [w for w in re.sub(r"\([^()]*\)", " ", isbn).replace(",", " ").replace(";", " ").split()]
    if words and all(_ISSN.match(w) for w in words):
        return "", isbn if not issn or isbn in issn else f"{issn}, {isbn}"
    if len(words) > 1 and all(_ISBN.match(w.replace("-", "")) for w in words):
        record.report("info", "biblatex-isbn", f"ISBN {words[0]} written, not {', '.join(words[1:])}: "
                      "Biber reads one ISBN a field and warns on more")
        return words[0], issn
    return isbn, issn


_GENRE_KEYS: dict[str, str] = {}
for _key, _genre in GENRES.items():
    _GENRE_KEYS.setdefault(_genre.lower(), _key)


@WRITERS.register("biblatex", extension=".bib")
class BibLaTeXWriter(BibEntryWriter):
    """BibLaTeX entries for Biber (UTF-8 unless ascii=True)."""

    template = "biblatex.j2"
    direct_for = "da6934cd8330ff81"  # templated.template_hash("biblatex.j2") that render_direct writes
    types, publishers, ascii_default = TYPES, PUBLISHER, False

    def entry(self, record: Record) -> tuple[str, str | None]:
        entry, container = super().entry(record)
        if record.type == "article" and not record.get("container-title"):
            return MISC  # a preprint or working paper
        if entry == "incollection" and record.get("container-author"):
            return "inbook", container  # a part of a book by the book's own author
        return entry, container

    def fields(self, record: Record, entry: str) -> dict[str, Any]:
        status = str(record.get("status") or "")
        return {
            "entry_subtype": SUBTYPES.get(record.type, ""),
            "number": number(record, entry), "kind": kind(record, entry),
            "pubstate": PUBSTATES.get(status.lower(), status),
            "langid": langid(record.get("language")),
            **dict(zip(("isbn", "issn"), isbn_issn(record))),
        }

    def render_direct(self, context: dict[str, Any]) -> str:
        # biblatex.j2's text, written directly: a jinja2 render costs more than the values it
        # writes (tests/test_writers_biblatex.py checks that the two are the same).
        return bib_entry(context, template_fields(context), biber_text_except=NAME_FIELDS)


NAME_FIELDS = ("author", "bookauthor", "editor", "translator")  # braced name by name already


def _publishers(values: list[Any], ascii: bool) -> str:
    """biblatex.j2's ``select | unique | map("latex", ascii) | join(" and ")``: the values
    given, without repeats (compared ignoring case, as jinja2's ``unique`` does)."""
    seen, out = set(), []
    for value in values:
        low = value.lower() if isinstance(value, str) else value
        if value and low not in seen:
            seen.add(low)
            out.append(str(latex(value, ascii)))
    return " and ".join(out)


def template_fields(c: dict[str, Any]) -> list[tuple[str | None, str]]:
    """biblatex.j2's ``fields`` list: (field, value) in the order written, empty values included."""
    value, ascii, truncated = c["values"].get, c["ascii"], c["record"].truncated  # .get: no __missing__ call
    online = c["entry_type"] == "online"
    return [
        ("author", bibtex_names(value("author"), "author" in truncated, ascii)),
        ("bookauthor", bibtex_names(value("container-author"), "container-author" in truncated, ascii)),
        ("editor", bibtex_names(value("editor"), "editor" in truncated, ascii)),
        ("translator", bibtex_names(value("translator"), "translator" in truncated, ascii)),
        ("title", bibtex_title(value("title"), ascii)),
        ("shorttitle", bibtex_title(value("title-short"), ascii)),
        (c["container_field"], latex(value("container-title"), ascii)),
        ("shortjournal", latex(value("container-title-short") or value("journalAbbreviation"), ascii)
            if c["container_field"] == "journaltitle" else ""),
        ("eventtitle", latex(value("event-title") or value("event"), ascii)),
        ("venue", latex(value("event-place"), ascii)),
        ("eventdate", iso_date(value("event-date"))),
        ("series", latex(value("collection-title"), ascii)),
        ("edition", latex(value("edition"), ascii)),
        ("version", latex(value("version"), ascii)),
        ("type", latex(c["kind"], ascii)),
        ("entrysubtype", c["entry_subtype"]),
        (c["publisher_field"], _publishers([value("container-title"), value("publisher")] if online
                                           else [value("publisher")], ascii)),
        ("location", latex(value("publisher-place"), ascii)),
        ("date", iso_date(value("issued"))),
        ("origdate", iso_date(value("original-date"))),
        ("volume", latex(value("volume"), ascii)),
        ("volumes", latex(value("number-of-volumes"), ascii)),
        ("number", latex(c["number"], ascii)),
        ("chapter", latex(value("chapter-number"), ascii)),
        ("pages", bibtex_pages(value("page"), ascii)),
        ("pagetotal", latex(value("number-of-pages"), ascii)),
        ("isbn", latex(c["isbn"], ascii)),
        ("issn", latex(c["issn"], ascii)),
        ("doi", verbatim(value("DOI"))),
        ("eprinttype", "pubmed" if value("PMID") else ""),
        ("eprint", verbatim(value("PMID"))),
        ("pmcid", latex(value("PMCID"), ascii)),
        ("url", verbatim(value("URL"))),
        ("urldate", iso_date(value("accessed"))),
        ("langid", c["langid"]),
        ("keywords", latex(value("keyword"), ascii)),
        ("pubstate", latex(c["pubstate"], ascii)),
        ("note", latex(value("note"), ascii)),
        ("abstract", latex(value("abstract"), ascii)),
    ]
