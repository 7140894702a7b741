"""All of ../shared/corpus through the real pipeline: no exception, every record accounted for,
and a CSL-JSON round trip that loses no record.

Files that are not bibliographies (licences, READMEs, CSL processor fixtures, translator
test cases) or are in formats citex does not read yet are listed below with the reason;
every other file must yield records.
"""

import fnmatch

import pytest

import citex
from corpus import CORPUS, needs_corpus

pytestmark = needs_corpus

# Files citex is right to refuse: (glob under the corpus, reason).
NOT_BIBLIOGRAPHIES = [
    ("**/LICENSE*", "licence text"),
    ("**/*.md", "documentation"),
    ("**/README*", "documentation"),
    ("csl-test-suite/**/*.txt", "CSL processor fixtures (MODE/CSL/INPUT/RESULT), not a bibliography"),
    ("jgm-citeproc-tests/**/*.txt", "CSL processor fixtures"),
    ("citeproc-py-tests/**/*.txt", "CSL processor fixtures and a list of test names"),
    ("zotero-translator-tests/*.json", "translator test cases (input strings and expected items)"),
    ("citation-js-tests/core-data.json", "citation.js test cases keyed by test name"),
    ("citation-js-tests/plugin-bibtex/input.json", "citation.js test cases keyed by test name"),
    ("citation-js-tests/plugin-bibtex/output.json", "citation.js test cases keyed by test name"),
    ("biopython-tests/Entrez/pubmed3.html", "an HTML page"),
    ("biopython-tests/Entrez/efetch_pmc.xml", "PMC article XML (JATS), not PubMed XML"),
    ("manubot-csl-json/**/*.py", "code"),
]
UNSUPPORTED = [
    ("jabref-testdata/importer-fileformat/Biblioscape*", "Biblioscape tagged format"),
    ("jabref-testdata/importer-fileformat/Copac*.txt", "Copac format"),
    ("jabref-testdata/importer-fileformat/Inspec*", "Inspec format"),
    ("jabref-testdata/importer-fileformat/Ovid*.txt", "Ovid tagged format"),
    ("jabref-testdata/importer-fileformat/RepecNep*.txt", "RePEc NEP format"),
    ("jabref-testdata/importer-fileformat/refer.*", "refer/BibIX format"),
    ("jabref-testdata/importer-fileformat/Endnote.*", "EndNote tagged (refer) format"),
    ("citation-js-tests/plugin-bibtex/*.txt", "citation.js 'bibtxt' format"),
    ("synthesisr-exports/*.csv", "CSV export"),
    ("synthesisr-exports/*.tsv", "TSV export"),
]


def _listed(path, table):
    rel = str(path.relative_to(CORPUS))
    for pattern, reason in table:
        # fnmatch's * crosses folders, so "a/**/*.txt" is written "a/*.txt" to it.
        if fnmatch.fnmatch(rel, pattern.replace("**/", "*")):
            return reason
    return None


def _files():
    return sorted(p for p in CORPUS.rglob("*") if p.is_file())


def _read(path):
    tally = citex.Tally()
    records = list(citex.load([str(path)], tally=tally))
    return records, tally


@pytest.fixture(scope="module")
def results():
    out = {}
    for path in _files():
        records, tally = _read(path)
        out[path] = (records, tally)
    return out


def test_no_exception_and_every_bibliography_yields_records(results):
    silent = []
    for path, (records, tally) in results.items():
        assert tally.read == len(records) + tally.skipped, path
        if _listed(path, NOT_BIBLIOGRAPHIES) or _listed(path, UNSUPPORTED):
            continue
        # A file that yields nothing is refused by the pipeline (unread) unless it holds
        # only comments, like JabRef's "% Encoding: UTF-8" .bib: an empty bibliography.
        if tally.unread_files:
            silent.append(str(path.relative_to(CORPUS)))
    assert not silent, f"{len(silent)} corpus files could not be read: {silent}"


def test_refused_files_are_refused_with_an_error_not_read_as_garbage(results):
    wrongly_read = [str(p.relative_to(CORPUS)) for p, (records, _) in results.items()
                    if _listed(p, NOT_BIBLIOGRAPHIES) and records]
    assert not wrongly_read, wrongly_read


def test_skipped_records_are_few_and_explained(results):
    total = sum(t.read for _, t in results.values())
    skipped = sum(t.skipped for _, t in results.values())
    print(f"corpus: {len(results)} files, {total} records read, {skipped} skipped")
    assert skipped <= total * 0.01


def test_csljson_round_trip_keeps_every_record(results):
    lost = []
    for path, (records, _) in results.items():
        if not records:
            continue
        text = citex.dumps(records, "csljson")
        back = list(citex.loads(text, "csljson", path=f"{path}.json"))
        if len(back) != len(records):
            lost.append((str(path.relative_to(CORPUS)), len(records), len(back)))
            continue
        for a, b in zip(records, back):
            for name in ("title", "container-title", "DOI", "volume", "page"):
                if a.get(name) != b.get(name):
                    lost.append((str(path.relative_to(CORPUS)), a.id, name))
    assert not lost, lost[:20]
