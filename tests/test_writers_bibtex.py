"""The BibTeX writer: entry layout, field values, a re-parse with bibtexparser, a real BibTeX run."""

import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors

from citex.pipeline import dumps
from citex.latex import balanced
from citex.model import Date, Name, Record
from citex.readers.pubmed_text import read
from citex.registry import WRITERS
from citex.writers.bibtex import BibTeXWriter
from corpus import CORPUS

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_18a7e7130607ba5e.txt"


def seed():
    return next(iter(read(SEED.read_text(), "seed.txt")))


def write(*records, **options):
    return dumps(records, "bibtex", **options)


def parse(text, decode=True):
    middleware = [LatexDecodingMiddleware(), SeparateCoAuthors()] if decode else []
    library = bibtexparser.parse_string(text, append_middleware=middleware)
    assert not library.failed_blocks
    return library.entries


def article(**fields):
    base = {
        "author": [Name("Nguyễn", "Văn A"), Name("Berg", "Jan", non_dropping_particle="van der"),
                   Name("King", "Martin L", suffix="Jr"), Name(literal="World Health Organization")],
        "title": "DNA & RNA: 50% of $x_1$ in Dương's iPhone",
        "container-title": "Journal of Ästhetik",
        "issued": Date([[2020, 3, 21]]),
        "volume": "12", "issue": "4", "page": "1011-1015",
        "DOI": "10.4103/ajns.AJNS_290_20", "PMID": "33708679", "PMCID": "PMC7934898",
        "URL": "https://example.org/a_b?q=50%25&x=~y",
        "abstract": "Line one,\nline two: 5 < 6 & {x}.",
    }
    base.update(fields)
    return Record(type="article-journal", fields={k: v for k, v in base.items() if v is not None})


def test_registered_with_extension():
    entry = WRITERS._entries["bibtex"]  # without loading every writer module
    assert entry.obj is BibTeXWriter and entry.meta["extension"] == ".bib"



def test_entry_layout_is_aligned_and_ordered():
    text = write(Record(fields={"title": "A study", "author": [Name("Li", "X")], "container-title": "Cell",
                                "issued": Date([[2009, 11]]), "page": "5"}))
    assert text == (
        "@article{li2009study,\n"
        "  author  = {Li, X},\n"
        "  title   = {A study},\n"
        "  journal = {Cell},\n"
        "  year    = {2009},\n"
        "  month   = nov,\n"
        "  pages   = {5}\n"
        "}\n")


def test_article_without_journal_is_written_as_misc_and_said():
    rec = Record(fields={"title": "A study", "author": [Name("Li", "X")], "volume": "3"})
    assert write(rec).startswith("@misc{li")
    assert "volume = {3}" in write(rec)
    assert [d.code for d in rec.diagnostics][-1] == "bibtex-misc"


def test_fields_come_back_through_bibtexparser():
    [entry] = parse(write(article()))
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "article" and entry.key == "nguyen2020dna"
    assert fields["author"] == ["Nguyễn, Văn A", "van der Berg, Jan", "King, Jr, Martin L",
                                "World Health Organization"]
    assert fields["title"] == "DNA & RNA: 50% of $x_1$ in Duong's iPhone"  # the horn has no LaTeX command
    assert fields["journal"] == "Journal of Ästhetik"
    assert (fields["year"], fields["month"], fields["volume"], fields["number"]) == ("2020", "mar", "12", "4")
    assert fields["pages"] == "1011\u20131015"  # "--" decoded as an en dash
    assert (fields["pmid"], fields["pmcid"]) == ("33708679", "PMC7934898")
    assert fields["abstract"].startswith("Line one, line two: 5 < 6 & ")


def test_doi_and_url_are_verbatim():
    # Styles print them with \url, which reads its argument as typed: no LaTeX escapes.
    [entry] = parse(write(article(URL="https://x.org/a_b?q=50%25&x=~y{z}")), decode=False)
    fields = {f.key: f.value for f in entry.fields}
    assert fields["doi"] == "10.4103/ajns.AJNS_290_20"
    assert fields["url"] == "https://x.org/a_b?q=50%25&x=~y%7Bz%7D"  # braces encoded: still balanced


