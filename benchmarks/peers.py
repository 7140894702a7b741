"""citex against its peers on the same work, in one run: seconds and peak memory, as a Markdown table.

    bash benchmarks/peers/setup.sh                        # once: citation-js, citeproc-js, pandoc, bibutils...
    python benchmarks/peers.py                            # conversions at 10k and 100k, formatting at 10k,
                                                          # real exports at 10k (with ../shared beside the repo)
    python benchmarks/peers.py --sizes 1000,10000 --tasks bib2ris,ris2bib --tools citex,citation-js --repeat 3
    python benchmarks/peers.py --sizes 1000000 --tasks bib2ris --tools citex   # the 1M row (input ~400 MB)
    python benchmarks/peers.py --report results.json      # the tables again from a saved run

Each measurement runs one tool as its own process tree, started by a small wrapper
that times it (wall seconds, start-up included) and reads the peak resident memory
of the largest process in the tree (``RUSAGE_CHILDREN``; bibutils' two-process pipe
counts its larger half). Tools take turns within each repeat, so they share the
machine's load alike, each repeat starting with the next tool; the table shows the
median seconds of the repeats. Every output is counted (records written) so that a
tool that drops records shows it.
Inputs come from ``inputs.py`` (cached in ``benchmarks/cache``). Results are saved
to ``--json`` after every measurement, so an interrupted run keeps what it measured.
citex is measured as ``pip install`` builds it (compiled, see setup.py), installed
into ``benchmarks/cache/citex-installed``; ``--source`` runs the tree's Python instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEERS = HERE / "peers"
sys.path[:0] = [str(HERE), str(REPO)]

import inputs  # noqa: E402
import real_inputs  # noqa: E402


@dataclass(frozen=True)
class Task:
    title: str
    source: str  # input format (inputs.py name)
    target: str  # ris | bibtex | csljson | text
    style: str = ""  # formatting tasks: the CSL style


TASKS = {
    "bib2ris": Task("BibTeX → RIS", "bibtex", "ris"),
    "ris2bib": Task("RIS → BibTeX", "ris", "bibtex"),
    "bib2csl": Task("BibTeX → CSL-JSON", "bibtex", "csljson"),
    "medline2bib": Task("MEDLINE → BibTeX", "medline", "bibtex"),
    "pubmed2ris": Task("PubMed XML → RIS", "pubmed-xml", "ris"),
    # real exports repeated to N records (real_inputs.py): abstracts, keywords, many links
    "real-ris2bib": Task("RIS → BibTeX, real exports", "ris-real", "bibtex"),
    "real-ris2csl": Task("RIS → CSL-JSON, real exports", "ris-real", "csljson"),
    "unseen-ris2bib": Task("RIS → BibTeX, real exports, no record or name repeated", "ris-real-unseen", "bibtex"),
    "real-bib2ris": Task("BibTeX → RIS, real proceedings", "bibtex-real", "ris"),
    "real-bib2csl": Task("BibTeX → CSL-JSON, real proceedings", "bibtex-real", "csljson"),
    "apa": Task("format APA, text", "csljson", "text", "apa"),
    "vancouver": Task("format Vancouver, text", "csljson", "text", "vancouver"),
}
CONVERSIONS = [name for name, task in TASKS.items() if not task.style]
FORMATTING = [name for name, task in TASKS.items() if task.style]
# "citex" is the command as users run it: convert's default is --jobs auto (the cores, for
# inputs of 1 MB or more), format's is one process.
CITEX = ("citex", "citex --jobs 1", "citex --jobs 2")
TOOLS = [*CITEX, "citation-js", "python", "pandoc", "bibutils", "citeproc-js"]

# Runs argv in its own session (killed whole on timeout), prints {"seconds", "kb", "rc"};
# the child's output goes to the file named first.
WRAPPER = """
import json, os, resource, signal, subprocess, sys, time
log, timeout, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
start = time.perf_counter()
with open(log, "wb") as err:
    child = subprocess.Popen(argv, stdout=err, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        rc = child.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        rc = "timeout"
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "rc": rc}))
"""


def pandoc() -> str | None:
    try:
        import pypandoc  # its binary is pandoc 3.x, which reads RIS; Debian's 2.17 does not
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def citex_jobs(command: str) -> bool:
    """Whether ``citex COMMAND`` has ``--jobs`` (it is being added on another branch)."""
    shown = subprocess.run([sys.executable, "-m", "citex", command, "--help"], capture_output=True, text=True,
                           env=citex_env()).stdout
    return "--jobs" in shown


CITEX_TREE = REPO  # the citex source tree measured (--citex)
SOURCE = False  # --source: run the tree's Python source instead of installing it
INSTALLED = inputs.CACHE / "citex-installed"


def install_citex() -> None:
    """Install the measured tree as users get it, into the benchmark cache: ``pip install``
    compiles its modules where a C compiler is at hand (setup.py) and byte-compiles the rest.
    With --source the tree itself is run, byte-compiled first: with PYTHONDONTWRITEBYTECODE
    set, every start would compile citex's modules again (~0.2 s)."""
    if SOURCE:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(CITEX_TREE / "citex")], check=True)
        return
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--upgrade", "--target",
                    str(INSTALLED), str(CITEX_TREE)], check=True)


