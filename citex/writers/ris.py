"""RIS: ``XX  - value`` lines per record, closed by ``ER  - `` and a blank line.

Which tags are written, and in what order, is ``templates/ris.j2``. Tag
choices that reference managers read back:

- ``AN`` (accession number) holds the PMID: EndNote fills its Accession Number
  with the PMID when it imports from PubMed and writes it back as ``AN``; Zotero
  keeps ``AN`` in "Loc. in Archive". ``M1`` is not used: Zotero reads ``M1`` of a
  journal article as its issue.
- ``C2`` holds the PMCID of journal articles (RIS 2011 and EndNote: JOUR's
  Custom 2 is the PMCID). For other types ``C2`` means something else, so it is
  written for ``JOUR`` only.
- ``T2`` is the container for every type; periodicals also get ``JO`` (full
  name) and ``J2`` (abbreviation), which older readers look for.
"""

from __future__ import annotations

from typing import Any

from ..model import Record
from ..registry import WRITERS
from .templated import TemplatedWriter

# CSL type -> RIS type (TY). Anything else is GEN.
TYPES = {
    "article": "JOUR",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "bill": "BILL",
    "book": "BOOK",
    "chapter": "CHAP",
    "dataset": "DATA",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "graphic": "ART",
    "legal_case": "CASE",
    "legislation": "STAT",
    "manuscript": "MANSCPT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "paper-conference": "CONF",
    "patent": "PAT",
    "post-weblog": "BLOG",
    "report": "RPRT",
    "review": "JOUR",
    "software": "COMP",
    "thesis": "THES",
    "webpage": "ELEC",
}
PERIODICALS = frozenset({"JOUR", "MGZN", "NEWS"})


@WRITERS.register("ris", extension=".ris")
class RISWriter(TemplatedWriter):
    """RIS records (UTF-8; read by EndNote, Zotero, Mendeley)."""

    template = "ris.j2"

    def context(self, record: Record) -> dict[str, Any]:
        ris_type = TYPES.get(record.type, "GEN")
        return {"record": record, "key": record.id, "ris_type": ris_type,
                "periodical": ris_type in PERIODICALS}
