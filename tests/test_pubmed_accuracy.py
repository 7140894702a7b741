"""Field-by-field accuracy of `citex convert --to csljson` on generated PubMed text records.

The scoring the product is judged by, rehearsed: several hundred records in the
seed's format, clean or carrying one known fault (see ``pubmed_truth``), go
through the real CLI in one file; each output item is scored on title, first
author, journal, year, volume, issue, pages, DOI and PMID. The bar: no record
lost, at least 98 % of fields right, and no field wrong on a clean record.
Every failure message carries the per-fault, per-field breakdown.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

try:
    from tests import pubmed_truth as truth
except ImportError:  # tests/ is not a package: pytest put tests/ itself on sys.path
    import pubmed_truth as truth

ROOT = Path(__file__).resolve().parents[1]
FIELDS = truth.FIELDS
TARGET = 0.98


# ---------------------------------------------------------------- running the converter


def convert(path: Path) -> list[dict]:
    """The CSL-JSON items `python -m citex convert PATH --to csljson` writes, in input order."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
    proc = subprocess.run([sys.executable, "-m", "citex", "convert", str(path), "--to", "csljson"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env,
                          timeout=600)
    try:
        items = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"`citex convert --to csljson` wrote no JSON (exit {proc.returncode}):\n"
                    f"stdout: {proc.stdout[:2000]}\nstderr: {proc.stderr[-4000:]}")
    assert isinstance(items, list), f"expected a JSON array, got {type(items).__name__}"
    return items


# ---------------------------------------------------------------- normalising and scoring


def _text(value: object) -> str:
    """Case, whitespace and one trailing period do not count."""
    s = " ".join(unicodedata.normalize("NFC", str(value or "")).split()).casefold()
    return s[:-1].rstrip() if s.endswith(".") else s


def _pages(value: object) -> str:
    return re.sub(r"\s+", "", re.sub(r"[\u2010-\u2015\u2212]", "-", str(value or "")))


def _year(item: dict) -> str:
    try:
        return str(int(item["issued"]["date-parts"][0][0]))
    except (KeyError, IndexError, TypeError, ValueError):
        return ""


def actual_fields(item: dict) -> dict[str, object]:
    authors = item.get("author") or []
    return {"title": item.get("title"), "author": authors[0] if authors else None,
            "journal": item.get("container-title"), "year": _year(item),
            "volume": item.get("volume"), "issue": item.get("issue"), "pages": item.get("page"),
            "doi": item.get("DOI"), "pmid": item.get("PMID")}


def show_author(name: object) -> str:
    if not isinstance(name, dict):
        return repr(name)
    if name.get("literal"):
        return name["literal"]
    family = " ".join(name.get(k) or "" for k in ("dropping-particle", "non-dropping-particle",
                                                  "family")).strip()
    return f"{family} {name.get('given') or ''}".strip()


def author_ok(expected: object, got: object) -> bool:
    """Family name (with its particles) and initials; a group as a literal (or family only)."""
    if not expected:
        return not got
    if not isinstance(got, dict):
        return False
    if isinstance(expected, str):
        name = got.get("literal") or (got.get("family") if not got.get("given") else None)
        return _text(name) == _text(expected)
    family = " ".join(got.get(k) or "" for k in ("dropping-particle", "non-dropping-particle",
                                                 "family"))
    initials = re.sub(r"[\s.\-]", "", got.get("given") or "")
    return _text(family) == _text(expected[0]) and initials == expected[1]


def score(expected: dict, got: dict) -> dict[str, bool]:
    ok = {}
    for f in FIELDS:
        want, have = expected[f], got[f]
        if f == "author":
            ok[f] = author_ok(want, have)
        elif not want:
            ok[f] = not have
        elif f == "pages":
            ok[f] = _pages(have) == _pages(want)
        elif f in ("doi", "pmid"):
            ok[f] = str(have or "").strip().casefold() == str(want).casefold()
        elif f == "year":
            ok[f] = have == want
        else:
            ok[f] = _text(have) == _text(want)
    # A supplement may be split either way: volume "15 Suppl 1" or volume "15", issue "Suppl 1".
    if expected["volume"] and " Suppl" in expected["volume"] and not expected["issue"]:
        if _text(f"{got['volume']} {got['issue']}") == _text(expected["volume"]):
            ok["volume"] = ok["issue"] = True
    return ok


