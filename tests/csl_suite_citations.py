"""Citation-mode fixtures of the CSL test suite through ``citex.citations.cite``.

A fixture's clusters are its ``CITATION-ITEMS`` (one output line a cluster), or,
without them, all its items in one cluster, as the suite's own runner does.
Fixtures that give ``CITATIONS`` (clusters processed one at a time, with note
numbers, printed with ``..[n]``/``>>[n]`` markers) are not run yet.
"""

from __future__ import annotations

import json
from typing import Any


def supported(sections: dict[str, str]) -> bool:
    return "CITATIONS" not in sections


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
    document = cite(records, clusters(sections, items), style, locale)
    return "\n".join(to_html(cluster) for cluster in document.clusters)
