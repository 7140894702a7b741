"""EndNote XML (``xml/records/record``) <-> CSL: reference types and field paths.

Paths are relative to ``<record>``, element names joined with "/". Elements with
no entry here are kept in ``extra`` under their path.
"""

# <ref-type name="…"> -> CSL type (EndNote X9/20 names, lower case).
REF_TYPES = {
    "journal article": "article-journal",
    "electronic article": "article-journal",
    "magazine article": "article-magazine",
    "newspaper article": "article-newspaper",
    "book": "book",
    "edited book": "book",
    "electronic book": "book",
    "classical work": "classic",
    "ancient text": "classic",
    "book section": "chapter",
    "electronic book section": "chapter",
    "conference proceedings": "paper-conference",
    "conference paper": "paper-conference",
    "thesis": "thesis",
    "report": "report",
    "government document": "report",
    "pamphlet": "pamphlet",
    "web page": "webpage",
    "blog": "post-weblog",
    "online database": "dataset",
    "dataset": "dataset",
    "aggregated database": "dataset",
    "computer program": "software",
    "patent": "patent",
    "case": "legal_case",
    "statute": "legislation",
    "bill": "bill",
    "hearing": "hearing",
    "legal rule or regulation": "regulation",
    "standard": "standard",
    "manuscript": "manuscript",
    "unpublished work": "manuscript",
    "personal communication": "personal_communication",
    "interview": "interview",
    "map": "map",
    "film or broadcast": "motion_picture",
    "audiovisual material": "motion_picture",
    "online multimedia": "motion_picture",
    "podcast": "broadcast",
    "music": "song",
    "artwork": "graphic",
    "figure": "figure",
    "chart or table": "figure",
    "equation": "figure",
    "dictionary": "entry-dictionary",
    "encyclopedia": "entry-encyclopedia",
    "serial": "periodical",
    "press release": "article",
    "catalog": "document",
    "grant": "document",
    "social media": "post",
    "generic": "document",
}
# The numbers that mean the same in every EndNote version, for a ref-type without a name.
REF_TYPE_NUMBERS = {
    "5": "book section", "6": "book", "10": "conference proceedings", "12": "web page",
    "13": "generic", "17": "journal article", "27": "report", "47": "conference paper",
}

# Plain one-to-one fields: path -> CSL variable.
VARIABLES = {
    "titles/title": "title",
    "titles/short-title": "title-short",
    "titles/tertiary-title": "collection-title",
    "periodical/abbr-1": "container-title-short",
    "pages": "page",
    "volume": "volume",
    "issue": "issue",
    "edition": "edition",
    "section": "section",
    "num-vols": "number-of-volumes",
    "pub-location": "publisher-place",
    "publisher": "publisher",
    "orig-pub": "original-publisher",
    "call-num": "call-number",
    "report-id": "number",
    "abstract": "abstract",
    "notes": "note",
    "work-type": "genre",
    "reviewed-item": "reviewed-title",
    "meeting-place": "event-place",
    "size": "dimensions",
    "language": "language",
    "remote-database-name": "source",
    "remote-database-provider": "archive",
}

# Contributors: path -> CSL name variable.
NAMES = {
    "contributors/authors/author": "author",
    "contributors/secondary-authors/author": "editor",
    "contributors/tertiary-authors/author": "collection-editor",
    "contributors/subsidiary-authors/author": "translator",
}

# Fields that may hold rich text (<style face="italic">) kept as CSL markup.
RICH = frozenset({
    "titles/title", "titles/secondary-title", "titles/tertiary-title", "titles/alt-title",
    "titles/short-title", "titles/translated-title", "periodical/full-title", "abstract", "notes",
})
# Fields whose line breaks are kept (each line's indentation removed); others are one line.
MULTILINE = frozenset({"abstract", "notes", "research-notes"})

# Where secondary-title and number go depend on the type.
SERIES_TYPES = frozenset({"book", "report", "thesis", "classic", "software"})  # secondary = series
ISSUE_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper"})
