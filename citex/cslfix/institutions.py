"""An institution last in a list of names: citeproc-js joins it as ``delimiter-precedes-last="contextual"``.

Whatever the style says, citeproc-js writes "Kim, É. & Deutsche Gesellschaft für
Kardiologie" (two names: no comma before "&", though APA says "always") and
"Cohen, M. J., & Cochrane Collaboration" (three or more: a comma, though Nature
says "never") when the last name shown is an institution (a literal name).
``install()`` wraps citeproc-py's ``Name.process`` to do the same.
"""

from __future__ import annotations

from typing import Any
from . import once


@once
def install() -> None:
    """Wrap ``citeproc.model.Name.process`` once."""
    from citeproc.model import Name

    original = Name.process

    def process(self: Any, item: Any, variable: Any, context: Any = None, sort_options: Any = None,
                **kwargs: Any) -> Any:
        if _institution_last(self, item, variable, context, sort_options):
            sort_options = {**(sort_options or {}), "delimiter-precedes-last": "contextual"}
        return original(self, item, variable, context=context, sort_options=sort_options, **kwargs)

    Name.process = process


def _institution_last(name: Any, item: Any, variable: Any, context: Any, sort_options: Any) -> bool:
    try:
        people = item.reference.get(variable) or []
        et_al_min = name.get_option("et-al-min", context, sort_options)
    except Exception:  # an option citeproc-py cannot find: leave the names to it
        return False
    truncated = bool(et_al_min) and len(people) >= max(et_al_min, 2)
    return len(people) >= 2 and not truncated and "literal" in people[-1]
