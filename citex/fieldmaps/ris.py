"""RIS <-> CSL: reference types, tags and the dialects of the tools that write RIS.

One table serves the reader and the writer. ``TYPES`` rows go both ways (the
first row naming a type wins), with a few rows for one direction only. ``TAGS``
rows say which CSL variable a tag holds; a row may be limited to some RIS types
or to some dialects, and both reader and writer use the first row that fits.
Rows marked ``write`` are the tags the writer writes, in this order. Sources:
the RIS specification (2011), EndNote's and Reference Manager's tag lists,
Zotero's RIS import tests, and what the exports in the shared corpus hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# (RIS type, CSL type), both ways; when a type appears twice the first row wins.
TYPES = [
    ("JOUR", "article-journal"), ("MGZN", "article-magazine"), ("NEWS", "article-newspaper"),
    ("BOOK", "book"), ("CHAP", "chapter"), ("CONF", "paper-conference"), ("THES", "thesis"),
    ("RPRT", "report"), ("ELEC", "webpage"), ("BLOG", "post-weblog"), ("DATA", "dataset"),
    ("COMP", "software"), ("PAT", "patent"), ("CASE", "legal_case"), ("STAT", "legislation"),
    ("BILL", "bill"), ("MAP", "map"), ("MPCT", "motion_picture"), ("ART", "graphic"),
    ("MANSCPT", "manuscript"), ("DICT", "entry-dictionary"), ("ENCYC", "entry-encyclopedia"),
    ("GEN", "document"),
]
# Written only: CSL types without a RIS type of their own.
WRITE_ONLY_TYPES = [("JOUR", "article"), ("JOUR", "review"), ("JOUR", "review-book")]
# Read only: RIS 2011 and EndNote types that share a CSL type with one above, or whose
# CSL type is written as GEN (a reader of ours gets the type back; others may not know it).
READ_ONLY_TYPES = [
    ("ABST", "article-journal"), ("INPR", "article-journal"), ("EJOUR", "article-journal"),
    ("JFULL", "article-journal"), ("EBOOK", "book"), ("EDBOOK", "book"), ("SER", "book"),
    ("ECHAP", "chapter"), ("CPAPER", "paper-conference"), ("WEB", "webpage"),
    ("UNPB", "manuscript"), ("ADVS", "motion_picture"), ("VIDEO", "motion_picture"),
    ("SOUND", "song"), ("MUSIC", "musical_score"), ("CHART", "graphic"), ("FIGURE", "figure"),
    ("SLIDE", "speech"), ("PCOMM", "personal_communication"),
    ("ICOMM", "personal_communication"), ("PAMP", "pamphlet"), ("GOVDOC", "report"),
    ("STAND", "standard"), ("LEGAL", "legislation"), ("UNBILL", "bill"), ("HEAR", "hearing"),
    ("AGGR", "dataset"), ("DBASE", "dataset"), ("ANCIENT", "classic"), ("CLSWK", "classic"),
    ("CTLG", "document"), ("EQUA", "document"), ("GRANT", "document"), ("GRNT", "document"),
    ("MULTI", "document"), ("INTV", "interview"), ("POD", "broadcast"), ("PRESS", "report"),
    ("UNPD", "manuscript"),
]
CSL_TYPE: dict[str, str] = {}  # RIS type -> CSL type
RIS_TYPE: dict[str, str] = {}  # CSL type -> RIS type
for _ris, _csl in TYPES + READ_ONLY_TYPES:
    CSL_TYPE.setdefault(_ris, _csl)
for _ris, _csl in TYPES + WRITE_ONLY_TYPES:
    RIS_TYPE.setdefault(_csl, _ris)
GENERIC = "GEN"  # for a CSL type not in the table, and read as CSL "document"

# Groups of RIS types that some rows are limited to.
JOURNAL = frozenset({"JOUR", "ABST", "INPR", "EJOUR", "JFULL"})
PERIODICAL = JOURNAL | {"MGZN", "NEWS"}
WHOLE_BOOK = frozenset({"BOOK", "EBOOK", "EDBOOK", "SER"})  # BT is the title
SERIES_T2 = WHOLE_BOOK | {"RPRT", "COMP", "MAP", "MPCT", "VIDEO", "ADVS"}  # T2 is the series
PROCEEDINGS = frozenset({"CONF"})  # EndNote: C3 the proceedings, T2 the conference


@dataclass(frozen=True)
class Tag:
    """One tag's meaning: the CSL variable it fills and how its value is read.

    ``kind`` says how: ``text`` (one line), ``para`` (keeps line breaks), ``name``
    (one person a line), ``date``, ``page`` (SP/EP), ``list`` (one keyword a
    value), ``serial`` (ISSN or ISBN by shape), ``accession`` (AN: a PMID or a
    database's own number), ``note`` (N1: labelled identifiers are pulled out),
    ``key`` (the record's own id) or ``extra`` (kept verbatim, no CSL home).
    ``fallback`` takes the value when ``var`` already holds a different one.
    """

    tag: str
    var: str | None
    kind: str = "text"
    types: frozenset[str] | None = None
    dialects: frozenset[str] | None = None
    write: bool = False
    fallback: str | None = None

    def fits(self, ris_type: str, dialect: str | None) -> bool:
        return ((self.types is None or ris_type in self.types)
                and (self.dialects is None or dialect in self.dialects))


def _only(*names: str) -> frozenset[str]:
    return frozenset(names)


# Read priority among tags filling the same variable is the order of the rows;
# the writer writes the ``write`` rows in this order (each one for the types it fits).
TAGS = [
    Tag("ID", None, "key", write=True),
    Tag("AU", "author", "name", write=True),
    Tag("A1", "author", "name"),
    Tag("A2", "authority", types=_only("PAT")),  # the issuing office, not a person
    Tag("A2", "editor", "name", write=True),
    Tag("ED", "editor", "name"),
    Tag("A3", "collection-editor", "name"),
    Tag("A4", "translator", "name"),
    Tag("BT", "title", types=WHOLE_BOOK),
    Tag("TI", "title", write=True),
    Tag("T1", "title"),
    Tag("CT", "title"),
    Tag("BT", "container-title"),
    Tag("C3", "container-title", types=PROCEEDINGS),
    Tag("T2", "collection-title", types=SERIES_T2, write=True),
    Tag("T2", None, "extra", types=_only("THES", "ART", "FIGURE", "CHART")),  # department, program
    Tag("T2", "section", types=_only("HEAR")),  # the committee
    Tag("T2", "container-title", types=PROCEEDINGS, write=True, fallback="event-title"),
    Tag("T2", "container-title", write=True),
    Tag("JF", "container-title", types=PERIODICAL),
    Tag("JO", "container-title", types=PERIODICAL, write=True, fallback="container-title-short"),
    Tag("J2", "container-title-short", write=True),
    Tag("JF", "container-title"),
    Tag("JO", "container-title", fallback="container-title-short"),
    Tag("JA", "container-title-short"),
    Tag("J1", "container-title-short"),
    Tag("JI", "container-title-short", dialects=_only("wos")),
    Tag("T3", "collection-title", types=SERIES_T2),  # read, but the series is written as T2
    Tag("T3", "collection-title", write=True),
    Tag("ST", "title-short"),
    Tag("PY", "issued", "date", write=True),
    Tag("DA", "issued", "date", write=True),
    Tag("Y1", "issued", "date"),
    Tag("Y2", "accessed", "date"),
    Tag("VL", "volume", write=True),
    Tag("IS", "issue", write=True),
    Tag("CP", "issue"),
    Tag("SP", "page", "page", write=True),
    Tag("EP", "page", "page", write=True),
    Tag("ET", None, "extra", types=PERIODICAL),  # EndNote keeps the e-pub date there
    Tag("ET", "edition", write=True),
    Tag("PB", "publisher", write=True),
    Tag("PU", "publisher", dialects=_only("wos")),
    Tag("CY", "publisher-place", write=True),
    Tag("PP", "publisher-place"),
    Tag("PI", "publisher-place", dialects=_only("wos")),
    Tag("SN", None, "serial", write=True),
    Tag("DO", "DOI", write=True),
    Tag("L3", "DOI", dialects=_only("ebsco")),  # EBSCO's DOI tag
    Tag("AN", "PMID", "accession", write=True),
    Tag("C2", "PMCID", types=JOURNAL, write=True),  # other types use C2 for other things
    Tag("C5", "PMID", dialects=_only("embase")),
    Tag("KW", "keyword", "list", write=True),
    Tag("AB", "abstract", "para", write=True),
    Tag("N2", "abstract", "para"),
    Tag("UR", "URL", write=True),
    Tag("L2", "URL"),
    Tag("LK", "URL"),
    Tag("N1", "note", "note"),
    Tag("LA", "language"),
    Tag("M3", "genre"),
    Tag("DB", "archive"),
    Tag("DP", "source"),
    Tag("CN", "call-number"),
    Tag("NV", "number-of-volumes"),
    Tag("SE", "section"),
]

ROWS: dict[str, list[Tag]] = {}
for _row in TAGS:
    ROWS.setdefault(_row.tag, []).append(_row)
WRITE_ORDER = list(dict.fromkeys(row.tag for row in TAGS if row.write))
PRIORITY = {id(row): i for i, row in enumerate(TAGS)}  # among tags filling one variable


@lru_cache(maxsize=4096)
def row_for(tag: str, ris_type: str, dialect: str | None = None) -> Tag | None:
    """What ``tag`` means in a record of ``ris_type`` from ``dialect``: the first row that fits."""
    return next((row for row in ROWS.get(tag, ()) if row.fits(ris_type, dialect)), None)


# Tags of the RIS specification and of the common exporters: written in a form other
# than "XX  - " (one space, a tab), a line is still taken as a tag only for these.
KNOWN_TAGS = frozenset(ROWS) | frozenset(
    "TY ER AD AV C1 C3 C4 C6 C7 C8 CA H1 H2 J9 L1 L4 LB M1 M2 M4 NL OP RI RN RP "
    "TA TT U1 U2 U3 U4 U5 UK WE Y3".split())

# Where a tool shows itself: (dialect, tag, pattern matched at the start of the tag's value).
# When several show, the first row wins: the tool that wrote the file (Zotero, EndNote)
# before the database it took the record from.
DIALECT_SIGNS = [
    ("zotero", "DA", r"\d{4}/(?:\d\d)?/(?:\d\d)?/$"),  # only Zotero ends DA with a slash
    ("zotero", "Y2", r"\d{4}/\d\d/\d\d/T?\d\d:\d\d"),
    ("endnote", "DP", r"NLM$"),  # EndNote's PubMed connection
    ("mendeley", "L1", r".*[Mm]endeley"),
    ("citavi", "M4", r"Citavi"),
    ("wos", "AN", r"WOS:"), ("wos", "UT", r"WOS:"), ("wos", "DB", r"Web of Science"),
    ("scopus", "DB", r"Scopus"), ("scopus", "UR", r"https?://www\.scopus\.com/"),
    ("scopus", "N1", r"Export Date:"),
    ("embase", "DB", r"Embase"), ("embase", "UR", r"https?://www\.embase\.com/"),
    ("ovid", "DB", r"Ovid"), ("ovid", "UR", r".*ovidsp\.ovid\.com"),
    ("ovid", "L2", r".*ovidsp\.ovid\.com"),
    ("proquest", "DB", r"ProQuest"), ("proquest", "DP", r"ProQuest"),
    ("proquest", "UR", r"https?://(?:search|www)\.proquest\.com/"),
    ("ebsco", "DP", r"EBSCO"), ("ebsco", "UR", r".*ebscohost\.com/"),
    ("dimensions", "UR", r"https?://app\.dimensions\.ai/"),
    ("lens", "UR", r"https?://(?:www\.)?lens\.org/"),
    ("rayyan", "AN", r"rayyan-"),
]
SIGNS_BY_TAG: dict[str, list[tuple[int, str, re.Pattern[str]]]] = {}
for _rank, (_dialect, _tag, _sign) in enumerate(DIALECT_SIGNS):
    SIGNS_BY_TAG.setdefault(_tag, []).append((_rank, _dialect, re.compile(_sign)))

# A bare-number AN is the PubMed id (EndNote, and citex, write it there), except from these
# databases, whose own accession numbers look the same; and when DB/DP name a database,
# only PubMed, MEDLINE or NLM (Ovid MEDLINE's AN is the PMID, Embase's is its own).
AN_NOT_PMID = frozenset({"ebsco", "proquest"})
# A database named in DB/DP whose accession numbers are PubMed ids.
PUBMED_DATABASE = re.compile(r"\b(?:NLM|PubMed|MEDLINE)\b", re.I)


# What each target's RIS looks like, as changes to the tags above (which are what Zotero
# reads and writes). EndNote reads T2 as the journal and takes JO for an alternate
# journal, so JO is left out; Reference Manager (the RIS 2001 tag set) knows T1, A1,
# Y1 and N2 rather than TI, AU, PY/DA and AB. Every choice reads back in citex's reader.
WRITE_DIALECTS: dict[str, dict[str, object]] = {
    "zotero": {"rename": {}, "drop": frozenset()},
    "endnote": {"rename": {}, "drop": frozenset({"JO"})},
    "refman": {"rename": {"TI": "T1", "AU": "A1", "A2": "A2", "DA": "Y1", "AB": "N2"},
               "drop": frozenset({"PY"})},
}

