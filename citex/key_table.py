"""The keys one run has seen so far, in 12 bytes a key: state that stays small at 1M records.

A set or dict of a million keys takes over 100 MB; this open-addressing table of 64-bit
hashes, each with a 32-bit number (a line), takes about 25 MB (16 MB without the lines). The reader's duplicate-key
warning and the writers' unique citation keys both use it. The hash is blake2b's, the same
on every run and machine (Python's own str hash is salted per process), so a collision —
about one chance in 10^7 for a million keys — does the same thing every time: the two keys
count as one (a duplicate-key warning names the other's line; a citation key gets a letter
it did not need, never a key already used).
"""

from __future__ import annotations

from array import array
from itertools import repeat
from hashlib import blake2b


def _hash(key: str) -> int:
    return int.from_bytes(blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True) or 1  # 0 marks an empty slot


class KeyTable:
    """key -> the line it was first seen on; also a set of keys (``in``, ``add``).

    ``lines=False`` keeps no lines (8 bytes a key): a set of keys, where ``first`` gives 0.
    """

    def __init__(self, size: int = 1 << 12, lines: bool = True):
        self._hashes = array("q", bytes(8 * size))  # 0: an empty slot
        self._lines = array("i", bytes(4 * size)) if lines else None
        self._count = 0

    def first(self, key: str, line: int) -> int:
        """The line ``key`` was first seen on; ``line`` (and noted) if it is new."""
        h, i = self._slot(key)
        if self._hashes[i]:
            return self._lines[i] if self._lines is not None else 0
        self._put(h, i, line)
        return line

    def add(self, key: str) -> bool:
        """Note ``key``; whether it is new (one look-up for 'if unused, take it')."""
        h, i = self._slot(key)
        if self._hashes[i]:
            return False
        self._put(h, i, 0)
        return True

    def __contains__(self, key: str) -> bool:
        return bool(self._hashes[self._slot(key)[1]])

    def _slot(self, key: str) -> tuple[int, int]:
        """(the key's hash, its slot): where it is, or the empty slot where it would go."""
        h = _hash(key)
        hashes, mask = self._hashes, len(self._hashes) - 1
        i = h & mask
        while True:
            found = hashes[i]
            if found == 0 or found == h:
                return h, i
            i = (i + 1) & mask

    def _put(self, h: int, i: int, line: int) -> None:
        self._hashes[i] = h
        if self._lines is not None:
            self._lines[i] = min(line, 2**31 - 1)
        self._count += 1
        if self._count * 2 > len(self._hashes):
            self._grow()

    def __len__(self) -> int:
        return self._count

    def _grow(self) -> None:
        size = 2 * len(self._hashes)
        old = zip(self._hashes, self._lines if self._lines is not None else repeat(0))
        self._hashes = hashes = array("q", bytes(8 * size))
        lines = self._lines = array("i", bytes(4 * size)) if self._lines is not None else None
        mask = size - 1
        for h, line in old:
            if h:
                i = h & mask
                while hashes[i]:
                    i = (i + 1) & mask
                hashes[i] = h
                if lines is not None:
                    lines[i] = line
