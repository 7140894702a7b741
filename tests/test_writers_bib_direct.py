"""The BibTeX and BibLaTeX writers write their built-in templates' text without jinja2, for
speed: over every test, benchmark and corpus input the text must be what the template renders."""

import io
import sys
from pathlib import Path

import pytest

from citex.model import Date, Name, Record
from citex.pipeline import load, repair
from citex.writers.biblatex import BibLaTeXWriter
from citex.writers.bibtex import BibTeXWriter
from citex.writers.templated import template_dir
from corpus import CORPUS, needs_corpus

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
WRITERS = [(BibTeXWriter, "bibtex.j2"), (BibLaTeXWriter, "biblatex.j2")]


def written(writer_class, records, **options) -> str:
    out = io.StringIO()
    writer = writer_class(out, **options)
    for i, rec in enumerate(records):
        rec.id = rec.id or f"k{i}"
        try:
            writer.write(rec)
        except Exception as exc:  # a record the writer refuses: refused the same way by both
            out.write(f"<{type(exc).__name__}: {exc}>")
    return out.getvalue()


def assert_same_as_template(records):
    for writer_class, template in WRITERS:
        for ascii in (True, False):
            direct = written(writer_class, records, ascii=ascii)
            rendered = written(writer_class, records, ascii=ascii, template=str(template_dir() / template))
            assert direct == rendered, (template, ascii)


def generated_inputs() -> list[Record]:
    """The benchmark's generated records, in every input format it writes."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import inputs

    records = []
    for fmt in sorted(inputs.EXTENSIONS):
        out = io.StringIO()
        inputs.write(fmt, inputs.items(30, 3), out, 3)
        from citex import loads
        records += loads(out.getvalue(), fmt)
    return records


def odd_records() -> list[Record]:
    """Values the inputs rarely have: both containers of an online entry, repeats, non-strings."""
    return [
        Record(type="webpage", fields={"title": "Page", "container-title": "Site",
                                       "publisher": "site", "issued": Date([[2020, 13]])}),
        Record(type="thesis", fields={"title": "T", "genre": "Master's thesis", "publisher": "U",
                                      "author": [Name("A", "B")], "issued": Date(literal="Spring 2020")}),
        Record(type="book", fields={"title": "Vol", "author": [Name(literal="Org, Inc.")],
                                    "editor": [Name("Ed", "E")], "number": 6, "volume": 2,
                                    "collection-title": "Series", "publisher": "P", "issued": Date([[1999]])},
               truncated={"author"}),
        Record(type="article", fields={"title": "no journal", "PMID": "123", "status": "in press"}),
        Record(type="chapter", fields={"title": "C", "container-author": [Name("B", "A")],
                                       "container-title": "Book", "ISBN": "1532-1827 (Electronic)"}),
        Record(type="article-journal", fields={}),
    ]


def test_the_direct_writers_write_what_the_templates_render():
    records = list(repair(load(map(str, [ROOT / "seeds", *sorted(p for p in DATA.iterdir() if p.name != "hostile")]))))
    records += generated_inputs() + odd_records()
    assert len(records) > 200
    assert_same_as_template(records)


@needs_corpus
@pytest.mark.parametrize("folder", sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else [])
def test_the_direct_writers_write_what_the_templates_render_for_the_corpus(folder):
    records = list(repair(load([str(CORPUS / folder)])))
    assert_same_as_template(records)


@pytest.mark.parametrize("writer_class", [BibTeXWriter, BibLaTeXWriter, __import__("citex.writers.ris", fromlist=["RISWriter"]).RISWriter])
def test_the_direct_writer_mirrors_the_shipped_template(writer_class):
    # direct_for names the template text the direct writer was checked against: a change to
    # the template must come with the same change to the writer (and a new hash).
    from citex.writers.templated import template_hash
    assert writer_class.direct_for == template_hash(writer_class.template)
    assert writer_class(io.StringIO()).direct()


def test_a_changed_builtin_template_is_rendered_not_bypassed(tmp_path, monkeypatch):
    # templates/ defines the format: edit bibtex.j2 and the output follows it.
    from citex.writers import templated
    changed = tmp_path / "templates"
    changed.mkdir()
    for path in template_dir().iterdir():
        if path.is_file():
            (changed / path.name).write_bytes(path.read_bytes())
    (changed / "bibtex.j2").write_text((template_dir() / "bibtex.j2").read_text().replace(
        '("title", values["title"]', '("booktitle", values["title"]'))
    monkeypatch.setattr(templated, "template_dir", lambda: changed)
    templated.template_hash.cache_clear()
    try:
        record = Record(id="k", type="article-journal", fields={"title": "A Title", "author": [Name("Doe", "Jane")]})
        text = written(BibTeXWriter, [record])
        assert "booktitle" in text and "\n  title " not in text
    finally:
        templated.template_hash.cache_clear()
