"""The C allocator's settings for a long run (glibc only; elsewhere nothing is done).

glibc raises its mmap threshold each time a big block (a chunk of records sent to or from
the ``--jobs`` workers, a few hundred KB) is freed, after which such blocks come from the heap
and fragment it: a 100k-record run's main process grew to 49 MB instead of 41, and went on
growing to 1M records. Pinning the threshold at its default (128 KB) keeps big blocks in mmap,
returned whole when freed, so memory stays level. The command line calls this; a library
user's process keeps its own settings.
"""

from __future__ import annotations

import sys

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number
THRESHOLD = 128 * 1024  # glibc's default, which it would otherwise raise up to 32 MB


def pin_mmap_threshold() -> bool:
    """Stop glibc moving its mmap threshold; whether it was done."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here: only a convert run needs it

    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD))
    except (OSError, AttributeError):  # musl and others: no mallopt, nothing to pin
        return False
