"""citeproc-py's style lookups done once per loaded style instead of once per entry.

citeproc-py finds a macro, a term, an element's layout or its ``<bibliography>``
ancestor by running an XPath query every time it needs one: for 1,000 APA
entries that is about 430,000 queries, 40% of the time, and a macro's
``calls_variable`` walks the macro's whole tree again at every group. The
answers depend only on the style's elements, which do not change once the
style is loaded: citeproc-py only adds a ``<name>`` to a ``<names>`` that has
none, and citex's fixes only change attributes (``and``,
``demote-non-dropping-particle``, a date's ``delimiter``) that no relative query
tests. So ``install()`` memoises, per element:

- ``xpath_search`` of a relative expression (``./ancestor::…``,
  ``cs:macro[@name='…']``, ``./cs:term[…]``); a query over the whole document
  (``//…``) is run afresh, as citex runs those once, around its own edits;
- the child elements citeproc-py reaches as attributes (``layout.bibliography``,
  ``locale.terms``), except a missing ``<name>``, which citeproc-py may add;
- a locale's style options, and ``calls_variable`` of the elements whose
  answer is a walk of their children or of a macro.

(``walk`` keeps an element's root, layout and macros.)

A memo lives on its element (lxml keeps one Python object per element while
one is referenced), and the root keeps the elements that have one, so it all
goes with the style. A fix that adds or removes style elements after loading
must call ``forget``.

The item data citeproc-py reads a few hundred times per entry
(``item.reference.title``) is reached in one step instead of four, and a
citation item's number and registration no longer scan the list of all keys
(which made a bibliography's cost grow with the square of its size).
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from . import once

_MEMO = "_citex_memo"  # on each element: its memo
_KEPT = "_citex_kept"  # on the root: the elements that have a memo, kept alive with it
_NONE = object()  # a memoised "nothing found"


def memo(element: Any) -> dict[Any, Any]:
    """The memo of one style (or locale) element."""
    found = element.__dict__.get(_MEMO)
    if found is None:
        found = element.__dict__[_MEMO] = {}
        element.getroottree().getroot().__dict__.setdefault(_KEPT, []).append(element)
    return found


def forget(root: Any) -> None:
    """Drop every memo of the style (or locale) whose root element is ``root``."""
    for element in root.__dict__.pop(_KEPT, []):
        element.__dict__.pop(_MEMO, None)


def _memoised(method: Any, key: str) -> Any:
    """``method(self)`` computed once per element."""
    @wraps(method)
    def once_per_element(self: Any) -> Any:
        cache = memo(self)
        found = cache.get(key, _NONE)
        if found is _NONE:
            found = cache[key] = method(self)
        return found

    return once_per_element


@once
def install() -> None:
    """Wrap citeproc-py's lookups once (see the module's docstring)."""
    from citeproc.model import CitationStylesElement, Locale, Parent, SomewhatObjectifiedElement, Text

    search = CitationStylesElement.xpath_search

    def xpath_search(self: Any, expression: str) -> Any:
        if expression.startswith("/"):
            return search(self, expression)
        cache = memo(self)
        found = cache.get(expression)
        if found is None:
            found = cache[expression] = search(self, expression)
        return list(found)  # a copy: a caller may change the list it gets

    child = SomewhatObjectifiedElement.__getattr__

    def __getattr__(self: Any, name: str) -> Any:
        if name.startswith("__"):  # Python's own probes (copy, pickle): as they were
            return child(self, name)
        cache = memo(self)
        key = "." + name
        found = cache.get(key, _NONE)
        if found is _NONE:
            found = child(self, name)
            if found is not None or name != "name":  # citeproc-py adds a <name> where there is none
                cache[key] = found
        return found

    CitationStylesElement.xpath_search = xpath_search
    SomewhatObjectifiedElement.__getattr__ = __getattr__
    Parent.calls_variable = _memoised(Parent.calls_variable, "calls_variable")
    Text.calls_variable = _memoised(Text.calls_variable, "calls_variable")
    Locale.get_option = _locale_option(Locale.get_option)
    _install_direct_item_data()


def _locale_option(get_option: Any) -> Any:
    """``Locale.get_option`` once per locale and option; "no options" (``IndexError``) too."""
    @wraps(get_option)
    def locale_option(self: Any, name: str) -> Any:
        cache = memo(self)
        key = "option " + name
        found = cache.get(key, _NONE)
        if found is _NONE:
            try:
                found = get_option(self, name)
            except IndexError:
                found = IndexError
            cache[key] = found
        if found is IndexError:
            raise IndexError(name)
        return found

    return locale_option


def _install_direct_item_data() -> None:
    """``CustomDict`` attributes, ``CitationItem.reference``, ``.number`` and ``.is_bad``, same answers.

    No subclass of ``CustomDict`` overrides ``__getitem__``, so reading the dict
    itself is what its ``__getattr__`` did through two more calls; a missing
    value is still a ``VariableError``. A number is a key's place in the
    bibliography's keys, found in an index of them rebuilt when the keys change.
    """
    from citeproc.source import CitationItem, CustomDict, VariableError

    get = dict.__getitem__

    def __getattr__(self: Any, name: str) -> Any:
        try:
            return get(self, name)
        except KeyError:
            raise VariableError from None

    slow_reference, slow_number, slow_is_bad = CitationItem.reference.fget, CitationItem.number.fget, \
        CitationItem.is_bad

    def reference(self: Any) -> Any:
        try:
            source, key = get(get(self, "citation"), "bibliography").source, get(self, "key")
        except (KeyError, AttributeError):  # not registered yet: as citeproc-py says it
            return slow_reference(self)
        return source[key]

    def number(self: Any) -> Any:
        try:
            place = _places(get(get(self, "citation"), "bibliography")).get(get(self, "key"))
        except (KeyError, AttributeError):
            place = None
        return slow_number(self) if place is None else place + 1

    def is_bad(self: Any) -> bool:
        try:
            return get(self, "key") not in _places(get(get(self, "citation"), "bibliography"))
        except (KeyError, AttributeError):
            return slow_is_bad(self)

    CustomDict.__getattr__ = __getattr__
    CitationItem.reference = property(wraps(slow_reference)(reference))
    CitationItem.number = property(wraps(slow_number)(number))
    CitationItem.is_bad = wraps(slow_is_bad)(is_bad)


def _places(bibliography: Any) -> dict[str, int]:
    """Key -> its first place in ``bibliography.keys``; made again when the list is replaced or grows."""
    keys = bibliography.keys
    index = bibliography.__dict__.get("_citex_places")
    if index is None or index[0] is not keys or index[1] != len(keys):
        places: dict[str, int] = {}
        for place, key in enumerate(keys):
            places.setdefault(key, place)
        index = bibliography._citex_places = (keys, len(keys), places)
    return index[2]


def register(bibliography: Any, keys: list[str]) -> None:
    """``bibliography.register`` of a one-cite citation for each key, in time linear in their number.

    citeproc-py looks each new key up in the list of the keys registered so
    far; this looks it up in a set. Keys not in the source are left out, as there.
    """
    from citeproc import Citation, CitationItem

    known = set(bibliography.keys)
    for key in keys:
        citation = Citation([CitationItem(key)])
        citation.bibliography = bibliography
        for item in citation.cites:
            if item.key in bibliography.source and item.key not in known:
                known.add(item.key)
                bibliography.keys.append(item.key)
                bibliography.items.append(item)