def citex_env() -> dict[str, str]:
    where = CITEX_TREE if SOURCE else INSTALLED
    # PYTHONSAFEPATH: `python -m citex` started in a source tree must not import that tree's citex
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(where), os.environ.get("PYTHONPATH", "")]),
            "PYTHONSAFEPATH": "1"}


def style_path(name: str) -> str:
    from citex.csl_styles import resolve
    return str(resolve(name))


def locale_path() -> str:
    import citeproc
    return str(Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml")


def command(tool: str, task: Task, src: Path, out: Path) -> list[str] | None:
    """The command line for ``tool`` doing ``task``, or None when the tool cannot do it."""
    py = sys.executable
    # real exports ("ris-real", "ris-real-unseen", "bibtex-real"): the format they are in
    source = task.source.split("-real")[0]
    if tool in CITEX:
        jobs = tool.split()[1:]  # "--jobs N", or nothing for the default
        if task.style:
            return [py, "-m", "citex", "format", str(src), "--style", style_path(task.style), "-o", str(out), *jobs]
        return [py, "-m", "citex", "convert", str(src), "--to", task.target, "-o", str(out), *jobs]
    if tool == "citation-js" and not task.style and source in ("bibtex", "ris"):
        return ["node", str(PEERS / "citationjs.js"), source, task.target, str(src), str(out)]
    if tool == "python" and (source, task.target) in (("bibtex", "ris"), ("ris", "bibtex"), ("bibtex", "csljson")):
        return [py, str(PEERS / "python_baseline.py"), source, task.target, str(src), str(out)]
    if tool == "pandoc":
        if task.style:
            return [pandoc(), str(nocite()), "--citeproc", "-t", "plain", "--wrap=none", "--csl",
                    style_path(task.style), "--bibliography", str(src), "-o", str(out)]
        if source in ("bibtex", "ris", "csljson") and task.target in ("bibtex", "csljson"):
            return [pandoc(), "-f", source, "-t", task.target, str(src), "-o", str(out)]
    if tool == "bibutils":
        reader = {"bibtex": "bib2xml", "ris": "ris2xml", "pubmed-xml": "med2xml"}.get(source)
        writer = {"bibtex": "xml2bib", "ris": "xml2ris"}.get(task.target)
        if reader and writer:
            return ["sh", "-c", f'{reader} "$1" | {writer} > "$2"', "bibutils", str(src), str(out)]
    if tool == "citeproc-js" and task.style:
        return ["node", str(PEERS / "citeproc_format.js"), style_path(task.style), locale_path(), str(src), str(out)]
    return None


def nocite() -> Path:
    """A Markdown document that cites every entry of the bibliography (pandoc's ``nocite: @*``)."""
    path = inputs.CACHE / "nocite.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\nnocite: |\n  @*\n---\n", encoding="utf-8")
    return path


