"""setup.py's plain Python installs: without a C compiler, with CITEX_PURE=1, and after a
compiled build left its modules in the build folder (pip builds in the source tree and
installs everything it finds there). Each builds a wheel of a copy of this tree with pip;
the compiled build itself is tested by tests/test_compiled.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """A copy of what a clone holds that a build reads."""
    copy = tmp_path_factory.mktemp("tree")
    for name in ("citex", "templates", "styles"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", f"*{SUFFIX}"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, copy / name)
    return copy


def _wheel(tree: Path, out: Path, **env: str) -> tuple[list[str], str]:
    """The wheel's file names and pip's output."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(tree)],
                          capture_output=True, text=True, env={**os.environ, **env}, cwd=tree)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    return zipfile.ZipFile(wheel).namelist(), done.stdout + done.stderr


def _modules(names: list[str]) -> tuple[int, int]:
    return (sum(n.endswith(SUFFIX) for n in names), sum(n.endswith(".py") for n in names))


def test_without_a_compiler_citex_installs_as_python(tree, tmp_path):
    names, log = _wheel(tree, tmp_path, CC="no-such-c-compiler")
    compiled, python = _modules(names)
    assert compiled == 0
    assert python == len(list((tree / "citex").rglob("*.py")))
    assert "no C compiler or no Python headers (Python.h): citex is installed as plain Python" in log
    assert "citex/templates/bibtex.j2" in names and "citex/data/journals.tsv" in names


def test_modules_an_earlier_build_compiled_are_not_installed_when_no_longer_compiled(tree, tmp_path):
    names, _ = _wheel(tree, tmp_path / "first", CITEX_PURE="1")
    (build_lib,) = [p for p in (tree / "build").glob("lib*") if (p / "citex").is_dir()]
    stale = [build_lib / "citex" / f"model{SUFFIX}", build_lib / "citex" / f"gone{SUFFIX}"]
    for path in stale:  # as a compiled build, or one of a module deleted since, leaves them
        path.write_bytes(b"not a module")
    names, log = _wheel(tree, tmp_path / "second", CITEX_PURE="1")
    assert _modules(names)[0] == 0
    assert "CITEX_PURE=1: citex is installed as plain Python" in log
    assert not any(path.exists() for path in stale)
