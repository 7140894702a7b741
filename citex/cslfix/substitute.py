"""A variable printed by ``<substitute>`` is not printed again.

CSL: variables substituted for missing names are suppressed in the rest of
the entry (APA: "Sepsis. (2019). The Lancet.", not "Sepsis. (2019). Sepsis.
The Lancet."). citeproc-py suppresses only a ``<text variable="...">`` that is
itself the substitute's child; a variable rendered through a macro — the
common case, ``<text macro="title"/>`` — is printed twice.

The same holds for names: an editor standing in for the author is not
printed again as "Edited by". And a ``<names>`` without a ``<name>`` inside a
substitute takes the ``<name>`` and ``<label>`` of the ``<names>`` it stands in
for, also when nested in a ``<choose>`` (Chicago: "Wilson, Mary, ed.", not
"M. Wilson"); citeproc-py does that only for the substitute's own children.

``install()`` wraps citeproc-py's ``Substitute.render`` to note every variable
rendered while a substitute renders, and ``Text._variable`` and
``Names.process`` to skip those afterwards. The notes live in the layout's ``repressed`` table, which
citeproc-py empties for each entry.
"""

from __future__ import annotations

from typing import Any
from . import once

_KEY = "citex-substituted"  # in layout.repressed, beside citeproc-py's own {tag: [variables]}
_recording: list[set[str]] = []  # variables rendered by the substitutes now rendering
_standing_in_for: list[Any] = []  # the <names> elements whose substitutes are rendering


@once
def install() -> None:
    """Wrap ``Substitute.render`` and ``Text._variable`` once."""
    from citeproc.model import Names, Substitute, Text

    render, variable, names = Substitute.render, Text._variable, Names.process

    def substitute_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        _recording.append(set())
        _standing_in_for.append(self.getparent())
        try:
            text = render(self, item, context=context, **kwargs)
        finally:
            used = _recording.pop()
            _standing_in_for.pop()
        if text and context is not None:
            context.get_layout().repressed.setdefault(_KEY, set()).update(used)
            if _recording:  # a substitute inside a substitute: the outer one used them too
                _recording[-1].update(used)
        return text

    def text_variable(self: Any, item: Any, context: Any) -> Any:
        name = self.get("variable")
        if name in context.get_layout().repressed.get(_KEY, ()):
            return None
        value = variable(self, item, context)
        if value and _recording:
            _recording[-1].add(name)
        return value

    def names_process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        roles = [role for role in self.get("variable", "").split() if role in item.reference]
        used = (context if context is not None else self).get_layout().repressed.get(_KEY, set())
        hidden = {role: item.reference.pop(role) for role in roles if role in used}
        if names_context is None and self.name is None and _standing_in_for:
            names_context = _standing_in_for[-1]
        try:  # a substituted name variable counts as empty here: the element's own substitute may stand in
            text = names(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            item.reference.update(hidden)
        if text and _recording:
            _recording[-1].update(role for role in roles if role not in hidden)
        return text

    Substitute.render = substitute_render
    Text._variable = text_variable
    Names.process = names_process
