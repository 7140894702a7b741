"""Start-up: how long `citex --help` and a one-record conversion take, against the bare interpreter and the peers.

    python benchmarks/startup.py              # 15 runs of each command, medians
    python benchmarks/startup.py --runs 40

The issue's target is `citex --help` under 150 ms. Part of any Python program's
start-up is the interpreter's own, which this machine can make slow (its
site-packages run .pth files at every start): so the table shows `python -c pass`
in the same run, and citex's own share — the difference of the medians. The
commands run in turns, so that they share the machine's load alike. Peers that are
installed (pandoc, node with citation-js; see peers/setup.sh) are timed doing the
same one-record conversion.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import peers  # noqa: E402
ONE_RIS = "TY  - JOUR\nAU  - Smith, John\nTI  - A title\nT2  - J Biol\nPY  - 2020\nER  - \n"


def commands(tmp: Path) -> dict[str, list[str]]:
    py = sys.executable
    ris, out = tmp / "one.ris", tmp / "out"
    ris.write_text(ONE_RIS)
    found = {
        "python -c pass": [py, "-c", "pass"],
        "citex --help": [py, "-m", "citex", "--help"],
        "citex convert (1 RIS record → BibTeX)": [py, "-m", "citex", "convert", str(ris), "--to", "bibtex",
                                                   "-o", f"{out}.bib"],
    }
    citation_js = HERE / "peers" / "citationjs.js"
    if shutil.which("node") and (HERE / "peers" / "node_modules").is_dir():
        found["node -e 0"] = ["node", "-e", "0"]
        found["citation-js (1 RIS record → BibTeX)"] = ["node", str(citation_js), "ris", "bibtex", str(ris),
                                                        f"{out}.cjs.bib"]
    pandoc = peers.pandoc()  # pandoc 3 (pypandoc's binary): Debian's 2.17 has no RIS reader
    if pandoc:
        found["pandoc (1 RIS record → BibTeX)"] = [pandoc, "-f", "ris", "-t", "bibtex", str(ris),
                                                  "-o", f"{out}.pandoc.bib"]
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    peers.install_citex()  # citex as users get it: pip's build, compiled where it can be
    env = peers.citex_env()
    with tempfile.TemporaryDirectory() as tmp:
        cmds = commands(Path(tmp))
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(args.runs):
            for name, argv in cmds.items():
                start = time.perf_counter()
                done = subprocess.run(argv, capture_output=True, env=env)
                times[name].append(time.perf_counter() - start)
                if done.returncode:
                    sys.exit(f"{name} failed: {done.stderr.decode()[-500:]}")
    median = {name: statistics.median(t) * 1000 for name, t in times.items()}
    bare = median["python -c pass"]
    print(f"| command ({args.runs} runs) | median ms | minus python -c pass |")
    print("|---|---:|---:|")
    for name, ms in median.items():
        own = f"{ms - bare:.0f}" if name.startswith("citex") else ""
        print(f"| {name} | {ms:.0f} | {own} |")


if __name__ == "__main__":
    main()
