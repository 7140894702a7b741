"""citex: read bibliographic records in the shapes people have, repair them, write clean references.

    import citex
    records = citex.repair(citex.load(["refs.txt"]))
    print(citex.dumps(records, "bibtex"))
"""

from .errors import CitexError, UsageError
from .model import Date, Diagnostic, Name, Record, Repair, Source
from .pipeline import Tally, convert, dump, dumps, load, loads, repair

__all__ = [
    "CitexError", "UsageError", "Date", "Diagnostic", "Name", "Record", "Repair", "Source",
    "Tally", "convert", "dump", "dumps", "load", "loads", "repair",
]
__version__ = "0.1.0"
