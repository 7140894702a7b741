"""Errors that know how to show themselves and which exit code they mean."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the command line starts without the record model
    from .model import Location


class CitexError(Exception):
    """A failure the user can act on; ``exit_code`` is what the CLI returns for it."""

    exit_code = 1

    def __init__(self, message: str, location: Location | None = None, code: str = "error"):
        super().__init__(message)
        self.message = message
        self.location = location
        self.code = code

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message}"


class UsageError(CitexError):
    """The command was asked for something that cannot be done (exit 2)."""

    exit_code = 2


class UnknownName(UsageError):
    """A reader, writer, style or rule name that is not registered."""

    def __init__(self, kind: str, name: str, known: list[str]):
        close = difflib.get_close_matches(name, known, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(sorted(known))}"
        super().__init__(f"unknown {kind} '{name}'{hint}", code=f"unknown-{kind}")
