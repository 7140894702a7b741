"""Memory settings for a long run: the C allocator's (glibc only; elsewhere nothing is done),
and the cyclic garbage collector's (``rare_collections``).

glibc raises its mmap threshold each time a big block (a chunk of records sent to or from
the ``--jobs`` workers, a few hundred KB) is freed, after which such blocks come from the heap
and fragment it: a 100k-record run's main process grew to 49 MB instead of 41, and went on
growing to 1M. Pinning the threshold at its default (128 KB) keeps memory level.

Pinned so, glibc also gives the top of the heap back to the kernel whenever more than
128 KB of it is free, keeping a pad of 128 KB. Each chunk's buffers (its pickle, its records'
texts) rise and fall there, so the same pages were given back and faulted in again, and a
big block found no room at the top and was mapped, and faulted in, afresh: on real exports
(abstracts: 3 KB a record) 9 page faults a record, 3.3 of the 23 s of CPU of a 100k RIS ->
BibTeX run. A 32 MB pad keeps those pages: 0.5 faults a record, and the peak memory of
every process the same to within 2 MB at 100k and 1M records (untouched, the pad costs none).
The command line calls this; a library user's process keeps its own settings.
"""

from __future__ import annotations

import gc
import sys

# glibc's mallopt parameter numbers
M_TOP_PAD = -2
M_MMAP_THRESHOLD = -3
THRESHOLD = 128 * 1024  # glibc's default, which it would otherwise raise up to 32 MB
TOP_PAD = 32 << 20  # the heap's top kept when it shrinks (16 MB: 2.2 faults a record, 8 MB: 3.3)


def steady_heap() -> bool:
    """Pin glibc's mmap threshold and pad the heap's top; whether it was done."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here: only a convert run needs it

    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD)) and bool(libc.mallopt(M_TOP_PAD, TOP_PAD))
    except (OSError, AttributeError):  # musl and others: no mallopt, nothing to set
        return False


# Container objects allocated (less those freed) before a young collection: Python's default
# is 700. A run makes and frees records' lists, tuples and dicts by the million, nearly all
# freed by their reference counts, and a young collection every 700 went over them for little:
# real RIS -> BibTeX 10k, 177 of them in a worker's 5,000 records, 13-24 ms of its ~800 ms of
# CPU; at 50,000, one. A worker's peak memory: +1-2 MB at 100k.
YOUNG = 50_000


def rare_collections() -> tuple[int, int, int]:
    """The collector's young generation made to wait for YOUNG allocations (the older ones
    for 20 collections each, not 10); the thresholds it had. ``--jobs`` workers, forked,
    inherit them. The command line calls this; a library user's process keeps its own."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG, 20, 20)
    return before
