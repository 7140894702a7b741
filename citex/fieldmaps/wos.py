"""Web of Science tagged export (also Zoological Record, CABI, BIOSIS, Inspec): tags <-> CSL.

Clarivate's field tags (https://images.webofknowledge.com/images/help/WOS/hs_wos_fieldtags.html).
Only the reader uses these tables; tags with no entry here are kept in ``extra``.
"""

# PT (publication type) -> CSL type, used when DT does not decide.
PUBLICATION_TYPES = {
    "J": "article-journal",
    "B": "book",
    "S": "chapter",  # a part of a book series (Annual Review of ..., Lecture Notes in ...)
    "P": "patent",
    "C": "paper-conference",
}

# DT (document type, lower case) -> CSL type, overriding PT. Types not listed follow PT.
DOCUMENT_TYPES = {
    "proceedings paper": "paper-conference",
    "meeting abstract": "paper-conference",
    "conference paper": "paper-conference",
    "book chapter": "chapter",
    "book": "book",
    "book review": "review-book",
    "patent": "patent",
    "thesis": "thesis",
    "dissertation": "thesis",
    "data paper": "article-journal",
    "data set": "dataset",
    "software review": "review",
}

# One-to-one tags: tag -> CSL variable.
VARIABLES = {
    "TI": "title",
    "SE": "collection-title",
    "VL": "volume",
    "IS": "issue",
    "PG": "number-of-pages",
    "DI": "DOI",
    "PM": "PMID",
    "BN": "ISBN",
    "AB": "abstract",
    "LA": "language",
    "PU": "publisher",
    "PI": "publisher-place",
    "CT": "event-title",
    "CL": "event-place",
}

# Tags read as people: tag -> CSL name variable (AU/AF, BA/BF and CA are paired in the reader).
EDITOR_TAGS = {"BE": "editor"}

# Tags whose continuation lines are separate items (one name or address a line);
# the lines of every other tag are one wrapped text, joined with spaces.
LINE_TAGS = frozenset({"AU", "AF", "BA", "BF", "BE", "CA", "GP", "C1", "C3", "CR", "EM"})

# The file header and record delimiters, not fields.
STRUCTURE_TAGS = frozenset({"FN", "VR", "ER", "EF"})

MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
SEASONS = {"spr": 1, "sum": 2, "fal": 3, "aut": 3, "win": 4}
