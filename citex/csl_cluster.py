"""One in-text citation cluster (``(Shah et al., 2020; Li, 2009a)``, ``[1–3]``) through citeproc-py.

citeproc-py renders a cluster by joining its cites with the layout delimiter;
it ignores the citation's ``collapse`` option. This module renders each cite
with citeproc-py's layout, then joins them itself so that consecutive citation
numbers collapse into ranges where the style asks (``collapse="citation-number"``).
Cites keep the order given unless the citation has its own ``<sort>``.
Position tests (``first``, ``subsequent``, ``ibid``) see the cites of the
earlier clusters of the same document, as in citeproc-py.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from .csl_collapse import YEAR_MODES, collapse_by_names, collapse_numbers
from .csl_markup import from_rich_text
from .cslfix import leadingterm, positions, quotemarks
from .cslfix.shownames import showing
from .errors import CitexError
from .model import Record


def registered(style: Any, records: list[Record], sort: bool = True) -> Any:
    """A citeproc-py bibliography of ``records``, whose item ids are "r0", "r1"... by position.

    Registered in list order, so the citation numbers of an unsorted (numeric)
    style follow the order of ``records``, as they do in the written bibliography;
    then sorted by the style (unless ``sort`` is false: sorting costs the most).
    """
    from citeproc import CitationStylesBibliography

    from . import csl_markup
    from .cslfix import speed
    from .writers.csl import _source

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="citeproc")
        bib = CitationStylesBibliography(style, _source(records), csl_markup)
        speed.register(bib, [f"r{n}" for n in range(len(records))])  # linear, not quadratic, in N
        try:
            if sort:
                bib.sort()
        except Exception as exc:  # as the bibliography writers report it
            raise CitexError(f"cannot sort the bibliography: {type(exc).__name__}: {exc}",
                             code="format-failed") from None
    return bib


class ClusterRenderer:
    """Renders the clusters of one document, in order, against one registered bibliography."""

    def __init__(self, bibliography: Any, each: Callable[[str, str], str] | None = None,
                 shown: dict[str, Any] | None = None):
        self.bibliography = bibliography  # citeproc-py CitationStylesBibliography, sorted
        self.each = each  # (item id, rendered cite) -> cite: a last touch to each cite
        self.shown = shown  # item id -> cslfix.shownames.Shown: names shown to tell cites apart
        self.citation = bibliography.style.root.citation
        self.cites: list[Any] = []  # every cite rendered so far: citeproc-py's positions depend on them
        self.tracker = positions.Tracker(int(self.citation.get("near-note-distance") or 5))
        self.clusters = 0  # rendered so far
        self.notes = bibliography.style.root.get("class") == "note"  # cites in footnotes: "Ibid."
        positions.install()
        quotemarks.install()
        self.quotes = quotemarks.locale_quotes(self.citation.layout)
        leadingterm.install()

    def render(self, keys: list[str], details: list[dict[str, str]] | None = None, note: int | None = None) -> str:
        """The marked-up cluster for citeproc item ids ``keys`` (each registered beforehand);
        ``details`` gives each cite's ``locator``, ``label``, ``prefix`` and ``suffix`` if any;
        ``note`` the note it is in (0: in the text; None: a note of its own after the last)."""
        from citeproc import Citation

        details = details or [{} for _ in keys]
        citation = Citation([_item(key, d) for key, d in zip(keys, details)])
        citation.bibliography = self.bibliography
        layout = self.citation.layout
        self.citation.cites = self.cites
        cluster, self.clusters = self.clusters, self.clusters + 1
        note = cluster + 1 if note is None else note
        parts, here = [], []
        with warnings.catch_warnings(), showing(self.shown) if self.shown else nullcontext(), \
                leadingterm.marking():
            warnings.filterwarnings("ignore", module="citeproc")  # "unsupported argument" noise
            for item in self._ordered(citation.cites):
                layout.repressed = {}
                locator = (item.locator.label, str(item.locator.identifier)) if "locator" in item else None
                where, first_note = self.tracker.positions(item.key, locator, cluster, note, here)
                with positions.placed(item, where), _first_note(item, first_note):
                    text = _rendered(layout, item)
                if text is not None:
                    prefix = item.get("prefix", "")
                    text = leadingterm.capitalized(str(text), str(prefix), first=not parts and self.notes)
                    text = self.each(item.key, text) if self.each else text
                    parts.append((item, prefix + text + item.get("suffix", "")))
                    self.cites.append(item)
                    here.append(self.tracker.add(item.key, locator, cluster, note))
        collapse = self.citation.get_option("collapse")
        if collapse == "citation-number":
            joined = layout.join(collapse_numbers(parts))
        elif collapse in YEAR_MODES:
            joined = collapse_by_names(parts, self.citation, layout.get("delimiter", ""))
        else:
            joined = _joined(parts, layout.get("delimiter", ""))
        return quotemarks.resolve(str(layout.format(layout.wrap(joined))), *self.quotes) if parts else ""

    def _ordered(self, items: list[Any]) -> list[Any]:
        """The citation's own ``<sort>`` if it has one, else the order given (as citeproc-js)."""
        sort = self.citation.find("cs:sort", self.citation.nsmap)
        return sort.sort(items, self.citation.layout) if sort is not None else items


def _joined(parts: list[tuple[Any, str]], delimiter: str) -> str:
    """The cites joined by the layout's delimiter, but for one whose prefix starts with punctuation
    (", cited in"): that prefix takes the delimiter's place, as in citeproc-js."""
    out = ""
    for n, (item, text) in enumerate(parts):
        if n and str(item.get("prefix", ""))[:1] not in _PUNCTUATION:
            out += delimiter
        out += text
    return out


_PUNCTUATION = (",", ".", ";", ":", "!", "?")


@contextmanager
def _first_note(item: Any, note: int | None) -> Iterator[None]:
    """The item's ``first-reference-note-number`` while its cite renders."""
    if note is None:
        yield
        return
    item.reference["first_reference_note_number"] = str(note)
    try:
        yield
    finally:
        del item.reference["first_reference_note_number"]


def _rendered(layout: Any, item: Any) -> Any:
    try:
        return layout.render_children(item)
    except Exception as exc:  # citeproc-py fails on some styles: one line, as the bibliography writers do
        raise CitexError(f"cannot render a citation in this style: {type(exc).__name__}: {exc}",
                         code="format-failed") from None


def _item(key: str, details: dict[str, str]) -> Any:
    from citeproc import CitationItem, Locator

    extra: dict[str, Any] = {k: from_rich_text(quotemarks.mark(str(details[k]))) for k in ("prefix", "suffix")
                             if details.get(k)}
    if details.get("locator"):
        extra["locator"] = Locator(details.get("label") or "page", str(details["locator"]))
    return CitationItem(key, **extra)
