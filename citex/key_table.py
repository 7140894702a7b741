"""The keys one run has seen so far, in memory that does not grow with the run.

A set or dict of a million keys takes over 100 MB. This open-addressing table of 64-bit
hashes, each with a 32-bit number (a line), holds up to MEMORY_KEYS keys (8,192: 16,384
slots, 192 KB); then it moves them, sorted, to a temporary file (``key_runs.SpilledKeys``,
1 MB of Bloom filter in memory, runs merged so they stay few) and starts again empty. So
small a table is full already at 10,000 keys: a run of 10,000 keys needs what a run of a
million does, about 1.3 MB. The reader's duplicate-key warning and the writers' unique
citation keys both use it. The hash is blake2b's, the same on every run and machine
(Python's own str hash is salted per process), so a collision — about one chance in 10^7
for a million keys — does the same thing every time: the two keys count as one (a
duplicate-key warning names the other's line; a citation key gets a letter it did not need,
never a key already used).
"""

from __future__ import annotations

from array import array
from itertools import repeat
from hashlib import blake2b

from .key_runs import SpilledKeys

MEMORY_KEYS = 1 << 13  # keys held in memory before they move to the file (each move: < 1 MB transient)


def _hash(key: str) -> int:
    return int.from_bytes(blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True) or 1  # 0 marks an empty slot


class KeyTable:
    """key -> the line it was first seen on; also a set of keys (``in``, ``add``).

    ``lines=False`` keeps no lines (8 bytes a key): a set of keys, where ``first`` gives 0.
    """

    def __init__(self, size: int = 1 << 12, lines: bool = True):
        self._size = size
        self._hashes = array("q", bytes(8 * size))  # 0: an empty slot
        self._lines = array("i", bytes(4 * size)) if lines else None
        self._count = 0
        self._spilled: SpilledKeys | None = None  # the keys moved out of memory, once there are any

    def first(self, key: str, line: int) -> int:
        """The line ``key`` was first seen on; ``line`` (and noted) if it is new."""
        h, i = self._slot(key)
        if self._hashes[i]:
            return self._lines[i] if self._lines is not None else 0
        if self._spilled is not None:
            seen = self._spilled.line(h)
            if seen is not None:
                return seen if self._lines is not None else 0
        self._put(h, i, line)
        return line

    def add(self, key: str) -> bool:
        """Note ``key``; whether it is new (one look-up for 'if unused, take it')."""
        h, i = self._slot(key)
        if self._hashes[i] or (self._spilled is not None and self._spilled.line(h) is not None):
            return False
        self._put(h, i, 0)
        return True

    def __contains__(self, key: str) -> bool:
        h, i = self._slot(key)
        return bool(self._hashes[i]) or (self._spilled is not None and self._spilled.line(h) is not None)

    def close(self) -> None:
        """Remove the temporary file, if keys were moved there; the table is empty after."""
        if self._spilled is not None:
            self._spilled.close()
            self._spilled = None
        self._hashes = array("q", bytes(8 * self._size))
        self._lines = array("i", bytes(4 * self._size)) if self._lines is not None else None
        self._count = 0

    def __enter__(self) -> KeyTable:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        if self._count >= MEMORY_KEYS:
            self._spill()
        elif self._count * 2 > len(self._hashes):
            self._grow()

    def __len__(self) -> int:
        return self._count + (len(self._spilled) if self._spilled is not None else 0)

    def _spill(self) -> None:
        """Move the keys in memory to the file, sorted by hash; memory starts again empty
        (at its largest size: it will fill again)."""
        if self._lines is None:
            hashes = array("q", sorted(filter(None, self._hashes)))
            lines = array("i", bytes(4 * len(hashes)))
        else:  # one int a key, ordered as its hash: a third of the memory of (hash, line) tuples
            packed = sorted([(h + (1 << 63)) << 32 | line for h, line in zip(self._hashes, self._lines) if h])
            hashes = array("q", [(p >> 32) - (1 << 63) for p in packed])
            lines = array("i", [p & 0xFFFFFFFF for p in packed])  # lines are 0 .. 2^31 - 1 (_put)
            del packed
        if self._spilled is None:
            self._spilled = SpilledKeys()
        self._spilled.write_run(hashes, lines)
        del hashes, lines
        size = len(self._hashes)
        self._hashes = array("q", bytes(8 * size))
        if self._lines is not None:
            self._lines = array("i", bytes(4 * size))
        self._count = 0

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
