"""format --jobs N: entries rendered in N processes, in the order and with the text of one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from citex.csl_jobs import map_in_order
from citex.model import Record
from citex.writers.csl import render
from typed_records import FIELDS, every_type

ROOT = Path(__file__).resolve().parents[1]


def many() -> list[Record]:
    """About 150 records of every type, each with its own title, some with the same authors and year."""
    out = []
    for n in range(12):
        for rec in every_type(list(FIELDS)):
            out.append(Record(type=rec.type, id=f"{rec.id}-{n}",
                              fields={**rec.fields, "title": f"{rec.fields.get('title', '')} {n % 5}"}))
    return out


def test_map_in_order_keeps_the_order_and_uses_other_processes():
    offset = 7  # a closure: workers inherit it, nothing is pickled but numbers

    def work(n: int) -> tuple[int, int]:
        return n + offset, os.getpid()

    done = map_in_order(work, list(range(400)), jobs=2)
    assert [value for value, _ in done] == [n + 7 for n in range(400)]
    if sys.platform == "linux":
        assert {pid for _, pid in done} - {os.getpid()}


def test_little_work_stays_in_this_process():
    assert {pid for pid in map_in_order(lambda n: os.getpid(), list(range(60)), jobs=2)} == {os.getpid()}


def test_auto_uses_the_cores_only_when_each_gets_enough_entries(monkeypatch):
    from citex import csl_jobs, parallel

    started = []  # the processes each map was given
    real = csl_jobs.ordered_map

    def ordered_map(*args, jobs, **kwargs):
        started.append(jobs)
        return real(*args, jobs=jobs, **kwargs)

    monkeypatch.setattr(csl_jobs, "ordered_map", ordered_map)
    monkeypatch.setattr(csl_jobs, "AUTO_EACH", 100)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)

    def square(n: int) -> int:
        return n * n

    for n in (199, 200, 1000):
        assert map_in_order(square, list(range(n)), jobs=csl_jobs.AUTO) == [i * i for i in range(n)]
    if sys.platform == "linux":  # 199 items: under two processes' worth; 200: two; 1,000: the three cores
        assert started == [2, 3]
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    map_in_order(square, list(range(1000)), jobs=csl_jobs.AUTO)
    assert len(started) <= 2  # one core: no fork


def test_entries_in_processes_are_those_of_one():
    records = many()
    for style in ("apa", "springer-basic-author-date", "vancouver", "modern-language-association"):
        assert render(records, style, jobs=2) == render(records, style), style


def test_cli_format_jobs(tmp_path):
    path = tmp_path / "refs.json"
    path.write_text(json.dumps([rec.to_csl() | {"id": rec.id} for rec in many()]), encoding="utf-8")

    def citex(*args):
        return subprocess.run([sys.executable, "-m", "citex", "format", str(path), *args], capture_output=True,
                              text=True, cwd=ROOT, timeout=300)

    one, two = citex("--style", "apa", "--jobs", "1"), citex("--style", "apa", "--jobs", "2")
    auto = citex("--style", "apa")  # the default, --jobs auto
    assert one.returncode == 0 and one.stdout.count("\n") == len(many())
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert (auto.returncode, auto.stdout, auto.stderr) == (one.returncode, one.stdout, one.stderr)


def test_cli_format_reads_in_one_process_and_renders_in_several(tmp_path, monkeypatch, capsys):
    """Records go back to the parent whole for a bibliography: reading them in workers saved
    nothing, so format reads in one process whatever --jobs says, and renders in --jobs."""
    from citex import cli, csl_jobs, parallel

    path = tmp_path / "refs.json"
    path.write_text(json.dumps([rec.to_csl() | {"id": rec.id} for rec in many()]), encoding="utf-8")

    def no_workers(*args, **kwargs):
        raise AssertionError("records read in worker processes")

    rendered = []
    real = csl_jobs.map_in_order
    monkeypatch.setattr(parallel, "convert_in_processes", no_workers)
    monkeypatch.setattr(csl_jobs, "map_in_order", lambda f, items, jobs=1: rendered.append(jobs) or real(f, items, jobs))
    assert cli.main(["format", str(path), "--style", "vancouver", "--jobs", "2"]) in (0, None)
    assert capsys.readouterr().out.count("\n") == len(many()) and 2 in rendered

