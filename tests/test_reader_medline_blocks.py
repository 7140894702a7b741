"""MEDLINE paragraphs read in one pass give the records the line-by-line reading gives."""

from pathlib import Path

import pytest

import citex.readers.medline as medline
from citex.inputs import decode
from citex.readers.medline_blocks import paragraphs, quick_block
from citex.readers.stream import TextStream
from corpus import corpus_files, needs_corpus

DATA = Path(__file__).parent / "data" / "medline"


def _both(text: str, monkeypatch) -> tuple[list, list]:
    quick = list(medline.read(text, "t"))
    with monkeypatch.context() as m:
        m.setattr(medline, "quick_block", lambda paragraph, line: None)
        slow = list(medline.read(text, "t"))
    return quick, slow


def test_paragraphs_and_their_lines_across_pieces():
    text = "PMID- 1\nTI  - A\n\n  \n\nPMID- 2\nAB  - x\n      y\n\n\nPMID- 3\n"
    expected = [("PMID- 1\nTI  - A", 1), ("PMID- 2\nAB  - x\n      y", 6), ("PMID- 3", 11)]
    assert list(paragraphs(TextStream.of(text).pieces())) == expected
    cut = list(paragraphs(iter([text[:17], text[17:]])))  # a blank line may start a piece
    assert [p for p in cut if p[0].strip()] == expected


def test_quick_block_reads_the_usual_shape_only():
    block = quick_block("PMID- 1\nAB  - first\n      second\nFAU - Smith, J", 4)
    assert [(f[0], f[1], f[2]) for f in block.fields] == [
        ("PMID", ["1"], 4), ("AB", ["first", "second"], 5), ("FAU", ["Smith, J"], 7)]
    for odd in ("PMID- 1\nno tag here", "PMID- 1\nPMID- 2", "PMID- 1 \nTI  - x", "  indented first",
                "PMID- 1\nSO  text without dash", "XYZQ- 1\nZZ - not padded"):
        assert quick_block(odd, 1) is None, odd


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.nbib")))
def test_quick_and_line_readings_agree_on_test_files(name, monkeypatch):
    text, _ = decode((DATA / name).read_bytes(), name)
    quick, slow = _both(text, monkeypatch)
    assert quick == slow


@needs_corpus
def test_quick_and_line_readings_agree_on_the_corpus(monkeypatch):
    files = [*corpus_files("biopython-tests/Medline"), *corpus_files("nbib-tests", "*.nbib"),
             *corpus_files("synthesisr-exports", "PubMed_example.txt")]
    assert files
    for path in files:
        text, _ = decode(path.read_bytes(), str(path))
        quick, slow = _both(text, monkeypatch)
        assert quick == slow, path
