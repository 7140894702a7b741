"""MEDLINE/PubMed tags and PubMed XML elements -> CSL variables, as data.

Both PubMed exports describe the same NLM record, so the MEDLINE reader
(``.nbib``) and the PubMed XML reader share the publication-type table.
Neither format is written by citex, so the tables run one way.
Tags are NLM's (https://www.nlm.nih.gov/bsd/mms/medlineelements.html);
the ERIC database exports the same layout with a few tags of its own.
"""

# Every tag NLM and ERIC write. A known tag is read however it is padded
# ("TI-", "ISSN - "); an unknown one only in the standard layout (4 wide, then "-").
KNOWN_TAGS = frozenset(
    "AB AD AID AU AUID BTI CDAT CI CIN CN COIS CON CP CRDT CRF CRI CTDT CTI DA DCOM DDIN DEP DP "
    "DRDT ECF ECI ED EDAT EFR EIN EN FAU FED FIR FPS GN GR GS IP IR IRAD IS ISBN ISSN JID JT LA "
    "LID LR MH MHDA MID NM NR OAB OABL OCI OID ORI OT OTO OWN PB PG PHST PL PMC PMCR PMID PRIN "
    "PROF PS PST PT PUBM RF RIN RN ROF RPF RPI SB SFM SI SO SPIN STAT TA TI TT UIN UOF VI VTI".split()
)

# MEDLINE tag -> CSL variable, for tags whose value is copied as it stands.
# A repeated tag is joined with a space (TI, BTI) or a newline (AB).
TEXT_TAGS = {
    "TI": "title",
    "AB": "abstract",
    "VI": "volume",
    "IP": "issue",
    "PG": "page",
    "LA": "language",
    "TA": "container-title-short",
    "JT": "container-title",
    "EN": "edition",
    "CTI": "collection-title",
    "VTI": "volume-title",
    "PB": "publisher",
    "PL": "publisher-place",  # a book's place; for journals the country, kept in extra
}
JOIN_WITH_SPACE = frozenset({"TI", "BTI", "CTI", "VTI", "JT"})

# Name tags: tag -> (CSL variable, form). "full" is "Family, Given" (FAU, FED,
# and ERIC's AU); "short" is "Family Initials" (AU, ED); "literal" an organisation.
NAME_TAGS = {
    "FAU": ("author", "full"),
    "AU": ("author", "short"),
    "CN": ("author", "literal"),
    "FED": ("editor", "full"),
    "ED": ("editor", "short"),
}
# A short form right after its full form names the same person.
FULL_OF = {"AU": "FAU", "ED": "FED"}

DATE_TAGS = {"DP": "issued", "DEP": "available-date"}

# Identifier suffixes of LID and AID lines: "10.1/x [doi]", "S0092-8674(93)90676-H [pii]".
ID_SUFFIXES = {"doi": "DOI"}
BOOKSHELF_URL = "https://www.ncbi.nlm.nih.gov/books/{}/"  # a "[bookaccession]" id (NBK22)

# Keyword tags: MeSH headings and other terms. CSL has one ``keyword`` string;
# MeSH headings contain commas ("Sequence Homology, Amino Acid"), so terms are
# joined with a semicolon.
KEYWORD_TAGS = ("MH", "OT")
KEYWORD_SEPARATOR = "; "

# ERIC exports: ISSN and ISBN come as 4-letter tags with a prefix ("EISSN-2375-5636").
ERIC_NUMBER_TAG = "OID"

# Publication type (MEDLINE PT, XML PublicationType) -> CSL type. The first row
# that any of the record's types matches wins, so more telling types come first.
# A row matches a type equal to it or starting with it and " - " (ERIC's
# "Reports - Research"). Records that match no row are journal articles when they
# name a journal, else "article". "Review" (a review article) stays a journal
# article: CSL's "review" is a review *of* another work.
PUBLICATION_TYPES = (
    ("Preprint", "article"),  # PubMed adds "Journal Article" to preprints too
    ("Book Chapter", "chapter"),
    ("Newspaper Article", "article-newspaper"),
    ("Journal Article", "article-journal"),
    ("Journal Articles", "article-journal"),  # ERIC
    ("Book", "book"),
    ("Books", "book"),  # ERIC
    ("Dataset", "dataset"),
    ("Legislation", "legislation"),
    ("Patent", "patent"),
    ("Dissertations/Theses", "thesis"),  # ERIC
    ("Academic Dissertation", "thesis"),
    ("Technical Report", "report"),
    ("Reports", "report"),  # ERIC
    ("Guides", "report"),  # ERIC
    ("Speeches/Meeting Papers", "speech"),  # ERIC
    ("Video-Audio Media", "motion_picture"),
    ("Webcast", "broadcast"),
)
# Types whose journal (JT) is their container; for the rest JT names a publisher
# (ERIC writes an institution or a dissertation service there).
PERIODICAL_TYPES = frozenset({"article", "article-journal", "article-magazine", "article-newspaper"})

# PubMed XML: ArticleId/ELocationID IdType -> CSL variable. Other id types go to extra.
XML_ID_TYPES = {"doi": "DOI", "pmc": "PMCID", "pubmed": "PMID"}
# PubMed XML elements copied as they stand: path below the record's Article
# (or BookDocument/Book) element -> CSL variable.
XML_TEXT_PATHS = {
    "Journal/Title": "container-title",
    "Journal/ISOAbbreviation": "container-title-short",
    "Journal/JournalIssue/Volume": "volume",
    "Journal/JournalIssue/Issue": "issue",
    "Publisher/PublisherName": "publisher",
    "Publisher/PublisherLocation": "publisher-place",
    "CollectionTitle": "collection-title",
    "VolumeTitle": "volume-title",
    "Volume": "volume",
    "Edition": "edition",
    "Medium": "medium",
}
# Inline markup PubMed XML allows in titles and abstracts -> CSL-JSON rich text.
# <u> has no CSL rich-text form: its text is kept, the underline dropped.
XML_MARKUP = {"i": "i", "b": "b", "sup": "sup", "sub": "sub"}
