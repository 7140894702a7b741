"""Shared helpers for the repair rule tests: run one rule on a record made of fields."""

from citex.model import Record, Source
from citex.registry import REPAIRS


def run(rule, record_type="article-journal", source="pubmed-text", **fields):
    rec = Record(type=record_type, fields=dict(fields), source=Source(source))
    REPAIRS.get(rule)(rec)
    return rec


def fields_of(**kw):
    """Keyword names with '_' for CSL's '-' (container_title -> container-title)."""
    return {k.replace("_", "-") if k not in ("DOI", "PMID", "PMCID", "ISBN", "ISSN") else k: v
            for k, v in kw.items()}
