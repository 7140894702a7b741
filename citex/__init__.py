"""citex: read bibliographic records in the shapes people have, repair them, write clean references.

    import citex
    records = citex.repair(citex.load(["refs.txt"]))
    print(citex.dumps(records, "bibtex"))
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Where each name of the API lives. They load on first use (PEP 562): the command line's
# ``--help`` and ``-m citex`` need none of the pipeline, so they start without it.
_WHERE = {
    **dict.fromkeys(["CitexError", "UsageError"], "errors"),
    **dict.fromkeys(["Date", "Diagnostic", "Name", "Record", "Repair", "Source"], "model"),
    **dict.fromkeys(["Tally", "convert", "dump", "dumps", "load", "loads", "repair"], "pipeline"),
}
__all__ = [
    "CitexError", "UsageError", "Date", "Diagnostic", "Name", "Record", "Repair", "Source",
    "Tally", "convert", "dump", "dumps", "load", "loads", "repair",
]

if TYPE_CHECKING:
    from .errors import CitexError, UsageError
    from .model import Date, Diagnostic, Name, Record, Repair, Source
    from .pipeline import Tally, convert, dump, dumps, load, loads, repair


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'citex' has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__version__ = "0.1.0"
