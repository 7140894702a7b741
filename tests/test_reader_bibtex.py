"""The BibTeX/BibLaTeX reader: one small file per quirk in tests/data/bibtex, then the corpus.

Corpus checks: every .bib file reads without an exception and yields one
record or Failed for each entry bibtexparser finds; where the corpus carries
expected CSL (pandoc-citeproc, citation-js, Zotero's translator tests) the
title, first author, year, container title and DOI are compared, and every
known deviation is listed below with its reason, so fixes and regressions
both make a test fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import pytest

from citex.inputs import choose_reader, decode
from citex.model import Date, Failed, Name, Record
from citex.pipeline import load
from citex.readers.bibtex import read
from citex.readers.bibtex_dates import parse_date, parse_year_month
from citex.readers.bibtex_names import parse_names
from citex.readers.latex_decode import decode as decode_latex
from citex.textnorm import fold

from corpus import CORPUS, corpus_files, needs_corpus

DATA = Path(__file__).resolve().parent / "data" / "bibtex"


def items(name: str) -> list[Record | Failed]:
    path = DATA / name
    text, _ = decode(path.read_bytes(), str(path))
    return list(read(text, str(path)))


def by_id(name: str) -> dict[str | None, Record]:
    return {r.id: r for r in items(name) if isinstance(r, Record)}


def codes(rec: Record) -> list[str]:
    return [d.code for d in rec.diagnostics]


# --- one file per quirk ------------------------------------------------------------

def test_string_macros_concatenation_and_month_macros():
    (rec,) = items("strings.bib")  # @preamble, @comment and @string are not records
    assert rec.id == "concat" and rec.source.line == 8
    assert rec.get("container-title") == "J.\u00a0Organomet. Chem."
    assert rec.get("title") == 'Part One: the <span class="nocase">DNA</span> story'
    assert rec.get("publisher") == "Springer Verlag"  # @STRING( ... ) with # inside
    assert rec.get("publisher-place") == "Berlin, Heidelberg"
    assert rec.get("issued") == Date(parts=[[1999, 9, 1]])  # sep # "~1"
    assert rec.get("note") == "undefinedmacro"
    assert codes(rec) == ["bibtex-undefined-macro"]


def test_crossref_follows_biblatex_inheritance_rules():
    recs = by_id("crossref.bib")
    chapter = recs["chapter"]  # inbook -> book -> mvbook
    assert chapter.type == "chapter"
    assert chapter.get("title") == "The Chapter"
    assert chapter.get("container-title") == "Collected Works"  # mvbook title -> maintitle
    assert chapter.get("volume-title") == "Volume Three"  # book title -> booktitle
    assert chapter.get("author") == [Name("Shakespeare", "William")]
    assert chapter.get("container-author") == [Name("Shakespeare", "William")]
    assert chapter.get("issued") == Date(parts=[[1975]])  # the nearer parent's date
    assert (chapter.get("publisher"), chapter.get("publisher-place")) == ("Publisher", "London")
    assert chapter.extra == {"crossref": "book"}  # inherited fields stay with their parent
    assert chapter.source.field_lines["publisher"] == 18  # where the value was written
    paper = recs["paper"]
    assert paper.get("container-title") == "Proceedings of the Conference"
    assert paper.get("editor") == [Name("Editor", "Ed")]
    assert paper.get("issued") == Date(parts=[[2006, 10]])
    assert "owner" not in paper.extra
    assert recs["article"].get("container-title") == "Journal of Things"  # periodical -> journaltitle
    assert recs["article"].get("ISSN") == "1234-5678"
    assert "pubinfo" not in recs  # @xdata lends its fields and is no record
    assert recs["uses-xdata"].get("publisher") == "Shared Press"
    assert recs["uses-xdata"].get("publisher-place") == "Paris"
    assert codes(recs["orphan"]) == ["bibtex-crossref-missing"]


def test_latex_decoded_to_unicode_with_csl_markup():
    rec = by_id("latex.bib")["latex"]
    assert [n.family for n in rec.get("author")] == ["Müller", "Garçon", "Østergaard"]
    assert [n.given for n in rec.get("author")] == ["Jörg", "François", "Søren"]
    assert rec.get("title") == (
        'The <span class="nocase">DNA</span> of <i>E.\u00a0coli</i> and <b>bold</b> claims: '
        '$x^2$ – a <span class="nocase">Whole Phrase</span> <i>in vivo</i>')
    assert rec.get("container-title") == (
        'Café & Bar — <span class="nocase">Journal</span> of Naïve Studies')
    assert rec.get("page") == "100-110"
    assert rec.get("note") == r"100% sure, see https://example.org/~me/a_b \unknowncommand{x}"
    assert rec.get("abstract") == (
        '“Quoted” text with <sup>2</sup> and H<sub>2</sub>O and '
        '<span style="font-variant:small-caps;">Small Caps</span>.')
    assert codes(rec) == ["bibtex-latex-command"]


@pytest.mark.parametrize("latex, title, expected", [
    (r"{\"o} {\'E} \c{c} \v{s} \'{\i} \ss{} {\o} \AE\oe", False, "ö É ç š í ß ø Æœ"),
    (r"a\&b\%c\$d\#e\_f\textasciitilde{}\textasciicircum{}\textbackslash{}", False, "a&b%c$d#e_f~^\\"),
    ("a -- b --- c ``d'' `e'", False, "a – b — c “d” ‘e'"),
    ("{DNA} and {{Whole}}", True, '<span class="nocase">DNA</span> and <span class="nocase">Whole</span>'),
    ("{DNA} and {{Whole}}", False, "DNA and Whole"),  # case protection only matters in titles
    (r"{\"O}zt{\"u}rk {\em em}", True, "Öztürk <i>em</i>"),  # special characters protect nothing
    (r"a\it b{\bf c}", False, "a<i>b<b>c</b></i>"),
    (r"$\alpha$ and $$x$$ and \(y\)", False, r"$\alpha$ and $$x$$ and \(y\)"),
    (r"\noopsort{a}Title \href{http://x}{link}", False, "Title link"),
    (r"\url{http://a.b/~c_d}", False, "http://a.b/~c_d"),
    ("line\nbreaks  and\ttabs", False, "line breaks and tabs"),
])
def test_latex_decoder(latex, title, expected):
    assert decode_latex(latex, title=title).text == expected


def test_names_in_every_bibtex_form():
    rec = by_id("names.bib")["names"]
    authors = rec.get("author")
    assert authors[:4] == [
        Name("Knuth", "Donald E."), Name("Gogh", "Vincent", non_dropping_particle="van"),
        Name("Doe", "John", suffix="Jr."), Name("Beethoven", "Ludwig", non_dropping_particle="van")]
    assert authors[4] == Name(literal="World Health Organization")
    assert authors[5] == Name("Drummond de Andrade", "Carlos")  # biblatex's reading
    assert authors[6] == Name("Smith", "Jane", non_dropping_particle="de")  # family=..., given=...
    assert authors[7] == Name("Öztürk", "Ayşe")
    assert len(authors) == 8 and rec.truncated == {"author"}  # "and others" is no name
    assert rec.get("editor") == [Name("von Helmholtz", "Hermann"), Name("jacob", "sudhin")]
    assert rec.get("translator") == [Name(literal="Barnes and Noble")]


@pytest.mark.parametrize("raw, expected", [
    ("Ann Smith and Bob Jones", [("Smith", "Ann"), ("Jones", "Bob")]),
    ("de la Fontaine, Jean", [("Fontaine", "Jean")]),
    ("Jean de La Fontaine", [("La Fontaine", "Jean")]),
    ("D.~E. Knuth", [("Knuth", "D. E.")]),
    ("{\\'E}mile Zola", [("Zola", "Émile")]),
    ("Aristotle", [("Aristotle", None)]),
    ("A and ,", [("A", None)]),
])
def test_name_forms(raw, expected):
    assert [(n.family, n.given) for n in parse_names(raw).names] == expected


def test_dates_iso_ranges_and_bibtex_year_month():
    recs = by_id("dates.bib")
    iso = recs["iso"]
    assert iso.get("issued") == Date(parts=[[2020, 1, 31]])
    assert iso.get("accessed") == Date(parts=[[2021, 5, 4]])
    assert iso.get("original-date") == Date(parts=[[1888]])
    assert iso.get("event-date") == Date(parts=[[2019, 12], [2020, 1]])
    expected = {
        "range": Date(parts=[[2020, 1], [2020, 3]]), "open": Date(parts=[[1999, 10, 14]]),
        "circa": Date(parts=[[1990]]), "season": Date(parts=[[2004]], season=2),
        "bce": Date(parts=[[-45, 3, 15]]), "decade": Date(parts=[[1900], [1999]]),
        "notiso": Date(parts=[[2001]]), "junk": Date(literal="13th century"),
        "monthmacro": Date(parts=[[1999, 8]]), "monthname": Date(parts=[[2012, 5, 5]]),
        "monthnum": Date(parts=[[2017, 8]]), "monthrange": Date(parts=[[1988, 6], [1988, 8]]),
        "yearrange": Date(parts=[[1995], [1997]]), "yearliteral": Date(literal="13th Century"),
        "badmonth": Date(parts=[[2010]]), "bc": Date(parts=[[-535]]),
    }
    assert {k: recs[k].get("issued") for k in expected} == expected
    # what the CSL date cannot say is kept as written, with a note
    assert recs["open"].extra == {"date": "1999-10-14/"}
    assert recs["circa"].extra == {"date": "1990~"}
    assert recs["notiso"].extra == {"date": "1-2 April, 2001"}
    assert recs["badmonth"].extra == {"year": "2010", "month": "14"}
    assert [d.level for d in recs["junk"].diagnostics] == ["warning"]
    assert recs["inpress"].get("status") == "in press" and "issued" not in recs["inpress"]
    assert not recs["range"].diagnostics and not recs["monthrange"].diagnostics


@pytest.mark.parametrize("raw, parts", [
    ("2020", [[2020]]), ("2020-02-29", [[2020, 2, 29]]), ("2020-01-31T12:00:00Z", [[2020, 1, 31]]),
    ("0000", [[-1]]), ("1998/unknown", [[1998]]), ("1723?~", [[1723]]), ("20uu", [[2000], [2099]]),
])
def test_iso_dates(raw, parts):
    assert parse_date(raw).date.parts == parts


@pytest.mark.parametrize("raw", ["2021-02-29", "1995-1030", "1.5.1998", "2020-13"])
def test_bad_iso_dates_are_literal(raw):
    parsed = parse_date(raw)
    assert parsed.literal and parsed.date == Date(literal=raw)


def test_year_month_forms():
    assert parse_year_month("2001", "1 jan", None).date.parts == [[2001, 1, 1]]
    assert parse_year_month("2001", "November, December", None).date.parts == [[2001, 11], [2001, 12]]
    assert parse_year_month("2010", "Spring", None).date == Date(parts=[[2010]], season=1)
    assert parse_year_month("2001a", None, None).note  # the letter is reported


def test_biblatex_fields_map_to_csl():
    recs = by_id("fields.bib")
    art = recs["bl-article"]
    assert art.get("title") == 'Higher-Dimensional Algebra <span class="nocase">V</span>: 2-Groups. A Survey'
    assert art.get("title-short") == 'Higher-Dimensional Algebra <span class="nocase">V</span>'
    assert art.get("container-title") == "Theory and Applications of Categories"
    assert art.get("container-title-short") == "TAC"
    assert (art.get("volume"), art.get("issue"), art.get("page")) == ("12", "14", "423-491")
    assert (art.get("DOI"), art.get("ISSN"), art.get("PMID")) == ("10.1000/abc_def", "1201-561X", "12345678")
    assert art.get("URL") == "https://arxiv.org/abs/math/0307200v3"  # pandoc's eprint URL
    assert art.get("keyword") == "algebra, categories"
    assert art.get("language") == "en-GB"  # langid + langidopts
    assert art.extra == {"eprint": "math/0307200v3", "eprinttype": "arxiv", "eprintclass": "math.QA",
                         "related": "other-key", "relatedtype": "reprintof", "file": ":paper.pdf:PDF"}
    online = recs["bl-online"]
    assert online.type == "webpage" and online.get("PMID") == "5500723"
    assert online.get("accessed") == Date(parts=[[2020, 2, 2]]) and online.get("version") == "1"
    thesis = recs["bl-thesis"]
    assert (thesis.type, thesis.get("genre"), thesis.get("publisher")) == (
        "thesis", "PhD thesis", "University of Somewhere")
    masters = recs["bt-thesis"]
    assert (masters.get("genre"), masters.get("publisher"), masters.get("publisher-place")) == (
        "Master's thesis", "MIT", "Cambridge, MA")
    assert (recs["bt-report"].type, recs["bt-report"].get("number")) == ("report", "TR-7")
    book = recs["bl-book"]
    assert (book.get("collection-title"), book.get("collection-number")) == ("Great Series", "42")
    assert (book.get("edition"), book.get("ISBN")) == ("2", "978-3-16-148410-0")
    assert book.get("publisher") == "Press and Sons" and book.extra == {"organization": "Org"}
    assert book.get("translator") == [Name("Translator", "Tina")] and book.get("language") == "German"
    coll = recs["bl-incollection"]
    assert coll.get("container-title") == "The Collection: Selected Papers"
    assert coll.get("director") == [Name("Editor", "Ed")] and "editor" not in coll  # editortype
    misc = recs["bt-misc"]
    assert misc.type == "document" and misc.get("URL") == "https://www.mla.org/guidelines"
    assert misc.get("author") == [Name(literal="Modern Language Association")]
    assert recs["bt-booklet"].get("publisher") == "Handed out at the station"
    assert recs["mag"].type == "article-magazine"
    assert (recs["talk"].type, recs["talk"].get("event-title")) == ("speech", "Some Meeting")
    assert (recs["pat"].get("number"), recs["pat"].get("jurisdiction")) == ("US 1234", "countryus")
    assert recs["odd"].type == "document" and codes(recs["odd"]) == ["bibtex-unknown-type"]
    fj = recs["fjournal"]  # MathSciNet's full journal name
    assert (fj.get("container-title"), fj.get("container-title-short")) == (
        "Advances in Mathematics", "Adv. Math.")


def test_unterminated_entry_fails_alone_with_its_line():
    out = items("unterminated.bib")
    assert [type(x).__name__ for x in out] == ["Record", "Failed", "Record"]
    failed = out[1].diagnostic
    assert (failed.code, failed.location.line, failed.level) == ("bibtex-unterminated", 3, "error")
    assert "@article{broken" in failed.message
    assert [r.get("title") for r in out if isinstance(r, Record)] == ["First", "Second"]


def test_duplicate_keys_and_fields_are_kept_with_warnings():
    out = items("duplicates.bib")
    assert [r.get("title") for r in out] == ["First of two", "Second of two", "Kept"]
    assert codes(out[1]) == ["bibtex-duplicate-key"] and "line 1" in out[1].diagnostics[0].message
    assert out[2].get("PMID") == "1" and out[2].extra == {"title": "Repeated", "pmid": "2\n3"}
    assert codes(out[2]) == ["bibtex-duplicate-field", "bibtex-duplicate-field"]


def test_blocks_bibtexparser_cannot_read_are_read_again():
    keyless, commented, run_on = items("recovered.bib")
    assert keyless.id is None and keyless.get("title") == "No Key Here"
    assert codes(keyless) == ["bibtex-no-key"] and keyless.source.line == 1
    assert commented.get("author") == [Name("Smith", "Simon")] and commented.year == 2010
    assert codes(commented) == ["bibtex-comment"] and commented.source.line == 7
    assert commented.get("URL") == "http://example.org/a%20b" and commented.get("note") == "100% sure"
    assert run_on.get("title") == "Mendeley: escaped characters"
    assert run_on.get("container-title") == "Next Field Journal"
    assert codes(run_on) == ["bibtex-missing-comma"]
    assert run_on.source.field_lines["journaltitle"] == 17


def test_field_names_and_types_ignore_case_and_parentheses_delimit():
    recs = by_id("case.bib")
    upper = recs["UpperCase"]  # the key keeps its case
    assert upper.type == "article-journal" and upper.get("container-title") == "Journal"
    assert upper.get("issued") == Date(parts=[[2001, 1]])
    assert upper.source.field_lines["title"] == 3
    assert recs["parens"].get("author") == [Name("Paren", "Pat")]


def test_latin1_file_reads_through_the_pipeline_with_a_warning():
    seen = []
    from citex.pipeline import Tally
    recs = list(load([str(DATA / "latin1.bib")], tally=Tally(on_diagnostic=seen.append)))
    assert recs[0].get("author") == [Name("Müller", "Jörg")] and recs[0].get("title") == "Café"
    assert [d.code for d in seen] == ["not-utf8"]


def test_a_bibtexparser_crash_costs_only_its_block(monkeypatch):
    import citex.readers.bibtex_fallback as reader
    real = bibtexparser.parse_string

    def fragile(text, parse_stack=None):
        if "BOOM" in text:
            raise RuntimeError("parser bug")
        return real(text, parse_stack=parse_stack)

    monkeypatch.setattr(reader.bibtexparser, "parse_string", fragile)
    # b is written with parentheses, which the fast scanner hands to bibtexparser
    out = list(read("@article{a, title={A}}\n@article(b, title={BOOM})\n\n@article{c, title={C}}\n", "t"))
    assert [getattr(x, "id", None) for x in out] == ["a", None, "c"]
    assert (out[1].diagnostic.code, out[1].diagnostic.location.line) == ("bibtex-parser", 2)
    assert out[2].source.line == 4


def test_exporting_tool_is_recorded_as_dialect():
    text = "% Encoding: UTF-8\n\n@article{a, title={A}}\n\n@Comment{jabref-meta: databaseType:bibtex;}\n"
    assert next(read(text, "t")).source.dialect == "jabref"
    assert next(read("@article{a, title={A}}", "t")).source.dialect is None


def test_sniffed_from_content_and_claimed_by_suffix():
    text = (DATA / "case.bib").read_text()
    assert choose_reader(text, "refs.txt") == "bibtex"
    assert choose_reader("no entries here", "refs.biblatex") == "bibtex"


# --- the shared corpus ---------------------------------------------------------------

def _bib_parts() -> list[tuple[str, str]]:
    """(name, BibTeX text) of every BibTeX input in the corpus."""
    out = []
    for folder in ("bibtex-base", "biblatex", "bib-cdl-bibliography", "bib-nime-proceedings",
                   "biber-tdata", "bibtexparser-tests", "jabref-testdata", "citation-js-tests",
                   "manubot-csl-json", "synthesisr-exports"):
        for path in corpus_files(folder, "*.bib"):
            out.append((str(path.relative_to(CORPUS)), decode(path.read_bytes(), str(path))[0]))
    for path in corpus_files("pandoc-citeproc-biblio2yaml"):
        if path.suffix in (".biblatex", ".bibtex"):
            out.append((str(path.relative_to(CORPUS)), path.read_text().partition("\n---\n")[0]))
    return out


def _expected_count(text: str) -> int:
    """Entries bibtexparser finds, failed blocks included, @xdata (not records) excluded."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    xdata = sum(1 for e in library.entries if e.entry_type.lower() == "xdata")
    failed = [b for b in library.failed_blocks
              if not re.match(r"\s*@\s*(comment|string|preamble)\b", b.raw or "", re.I)]
    return len(library.entries) + len(failed) - xdata


