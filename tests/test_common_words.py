"""citex.repairs.common_words: the shipped Webster list and its binary search."""

import importlib.util
from importlib import resources

import pytest

from citex.repairs import common_words
from citex.repairs.common_words import SortedWords, is_common


def _shipped() -> bytes:
    return resources.files("citex").joinpath("data/web2.txt").read_bytes()


@pytest.mark.skipif(importlib.util.find_spec("english_words") is None,
                    reason="english-words (a test dependency) is not installed")
def test_the_shipped_list_is_the_packages_lowercase_web2():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    try:
        import build_webster
    finally:
        sys.path.pop(0)
    assert _shipped() == b"\n".join(build_webster.words()) + b"\n"


def test_every_word_is_found_and_nothing_else():
    lines = _shipped().split(b"\n")[:-1]
    assert lines == sorted(lines) and len(lines) > 200_000
    words = SortedWords(_shipped())
    every = [w.decode() for w in lines]
    assert all(w in words for w in every)
    # neighbours of every word that are not words themselves: before, after, within
    shipped = set(every)
    near = {w + "q" for w in every[::7]} | {w[:-1] for w in every[::5]} | {"", "zzzzz", "Aa", "ab\n", "é"}
    assert not any(w in words for w in near - shipped)


@pytest.mark.parametrize("text", [b"", b"m\n", b"b\nd\n"])
def test_small_lists(text):
    words = SortedWords(text)
    present = set(text.decode().split())
    for w in ["a", "b", "c", "d", "e", "m", ""]:
        assert (w in words) == (w in present)


def test_common_words_come_from_webster():
    # past the hand-made list: words only Webster knows, and names it does not
    assert "oncology" not in common_words.WORDS and is_common("ONCOLOGY")
    assert is_common("Deficiencies")  # a stem: deficiency
    assert not is_common("PARKINSON") and not is_common("LEVODOPA")
