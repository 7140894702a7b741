"""Readers, repair rules and writers, each registered by name.

Adding a format or a rule touches one module: it decorates its function or
class with ``READERS.register``, ``REPAIRS.register`` or ``WRITERS.register``.
The built-in modules are imported lazily the first time a registry is asked,
so ``citex --help`` does not pay for jinja2 or citeproc.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import UnknownName


@dataclass
class Entry:
    name: str
    obj: Any
    description: str
    meta: dict[str, Any] = field(default_factory=dict)


class Registry:
    """A name -> entry table that loads its built-in modules on first use."""

    def __init__(self, kind: str, modules: list[str]):
        self.kind = kind
        self._modules = modules
        self._entries: dict[str, Entry] = {}
        self._loaded = False

    def register(self, name: str, **meta: Any) -> Callable[[Any], Any]:
        def decorate(obj: Any) -> Any:
            doc = (obj.__doc__ or "").strip().splitlines()
            self._entries[name] = Entry(name, obj, doc[0] if doc else "", meta)
            return obj

        return decorate

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for module in self._modules:
                importlib.import_module(module)

    def _load_for(self, name: str) -> None:
        """The built-in module named as ``name`` is ("bibtex": ``citex.writers.bibtex``), where one
        is and registers it; else all of them. Asked for one writer, convert imported all six
        (the CSL writer's, JSON's): 10 ms of a run's start, before its workers could fork."""
        if not self._loaded:
            stem = name.replace("-", "_")
            for module in self._modules:
                if module.rpartition(".")[2] == stem:
                    importlib.import_module(module)
                    if name in self._entries:
                        return
        self._load()

    def entry(self, name: str) -> Entry:
        if name not in self._entries:
            self._load_for(name)
        try:
            return self._entries[name]
        except KeyError:
            raise UnknownName(self.kind, name, list(self._entries)) from None

    def get(self, name: str) -> Any:
        return self.entry(name).obj

    def names(self) -> list[str]:
        """The names in the order of ``__iter__``, whatever order the modules were imported in."""
        return [entry.name for entry in self]

    def __iter__(self) -> Iterator[Entry]:
        """Entries in the order their modules are listed (sniffing depends on it), whatever
        order they happened to be imported in."""
        self._load()
        rank = {module: i for i, module in enumerate(self._modules)}
        entries = list(self._entries.values())
        return iter(sorted(entries, key=lambda e: rank.get(getattr(e.obj, "__module__", ""), len(rank))))


# Sniffing tries readers in this order: the most specific signatures first.
READERS = Registry("reader", [
    "citex.readers.pubmed_xml", "citex.readers.endnote_xml", "citex.readers.csljson",
    "citex.readers.medline", "citex.readers.wos", "citex.readers.ris",
    "citex.readers.pubmed_text", "citex.readers.bibtex",
])
REPAIRS = Registry(
    "repair rule",
    ["citex.repairs.text", "citex.repairs.titles", "citex.repairs.title_case", "citex.repairs.journal_caps", "citex.repairs.name_lists", "citex.repairs.names",
     "citex.repairs.journals", "citex.repairs.pages", "citex.repairs.ids",
     "citex.repairs.standard_numbers", "citex.repairs.note_stamps", "citex.repairs.dates", "citex.repairs.types"],
)
WRITERS = Registry(
    "writer",
    ["citex.writers.bibtex", "citex.writers.biblatex", "citex.writers.ris", "citex.writers.csljson", "citex.writers.cslyaml",
     "citex.writers.csl"],
)