# Folders counted in SOURCES.md: no second parse for them (they are the big ones).
SOURCES_COUNTS = {"bib-cdl-bibliography": 6315, "bib-nime-proceedings": 2470}


@needs_corpus
def test_every_corpus_bib_file_reads_and_counts_match():
    counts: dict[str, list[int]] = {}
    for name, text in _bib_parts():
        out = list(read(text, name))
        folder = name.split("/")[0]
        if folder not in SOURCES_COUNTS:
            assert len(out) == _expected_count(text), name
        tally = counts.setdefault(folder, [0, 0])
        tally[0] += sum(isinstance(x, Record) for x in out)
        tally[1] += sum(isinstance(x, Failed) for x in out)
    assert counts["bib-cdl-bibliography"] == [SOURCES_COUNTS["bib-cdl-bibliography"], 0]
    assert counts["bib-nime-proceedings"] == [SOURCES_COUNTS["bib-nime-proceedings"], 0]  # a repeated key is kept
    assert counts["biblatex"] == [92, 0] and counts["bibtex-base"] == [44, 0]
    assert counts["citation-js-tests"] == [175, 1]  # "different delimiters": @book{b, ... )
    assert counts["pandoc-citeproc-biblio2yaml"][1] == 0
    assert sum(f for _, f in counts.values()) == 1


