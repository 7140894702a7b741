"""The keys a KeyTable has moved out of memory: sorted runs of (hash, line) in a temporary file.

A Bloom filter of fixed size (1 MB, 3 bits set a key: three
23-bit fields of the key's 64-bit hash) sits in front, so most look-ups of a
new key never touch the file; one that might hit finds its block through a sparse index (one
hash in every BLOCK, kept in memory: 16 bytes per 1,000 keys) and reads that block with
``os.pread`` (not mmap, whose resident pages would count as the process's memory).
"""

from __future__ import annotations

import os
import tempfile
from array import array
from bisect import bisect_right

BLOOM_BITS = 1 << 23  # 1 MB: about 4% false positives at 1M keys
BLOCK = 512  # hashes read at a time (4 KB)


class SpilledKeys:
    """Sorted runs of (hash, line) on disk, looked up by hash; ``close`` removes the file."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="citex-keys-")  # unlinked already on POSIX
        self._fd = self._file.fileno()
        self._end = 0
        self._bloom = bytearray(BLOOM_BITS // 8)
        self._runs: list[tuple[int, int, array]] = []  # (offset, count, every BLOCK-th hash)

    def write_run(self, hashes: array, lines: array) -> None:
        """Add a run: ``hashes`` (all new) sorted, ``lines`` in the same order."""
        bloom, m = self._bloom, BLOOM_BITS - 1
        for h in hashes:
            bit = h & m
            bloom[bit >> 3] |= 1 << (bit & 7)
            bit = h >> 20 & m
            bloom[bit >> 3] |= 1 << (bit & 7)
            bit = h >> 41 & m
            bloom[bit >> 3] |= 1 << (bit & 7)
        offset = self._end
        data = hashes.tobytes() + lines.tobytes()
        os.pwrite(self._fd, data, offset)
        self._end += len(data)
        self._runs.append((offset, len(hashes), hashes[::BLOCK]))

    def line(self, h: int) -> int | None:
        """The line noted with hash ``h``, or None if no run holds it."""
        bloom, m = self._bloom, BLOOM_BITS - 1
        if not (bloom[(h & m) >> 3] >> (h & 7) & 1 and bloom[(h >> 20 & m) >> 3] >> (h >> 20 & 7) & 1
                and bloom[(h >> 41 & m) >> 3] >> (h >> 41 & 7) & 1):
            return None
        for offset, count, index in self._runs:
            block = bisect_right(index, h) - 1
            if block < 0:
                continue
            start = block * BLOCK
            n = min(BLOCK, count - start)
            found = array("q", os.pread(self._fd, 8 * n, offset + 8 * start))
            i = bisect_right(found, h) - 1
            if i >= 0 and found[i] == h:
                at = offset + 8 * count + 4 * (start + i)
                return array("i", os.pread(self._fd, 4, at))[0]
        return None

    def __len__(self) -> int:
        return sum(count for _, count, _ in self._runs)

    def close(self) -> None:
        self._file.close()
