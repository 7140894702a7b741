"""Reading alone: CPU µs a record and peak memory of ``citex.load`` for each input format.

    python benchmarks/readers.py                          # 10k and 100k, this tree
    python benchmarks/readers.py --sizes 10000 --citex /work/main --formats bib,ris
    python benchmarks/readers.py --write ris              # load piped into a writer: which part of the peak is whose

Each measurement is its own process (``citex.load`` over the cached input from
``inputs.py``, every record counted, nothing written), so the peak RSS is the reader's
and the interpreter's; CPU is user+sys of that process, start-up and imports excluded
(measured from just before the first record is asked for). With ``--write FMT`` the
records go on through the repairs and writer FMT into /dev/null: the difference from
the reading-only row is what the repairs and the writer add.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"
SUFFIX = {"bib": "bib", "ris": "ris", "csljson": "json", "medline": "nbib", "pubmed-xml": "xml"}

_CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
import citex
from citex.pipeline import Tally, convert, load
import citex.registry as registry
list(registry.READERS); list(registry.WRITERS); list(registry.REPAIRS)  # imports not counted
path, write = sys.argv[2], sys.argv[3]
start = time.process_time()
tally = Tally()
if write:
    with open(os.devnull, "w") as out:
        convert([path], out, write, tally=tally)
    n = tally.read
else:
    n = sum(1 for _ in load([path], tally=tally))
cpu = time.process_time() - start
print(json.dumps({"n": n, "cpu": cpu, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure(citex: str, path: Path, write: str) -> dict:
    run = subprocess.run([sys.executable, "-c", _CHILD, citex, str(path), write],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--citex", default=str(HERE.parent), help="the citex tree to measure")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--formats", default="bib,ris,medline,pubmed-xml,csljson")
    parser.add_argument("--write", default="", help="also repair and write this format (to /dev/null)")
    parser.add_argument("--cache", default=str(CACHE), help="where inputs.py wrote the inputs")
    args = parser.parse_args()
    print("| input | N | records | CPU s | µs / record | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for fmt in args.formats.split(","):
        for size in map(int, args.sizes.split(",")):
            path = Path(args.cache) / f"records-{size}.{SUFFIX[fmt]}"
            if not path.is_file():
                print(f"| {fmt} | {size:,} | (no {path.name}: run inputs.py --sizes {size}) | | | |")
                continue
            got = measure(args.citex, path, args.write)
            print(f"| {fmt}{' → ' + args.write if args.write else ''} | {size:,} | {got['n']:,} | "
                  f"{got['cpu']:.2f} | {got['cpu'] / max(got['n'], 1) * 1e6:.0f} | {got['rss_mb']:.0f} |",
                  flush=True)


if __name__ == "__main__":
    main()
