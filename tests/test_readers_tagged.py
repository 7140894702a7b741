"""RIS and MEDLINE cut into records by pattern (readers/tagged.py): the records, failures and their
order are those of the line readers alone, and so is when each is given between the pieces read."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citex.inputs import decode
from citex.model import Failed
from citex.readers import medline_reader as medline, ris_reader as ris
from citex.readers.stream import Deferred, TextStream
from corpus import CORPUS, needs_corpus

DATA = Path(__file__).parent / "data"
FORMATS = {
    "ris": (ris.read, ris.LineReader, lambda item, path, dialect: ris.build(item, path, dialect)),
    "medline": (medline.read, medline.LineReader, lambda item, path, dialect: medline._finish(item, path)),
}


def logged(pieces, events):
    """A stream of ``pieces`` that notes in ``events`` when each is taken."""
    def take():
        for k, piece in enumerate(pieces):
            events.append(("piece", k))
            yield piece
    return TextStream(take())


def by_lines(fmt, pieces, path="in"):
    """What the line reader alone gives, a line at a time, as the readers read before the patterns."""
    _, reader, build = FORMATS[fmt]
    events = []
    stream = logged(pieces, events)
    dialect = ris.sniff_dialect(stream.head(65536)) if fmt == "ris" else None
    lines = reader(path)
    for number, line in enumerate(stream.lines(), start=1):
        lines.feed(number, [line])
        events += [("item", item) for item in lines.out]
        lines.out.clear()
    lines.end()
    events += [("item", item) for item in lines.out]
    return [(kind, item if kind == "piece" or isinstance(item, Failed) else build(item, path, dialect))
            for kind, item in events]


def by_patterns(fmt, pieces, path="in", defer=False):
    events = []
    for item in FORMATS[fmt][0](logged(pieces, events), path, defer=defer):
        events.append(("item", item() if isinstance(item, Deferred) else item))
    return events


def cut(text, size):
    """``text`` in pieces of about ``size`` characters, each but the last ending at a line end."""
    pieces, start = [], 0
    while start < len(text):
        end = text.find("\n", start + size - 1)
        end = len(text) if end < 0 else end + 1
        pieces.append(text[start:end])
        start = end
    return pieces or [""]


def inputs(fmt):
    folder = DATA / ("ris" if fmt == "ris" else "medline")
    return sorted(folder.iterdir())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("size", [1 << 20, 1, 40, 300])
def test_the_files_read_as_by_lines(fmt, size):
    for path in inputs(fmt):
        text, _ = decode(path.read_bytes(), path.name)
        expected = by_lines(fmt, cut(text, size))
        assert by_patterns(fmt, cut(text, size), defer=size == 40) == expected, path.name
        assert sum(kind == "item" for kind, _ in expected) >= 1


@needs_corpus
@pytest.mark.parametrize("fmt, suffixes", [("ris", (".ris",)), ("medline", (".nbib", ".medline"))])
def test_the_corpus_reads_as_by_lines(fmt, suffixes):
    paths = [p for p in sorted(CORPUS.rglob("*")) if p.suffix in suffixes]
    assert len(paths) > 3
    for path in paths:
        text, _ = decode(path.read_bytes(), path.name)
        for size in (1 << 20, 500):
            assert by_patterns(fmt, cut(text, size)) == by_lines(fmt, cut(text, size)), path.name


RIS_LINES = ["TY  - JOUR", "TY  - BOOK", "ER  - ", "ER  -", "ER  - x", "TY - BOOK", "ER -", "", "", "  ",
             "\t", " \u00a0", "AU  - Smith, J", "TI  - A title", "NL  - x", "1.", "random text", "TY  - ",
             "\ufeffTY  - JOUR", "TI  - a\ufeffb", "\ufeffER  - ", "KW  - x", "  more", "PY  - 2020", "\r",
             "DB  - PubMed", "AN  - 123", "N1  - PMID: 123", "TY\t- JOUR", "Record 1 of 3", "ERIC", "TYPE"]
MEDLINE_LINES = ["PMID- 1", "PMID-3", "PMID  - 4", "", "", "  ", "\t", " \u00a0", "OWN - NLM", "OWN - ERIC",
                 "TI  - A title", "      continued", "FAU - Smith, John", "AU  - Smith J", "DP  - 2020",
                 "SO  text", "stray text", "\ufeffPMID- 5", "AB  - abstract", "LID - 10.1/x [doi]",
                 "PT  - Journal Article", "PMC - PMC123", "x", "\r", "TI  -", "AID - 10.2/y [doi]"]
REGULAR = {"ris": ["TY  - JOUR", "AU  - Doe, J", "TI  - T", "ER  - ", ""],
           "medline": ["PMID- 9", "TI  - T", "FAU - Doe, Jane", "AU  - Doe J", ""]}


@st.composite
def texts(draw, fmt):
    """Regular records with odd lines between and inside them, cut into pieces of some size."""
    odd = st.sampled_from(RIS_LINES if fmt == "ris" else MEDLINE_LINES)
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        lines += draw(st.lists(odd, max_size=2)) + REGULAR[fmt][:draw(st.integers(1, 5))]
        lines.insert(len(lines) - draw(st.integers(0, 3)), draw(odd))
    text = "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))
    return cut(text, draw(st.sampled_from([1, 7, 30, 100, 1 << 20])))


@settings(max_examples=300, deadline=None)
@given(pieces=texts("ris"))
def test_odd_ris_reads_as_by_lines(pieces):
    assert by_patterns("ris", pieces) == by_lines("ris", pieces)


@settings(max_examples=300, deadline=None)
@given(pieces=texts("medline"))
def test_odd_medline_reads_as_by_lines(pieces):
    assert by_patterns("medline", pieces) == by_lines("medline", pieces)


@pytest.mark.parametrize("fmt", FORMATS)
def test_regular_records_are_deferred_as_text_and_odd_ones_as_lines(fmt):
    """The record after an odd one is read by lines too: only after it is the reader between records."""
    regular = "\n".join(REGULAR[fmt]) + "\n"  # five lines
    odd = "stray text\n\n" if fmt == "medline" else "TY  - JOUR\nTI  - No end\n\n"
    items = list(FORMATS[fmt][0](regular * 3 + odd + regular * 2, "in", defer=True))
    builds = [item.build.__name__ if isinstance(item, Deferred) else type(item).__name__ for item in items]
    lines = [item().source.line for item in items if isinstance(item, Deferred)]
    if fmt == "ris":
        assert builds == ["build_text"] * 3 + ["build", "build", "build_text"]
        assert lines == [1, 6, 11, 16, 19, 24]
    else:
        assert builds == ["build_text"] * 3 + ["Failed"] + ["build_text"] * 2
        assert lines == [1, 6, 11, 18, 23]


def test_a_record_ended_in_its_piece_is_given_before_the_next_piece_is_read():
    """The line reader gives B and the stray ER's failure before it reads on: so must the patterns."""
    head = "\n".join(REGULAR["ris"]) * 3000 + "\n"  # more than the reader looks at first (its dialect)
    pieces = [head + "TY  - JOUR\nTI  - B\nER  - \nER  - \n", "TY  - JOUR\nTI  - C\nER  - \n"]
    events = by_patterns("ris", pieces)
    assert events == by_lines("ris", pieces)
    shown = [kind if kind == "piece" else "failed" if isinstance(item, Failed) else item.fields["title"]
             for kind, item in events]
    assert shown.count("piece") == 2 and shown[-4:] == ["B", "failed", "piece", "C"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_record_longer_than_a_piece(fmt):
    long = REGULAR[fmt][:2] + [f"AB  - line {i}" for i in range(50)] + REGULAR[fmt][2:]
    text = "\n".join(REGULAR[fmt] + long + REGULAR[fmt]) + "\n"
    events = by_patterns(fmt, cut(text, 30))
    assert events == by_lines(fmt, cut(text, 30))
    assert [item.source.line for kind, item in events if kind == "item"] == \
        [1, len(REGULAR[fmt]) + 1, len(REGULAR[fmt]) + len(long) + 1]


def test_a_byte_order_mark_inside_a_record_makes_it_read_by_lines():
    """The line reader drops a BOM in a value; the patterns leave such a record to it (the
    hypothesis test above seldom puts one inside a record)."""
    regular = "\n".join(REGULAR["ris"]) + "\n"
    pieces = [regular, "TY  - JOUR\nTI  - a\ufeffb\nER  - \n\n" + regular]
    events = by_patterns("ris", pieces, defer=True)
    assert events == by_lines("ris", pieces)
    assert [item.fields["title"] for kind, item in events if kind == "item"] == ["T", "ab", "T"]
