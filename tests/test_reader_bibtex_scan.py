"""The fast BibTeX scanner against bibtexparser, and reading that streams."""

import re
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

import citex.readers.bibtex_reader as reader
from citex.inputs import decode
from citex.readers.bibtex_scan import MARK, Scanned, Unread, scan, segments
from citex.readers.stream import TextStream
from corpus import corpus_files, needs_corpus
from pathlib import Path

DATA = Path(__file__).parent / "data" / "bibtex"


def _only_bibtexparser(monkeypatch):
    """Every block goes to bibtexparser, as before the scanner."""
    def unread(segment, line):
        found = scan(segment, line)
        return Unread(segment, line) if isinstance(found, Scanned) else found
    monkeypatch.setattr(reader, "scan", unread)


def _both(text: str, monkeypatch) -> tuple[list, list]:
    fast = list(reader.read(text, "t"))
    with monkeypatch.context() as m:
        _only_bibtexparser(m)
        slow = list(reader.read(text, "t"))
    return fast, slow


def test_scanner_reads_the_usual_shape_and_hands_back_the_rest():
    entry = scan('@Article{k1,\n  Title = {A {B} c},\n  year = 2001,\n  note = "x" # jan\n}\n\n', 5)
    assert isinstance(entry, Scanned) and (entry.type, entry.key, entry.line) == ("article", "k1", 5)
    assert entry.fields == [("Title", "{A {B} c}", 6), ("year", "2001", 7), ("note", '"x" # jan', 8)]
    for odd in ('@article(k, title={A})\n', '@article{k, title={A \\{ b}}\n', '@article{k, title={A}\n',
                '@article{k, title={A} year={2}}\n', '@article{k, title={A}, % c\n}\n',
                '@article{k, title={A}}\n% and @misc{x, title={y}}\n', '@comment{x}\n'):
        assert isinstance(scan(odd, 1), Unread), odd
    assert scan("% only a comment\n", 1) is None


def test_segments_cut_at_line_start_blocks_and_count_lines():
    text = "intro\n@a{x, t={1}}\n  @b{y,\n t={@c{}}}\nmail me@d{z}\n@string{s={v}}"
    got = list(segments(TextStream(iter([text[:20], text[20:]])).pieces()))
    assert [line for _, line in got] == [1, 2, 3, 6]
    assert "".join(seg for seg, _ in got) == text


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.bib")))
def test_fast_and_bibtexparser_readings_agree_on_test_files(name, monkeypatch):
    text, _ = decode((DATA / name).read_bytes(), name)
    fast, slow = _both(text, monkeypatch)
    assert fast == slow


@needs_corpus
def test_fast_and_bibtexparser_readings_agree_on_the_corpus(monkeypatch):
    files = [p for folder in ("bibtex-base", "biblatex", "biber-tdata", "bibtexparser-tests",
                              "jabref-testdata", "citation-js-tests", "bib-nime-proceedings")
             for p in corpus_files(folder, "*.bib")]
    assert len(files) > 50
    scanned = 0
    for path in files:
        text, _ = decode(path.read_bytes(), str(path))
        fast, slow = _both(text, monkeypatch)
        assert fast == slow, path
        scanned += len(fast)
    assert scanned > 1000


def _entries(n: int, abstract: str = "") -> str:
    return "".join(f"@article{{key{i},\n  author = {{M{{\\\"u}}ller, J{i}}},\n  title = {{Title {i}}},\n"
                   f"  journal = {{J}},\n  year = {{{2000 + i % 20}}},\n  abstract = {{{abstract}}}\n}}\n\n"
                   for i in range(n))


def test_the_first_record_comes_before_the_rest_of_the_input_is_read():
    text = _entries(2000)
    pieces = segments_at_lines(text, 50)
    taken = []

    def feed():
        for piece in pieces:
            taken.append(piece)
            yield piece

    records = reader.read(TextStream(feed()), "t")
    first = next(records)
    assert first.id == "key0" and len(taken) < len(pieces) / 4
    assert sum(1 for _ in records) == 1999


def segments_at_lines(text: str, count: int) -> list[str]:
    """``text`` in ``count`` pieces ending at line ends."""
    size = len(text) // count
    out, start = [], 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end + 1
        out.append(text[start:end])
        start = end
    return out


def test_reading_20000_entries_holds_far_less_than_the_input(tmp_path, monkeypatch):
    import citex.inputs
    monkeypatch.setattr(citex.inputs, "_BLOCK", 1 << 16)  # a file is read 64 KB at a time
    path = tmp_path / "big.bib"
    path.write_text(_entries(20000, "An abstract of some length, " * 12), encoding="utf-8")
    size = path.stat().st_size
    from citex.pipeline import load
    list(load([str(path)]))  # modules imported and the (bounded) name and LaTeX caches filled
    tracemalloc.start()
    count = sum(1 for _ in load([str(path)]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20000
    assert peak < size / 2, (peak, size)  # blocks, a record and the keys seen (~3 MB); the text alone is 2x


def test_a_child_waits_for_its_parent_and_a_parent_before_its_child_is_kept(monkeypatch):
    text = ("@inbook{child, crossref={book}, title={Ch}}\n@article{plain, title={P}}\n"
            "@book{book, title={The Book}, publisher={Pub}}\n@inbook{late, crossref={Book}, title={L}}\n")
    recs = list(reader.read(TextStream(iter(segments_at_lines(text, 4))), "t"))
    assert [r.id for r in recs] == ["plain", "book", "child", "late"]
    assert recs[2].get("container-title") == recs[3].get("container-title") == "The Book"
    assert not [d for r in recs for d in r.diagnostics if "crossref" in d.code]


def test_seen_keys_remember_the_first_line():
    from citex.key_table import KeyTable
    seen = KeyTable()
    assert [seen.first(f"k{i}", i + 1) for i in range(1000)] == list(range(1, 1001))
    assert [seen.first(f"k{i}", 5000) for i in range(0, 1000, 7)] == list(range(1, 1001, 7))
    assert len(seen) == 1000 and seen.first("", 3) == 3 and seen.first("", 9) == 3


def _segments_by_joining(pieces):
    """bibtex_scan.segments as it was: the text since the last segment start joined to each
    piece (a long segment copied with every piece)."""
    carry, line = "", 1
    for piece in pieces:
        buf = carry + piece if carry else piece
        begin, at = 0, buf.find("@", len(carry))
        starts = []
        while at >= 0:
            line_start = buf.rfind("\n", 0, at) + 1
            if line_start and (line_start == at or buf[line_start:at].isspace()) and MARK.match(buf, at):
                starts.append(line_start)
            at = buf.find("@", at + 1)
        for start in starts:
            segment = buf[begin:start]
            yield segment, line
            line += segment.count("\n")
            begin = start
        carry = buf[begin:]
    yield carry, line


@given(st.lists(st.lists(st.sampled_from(["@a{", "@b(", "@", " ", "\t", "\n", "x", "{", "\u00a0"]),
                         max_size=8).map("".join), max_size=8))
def test_segments_holding_the_text_in_pieces_cut_where_joining_it_did(pieces):
    assert list(segments(iter(pieces))) == list(_segments_by_joining(iter(pieces)))
    lined = re.findall(r"[^\n]*\n|[^\n]+$", "".join(pieces))  # pieces that end at line ends, as read
    assert list(segments(iter(lined))) == list(_segments_by_joining(iter(lined)))
