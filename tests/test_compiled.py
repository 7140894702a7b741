"""The installed citex, compiled by setup.py (Cython), against this tree's Python source.

``pip install .`` compiles citex's modules where a C compiler is at hand; the rest of
the suite imports the source tree (``.ci/run`` also runs it on the installed build).
Here both builds convert the same inputs -- tests/data and real exports of
``../shared/corpus`` -- to each format, one process and two, and must give the same
bytes and the same diagnostics.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CITEX_SHARED") or ROOT.parent / "shared")
# Real exports of every input format, a few MB in all.
CORPUS = ("citesource-ris", "asreview-ris", "bib-nime-proceedings/paper_proceedings", "bibtex-base",
          "pubmed-xml-nlm-sample", "nbib-tests", "manubot-csl-json")


def _env(source: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH")}
    env["PYTHONHASHSEED"] = "0"
    if source:
        env["PYTHONPATH"] = str(ROOT)
    else:
        env["PYTHONSAFEPATH"] = "1"  # neither the working folder nor a script's: the installed package
    return env


def _installed_module() -> str:
    done = subprocess.run([sys.executable, "-c", "import citex.pipeline as m; print(m.__file__)"],
                          capture_output=True, text=True, env=_env(source=False), cwd="/")
    return done.stdout.strip()


@pytest.fixture(scope="module")
def compiled() -> None:
    where = _installed_module()
    if not where:
        pytest.skip("citex is not installed (pip install .)")
    if where.endswith(".py"):
        pytest.skip(f"the installed citex is plain Python ({where}): no C compiler, or CITEX_PURE=1")


def _convert(source: bool, inputs: list[Path], to: str, jobs: str, out: Path) -> tuple[int, str, bytes]:
    done = subprocess.run([sys.executable, "-m", "citex", "convert", *map(str, inputs), "--to", to,
                           "--jobs", jobs, "-o", str(out)], capture_output=True, text=True,
                          env=_env(source), cwd=out.parent)
    return done.returncode, done.stderr, out.read_bytes() if out.exists() else b""


def _both(inputs: list[Path], to: str, jobs: str, out: Path) -> tuple[tuple, tuple]:
    """The source tree's run and the installed build's, each writing ``out``'s name in its folder."""
    runs = []
    for source in (True, False):
        folder = out.parent / ("source" if source else "installed")
        folder.mkdir(exist_ok=True)
        runs.append(_convert(source, inputs, to, jobs, folder / out.name))
    return runs[0], runs[1]


def _inputs() -> list[Path]:
    found = sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir() and p.name != "hostile")
    if (SHARED / "corpus").is_dir():
        found += [SHARED / "corpus" / name for name in CORPUS if (SHARED / "corpus" / name).is_dir()]
    return found


@pytest.mark.parametrize("to,jobs", [("bibtex", "1"), ("csljson", "1"), ("ris", "1"), ("bibtex", "2")])
def test_the_compiled_build_writes_what_the_source_writes(compiled, tmp_path, to, jobs):
    source, built = _both(_inputs(), to, jobs, tmp_path / f"out.{to}")
    assert source[2], f"the source tree wrote nothing: {source[1][-2000:]}"
    assert "read " in source[1].splitlines()[-1], source[1][-2000:]
    assert built[0] == source[0]
    assert built[1] == source[1]  # every diagnostic, and the read/wrote/skipped counts
    assert built[2] == source[2]


def test_the_hostile_inputs_fail_alike(compiled, tmp_path):
    """Entity bombs, external entities and the like: the same refusals from both builds."""
    hostile = [p for p in sorted((ROOT / "tests" / "data" / "hostile").iterdir()) if p.suffix == ".xml"]
    assert hostile
    for path in hostile:
        source, built = _both([path], "csljson", "1", tmp_path / f"{path.stem}.json")
        assert built == source, path.name


def test_values_nested_100000_deep_are_read_alike(compiled, tmp_path):
    """Compiled calls recurse on the C stack, with no recursion limit: a module that follows the
    input's nesting must stay Python (setup.py), where RecursionError is caught, or the process
    dies. Braces, LaTeX commands and HTML tags nested 100,000 deep."""
    depth = 100_000
    inputs = {"braces.bib": "@article{a, title = {" + "{" * depth + "x" + "}" * depth + "}, year = 2020}\n",
              "commands.bib": "@article{b, title = {" + "\\emph{" * depth + "x" + "}" * depth + "}, year = 2020}\n",
              "tags.json": '[{"id": "c", "type": "article", "title": "' + "<i>" * depth + "x" + "</i>" * depth + '"}]'}
    for name, text in inputs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        source, built = _both([tmp_path / name], "bibtex", "1", tmp_path / f"{name}.bib")
        assert built[0] == 0, (name, built[1][-500:])  # -11 when the stack overflowed
        assert built == source, name
