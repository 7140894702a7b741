"""Every corpus folder written as .bib by the citex CLI and run through real BibTeX and Biber.

One group per folder of ../shared/corpus; the folders whose bibliographic data sits
inside test fixtures (the CSL test suites' INPUT sections, the Zotero translators'
``input`` strings) have it cut out into files first, so that citex reads all of it.
Each group is converted once with ``--to bibtex`` and once with ``--to biblatex``;
the BibTeX file goes through ``bibtex`` with each style (an .aux naming the style,
the data and ``\\citation{*}`` is all BibTeX needs) and the plain bibliography
through pdflatex; the BibLaTeX file goes through Biber with biblatex's authoryear
style, in chunks of ``BIBER_CHUNK`` entries because Biber's time grows faster than
the entries in one run (1,000 entries: ~25 s of CPU, 6,315: ~3 min).
The jobs run in a thread pool of one worker per core.

    python tests/bib_engines.py      # the table of entries, errors and warnings
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPUS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STYLES = ("plain", "unsrt", "plainnat")  # plainnat: the author-year style of natbib
BIBER_CHUNK = 250
# Biber spends ~20 ms of CPU an entry (a unique id for each name, by Math::BigInt): the
# three real bibliographies, 10,073 homogeneous records of the 15,472, give it BIBER_MOST
# entries each, spread evenly (BibTeX gets them all); CITEX_BIBER_ALL=1 gives Biber all.
BIBER_SAMPLED = {"bib-cdl-bibliography", "bib-nime-proceedings", "citesource-ris"}
BIBER_MOST = 500
BIBER_DOC = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage[backend=biber,style=authoryear]{biblatex}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""
PLAIN_DOC = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage{url}
%s
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""
# Zotero translator test files -> the suffix of the format their inputs are in.
ZOTERO_SUFFIX = {"RIS": ".ris", "BibTeX": ".bib", "PubMed_XML": ".xml", "MEDLINEnbib": ".nbib",
                 "Web_of_Science_Tagged": ".txt", "OVID_Tagged": ".txt", "CSL_JSON": ".json"}
_INPUT = re.compile(r"^>>=+\s*INPUT\s*=+>>[ \t]*\n(.*?)\n?<<=+\s*INPUT\s*=+<<", re.M | re.S)


@dataclass
class Run:
    """What one engine said about one group's .bib."""
    entries: dict[str, tuple[str, dict[str, str]]]  # key -> (entry type, fields) as written
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (message, entry key)
    errors: list[tuple[str, str]] = field(default_factory=list)
    printed: int = 0  # entries in the .bbl
    bbl: str = ""
    folder: Path | None = None


def cyrillic_placeholders() -> str:
    """``\\providecommand{\\cyrsh}{?}``... for the T2A letters citex writes Cyrillic as.

    A document with Cyrillic loads ``\\usepackage[T2A,T1]{fontenc}`` (texlive-lang-cyrillic),
    which this TeX Live lacks; the placeholders let pdflatex check the rest of the text.
    """
    from citex.latex import escape

    names = {n for c in map(chr, range(0x400, 0x530)) for n in re.findall(r"\\((?:cyr|CYR)[A-Za-z]*)", escape(c))}
    return "\n".join(f"\\providecommand{{\\{n}}}{{?}}" for n in sorted(names))


def available() -> bool:
    return all(shutil.which(t) for t in ("pdflatex", "bibtex", "biber")) and subprocess.run(
        ["kpsewhich", "biblatex.sty"], capture_output=True).returncode == 0


