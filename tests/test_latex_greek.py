"""Polytonic Greek (ὶ, ῦ, ἀ) becomes LaTeX pdflatex typesets with T1, not raw UTF-8 it stops on."""

import shutil
import subprocess

import pytest

from citex.latex import escape


@pytest.mark.parametrize("text, out", [
    ("ὶ", r"{\ensuremath{\grave{\iota}}}"),  # varia: a math accent
    ("ῦ", r"{\ensuremath{\tilde{\upsilon}}}"),  # perispomeni
    ("ἀ", r"{\ensuremath{\alpha}}"),  # a breathing has no accent command: dropped
    ("Ὰ", r"{\`{A}}"),  # capital Alpha is the letter A: a text accent
    ("ά", r"{\ensuremath{\acute\alpha}}"),  # monotonic: pylatexenc's own form, unchanged
    ("中", "中"),  # no base letter LaTeX can write: kept
])
def test_greek_letters_with_marks(text, out):
    assert escape(text) == out


@pytest.mark.skipif(not shutil.which("pdflatex"), reason="pdflatex is not installed")
def test_pdflatex_typesets_polytonic_greek(tmp_path):
    body = escape("περὶ χρωμάτων, περὶ αἰσθήσεως, ὑπνοῦ, Ἀθῆναι")
    (tmp_path / "doc.tex").write_text("\\documentclass{article}\n\\usepackage[T1]{fontenc}\n"
                                      "\\begin{document}\n%s\n\\end{document}\n" % body, encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "doc.tex"], cwd=tmp_path,
                         capture_output=True, text=True, errors="replace")
    assert run.returncode == 0, [line for line in run.stdout.splitlines() if line.startswith("!")]
