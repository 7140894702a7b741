"""Citation-mode fixtures of the CSL test suite through ``citex.citations.cite``.

A fixture's clusters are its ``CITATION-ITEMS`` (one output line a cluster), or,
without them, all its items in one cluster, as the suite's own runner does.
``CITATIONS`` gives clusters that citeproc-js processed one at a time; its RESULT
shows each cluster as ``..[n] text``, with ``>>[n]`` for those the last one
added or changed. citex renders the document before and after the last cluster
to tell which changed (note numbers are not used).
"""

from __future__ import annotations

import json
from typing import Any


def _incremental(sections: dict[str, str]) -> list[list[dict[str, Any]]]:
    """The clusters of CITATIONS in document order; a later one with the same id replaces it."""
    by_id: dict[str, list[dict[str, Any]]] = {}
    for citation, *_ in json.loads(sections["CITATIONS"]):
        cites = [{**cite, "id": str(cite.get("id"))} for cite in citation.get("citationItems", [])]
        by_id[str(citation.get("citationID", len(by_id)))] = cites
    return list(by_id.values())


def clusters(sections: dict[str, str], items: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    if "CITATION-ITEMS" in sections:
        return [[{**cite, "id": str(cite.get("id"))} for cite in group]
                for group in json.loads(sections["CITATION-ITEMS"])]
    return [[{"id": str(item.get("id"))} for item in items]]


def render(sections: dict[str, str], items: list[dict[str, Any]], style: str, locale: str) -> str:
    """The fixture's clusters as citex renders them in HTML, one a line."""
    from citex.citations import cite
    from citex.csl_markup import to_html
    from citex.model import Record

    records = []
    for item in items:
        record = Record.from_csl(item)
        record.id = str(item.get("id"))
        records.append(record)
    if "CITATIONS" not in sections:
        document = cite(records, clusters(sections, items), style, locale)
        return "\n".join(to_html(cluster) for cluster in document.clusters)
    groups = _incremental(sections)
    after = [to_html(c) for c in cite(records, groups, style, locale).clusters]
    before = [to_html(c) for c in cite(records, groups[:-1], style, locale).clusters] if groups[:-1] else []
    marks = [">>" if n == len(after) - 1 or n >= len(before) or before[n] != text else ".."
             for n, text in enumerate(after)]
    return "\n".join(f"{mark}[{n}] {text}" for n, (mark, text) in enumerate(zip(marks, after)))
