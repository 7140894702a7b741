"""CPU time per record of each stage of `citex convert` (read, repair, write), for profiling citex.

    python benchmarks/stage_times.py -n 10000                        # the five peer tasks
    python benchmarks/stage_times.py -n 10000 --tasks bib2ris --out /tmp/outs   # keep outputs

Reads ``benchmarks/cache/records-N.*`` (``python benchmarks/inputs.py --sizes N``),
holds the records of one task in memory between stages (so each stage is timed
alone; ``citex convert`` itself streams), and prints µs of CPU time
(``time.process_time``) per record for each stage. With ``--out`` it writes each
output and a log of every repair and diagnostic, for comparing two versions of citex
byte for byte.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TASKS = {  # the tasks of peers.py: name -> (input suffix, writer)
    "bib2ris": ("bib", "ris"), "ris2bib": ("ris", "bibtex"), "bib2csl": ("bib", "csljson"),
    "medline2bib": ("nbib", "bibtex"), "pubmed2ris": ("xml", "ris"),
}


def log_of(records) -> str:
    """Every repair and diagnostic of every record, one line each."""
    lines = []
    for rec in records:
        lines.append(f"# {rec.id}")
        lines += [f"{r.rule}\t{r.field}\t{r.before!r}\t{r.after!r}\t{r.note}\t{r.confidence}\t{r.applied}"
                  for r in rec.repairs]
        lines += [str(d) for d in rec.diagnostics]
    return "\n".join(lines) + "\n"


def main() -> None:
    from citex.pipeline import dump, load, repair

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--tasks", default=",".join(TASKS))
    ap.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / "cache")
    ap.add_argument("--out", type=Path, help="folder for each task's output and repair log")
    args = ap.parse_args()
    print(f"{'task':<12} {'read':>7} {'repair':>7} {'write':>7} {'total':>7}  (CPU µs/record)")
    for task in args.tasks.split(","):
        suffix, to = TASKS[task]
        path = args.cache / f"records-{args.n}.{suffix}"
        t0 = time.process_time()
        records = list(load([str(path)]))
        t1 = time.process_time()
        records = list(repair(records))
        t2 = time.process_time()
        out = io.StringIO()
        dump(records, out, to)
        t3 = time.process_time()
        n = len(records) or 1
        us = [(b - a) / n * 1e6 for a, b in ((t0, t1), (t1, t2), (t2, t3), (t0, t3))]
        print(f"{task:<12} " + " ".join(f"{u:7.1f}" for u in us), flush=True)
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{task}.{to}").write_text(out.getvalue(), encoding="utf-8")
            (args.out / f"{task}.log").write_text(log_of(records), encoding="utf-8")


if __name__ == "__main__":
    main()
