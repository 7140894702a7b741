"""A ``<label>`` whose variable is empty prints nothing.

CSL prints a label only with its variable: no "p." for a book without pages,
no "p." for a cite without a locator. citeproc-py prints the term whatever the
variable holds (``Journal, p. .``). ``install()`` wraps its ``Label.process`` to
print nothing for an empty variable; labels of names (``<names>``' own label,
called with the variable) are left to it.
"""

from __future__ import annotations

from typing import Any

from . import once


@once
def install() -> None:
    """Wrap ``citeproc.model.Label.process`` once."""
    from citeproc.model import Label

    original = Label.process

    def process(self: Any, item: Any, variable: Any = None, plural: Any = None, context: Any = None,
                **kwargs: Any) -> Any:
        if variable is None and not has_value(item, self.get("variable") or ""):
            return None
        return original(self, item, variable, plural, context, **kwargs)

    Label.process = process


def has_value(item: Any, variable: str) -> bool:
    """Whether a cite (its locator) or its work (any other variable) has ``variable``."""
    if variable == "locator":
        return "locator" in item
    if not variable:
        return True  # a label without a variable: citeproc-py's business
    value = item.reference.get(variable.replace("-", "_"))
    return value not in (None, "", [])
