"""`citex cite`, `citex format --citations/--to rtf|latex/--copy`, `citex styles` and --locale, via the CLI."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from citex.clipboard import commands
from test_cli import citex

BIB = r"""
@article{shah2020, author={Shah, Mihir and Patel, R. and Jones, K.}, title={Management of spine sarcoma},
  journal={Asian Journal of Neurosurgery}, year={2020}, volume={15}, pages={1011--1015}}
@article{li2009a, author={Li, Wei}, title={Alpha rays in {\v S}ibenik}, journal={Journal of Physics}, year={2009}}
@article{li2009b, author={Li, Wei}, title={Beta rays}, journal={Journal of Physics}, year={2009}}
@book{zed2001, author={Zed, Ann}, title={Quiet and loud}, publisher={Press}, year={2001}}
"""


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_cite_prints_one_cluster_a_line(bib):
    run = citex("cite", bib, "--keys", "shah2020,li2009b", "--keys", "li2009a")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "(Li, 2009b; Shah et al., 2020)\n(Li, 2009a)\n"


def test_cite_takes_pandoc_citations_with_locators(bib):
    run = citex("cite", bib, "--keys", "[see @shah2020, p. 12; @li2009a]", "--style", "chicago")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "(see Shah et al. 2020, 12; Li 2009)\n"


def test_cite_numeric_collapses_and_html_keeps_superscript(bib):
    run = citex("cite", bib, "--keys", "zed2001 li2009a li2009b shah2020", "--style", "vancouver")
    assert run.stdout == "(1–4)\n"
    run = citex("cite", bib, "--keys", "shah2020,zed2001,li2009a", "--style", "nature", "--to", "html")
    assert run.stdout == "<sup>1–3</sup>\n"


def test_cite_rtf_is_one_document_a_paragraph_a_cluster(bib):
    run = citex("cite", bib, "--keys", "li2009a", "--keys", "zed2001", "--to", "rtf")
    assert run.stdout.startswith("{\\rtf1") and run.stdout.endswith("}\n")
    assert run.stdout.count("\\par\n") == 2 and "\\pard\\sa240 (Li, 2009)\\par" in run.stdout


def test_cite_unknown_key_is_a_usage_error_with_close_keys(bib):
    run = citex("cite", bib, "--keys", "shah2021")
    assert run.returncode == 2
    assert run.stderr.strip().endswith("no record has the citation key 'shah2021'; did you mean shah2020?")
    assert "Traceback" not in run.stderr


def test_format_citations_prints_clusters_then_the_cited_bibliography(bib, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("shah2020, li2009b\n\nzed2001 shah2020\n", encoding="utf-8")
    run = citex("format", bib, "--citations", doc, "--style", "nature")
    assert run.returncode == 0, run.stderr
    clusters, bibliography = run.stdout.split("\n\n")
    assert clusters == "1,2\n1,3"  # superscript in nature: plain text has only the numbers
    assert [line.split(" ", 1)[0] for line in bibliography.splitlines()] == ["1.", "2.", "3."]
    assert bibliography.splitlines()[2].startswith("3. Zed, A. Quiet and Loud")
    assert "Alpha" not in bibliography  # li2009a is never cited
    assert f"{doc}: info[not-cited]: 1 of 4 records are not cited: left out of the bibliography" \
        in run.stderr.splitlines()


def test_format_citations_with_a_missing_file_is_a_usage_error(bib, tmp_path):
    run = citex("format", bib, "--citations", tmp_path / "nowhere.txt")
    assert run.returncode == 2 and "--citations" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("to, start", [("rtf", "{\\rtf1"), ("latex", "Li, W. (2009a)")])
def test_format_rich_outputs(bib, to, start):
    run = citex("format", bib, "--to", to)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(start)


def fake_clipboard(folder: Path, name: str, exit_code: int = 0) -> Path:
    """A clipboard program that records its arguments and stdin beside itself."""
    program = folder / name
    program.write_text(
        f"#!{sys.executable}\nimport sys, pathlib\nhere = pathlib.Path(sys.argv[0]).parent\n"
        "(here / 'args.txt').write_text(' '.join(sys.argv[1:]))\n"
        "(here / 'stdin.txt').write_bytes(sys.stdin.buffer.read())\n"
        f"sys.exit({exit_code})\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def with_path(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
    env["PATH"] = str(folder)
    return env


@pytest.mark.skipif(sys.platform != "linux", reason="the fake stands for xclip, Linux's clipboard program")
@pytest.mark.parametrize("to, mime", [("rtf", "text/rtf"), ("html", "text/html"), ("text", "text/plain")])
def test_copy_puts_the_output_on_the_clipboard(bib, tmp_path, to, mime):
    tools = tmp_path / "bin"
    tools.mkdir()
    fake_clipboard(tools, "xclip")
    run = citex_env(with_path(tools), "format", bib, "--to", to, "--copy")
    assert run.returncode == 0, run.stderr
    assert (tools / "stdin.txt").read_text(encoding="utf-8") == run.stdout  # the output, and all of it
    assert (tools / "args.txt").read_text().startswith(f"-selection clipboard -t {mime}")
    assert "copied to the clipboard" in run.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="Linux clipboard programs")
def test_copy_without_a_clipboard_program_says_so_and_still_writes(bib, tmp_path):
    tools = tmp_path / "empty"
    tools.mkdir()
    out = tmp_path / "refs.rtf"
    run = citex_env(with_path(tools), "format", bib, "--to", "rtf", "--copy", "-o", out)
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8").startswith("{\\rtf1")
    message = [line for line in run.stderr.splitlines() if "--copy" in line]
    assert message == ["citex: --copy: no clipboard program found (xclip, wl-copy); the output was written only"]


@pytest.mark.skipif(sys.platform != "linux", reason="Linux clipboard programs")
def test_copy_with_a_failing_clipboard_program_says_so(bib, tmp_path):
    tools = tmp_path / "bin"
    tools.mkdir()
    fake_clipboard(tools, "xclip", exit_code=1)
    run = citex_env(with_path(tools), "format", bib, "--to", "html", "--copy")
    assert run.returncode == 0 and run.stdout.startswith("<!DOCTYPE html>")
    assert "xclip could not reach a clipboard" in run.stderr


def test_clipboard_programs_for_each_platform():
    assert commands("rtf", "darwin") == [["pbcopy"]]
    windows = commands("html", "win32")
    assert windows[0][0] == "powershell" and "-AsHtml" in windows[0][-1]
    assert commands("text", "win32")[-1] == ["clip"]
    assert ["xsel", "--clipboard", "--input"] in commands("text", "linux")
    assert all("xsel" not in c for c in commands("rtf", "linux"))  # xsel has no rich flavours


def citex_env(env, *args):
    import subprocess

    from test_cli import ROOT

    return subprocess.run([sys.executable, "-m", "citex", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=120)


def test_styles_lists_ids_and_titles():
    run = citex("styles", "nature", "medicine")
    assert run.returncode == 0
    assert run.stdout.split() == ["nature-medicine", "Nature", "Medicine"]
    first = citex("styles", "vancouver").stdout.splitlines()[0]
    assert first.startswith("vancouver ") and "(alias of nlm-citation-sequence)" in first


def test_styles_without_a_match_exits_1():
    run = citex("styles", "qqqzzzxx")
    assert run.returncode == 1 and run.stdout == "" and "no style matches 'qqqzzzxx'" in run.stderr


def test_styles_locales():
    lines = citex("styles", "--locales").stdout.splitlines()
    assert "en-US        English (US)" in lines and any(line.startswith("de-DE ") for line in lines)


@pytest.mark.parametrize("locale, hint", [("english", "did you mean en-GB, en-US"),
                                          ("German", "did you mean de-AT, de-CH, de-DE")])
def test_unknown_locale_suggests_close_names(bib, locale, hint):
    for command in (["format"], ["cite", "--keys", "zed2001"]):
        run = citex(*command, bib, "--locale", locale)
        assert run.returncode == 2 and hint in run.stderr and "Traceback" not in run.stderr


def test_locale_spelling_is_lenient(bib):
    run = citex("format", bib, "--locale", "de_de")
    assert run.returncode == 0 and "Zed, A. (2001). Quiet and loud. Press." in run.stdout
