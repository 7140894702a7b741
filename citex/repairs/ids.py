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
    doi = re.sub(r"\s+", "", doi).rstrip(".,;")
    return doi if DOI_SHAPE.match(doi) else None


@REPAIRS.register("doi-bare")
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


@REPAIRS.register("doi-from-url")
def doi_from_url(rec: Record) -> None:
    """A record with no DOI whose URL is a doi.org link gets the DOI from it."""
    m = _DOI_IN_URL.match(rec.get("URL") or "")
    if m and not rec.get("DOI"):
        rec.fix("DOI", unquote(m.group(1)).rstrip(".,;"), rule="doi-from-url")


@REPAIRS.register("pmid-from-link")
def pmid_from_link(rec: Record) -> None:
    """A record with no PMID whose link is a PubMed page gets the PMID from it."""
    m = _PUBMED_URL.match(rec.get("URL") or "")
    if m and not rec.get("PMID"):
        rec.fix("PMID", m.group(1), rule="pmid-from-link")
