"""KeyTable gives the same answers whether its keys are in memory or moved to its temporary file."""

import os
import random
import tempfile

import pytest

from citex import key_runs, key_table
from citex.key_table import KeyTable


@pytest.fixture
def small(monkeypatch, tmp_path):
    """Spill every 50 keys, into a temporary directory of the test's own."""
    monkeypatch.setattr(key_table, "MEMORY_KEYS", 50)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_first_lines_match_a_dict_across_spills(small):
    rng = random.Random(8)
    table, lines = KeyTable(), {}
    for line in range(1, 5000):
        key = f"key{rng.randrange(1500)}"
        assert table.first(key, line) == lines.setdefault(key, line)
    assert len(table) == len(lines)
    assert table._spilled is not None and len(table._spilled._runs) > 10  # most keys on disk
    for key in ("key0", "key1499", "absent", ""):
        assert (key in table) == (key in lines)


def test_add_matches_a_set_across_spills(small):
    rng = random.Random(9)
    table, seen = KeyTable(lines=False), set()
    for _ in range(5000):
        key = "".join(rng.choice("ab") for _ in range(rng.randrange(1, 12)))
        assert table.add(key) == (key not in seen)
        seen.add(key)
        assert table.first(key, 7) == 0  # a table without lines gives 0 for a key it holds
    assert len(table) == len(seen)


def test_colliding_hashes_count_as_one_key_on_disk_too(small, monkeypatch):
    monkeypatch.setattr(key_table, "_hash", lambda key: 42 if key in ("x", "y") else hash(key) or 1)
    table = KeyTable()
    assert table.first("x", 3) == 3
    for line in range(10, 200):  # "x" moves to the file
        table.first(f"filler{line}", line)
    assert table._spilled is not None
    assert table.first("y", 500) == 3  # the same hash: the line of the first


def test_bloom_filter_lets_new_keys_skip_the_file(small, monkeypatch):
    table = KeyTable()
    for line in range(1, 1001):
        table.first(f"k{line}", line)
    reads = []
    monkeypatch.setattr(key_runs.os, "pread", lambda *a: reads.append(a) or os.pread(*a))
    for line in range(1, 1001):
        table.first(f"new{line}", line)
    assert len(reads) < 100  # a few false positives, not a read for every key


def test_close_removes_the_temporary_file(small):
    table = KeyTable()
    for line in range(1, 500):
        table.first(f"k{line}", line)
    spilled = table._spilled
    assert spilled is not None and os.listdir(small) == []  # unlinked as soon as made
    fd = spilled._fd
    os.fstat(fd)
    table.close()
    with pytest.raises(OSError):
        os.fstat(fd)
    assert len(table) == 0 and "k1" not in table
