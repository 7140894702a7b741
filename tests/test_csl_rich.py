"""RTF and LaTeX bibliographies (citex.csl_rich, the rtf and latex writers), read back by real readers."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from citex.csl_markup import MARKS
from citex.csl_rich import converter, rtf_document, to_latex, to_rtf
from citex.errors import UnknownName
from citex.model import Date, Name, Record
from citex.pipeline import dumps
from citex.registry import WRITERS


def marked(style: str, text: str) -> str:
    return MARKS[style][0] + text + MARKS[style][1]


def records() -> list[Record]:
    return [
        Record(fields={"title": "Ångström rays in Šibenik: 50% of {cases} & <i>E. coli</i>",
                       "author": [Name("Ødegård", "Åse")], "container-title": "Acta Physica",
                       "issued": Date([[2020]]), "volume": "15", "page": "1011-1015"}, id="ode2020"),
        Record(type="book", fields={"title": "Costs_and #benefits", "author": [Name("Brown", "Carl")],
                                    "publisher": "Springer", "issued": Date([[2018]])}, id="brown2018"),
    ]


def test_rtf_escapes_specials_and_non_ascii():
    assert to_rtf("a{b}\\c") == r"a\{b\}\\c"
    assert to_rtf("Šé–") == r"\u352 ?\u233 ?\u8211 ?"
    assert to_rtf("😀") == r"\u-10179 ?\u-8704 ?"  # a surrogate pair, each unit a signed 16-bit number
    assert to_rtf("x").isascii() and to_rtf("Ødegård “q”").isascii()


def test_rtf_markup_becomes_groups():
    text = f"{marked('italic', 'It')} {marked('bold', 'Bd')} x{marked('superscript', '2')} " \
           f"H{marked('subscript', '2')}O {marked('small-caps', 'Caps')}"
    assert to_rtf(text) == r"{\i It} {\b Bd} x{\super 2} H{\sub 2}O {\scaps Caps}"


def test_latex_escapes_specials_and_keeps_utf8():
    assert to_latex(r"50% & $5 #1 a_b {x} ~^ \ <>|") == (
        r"50\% \& \$5 \#1 a\_b \{x\} \textasciitilde{}\textasciicircum{} \textbackslash{} "
        r"\textless{}\textgreater{}\textbar{}")
    assert to_latex("Ødegård – “q”") == "Ødegård – “q”"


def test_latex_markup_becomes_commands():
    text = f"{marked('italic', 'It')} {marked('bold', 'Bd')} x{marked('superscript', '2')} " \
           f"{marked('small-caps', 'Caps')} H{marked('subscript', '2')}O"
    assert to_latex(text) == r"\textit{It} \textbf{Bd} x\textsuperscript{2} \textsc{Caps} H\textsubscript{2}O"


def test_converter_names_every_output():
    assert converter("latex") is to_latex and converter("rtf") is to_rtf
    with pytest.raises(UnknownName, match="did you mean rtf"):
        converter("rft")


def test_writers_are_registered_with_extensions():
    assert WRITERS.entry("rtf").meta["extension"] == ".rtf"
    assert WRITERS.entry("latex").meta["extension"] == ".tex"


def pandoc(rtf: str, to: str) -> str:
    pypandoc = pytest.importorskip("pypandoc")
    return pypandoc.convert_text(rtf, to, format="rtf", extra_args=["--wrap=none"])


def test_pandoc_reads_the_rtf_bibliography_with_its_markup():
    rtf = dumps(records(), "rtf", style="apa")
    assert rtf.startswith("{\\rtf1") and rtf.rstrip().endswith("}") and rtf.isascii()
    html = pandoc(rtf, "html")
    assert "<p>Brown, C. (2018). <em>Costs_and #benefits</em>. Springer.</p>" in html
    assert "Ødegård, Å. (2020). Ångström rays in Šibenik: 50% of {cases} &amp; <em>E. coli</em>." in html
    assert "<em>Acta Physica</em>, <em>15</em>, 1011–1015." in html


def test_pandoc_reads_superscript_bold_and_small_caps():
    body = [to_rtf(f"x{marked('superscript', '2')} {marked('bold', 'Bd')} {marked('small-caps', 'Cé')}")]
    html = pandoc(rtf_document(body), "html")
    assert "x<sup>2</sup> <strong>Bd</strong> <span class=\"smallcaps\">C</span>" in html
    assert pandoc(rtf_document(body), "plain").strip() == "x² Bd CÉ"  # pandoc uppercases small caps


def test_latex_bibliography_is_one_paragraph_an_entry():
    tex = dumps(records(), "latex", style="apa")
    assert tex.split("\n\n") == [
        r"Brown, C. (2018). \textit{Costs\_and \#benefits}. Springer.",
        r"Ødegård, Å. (2020). Ångström rays in Šibenik: 50\% of \{cases\} \& \textit{E. coli}. "
        r"\textit{Acta Physica}, \textit{15}, 1011–1015." + "\n"]


@pytest.mark.skipif(not shutil.which("pdflatex"), reason="pdflatex (texlive-latex-base) not installed")
def test_latex_output_typesets(tmp_path):
    body = dumps(records(), "latex", style="ieee")
    (tmp_path / "refs.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\begin{document}\n"
        f"{body}\n\\end{{document}}\n", encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "refs.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    log = (tmp_path / "refs.log").read_text(encoding="latin-1")
    assert (tmp_path / "refs.pdf").is_file() and "Missing character" not in log
