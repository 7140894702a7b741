"""Given names stay whole where a style says ``initialize="false"``.

CSL: with ``initialize="false"``, ``initialize-with`` only punctuates the
initials a given name already has ("John R" → "John R."); it does not shorten
"John" to "J.". citeproc-py ignores the attribute and initializes whenever
``initialize-with`` is set — on the style, in Chicago and MLA, so their
bibliographies print "Abramović, E." for "Abramović, Ewa". ``install()`` wraps
citeproc-py's ``Name.initialize`` to honour it; styles without the attribute
are unchanged.
"""

from __future__ import annotations

import re
from typing import Any
from . import once

_INITIAL = re.compile(r"^([^\W\d_])\.?$")
_ANCESTOR = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"


@once
def install() -> None:
    """Wrap ``citeproc.model.Name.initialize`` once."""
    from citeproc.model import Name

    original = Name.initialize

    def initialize(self: Any, given: Any, mark: str, context: Any = None) -> Any:
        if "-" not in str(given):
            return shortened(str(given), mark, initializes(self, context))
        if initializes(self, context):
            return original(self, given, mark, context)
        return punctuate_initials(str(given), mark)

    Name.initialize = initialize


def initializes(name: Any, context: Any = None) -> bool:
    """The ``initialize`` option of a ``cs:name``: its own, its bibliography's or citation's, the style's."""
    value = name.get("initialize")
    if value is None:
        found = (context if context is not None else name).xpath_search(_ANCESTOR)
        value = found[0].get("initialize") if found else None
    if value is None:
        value = name.get_root().get("initialize")
    return value != "false"


_WORD = re.compile(r"([^\s.]+)(\.?)")


def shortened(given: str, mark: str, initialize: bool) -> str:
    """A given name as citeproc-js prints it with ``initialize-with`` ``mark``.

    A single letter, or a word written with its period ("Ph.", "Me."), is an
    initial already: it keeps its letters and takes ``mark``. Another word is
    shortened to its first letter when ``initialize``, else printed whole; a
    lowercase word (a particle) stays as it is. "Ph.M.E." → "Ph. M. E."; "John ME"
    → "J. M." (initializing) or "John ME" (not).
    """
    out = ""
    for word, period in _WORD.findall(given):
        if not word[:1].isupper():  # a particle, set apart: "J.B. de C.M."
            out += ("" if not out or out.endswith(" ") else " ") + word + " "
        elif period or len(word) == 1:
            out += word + mark
        elif initialize:
            out += word[0] + mark
        else:
            out += word + " "
    return out.rstrip()


def punctuate_initials(given: str, mark: str) -> str:
    """"John R" → "John R." with mark ". "; names that are not single letters stay as they are."""
    stop = mark.rstrip() or mark
    return " ".join(_INITIAL.sub(lambda m: m[1] + stop, part) if part[:1].isupper() else part
                    for part in given.split())


@once
def install_suffix_periods() -> None:
    """Wrap ``citeproc.model.Name.process`` once: no periods in "Jr." where initials have none.

    citeproc-js drops the periods of a name suffix when the style's
    ``initialize-with`` has none (Vancouver: "Cole J Jr", not "Cole J Jr.").
    """
    from citeproc.model import Name

    original = Name.process

    def process(self: Any, item: Any, variable: Any, context: Any = None, sort_options: Any = None,
                **kwargs: Any) -> Any:
        mark = self.get_option("initialize-with", context, sort_options)
        names = item.reference.get(variable) or [] if mark is not None and "." not in mark else []
        saved = [(name, name["suffix"]) for name in names if "." in str(name.get("suffix") or "")]
        try:
            for name, suffix in saved:
                name["suffix"] = suffix.replace(".", "")
            return original(self, item, variable, context=context, sort_options=sort_options, **kwargs)
        finally:
            for name, suffix in saved:
                name["suffix"] = suffix

    Name.process = process
