"""CSL-JSON: the variables and types of CSL 1.0.2, and the other names files use for them.

The CSL-JSON reader keeps a key as a CSL variable only when it is named here (or is a
name or date variable, see ``citex.model``); every other key goes to ``extra``.
"""

# CSL 1.0.2 ordinary (text and number) variables, and the schema's extras.
TEXT_VARIABLES = frozenset("""
abstract annote archive archive_collection archive_location archive-place authority
call-number chapter-number citation-key citation-label citation-number collection-number
collection-title collection-title-short container-title container-title-short dimensions
division DOI edition event event-title event-place first-reference-note-number genre ISBN
ISSN issue jurisdiction keyword language license locator medium note number
number-of-pages number-of-volumes original-publisher original-publisher-place
original-title page page-first part part-number part-title PMCID PMID printing
printing-number publisher publisher-place references reviewed-genre reviewed-title scale
section source status supplement supplement-number title title-short URL version volume
volume-title volume-title-short year-suffix
""".split())
# CSL 1.0.2 variables the CSL-JSON schema (csl-data.json) does not list: an item holding
# them fails validation, so the writer puts them in ``custom`` and the reader takes them back.
OUTSIDE_SCHEMA = frozenset({"collection-title-short", "editor-translator", "license", "part-number",
                            "printing-number", "supplement-number"})
CUSTOM_VARIABLES = "csl-variables"  # the key in ``custom`` that holds them
# Keys older tools write for CSL variables (citeproc-js reads them the same way).
ALIASES = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}
TYPES = frozenset("""
article article-journal article-magazine article-newspaper bill book broadcast chapter
classic collection dataset document entry entry-dictionary entry-encyclopedia event figure
graphic hearing interview legal_case legislation manuscript map motion_picture
musical_score pamphlet paper-conference patent performance periodical
personal_communication post post-weblog regulation report review review-book software
song speech standard thesis treaty webpage
""".split())
# Crossref, DataCite and BibTeX-ish type names seen in CSL-JSON files.
TYPE_ALIASES = {
    "journal-article": "article-journal", "book-chapter": "chapter", "book-section": "chapter",
    "book-part": "chapter", "proceedings-article": "paper-conference", "posted-content": "article",
    "dissertation": "thesis", "reference-entry": "entry", "monograph": "book",
    "edited-book": "book", "reference-book": "book", "book-series": "book", "book-set": "book",
    "report-series": "report", "journal-issue": "periodical", "journal": "periodical",
    "proceedings": "book", "peer-review": "review", "component": "document",
    "other": "document", "web": "webpage", "website": "webpage", "online": "webpage",
    "misc": "document", "inproceedings": "paper-conference", "incollection": "chapter",
    "phdthesis": "thesis", "mastersthesis": "thesis", "techreport": "report",
}
