"""Every record of ../shared/corpus written as one .bib and run through real BibTeX and pdflatex.

BibTeX must report no error, and only the warnings listed here, each with its reason;
the counts are printed. pdflatex must typeset every entry except characters that no
T1 font has (CJK, a few modifier letters), which need xelatex/lualatex or a CJK package.
"""

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from citex.latex import escape
from corpus import CORPUS, needs_corpus

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [needs_corpus, pytest.mark.skipif(
    not all(shutil.which(t) for t in ("pdflatex", "bibtex")), reason="TeX Live is not installed")]

# plainnat and Biber run on the generated records in test_bib_compiles.py: on the whole
# corpus plainnat overflows its a/b/c label suffixes (hundreds of test entries share one
# author-year label) and Biber takes minutes.
# Warnings BibTeX's plain style gives for data citex keeps rather than drops or invents.
ALLOWED = {
    "all relevant fields are empty": "test records with nothing but an id or an abstract",
    "can't use both author and editor fields": "plain's @book takes an author or an editor; "
                                               "citex keeps both rather than drop one",
    "can't use both volume and number fields": "plain's @book takes a volume or a series number; both kept",
    "there's a number but no series": "a report number kept without a series name",
}
DOC = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{url}
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""


def _run(folder, *cmd):
    return subprocess.run(cmd, cwd=folder, capture_output=True, text=True, errors="replace", timeout=600)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus-bib")
    run = subprocess.run([sys.executable, "-m", "citex", "convert", CORPUS, "--to", "bibtex",
                          "-o", folder / "refs.bib"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert "Traceback" not in run.stderr
    (folder / "doc.tex").write_text(DOC)
    _run(folder, "pdflatex", "-interaction=nonstopmode", "doc.tex")
    bibtex = _run(folder, "bibtex", "doc")
    latex = _run(folder, "pdflatex", "-interaction=nonstopmode", "doc.tex")
    return folder, bibtex, latex


@pytest.mark.parametrize("style", ["plain", "unsrt"])
def test_bibtex_has_no_error_and_only_explained_warnings(compiled, style):
    folder, bibtex, _ = compiled
    if style != "plain":  # BibTeX needs only an .aux naming the style, the data and \nocite{*}
        (folder / f"{style}.aux").write_text(f"\\citation{{*}}\n\\bibstyle{{{style}}}\n\\bibdata{{refs}}\n")
        bibtex = _run(folder, "bibtex", style)
    blg = (folder / f"{'doc' if style == 'plain' else style}.blg").read_text(errors="replace")
    entries = (folder / "refs.bib").read_text().count("\n@") + 1
    warnings = Counter(re.sub(r" in \S+$", "", w) for w in re.findall(r"^Warning--(.*)$", blg, re.M))
    print(f"\n{entries} entries; BibTeX warnings: {dict(warnings)}")
    assert bibtex.returncode == 0 and "error message" not in blg, blg[-2000:]
    assert set(warnings) <= set(ALLOWED), set(warnings) - set(ALLOWED)
    assert sum(warnings.values()) < entries / 50


def test_pdflatex_typesets_everything_t1_can_hold(compiled):
    folder, _, _ = compiled
    log = (folder / "doc.log").read_text(errors="replace")
    errors = re.findall(r"^! (.*)$", log, re.M)
    unicode_missing = [e for e in errors if e.startswith("LaTeX Error: Unicode character")]
    other = [e for e in errors if e not in unicode_missing]
    assert not other, other[:10]
    missing = {chr(int(re.search(r"\(U\+([0-9A-F]+)\)", e).group(1), 16)) for e in unicode_missing}
    # Allowed only where no LaTeX text command exists, so citex had to keep the character
    # itself (CJK, ★, modifier letters): those need xelatex/lualatex or extra packages.
    encodable = sorted(c for c in missing if escape(c) != c)
    print(f"characters pdflatex lacks: {len(missing)}, of which citex could have encoded: {encodable}")
    assert not encodable
