"""Citation-mode fixtures of the CSL test suite through ``citex.citations.cite``.

A fixture's clusters are its ``CITATION-ITEMS`` (one output line a cluster), or,
without them, all its items in one cluster, as the suite's own runner does.
``CITATIONS`` gives clusters that citeproc-js processed one at a time, each put
between clusters it names; its RESULT shows the final document's clusters as
``..[n] text``, with ``>>[n]`` for the one the last entry added and those whose
text that changed. citex renders the document before and after the last entry
to tell which changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass
class Step:
    """The document after one CITATIONS entry: its clusters in order, with their ids and notes."""

    current: str  # the id of the citation this entry added or changed
    ids: list[str]
    clusters: list[list[dict[str, Any]]]
    notes: list[int]


def steps(sections: dict[str, str]) -> list[Step]:
    """The document after each entry of CITATIONS.

    An entry is ``[citation, before, after]``: the citation goes between the
    clusters listed in ``before`` and ``after`` (``[id, note number]`` each, the
    numbers as they now are); one with the id of an earlier one replaces it.
    """
    by_id: dict[str, list[dict[str, Any]]] = {}
    out: list[Step] = []
    for n, (citation, before, after) in enumerate(json.loads(sections["CITATIONS"])):
        key = str(citation.get("citationID", f"#{n}"))
        by_id[key] = [{**cite, "id": str(cite.get("id"))} for cite in citation.get("citationItems", [])]
        note = int((citation.get("properties") or {}).get("noteIndex") or 0)
        placed = [(str(i), int(k or 0)) for i, k in before] + [(key, note)] + [(str(i), int(k or 0)) for i, k in after]
        out.append(Step(key, [i for i, _ in placed], [by_id[i] for i, _ in placed], [k for _, k in placed]))
    return out


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
    *earlier, last = steps(sections)
    after = [to_html(c) for c in cite(records, last.clusters, style, locale, last.notes).clusters]
    before: dict[str, str] = {}
    if earlier and earlier[-1].clusters:
        shown = cite(records, earlier[-1].clusters, style, locale, earlier[-1].notes).clusters
        before = dict(zip(earlier[-1].ids, (to_html(c) for c in shown)))
    marks = [".." if key != last.current and before.get(key) == text else ">>"
             for key, text in zip(last.ids, after)]
    return "\n".join(f"{mark}[{n}] {text}" for n, (mark, text) in enumerate(zip(marks, after)))