# Comparison with expected CSL: title, first author's family name, year, container, DOI.
_MARKUP = re.compile(r"<[^>]+>|[*~^\\]")
FIELDS = ("title", "author", "year", "container-title", "DOI")


def _norm(value) -> str:
    return fold(_MARKUP.sub("", value)) if value else ""


def _ours(rec: Record, particles: bool = False) -> dict:
    first = (rec.get("author") or [None])[0]
    family = ""
    if first:
        family = first.literal or first.family or ""
        if particles and first.non_dropping_particle:
            family = f"{first.non_dropping_particle} {family}"
    return {"title": _norm(rec.get("title")), "author": _norm(family), "year": rec.year,
            "container-title": _norm(rec.get("container-title")), "DOI": (rec.get("DOI") or "").lower()}


def _theirs(item: dict) -> dict:
    first = (item.get("author") or [{}])[0]
    issued = item.get("issued")
    if isinstance(issued, list):  # pandoc's YAML: [{year: ..., month: ...}, ...]
        year = issued[0].get("year") if issued and isinstance(issued[0], dict) else None
    else:
        parts = (issued or {}).get("date-parts") or [[]]
        year = parts[0][0] if parts[0] else None
    return {"title": _norm(item.get("title")), "author": _norm(first.get("family") or first.get("literal")),
            "year": int(year) if year is not None else None,
            "container-title": _norm(item.get("container-title")), "DOI": (item.get("DOI") or "").lower()}


