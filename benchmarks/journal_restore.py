"""How well the journal rules restore a full journal title (MEDLINE ``JT``, PubMed XML ``Title``)
from the abbreviation alone, on the corpus's NLM records.

Each MEDLINE and PubMed XML record of the shared corpus is read, its full title
removed, and repaired with the default threshold; the title the rules put back is
compared with the one removed. PubMed XML records are tried twice: with their
``ISOAbbreviation`` (what the reader puts in ``container-title-short``) and with
their ``MedlineTA`` in its place. Two tables: the shipped one (which holds the
corpus's own NLM facts, so it measures the rules and the reading, not coverage),
and one built from the CSL styles alone (``--no-nlm``), which has never seen
these records: its figures are the honest measure of coverage.

    python benchmarks/journal_restore.py [CORPUS]

Counts: ``exact`` (the same text), ``same journal`` (the same title once case,
punctuation, subtitle and NLM's place qualifier are set aside), ``wrong`` (another
journal: must be 0), ``left`` (nothing put back).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import citex  # noqa: E402
from citex.repairs import journal_names, journals  # noqa: E402
from citex.repairs.journal_names import JournalTable, identity  # noqa: E402
from tools.build_journal_table import corpus  # noqa: E402


def nlm_records(folder: Path) -> list[tuple[str, citex.Record]]:
    """(variant, record) for each NLM record with a full title and an abbreviation."""
    out = []
    for path in sorted(folder.rglob("*")):
        fmt = {".xml": "pubmed-xml", ".txt": "medline", ".nbib": "medline"}.get(path.suffix)
        if not fmt or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        if fmt == "medline" and not re.search(r"^TA  - ", text, re.M) or \
                fmt == "pubmed-xml" and "<MedlineTA>" not in text:
            continue
        try:
            records = list(citex.loads(text, fmt, str(path)))
        except citex.CitexError:
            continue
        for rec in records:
            if not rec.get("container-title") or not rec.get("container-title-short"):
                continue
            if fmt == "medline":
                out.append(("MEDLINE TA", rec))
                continue
            out.append(("XML ISOAbbreviation", rec))
            ta = re.search(r"MedlineTA: ([^;]+)", rec.extra.get("MedlineJournalInfo", ""))
            if ta:
                copy = citex.Record(type=rec.type, fields=dict(rec.fields), source=rec.source)
                copy.fields["container-title-short"] = ta.group(1).strip()
                out.append(("XML MedlineTA", copy))
    return out


def measure(records: list[tuple[str, citex.Record]]) -> dict[str, Counter]:
    tally: dict[str, Counter] = {}
    for variant, rec in records:
        truth = rec.fields["container-title"]
        fields = {k: v for k, v in rec.fields.items() if k != "container-title"}
        [out] = citex.repair([citex.Record(type=rec.type, fields=fields, source=rec.source)])
        got = out.get("container-title")
        verdict = ("left" if not got else "exact" if got == truth
                   else "same journal" if identity(got) == identity(truth) else "wrong")
        tally.setdefault(variant, Counter())[verdict] += 1
        if verdict == "wrong":
            print(f"  WRONG {variant}: {rec.get('container-title-short')!r} -> {got!r}, was {truth!r}")
    return tally


def show(name: str, tally: dict[str, Counter]) -> None:
    print(f"\n{name}\n| records | n | exact | same journal | wrong | left |\n|---|---:|---:|---:|---:|---:|")
    for variant, c in tally.items():
        print(f"| {variant} | {sum(c.values())} | {c['exact']} | {c['same journal']} | {c['wrong']} | {c['left']} |")


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else corpus()
    records = nlm_records(folder)
    show("shipped table", measure(records))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "styles-only.tsv"
        subprocess.run([sys.executable, str(ROOT / "tools" / "build_journal_table.py"), "--no-nlm",
                        "-o", str(out)], check=True)
        styles_only = JournalTable.parse(out.read_text("utf-8"))
    journals.table = journal_names.table = lambda: styles_only
    show("table from the CSL styles alone", measure(records))
    return 0


if __name__ == "__main__":
    sys.exit(main())
