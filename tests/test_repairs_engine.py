"""The repair engine: confidence threshold, identifiers never replaced, idempotence, and the linter
(`citex check --format json --select/--ignore`) and `convert --select/--min-confidence`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from citex.model import Date, Name, Record
from citex.pipeline import repair, selected
from citex.registry import REPAIRS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds"
FAULTY = {"title": "EFFECT OF SMOKING ON HEART DISEASE IN ADULTS..", "container-title": "Heart",
          "page": "1011-5", "DOI": "https://doi.org/10.1000/x.", "PMCID": "pmc123",
          "issued": Date(literal="21 décembre 2020"), "author": [Name(literal="Shah, Mihir"), Name("RAO", "K")],
          "ISSN": "00280836"}


def citex(*args):
    return subprocess.run([sys.executable, "-m", "citex", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT)


def test_every_rule_has_a_description_and_a_confidence():
    for entry in REPAIRS:
        assert entry.description and 0 < entry.meta["confidence"] <= 1, entry.name


def test_below_the_threshold_a_repair_is_only_proposed():
    rec = next(repair([Record(fields={"page": "1011-5"})], min_confidence=0.99))
    assert rec.get("page") == "1011-5"
    [r] = rec.repairs
    assert (r.rule, r.before, r.after, r.applied, r.confidence) == ("page-range", "1011-5", "1011-1015", False, 0.95)
    assert [d.code for d in rec.diagnostics] == ["would-fix-page-range"]
    rec = next(repair([Record(fields={"page": "1011-5"})], min_confidence=0.9))
    assert rec.get("page") == "1011-1015" and rec.repairs[0].applied


def test_a_per_fix_confidence_overrides_the_rules():
    rec = Record(type="article-journal", fields={"container-title": "Workshop on Vision", "volume": "3"})
    rec = next(repair([rec], rules=["type-conference-paper"]))
    assert rec.type == "article-journal" and rec.repairs[0].confidence == 0.7
    assert not rec.repairs[0].applied


def test_an_existing_doi_or_pmid_is_reformatted_but_never_replaced():
    rec = Record(fields={"DOI": "10.1000/a", "PMID": "123"})
    assert rec.fix("DOI", "10.1000/A", rule="x")  # the same DOI in another case
    assert not rec.fix("DOI", "10.1000/b", rule="x") and rec.get("DOI") == "10.1000/A"
    assert not rec.fix("PMID", None, rule="x") and rec.get("PMID") == "123"
    assert [d.code for d in rec.diagnostics] == ["would-fix-x", "would-fix-x"]


def test_select_and_ignore_are_prefixes():
    assert selected("doi-bare", ["doi"]) and not selected("page-range", ["doi"])
    assert not selected("doi-bare", [], ["doi-b"]) and selected("doi-from-url", [], ["doi-b"])
    rec = next(repair([Record(fields=dict(FAULTY))], select=["doi", "page"], ignore=["page"]))
    assert {r.rule for r in rec.repairs} == {"doi-bare"}


def test_repair_is_idempotent_and_keeps_the_originals():
    once = next(repair([Record(fields=dict(FAULTY))]))
    twice = next(repair([Record(type=once.type, fields=dict(once.fields))]))
    assert twice.fields == once.fields and twice.repairs == []
    originals = {r.field: r.before for r in reversed(once.repairs)}
    assert all(originals[k] == v for k, v in FAULTY.items() if k in originals)
    assert once.get("title") == "Effect of smoking on heart disease in adults."
    assert once.get("issued") == Date(parts=[[2020, 12, 21]])
    assert once.get("author") == [Name("Shah", "Mihir"), Name("Rao", "K")]
    assert (once.get("DOI"), once.get("page"), once.get("PMCID"), once.get("ISSN")) == (
        "10.1000/x", "1011-1015", "PMC123", "0028-0836")


@pytest.mark.parametrize("rule, before, after", [
    ("control-characters", "meaning\x97behaviour\u200b", "meaning—behaviour"),
    ("control-characters", "a\x00b", "ab"),
    ("unicode-nfc", "Mu\u0308ller", "Müller"),
])
def test_text_rules(rule, before, after):
    rec = Record(fields={"title": before})
    REPAIRS.get(rule)(rec)
    assert rec.get("title") == after


def test_check_json_lists_each_finding(tmp_path):
    run = citex("check", SEED, "--format", "json")
    assert run.returncode == 1
    findings = [json.loads(line) for line in run.stdout.splitlines()]
    fix = next(f for f in findings if f["code"] == "journal-duplicates-title")
    assert fix["applied"] is True and fix["field"] == "container-title" and fix["after"] is None
    assert fix["path"].endswith(".txt") and fix["line"] == 6 and fix["before"].startswith("Management")
    assert {"path", "line", "code", "level", "field", "before", "after", "applied"} <= set(fix)


def test_check_select_ignore_and_threshold():
    assert citex("check", SEED, "--ignore", "journal").returncode == 0
    assert citex("check", SEED, "--select", "doi").returncode == 0
    run = citex("check", SEED, "--select", "journal-dup", "--min-confidence", "0.99", "--format", "json")
    [finding] = [json.loads(line) for line in run.stdout.splitlines()]
    assert finding["applied"] is False and run.returncode == 1


def test_convert_takes_the_same_options():
    run = citex("convert", SEED, "--to", "csljson", "--ignore", "journal", "--explain")
    assert json.loads(run.stdout)[0]["container-title"].startswith("Management")
    assert "no repairs" in run.stderr
    run = citex("convert", SEED, "--to", "csljson", "--min-confidence", "1")
    assert json.loads(run.stdout)[0]["container-title"].startswith("Management")
    assert "info[would-fix-journal-duplicates-title]" in run.stderr
