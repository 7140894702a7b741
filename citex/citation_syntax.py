"""Citation clusters written by hand: plain keys (``shah2020, li2009``) or pandoc's syntax.

Pandoc's form carries what a cite adds: ``[see @shah2020, p. 12; @li2009, chap. 3]``
gives the cites ``{"id": "shah2020", "prefix": "see ", "locator": "12", "label": "page"}``
and ``{"id": "li2009", "locator": "3", "label": "chapter"}``; text after the key that
starts with no locator term is the cite's suffix. Plain keys are separated by commas,
semicolons or spaces.
"""

from __future__ import annotations

import re
from typing import Any

_KEY_SEPARATORS = re.compile(r"[\s,;]+")
_PANDOC_CITE = re.compile(r"^(?P<prefix>.*?)-?@(?P<key>[\w:.#$%&+?<>~/-]*\w)(?P<rest>.*)$", re.S)
_LABELS = {  # the abbreviations people write -> CSL locator types
    "p": "page", "pp": "page", "page": "page", "pages": "page",
    "chap": "chapter", "chaps": "chapter", "chapter": "chapter", "chapters": "chapter",
    "sec": "section", "secs": "section", "section": "section", "sections": "section", "§": "section",
    "§§": "section", "fig": "figure", "figs": "figure", "figure": "figure", "figures": "figure",
    "vol": "volume", "vols": "volume", "volume": "volume", "volumes": "volume",
    "para": "paragraph", "paras": "paragraph", "paragraph": "paragraph", "¶": "paragraph",
    "l": "line", "ll": "line", "line": "line", "lines": "line", "n": "note", "nn": "note",
    "note": "note", "notes": "note", "col": "column", "cols": "column", "column": "column",
    "bk": "book", "book": "book", "pt": "part", "part": "part", "tbl": "table", "table": "table",
    "v": "verse", "vv": "verse", "verse": "verse", "no": "issue", "nos": "issue",
}
_LOCATOR = re.compile(r"^\s*,?\s*(?P<label>[^\W\d]+|§§?|¶)\.?\s*(?P<locator>[\w\u2013,–-]*\d[\w\u2013–-]*"
                      r"(?:\s*[,&]\s*[\w\u2013–-]*\d[\w\u2013–-]*)*)(?P<suffix>.*)$", re.S)


def parse_cluster(text: str) -> list[Any]:
    """One cluster: a list of keys, or of cite items (dicts) where pandoc's syntax adds to a key."""
    text = text.strip()
    if "@" not in text:
        return [key for key in _KEY_SEPARATORS.split(text.strip("[]")) if key]
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    cites: list[Any] = []
    for part in text.split(";"):
        m = _PANDOC_CITE.match(part.strip())
        if m:
            cites.append(_cite(m["key"], m["prefix"], m["rest"]))
    return cites


def _cite(key: str, prefix: str, rest: str) -> Any:
    cite: dict[str, str] = {"id": key}
    if prefix.strip():
        cite["prefix"] = prefix.rstrip() + " "
    m = _LOCATOR.match(rest)
    if m and m["label"].lower() in _LABELS:
        cite.update(label=_LABELS[m["label"].lower()], locator=m["locator"].strip())
        rest = m["suffix"]
    if rest.strip(" ,"):
        cite["suffix"] = rest if rest.startswith((",", " ")) else " " + rest
    return key if cite == {"id": key} else cite


def parse_clusters(text: str) -> list[list[Any]]:
    """A document's clusters, one a line; blank lines and lines starting with ``#`` are skipped."""
    clusters = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            cluster = parse_cluster(line)
            if cluster:
                clusters.append(cluster)
    return clusters
