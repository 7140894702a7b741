"""A record a BibTeX style would print nothing of: its identifiers in the note, or not written."""

import io
import re
import shutil
import subprocess

import pytest

from citex.model import Date, Name, Record
from citex.pipeline import Tally, dump, dumps

ROWS = [  # (fields, the note written; None: the record is not written)
    ({"DOI": "10.1000/a_b"}, r"DOI 10.1000/a\_b"),
    ({"PMID": "123", "URL": "https://x.org/?a=1&b=2"}, r"PMID 123. URL https://x.org/?a=1\&b=2"),
    ({"editor": [Name("Berg", "Jan", non_dropping_particle="van der")], "publisher": "Acme"},
     "Edited by Jan van der Berg. Acme"),
    ({"page": "23-24"}, None),
    ({"abstract": "Only an abstract."}, None),
    ({}, None),
]
NOT_EMPTY = [  # a style prints something of these: no note is added
    {"title": "A title", "DOI": "10.1/x"},
    {"author": [Name("Li", "W")], "DOI": "10.1/x"},
    {"container-title": "J", "DOI": "10.1/x"},
    {"issued": Date([[2020]]), "DOI": "10.1/x"},
    {"issued": Date(literal="in press"), "DOI": "10.1/x"},
    {"note": "A note", "DOI": "10.1/x"},
]


def note(text):
    found = re.search(r"^  note\s*= \{(.*)\},?$", text, re.M)
    return found[1] if found else None


@pytest.mark.parametrize("fields, expected", ROWS)
def test_a_record_that_prints_nothing_gets_its_identifiers_in_the_note_or_is_skipped(fields, expected):
    record, tally, out = Record(type="document", id="k", fields=dict(fields)), Tally(), io.StringIO()
    dump([record], out, "bibtex", tally=tally)
    text = out.getvalue()
    if expected is None:
        assert (tally.wrote, tally.skipped, text) == (0, 1, "")
        assert any("record not written" in d.message and "empty reference" in d.message for d in record.diagnostics)
    else:
        assert tally.wrote == 1 and note(text) == expected
        assert any(d.code == "bibtex-empty" and d.level == "info" for d in record.diagnostics)


@pytest.mark.parametrize("fields", NOT_EMPTY)
def test_a_record_with_something_printed_gets_no_note(fields):
    record = Record(type="document", id="k", fields=dict(fields))
    text = dumps([record], "bibtex")
    assert note(text) == fields.get("note") and not any(d.code == "bibtex-empty" for d in record.diagnostics)


def test_biblatex_writes_them_all():
    """Biber does not warn about an entry with no fields: only the BibTeX writer leaves one out."""
    assert dumps([Record(type="document", id="k", fields={})], "biblatex").startswith("@misc{k,")


@pytest.mark.skipif(not shutil.which("bibtex"), reason="BibTeX is not installed")
def test_plain_prints_the_note_without_a_warning(tmp_path):
    records = [Record(type="document", id=f"k{i}", fields=dict(f)) for i, (f, n) in enumerate(ROWS) if n]
    (tmp_path / "refs.bib").write_text(dumps(records, "bibtex"))
    (tmp_path / "doc.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n")
    subprocess.run(["bibtex", "doc"], cwd=tmp_path, capture_output=True)
    assert "Warning--" not in (tmp_path / "doc.blg").read_text()
    assert (tmp_path / "doc.bbl").read_text().count(r"\bibitem") == len(records)
