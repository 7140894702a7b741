"""Decoding a file a block at a time (inputs.open_text) and the TextStream readers get."""

import codecs
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

import citex.inputs as inputs
from citex.inputs import decode, open_text
from citex.readers.stream import TextStream

SAMPLE = "first line\nMüller, Jörg\r\nsecond\rthird ’quoted’\r\n\r\nlast"
EXPECTED = "first line\nMüller, Jörg\nsecond\nthird ’quoted’\n\nlast"


@pytest.fixture(params=[1, 2, 3, 5, 7, 64])
def small_blocks(request, monkeypatch):
    """Blocks of a few bytes, so that every cut (mid-character, inside CR LF) happens."""
    monkeypatch.setattr(inputs, "_BLOCK", request.param)
    return request.param


def _stream(data: bytes) -> tuple[TextStream, list]:
    notes: list = []
    return open_text(io.BytesIO(data), "t", notes.append), notes


def test_utf8_decoded_in_blocks_is_the_whole_text_with_line_ends_made_newlines(small_blocks):
    stream, notes = _stream(SAMPLE.encode("utf-8"))
    pieces = list(stream.pieces())
    assert "".join(pieces) == EXPECTED and not notes
    assert all(p.endswith("\n") for p in pieces[:-1])  # no line is cut in two


def test_bom_is_dropped_and_utf16_read_in_blocks(small_blocks):
    assert decode(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "t")[0] == EXPECTED
    for codec in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
        assert decode(bom + SAMPLE.encode(codec), "t") == (EXPECTED, [])


def test_utf16_without_bom_is_detected_from_the_head():
    text, notes = decode(("TY  - JOUR\nTI  - Ärger\nER  - \n" * 20).encode("utf-16-le"), "t")
    assert text.startswith("TY  - JOUR\nTI  - Ärger\n")
    assert [(n.code, n.message) for n in notes] == [
        ("utf16-no-bom", "file has no byte-order mark; read as utf-16-le")]


def test_a_line_that_is_not_utf8_is_read_as_cp1252_and_the_rest_stays_utf8(small_blocks):
    data = "Café first\n".encode("utf-8") + "Müller\n".encode("cp1252") + "Jörg ’\n".encode("utf-8")
    stream, notes = _stream(data)
    assert stream.read() == "Café first\nMüller\nJörg ’\n"
    assert [(n.code, n.location.line) for n in notes] == [("not-utf8", 2)]
    assert "byte 0xfc" in notes[0].message


def test_a_late_bad_byte_is_warned_when_decoding_reaches_it(monkeypatch):
    monkeypatch.setattr(inputs, "_BLOCK", 16)
    data = b"line\n" * 2000 + "Gr\xfc\xdfe\n".encode("latin-1")
    stream, notes = _stream(data)
    pieces = stream.pieces()
    next(pieces)
    assert notes == []  # nothing known yet about the end of the file
    rest = "".join(pieces)
    assert rest.endswith("Grüße\n") and [n.location.line for n in notes] == [2001]


def test_head_peeks_without_consuming_and_lines_split_like_str_split():
    text = "a\nb\n\nc" * 3
    stream = TextStream.of(text)
    assert stream.head(3) == "a\nb"
    assert list(stream.lines()) == text.split("\n")
    assert list(TextStream.of("").lines()) == [""]
    assert list(TextStream.of("x\n").lines()) == ["x", ""]


def test_content_is_watched_as_the_text_goes_by():
    stream = TextStream.of("% comment\n\n   \n% more\n")
    stream.watch(r"\s*%")
    stream.read()
    assert stream.content is False
    stream = TextStream.of("% comment\nnot a comment\n")
    stream.watch(r"\s*%")
    stream.read()
    assert stream.content is True


def test_tail_reads_the_end_of_a_seekable_file_without_moving_the_reader():
    data = b"start\n" + b"x" * 10000 + b"\nthe end\n"
    stream, _ = _stream(data)
    assert stream.head(5) == "start"
    assert stream.tail().endswith("the end\n") and len(stream.tail()) == 4096
    assert stream.read() == data.decode()


def _ris(i: int) -> str:
    return f"TY  - JOUR\nTI  - Title {i}\nAU  - Müller, Jörg\nPY  - 2001\nER  - \n\n"


