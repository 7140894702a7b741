"""KeyTable gives the same answers whether its keys are in memory or moved to its temporary file."""

import os
import random
import tempfile
from array import array

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
    assert table._spilled is not None and len(table._spilled) > 0.9 * len(table)  # most keys on disk
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
    monkeypatch.setattr(key_table, "_hash", lambda key: 42 if key in ("x", "y") else hash(key))
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
    reads, pread = [], os.pread
    monkeypatch.setattr(key_runs.os, "pread", lambda *a: reads.append(a) or pread(*a))
    for line in range(1, 1001):
        assert f"new{line}" not in table  # not added: no spill, no merge reads the file
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


@pytest.fixture
def tiny(monkeypatch, tmp_path):
    """Spill every 8 keys, read blocks of 5 hashes and move 100 bytes at a time, so merges
    cross block (and key) boundaries."""
    monkeypatch.setattr(key_table, "MEMORY_KEYS", 8)
    monkeypatch.setattr(key_runs, "BLOCK", 5)
    monkeypatch.setattr(key_runs, "COPY", 100)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def test_merged_runs_match_a_dict_and_stay_few(tiny):
    rng = random.Random(10)
    table, lines, spills = KeyTable(), {}, 0
    for line in range(1, 6000):
        key = f"key{rng.randrange(4000)}"
        assert table.first(key, line) == lines.setdefault(key, line)
        if table._spilled is not None:
            runs = table._spilled._runs
            spills = len(table._spilled) // 8
            counts = [count for _, count, _ in runs]
            assert counts == sorted(counts, reverse=True) and len(set(counts)) == len(counts)
            assert len(runs) == bin(spills).count("1") <= spills.bit_length()  # log2(spills) + 1
    assert spills > 200
    assert len(table) == len(lines)
    for key, line in lines.items():
        assert key in table and table.first(key, -1) == line
    for n in range(4000, 4100):
        assert f"key{n}" not in table


def test_a_merged_run_is_sorted_with_its_lines_and_index(tiny):
    rng = random.Random(11)
    spilled = key_runs.SpilledKeys()
    keys = list({rng.getrandbits(64) - 2**63 for _ in range(42)} - {1})[:41]
    expected = {}
    for size in (11, 13, 9, 4):  # 11 + 13 merge (24); 9 and 4 do not
        run = sorted(keys[:size])
        keys = keys[size:]
        expected.update((h, rng.randrange(2**31)) for h in run)
        spilled.write_run(array("q", run), array("i", [expected[h] for h in run]))
    assert [(offset, count) for offset, count, _ in spilled._runs] == [(0, 24), (288, 9), (396, 4)]
    run = sorted(keys[:4] + [1])  # 5 >= 4, and 4 + 5 >= 9: the last three merge in one pass (18)
    expected.update((h, rng.randrange(2**31)) for h in run)
    spilled.write_run(array("q", run), array("i", [expected[h] for h in run]))
    assert [(offset, count) for offset, count, _ in spilled._runs] == [(0, 24), (288, 18)]
    for offset, count, index in spilled._runs:
        merged = array("q", os.pread(spilled._fd, 8 * count, offset))
        assert list(merged) == sorted(merged) and list(index) == list(merged[::5])
        lines = array("i", os.pread(spilled._fd, 4 * count, offset + 8 * count))
        assert list(lines) == [expected[h] for h in merged]
    assert os.fstat(spilled._fd).st_size == 12 * len(expected)  # merged runs moved down, no garbage
    for h, line in expected.items():
        assert spilled.line(h) == line
    spilled.close()
