"""The keys a KeyTable has moved out of memory: sorted runs of (hash, line) in a temporary file.

A Bloom filter of fixed size (1 MB, 3 bits set a key: three
23-bit fields of the key's 64-bit hash) sits in front, so most look-ups of a
new key never touch the file; one that might hit finds its block through a sparse index (one
hash in every BLOCK, kept in memory: 16 bytes per 1,000 keys) and reads that block with
``os.pread`` (not mmap, whose resident pages would count as the process's memory).

A look-up may read a block of every run, so runs are merged as a binary counter: when the
newest run is at least as long as the one before, the two become one (a carry through
several runs merges them all in one pass). After n spills there are at most log2(n) + 1
runs and each key has been rewritten about log2(n) / 2 times; a merge holds one block of
each run it reads (6 KB; 7 runs at a million keys), so memory does not grow with the keys.
"""

from __future__ import annotations

import os
import tempfile
from array import array
from bisect import bisect_right

BLOOM_BITS = 1 << 23  # 1 MB: about 4% false positives at 1M keys
BLOCK = 512  # hashes read at a time (4 KB)
COPY = 1 << 16  # bytes moved at a time when a merged run moves down the file


class SpilledKeys:
    """Sorted runs of (hash, line) on disk, looked up by hash; ``close`` removes the file.

    A run of n keys is n hashes (8 bytes each) then n lines (4 bytes each). The runs lie end
    to end from offset 0, oldest (longest) first, so the runs a merge takes are the last; the
    file holds 12 bytes a key, and at most twice that while a merge writes its run past the end.
    """

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
        # a binary counter: while the newest run is at least as long as the one before, the
        # two become one; a carry through several runs is one merge of them all, which
        # rewrites each key half as often as merging them two by two
        first, n = len(self._runs) - 1, len(hashes)
        while first and n >= self._runs[first - 1][1]:
            first -= 1
            n += self._runs[first][1]
        if first < len(self._runs) - 1:
            self._merge(first)

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

    def _merge(self, first: int) -> None:
        """Merge the runs from ``first`` on (the last ones) into one: written past the end of
        the file a block at a time, then moved down over them, so the file does not grow."""
        runs = self._runs[first:]
        offset, n, out, done = runs[0][0], sum(count for _, count, _ in runs), self._end, 0
        index = array("q")
        for hashes, lines in _merged([self._blocks(at, count) for at, count, _ in runs]):
            os.pwrite(self._fd, hashes.tobytes(), out + 8 * done)
            os.pwrite(self._fd, lines.tobytes(), out + 8 * n + 4 * done)
            index.extend(hashes[-done % BLOCK::BLOCK])  # the hashes at multiples of BLOCK
            done += len(hashes)
        for at in range(0, 12 * n, COPY):  # out - offset == 12 * n: the two ranges do not overlap
            os.pwrite(self._fd, os.pread(self._fd, min(COPY, 12 * n - at), out + at), offset + at)
        self._end = offset + 12 * n
        os.ftruncate(self._fd, self._end)
        self._runs[first:] = [(offset, n, index)]

    def _blocks(self, offset: int, count: int):
        """The run at ``offset`` as (hashes, lines) arrays of up to BLOCK keys, in order."""
        for start in range(0, count, BLOCK):
            n = min(BLOCK, count - start)
            yield (array("q", os.pread(self._fd, 8 * n, offset + 8 * start)),
                   array("i", os.pread(self._fd, 4 * n, offset + 8 * count + 4 * start)))


def _merged(streams: list):
    """Streams of sorted (hashes, lines) blocks merged into one, a block or so at a time.

    No hash is in two runs (a key moves to the file only when it is not there yet). Each
    step takes, from every stream's buffered block, the hashes up to the smallest of their
    last ones (so one block is used up), and sorts them: sorted stretches, which Python's
    sort merges in C; the lines follow through a dict. (heapq.merge would take a
    Python-level step a key.)
    """
    empty = (array("q"), array("i"))
    bufs = [next(s, empty) for s in streams]
    while True:
        live = [k for k, (hashes, _) in enumerate(bufs) if hashes]
        bufs, streams = [bufs[k] for k in live], [streams[k] for k in live]
        if len(bufs) < 2:
            break
        cut = min(hashes[-1] for hashes, _ in bufs)
        line_of = {}
        for k, (hashes, lines) in enumerate(bufs):
            i = bisect_right(hashes, cut)
            line_of.update(zip(hashes[:i], lines[:i]))
            bufs[k] = (hashes[i:], lines[i:]) if i < len(hashes) else next(streams[k], empty)
        merged = sorted(line_of)
        yield array("q", merged), array("i", map(line_of.__getitem__, merged))
    for buf, stream in zip(bufs, streams):
        yield buf
        yield from stream
