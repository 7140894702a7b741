"""Pathological inputs finish: each case runs the whole pipeline (read, repair, every text
writer) in a child process that is killed if it runs past its timeout.

The sizes are modest, but large enough that the quadratic or exponential behaviour each
case once had (see the comments) would run far past the timeout; the linear code takes
well under a second a case. How time grows with size is measured by
``benchmarks/hostile_scaling.py``, not here (no timed assertions in tests).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import hostile_scaling as bench  # noqa: E402  (the benchmark's inputs and templates)

# (format, field, bait unit, repeats): the regex bait that once hung or crawled, found by
# ``hostile_scaling.py --probe``.
BAIT = [
    ("pubmed-text", "author", "a-", 3000),         # NLM person pattern: exponential backtracking
    ("pubmed-text", "author", "a. ", 10000),       # split_title_journal over every sentence: cubic
    ("pubmed-text", "author", ". ", 10000),
    ("pubmed-text", "title", ". ", 10000),         # title-with-journal tail after every break
    ("pubmed-text", "source", "U.S. ", 10000),     # the 'not an end' search from the start: quadratic
    ("ris", "title", "word ", 10000),              # title said twice: every prefix folded
    ("ris", "title", "a b. ", 10000),              # title-with-authors/-journal tails
    ("ris", "title", "PMID: ", 10000),             # ALL-CAPS recase: sentence start from the start
    ("ris", "journal", "\\'{", 5000),              # LaTeX decoder recursion
    ("ris", "pages", "<i>", 10000),                # unclosed rich-text tags moved up level by level
    ("medline", "title", "PMID: ", 10000),
    ("wos", "abstract", "<i>", 10000),
    ("bibtex", "title", "{", 10000),
    ("bibtex", "title", "\\'{", 5000),
    ("csljson", "title", "[", 10000),
    ("cslyaml", "abstract", "[a", 10000),          # Markdown bracketed spans: quadratic
    ("cslyaml", "abstract", "*a ", 8000),         # Markdown emphasis openers: quadratic
    ("cslyaml", "author", "**a ", 8000),
    ("endnote-xml", "title", "<i>", 5000),
    ("pubmed-xml", "title", "a. ", 10000),
]

NAMED_SIZE = 20_000  # characters


def _cases(fmt: str) -> list[tuple[str, str]]:
    """(name, text) of every case for one format: the bait above and the named inputs."""
    cases = [(f"{field} {unit!r} x{n}", bench.fill(fmt, field, unit * n)) for f, field, unit, n in BAIT if f == fmt]
    cases += [(name, make(NAMED_SIZE)) for name, (f, make) in bench.NAMED.items() if f == fmt]
    return cases


@pytest.mark.parametrize("fmt", sorted(bench.TEMPLATES))
def test_pathological_inputs_finish(fmt):
    """One child per format runs its cases in turn, naming each before it starts: a case that
    hangs is named by the timeout's message."""
    code = ("import json, sys; sys.path.insert(0, 'benchmarks'); import hostile_scaling as b\n"
            "for name, text in json.load(sys.stdin):\n"
            "    print(name, flush=True)\n"
            "    b.run_pipeline(sys.argv[1], text)\n")
    cases = _cases(fmt)
    try:
        run = subprocess.run([sys.executable, "-c", code, fmt], input=json.dumps(cases), capture_output=True,
                             text=True, cwd=ROOT, timeout=30 + 15 * len(cases))
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        pytest.fail(f"{fmt}: did not finish; the last case started: {out.strip().splitlines()[-1:]}")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.stdout.split("\n")[:-1] == [name for name, _ in cases]


def test_deep_nesting_and_huge_numbers_through_the_cli(tmp_path):
    """10,000-deep braces and brackets, and numbers of 5,000 digits, in every format's file."""
    files = {
        "deep.bib": "@article{k, title = " + "{" * 10000 + "x" + "}" * 10000 + ", year = " + "9" * 5000 + "}\n",
        "deep.json": '[{"id": "k", "title": "t", "note": ' + "[" * 10000 + "]" * 10000 + "}]",
        "deep.xml": bench.fill("pubmed-xml", None, "").replace("<ArticleTitle>", "<ArticleTitle>" + "<i>" * 10000
                                                                + "</i>" * 10000),
        "deep_rich.json": '[{"id": "r", "type": "book", "title": "' + "<i>" * 10000 + "x" + "</i>" * 10000 + '"}]',
        "huge.ris": "TY  - JOUR\nPY  - " + "9" * 5000 + "\nDA  - " + "9" * 5000 + "/01/01/\nER  - \n",
        "huge.nbib": "PMID- " + "9" * 5000 + "\nDP  - " + "9" * 5000 + " Jan\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    run = subprocess.run([sys.executable, "-m", "citex", "convert", tmp_path, "--to", "csljson"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "Traceback" not in run.stderr and run.returncode in (0, 1), run.stderr[-3000:]
    assert run.stderr.strip().splitlines()[-1].startswith("read ")
    for to in ("bibtex", "ris", "cslyaml"):  # rich text 10,000 deep is written, not skipped
        deep = subprocess.run([sys.executable, "-m", "citex", "convert", tmp_path / "deep_rich.json", "--to", to],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert deep.returncode == 0 and deep.stderr.strip().endswith("read 1, wrote 1, skipped 0"), deep.stderr[-2000:]
    fmt = subprocess.run([sys.executable, "-m", "citex", "format", tmp_path / "deep_rich.json", "--to", "html"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert fmt.returncode == 0 and "Traceback" not in fmt.stderr, fmt.stderr[-2000:]
