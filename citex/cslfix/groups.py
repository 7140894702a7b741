"""A ``<group>`` whose variables are all empty is not printed, even when it holds fixed text.

CSL: a group that calls at least one variable, none of which renders, is
suppressed with everything in it. citeproc-py decides from
``calls_variable()``, which is true for any ``<choose>`` or macro child that
*could* call one, so a group holding a fixed word next to an empty variable
prints the word alone (APA: "Thesis (Publication) [PhD thesis]" for a thesis
without a number).

``install()`` counts, while each group renders, the variables its elements
actually looked up (``text``, ``names``, ``date``, ``number``) and those that
gave text, and suppresses a group that looked some up and got none. As in
citeproc-js, ``year-suffix`` does not count ("(n.d.)" with no suffix stays),
nor does an empty date (IEEE: "[Online]." stays in a group whose only
variable is a missing access date).
"""

from __future__ import annotations

from typing import Any
from . import once

_frames: list[list[int]] = []  # per group being rendered: [variables looked up, variables rendered]


def note(rendered: bool) -> None:
    """One variable looked up (by the elements wrapped here and in ``substitute``)."""
    if _frames:
        _frames[-1][0] += 1
        _frames[-1][1] += bool(rendered)


@once
def install() -> None:
    """Wrap ``Group.process``, ``Text._variable``, ``Names.process``, ``Date.render`` and ``Number.render`` once."""
    from citeproc.model import Date, Group, Names, Number, Text, VariableError

    group_process = Group.process

    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        _frames.append([0, 0])
        try:
            text = group_process(self, item, context=context, **kwargs)
        finally:
            called, rendered = _frames.pop()
            if _frames:  # what a nested group looked up, its parent looked up too
                _frames[-1][0] += called
                _frames[-1][1] += rendered
        if called and not rendered:
            raise VariableError
        return text

    Group.process = process
    Text._variable = _counting(Text._variable)
    Names.process = _counting(Names.process)
    Date.render = _counting(Date.render, count_empty=False)
    Number.render = _counting(Number.render)


def _counting(method: Any, count_empty: bool = True) -> Any:
    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        if self.get("variable") not in (None, "year-suffix"):  # js: year-suffix is not a call
            try:
                value = method(self, *args, **kwargs)
            except Exception:
                if count_empty:
                    note(False)
                raise
            if value or count_empty:
                note(bool(value))
            return value
        return method(self, *args, **kwargs)

    counted.__name__ = method.__name__
    return counted
