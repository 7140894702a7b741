"""pandoc (its citeproc) reads citex's CSL-JSON, CSL-YAML, BibTeX and BibLaTeX and formats them."""

import subprocess
import sys
from pathlib import Path

import pytest

from pubmed_truth import generate, write_file
from tools import PANDOC

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not PANDOC, reason="pandoc is not installed (pip install pypandoc_binary)")


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pandoc")
    write_file(generate(60), folder / "records.txt")
    return folder / "records.txt"


@pytest.mark.parametrize("to, suffix", [("csljson", ".json"), ("cslyaml", ".yaml"),
                                        ("bibtex", ".bib"), ("biblatex", ".bib")])
def test_pandoc_formats_every_record_without_warnings(tmp_path, source, to, suffix):
    bib = tmp_path / f"refs{suffix}"
    run = subprocess.run([sys.executable, "-m", "citex", "convert", source, "--to", to, "-o", bib],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    doc = tmp_path / "doc.md"
    doc.write_text("---\nnocite: '@*'\n---\n")
    out = subprocess.run([PANDOC, doc, "--citeproc", "--bibliography", bib, "-t", "plain"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stderr == "", out.stderr[-2000:]
    entries = [p for p in out.stdout.split("\n\n") if p.strip()]
    assert len(entries) == 60
