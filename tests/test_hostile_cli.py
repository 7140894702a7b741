"""Hostile input and bad use through the real command line: one-line errors, no tracebacks,
no lost records, no half-written or overwritten files."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
HOSTILE = DATA / "hostile"
SUMMARY = re.compile(r"^read (\d+), wrote (\d+), skipped (\d+)(?:; (\d+) files? not read)?$", re.M)


def citex(*args, timeout=120, **kwargs):
    return subprocess.run([sys.executable, "-m", "citex", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, **kwargs)


def assert_accounted(run):
    """No traceback; exit 0 or 1; the summary line says every record read was written or skipped."""
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode in (0, 1), run.stderr[-2000:]
    m = SUMMARY.search(run.stderr)
    assert m, run.stderr[-2000:]
    read, wrote, skipped = map(int, m.groups()[:3])
    assert read == wrote + skipped, m.group()
    if run.returncode == 0:
        assert skipped == 0 and not m.group(4)
    return read, wrote, skipped


def one_line_usage_error(run):
    """Exit 2 with exactly one line on stderr, nothing on stdout, and no traceback."""
    assert run.returncode == 2, (run.returncode, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""
    return lines[0]


# --- bytes nobody meant to feed us ------------------------------------------------------------

HOSTILE_FILES = {
    "nul_bytes.bib": b"@article{k,\x00 title = {\x00A\x00}, year = 2020}\n",
    "invalid_utf8.ris": b"TY  - JOUR\nTI  - caf\xe9 \xff\xfe \xc3\nAU  - M\xfcller, J\nER  - \n",
    "utf16_garbage.txt": "PMID: 1\nTitle: T\n".encode("utf-16-le")[:-1],
    "truncated.xml": (DATA / "pubmed_xml" / "article.xml").read_bytes()[:1500],
    "braces.bib": b"@article{k, title = {" + b"{" * 5000 + b"}\n@misc{b, title = {ok}}\n",
    "deep_json.json": b'[{"id": "k", "title": "t", "note": ' + b"[" * 5000 + b"]" * 5000 + b"}]",
    "yaml_bomb.yaml": b"references:\n- id: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                      b"  c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
                      b"  title: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n",
    "huge_number.json": b'[{"id": "k", "type": "book", "issued": {"date-parts": [["' + b"9" * 5000 + b'", "\xc2\xb2"]]},'
                        b' "volume": 1e400, "page": NaN, "title": "\\ud800 lone surrogate"}]',
    "surrogates.yaml": b'references:\n- id: k\n  title: "\\ud800 x \\udfff"\n',
    "tags_only.medline": b"PMID- \nDP  - \xc2\xb2\xc2\xb3\nAU  - \nFAU - ,,,\n",
    "wos_garbage.ciw": b"FN x\nVR 1.0\nPT J\nPY 99999999999999999999999\nPD \xc2\xb2 SPR\nER\nEF\n",
    "citation_bait.txt": b"PMID: 1\nTitle: T.\n\nCitation: " + b"a-" * 3000 + b"! " + b"a. " * 3000 + b"\n",
    "latex_bait.bib": b"@article{k, title = {" + b"\\'{" * 3000 + b"}, note = {\\unichar{D800}\\unichar{110000}}}\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_bytes_are_read_or_reported(tmp_path, name):
    import json

    path = tmp_path / name
    path.write_bytes(HOSTILE_FILES[name])
    run = citex("convert", path, "--to", "csljson", timeout=60)
    read, wrote, _ = assert_accounted(run)
    assert len(json.loads(run.stdout)) == wrote


def test_every_file_is_accounted_for_when_some_are_bad(tmp_path):
    for name, data in HOSTILE_FILES.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.ris").write_text("TY  - JOUR\nTI  - Fine\nER  - \n")
    run = citex("convert", tmp_path, "--to", "ris", timeout=120)
    read, wrote, _ = assert_accounted(run)
    assert run.returncode == 1 and run.stdout.count("ER  - ") == wrote and "TI  - Fine" in run.stdout
    for to in ("bibtex", "biblatex", "cslyaml"):
        assert_accounted(citex("convert", tmp_path, "--to", to, timeout=120))
    for to in ("text", "html"):
        assert_accounted(citex("format", tmp_path, "--to", to, timeout=120))


# --- --strict --------------------------------------------------------------------------------

def test_strict_writes_nothing_when_a_record_is_skipped(tmp_path):
    src = tmp_path / "in.ris"
    src.write_text("TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Two\nER  - \n")
    template = tmp_path / "bad.j2"
    template.write_text("{% if index == 1 %}{{ record.missing.nothing }}{% endif %}TI  - {{ key }}\n")
    out = tmp_path / "out.ris"
    lenient = citex("convert", src, "--to", "ris", "--template", template, "-o", out)
    assert lenient.returncode == 1 and out.read_text().count("TI  - ") == 1  # the rest still written
    out.unlink()
    strict = citex("convert", src, "--to", "ris", "--template", template, "-o", out, "--strict")
    assert strict.returncode == 1, strict.stderr
    assert "--strict" in strict.stderr.strip().splitlines()[-1] and "no output written" in strict.stderr
    assert SUMMARY.search(strict.stderr) and "Traceback" not in strict.stderr
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["bad.j2", "in.ris"]
    to_stdout = citex("convert", src, "--to", "ris", "--template", template, "--strict")
    assert to_stdout.returncode == 1 and to_stdout.stdout == ""


def test_strict_fails_on_an_error_diagnostic_and_passes_a_clean_run(tmp_path):
    broken = tmp_path / "broken.bib"
    broken.write_text("@article{a, title = {Fine}, year = 2020}\n@article{b, title = {Unclosed\n")
    out = tmp_path / "out.bib"
    run = citex("format", broken, "--strict", "-o", out)
    assert run.returncode == 1 and not out.exists(), run.stderr
    good = tmp_path / "good.ris"
    good.write_text("TY  - JOUR\nTI  - Fine\nAU  - Smith, J\nPY  - 2020\nER  - \n")
    run = citex("convert", good, "--to", "bibtex", "--strict", "-o", out)
    assert run.returncode == 0 and "Fine" in out.read_text(), run.stderr


# --- no half files, no overwritten inputs ----------------------------------------------------

def _big_input(path: Path, n: int = 60000) -> None:
    path.write_text("".join(f"TY  - JOUR\nTI  - Title number {i}\nAU  - Smith, J\nPY  - 2020\nER  - \n\n"
                            for i in range(n)))


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_leaves_no_output_and_no_temporary_file(tmp_path, sig):
    src = tmp_path / "big.ris"
    _big_input(src)
    out = tmp_path / "out.bib"
    # stderr to a file, not a pipe: a pipe nobody reads until the end fills with the run's notes
    # and stops it before its output (written a megabyte at a time) reaches the file
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-m", "citex", "convert", src, "--to", "bibtex", "-o", out],
                                cwd=ROOT, stderr=log, text=True)
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".citex-") and p.stat().st_size for p in tmp_path.iterdir()):
            assert proc.poll() is None and time.monotonic() < deadline, "convert ended before it was interrupted"
            time.sleep(0.05)
        proc.send_signal(sig)
        proc.wait(timeout=60)
        log.seek(0)
        err = log.read()
    assert proc.returncode == 130, err[-2000:]
    assert "Traceback" not in err and "interrupted" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.ris"]


def test_output_onto_an_input_is_refused(tmp_path):
    src = tmp_path / "refs.ris"
    src.write_text("TY  - JOUR\nTI  - Keep me\nER  - \n")
    before = src.read_bytes()
    line = one_line_usage_error(citex("convert", src, "--to", "ris", "-o", src))
    assert "is also an input" in line and src.read_bytes() == before
    # the same file by another name, and a file found in an input folder
    line = one_line_usage_error(citex("convert", tmp_path, "--to", "ris", "-o", tmp_path / "." / "refs.ris"))
    assert "is also an input" in line and src.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.ris"]


def test_a_closed_stdout_is_not_an_error(tmp_path):
    src = tmp_path / "big.ris"
    _big_input(src, 3000)
    run = subprocess.run(f"'{sys.executable}' -m citex convert '{src}' --to csljson | head -c 10",
                         shell=True, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "Traceback" not in run.stderr and "Exception ignored" not in run.stderr, run.stderr[-2000:]


# --- bad use: one line, exit 2 ----------------------------------------------------------------

SEED = ROOT / "seeds"


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.ris"
    os.mkfifo(path)
    return path


BAD_USE = [
    # (arguments, what the one line must say)
    (["convert", SEED, "--to", "bibtx"], "did you mean bibtex"),
    (["convert", SEED, "--to", "ris", "--from", "medlin"], "did you mean medline"),
    (["format", SEED, "--style", "vancuver"], "did you mean"),
    (["format", SEED, "--to", "htm"], "did you mean html"),
    (["format", SEED, "--locale", "xx-YY"], "unknown locale"),
    (["convrt", SEED, "--to", "ris"], "did you mean convert"),
    (["convert", SEED], "required"),
    (["convert", "no/such/file.ris", "--to", "ris"], "no such file"),
    (["convert", "{empty}", "--to", "ris"], "holds no input files"),
    (["convert", "{hidden_only}", "--to", "ris"], "holds no input files"),
    (["convert", "{fifo}", "--to", "ris"], "not a regular file"),
    (["convert", "{dangling}", "--to", "ris"], "no such file"),
    (["convert", SEED, "--to", "ris", "-o", "{tmp}"], "is a folder"),
    (["convert", SEED, "--to", "ris", "-o", "{tmp}/no/such/folder/out.ris"], "cannot write there"),
    (["convert", SEED, "--to", "bibtex", "--key-pattern", "{nope}"], "nope"),
    (["convert", SEED, "--to", "bibtex", "--template", "{tmp}/missing.j2"], "cannot read the template"),
    (["convert", SEED, "--to", "csljson", "--template", "{tmp}/missing.j2"], "does not render through a template"),
    (["format", SEED, "--style", "{tmp}/missing.csl"], "style file not found"),
    (["format", SEED, "--style", "{tmp}"], "style"),
]


@pytest.mark.parametrize("args, says", BAD_USE, ids=[" ".join(map(str, a[:1] + a[2:])) for a, _ in BAD_USE])
def test_bad_use_is_one_line_and_exit_2(tmp_path, args, says):
    (tmp_path / "empty").mkdir()
    (tmp_path / "hidden_only").mkdir()
    (tmp_path / "hidden_only" / ".secret.ris").write_text("TY  - JOUR\nER  - \n")
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.ris")
    names = {"tmp": tmp_path, "empty": tmp_path / "empty", "hidden_only": tmp_path / "hidden_only",
             "fifo": _fifo(tmp_path), "dangling": tmp_path / "dangling"}
    args = [str(a).format(**names) if "{" in str(a) and "nope" not in str(a) else a for a in args]
    line = one_line_usage_error(citex(*args, timeout=60))
    assert says in line
    assert not [p for p in tmp_path.rglob(".citex-*")]


# --- XML safety ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    DATA / "pubmed_xml" / "billion_laughs.xml", DATA / "pubmed_xml" / "xxe.xml",
    HOSTILE / "endnote_billion_laughs.xml", HOSTILE / "endnote_xxe.xml",
])
def test_entity_attacks_in_input_files_are_refused(path):
    run = citex("convert", path, "--to", "csljson", timeout=60)
    assert_accounted(run)
    assert run.returncode == 1 and "entities" in run.stderr and "attack" in run.stderr
    assert "lollol" not in run.stdout and "root:" not in run.stdout


@pytest.mark.parametrize("style", ["style_billion_laughs.csl", "style_xxe.csl"])
def test_entity_attacks_in_styles_are_refused(style):
    line = one_line_usage_error(citex("format", SEED, "--style", HOSTILE / style, timeout=60))
    assert "declares XML entities" in line


# --- template safety -------------------------------------------------------------------------

@pytest.mark.parametrize("source, says", [
    ("{{ record.__class__ }}", "'__class__' is refused"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "is refused"),
    ("{{ cycler.__init__.__globals__.os.system('true') }}", "is refused"),
    ("{{ lipsum.__globals__['os'] }}", "is refused"),
    ("{{ os.system('true') }}", "unknown variable 'os'"),
    ("{{ open('/etc/passwd').read() }}", "unknown variable 'open'"),
    ("{% include '/etc/passwd' %}", "only the built-in templates"),
    ("{% import '../../etc/passwd' as x %}", "only the built-in templates"),
    ("{{ record.fields['__class__'] }}", "is refused"),
])
def test_templates_cannot_reach_python_or_files(tmp_path, source, says):
    template = tmp_path / "evil.j2"
    template.write_text(source + "\n")
    line = one_line_usage_error(citex("convert", SEED, "--to", "bibtex", "--template", template))
    assert says in line and str(template) in line


@pytest.mark.parametrize("source", ["{{ record.fields.pop('title') }}", "{{ 'a' * 10**10 }}", "{{ 9 ** 99999999 }}"])
def test_templates_cannot_change_records_or_eat_memory(tmp_path, source):
    template = tmp_path / "greedy.j2"
    template.write_text(source + "\n")
    run = citex("convert", SEED, "--to", "ris", "--template", template, timeout=60)
    assert assert_accounted(run) == (1, 0, 1) and "template error" in run.stderr


def test_html_is_escaped_and_bibtex_is_not_html_escaped(tmp_path):
    src = tmp_path / "evil.json"
    src.write_text('[{"id": "x\\"><script>", "type": "book", "title": "A & B <script>alert(1)</script>",'
                   ' "author": [{"family": "<b onmouseover=alert(2)>Evil", "given": "A"}],'
                   ' "issued": {"date-parts": [[2020]]}}]')
    html = citex("format", src, "--to", "html")
    assert html.returncode == 0, html.stderr
    assert "<script>" not in html.stdout and "<b onmouseover" not in html.stdout
    assert "&lt;b onmouseover=alert(2)&gt;Evil" in html.stdout and "&amp;" in html.stdout
    bib = citex("convert", src, "--to", "bibtex")
    assert "&lt;" not in bib.stdout and "&amp;" not in bib.stdout and "<b onmouseover" in bib.stdout
    ris = citex("convert", src, "--to", "ris")
    assert "&lt;" not in ris.stdout and "A & B" in ris.stdout


def test_output_to_a_fifo_is_written_not_replaced(tmp_path):
    import stat
    import threading

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    run = citex("convert", SEED, "--to", "ris", "-o", fifo)
    reader.join(timeout=60)
    assert run.returncode == 0, run.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and "TY  - JOUR" in got[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]


def test_output_is_utf8_whatever_the_locale(tmp_path):
    src = tmp_path / "in.ris"
    src.write_text("TY  - JOUR\nTI  - Nguyễn and 😀\nER  - \n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "citex", "convert", src, "--to", "csljson"], capture_output=True,
                         cwd=ROOT, timeout=60, env={**os.environ, "PYTHONIOENCODING": "latin-1", "LC_ALL": "C"})
    assert run.returncode == 0 and b"Traceback" not in run.stderr, run.stderr
    assert "Nguyễn and 😀" in run.stdout.decode("utf-8")


@pytest.mark.parametrize("source", [
    "{{ 'x'|center(10**9) }}",
    "{{ 'x'.ljust(10**9) }}",
    "{{ key|indent(10**8) }}",
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{% for i in range(99999) %}{% for j in range(99999) %}{{ key }}{% endfor %}{% endfor %}",
])
def test_templates_cannot_hang_or_build_huge_values(tmp_path, source):
    """Each bound (argument size, output size, time) fails the one record with a template error."""
    template = tmp_path / "greedy.j2"
    template.write_text(source + "\n")
    run = citex("convert", SEED, "--to", "ris", "--template", template, timeout=120)
    assert assert_accounted(run) == (1, 0, 1) and "template error" in run.stderr, run.stderr


def test_template_limits_leave_ordinary_templates_alone(tmp_path):
    template = tmp_path / "fine.j2"
    template.write_text("{% for i in range(3) %}{{ '%d'|format(12345678) }}{{ key|center(12) }}{% endfor %}\n")
    run = citex("convert", SEED, "--to", "ris", "--template", template, timeout=60)
    assert assert_accounted(run) == (1, 1, 0) and run.stdout.count("12345678") == 3, run.stderr


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the worker through Linux's /proc")
def test_a_worker_killed_mid_run_is_one_error_line_and_no_output(tmp_path):
    src = tmp_path / "big.ris"
    _big_input(src)
    out = tmp_path / "out.bib"
    proc = subprocess.Popen([sys.executable, "-m", "citex", "convert", src, "--to", "bibtex", "--jobs", "2",
                             "-o", out], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    while not (children.exists() and children.read_text().split()):
        assert proc.poll() is None and time.monotonic() < deadline, "convert ended before a worker started"
        time.sleep(0.02)
    os.kill(int(children.read_text().split()[0]), signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err[-2000:]
    assert "Traceback" not in err and "ended before its work was done (exit code -9)" in err, err[-2000:]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.ris"]
