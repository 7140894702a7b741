"""BibTeX and BibLaTeX entry types and fields <-> CSL types and variables, as data.

The reader (``citex.readers.bibtex``) and the BibTeX writer both use these
tables. The choices follow pandoc's BibTeX reader (``Text.Pandoc.Citeproc.BibTeX``)
and citation-js (``plugin-bibtex/src/mapping``) where they agree, and take the
CSL 1.0.2 type where one exists (``software``, ``standard``, ``performance``).
Field names are lower case; BibTeX's are case-insensitive.
"""

from __future__ import annotations

# Entry type -> CSL type. Anything not listed reads as "document" (with a note).
TYPES = {
    "article": "article-journal", "periodical": "periodical", "suppperiodical": "article-journal",
    "book": "book", "mvbook": "book", "bookinbook": "chapter", "inbook": "chapter",
    "suppbook": "chapter", "booklet": "pamphlet", "collection": "collection", "mvcollection": "collection",
    "incollection": "chapter", "suppcollection": "chapter", "reference": "book",
    "mvreference": "book", "inreference": "entry-encyclopedia", "proceedings": "book",
    "mvproceedings": "book", "inproceedings": "paper-conference", "conference": "paper-conference",
    "manual": "report", "report": "report", "techreport": "report", "thesis": "thesis",
    "mastersthesis": "thesis", "phdthesis": "thesis", "misc": "document", "unpublished": "manuscript",
    "online": "webpage", "electronic": "webpage", "www": "webpage", "dataset": "dataset",
    "data": "dataset", "software": "software", "patent": "patent", "standard": "standard",
    # biblatex types that standard styles do not support, and biblatex-apa ones
    "artwork": "graphic", "image": "figure", "audio": "song", "music": "musical_score",
    "commentary": "book", "jurisdiction": "legal_case", "legislation": "legislation",
    "legal": "treaty", "letter": "personal_communication", "letters": "personal_communication",
    "movie": "motion_picture", "video": "broadcast", "performance": "performance",
    "review": "review", "newsarticle": "article-newspaper", "set": "document",
}
# entrysubtype of an article or periodical that names a more precise CSL type
ARTICLE_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}
# @unpublished with one of these fields is a talk (pandoc)
EVENT_FIELDS = ("eventtitle", "eventdate", "venue")
# Entries that only hold data for others to inherit: not records of their own.
DATA_ONLY_TYPES = frozenset({"xdata"})

# CSL type -> entry type, for writing (BibTeX's standard types; BibLaTeX's richer set).
BIBTEX_TYPES_FROM_CSL = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "periodical": "article", "review": "article", "review-book": "article", "book": "book",
    "pamphlet": "booklet", "chapter": "incollection", "entry-dictionary": "incollection",
    "entry-encyclopedia": "incollection", "paper-conference": "inproceedings",
    "report": "techreport", "thesis": "phdthesis", "manuscript": "unpublished",
    "speech": "unpublished",
}
BIBLATEX_TYPES_FROM_CSL = {
    **BIBTEX_TYPES_FROM_CSL,
    "periodical": "periodical", "review": "review", "chapter": "incollection",
    "entry-dictionary": "inreference", "entry-encyclopedia": "inreference", "report": "report",
    "thesis": "thesis", "webpage": "online", "post": "online", "post-weblog": "online",
    "dataset": "dataset", "software": "software", "patent": "patent", "standard": "standard",
    "graphic": "artwork", "song": "audio", "legal_case": "jurisdiction",
    "legislation": "legislation", "treaty": "legal", "personal_communication": "letter",
    "motion_picture": "movie", "performance": "performance",
}

# Entry types whose parts decide where titles and numbers go (pandoc's groups).
CHAPTER_TYPES = frozenset(
    "inbook incollection inproceedings inreference bookinbook suppbook suppcollection".split())
ARTICLE_TYPES = frozenset("article periodical suppperiodical review".split())
# `number` of these is the number in a series (collection-number)
SERIES_NUMBER_TYPES = frozenset(
    "book collection proceedings reference mvbook mvcollection mvproceedings mvreference "
    "bookinbook inbook incollection inproceedings inreference suppbook suppcollection".split())
# a `booktitle` on these is the entry's own title again, not a container
BOOK_TYPES = frozenset(
    "book mvbook collection mvcollection proceedings mvproceedings reference mvreference "
    "periodical".split())

# Alternative field names: alias -> the name the tables use (biber's bibtex aliases).
ALIASES = {
    "address": "location", "school": "institution", "journal": "journaltitle",
    "annote": "annotation", "archiveprefix": "eprinttype", "primaryclass": "eprintclass",
    "hyphenation": "langid",
}