def align(cases: list, items: list[dict]) -> list[dict | None]:
    """The output item for each case: by position when none was lost, else by PMID or title."""
    if len(items) == len(cases):
        return list(items)
    out, start = [], 0
    for case in cases:
        keys = (str(case.truth["pmid"]), _text(case.truth["title"]))
        for j in range(start, len(items)):
            if str(items[j].get("PMID")) == keys[0] or _text(items[j].get("title")) == keys[1]:
                out.append(items[j])
                start = j + 1
                break
        else:
            out.append(None)
    return out


# ---------------------------------------------------------------- the report


def _show(f: str, value: object) -> str:
    return show_author(value) if f == "author" else repr(value)


def breakdown(run: dict) -> str:
    """A table of fields right per fault kind, then examples of what failed."""
    rows: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for case, ok in zip(run["cases"], run["scores"]):
        for group in (case.kind, f"shape={case.shape}", "ALL"):
            for f in FIELDS:
                rows[group][f][0] += ok[f]
                rows[group][f][1] += 1
    order = list(dict.fromkeys(c.kind for c in run["cases"]))
    order += sorted(g for g in rows if g.startswith("shape=")) + ["ALL"]
    width = max(map(len, rows)) + 2
    lines = [f"{'kind':<{width}}{'n':>4} " + " ".join(f"{f[:7]:>7}" for f in FIELDS) + "   all"]
    for group in order:
        cells = rows[group]
        n = cells[FIELDS[0]][1]
        right = sum(c[0] for c in cells.values())
        lines.append(f"{group:<{width}}{n:>4} " + " ".join(
            f"{'.' if c[0] == c[1] else f'{100 * c[0] / c[1]:.1f}%':>7}" for c in
            (cells[f] for f in FIELDS)) + f" {100 * right / (n * len(FIELDS)):5.1f}%")
    lines.append("('.' = all right)\n")
    variants: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for case, ok in zip(run["cases"], run["scores"]):
        for v in case.variant.split("+"):
            variants[case.kind, v][0] += not all(ok.values())
            variants[case.kind, v][1] += 1
    failing = [f"{k}/{v}: {bad}/{n}" for (k, v), (bad, n) in sorted(variants.items()) if bad]
    if failing:
        lines.append("records with a wrong field, by fault variant: " + ", ".join(failing) + "\n")
    shown: dict[str, int] = defaultdict(int)
    for case, item, ok in zip(run["cases"], run["aligned"], run["scores"]):
        bad = [f for f in FIELDS if not ok[f]]
        limit = 25 if case.kind == "clean" else 4
        if not bad or shown[case.kind] >= limit:
            continue
        shown[case.kind] += 1
        got = actual_fields(item) if item else None
        lines.append(f"[{case.kind} {case.variant} {case.shape}] pmid {case.truth['pmid']}"
                     + ("" if item else "  RECORD LOST"))
        lines.append("  input: " + case.text.replace("\r", "").replace("\n", "\n         "))
        for f in bad:
            have = _show(f, got[f]) if got else "-"
            lines.append(f"  {f}: want {_show(f, case.expected[f])}, got {have}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict:
    cases = truth.generate(seed=int(os.environ.get("CITEX_ACCURACY_SEED", "20240611")))
    path = tmp_path_factory.mktemp("pubmed") / "records.txt"
    truth.write_file(cases, path)
    items = convert(path)
    aligned = align(cases, items)
    scores = [score(c.expected, actual_fields(i)) if i else {f: False for f in FIELDS}
              for c, i in zip(cases, aligned)]
    result = {"cases": cases, "items": items, "aligned": aligned, "scores": scores}
    result["report"] = breakdown(result)
    return result


def test_no_record_lost(run):
    assert len(run["items"]) == len(run["cases"]), (
        f"{len(run['cases'])} records in, {len(run['items'])} out\n\n{run['report']}")


def test_fields_right_at_least_98_percent(run):
    print(run["report"])  # shown with `pytest -rP` even when the test passes
    right = sum(sum(ok.values()) for ok in run["scores"])
    total = len(run["scores"]) * len(FIELDS)
    assert right / total >= TARGET, (
        f"{right}/{total} fields right ({100 * right / total:.1f}%, need {100 * TARGET:.0f}%)\n\n"
        f"{run['report']}")


def test_clean_records_unharmed(run):
    harmed = [(c.truth["pmid"], f) for c, ok in zip(run["cases"], run["scores"])
              if c.kind == "clean" for f in FIELDS if not ok[f]]
    assert not harmed, f"{len(harmed)} fields wrong on clean records: {harmed}\n\n{run['report']}"


# ---------------------------------------------------------------- one exact record per fault


def _by_pmid(pmid: str) -> dict:
    return next(t for t in truth.TRUE_RECORDS if t["pmid"] == pmid)


EXACT = [  # (name, true record, fault kind, variant, citation shape)
    ("clean", "33708679", "clean", None, "seed"),
    ("clean-pubmed-shape", "33708679", "clean", None, "pubmed"),
    ("journal-is-title", "33708679", "journal_is_title", "same", "seed"),
    ("journal-is-title-upper", "28380005", "journal_is_title", "upper", "pubmed"),
    ("title-doubled", "33301246", "title_doubled", "T. T.", "seed"),
    ("title-doubled-no-stop", "14772469", "title_doubled", "T T", "seed"),
    ("pages-abbreviated", "33708679", "pages_abbreviated", "hyphen", "seed"),
    ("pages-abbreviated-en-dash", "14772469", "pages_abbreviated", "en_dash", "pubmed"),
    ("doi-url", "28380005", "doi_dressed", "https_url", "seed"),
    ("doi-dx-url", "33069327", "doi_dressed", "dx_url", "pubmed"),
    ("doi-prefix-upper", "33782057", "doi_dressed", "DOI_prefix", "seed"),
    ("doi-trailing-period", "33301246", "doi_dressed", "trailing_period", "seed"),
    ("doi-space-after-slash", "28380005", "doi_dressed", "space_after_slash", "seed"),
    ("mojibake-author", "31620843", "mojibake", "author", "seed"),
    ("mojibake-title", "31048492", "mojibake", "title", "seed"),
    ("mojibake-journal", "32711911", "mojibake", "journal", "seed"),
    ("whitespace-title-wrapped", "33708679", "whitespace", "title_wrapped", "seed"),
    ("whitespace-citation-wrapped", "33301246", "whitespace", "citation_wrapped", "pubmed"),
    ("title-line-missing", "33301246", "title_line_missing", None, "seed"),
    ("pmid-line-missing", "33708679", "pmid_line_missing", None, "seed"),
]


@pytest.fixture(scope="module")
def exact_items(tmp_path_factory) -> dict[str, tuple]:
    rng = random.Random(7)
    cases = [truth.make_case(_by_pmid(p), kind, rng, variant, shape)
             for _, p, kind, variant, shape in EXACT]
    path = tmp_path_factory.mktemp("exact") / "exact.txt"
    truth.write_file(cases, path)
    items = align(cases, convert(path))
    return {name: (case, item) for (name, *_), case, item in zip(EXACT, cases, items)}


@pytest.mark.parametrize("name", [e[0] for e in EXACT])
def test_exact_fields_per_fault(exact_items, name):
    """Exact CSL values (only a title's closing period may differ: PubMed titles carry one)."""
    case, item = exact_items[name]
    assert item is not None, f"record lost:\n{case.text}"
    t, want = case.truth, case.expected
    date = [int(t["year"])]
    if case.shape == "pubmed" and t["month"]:
        date += [truth.MONTHS.index(t["month"]) + 1] + ([int(t["day"])] if t["day"] else [])
    first = (item.get("author") or [None])[0]
    got = {
        "title": item.get("title", "").rstrip("."),
        "author": show_author(first) if first else None,
        "container-title": item.get("container-title") or "",
        "issued": (item.get("issued") or {}).get("date-parts"),
        "volume": item.get("volume"), "issue": item.get("issue"), "page": item.get("page"),
        "DOI": item.get("DOI"), "PMID": item.get("PMID"),
    }
    expected = {
        "title": t["title"].rstrip("."),
        "author": " ".join(want["author"]) if isinstance(want["author"], tuple) else want["author"],
        "container-title": want["journal"] or "",
        "issued": [date],
        "volume": t["volume"], "issue": t["issue"], "page": t["pages"], "DOI": t["doi"],
        "PMID": t["pmid"],
    }
    assert got == expected, f"input:\n{case.text}"


def test_seed_file_exact():
    seeds = sorted((ROOT / "seeds").glob("000_*.txt"))
    if not seeds:
        pytest.skip("no seed record in seeds/")
    [item] = convert(seeds[0])
    assert item.get("title") == ("Management of Metastatic Spine and Hip Alveolar Soft Part Sarcoma: "
                                 "Case Report and Review of Literature.")
    assert show_author(item["author"][0]) == "Shah M"
    assert not item.get("container-title")
    assert (_year(item), item.get("volume"), item.get("page")) == ("2020", "15", "1011-1015")
    assert (item.get("DOI"), item.get("PMID")) == ("10.4103/ajns.AJNS_290_20", "33708679")
