"""Coverage-guided fuzzing of every reader with atheris, on raw bytes, for a bounded time.

    pip install ".[fuzz]"     # atheris
    python benchmarks/fuzz_atheris.py --seconds 120              # every reader in turn
    python benchmarks/fuzz_atheris.py --seconds 600 --reader ris # one reader

Each input is decoded as the command line decodes a file, read by the reader, repaired,
and written by every text writer. Anything but a CitexError for a file refused whole is a
crash: atheris stops, and the input is saved in ``--crashes`` (default
``benchmarks/fuzz-crashes/``) for a regression test under ``tests/``. A run that takes more
than ``--slow`` seconds on one input is saved as a hang. The corpus of each reader starts
from the project's own example files (``tests/data``, ``seeds``) and grows in
``--work`` (default: a temporary folder).

Each reader is fuzzed in its own child process, so one reader's crash does not stop the others.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEEDS = {  # reader -> example files to start its corpus from
    "bibtex": ["tests/data/bibtex/*"], "ris": ["tests/data/ris/*"], "medline": ["tests/data/medline/*"],
    "pubmed-xml": ["tests/data/pubmed_xml/*"], "wos": ["tests/data/wos/*"],
    "csljson": ["tests/data/csljson/*.json"], "cslyaml": ["tests/data/csljson/*.yaml"],
    "endnote-xml": ["tests/data/endnote_xml/*"], "pubmed-text": ["seeds/*"],
}
WRITERS = ("bibtex", "biblatex", "ris", "csljson", "cslyaml")


def one_input(data: bytes, reader: str) -> None:
    """The whole pipeline on one file's bytes; raises on anything that is a bug."""
    from citex.errors import CitexError
    from citex.inputs import decode
    from citex.pipeline import Tally, dump, loads, repair

    text, _ = decode(data, "fuzz")
    for to in WRITERS:
        tally, out = Tally(), io.StringIO()
        try:
            dump(repair(loads(text, reader, "fuzz", tally)), out, to, tally)
        except CitexError as exc:
            if exc.exit_code != 1:
                raise
            return  # the file refused whole, with a message: not a crash
        if tally.read != tally.wrote + tally.skipped:
            raise AssertionError(f"records lost: {tally}")
        out.getvalue().encode("utf-8")  # a lone surrogate cannot be written


def fuzz_one(reader: str, seconds: int, work: Path, crashes: Path, slow: float) -> int:
    """Run atheris on one reader in this process (never returns normally when it crashes)."""
    import atheris

    with atheris.instrument_imports(include=["citex"]):  # citex's own code guides it
        import citex.pipeline  # noqa: F401  (instrumented: coverage guides the fuzzer)
        import citex.readers
        from citex.registry import READERS, REPAIRS, WRITERS as W

        READERS.names(), REPAIRS.names(), W.names()  # load every module under instrumentation
        # ... and the readers themselves, which their registered fronts import only when used
        for found in pkgutil.iter_modules(citex.readers.__path__, "citex.readers."):
            importlib.import_module(found.name)

    def test(data: bytes) -> None:
        start = time.perf_counter()
        one_input(data, reader)
        if time.perf_counter() - start > slow:
            path = crashes / f"slow-{reader}-{abs(hash(data))}"
            path.write_bytes(data)
            print(f"SLOW: {time.perf_counter() - start:.1f}s on {len(data)} bytes, saved as {path}", flush=True)

    corpus = work / reader
    corpus.mkdir(parents=True, exist_ok=True)
    for pattern in SEEDS[reader]:
        for seed in sorted(ROOT.glob(pattern)):
            shutil.copy(seed, corpus / seed.name)
    args = [sys.argv[0], str(corpus), f"-max_total_time={seconds}", "-max_len=65536", "-rss_limit_mb=4096",
            f"-artifact_prefix={crashes}/{reader}-", "-print_final_stats=1"]
    atheris.Setup(args, test)
    atheris.Fuzz()
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=int, default=60, help="fuzzing time for each reader (default 60)")
    ap.add_argument("--reader", action="append", choices=sorted(SEEDS), help="only this reader (repeatable)")
    ap.add_argument("--crashes", default=str(ROOT / "benchmarks" / "fuzz-crashes"), help="where crashes are saved")
    ap.add_argument("--work", default=None, help="corpus folder (default: a temporary one)")
    ap.add_argument("--slow", type=float, default=5.0, help="seconds on one input that count as a hang")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    crashes = Path(args.crashes)
    crashes.mkdir(parents=True, exist_ok=True)
    work = Path(args.work or tempfile.mkdtemp(prefix="citex-fuzz-"))
    if args.child:
        return fuzz_one(args.child, args.seconds, work, crashes, args.slow)
    failed = []
    for reader in args.reader or sorted(SEEDS):
        print(f"== {reader}: {args.seconds} s", flush=True)
        run = subprocess.run([sys.executable, __file__, "--child", reader, "--seconds", str(args.seconds),
                              "--crashes", str(crashes), "--work", str(work), "--slow", str(args.slow)],
                             timeout=args.seconds * 3 + 120, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"})
        if run.returncode:
            failed.append(reader)
    print(f"readers with a crash: {', '.join(failed) or 'none'}; crashes in {crashes}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
