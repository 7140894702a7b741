"""``--locale`` names: the CSL locales citeproc-py ships, matched leniently, with close names on a miss.

``en_us``, ``EN-US`` and ``en-US`` are one locale; a bare language (``de``)
is left to citeproc-py, which takes its primary dialect. A name that is no
locale gets the closest codes, also by language name (``german`` suggests
de-DE, de-AT, de-CH).
"""

from __future__ import annotations

import difflib

from .errors import UsageError


def canonical_locale(name: str) -> str:
    """The locale code for ``name`` as citeproc-py spells it; ``UsageError`` with close names if none."""
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    wanted = name.strip().replace("_", "-").lower()
    for code in [*LANGUAGE_NAMES, *PRIMARY_DIALECTS]:
        if code.lower() == wanted:
            return code
    raise UsageError(f"unknown locale '{name}'{_hint(wanted, LANGUAGE_NAMES)}", code="unknown-locale")


def _hint(wanted: str, names: dict[str, list[str]]) -> str:
    by_language = [code for code, titles in names.items()
                   if any(wanted and wanted in t.lower() for t in titles)]
    lowered = {code.lower(): code for code in names}
    close = [lowered[c] for c in difflib.get_close_matches(wanted, list(lowered), n=3)]
    suggested = list(dict.fromkeys(by_language + close))[:6]
    if suggested:
        return f"; did you mean {', '.join(suggested)}?"
    return "; `citex styles --locales` lists them"