def _compare(cases, particles: bool = False) -> tuple[dict[str, list[int]], set[tuple]]:
    """Match counts per field and the (case, id, field) of each mismatch."""
    stats = {f: [0, 0] for f in ("record", *FIELDS)}
    misses = set()
    for case, text, expected in cases:
        got = {r.id: r for r in read(text, case) if isinstance(r, Record)}
        for item in expected:
            key = str(item.get("id"))
            stats["record"][1] += 1
            if key not in got:
                misses.add((case, key, "record"))
                continue
            stats["record"][0] += 1
            ours, theirs = _ours(got[key], particles), _theirs(item)
            for field in FIELDS:
                if ours[field] or theirs[field]:
                    stats[field][1] += 1
                    if ours[field] == theirs[field]:
                        stats[field][0] += 1
                    else:
                        misses.add((case, key, field))
    return stats, misses


def _rate(stats) -> float:
    return sum(s[0] for s in stats.values()) / sum(s[1] for s in stats.values())


# pandoc-citeproc sentence-cases English titles and turns markup into Markdown: titles are
# compared case-folded with markup and punctuation dropped.
PANDOC_DEVIATIONS = {
    # `options = {doi=false}` tells biblatex not to print the DOI; pandoc drops it, we keep data
    ("options-url-false-doi-false.biblatex", "item1", "DOI"),
    ("options-url-false-doi-false.biblatex", "item2", "DOI"),
}


