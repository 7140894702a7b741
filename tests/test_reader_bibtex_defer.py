"""Reading with ``defer`` (the parent of ``--jobs``): the records, notes and lines of reading in one go."""

from pathlib import Path

import pytest

from citex.inputs import decode
from citex.readers import bibtex_reader as bibtex
from citex.readers.bibtex_plain import plain_entry
from citex.readers.stream import Deferred
from corpus import corpus_files, needs_corpus

DATA = Path(__file__).parent / "data" / "bibtex"


def _deferred(text: str) -> tuple[list, int]:
    """The records of reading with ``defer``, each built, and how many the parent left unread."""
    items = list(bibtex.read(text, "t.bib", defer=True))
    unread = sum(isinstance(i, Deferred) and i.build is bibtex._plain_record for i in items)
    return [i() if isinstance(i, Deferred) else i for i in items], unread


def _same(text: str) -> int:
    got, unread = _deferred(text)
    assert got == list(bibtex.read(text, "t.bib"))
    return unread


IRREGULAR = Path(__file__).parent / "data" / "bibtex-irregular" / "irregular.bib"  # one of each fault


def test_irregular_input_reads_the_same_deferred():
    assert _same(IRREGULAR.read_text()) >= 5  # the plain entries were left to the workers


def test_the_parent_leaves_plain_entries_unread_and_reads_the_rest():
    wanted = {"parent", "shared"}
    assert plain_entry("@article{k, title = {A {B}}, year = 2001}\n\n", wanted) == "k"
    assert plain_entry("  @misc{k,\n  title = \"Q\",\n}\n", wanted) == "k"
    for entry in ("@article{parent, title = {A}}\n", "@article{k, crossref = {parent}}\n",
                  "@article{k, XData = {shared}}\n", "@article{k, ids = {a}}\n",
                  "@article{k, title = {A}, TITLE = {B}}\n", "@article{k, title = {A} # x}\n",
                  "@article{k, title = {A \\} b}}\n", "@article{k, title = \"A\\\"}\n",
                  "@article{k, title = {A}\n year = 2}\n", "@article{k, title = {A}}\n@misc{x}\n",
                  "@string{k = {A}}\n", "@xdata{k, title = {A}}\n", "@comment{k, t = {A}}\n",
                  "@article(k, title = {A})\n", "\n@article{k, title = {A}}\n",
                  "@article{k, title = \"A \\{ b\"}\n", "@article{k, title = {{{{{{x}}}}}}}\n",
                  "@article{k, title = {A}}\ntext \\} after\n"):
        assert plain_entry(entry, wanted) is None, entry
    assert plain_entry("@article{k, ids = {a}}\n", set()) == "k"  # no parents in the file
    assert plain_entry("@article{k, title = {\\'e {\\em x}}, note = \"\\o\"}\n", wanted) == "k"
    assert plain_entry("@article{k, title = {{{{{\\x}}}}}}\n", wanted) == "k"  # five deep, as the scanner


def test_macros_a_deferred_entry_took_are_not_changed_by_a_later_string():
    items = list(bibtex.read("@string{j = {One}}\n@article{a, journal = j}\n@string{j = {Two}}\n"
                             "@article{b, journal = j}\n@article{c, journal = j}\n", "t", defer=True))
    assert [i().get("container-title") for i in items] == ["One", "Two", "Two"]
    assert items[0].args[2] is not items[1].args[2] and items[1].args[2] is items[2].args[2]


def test_duplicate_key_warnings_name_the_first_line_when_deferred():
    got, unread = _deferred("@article{a, title={A}}\n@article{b, title={B}}\n\n@article{a, title={C}}\n")
    assert unread == 3
    notes = [(d.code, d.message, d.location.line) for d in got[2].diagnostics]
    assert notes == [("bibtex-duplicate-key",
                      "key 'a' is used again (first at line 1); this record is kept too", 4)]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.bib")))
def test_test_files_read_the_same_deferred(name):
    text, _ = decode((DATA / name).read_bytes(), name)
    _same(text)


@needs_corpus
def test_the_corpus_reads_the_same_deferred():
    files = [p for folder in ("bibtex-base", "biblatex", "biber-tdata", "bibtexparser-tests",
                              "jabref-testdata", "citation-js-tests", "bib-nime-proceedings")
             for p in corpus_files(folder, "*.bib")]
    assert len(files) > 50
    unread = sum(_same(decode(p.read_bytes(), str(p))[0]) for p in files)
    assert unread > 1000
