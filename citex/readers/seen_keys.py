"""The citation keys a file has used so far, in 12 bytes a key, for the duplicate-key warning.

A dict of a million keys and their lines takes about 120 MB; this open-addressing
table of 64-bit hashes and 32-bit lines takes about 25 MB. Two keys with the same
64-bit hash would be taken for one (a chance of about one in 10^7 for a million keys).
"""

from __future__ import annotations

from array import array


class SeenKeys:
    """key -> the line it was first seen on."""

    def __init__(self, size: int = 1 << 12):
        self._hashes = array("q", bytes(8 * size))  # 0: an empty slot
        self._lines = array("i", bytes(4 * size))
        self._count = 0

    def first(self, key: str, line: int) -> int:
        """The line ``key`` was first seen on; ``line`` (and noted) if it is new."""
        h = hash(key) or 1
        hashes, mask = self._hashes, len(self._hashes) - 1
        i = h & mask
        while True:
            found = hashes[i]
            if found == 0:
                hashes[i], self._lines[i] = h, min(line, 2**31 - 1)
                self._count += 1
                if self._count * 2 > len(hashes):
                    self._grow()
                return line
            if found == h:
                return self._lines[i]
            i = (i + 1) & mask

    def __len__(self) -> int:
        return self._count

    def _grow(self) -> None:
        old = zip(self._hashes, self._lines)
        size = 2 * len(self._hashes)
        self._hashes, self._lines = array("q", bytes(8 * size)), array("i", bytes(4 * size))
        hashes, lines, mask = self._hashes, self._lines, size - 1
        for h, line in old:
            if h:
                i = h & mask
                while hashes[i]:
                    i = (i + 1) & mask
                hashes[i], lines[i] = h, line
