"""ElementPath's ``find``/``findall``/``findtext`` for plain child paths, over children indexed once.

lxml parses a path and walks it in Python on every ``find`` call; the PubMed XML reader
asks some forty paths of the same few elements for each record. ``Paths`` groups an
element's children by tag the first time one of them is asked for, so each later step
is a dictionary look-up. Only plain tags joined by ``/`` are supported (no ``.//``, no
predicates), with ElementPath's order: the matches of a step under each match of the
step before, in document order. Use one ``Paths`` per record: it holds the elements.
"""

from __future__ import annotations

from lxml import etree


class Paths:
    """Child-path look-ups under elements of one record."""

    def __init__(self) -> None:
        self._groups: dict[etree._Element, dict[object, list[etree._Element]]] = {}

    def children(self, elem: etree._Element, tag: str) -> list[etree._Element]:
        """The children of ``elem`` whose tag is ``tag``, in document order."""
        groups = self._groups.get(elem)
        if groups is None:
            groups = self._groups[elem] = {}
            for child in elem:
                groups.setdefault(child.tag, []).append(child)
        return groups.get(tag, [])

    def findall(self, elem: etree._Element, path: str) -> list[etree._Element]:
        """Every element at ``path`` ("Journal/ISSN") under ``elem``, as ``elem.findall(path)``."""
        steps = _STEPS.get(path) or _STEPS.setdefault(path, path.split("/"))
        found = self.children(elem, steps[0])
        for step in steps[1:]:
            if len(found) == 1:  # the usual case: one element to look under
                found = self.children(found[0], step)
            else:
                found = [child for parent in found for child in self.children(parent, step)]
        return list(found)

    def find(self, elem: etree._Element, path: str) -> etree._Element | None:
        """The first element at ``path`` under ``elem``, or None, as ``elem.find(path)``."""
        found = self.children(elem, path) if "/" not in path else self.findall(elem, path)
        return found[0] if found else None

    def findtext(self, elem: etree._Element, path: str) -> str | None:
        """The text of the first element at ``path`` ('' when it has none), None when there is none."""
        found = self.find(elem, path)
        return None if found is None else found.text or ""


_STEPS: dict[str, list[str]] = {}  # path -> its steps, split once
