"""Duplicates: hand-made sets with known truth, including the pairs that must never be merged."""

import subprocess
import sys
from pathlib import Path

import pytest

from citex.dedupe import dedupe
from citex.model import Date, Name, Record, Source

ROOT = Path(__file__).resolve().parents[1]
TITLE = "Management of metastatic spine sarcoma: case report and review of literature"


def rec(title=TITLE, year=2020, author="Shah", line=1, type="article-journal", **fields):
    out = Record(type=type, fields={"title": title, "issued": Date(parts=[[year]]),
                                    "author": [Name(author, "M")], **fields},
                 source=Source("ris", "refs.ris", line))
    return out


def test_same_doi_merges_and_keeps_the_most_complete_values():
    a = rec(DOI="10.1/x", page="1011-1015", line=1)
    b = rec(title="Another rendering of it", DOI="10.1/x", abstract="An abstract.", line=9,
            **{"container-title": "Asian Journal of Neurosurgery"})
    kept, report = dedupe([a, b])
    assert kept == [a] and report.removed == 1 and report.remaining == 1
    assert a.get("abstract") == "An abstract." and a.get("page") == "1011-1015"
    assert "same DOI 10.1/x" in report.merges[0].reasons
    assert all(r.rule == "dedupe" and "refs.ris:9" in r.note for r in a.repairs)


def test_same_pmid_merges_and_fuzzy_titles_merge():
    kept, report = dedupe([rec(PMID="1", line=1), rec(title="Other", PMID="1", line=2),
                           rec(title=TITLE.upper() + ".", line=3), rec(title="A different paper", line=4)])
    assert len(kept) == 2 and report.found == 4 and report.removed == 2


def test_fuzzy_titles_merge_without_numpy():
    # citex does not depend on numpy (rapidfuzz's cdist needs it): a fresh install has none
    code = ("import sys; sys.modules['numpy'] = None\n"
            f"sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})\n"
            "from test_dedupe import TITLE, rec\n"
            "from citex.dedupe import dedupe\n"
            "kept, report = dedupe([rec(line=1), rec(title=TITLE.upper() + '.', line=2)])\n"
            "print(len(kept), report.removed)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "1"]


@pytest.mark.parametrize("a, b", [
    (rec(DOI="10.1/x"), rec(DOI="10.1/y")),
    (rec(PMID="1"), rec(PMID="2")),
    (rec(title=TITLE + ", part I"), rec(title=TITLE + ", part II")),
    (rec(title=TITLE), rec(title="Erratum: " + TITLE)),
    (rec(title=TITLE), rec(title="Correction to: " + TITLE)),
    (rec(**{"container-title": "Spine"}), rec(type="article", **{"container-title": "medRxiv"})),
    (rec(volume="15"), rec(volume="16")),
    (rec(page="1011-1015"), rec(page="2011-2015")),
    (rec(year=2020), rec(year=2021)),
    (rec(author="Shah"), rec(author="Rao")),
    (rec(title="Effects of smoking on the heart in adults"), rec(title="Effects of smoking on the lung in adults")),
])
def test_must_not_merge(a, b):
    kept, report = dedupe([a, b])
    assert len(kept) == 2 and report.merges == []


def test_preprint_and_published_merge_only_when_asked():
    a, b = rec(**{"container-title": "Spine"}), rec(type="article", **{"container-title": "medRxiv"})
    assert len(dedupe([a, b], versions=True)[0]) == 1


def test_a_group_never_joins_records_with_different_dois():
    # b matches a by title and c by DOI, but a and c have different DOIs: c stays apart
    a, b, c = rec(DOI="10.1/x", line=1), rec(line=2), rec(DOI="10.1/y", line=3)
    kept, _ = dedupe([a, b, c])
    assert {r.get("DOI") for r in kept} == {"10.1/x", "10.1/y"} and len(kept) == 2


def test_cli_dedupe_reports_prisma_counts(tmp_path):
    ris = "".join(f"TY  - JOUR\nAU  - Shah, M\nTI  - {t}\nPY  - 2020\n{extra}ER  - \n\n" for t, extra in [
        (TITLE, "DO  - 10.1/x\n"), (TITLE.upper(), ""), (TITLE, "DO  - 10.1/y\n"), ("Something else", "")])
    path = tmp_path / "refs.ris"
    path.write_text(ris)
    run = subprocess.run([sys.executable, "-m", "citex", "dedupe", str(path), "--to", "ris"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "records found 4, duplicates removed 1, remaining 3" in run.stderr
    assert run.stdout.count("ER  -") == 3
    assert "info[duplicate]" in run.stderr
    assert "read 4, wrote 3, skipped 0, merged 1 duplicates" in run.stderr  # read = wrote + skipped + merged
    for to in ("ris", "bibtex", "text"):  # streaming and buffering writers count alike
        for jobs in ("1", "2"):  # and so does the parallel pipeline
            run = subprocess.run([sys.executable, "-m", "citex", "convert", str(path), "--to", to, "--dedupe",
                                  "--jobs", jobs], capture_output=True, text=True, cwd=ROOT)
            assert "read 4, wrote 3, skipped 0, merged 1 duplicates" in run.stderr, (to, jobs, run.stderr)
    assert run.stdout.count("\n") == 3