def _extracted(folder: str, out: Path) -> list[Path]:
    """The bibliographic data inside a folder's test fixtures, as files citex reads."""
    out.mkdir(parents=True, exist_ok=True)
    if folder == "zotero-translator-tests":
        for path in sorted((CORPUS / folder).glob("*.json")):
            for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
                if isinstance(case.get("input"), str) and case.get("type") == "import":
                    (out / f"{path.stem}-{i}{ZOTERO_SUFFIX.get(path.stem, '.txt')}").write_text(
                        case["input"], encoding="utf-8")
    else:  # CSL processor fixtures: the INPUT section is CSL-JSON
        for path in sorted((CORPUS / folder).rglob("*.txt")):
            found = _INPUT.search(path.read_text(encoding="utf-8-sig"))
            if found:
                name = path.relative_to(CORPUS / folder).with_suffix(".json").as_posix().replace("/", "-")
                (out / name).write_text(found.group(1), encoding="utf-8")
    return sorted(out.iterdir())


def groups(work: Path) -> dict[str, list[Path]]:
    """Folder name -> the inputs citex is given for it."""
    out = {}
    for folder in sorted(p.name for p in CORPUS.iterdir() if p.is_dir()):
        embedded = folder in ("csl-test-suite", "jgm-citeproc-tests", "zotero-translator-tests")
        out[folder] = _extracted(folder, work / "inputs" / folder) if embedded else [CORPUS / folder]
    return out


def _run(folder: Path, *cmd: str | Path, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=folder, capture_output=True, text=True, errors="replace", timeout=timeout)


