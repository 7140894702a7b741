"""Every record of ../shared/corpus written as one .bib and run through real BibTeX and Biber.

`citex convert CORPUS --to bibtex` goes through BibTeX with plain, unsrt and plainnat,
and `--to biblatex` through Biber (biblatex, authoryear). No error, and no warning but
the kinds listed below, each with its reason and each matched to the entries it may
name, so that a new kind of warning, or a known kind on another entry, fails. The
counts are printed. pdflatex must typeset the plain bibliography except characters
that no T1 font has (CJK, a few modifier letters), which need xelatex/lualatex.
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

# BibTeX warnings that remain, why, and which entries may have them (see `_explained`).
EXPLAINED = {
    "all relevant fields are empty": "a record with no author, title, date, container or "
                                     "note (the corpus's field-by-field test records): "
                                     "nothing a style prints; citex says so (bibtex-empty)",
    "empty year": "plainnat: a record with no date; citex does not invent one",
}
# plainnat labels the entries that share an author and year 2020a, 2020b ... with
# letters counted up from "a": past the 30th it runs out of ASCII and BibTeX stops
# with an error for each further entry. The corpus has test files that repeat one
# author and year 39 to 63 times; a real bibliography never comes near.
LABEL_OVERFLOW = re.compile(r"^\d+ isn't valid ASCII for entry (\S+)\nwhile executing---line \d+ of file plainnat\.bst",
                            re.M)
SUFFIXES = 30
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
    return subprocess.run(cmd, cwd=folder, capture_output=True, text=True, errors="replace", timeout=1200)


def convert(folder, to):
    run = subprocess.run([sys.executable, "-m", "citex", "convert", CORPUS, "--to", to,
                          "-o", folder / "refs.bib"], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert "Traceback" not in run.stderr and (folder / "refs.bib").exists(), run.stderr[-2000:]
    return folder / "refs.bib"


def entries(bib: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """key -> (entry type, {field: value}) of the .bib citex wrote (one field a line)."""
    out = {}
    for kind, key, body in re.findall(r"^@(\w+)\{([^,\n]+),\n(.*?)^\}", bib.read_text(), re.M | re.S):
        out[key] = (kind, dict(re.findall(r"^  (\w+)\s*= (.*?),?$", body, re.M)))
    return out


def _explained(kind: str, entry: tuple[str, dict[str, str]]) -> bool:
    """Whether the written entry is one the warning `kind` is explained for."""
    entry_type, fields = entry
    if kind == "all relevant fields are empty":  # what plain's @misc prints, all missing
        return entry_type == "misc" and not set(fields) & {"author", "title", "howpublished",
                                                            "month", "year", "note"}
    return kind == "empty year" and "year" not in fields


@pytest.fixture(scope="module")
def bibtex(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus-bibtex")
    bib = convert(folder, "bibtex")
    (folder / "doc.tex").write_text(DOC)
    _run(folder, "pdflatex", "-interaction=nonstopmode", "-draftmode", "doc.tex")
    _run(folder, "bibtex", "doc")
    _run(folder, "pdflatex", "-interaction=nonstopmode", "doc.tex")
    return folder, entries(bib)


def _labels(bbl: str) -> Counter:
    """How many entries share each plainnat label (author-year, without the a/b/c)."""
    labels = re.findall(r"^\\bibitem\[(.*?)\]\{[^}\n]*\}$", bbl, re.M | re.S)
    return Counter(" ".join(re.sub(r"\{\\natexlab\{.*?\}\}", "", x, flags=re.S).split()) for x in labels)


@pytest.mark.parametrize("style", ["plain", "unsrt", "plainnat"])
def test_bibtex_has_no_error_and_only_explained_warnings(bibtex, style):
    folder, written = bibtex
    if style == "plain":
        blg = (folder / "doc.blg").read_text(errors="replace")
        bbl = (folder / "doc.bbl").read_text(errors="replace")
    else:  # BibTeX needs only an .aux naming the style, the data and \nocite{*}
        (folder / f"{style}.aux").write_text(f"\\citation{{*}}\n\\bibstyle{{{style}}}\n\\bibdata{{refs}}\n")
        _run(folder, "bibtex", style)
        blg = (folder / f"{style}.blg").read_text(errors="replace")
        bbl = (folder / f"{style}.bbl").read_text(errors="replace")
    warnings = re.findall(r"^Warning--(.*) in (\S+)$", blg, re.M)
    print(f"\n{style}: {len(written)} entries; warnings {dict(Counter(w for w, _ in warnings))}")
    unexplained = [(w, k) for w, k in warnings if w not in EXPLAINED or not _explained(w, written[k])]
    assert not unexplained, unexplained[:20]
    assert bbl.count(r"\bibitem") == len(written)
    overflow = LABEL_OVERFLOW.findall(blg)
    errors = int((re.search(r"^\(There (?:was|were) (\d+) error", blg, re.M) or [0, 0])[1])
    print(f"{style}: errors {errors}, of which plainnat label overflow {len(overflow)}")
    expected = sum(max(0, n - SUFFIXES) for n in _labels(bbl).values()) if style == "plainnat" else 0
    assert errors == len(overflow) == expected, blg[-3000:]


def test_pdflatex_typesets_everything_t1_can_hold(bibtex):
    folder, _ = bibtex
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