def _medline(i: int) -> str:
    return f"PMID- {1000 + i}\nTI  - Title {i}\nFAU - Müller, Jörg\nAU  - Müller J\nDP  - 2001\n\n"


def _pubmed_xml(i: int) -> str:
    return (f"<PubmedArticle><MedlineCitation><PMID>{1000 + i}</PMID><Article><ArticleTitle>Title {i}"
            "</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n")


def _csljson(i: int) -> str:
    return f'  {{"id": "r{i}", "type": "article", "title": "Title {i}"}},\n'


@pytest.mark.parametrize("fmt,record,head,end", [
    ("csljson", _csljson, "[\n", "]\n"),
    ("ris", _ris, "", ""), ("medline", _medline, "", ""),
    ("pubmed-xml", _pubmed_xml, '<?xml version="1.0"?>\n<PubmedArticleSet>\n', "</PubmedArticleSet>\n"),
])
def test_streaming_readers_yield_the_first_record_before_the_input_is_read(fmt, record, head, end):
    from citex.registry import READERS
    pieces = [head] + ["".join(record(i) for i in range(k, k + 50)) for k in range(0, 4000, 50)] + [end]
    taken = []

    def feed():
        for piece in pieces:
            taken.append(piece)
            yield piece

    entry = READERS.entry(fmt)
    assert entry.meta.get("stream")
    records = entry.obj(TextStream(feed()), "t")
    first = next(records)
    total = sum(map(len, pieces))
    assert "Title 0" in first.get("title") and sum(map(len, taken)) < total / 2  # RIS looks 64 KB ahead
    assert sum(1 for _ in records) == 3999 and len(taken) == len(pieces)


def test_a_broken_csljson_item_far_into_a_stream_is_reported_at_its_file_line():
    from citex.readers.csljson import read
    items = [_csljson(i) for i in range(3000)]
    items[2500] = '  {"id": "bad", "title": "no end},\n'
    pieces = ["[\n"] + ["".join(items[k:k + 100]) for k in range(0, 3000, 100)] + ["]\n"]
    out = list(read(TextStream(iter(pieces)), "t"))
    failed = [x for x in out if not hasattr(x, "fields")]
    assert len(out) == 3000 and [f.diagnostic.location.line for f in failed] == [2502]
    assert "line 2502" in failed[0].diagnostic.message


def _line_blocks_by_joining(first, more, nl, cr):
    """inputs._line_blocks as it was: the carry joined to each block (a long line copied with
    every block), the cut searched in the whole."""
    blocks = inputs._blocks(first, more) if isinstance(first, bytes) else inputs._chain(first, more)
    carry = first[:0]
    for block in blocks:
        buf = carry + block if carry else block
        if not block:
            if buf:
                yield buf
            return
        cut = buf.rfind(nl)
        if cut < 0:
            cut = buf.rfind(cr, 0, len(buf) - 1)
        if cut < 0:
            carry = buf
            continue
        carry = buf[cut + 1:]
        yield buf[:cut + 1]


@given(st.lists(st.text(st.sampled_from("ab\r\n"), min_size=1, max_size=8), max_size=12))
def test_line_blocks_holding_the_carry_in_parts_cut_where_joining_it_did(blocks):
    """The same blocks, so the same lines counted and decoded (bytes), and the same pieces (text)."""
    text = list(_line_blocks_by_joining("", iter(blocks), "\n", "\r"))
    assert list(inputs._line_blocks("", iter(blocks), "\n", "\r")) == text
    data = [b.encode() for b in blocks]
    got = list(inputs._line_blocks(b"", io.BytesIO(b"".join(data)), b"\n", b"\r"))
    assert got == list(_line_blocks_by_joining(b"", io.BytesIO(b"".join(data)), b"\n", b"\r"))


@given(st.lists(st.binary(max_size=6).map(lambda b: b.replace(b"\x00", b"\r")), max_size=10))
def test_line_blocks_of_bytes_read_in_small_blocks_cut_where_joining_it_did(chunks):
    data = b"".join(chunks)
    for size in (1, 2, 3, 5):
        reader = io.BytesIO(data)
        reader.read = lambda n, read=reader.read, size=size: read(min(n, size))
        old = io.BytesIO(data)
        old.read = lambda n, read=old.read, size=size: read(min(n, size))
        assert list(inputs._line_blocks(b"", reader, b"\n", b"\r")) == \
            list(_line_blocks_by_joining(b"", old, b"\n", b"\r"))
