"""The corpus (../shared/corpus) written as .bib and run through real BibTeX and Biber.

`citex convert CORPUS --to bibtex` (every record) goes through BibTeX with plain, unsrt
and plainnat; `--to biblatex` of the corpus's BibTeX/BibLaTeX test suites (Biber's,
biblatex's, BibTeX's, bibtexparser's, JabRef's, pandoc's and citation-js's: the inputs
that carry what only Biber reads, ~1,900 records) through Biber with biblatex's
authoryear style. Biber on the whole corpus takes over ten minutes of CPU, the rest of
the corpus is PubMed, RIS and CSL records the BibTeX runs and test_bib_compiles.py
cover. No error, and no warning but the kinds listed below, each with its reason and
each matched to the entries it may name, so that a new kind of warning, or a known
kind on another entry, fails. The counts are printed. pdflatex must typeset the plain
bibliography except characters that no T1 font has (CJK, a few modifier letters),
which need xelatex/lualatex.
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
from test_bib_compiles import BIBER_DOC

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


BIBER_SUITES = ("biber-tdata", "biblatex", "bibtex-base", "bibtexparser-tests", "jabref-testdata",
                "pandoc-citeproc-biblio2yaml", "citation-js-tests")
# Biber warnings that remain: message pattern -> why.
BIBER_EXPLAINED = {
    r"^ISBN '90-7002-34-5' in entry '\S+' is invalid": "BibTeX's own example file (xampl.bib) "
        "gives a nine-digit ISBN; citex keeps it as written",
    r"^Invalid or undefined BibTeX entry key": "an entry keyed '0', kept as the input has it: "
        "Biber (Perl) reads the key as false and skips the entry, which has no fields",
}
UNREADABLE_KEYS = {"0"}  # the entries that warning is about


def _run(folder, *cmd):
    return subprocess.run(cmd, cwd=folder, capture_output=True, text=True, errors="replace", timeout=1200)


def convert(folder, to, inputs=(CORPUS,)):
    run = subprocess.run([sys.executable, "-m", "citex", "convert", *inputs, "--to", to,
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


@pytest.mark.skipif(not shutil.which("biber") or subprocess.run(
    ["kpsewhich", "biblatex.sty"], capture_output=True).returncode != 0, reason="Biber/biblatex missing")
def test_biber_has_no_error_and_only_explained_warnings(tmp_path):
    bib = convert(tmp_path, "biblatex", [CORPUS / name for name in BIBER_SUITES])
    written = entries(bib)
    (tmp_path / "doc.tex").write_text(BIBER_DOC)
    _run(tmp_path, "pdflatex", "-interaction=nonstopmode", "-draftmode", "doc.tex")
    run = _run(tmp_path, "biber", "doc")
    blg = (tmp_path / "doc.blg").read_text(errors="replace")
    problems = re.findall(r"^\[\d+\] [^>]*> (WARN|ERROR) - (.*)$", blg, re.M)
    kinds = Counter(next((k for k in BIBER_EXPLAINED if re.search(k, m)), m) for _, m in problems)
    print(f"\nbiber: {len(written)} entries; warnings and errors {dict(kinds)}")
    assert run.returncode == 0 and not [m for level, m in problems if level == "ERROR"], blg[-3000:]
    unexplained = [m for _, m in problems if not any(re.search(k, m) for k in BIBER_EXPLAINED)]
    assert not unexplained, unexplained[:20]
    assert (tmp_path / "doc.bbl").read_text().count("\\entry{") == len(set(written) - UNREADABLE_KEYS)
