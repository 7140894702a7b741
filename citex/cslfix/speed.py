"""citeproc-py's style lookups done once per loaded style instead of once per entry.

citeproc-py finds a macro, a term, an element's layout or its ``<bibliography>``
ancestor by running an XPath query every time it needs one: for 1,000 APA
entries that is about 430,000 queries, 40% of the time, and a macro's
``calls_variable`` walks the macro's whole tree again at every group. The
answers depend only on the style's elements, which do not change once the
style is loaded: citeproc-py only adds a ``<name>`` to a ``<names>`` that has
none, and citex's fixes only change attributes (``and``,
``demote-non-dropping-particle``, a date's ``delimiter``) that no relative query
tests. So ``install()`` memoises, per style (the memo hangs on the root element
and goes with it):

- ``xpath_search`` of a relative expression (``./ancestor::…``,
  ``cs:macro[@name='…']``, ``./cs:term[…]``); a query over the whole document
  (``//…``) is run afresh, as citex runs those once, around its own edits;
- ``calls_variable`` of the elements whose answer is a walk of their children
  or of a macro (``Parent``, ``Text``).

And the item data citeproc-py reads a few hundred times per entry
(``item.reference.title``) is reached in one step instead of four: its
``CustomDict`` attributes read the dict directly, and a citation item's
``reference`` goes straight to its bibliography's source.

Holding an element in the memo also keeps lxml from building a new Python
proxy for it at each visit.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from . import once

_MEMO = "_citex_memo"


def memo(element: Any) -> dict[Any, Any]:
    """The memo of the style (or locale) ``element`` belongs to."""
    root = element.getroottree().getroot()
    found = getattr(root, _MEMO, None)
    if found is None:
        found = {}
        setattr(root, _MEMO, found)
    return found


@once
def install() -> None:
    """Wrap ``CitationStylesElement.xpath_search`` and the recursive ``calls_variable`` methods once."""
    from citeproc.model import CitationStylesElement, Parent, Text

    search = CitationStylesElement.xpath_search

    def xpath_search(self: Any, expression: str) -> Any:
        if expression.startswith("/"):
            return search(self, expression)
        cache = memo(self)
        key = (self, expression)
        found = cache.get(key)
        if found is None:
            found = cache[key] = search(self, expression)
        return list(found)  # a copy: a caller may change the list it gets

    CitationStylesElement.xpath_search = xpath_search
    Parent.calls_variable = _memoised(Parent.calls_variable)
    Text.calls_variable = _memoised(Text.calls_variable)
    _install_direct_item_data()


def _install_direct_item_data() -> None:
    """``CustomDict`` attributes and ``CitationItem.reference`` without the detours, same answers.

    No subclass of ``CustomDict`` overrides ``__getitem__``, so reading the dict
    itself is what its ``__getattr__`` did through two more calls; a missing
    value is still a ``VariableError``.
    """
    from citeproc.source import CitationItem, CustomDict, VariableError

    get = dict.__getitem__

    def __getattr__(self: Any, name: str) -> Any:
        try:
            return get(self, name)
        except KeyError:
            raise VariableError from None

    slow = CitationItem.reference.fget

    def reference(self: Any) -> Any:
        try:
            source, key = get(get(self, "citation"), "bibliography").source, get(self, "key")
        except (KeyError, AttributeError):  # not registered yet: as citeproc-py says it
            return slow(self)
        return source[key]

    CustomDict.__getattr__ = __getattr__
    CitationItem.reference = property(wraps(slow)(reference))


def _memoised(method: Any) -> Any:
    @wraps(method)
    def calls_variable(self: Any) -> bool:
        cache = memo(self)
        key = (self, "calls_variable")
        found = cache.get(key)
        if found is None:
            found = cache[key] = method(self)
        return found

    return calls_variable
