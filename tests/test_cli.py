"""The command-line contract, through the real entry point (`python -m citex`) in a subprocess."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DIAGNOSTIC = re.compile(r"^\S+:\d+: (error|warning|info)\[[a-z0-9-]+\]: .+$")


def citex(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "citex", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, input=stdin, timeout=120)


def records(n, fault=""):
    """n PubMed text records; record 2 (if any) carries ``fault`` in its Citation line."""
    out = []
    for i in range(1, n + 1):
        journal = f"J Test {i}" if not (fault == "dup" and i == 2) else f"Title number {i}."
        out.append(f"PMID: {1000 + i}\nTitle: Title number {i}.\n\n"
                   f"Citation: Author{i} A, et al. Title number {i}. {journal}. 2020; {i}:{i}0-{i}9.\n")
    return "\n".join(out)


def test_convert_seed_to_csljson_repairs_the_journal():
    run = citex("convert", SEEDS, "--to", "csljson")
    assert run.returncode == 0, run.stderr
    items = json.loads(run.stdout)
    assert len(items) == 1
    item = items[0]
    assert item["id"] == "shah2020management"
    assert "container-title" not in item
    assert item["PMID"] == "33708679" and item["DOI"] == "10.4103/ajns.AJNS_290_20"
    lines = run.stderr.strip().splitlines()
    assert lines[-1] == "read 1, wrote 1, skipped 0"
    assert any("warning[journal-unknown]" in line for line in lines)
    assert all(DIAGNOSTIC.match(line) for line in lines[:-1]), lines


@pytest.mark.parametrize("to, marker", [
    ("bibtex", "@misc{shah2020management,"),
    ("ris", "TY  - JOUR"),
    ("csljson", '"id": "shah2020management"'),
])
def test_convert_every_writer_and_output_file(tmp_path, to, marker):
    out = tmp_path / "out"
    run = citex("convert", SEEDS / "000_18a7e7130607ba5e.txt", "--to", to, "-o", out)
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    assert marker in out.read_text()
    assert "Management of Metastatic Spine" in out.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".citex-")]


def test_bibtex_keeps_truncated_author_list():
    run = citex("convert", SEEDS, "--to", "bibtex")
    assert re.search(r"author\s*=\s*\{Shah, M\.? and others\}", run.stdout), run.stdout


def test_order_is_preserved_and_keys_are_unique(tmp_path):
    path = tmp_path / "many.txt"
    path.write_text(records(5))
    items = json.loads(citex("convert", path, "--to", "csljson").stdout)
    assert [i["PMID"] for i in items] == ["1001", "1002", "1003", "1004", "1005"]
    assert len({i["id"] for i in items}) == 5


def test_no_repair_writes_records_as_read(tmp_path):
    run = citex("convert", SEEDS, "--to", "csljson", "--no-repair")
    item = json.loads(run.stdout)[0]
    assert item["container-title"].startswith("Management of Metastatic Spine")


def test_explain_prints_each_repair(tmp_path):
    run = citex("convert", SEEDS, "--to", "csljson", "--explain")
    assert "container-title:" in run.stderr and "[journal-duplicates-title]" in run.stderr


def test_bad_block_is_skipped_reported_and_counted_exit_1(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_text("stray words before any field\n\n" + records(2))
    run = citex("convert", path, "--to", "csljson")
    assert run.returncode == 1
    assert len(json.loads(run.stdout)) == 2
    assert f"{path}:1: error[pubmed-text-no-key]:" in run.stderr
    assert run.stderr.strip().splitlines()[-1] == "read 3, wrote 2, skipped 1"
    assert "Traceback" not in run.stderr


def test_folders_are_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("PMID: 2\nTitle: Second.\n")
    (tmp_path / "a.txt").write_text("PMID: 1\nTitle: First.\n")
    items = json.loads(citex("convert", tmp_path, "--to", "csljson").stdout)
    assert [i["PMID"] for i in items] == ["1", "2"]


@pytest.mark.parametrize("args, message", [
    (("convert", "missing.txt", "--to", "bibtex"), "missing.txt: no such file or folder"),
    (("convert", "seeds", "--to", "bibtx"), "did you mean bibtex"),
    (("convert", "seeds", "--to", "csljson", "--from", "medlin"), "unknown reader 'medlin'"),
    (("convert", "seeds"), "--to"),
    (("format", "seeds", "--style", "no-such-style-at-all"), "unknown style"),
    (("convert", "seeds", "--to", "bibtex", "-o", "seeds"), "is a folder"),
])
def test_usage_errors_exit_2_without_traceback(args, message):
    run = citex(*args)
    assert run.returncode == 2, run.stderr
    assert message in run.stderr and "Traceback" not in run.stderr


def test_not_utf8_input_is_read_as_cp1252_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("PMID: 1\nTitle: Müller’s café.\n".encode("cp1252"))
    run = citex("convert", path, "--to", "csljson")
    assert json.loads(run.stdout)[0]["title"] == "Müller’s café."
    assert "warning[not-utf8]" in run.stderr


def test_format_prints_one_entry_a_line():
    run = citex("format", SEEDS, "--style", "apa", "--to", "text")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Shah, M.")
    assert "2020" in lines[0] and "1011" in lines[0]


def test_check_reports_faults_and_writes_nothing(tmp_path):
    path = tmp_path / "two.txt"
    path.write_text(records(2, fault="dup"))
    run = citex("check", path)
    assert run.returncode == 1 and run.stdout == ""
    assert "fix[journal-duplicates-title]" in run.stderr
    assert "checked 2 records: 1 with faults, 1 clean" in run.stderr


def test_check_on_clean_records_exits_0(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(records(3))
    run = citex("check", path)
    assert run.returncode == 0, run.stderr


def test_formats_lists_readers_and_writers():
    run = citex("formats")
    assert "pubmed-text" in run.stdout and "bibtex" in run.stdout and "csljson" in run.stdout


def test_a_file_of_unknown_format_is_reported_and_the_rest_converted(tmp_path):
    (tmp_path / "a.txt").write_text("PMID: 1\nTitle: First.\n")
    (tmp_path / "b.dat").write_text("just some prose, not a bibliography\n")
    run = citex("convert", tmp_path, "--to", "csljson")
    assert run.returncode == 1
    assert [i["PMID"] for i in json.loads(run.stdout)] == ["1"]
    assert f"{tmp_path / 'b.dat'}: error[unknown-format]: cannot tell the input format" in run.stderr
    assert run.stderr.strip().splitlines()[-1] == "read 1, wrote 1, skipped 0; 1 file not read"


def test_named_format_that_finds_no_records_is_an_error_not_an_empty_success(tmp_path):
    path = tmp_path / "prose.txt"
    path.write_text("just some prose\n")
    run = citex("convert", path, "--to", "csljson", "--from", "pubmed-text")
    assert run.returncode == 1 and "error[" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b""), ("utf-16-be", b""), ("utf-16", None),
                                           ("utf-8-sig", None)])
def test_utf16_and_bom_inputs(tmp_path, encoding, bom):
    path = tmp_path / "u.txt"
    data = "PMID: 1\r\nTitle: Müller’s café.\r\n".encode(encoding)
    path.write_bytes(data)
    run = citex("convert", path, "--to", "csljson")
    assert json.loads(run.stdout)[0]["title"] == "Müller’s café.", run.stderr


def test_cr_line_ends(tmp_path):
    path = tmp_path / "cr.txt"
    path.write_bytes(b"PMID: 1\rTitle: One.\r\rPMID: 2\rTitle: Two.\r")
    assert [i["title"] for i in json.loads(citex("convert", path, "--to", "csljson").stdout)] == ["One.", "Two."]


def test_sniffing_order_follows_the_registry_list_not_import_order():
    import importlib

    from citex.registry import READERS
    importlib.import_module("citex.readers.endnote_xml")  # imported out of order on purpose
    modules = [e.obj.__module__ for e in READERS]
    assert modules == sorted(modules, key=READERS._modules.index)
    assert READERS.names() == [e.name for e in READERS]  # the unknown-format message lists them so


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_line_exits_with_all_its_output_written(tmp_path, jobs):
    """``python -m citex`` ends without the interpreter's teardown (``cli.run``): what it wrote to a
    pipe, and its account on stderr, arrive whole, and the exit code is main()'s."""
    src = tmp_path / "many.ris"
    src.write_text("".join(f"TY  - JOUR\nTI  - Title {i}\nAU  - Smith, J\nPY  - 2020\nJO  - J\nER  - \n\n"
                           for i in range(3000)) + "TY  - JOUR\nTI  - Cut short\n")
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # as most users run it

    def citex(*args):
        return subprocess.run([sys.executable, "-m", "citex", *map(str, args)], capture_output=True,
                              text=True, cwd=ROOT, env=buffered, timeout=120)

    run = citex("convert", src, "--to", "ris", "--jobs", jobs)
    assert run.stdout.count("\nER  - ") == 3001 and run.stdout.rstrip().endswith("ER  -")
    assert run.stderr.splitlines()[-1] == "read 3001, wrote 3001, skipped 0" and run.returncode == 0
    (tmp_path / "junk.txt").write_text("no records here\n")  # a file not read: exit code 1
    partly = citex("convert", tmp_path / "junk.txt", src, "--to", "ris", "--jobs", jobs)
    assert partly.returncode == 1 and partly.stdout.count("\nER  - ") == 3001, partly.stderr[-300:]
    assert partly.stderr.splitlines()[-1] == "read 3001, wrote 3001, skipped 0; 1 file not read"