def entries(bib: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """key -> (entry type, {field: value}) of a .bib citex wrote (one field a line)."""
    out = {}
    for kind, key, body in re.findall(r"^@(\w+)\{([^,\n]+),\n(.*?)^\}", bib.read_text(encoding="utf-8"), re.M | re.S):
        out[key] = (kind, dict(re.findall(r"^  (\w+)\s*= (.*?),?$", body, re.M)))
    return out


def convert(inputs: list[Path], to: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    bib = folder / "refs.bib"
    run = subprocess.run([sys.executable, "-m", "citex", "convert", *inputs, "--to", to, "-o", bib],
                         capture_output=True, text=True, cwd=ROOT, timeout=900,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    if "Traceback" in run.stderr or not bib.exists():
        raise AssertionError(f"citex convert {to} failed:\n{run.stderr[-2000:]}")
    (folder / "convert.log").write_text(run.stderr)
    return bib


def bibtex(folder: Path, style: str) -> Run:
    """BibTeX with ``style`` on folder/refs.bib (pdflatex after it for plain)."""
    job = "doc" if style == "plain" else style
    (folder / f"{job}.aux").write_text(f"\\citation{{*}}\n\\bibstyle{{{style}}}\n\\bibdata{{refs}}\n")
    _run(folder, "bibtex", job)
    blg = (folder / f"{job}.blg").read_text(errors="replace")
    errors = re.findall(r"^(.*?) (?:---)?(?:for|in) entry (\S+)\nwhile executing", blg, re.M)
    count = int((re.search(r"^\(There (?:was|were) (\d+) error", blg, re.M) or [0, 0])[1])
    errors += [("unparsed BibTeX error", "")] * (count - len(errors))
    bbl = (folder / f"{job}.bbl").read_text(errors="replace")
    run = Run(entries(folder / "refs.bib"), re.findall(r"^Warning--(.*) in (\S+)$", blg, re.M), errors,
              bbl.count(r"\bibitem"), bbl, folder)
    if style == "plain":
        (folder / "doc.tex").write_text(PLAIN_DOC % cyrillic_placeholders())
        _run(folder, "pdflatex", "-interaction=nonstopmode", "doc.tex")
    return run


def _chunks(bib: Path, size: int, most: int | None) -> list[str]:
    """The entries of ``bib`` in chunks of ``size``: ``most`` of them, spread evenly, if it has more."""
    parts = re.split(r"\n(?=@)", bib.read_text(encoding="utf-8").strip())
    parts = [p for p in parts if p]
    if most and len(parts) > most:
        parts = [parts[i * len(parts) // most] for i in range(most)]
    return ["\n".join(parts[i:i + size]) + "\n" for i in range(0, len(parts), size)]


def biber_control(work: Path) -> Path:
    """The .bcf that pdflatex writes for BIBER_DOC: all Biber needs besides the data."""
    folder = work / "bcf"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "doc.tex").write_text(BIBER_DOC)
    _run(folder, "pdflatex", "-interaction=nonstopmode", "-draftmode", "doc.tex")
    return folder / "doc.bcf"


def biber(folder: Path, bcf: Path, chunk: int) -> tuple[list[tuple[str, str]], int, int]:
    """Biber on one chunk: ([(level, message)], exit status, entries in the .bbl)."""
    shutil.copy(bcf, folder / "doc.bcf")
    run = _run(folder, "biber", "doc")
    blg = (folder / "doc.blg").read_text(errors="replace")
    problems = re.findall(r"^\[\d+\] [^>]*> (WARN|ERROR) - (.*)$", blg, re.M)
    bbl = folder / "doc.bbl"
    return problems, run.returncode, bbl.read_text(errors="replace").count("\\entry{") if bbl.exists() else 0


def run_all(work: Path) -> dict[tuple[str, str], Run]:
    """(group, "bibtex plain"... or "biber authoryear") -> Run, for every corpus group."""
    found = groups(work)
    bcf = biber_control(work)
    results: dict[tuple[str, str], Run] = {}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        bibs = {(g, to): pool.submit(convert, inputs, to, work / to / g)
                for g, inputs in found.items() for to in ("bibtex", "biblatex")}
        bibtex_jobs, biber_jobs = {}, {}
        for (group, to), future in bibs.items():
            bib = future.result()
            if to == "bibtex":
                for style in STYLES:
                    bibtex_jobs[group, f"bibtex {style}"] = pool.submit(bibtex, bib.parent, style)
                continue
            sampled = group in BIBER_SAMPLED and not os.environ.get("CITEX_BIBER_ALL")
            chunks = _chunks(bib, BIBER_CHUNK, BIBER_MOST if sampled else None)
            for i, text in enumerate(chunks):
                sub = bib.parent / f"chunk{i}"
                sub.mkdir(exist_ok=True)
                (sub / "refs.bib").write_text(text, encoding="utf-8")
                biber_jobs.setdefault(group, []).append(pool.submit(biber, sub, bcf, i))
            (bib.parent / "biber.bib").write_text("\n".join(chunks), encoding="utf-8")
            results[group, "biber authoryear"] = Run(entries(bib.parent / "biber.bib"), folder=bib.parent)
        for key, future in bibtex_jobs.items():
            results[key] = future.result()
        for group, futures in biber_jobs.items():
            run = results[group, "biber authoryear"]
            for future in futures:
                problems, status, printed = future.result()
                run.printed += printed
                for level, message in problems:
                    key = (re.search(r"entry '([^']*)'", message) or [None, ""])[1]
                    (run.errors if level == "ERROR" else run.warnings).append((message, key))
                if status:
                    run.errors.append((f"biber exited with status {status}", ""))
    return results


def table(results: dict[tuple[str, str], Run]) -> str:
    """Per engine and style: records, errors and warnings, over all groups and per group."""
    lines, engines = [], sorted({e for _, e in results})
    for engine in engines:
        runs = {g: r for (g, e), r in results.items() if e == engine}
        lines.append(f"{engine}: {sum(len(r.entries) for r in runs.values())} records, "
                     f"{sum(len(r.errors) for r in runs.values())} errors, "
                     f"{sum(len(r.warnings) for r in runs.values())} warnings")
        for group, run in sorted(runs.items()):
            if run.errors or run.warnings:
                kinds = Counter(_kind(m) for m, _ in run.warnings + run.errors)
                lines.append(f"  {group} ({len(run.entries)}): {dict(kinds)}")
    return "\n".join(lines)


def _kind(message: str) -> str:
    return re.sub(r"'[^']*'|\d+", "…", message)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        print(table(run_all(Path(tmp))))
