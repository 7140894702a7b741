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
            groups = self._group(elem)
        return groups.get(tag, [])

    def findall(self, elem: etree._Element, path: str) -> list[etree._Element]:
        """Every element at ``path`` ("Journal/ISSN") under ``elem``, as ``elem.findall(path)``."""
        return list(self._walk(elem, path))

    def find(self, elem: etree._Element, path: str) -> etree._Element | None:
        """The first element at ``path`` under ``elem``, or None, as ``elem.find(path)``."""
        found = self._walk(elem, path)
        return found[0] if found else None

    def findtext(self, elem: etree._Element, path: str) -> str | None:
        """The text of the first element at ``path`` ('' when it has none), None when there is none."""
        found = self._walk(elem, path)
        return found[0].text or "" if found else None

    def _walk(self, elem: etree._Element, path: str) -> list[etree._Element]:
        """The elements at ``path``: a list the caller must not change (it may be an index's)."""
        steps = _STEPS.get(path)
        if steps is None:
            steps = _STEPS[path] = tuple(path.split("/"))
        groups = self._groups
        found = [elem]
        for step in steps:
            if len(found) == 1:  # the usual case: one element to look under
                children = groups.get(found[0])
                found = (children if children is not None else self._group(found[0])).get(step, _NONE)
            else:
                found = [child for parent in found for child in self.children(parent, step)]
            if not found:
                return _NONE
        return found

    def _group(self, elem: etree._Element) -> dict[object, list[etree._Element]]:
        groups: dict[object, list[etree._Element]] = {}
        for child in elem:
            tag = child.tag
            if tag in groups:
                groups[tag].append(child)
            else:
                groups[tag] = [child]
        self._groups[elem] = groups
        return groups


_STEPS: dict[str, tuple[str, ...]] = {}  # path -> its steps, split once
_NONE: list[etree._Element] = []  # no elements: shared, never changed
