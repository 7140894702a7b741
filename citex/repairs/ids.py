"""Identifier repairs: DOIs and PubMed ids."""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..model import Record
from ..registry import REPAIRS

DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(
    r"^\s*(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|doi\s*:?\s*|urn:doi:)+", re.I)
_DOI_IN_URL = re.compile(r"^(?:https?://)?(?:dx\.|www\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.I)
_PUBMED_URL = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d+)/?$",
    re.I)


def bare_doi(value: str) -> str | None:
    """The bare DOI inside a URL, prefixed, spaced or punctuated form, or None if there is none."""
    doi = _DOI_PREFIX.sub("", value.strip())
    if "%" in doi:
        doi = unquote(doi)
    doi = "".join(doi.split()).rstrip(".,;")  # spaces dropped: as re.sub(r"\s+", ""), \s is str.isspace
    return doi if DOI_SHAPE.match(doi) else None


# Matches (at the start) any DOI that ``bare_doi`` would change or reject: all but a
# bare DOI with no '%', space or trailing '.,;'.
UNCLEAN_DOI = re.compile(r"\A(?!10\.\d{4,9}/[^\s%]*[^\s%.,;]\Z)")


@REPAIRS.register("doi-bare", confidence=1.0, reads=("DOI",), clue=UNCLEAN_DOI.match)
def doi_bare(rec: Record) -> None:
    """A DOI written as a URL, with a 'doi:' prefix, spaces or trailing punctuation becomes bare."""
    doi = rec.get("DOI")
    if not doi:
        return
    bare = bare_doi(doi)
    if bare is None:
        rec.report("warning", "doi-invalid", f"'{doi}' does not look like a DOI; kept as is", "Citation")
    else:
        rec.fix("DOI", bare, rule="doi-bare")


@REPAIRS.register("doi-from-url", confidence=1.0, reads=("URL",))
def doi_from_url(rec: Record) -> None:
    """A record with no DOI whose URL is a doi.org link gets the DOI from it."""
    m = _DOI_IN_URL.match(rec.get("URL") or "")
    if m and not rec.get("DOI"):
        rec.fix("DOI", unquote(m.group(1)).rstrip(".,;"), rule="doi-from-url")


@REPAIRS.register("pmid-from-link", confidence=1.0, reads=("URL",))
def pmid_from_link(rec: Record) -> None:
    """A record with no PMID whose link is a PubMed page gets the PMID from it."""
    m = _PUBMED_URL.match(rec.get("URL") or "")
    if m and not rec.get("PMID"):
        rec.fix("PMID", m.group(1), rule="pmid-from-link")


# ---------------------------------------------------------------- a DOI in another field

_DOI_IN_TEXT = re.compile(r"(?:doi\s*:?\s*|doi\.org/)?(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_DOI_IN_PATH = re.compile(r"^https?://[^/]+/(?:[\w.-]+/)*?(?:doi|abs|full|pdf|epdf)/(?:abs/|full/|pdf/)?"
                          r"(10\.\d{4,9}/[^\s?#]+)", re.I)


@REPAIRS.register("doi-from-field", confidence=0.9, reads=("note", "URL"))
def doi_from_field(rec: Record) -> None:
    """A record with no DOI whose note holds one ('doi: 10.1/x'), or whose publisher URL has one in
    its path ('.../doi/10.1/x'), gets it in the DOI field; the DOI leaves the note."""
    if rec.get("DOI"):
        return
    note = rec.get("note")
    m = _DOI_IN_TEXT.search(note) if isinstance(note, str) else None
    if m and bare_doi(m.group(1)):
        rec.fix("DOI", bare_doi(m.group(1)), rule="doi-from-field", note="from the note")
        rest = (note[:m.start()] + note[m.end():]).strip(" .;,")
        rec.fix("note", rest or None, rule="doi-from-field")
        return
    m = _DOI_IN_PATH.match(rec.get("URL") or "")
    if m and bare_doi(unquote(m.group(1))):
        rec.fix("DOI", bare_doi(unquote(m.group(1))), rule="doi-from-field", note="from the URL")


# ---------------------------------------------------------------- PubMed, PMC, arXiv

_PMID = re.compile(r"^\s*(?:pmid\s*:?\s*)?(\d{1,9})\s*\.?\s*$", re.I)
_PMCID = re.compile(r"^\s*(?:pmcid\s*:?\s*)?pmc\s*(\d{1,9})\s*\.?\s*$", re.I)
_ARXIV = re.compile(r"^\s*(?:arxiv\s*:\s*|https?://arxiv\.org/(?:abs|pdf)/)?"
                    r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)(?:\.pdf)?\s*$", re.I)


UNCLEAN_PMID = re.compile(r"\A(?!\d{1,9}\Z)")  # matches all but a PMID of bare digits


@REPAIRS.register("pmid-shape", confidence=1.0, reads=("PMID",), clue=UNCLEAN_PMID.match)
def pmid_shape(rec: Record) -> None:
    """A PMID written 'PMID: 33708679' becomes its digits; one that is not a number is reported."""
    pmid = rec.get("PMID")
    if pmid is None:
        return
    m = _PMID.match(str(pmid))
    if m:
        rec.fix("PMID", m.group(1), rule="pmid-shape")
    else:
        rec.report("warning", "pmid-invalid", f"PMID {pmid!r} is not a number; kept as is", "PMID")


@REPAIRS.register("pmcid-shape", confidence=0.95, reads=("PMCID",))
def pmcid_shape(rec: Record) -> None:
    """A PMCID written 'pmc123' or 'PMCID: PMC123' becomes 'PMC123'; bare digits are reported (some
    exports put the PMID there)."""
    pmcid = rec.get("PMCID")
    if pmcid is None:
        return
    m = _PMCID.match(str(pmcid))
    if m:
        rec.fix("PMCID", f"PMC{m.group(1)}", rule="pmcid-shape")
    else:
        rec.report("warning", "pmcid-invalid", f"PMCID {pmcid!r} is not 'PMC' and digits; kept as is",
                   "PMCID")


@REPAIRS.register("arxiv-id", confidence=0.95)
def arxiv_id(rec: Record) -> None:
    """An arXiv id kept with an 'arXiv:' prefix or as an abs/pdf link (in ``number`` of an arXiv
    record, or its BibTeX ``eprint``) becomes the bare id."""
    fields = []
    if "arxiv" in str(rec.get("publisher") or rec.get("container-title") or "").lower():
        fields.append("number")
    for field in fields:
        value = rec.get(field)
        m = _ARXIV.match(value) if isinstance(value, str) else None
        if m:
            rec.fix(field, m.group(1), rule="arxiv-id")
    eprint = rec.extra.get("eprint")
    if eprint and str(rec.extra.get("eprinttype", rec.extra.get("archiveprefix", ""))).lower() == "arxiv":
        m = _ARXIV.match(eprint)
        if not m:
            rec.report("warning", "arxiv-invalid", f"eprint {eprint!r} is not an arXiv id", "eprint")
