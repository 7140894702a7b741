"""citex.malloc: the allocator setting a convert run makes (glibc only)."""

import sys

import pytest

from citex import cli, malloc


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's (Linux)")
def test_pinning_is_done_on_glibc():
    assert malloc.pin_mmap_threshold() is True


def test_other_systems_are_left_alone(monkeypatch):
    monkeypatch.setattr(malloc.sys, "platform", "darwin")
    assert malloc.pin_mmap_threshold() is False


def test_no_mallopt_is_not_an_error(monkeypatch):
    import ctypes

    def missing(name):
        raise OSError(f"{name}: cannot open shared object file")

    monkeypatch.setattr(malloc.sys, "platform", "linux")
    monkeypatch.setattr(ctypes, "CDLL", missing)
    assert malloc.pin_mmap_threshold() is False


def test_convert_pins_it(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(malloc, "pin_mmap_threshold", lambda: calls.append(1) or True)
    src = tmp_path / "a.ris"
    src.write_text("TY  - JOUR\nTI  - A title\nAU  - Doe, Jane\nPY  - 2020\nER  - \n", encoding="utf-8")
    assert cli.main(["convert", str(src), "--to", "bibtex", "-o", str(tmp_path / "a.bib")]) == 0
    assert calls == [1]
    assert "A title" in (tmp_path / "a.bib").read_text(encoding="utf-8")
