"""The benchmark's generated inputs (benchmarks/inputs.py) are files citex reads whole, in every format."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

import citex

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))
import inputs  # noqa: E402
import pubmed_writers  # noqa: E402

N = 50


def generated(fmt: str, n: int = N, seed: int = 1) -> str:
    out = io.StringIO()
    inputs.write(fmt, inputs.items(n, seed), out, seed)
    return out.getvalue()


@pytest.mark.parametrize("fmt", sorted(inputs.EXTENSIONS))
def test_citex_reads_every_generated_record(fmt):
    tally = citex.Tally()
    records = list(citex.loads(generated(fmt), fmt, tally=tally))
    assert len(records) == N
    assert (tally.read, tally.skipped) == (N, 0)
    assert all(rec.get("title") for rec in records)


@pytest.mark.parametrize("fmt", sorted(inputs.EXTENSIONS))
def test_the_formats_carry_the_same_titles(fmt):
    expected = [item["title"] for item in inputs.items(N)]
    titles = [rec.get("title") for rec in citex.loads(generated(fmt), fmt)]
    if fmt in ("medline", "pubmed-xml"):  # PubMed ends every title with a period
        titles = [t.removesuffix(".") for t in titles]
    if fmt == "bibtex":  # {CRISPR-Cas9} keeps its case: read back as a nocase span
        titles = [re.sub(r"</?span[^>]*>", "", t) for t in titles]
    assert titles == expected


def test_the_records_are_realistic():
    bib = generated("bibtex", 300)
    assert "{\\'" in bib and "\\&" in bib and "\\%" in bib  # LaTeX accents and specials
    medline = generated("medline", 300)
    assert "\nFAU - " in medline and "\nCN  - " in medline and "\n      " in medline  # wrapped lines
    counts = [len(item.get("author", [])) for item in inputs.items(300)]
    assert min(counts) <= 1 and max(counts) > 12
    kinds = {item["type"] for item in inputs.items(300)}
    assert {"article-journal", "book", "chapter", "paper-conference", "thesis", "report", "webpage"} <= kinds


def test_the_same_seed_gives_the_same_text_and_another_seed_not():
    assert generated("pubmed-xml", 20) == generated("pubmed-xml", 20)
    assert generated("ris", 20, seed=2) != generated("ris", 20)


def test_path_writes_the_file_once_into_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "CACHE", tmp_path)
    made = inputs.path("medline", 12)
    assert made.parent == tmp_path and made.suffix == ".nbib"
    assert len(list(citex.load([str(made)]))) == 12
    stamp = made.stat().st_mtime_ns
    assert inputs.path("medline", 12).stat().st_mtime_ns == stamp


@pytest.mark.parametrize("pages, medline", [("1693-1704", "1693-704"), ("119-144", "119-44"),
                                            ("12-19", "12-9"), ("e32822", "e32822"), ("5", "5"),
                                            ("998-1003", "998-1003")])
def test_medline_abbreviates_page_ranges(pages, medline):
    assert pubmed_writers.medline_pages(pages) == medline


def test_issns_are_valid():
    for digits in (1234567, 2049363, 3156789):
        text = pubmed_writers.issn(digits).replace("-", "")
        total = sum(int(d) * w for d, w in zip(text[:7], range(8, 1, -1))) + (10 if text[7] == "X" else int(text[7]))
        assert total % 11 == 0