def test_ascii_by_default_utf8_on_request():
    default = write(article())
    assert default.isascii() and balanced(default)
    assert r"Nguy{\~{\^{e}}}n, V{\u{a}}n A" in default
    assert r"title    = {{DNA} \& {RNA}: 50\% of $x_1$ in Duong's {iPhone}}," in default  # math kept
    utf8 = write(article(), ascii=False)
    assert "author   = {Nguyễn, Văn A and van der Berg, Jan and King, Jr, Martin L and " \
           "{World Health Organization}}," in utf8
    assert "Dương" in utf8 and "Ästhetik" in utf8


def test_truncated_author_list_ends_with_and_others():
    rec = article(author=[Name("Shah", "M")])
    rec.truncated.add("author")
    assert "  author   = {Shah, M and others}," in write(rec)


def test_name_parts_that_would_split_are_braced():
    rec = article(author=[Name("Sand and Stone", "Al"), Name("Ng", "Li, Jr")])
    assert "{Sand and Stone}, Al and Ng, {Li, Jr}" in write(rec)


def test_empty_fields_are_left_out():
    rec = article(volume="", issue=None, page=None, PMCID=None, abstract="  ", issued=Date([[2020]]))
    text = write(rec)
    for name in ("volume", "number", "pages", "pmcid", "abstract", "month"):
        assert not re.search(rf"^\s+{name}\s*=", text, re.M), name


@pytest.mark.parametrize("csl, bib, container, publisher", [
    ("article-journal", "article", "journal", "publisher"),
    ("book", "book", None, "publisher"),
    ("chapter", "incollection", "booktitle", "publisher"),
    ("paper-conference", "inproceedings", "booktitle", "publisher"),
    ("thesis", "phdthesis", None, "school"),
    ("report", "techreport", None, "institution"),
    ("webpage", "misc", "howpublished", "publisher"),
    ("software", "misc", "howpublished", "publisher"),
])
def test_entry_types(csl, bib, container, publisher):
    rec = Record(type=csl, fields={"title": "T", "container-title": "C", "publisher": "P",
                                   "author": [Name("Li", "X")], "issued": Date([[2009]])})
    [entry] = parse(write(rec))
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == bib
    assert fields.get(container) == ("C" if container else None)
    assert fields[publisher] == "P"


def test_entries_are_separated_by_one_blank_line_and_keys_are_unique():
    text = write(article(), article(), seed())
    assert text.count("\n\n@") == 2 and not text.startswith("\n") and text.endswith("}\n")
    assert [e.key for e in parse(text)] == ["nguyen2020dna", "nguyen2020dnaa", "shah2020management"]


# A real BibTeX + pdflatex run over one record of each common type.
def _records():
    people = [Name("Gómez", "Ana"), Name("Müller", "Kai")]
    recs = [
        article(),
        Record(type="book", fields={"author": people, "title": "Statistics for the DNA age",
                                    "publisher": "Søren & Sons", "publisher-place": "København",
                                    "issued": Date([[2018]]), "edition": "2", "ISBN": "978-0-00-000000-2"}),
        Record(type="chapter", fields={"author": people, "editor": [Name("Łukasz", "Ewa")],
                                       "title": "Chapter on mRNA", "container-title": "The big book",
                                       "publisher": "Straße Verlag", "issued": Date([[2019]]), "page": "3–9"}),
        Record(type="paper-conference", fields={"author": people, "title": "A talk on COVID-19",
                                                "container-title": "Proc. of Things", "issued": Date([[2021, 6]])}),
        Record(type="thesis", fields={"author": people[:1], "title": "On BNT162b2",
                                      "publisher": "Université de Montréal", "issued": Date([[2022]])}),
        Record(type="report", fields={"author": [Name(literal="World Health Organization")],
                                      "title": "Guidelines", "publisher": "WHO", "number": "7",
                                      "issued": Date([[2020]])}),
        Record(type="webpage", fields={"author": people, "title": "A page", "URL": "https://x.org/~a_b",
                                       "container-title": "Example site", "issued": Date([[2023]])}),
        seed(),
    ]
    recs[-1].fields.pop("container-title")
    recs[-1].fields["container-title"] = "Asian J Neurosurg"
    return recs


@pytest.mark.skipif(not (shutil.which("bibtex") and shutil.which("pdflatex")),
                    reason="bibtex and pdflatex are not on PATH")
