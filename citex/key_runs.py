"""The keys a KeyTable has moved out of memory: sorted runs of (hash, line) in a temporary file.

A Bloom filter of fixed size (1 MB, 4 bits set a key) sits in front, so most look-ups of a
new key never touch the file; one that might hit finds its block through a sparse index (one
hash in every BLOCK, kept in memory: 16 bytes per 1,000 keys) and reads that block with
``os.pread`` (not mmap, whose resident pages would count as the process's memory).
"""

from __future__ import annotations

import os
import tempfile
from array import array
from bisect import bisect_right

BLOOM_BITS = 1 << 23  # 1 MB: about 2% false positives at 1M keys
BLOCK = 512  # hashes read at a time (4 KB)
_MASK64 = (1 << 64) - 1


def _bits(h: int) -> tuple[int, int, int, int]:
    """The Bloom filter's four bit numbers for hash ``h`` (double hashing on its halves)."""
    u = h & _MASK64
    a, b = u >> 32, (u & 0xFFFFFFFF) | 1
    m = BLOOM_BITS - 1
    return a & m, (a + b) & m, (a + 2 * b) & m, (a + 3 * b) & m


class SpilledKeys:
    """Sorted runs of (hash, line) on disk, looked up by hash; ``close`` removes the file."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="citex-keys-")  # unlinked already on POSIX
        self._fd = self._file.fileno()
        self._end = 0
        self._bloom = bytearray(BLOOM_BITS // 8)
        self._runs: list[tuple[int, int, array]] = []  # (offset, count, every BLOCK-th hash)

    def write_run(self, packed: list[int]) -> None:
        """Add a run: each key as ``(hash + 2**63) << 32 | line``, sorted, the hashes all new."""
        hashes = array("q", ((p >> 32) - (1 << 63) for p in packed))
        lines = array("I", (p & 0xFFFFFFFF for p in packed))
        lines = array("i", lines.tobytes())
        bloom = self._bloom
        for h in hashes:
            for bit in _bits(h):
                bloom[bit >> 3] |= 1 << (bit & 7)
        offset = self._end
        data = hashes.tobytes() + lines.tobytes()
        os.pwrite(self._fd, data, offset)
        self._end += len(data)
        self._runs.append((offset, len(hashes), hashes[::BLOCK]))

    def line(self, h: int) -> int | None:
        """The line noted with hash ``h``, or None if no run holds it."""
        bloom = self._bloom
        for bit in _bits(h):
            if not bloom[bit >> 3] & (1 << (bit & 7)):
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
