"""``<group>``, ``<choose>``, ``<if>`` and their children walked over lists made once per element.

Not a fix of the output; see ``walk``. For every entry, citeproc-py asks
lxml for an element's children again, tests each one with ``isinstance``,
looks for each of an ``<if>``'s six possible tests among its attributes, and
splits and lowercases its ``type`` and ``variable`` lists. None of that
depends on the item: a style's elements do not change once it is loaded
(citeproc-py adds a ``<name>`` to a ``<names>`` only, whose children are not
kept here).
The replacements below return what citeproc-py's methods return, item by item.

Imported by ``citex.writers.csl.load_style`` only, so citeproc is imported here at the top.
"""

from __future__ import annotations

from typing import Any

from citeproc.model import Choose, ConditionFailed, Names, VariableError
from citeproc.string import join

from . import once
from .speed import memo

_CHILDREN = "_citex_children"  # on each element: ((child, is a <choose>), ...)
_TESTS = "_citex_tests"  # on each <if>: (types lowercased, variables as item keys)
_PLAN = "_citex_plan"  # on each <if>: (names of the test methods its attributes ask for, its match)
# an <if>'s attributes and the methods that test them, in citeproc-py's order
_IF_TESTS = (("type", "_type"), ("variable", "_variable"), ("is-numeric", "_is_numeric"),
             ("is-uncertain-date", "_is_uncertain_date"), ("locator", "_locator"), ("position", "_position"))
REPLACED: dict[str, Any] = {}  # "Class.method" -> citeproc-py's own, for the tests that compare them


@once
def install() -> None:
    """Replace the methods named in the module's docstring once (before ``groups`` wraps ``Group.process``)."""
    from citeproc.model import Group, If, Parent

    for owner, name in ((Parent, "render_children"), (Group, "process"), (Choose, "render"), (If, "render"),
                        (If, "_type"), (If, "_variable")):
        REPLACED[f"{owner.__name__}.{name}"] = getattr(owner, name)
    Parent.render_children = _render_children
    Group.process = _group_process
    Choose.render = _choose_render
    If.render = _if_render
    If._type = _if_type
    If._variable = _if_variable


def _children(element: Any) -> tuple[tuple[Any, bool], ...]:
    found = element.__dict__.get(_CHILDREN)
    if found is None:
        found = tuple((child, isinstance(child, Choose)) for child in element.iterchildren())
        if not isinstance(element, Names):  # citeproc-py may add a <name> to a <names>: asked afresh
            memo(element)  # keeps this element's Python object, and its children's, alive with the style
            element.__dict__[_CHILDREN] = found
    return found


def _render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
    """``Parent.render_children``: a ``<choose>`` child gets the enclosing delimiter (it is transparent)."""
    output = []
    for child, is_choose in _children(self):
        try:
            text = child.render(item, delimiter=delimiter, **kwargs) if is_choose else child.render(item, **kwargs)
            if text is not None:
                output.append(text)
        except VariableError:
            pass
    return join(output, delimiter) if output else None


def _group_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """``Group.process``: suppressed (``VariableError``) when it calls variables and none rendered."""
    output = []
    called = rendered = False
    delimiter = self.get("delimiter", "")
    for child, is_choose in _children(self):
        called = called or child.calls_variable()  # memoised (``speed``); asked as citeproc-py asks
        try:
            if is_choose:
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
            if text is not None:
                output.append(text)
                rendered = rendered or child.calls_variable()
        except VariableError:
            pass
    if output and (not called or rendered):
        return self.join(output)
    raise VariableError


def _choose_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
    """``Choose.render``: the first branch whose condition holds."""
    for child, _ in _children(self):
        try:
            return child.render(item, context=context, delimiter=delimiter, **kwargs)
        except ConditionFailed:
            continue
    return None


def _if_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
    """``If.render``: its children if its tests hold as its ``match`` says, else ``ConditionFailed``.

    Every test is made, as citeproc-py makes them, through the element's methods
    (``positions`` wraps one).
    """
    plan = self.__dict__.get(_PLAN)
    if plan is None:
        memo(self)
        attrib = self.attrib
        plan = self.__dict__[_PLAN] = (tuple(test for name, test in _IF_TESTS if name in attrib), self.get("match"))
    tests, match = plan
    results: list[bool] = []
    for test in tests:
        results += getattr(self, test)(item, context) if test == "_position" else getattr(self, test)(item)
    if match == "any":
        holds = any(results)
    elif match == "none":
        holds = not any(results)
    else:
        holds = all(results)
    if not holds:
        raise ConditionFailed
    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


def _tests(self: Any) -> tuple[list[str], list[str]]:
    found = self.__dict__.get(_TESTS)
    if found is None:
        memo(self)
        found = self.__dict__[_TESTS] = ([kind.lower() for kind in (self.get("type") or "").split()],
                                         [name.replace("-", "_") for name in (self.get("variable") or "").split()])
    return found


def _if_type(self: Any, item: Any) -> list[bool]:
    """``If._type``: one answer per type named."""
    types = _tests(self)[0]
    if not types:
        return []
    kind = item.reference.type
    return [name == kind for name in types]


def _if_variable(self: Any, item: Any) -> list[bool]:
    """``If._variable``: one answer per variable named (``locator`` is the cite's, the others the item's)."""
    variables = _tests(self)[1]
    if not variables:
        return []
    reference = item.reference
    return [("locator" in item) if name == "locator" else (name in reference) for name in variables]
