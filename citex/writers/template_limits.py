"""Time and size bounds on rendering a user's template, so that no template can hang citex.

The sandbox keeps a template away from Python and the file system, but a
template can still ask for too much: ``"x"|center(10**9)`` builds a 1 GB
string, ``{% for i in range(99999) %}{% for j in range(99999) %}`` runs for
hours, and a loop writing a 50 MB field 99,999 times fills the memory. Each
record's render is held to three bounds, and a template that passes one fails
that record with a template error (the rest of the run goes on):

- a width, count or repeat argument over ``MAX_ARGUMENT`` to any filter or method;
- output over ``MAX_OUTPUT`` characters plus four times the record's own text;
- more than ``SECONDS`` of wall time (checked as output is produced, and by a
  timer where the platform has one).
"""

from __future__ import annotations

import functools
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

MAX_ARGUMENT = 1_000_000
# Calls whose numbers are printed, not used as a size: a PMID may pass the bound.
_PRINTING = frozenset({"format", "string", "int", "float", "abs", "round", "filesizeformat", "tojson"})
MAX_OUTPUT = 1 << 24
SECONDS = 20.0


def _too_large(args: tuple, kwargs: dict) -> bool:
    numbers = [*args, *kwargs.values()]
    return any(isinstance(n, int) and not isinstance(n, bool) and abs(n) > MAX_ARGUMENT for n in numbers)


def check_arguments(name: str, args: tuple, kwargs: dict) -> None:
    """Refuse a call whose numbers would make a value or a loop too large."""
    from jinja2.sandbox import SecurityError

    if name not in _PRINTING and _too_large(args, kwargs):
        raise SecurityError(f"'{name}' called with a number over {MAX_ARGUMENT:,}")


def bounded_filter(name: str, func: Callable) -> Callable:
    """``func`` (a jinja2 filter) refusing numbers over ``MAX_ARGUMENT`` after its value."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        check_arguments(name, args[1:], kwargs)  # args[0] is the value filtered (or the context)
        return func(*args, **kwargs)
    return wrapper


def output_budget(record: Any) -> int:
    """How many characters one record's render may produce."""
    size = sum(len(v) if isinstance(v, str) else 64 for v in getattr(record, "fields", {}).values())
    return MAX_OUTPUT + 4 * size


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise TimeoutError after ``seconds``, where a timer signal can be had (Unix, main thread)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_bounded(template: Any, context: dict[str, Any], budget: int, seconds: float = SECONDS) -> str:
    """``template`` rendered with ``context``; a SecurityError when it passes a bound."""
    from jinja2.sandbox import SecurityError

    chunks, size = [], 0
    deadline = time.monotonic() + seconds
    try:
        with _alarm(seconds):
            for chunk in template.generate(context):
                size += len(chunk)
                if size > budget:
                    raise SecurityError(f"the output of one record passed {budget:,} characters")
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunks.append(chunk)
    except TimeoutError:
        raise SecurityError(f"one record took over {seconds:g} s to render") from None
    return "".join(chunks)