@needs_corpus
def test_pandoc_citeproc_expected_csl():
    yaml = pytest.importorskip("yaml")
    cases = []
    for path in corpus_files("pandoc-citeproc-biblio2yaml"):
        if path.suffix in (".biblatex", ".bibtex"):
            bib, _, rest = path.read_text().partition("\n---\n")
            cases.append((path.name, bib, yaml.safe_load(rest.split("\n...")[0])["references"]))
    stats, misses = _compare(cases)
    assert stats["record"] == [181, 181]
    assert misses == PANDOC_DEVIATIONS
    assert _rate(stats) > 0.99


CITATION_JS_DEVIATIONS = {
    ("with commands", "b", "title"),  # \href{url}{text}: we keep the text, citation-js the URL
    ("with commands", "e", "title"),  # math stays LaTeX ($\Phi$), citation-js makes Φ
    ("with rich text", "mathcommand", "title"),  # same: $\sp{sup}\sb{sub}$
    ("with nameparts", "e", "author"),  # "A-b C, D": BibTeX reads no von ("A-b" starts upper case)
    ("with string and preamble", "b", "title"),  # undefined macro: we keep its name, citation-js drops it
    ("with crossref", "e", "title"),  # titleaddon joined ("Foo. Bar", as pandoc); citation-js drops it
    ("with different delimiters", "b", "record"),  # @book{b, ... ) is a syntax error: Failed
    ("with escaped and", "b", "author"),  # "A\begin{center} and \end{center}B": an "and" at depth 0
    ("map:biblatex", "renner:single", "title"),  # titleaddon joined, as above
    ("map:biblatex", "renner:chapter", "container-title"),  # booktitleaddon joined
    ("map:biblatex", "sarbanes:act", "title"),  # titleaddon joined
    # @book with maintitle: pandoc's title = maintitle, volume-title = title; citation-js
    # makes maintitle the container
    ("map:biblatex", "gabaldon:book", "title"),
    ("map:biblatex", "gabaldon:book", "container-title"),
}


