"""The keys one run has seen so far, in memory that does not grow with the run.

A set or dict of a million keys takes over 100 MB. This table holds the 64-bit hash of each
key, with a number (a line), in a dict of up to MEMORY_KEYS keys (8,192: under 1 MB); then it
moves them, sorted, to a temporary file (``key_runs.SpilledKeys``, 1 MB of Bloom filter in
memory, runs merged so they stay few) and starts again empty. So a run of 10,000 keys needs
what a run of a million does, about 2 MB. The reader's duplicate-key warning and the writers'
unique citation keys both use it. The hash is blake2b's, the same on every run and machine
(Python's own str hash is salted per process), so a collision — about one chance in 10^7
for a million keys — does the same thing every time: the two keys count as one (a
duplicate-key warning names the other's line; a citation key gets a letter it did not need,
never a key already used).
"""

from __future__ import annotations

from array import array
try:  # hashlib's own blake2b, without hashlib loading OpenSSL's library (2.6 ms of a run's start)
    from _blake2 import blake2b
except ImportError:  # another Python
    from hashlib import blake2b

from .key_runs import SpilledKeys

MEMORY_KEYS = 1 << 13  # keys held in memory before they move to the file (each move: < 1 MB transient)


def _hash(key: str) -> int:
    return int.from_bytes(blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)


class KeyTable:
    """key -> the line it was first seen on; also a set of keys (``in``, ``add``).

    ``lines=False`` keeps no lines: a set of keys, where ``first`` gives 0.
    """

    def __init__(self, lines: bool = True):
        # hash -> line (0 without lines). A dict, not an array of slots probed in Python: a
        # look-up costs a third, for 600 KB more at its fullest.
        self._memory: dict[int, int] = {}
        self._lines = lines
        self._spilled: SpilledKeys | None = None  # the keys moved out of memory, once there are any

    def first(self, key: str, line: int) -> int:
        """The line ``key`` was first seen on; ``line`` (and noted) if it is new."""
        h = _hash(key)
        seen = self._memory.get(h)
        if seen is None and self._spilled is not None:
            seen = self._spilled.line(h)
        if seen is not None:
            return seen if self._lines else 0
        self._put(h, line)
        return line

    def add(self, key: str) -> bool:
        """Note ``key``; whether it is new (one look-up for 'if unused, take it')."""
        h = _hash(key)
        if h in self._memory or (self._spilled is not None and self._spilled.line(h) is not None):
            return False
        self._put(h, 0)
        return True

    def __contains__(self, key: str) -> bool:
        h = _hash(key)
        return h in self._memory or (self._spilled is not None and self._spilled.line(h) is not None)

    def close(self) -> None:
        """Remove the temporary file, if keys were moved there; the table is empty after."""
        if self._spilled is not None:
            self._spilled.close()
            self._spilled = None
        self._memory = {}

    def __enter__(self) -> KeyTable:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _put(self, h: int, line: int) -> None:
        memory = self._memory
        memory[h] = min(line, 2**31 - 1) if self._lines else 0
        if len(memory) >= MEMORY_KEYS:
            self._spill()

    def __len__(self) -> int:
        return len(self._memory) + (len(self._spilled) if self._spilled is not None else 0)

    def _spill(self) -> None:
        """Move the keys in memory to the file, sorted by hash; memory starts again empty."""
        items = sorted(self._memory.items())
        self._memory = {}
        hashes = array("q", [h for h, _ in items])
        lines = array("i", [line for _, line in items])  # lines are 0 .. 2^31 - 1 (_put)
        del items
        if self._spilled is None:
            self._spilled = SpilledKeys()
        self._spilled.write_run(hashes, lines)
