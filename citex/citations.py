"""In-text citations: a document's clusters of citation keys, rendered with its bibliography.

``cite(records, [["shah2020", "li2009"], ["li2009"]], "apa")`` gives each
cluster as the style prints it in the text (``(Li, 2009; Shah et al., 2020)``)
and the bibliography of the cited records. Numeric styles number the records
in the order they are first cited; records never cited are left out of the
bibliography, as in a manuscript. Keys are the records' citation keys (the
input's own, else the key citex builds, as ``citex convert --to bibtex`` shows).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import csl_year_suffix as year_suffix
from .csl_cluster import ClusterRenderer, registered
from .csl_disambiguate import disambiguate
from .csl_markup import tidy
from .errors import UsageError
from .model import Record

Cite = str | dict[str, Any]  # a citation key, or a CSL-JSON cite item with "id"


@dataclass
class CitedDocument:
    """Marked-up text (``citex.csl_markup``) of a document's clusters and bibliography."""

    clusters: list[str]
    entries: list[tuple[Record, str]]  # (record, entry) in bibliography order


def keyed(records: Iterable[Record]) -> list[Record]:
    """The records with the citation keys the writers give them: the input's, else one citex builds."""
    from .keys import CitationKeys

    keys = CitationKeys()
    records = list(records)
    for rec in records:
        keys.assign(rec)
    return records


def cite(records: Iterable[Record], clusters: list[list[Cite]], style: str = "apa",
         locale: str = "en-US", notes: list[int] | None = None) -> CitedDocument:
    """The clusters and the bibliography of the cited records, in ``style``.

    A cite is a citation key, or a CSL-JSON cite item (``{"id": key, "locator": "12",
    "label": "page", "prefix": ..., "suffix": ...}``). ``UsageError`` (with the
    closest keys) for a key no record has; the first record holding a key is the
    one cited. A style without a bibliography gives clusters and no entries.
    ``notes`` gives the footnote each cluster is in (0: in the text), which decides
    positions such as "ibid."; by default each cluster is a note of its own.
    """
    from .writers.csl import _entries

    def load() -> Any:
        return load_citation_style(style, locale)

    first = load()  # a bad style or locale fails here, before any work
    with_bibliography = first.root.bibliography is not None
    cited = _cited(list(records), clusters)
    shown, alike = disambiguate(first, load, cited)
    cited = year_suffix.with_year_suffixes(first, load, cited, alike)
    suffix_here = year_suffix.implicit(first)
    rendered = _clusters(registered(load(), cited, sort=with_bibliography), cited, clusters, suffix_here, shown,
                         notes or [n + 1 for n in range(len(clusters))])
    entries = _entries(first, cited) if with_bibliography else []  # places its own year suffixes
    return CitedDocument(rendered, entries)


def _clusters(bib: Any, cited: list[Record], clusters: list[list[Cite]], suffix_here: bool,
              shown: dict[str, Any], notes: list[int]) -> list[str]:
    """Each cluster rendered against ``bib``, the registered bibliography of ``cited``."""
    def placed(item_id: str, text: str) -> str:  # a year suffix the style leaves to the processor
        return year_suffix.placed(text, cited[int(item_id[1:])]) if suffix_here else text

    from .cslfix import quotes

    by_key = {rec.id: f"r{n}" for n, rec in enumerate(cited)}
    renderer = ClusterRenderer(bib, placed, shown)
    quote = quotes.close_quote(bib.style) if quotes.wants_punctuation_in_quote(bib.style) else ""
    return [quotes.punctuation_into_quotes(tidy(renderer.render([by_key[_key(c)] for c in cites],
                                                                [_details(c) for c in cites], note)), quote)
            for cites, note in zip(clusters, notes)]


def _cited(records: list[Record], clusters: list[list[Cite]]) -> list[Record]:
    """The records cited, in the order of their first citation."""
    if not any(clusters):
        raise UsageError("no citation keys given", code="no-citations")
    by_key: dict[str, Record] = {}
    for rec in records:
        if rec.id is not None:
            by_key.setdefault(rec.id, rec)
    order: dict[str, Record] = {}
    for key in (_key(c) for cites in clusters for c in cites):
        if key not in by_key:
            raise _unknown_key(key, list(by_key))
        order.setdefault(key, by_key[key])
    return list(order.values())


def _key(cite: Cite) -> str:
    return str(cite.get("id")) if isinstance(cite, dict) else cite


def _details(cite: Cite) -> dict[str, str]:
    return {k: v for k, v in cite.items() if k != "id"} if isinstance(cite, dict) else {}


def load_citation_style(name: str, locale: str = "en-US") -> Any:
    """``citex.writers.csl.load_style``, also for a style that has no bibliography (it only cites)."""
    from .writers.csl import load_style

    return load_style(name, locale, bibliography=False)


def _unknown_key(key: str, known: list[str]) -> UsageError:
    import difflib

    close = difflib.get_close_matches(key, known, n=3) or [k for k in known if k.lower() == key.lower()]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return UsageError(f"no record has the citation key '{key}'{hint}", code="unknown-key")