NAME_FIELDS = {
    "author": "author", "editor": "editor", "translator": "translator",
    "bookauthor": "container-author", "director": "director",
}
# editortype values that are CSL name variables of their own
EDITOR_TYPES = frozenset({"director", "compiler", "organizer", "curator", "chair", "producer"})

DATE_FIELDS = {"date": "issued", "urldate": "accessed", "eventdate": "event-date",
               "origdate": "original-date"}
# BibTeX-style year/month/day fields for the same dates: prefix -> date field
OLD_DATE_PREFIXES = {"": "date", "url": "urldate", "event": "eventdate", "orig": "origdate"}

# Fields whose braces protect letter case: decoded with <span class="nocase">.
TITLE_FIELDS = frozenset(
    "title subtitle titleaddon maintitle mainsubtitle maintitleaddon booktitle booksubtitle "
    "booktitleaddon journaltitle journalsubtitle issuetitle issuesubtitle eventtitle origtitle "
    "series shorttitle shortjournal shortseries indextitle fjournal".split())

# Fields copied to one CSL variable after LaTeX decoding.
TEXT_FIELDS = {
    "abstract": "abstract", "note": "note", "annotation": "annote", "edition": "edition",
    "volume": "volume", "volumes": "number-of-volumes", "pagetotal": "number-of-pages",
    "chapter": "chapter-number", "version": "version", "part": "part-number",
    "venue": "event-place", "origpublisher": "original-publisher",
    "origlocation": "original-publisher-place", "library": "call-number", "keywords": "keyword",
    "shorttitle": "title-short", "shortjournal": "container-title-short",
    "series": "collection-title", "shortseries": "collection-title-short",
    "eventtitle": "event-title", "origtitle": "original-title",
}
# Fields copied without LaTeX decoding (only \_ \% \& \# \~ escapes undone).
VERBATIM_FIELDS = {"doi": "DOI", "url": "URL", "isbn": "ISBN", "issn": "ISSN", "pmid": "PMID",
                   "pmcid": "PMCID"}

# The publisher of a record: the first of these it has; the others stay in `extra`.
PUBLISHER_FIELDS = ("publisher", "institution", "organization", "holder")  # holder: a patent's (biblatex)

# eprinttype -> (CSL variable, URL prefix). pandoc makes a URL of arXiv, JSTOR, PubMed and
# Google Books eprints; citation-js a PMID of PubMed ones. The eprint fields stay in `extra`.
EPRINTS = {
    "arxiv": ("URL", "https://arxiv.org/abs/"),
    "jstor": ("URL", "https://www.jstor.org/stable/"),
    "googlebooks": ("URL", "https://books.google.com?id="),
    "hdl": ("URL", "https://hdl.handle.net/"),
    "pubmed": ("PMID", ""),
    "pmid": ("PMID", ""),
    "pmc": ("PMCID", ""),
    "pmcid": ("PMCID", ""),
    "doi": ("DOI", ""),
}

# Biblatex localisation keys used in `type` (and thesis entry types without one) -> genre.
GENRES = {
    "mathesis": "Master's thesis", "mastersthesis": "Master's thesis",
    "phdthesis": "PhD thesis", "bathesis": "Bachelor's thesis",
    "candthesis": "Candidate thesis", "techreport": "Technical report",
    "resreport": "Research report", "software": "Computer software", "datacd": "Data CD",
    "audiocd": "Audio CD", "patent": "Patent", "patentus": "U.S. patent",
    "patentuk": "British patent", "patentde": "German patent", "patenteu": "European patent",
    "patentfr": "French patent", "patreq": "Patent request",
    "patreqde": "German patent request", "patreqeu": "European patent request",
    "patreqfr": "French patent request", "patrequk": "British patent request",
    "patrequs": "U.S. patent request",
}
# Thesis entry types name their kind of thesis.
THESIS_GENRES = {"mastersthesis": "Master's thesis", "phdthesis": "PhD thesis"}