@needs_corpus
def test_citation_js_expected_csl():
    base = CORPUS / "citation-js-tests" / "plugin-bibtex"
    cases = []
    for name, (given, expected) in json.loads((base / "input.json").read_text())["@biblatex/text"].items():
        text = given if given is not None else (base / "input" / f"{name[5:]}.bib").read_text()
        cases.append((name, text, expected))
    for variant in ("bibtex", "biblatex"):
        cases.append((f"map:{variant}", (base / "mapping" / f"{variant}-input.bib").read_text(),
                      json.loads((base / "mapping" / f"{variant}-csl.json").read_text())))
    stats, misses = _compare(cases)
    assert stats["record"] == [107, 108]
    assert misses == CITATION_JS_DEVIATIONS
    assert _rate(stats) > 0.95


ZOTERO_DEVIATIONS = {
    # Zotero does not follow crossref; we inherit the proceedings' year and title (biblatex)
    ("zotero#2", "author:06", "year"),
    ("zotero#2", "author:06", "container-title"),
    ("zotero#6", "Frit2", "title"),  # math stays LaTeX: DNA$_{\textrm{2}}$
    ("zotero#6", "Frit2", "container-title"),  # $4^{\textrm{ème}}$
    ("zotero#22", "Borissov:2855446", "title"),  # $\Sigma^{0}$
    # unbraced corporate names read as BibTeX reads them: "American Rights [von: at] Work"
    ("zotero#7", "american_rights_at_work_public_2012", "author"),
    ("zotero#17", "example-electronic-string", "author"),  # "Corporation [von: for] Digital Scholarship"
    ("zotero#18", "sweig42", "author"),  # Swe{\\i}g: "\\" is a line break, then "i"
}


