"""One in-text citation cluster (``(Shah et al., 2020; Li, 2009a)``, ``[1–3]``) through citeproc-py.

citeproc-py renders a cluster by joining its cites with the layout delimiter;
it ignores the citation's ``collapse`` option. This module renders each cite
with citeproc-py's layout, then joins them itself so that consecutive citation
numbers collapse into ranges where the style asks (``collapse="citation-number"``).
Position tests (``first``, ``subsequent``, ``ibid``) see the cites of the
earlier clusters of the same document, as in citeproc-py.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from .errors import CitexError
from .model import Record

RANGE = "\u2013"  # en dash: "1–3", as citeproc-js prints it


def registered(style: Any, records: list[Record], sort: bool = True) -> Any:
    """A citeproc-py bibliography of ``records``, whose item ids are "r0", "r1"... by position.

    Registered in list order, so the citation numbers of an unsorted (numeric)
    style follow the order of ``records``, as they do in the written bibliography;
    then sorted by the style (unless ``sort`` is false: sorting costs the most).
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography

    from . import csl_markup
    from .writers.csl import _source

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="citeproc")
        bib = CitationStylesBibliography(style, _source(records), csl_markup)
        for n in range(len(records)):
            bib.register(Citation([CitationItem(f"r{n}")]))
        try:
            if sort:
                bib.sort()
        except Exception as exc:  # as the bibliography writers report it
            raise CitexError(f"cannot sort the bibliography: {type(exc).__name__}: {exc}",
                             code="format-failed") from None
    return bib


class ClusterRenderer:
    """Renders the clusters of one document, in order, against one registered bibliography."""

    def __init__(self, bibliography: Any, each: Callable[[str, str], str] | None = None):
        self.bibliography = bibliography  # citeproc-py CitationStylesBibliography, sorted
        self.each = each  # (item id, rendered cite) -> cite: a last touch to each cite
        self.citation = bibliography.style.root.citation
        self.cites: list[Any] = []  # every cite rendered so far: positions depend on them

    def render(self, keys: list[str]) -> str:
        """The marked-up cluster for citeproc item ids ``keys`` (each registered beforehand)."""
        from citeproc import Citation, CitationItem

        citation = Citation([CitationItem(key) for key in dict.fromkeys(keys)])
        citation.bibliography = self.bibliography
        layout = self.citation.layout
        self.citation.cites = self.cites
        parts = []
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="citeproc")  # "unsupported argument" noise
            for item in self._ordered(citation.cites):
                layout.repressed = {}
                text = layout.render_children(item)
                if text is not None:
                    text = self.each(item.key, str(text)) if self.each else str(text)
                    parts.append((item, text))
                    self.cites.append(item)
        if self.citation.get_option("collapse") == "citation-number":
            joined = layout.join(collapse_numbers(parts))
        else:
            joined = layout.join(text for _, text in parts)
        return str(layout.format(layout.wrap(joined))) if parts else ""

    def _ordered(self, items: list[Any]) -> list[Any]:
        """Bibliography order, then the citation's own ``<sort>`` if it has one."""
        order = self.bibliography.keys
        items = sorted(items, key=lambda item: order.index(item.key))
        sort = self.citation.find("cs:sort", self.citation.nsmap)
        return sort.sort(items, self.citation.layout) if sort is not None else items


def collapse_numbers(parts: list[tuple[Any, str]]) -> list[str]:
    """Runs of three or more consecutive citation numbers as one range (``1–3``), the rest as they are.

    A cite with a locator, prefix or suffix ends a run: ``[1–3, 4, p. 5]`` keeps what it adds.
    The range joins the first and last cites as rendered, so ``[1]–[3]`` in styles that
    bracket each number (IEEE), as citeproc-js does.
    """
    out: list[str] = []
    run: list[str] = []
    last = None
    for item, text in parts:
        plain = not any(k in item for k in ("locator", "prefix", "suffix"))
        if plain and last is not None and run and item.number == last + 1:
            run.append(text)
        else:
            out += _closed(run)
            run = [text] if plain else []
            if not plain:
                out.append(text)
        last = item.number if plain else None
    return out + _closed(run)


def _closed(run: list[str]) -> list[str]:
    return [run[0] + RANGE + run[-1]] if len(run) >= 3 else run