def installed(tool: str) -> bool:
    return {
        "citation-js": (PEERS / "node_modules" / "@citation-js" / "core").is_dir(),
        "citeproc-js": (HERE / "citeproc_js" / "node_modules" / "citeproc").is_dir(),
        "pandoc": bool(pandoc()),
        "bibutils": bool(shutil.which("bib2xml")),
        "python": _importable("bibtexparser") and _importable("rispy"),
    }.get(tool, True)


def _importable(module: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(module) is not None


def count(target: str, out: Path) -> int | None:
    """Records in an output file: what the tool really wrote."""
    if not out.exists():
        return None
    text = out.read_text(encoding="utf-8", errors="replace")
    if target == "ris":
        return len(re.findall(r"(?m)^\ufeff?TY  -", text))
    if target == "bibtex":
        return len(re.findall(r"(?mi)^\ufeff?\s*@(?!comment|string|preamble)\w+\s*[{(]", text))
    if target == "csljson":
        try:
            return len(json.loads(text))
        except ValueError:
            return None
    return sum(1 for line in text.splitlines() if line.strip())


def measure(argv: list[str], log: Path, timeout: float) -> dict:
    done = subprocess.run([sys.executable, "-c", WRAPPER, str(log), str(timeout), *argv],
                          capture_output=True, text=True, env=citex_env())
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(args: argparse.Namespace) -> list[dict]:
    results: list[dict] = []
    install_citex()
    jobs = {"convert": citex_jobs("convert"), "format": citex_jobs("format")}
    tools = [t for t in args.tools.split(",") if t]
    missing = [t for t in tools if not installed(t)]
    if missing:
        print(f"not installed (run benchmarks/peers/setup.sh): {', '.join(missing)}", file=sys.stderr)
    work = inputs.CACHE / "out"
    work.mkdir(parents=True, exist_ok=True)
    for name in args.tasks.split(","):
        task = TASKS[name]
        real = task.source in real_inputs.SOURCES
        sizes = [int(s) for s in (args.format_sizes if task.style else args.real_sizes if real else args.sizes).split(",")]
        for n in sizes:
            src = real_inputs.path(task.source, n) if real else inputs.path(task.source, n)
            for rep in range(args.repeat):
                # the order turned by one each repeat, so that no tool always runs first: in a
                # window where the machine's speed drifts, a place in the round can favour a tool
                turn = rep % len(tools)
                for tool in tools[turn:] + tools[:turn]:
                    verb = "format" if task.style else "convert"
                    if tool in missing or ("--jobs" in tool and not jobs[verb]):
                        continue
                    out = work / f"{tool.replace(' ', '')}-{name}-{n}.out"
                    out.unlink(missing_ok=True)
                    argv = command(tool, task, src, out)
                    row = {"task": name, "n": n, "tool": tool, "repeat": rep}
                    if argv is None:
                        continue
                    log = out.with_suffix(".log")
                    row.update(measure(argv, log, args.timeout))
                    row["records"] = count(task.target, out)
                    if row["rc"] != 0:
                        row["error"] = log.read_text(errors="replace")[-300:]
                    out.unlink(missing_ok=True)
                    results.append(row)
                    print(f"{name} {n} {tool}: {row['seconds']:.2f} s, {row['kb'] / 1024:.0f} MB, "
                          f"{row['records']} records, rc {row['rc']}", file=sys.stderr, flush=True)
                    if args.json:
                        save(args.json, results)
    return results


def save(path: str, results: list[dict]) -> None:
    meta = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": platform.machine(),
            "cpus": os.cpu_count(), "load": os.getloadavg(), "citex": "source" if SOURCE else "installed"}
    Path(path).write_text(json.dumps({"meta": meta, "results": results}, indent=1), encoding="utf-8")


def _cell(rows: list[dict], n: int) -> str:
    if not rows:
        return "—"
    ok = [r for r in rows if r["rc"] == 0]
    if not ok:
        return f"failed ({rows[0]['rc']})"
    seconds = statistics.median(r["seconds"] for r in ok)
    mb = max(r["kb"] for r in ok) / 1024
    text = f"{seconds:.1f} s, {mb:,.0f} MB" if seconds >= 10 else f"{seconds:.2f} s, {mb:,.0f} MB"
    wrote = ok[0].get("records")
    if wrote is not None and wrote != n:
        text += f" ({wrote:,} out)"
    return text


