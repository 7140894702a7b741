"""``subsequent-author-substitute``: an author list repeated from the entry above is printed as "———".

citeproc-py ignores the option; MLA and others use it. Only the default rule,
``complete-all`` (replace the whole list when it is the same as the previous
entry's), is applied, which is what the styles in use ask for.

The author list is what the first macro of the layout that holds a ``<names>``
renders. Like citeproc-js, lists are compared as shown, without "et al.":
"Müller, Wei, et al." after "Müller, Wei" becomes "———" too.
"""

from __future__ import annotations

from typing import Any, Callable


def substitute_for(style: Any) -> Callable[[Any], str] | None:
    """A function giving an item's rendered author list, or None when the style asks for no substitute."""
    bibliography = style.root.bibliography
    if bibliography.get("subsequent-author-substitute") is None:
        return None
    if bibliography.get("subsequent-author-substitute-rule", "complete-all") != "complete-all":
        return None
    layout = bibliography.layout
    for text in layout.iterdescendants("{*}text"):
        macro_name = text.get("macro")
        if macro_name and list(style.root.get_macro(macro_name).iterdescendants("{*}names")):
            macro = style.root.get_macro(macro_name)

            def author(item: Any) -> str:
                layout.repressed = {}
                try:
                    return str(macro.render(item, context=layout) or "")
                except Exception:  # the entry itself reports what is wrong with the record
                    return ""
            return author
    return None


def apply(entries: list[str], authors: list[str], substitute: str, tidy: Callable[[str], str],
          et_al: str = "") -> list[str]:
    """``entries`` with each author list equal to the one above replaced by ``substitute``."""
    out, previous = [], ""
    for entry, author in zip(entries, authors):
        author = tidy(author) if author else ""
        shown = (author.replace(et_al, "") if et_al else author).rstrip(" ,")
        names = author.rstrip(".")  # a final "." (of "et al.", "J.") also ends the names' suffix "."
        if shown and shown == previous and entry.startswith(names):
            entry = substitute + entry[len(names):]
        out.append(entry)
        previous = shown
    return out