@pytest.mark.parametrize("style", ["plain", "unsrt"])
def test_bibtex_and_pdflatex_accept_the_output(tmp_path, style):
    (tmp_path / "refs.bib").write_text(write(*_records()), encoding="ascii")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\begin{document}\n"
        f"\\nocite{{*}}\n\\bibliographystyle{{{style}}}\n\\bibliography{{refs}}\n\\end{{document}}\n")

    def run(*cmd):
        return subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120)

    latex = ("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
    assert run(*latex).returncode == 0
    bibtex = run("bibtex", "doc")
    blg = (tmp_path / "doc.blg").read_text()
    assert "Warning--" not in blg and "error message" not in blg, blg
    assert bibtex.returncode == 0, bibtex.stdout
    assert (tmp_path / "doc.bbl").read_text().count("\\bibitem") == 8
    final = run(*latex)
    log = (tmp_path / "doc.log").read_text(errors="replace")
    assert final.returncode == 0 and not re.search(r"^! ", log, re.M), log[-2000:]
    assert "Missing character" not in log


# --- Every CSL type, required fields, field order -------------------------------------

SCHEMA = CORPUS.parent / "schemas" / "csl-data.json"  # ../shared, or CITEX_SHARED
CSL_TYPES = ["article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
             "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
             "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
             "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
             "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
             "personal_communication", "post", "post-weblog", "regulation", "report", "review",
             "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage"]


def test_every_csl_type_has_an_entry_type():
    from citex.writers.biblatex import TYPES as BIBLATEX_TYPES
    from citex.writers.bibtex import TYPES

    if SCHEMA.exists():
        import json
        assert sorted(CSL_TYPES) == sorted(json.loads(SCHEMA.read_text())["items"]["properties"]["type"]["enum"])
    assert set(TYPES) == set(CSL_TYPES) == set(BIBLATEX_TYPES)


@pytest.mark.parametrize("genre, entry", [
    ("Master's thesis", "mastersthesis"), ("MA thesis (master)", "mastersthesis"),
    ("PhD thesis", "phdthesis"), (None, "phdthesis"),
])
def test_thesis_level_comes_from_the_genre(genre, entry):
    rec = Record(type="thesis", fields={"title": "T", "author": [Name("Li", "X")], "publisher": "MIT",
                                        "issued": Date([[2009]]), **({"genre": genre} if genre else {})})
    text = write(rec)
    assert text.startswith(f"@{entry}{{") and "school = {MIT}" in text.replace("  ", " ").replace("  ", " ")
    assert ("type   = {%s}" % genre in text) if genre else "type" not in text


def test_an_entry_missing_what_its_type_requires_is_misc_and_said():
    book = Record(type="book", fields={"title": "T", "author": [Name("Li", "X")], "issued": Date([[2009]])})
    assert write(book).startswith("@misc{") and "needs a publisher" in book.diagnostics[-1].message
    edited = Record(type="book", fields={"title": "T", "editor": [Name("Li", "X")], "publisher": "P",
                                         "issued": Date([[2009]])})
    assert write(edited).startswith("@book{")  # a book may have editors instead of authors


def test_fields_come_in_one_fixed_order():
    text = write(Record(type="book", fields={
        "abstract": "A", "URL": "https://x", "DOI": "10.1/x", "ISBN": "1", "page": "5", "volume": "2",
        "issued": Date([[2009, 1]]), "publisher-place": "L", "publisher": "P", "edition": "3",
        "collection-title": "S", "title": "T", "editor": [Name("E")], "author": [Name("A")],
        "note": "N", "keyword": "k", "language": "en", "accessed": Date([[2020, 2, 3]])}))
    names = re.findall(r"^  (\w+)\s*=", text, re.M)
    assert names == ["author", "title", "series", "edition", "publisher", "address", "year",
                     "month", "volume", "pages", "isbn", "doi", "url", "urldate", "language", "keywords",
                     "note", "abstract"]  # the editor beside an author: in the note, see below


BOOK = {"title": "T", "publisher": "P", "issued": Date([[2020]]), "author": [Name("Adams", "Alice")]}


@pytest.mark.parametrize("fields, editor, number, note, moved", [
    # plain's @book prints an author or an editor: the editor beside an author goes to the note
    ({"editor": [Name("Berg", "Jan", non_dropping_particle="van der"), Name(literal="WHO")],
      "note": "A note"}, None, None, "A note. Edited by Jan van der Berg and WHO", 1),
    # ... and a volume or a series number: the number beside a volume goes to the note
    ({"volume": "5", "collection-title": "Good Series", "collection-number": "6"},
     None, None, "Number 6 in Good Series", 1),
    # a number without a series would print with a warning: in the note too
    ({"number": "203.14"}, None, None, "Number 203.14", 1),
    # must not fire: an edited book, and a numbered series without a volume
    ({"author": None, "editor": [Name("Li", "X")]}, "Li, X", None, None, 0),
    ({"collection-title": "Good Series", "collection-number": "6", "note": "Fine."}, None, "6", "Fine.", 0),
])
def test_what_plain_prints_only_one_of_goes_to_the_note(fields, editor, number, note, moved):
    book = Record(type="book", fields={k: v for k, v in {**BOOK, **fields}.items() if v})
    text = write(book)
    got = dict(re.findall(r"^  (\w+)\s*= \{(.*)\},?$", text, re.M))
    assert (got.get("editor"), got.get("number"), got.get("note")) == (editor, number, note)
    assert sum(d.code == "bibtex-moved" for d in book.diagnostics) == moved


def test_a_truncated_editor_list_says_so_in_the_note():
    book = Record(type="book", fields={**BOOK, "editor": [Name("Li", "X"), Name("Wu", "Y"), Name("Ng", "Z")]})
    book.truncated.add("editor")
    assert "note      = {Edited by X Li, Y Wu, Z Ng and others}" in write(book)


def test_authorless_entry_sorts_by_its_title_or_its_key():
    assert "key   = {Guidelines for things}" in write(Record(fields={"title": "Guidelines for things now"}))
    assert re.search(r"key\s+= \{ref\}", write(Record(type="webpage", fields={"URL": "https://x"})))


def test_utf8_option_from_the_command_line(tmp_path):
    from citex.cli import main

    out = tmp_path / "out.bib"
    assert main(["convert", str(SEED), "--to", "bibtex", "--utf8", "-o", str(out)]) == 0
    assert main(["convert", str(SEED), "--to", "bibtex", "--no-ascii", "-o", str(out)]) == 0
    assert main(["convert", str(SEED), "--to", "biblatex", "--ascii", "-o", str(out)]) == 0
    assert out.read_text().isascii()


# --- Round trip: record -> BibTeX -> record (citex's own BibTeX reader) -----------------
# What BibTeX cannot carry, so the comparison leaves it out (README, "What each format loses"):
# the day of a date, the end of a date range, CSL types without a BibTeX entry type (written
# @misc), the dash of a page range (en dash -> hyphen), runs of whitespace; and the words
# citex braces to protect their capitals come back as <span class="nocase">.

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import citex  # noqa: E402
from typed_records import RECORD, assert_read_back  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RECORD, st.booleans())
def test_round_trip_through_citex_bibtex_reader(record, ascii):
    pytest.importorskip("citex.readers.bibtex")
    [back] = list(citex.loads(citex.dumps([record], "bibtex", ascii=ascii), "bibtex"))
    assert_read_back(record, back)


_NAME_PIECES = ["Smith", "J.", "and", "And", "Brandy", "=", ",", " ", "  ", "{", "$", "\\", "&", "_", "~", "é", "\t", "-", "'"]


@settings(max_examples=500, deadline=None)
@example("Smith ", "J.", True).via("a space before the comma")
@example("Smith", " J.", True).via("two spaces after it")
@example("Sand and Stone", "Al", True).via("a word that splits")
@given(st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=5).map("".join),
       st.lists(st.sampled_from(_NAME_PIECES), min_size=1, max_size=5).map("".join), st.booleans())
def test_a_plain_family_and_given_name_is_written_as_the_general_way_writes_it(family, given, ascii):
    """_bibtex_name gives a plain ASCII family and given name back as "Family, Given" without
    escaping or bracing each part; every name, plain or not, comes out as the general way has it."""
    from citex.writers import templated

    fast = templated._bibtex_name.__wrapped__(family, given, None, None, None, None, ascii)
    assert fast == templated._bibtex_name_parts(family, given, None, None, None, None, ascii)