@needs_corpus
def test_zotero_bibtex_translator_expected_items():
    cases = []
    containers = ("publicationTitle", "bookTitle", "proceedingsTitle", "websiteTitle",
                  "encyclopediaTitle", "dictionaryTitle", "blogTitle")
    raw_cases = json.loads((CORPUS / "zotero-translator-tests" / "BibTeX.json").read_text())
    for n, case in enumerate(raw_cases):
        expected = []
        for item in case["items"]:
            first = next((c for c in item.get("creators", []) if c.get("creatorType") == "author"), None)
            year = re.search(r"\d{4}", item.get("date", ""))
            doi = item.get("DOI") or next(iter(re.findall(r"^DOI: (\S+)", item.get("extra", ""), re.M)), None)
            expected.append({
                "id": item.get("itemID"), "title": item.get("title"), "DOI": doi,
                "author": [{"family": first.get("lastName")}] if first else None,
                "issued": {"date-parts": [[int(year.group())]]} if year else None,
                "container-title": next((item[k] for k in containers if item.get(k)), None)})
        cases.append((f"zotero#{n}", case["input"], expected))
    stats, misses = _compare(cases, particles=True)  # Zotero keeps "von" in the last name
    assert stats["record"] == [34, 34]
    assert misses == ZOTERO_DEVIATIONS
    assert _rate(stats) > 0.93


def test_doubled_quote_accent_slip_reads_as_umlaut():
    from citex.readers.latex_decode import decode
    assert decode("Geiger, G\\''{u}nter").text == "Geiger, Günter"


def test_extended_names_with_custom_parts_and_options():
    from citex.readers.bibtex_names import parse_name
    assert parse_name("uniquenametemplatename=t5, given={Arthur}, family={Smith}, middle={Smedley}") == \
        Name(family="Smith", given="Arthur Smedley")
