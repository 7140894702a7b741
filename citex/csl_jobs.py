"""A formatted bibliography's per-entry work spread over processes (``format --jobs N``), order kept.

What spans the bibliography (its order, numbers, year suffixes) is decided
first, in one process; then each entry depends only on that and on its own
record, so the entries can be rendered anywhere. The worker processes are
forked from the one that decided, so they start with the loaded style and the
registered items as they are, and only entry numbers go out and text comes
back. Where processes cannot be forked (Windows, macOS's default), or there is
too little work to pay for them, the work is done in this process, the same way.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .process_pool import ordered_map

T = TypeVar("T")
R = TypeVar("R")

MIN_EACH = 50  # fewer items a process than this: not worth a fork
AUTO = 0  # ``jobs``: the machine's cores, when each gets AUTO_EACH items or more
AUTO_EACH = 500  # measured: 600 APA entries took as long in two processes as in one, 1,000 a quarter less
_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what the forked workers run


def map_in_order(function: Callable[[T], R], items: Sequence[T], jobs: int = 1) -> list[R]:
    """``[function(item) for item in items]``, over ``jobs`` processes when that pays
    (``AUTO``: as many as pay, up to the machine's cores).

    ``function`` need not be picklable (it is inherited by the fork, not sent),
    and must not raise: a failing item should give a result saying so.
    """
    global _task
    if jobs == AUTO:
        from .parallel import usable_cores

        jobs = min(usable_cores(), len(items) // AUTO_EACH)
    else:
        jobs = min(jobs, len(items) // MIN_EACH)
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    size = -(-len(items) // (jobs * 4))  # a few spans a process: the last ones finish together
    spans = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _task = (function, items)
    try:
        done = ordered_map(_run, ((span,) for span in spans), jobs=jobs,
                           context=multiprocessing.get_context("fork"), initializer=_ignore_interrupts)
        return [result for span in done for result in span]
    finally:
        _task = None


def _ignore_interrupts() -> None:
    # Ctrl-C and SIGTERM are the parent's to answer; it ends the pool
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(span: tuple[int, int]) -> list[Any]:
    assert _task is not None, "a worker forked without its task"
    function, items = _task
    return [function(items[n]) for n in range(*span)]
