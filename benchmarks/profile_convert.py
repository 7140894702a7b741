"""Time `citex convert` on generated inputs: seconds and peak RSS per task, for profiling citex itself.

    python benchmarks/profile_convert.py -n 10000                 # every task at 10k records
    python benchmarks/profile_convert.py -n 100000 --tasks ris-bibtex --jobs 2
    python benchmarks/profile_convert.py -n 10000 --tasks bibtex-ris --profile   # pyinstrument

Inputs are made once per N into ``--dir`` (default /tmp/citex_profile/N) from
``records.generate``: BibTeX, RIS and CSL-JSON by citex's own writers, MEDLINE and
PubMed XML by the small generators below. This is not the peer benchmark (see
README.md); it measures citex alone, for finding where its time goes.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TASKS = {  # name -> (input file, --to)
    "bibtex-ris": ("in.bib", "ris"),
    "ris-bibtex": ("in.ris", "bibtex"),
    "bibtex-csljson": ("in.bib", "csljson"),
    "medline-bibtex": ("in.nbib", "bibtex"),
    "pubmedxml-ris": ("in.xml", "ris"),
}
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
CHUNK = 5000


def _items(n: int):
    """The generated items, in chunks (so that a million need not be held at once)."""
    from records import generate

    for start in range(0, n, CHUNK):
        items = generate(min(CHUNK, n - start), seed=start)
        for i, item in enumerate(items):
            item["id"] = f"item-{start + i}"
        yield items


def _initials(given: str) -> str:
    return "".join(p[0] for p in re.split(r"[\s.-]+", given) if p)


def _medline(item: dict) -> str:
    lines = [f"PMID- {item['id'].split('-')[1]}"]
    year = (item.get("issued") or {}).get("date-parts", [[None]])[0]
    if year and year[0]:
        month = f" {MONTHS[year[1] - 1]}" if len(year) > 1 else ""
        lines.append(f"DP  - {year[0]}{month}")
    if item.get("title"):
        lines.append(f"TI  - {item['title']}")
    if item.get("page"):
        lines.append(f"PG  - {item['page']}")
    for a in item.get("author", []):
        if "literal" in a:
            lines.append(f"CN  - {a['literal']}")
            continue
        family = " ".join(x for x in (a.get("non-dropping-particle"), a.get("family")) if x)
        lines.append(f"FAU - {family}, {a.get('given', '')}".rstrip(", "))
        lines.append(f"AU  - {family} {_initials(a.get('given', ''))}".rstrip())
    for tag, name in (("VI", "volume"), ("IP", "issue"), ("JT", "container-title"),
                      ("TA", "container-title-short")):
        if item.get(name):
            lines.append(f"{tag}  - {item[name]}")
    lines.append("PT  - Journal Article" if item["type"] == "article-journal" else "PT  - Book")
    if item.get("DOI"):
        lines.append(f"AID - {item['DOI']} [doi]")
    return "\n".join(lines) + "\n\n"


def _pubmed_xml(item: dict) -> str:
    e = html.escape
    year = (item.get("issued") or {}).get("date-parts", [[None]])[0]
    date = f"<Year>{year[0]}</Year>" if year and year[0] else "<MedlineDate>n.d.</MedlineDate>"
    if year and len(year) > 1:
        date += f"<Month>{MONTHS[year[1] - 1]}</Month>"
    authors = []
    for a in item.get("author", []):
        if "literal" in a:
            authors.append(f"<Author><CollectiveName>{e(a['literal'])}</CollectiveName></Author>")
        else:
            family = " ".join(x for x in (a.get("non-dropping-particle"), a.get("family")) if x)
            authors.append(f"<Author><LastName>{e(family)}</LastName><ForeName>{e(a.get('given', ''))}"
                           f"</ForeName><Initials>{_initials(a.get('given', ''))}</Initials></Author>")
    doi = f'<ELocationID EIdType="doi" ValidYN="Y">{e(item["DOI"])}</ELocationID>' if item.get("DOI") else ""
    return (f"<PubmedArticle><MedlineCitation><PMID Version=\"1\">{item['id'].split('-')[1]}</PMID>"
            f"<Article><Journal><JournalIssue><Volume>{e(item.get('volume', ''))}</Volume>"
            f"<Issue>{e(item.get('issue', ''))}</Issue><PubDate>{date}</PubDate></JournalIssue>"
            f"<Title>{e(item.get('container-title', 'Journal'))}</Title></Journal>"
            f"<ArticleTitle>{e(item.get('title', ''))}</ArticleTitle>"
            f"<Pagination><MedlinePgn>{e(item.get('page', ''))}</MedlinePgn></Pagination>{doi}"
            f"<AuthorList>{''.join(authors)}</AuthorList></Article></MedlineCitation></PubmedArticle>\n")


def make_inputs(n: int, folder: Path) -> None:
    from citex.model import Record, Source
    from citex.pipeline import dump

    folder.mkdir(parents=True, exist_ok=True)
    if (folder / "done").exists():
        return
    writers = {"in.bib": "bibtex", "in.ris": "ris"}
    outs = {name: open(folder / name, "w", encoding="utf-8") for name in ("in.bib", "in.ris", "in.nbib", "in.xml")}
    outs["in.xml"].write("<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n")
    for items in _items(n):
        for name, to in writers.items():
            recs = (Record.from_csl(item, Source("csljson")) for item in items)
            dump(recs, outs[name], to)
        outs["in.nbib"].write("".join(_medline(item) for item in items))
        outs["in.xml"].write("".join(_pubmed_xml(item) for item in items))
    outs["in.xml"].write("</PubmedArticleSet>\n")
    for out in outs.values():
        out.close()
    (folder / "done").write_text("")


def run(task: str, folder: Path, jobs: int, profile: bool) -> tuple[float, int, str]:
    source, to = TASKS[task]
    out = folder / f"out-{task}"
    cmd = [sys.executable]
    if profile:
        cmd += ["-m", "pyinstrument", "-r", "text", "-o", str(folder / f"profile-{task}.txt")]
    else:
        cmd += ["-m"]
    cmd += ["citex", "convert", str(folder / source), "--to", to, "-o", str(out)]
    if jobs > 1:
        cmd += ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = proc.stderr.strip().splitlines()
    summary = next((line for line in reversed(lines) if line.startswith("read ")), lines[-2] if len(lines) > 1 else "")
    return seconds, int(lines[-1]) // 1024, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--tasks", default=",".join(TASKS))
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--dir", type=Path)
    ap.add_argument("--profile", action="store_true", help="run under pyinstrument; text report in --dir")
    args = ap.parse_args()
    folder = args.dir or Path(f"/tmp/citex_profile/{args.n}")
    make_inputs(args.n, folder)
    print(f"{'task':<16} {'seconds':>8} {'us/rec':>8} {'MB':>6}  summary")
    for task in args.tasks.split(","):
        seconds, mb, summary = run(task, folder, args.jobs, args.profile)
        print(f"{task:<16} {seconds:8.2f} {seconds / args.n * 1e6:8.1f} {mb:6d}  {summary}", flush=True)


if __name__ == "__main__":
    main()