# babel/polyglossia language names in `langid` -> IETF tags for CSL `language` (pandoc's
# choice; biblatex's own `language` field holds display names and is kept as written).
LANGIDS = {
    "english": "en-US", "american": "en-US", "usenglish": "en-US", "british": "en-GB",
    "ukenglish": "en-GB", "canadian": "en-CA", "australian": "en-AU", "newzealand": "en-NZ",
    "german": "de-DE", "ngerman": "de-DE", "austrian": "de-AT", "naustrian": "de-AT",
    "swissgerman": "de-CH", "nswissgerman": "de-CH", "french": "fr-FR", "francais": "fr-FR",
    "canadien": "fr-CA", "italian": "it-IT", "spanish": "es-ES", "catalan": "ca-AD",
    "portuguese": "pt-PT", "portuges": "pt-PT", "brazil": "pt-BR", "brazilian": "pt-BR",
    "dutch": "nl-NL", "danish": "da-DK", "swedish": "sv-SE", "norsk": "nb-NO",
    "norwegian": "nb-NO", "nynorsk": "nn-NO", "finnish": "fi-FI", "icelandic": "is-IS",
    "polish": "pl-PL", "czech": "cs-CZ", "slovak": "sk-SK", "slovene": "sl-SI",
    "croatian": "hr-HR", "serbian": "sr-RS", "bulgarian": "bg-BG", "russian": "ru-RU",
    "ukrainian": "uk-UA", "greek": "el-GR", "latin": "la", "hungarian": "hu-HU",
    "magyar": "hu-HU", "romanian": "ro-RO", "turkish": "tr-TR", "hebrew": "he-IL",
    "arabic": "ar", "persian": "fa-IR", "japanese": "ja-JP", "chinese": "zh-CN",
    "korean": "ko-KR", "vietnamese": "vi-VN", "estonian": "et-EE", "latvian": "lv-LV",
    "lithuanian": "lt-LT", "basque": "eu-ES", "galician": "gl-ES", "irish": "ga-IE",
    "welsh": "cy-GB", "afrikaans": "af-ZA", "indonesian": "id-ID", "thai": "th-TH",
}
# langidopts variants of english
ENGLISH_VARIANTS = {"american": "en-US", "us": "en-US", "usmax": "en-US", "british": "en-GB",
                    "uk": "en-GB", "australian": "en-AU", "newzealand": "en-NZ"}

# pubstate values -> CSL status text
PUBSTATES = {"inpress": "in press", "inpreparation": "in preparation", "submitted": "submitted",
             "forthcoming": "forthcoming", "prepublished": "prepublished"}
# Words in a year field that are a publication state, not a date.
STATUS_YEARS = {"in press": "in press", "inpress": "in press", "forthcoming": "forthcoming",
                "submitted": "submitted", "in preparation": "in preparation",
                "to appear": "forthcoming", "accepted": "accepted"}

# The month macros every BibTeX style defines.
MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May",
    "jun": "June", "jul": "July", "aug": "August", "sep": "September", "oct": "October",
    "nov": "November", "dec": "December",
}
MONTHS = {name: n for n, name in enumerate(MONTH_MACROS, start=1)}
MONTHS.update({full.lower(): n for n, full in enumerate(MONTH_MACROS.values(), start=1)})
MONTHS.update({"sept": 9})
SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

# Crossref inheritance (biblatex manual, appendix B). Fields never inherited:
NOT_INHERITED = frozenset(
    "ids crossref xref entryset entrysubtype execute label options presort related "
    "relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey xdata".split())
_MAIN = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle"}
_DROPPED = ("shorttitle", "sorttitle", "indextitle", "indexsorttitle")
# (parent types, child types, renames): a parent field listed in renames goes to the new
# name; the short/sort/index titles of the parent are not inherited under these rules.
INHERIT_RULES = (
    (("mvbook",), ("book", "inbook", "bookinbook", "suppbook"), _MAIN),
    (("mvcollection", "mvreference"),
     ("collection", "reference", "incollection", "inreference", "suppcollection"), _MAIN),
    (("mvproceedings",), ("proceedings", "inproceedings"), _MAIN),
    (("book",), ("inbook", "bookinbook", "suppbook"), _BOOK),
    (("collection", "reference"), ("incollection", "inreference", "suppcollection"), _BOOK),
    (("proceedings",), ("inproceedings",), _BOOK),
    (("periodical",), ("article", "suppperiodical"), _JOURNAL),
)
INHERIT_DROPPED = frozenset(_DROPPED)
# A book's author is also the author of its parts (biblatex), and of the volumes of a
# multi-volume book (pandoc): it is inherited as bookauthor too.
BOOKAUTHOR_RULES = (
    (("mvbook", "book"), ("inbook", "bookinbook", "suppbook")),
    (("mvbook",), ("book",)),
)

# CSL variable -> field, for the writer: the reverse of the one-to-one tables.
FIELDS_FROM_CSL = {
    **{csl: field for field, csl in TEXT_FIELDS.items()},
    **{csl: field for field, csl in VERBATIM_FIELDS.items()},
    **{csl: field for field, csl in NAME_FIELDS.items()},
    **{csl: field for field, csl in DATE_FIELDS.items()},
}