def _median(rows: list[dict]) -> float | None:
    ok = [r["seconds"] for r in rows if r["rc"] == 0]
    return statistics.median(ok) if ok else None


def table(results: list[dict]) -> str:
    """The Markdown tables: tools side by side, then citex's cost per record."""
    seen = {r["tool"] for r in results}
    tools = [t for t in TOOLS if t in seen]
    peers = [t for t in tools if t not in CITEX]
    ours = [t for t in CITEX if t in tools]
    head = ["work", "N", *tools] + [f"{t} / fastest peer" for t in ours]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * 2 + "---:|" * (len(head) - 2)]
    for name, n in dict.fromkeys((r["task"], r["n"]) for r in results):
        rows = {t: [r for r in results if (r["task"], r["n"], r["tool"]) == (name, n, t)] for t in tools}
        fastest = [s for s in (_median(rows[t]) for t in peers) if s is not None]
        ratios = []
        for t in ours:
            mine = _median(rows[t])
            ratios.append(f"{mine / min(fastest):.2f}×" if mine is not None and fastest else "—")
        lines.append("| " + " | ".join([TASKS[name].title, f"{n:,}", *(_cell(rows[t], n) for t in tools), *ratios])
                     + " |")
    return "\n".join(lines) + "\n\n" + per_record(results)


def per_record(results: list[dict]) -> str:
    """citex's time per record and peak memory at each N: linear cost, flat memory."""
    mine = [r for r in results if r["tool"] == "citex" and r["rc"] == 0]
    sizes = sorted({r["n"] for r in mine})
    if not sizes:
        return ""
    lines = ["| citex, per record | " + " | ".join(f"{n:,}" for n in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    for name in dict.fromkeys(r["task"] for r in mine):
        cells = []
        for n in sizes:
            rows = [r for r in mine if (r["task"], r["n"]) == (name, n)]
            cells.append(f"{_median(rows) / n * 1e6:,.0f} µs, {max(r['kb'] for r in rows) / 1024:.0f} MB"
                         if rows else "")
        lines.append(f"| {TASKS[name].title} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="records for the conversion tasks")
    parser.add_argument("--format-sizes", default="10000", help="entries for the formatting tasks")
    parser.add_argument("--real-sizes", default="10000", help="records for the tasks on real exports")
    default_tasks = [t for t in TASKS if TASKS[t].source not in real_inputs.SOURCES or real_inputs.available()]
    parser.add_argument("--tasks", default=",".join(default_tasks), help=", ".join(TASKS))
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a tool is stopped")
    parser.add_argument("--json", default=str(inputs.CACHE / "results.json"), help="save the measurements here")
    parser.add_argument("--report", metavar="JSON", help="print the tables of saved runs (comma-separated) and stop")
    parser.add_argument("--citex", metavar="TREE", help="measure the citex of this source tree (default: this one)")
    parser.add_argument("--source", action="store_true",
                        help="run the tree's Python source, not the tree as pip installs it (compiled)")
    args = parser.parse_args(argv)
    global CITEX_TREE, SOURCE
    SOURCE = args.source
    if args.citex:
        CITEX_TREE = Path(args.citex).resolve()
    if args.report:  # one saved run, or several merged (each measurement once)
        merged: dict[tuple, dict] = {}
        for path in args.report.split(","):
            saved = json.loads(Path(path).read_text(encoding="utf-8"))
            print(f"{path}: {saved['meta']['date']}, {saved['meta']['cpus']} CPUs, load {saved['meta']['load']}")
            merged.update({(r["task"], r["n"], r["tool"], r["repeat"]): r for r in saved["results"]})
        print()
        print(table(sorted(merged.values(), key=lambda r: (list(TASKS).index(r["task"]), r["n"]))))
        return 0
    results = run(args)
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
