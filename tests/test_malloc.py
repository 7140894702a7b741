"""citex.malloc: the allocator settings a convert run makes (glibc only), and the collector's."""

import gc
import subprocess
import sys
import textwrap

import pytest

from citex import cli, malloc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's (Linux)")
def test_settings_are_made_on_glibc():
    assert malloc.steady_heap() is True


# In a fresh process: blocks of a few hundred KB allocated and freed over and over, as a
# chunk's buffers are, after the heap has grown once (as a run's records make it). Prints
# the page faults they cost.
_CHURN = textwrap.dedent("""
    import resource, sys
    from citex import malloc
    if sys.argv[1] == "steady":
        assert malloc.steady_heap()
    else:  # the threshold pinned alone, as before the pad
        import ctypes
        ctypes.CDLL("libc.so.6").mallopt(malloc.M_MMAP_THRESHOLD, malloc.THRESHOLD)
    grown = [bytes(1000 + i % 7) for i in range(2000)]
    del grown
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(100):
        block, text = bytearray(600_000), bytes(300_000)
        del block, text
    print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's (Linux)")
def test_freed_big_blocks_are_not_faulted_in_again():
    def faults(mode):
        run = subprocess.run([sys.executable, "-c", _CHURN, mode], capture_output=True, text=True, check=True)
        return int(run.stdout)

    pages = 100 * (600_000 + 300_000) // 4096
    assert faults("pinned") > pages // 2  # each block mapped and faulted in afresh
    assert faults("steady") < pages // 20  # the same pages, kept at the heap's top


def test_other_systems_are_left_alone(monkeypatch):
    monkeypatch.setattr(malloc.sys, "platform", "darwin")
    assert malloc.steady_heap() is False


def test_no_mallopt_is_not_an_error(monkeypatch):
    import ctypes

    def missing(name):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(malloc.sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", missing)
    assert malloc.steady_heap() is False


def test_convert_makes_them(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(malloc, "steady_heap", lambda: calls.append(1) or True)
    src = tmp_path / "a.ris"
    src.write_text("TY  - JOUR\nTI  - A title\nAU  - Doe, Jane\nPY  - 2020\nER  - \n", encoding="utf-8")
    gc.set_threshold(700, 10, 10)
    assert cli.main(["convert", str(src), "--to", "bibtex", "-o", str(tmp_path / "a.bib")]) == 0
    assert calls == [1]
    assert gc.get_threshold() == (malloc.YOUNG, 20, 20)  # the collector's, set by the same call
    assert "A title" in (tmp_path / "a.bib").read_text(encoding="utf-8")


def test_rare_collections_sets_the_thresholds_and_gives_the_old_ones():
    gc.set_threshold(700, 10, 10)
    assert malloc.rare_collections() == (700, 10, 10)
    assert gc.get_threshold() == (malloc.YOUNG, 20, 20)
