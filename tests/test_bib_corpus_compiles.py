"""All of ../shared/corpus written as .bib and run through real BibTeX and Biber (see bib_engines.py).

Every folder's records go through `citex convert --to bibtex` and BibTeX with plain,
unsrt and plainnat (natbib's author-year style), and through `--to biblatex` and
Biber with biblatex's authoryear style. No error and no warning is allowed but those
of the kinds below, each with its reason and a test that the warned entry is one the
reason is about; and their numbers per engine, folder and kind must be exactly those
of bib_compile_allowed.txt, so that a new warning and a fixed one both fail the test
(the failure prints the lines to put there). pdflatex must typeset each folder's plain
bibliography except characters no T1 font has (CJK, a few modifier letters).
"""

import re
from collections import Counter
from pathlib import Path

import pytest

import bib_engines as engines
from citex.latex import escape
from corpus import needs_corpus

pytestmark = [needs_corpus, pytest.mark.skipif(not engines.available(), reason="TeX Live or Biber is not installed")]
ALLOWED = Path(__file__).resolve().parent / "bib_compile_allowed.txt"

# plainnat labels the entries that share an author and year 2020a, 2020b ... with letters
# counted up from "a": past the 31st it runs out of ASCII and BibTeX says so, an error
# for each further entry (int.to.chr$). The corpus has test files that repeat one author
# and year (or one title, without either) 39 to 63 times; a real bibliography never does.
SUFFIXES = 31


def _no_year(run, key, message):
    return "year" not in run.entries[key][1]


def _label_overflow(run, key, message):
    labels = _labels(run.bbl)
    return Counter(labels.values())[labels.get(key)] > SUFFIXES


def _isbn_as_written(run, key, message):
    """The entry has the ISBN its input gave, and it is not a valid ISBN-10 or ISBN-13."""
    isbn = re.search(r"ISBN '([^']*)'", message)[1]
    digits = [10 if c in "Xx" else int(c) for c in re.sub(r"[^\dXx]", "", isbn)]
    valid = (len(digits) == 10 and sum((10 - i) * d for i, d in enumerate(digits)) % 11 == 0) or \
        (len(digits) == 13 and sum((3 if i % 2 else 1) * d for i, d in enumerate(digits)) % 10 == 0)
    return run.entries[key][1].get("isbn", "").strip("{}") == isbn and not valid


# kind: (message pattern, engine, why it remains, which entries it may be about)
KINDS = {
    "empty year": (r"^empty year$", "bibtex plainnat",
                   "a record with no date: plainnat's format.date warns for every entry without "
                   "a year, and citex does not invent one", _no_year),
    "label overflow": (r"^\d+ isn't valid ASCII$", "bibtex plainnat",
                       "more than 31 entries share one plainnat label (same authors and year): its "
                       "a, b, c... suffixes run out of ASCII; only test files do that", _label_overflow),
    "invalid ISBN": (r"^ISBN '[^']*' in entry '[^']*' is invalid", "biber authoryear",
                     "an ISBN with a wrong length or check digit (xampl.bib's nine digits, a "
                     "Zotero test's typo): citex keeps the input's ISBN as written", _isbn_as_written),
}


def _labels(bbl):
    """key -> plainnat label: the short author list and the year (``Li(2009``), without a/b/c."""
    return {key: " ".join(re.match(r"(.*?)(?:\{\\natexlab\{|\)|$)", label, re.S)[1].split())
            for label, key in re.findall(r"^\\bibitem\[(.*?)\]\{([^}\n]*)\}$", bbl, re.M | re.S)}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = engines.run_all(tmp_path_factory.mktemp("bib-engines"))
    print("\n" + engines.table(out))
    return out


def _kind(engine, message):
    return next((k for k, (pattern, e, _, _) in KINDS.items() if e == engine and re.search(pattern, message)), None)


def allowed() -> Counter:
    """(engine, folder, kind) -> count, from bib_compile_allowed.txt."""
    out = Counter()
    for line in ALLOWED.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            engine, folder, count, kind = re.match(r"^(\S+ \S+)\s+(\S+)\s+(\d+)\s+(.+?)\s*$", line).groups()
            out[engine, folder, kind] = int(count)
    return out


def _found(results, engine):
    found, unexplained = Counter(), []
    for (folder, e), run in results.items():
        if e != engine:
            continue
        for message, key in run.warnings + run.errors:
            kind = _kind(engine, message)
            if kind and key in run.entries and KINDS[kind][3](run, key, message):
                found[engine, folder, kind] += 1
            else:
                unexplained.append((folder, key, message))
    return found, unexplained


@pytest.mark.parametrize("engine", [f"bibtex {s}" for s in engines.STYLES] + ["biber authoryear"])
def test_no_error_or_warning_but_the_allowed_ones(results, engine):
    found, unexplained = _found(results, engine)
    assert not unexplained, unexplained[:20]
    expected = Counter({k: n for k, n in allowed().items() if k[0] == engine})
    assert found == expected, "bib_compile_allowed.txt should say:\n" + "\n".join(
        f"{e:<18} {f:<28} {n:>4}  {k}" for (e, f, k), n in sorted(found.items()))


@pytest.mark.parametrize("engine", [f"bibtex {s}" for s in engines.STYLES] + ["biber authoryear"])
def test_every_entry_reaches_the_bibliography(results, engine):
    for (folder, e), run in results.items():
        if e == engine:
            assert run.printed == len(run.entries), (folder, run.printed, len(run.entries))


def test_every_folder_is_written(results):
    """Each folder gives records to both writers (the test would pass vacuously otherwise)."""
    empty = [f for (f, e), run in results.items() if not run.entries]
    assert not empty, empty


def test_pdflatex_typesets_everything_t1_can_hold(results):
    encodable, other = set(), []
    for (folder, engine), run in results.items():
        if engine != "bibtex plain":
            continue
        log = (run.folder / "doc.log").read_text(errors="replace")
        errors = re.findall(r"^! (.*)$", log, re.M)
        missing = {chr(int(m, 16)) for err in errors for m in re.findall(r"Unicode character .*?\(U\+([0-9A-F]+)\)", err)}
        other += [(folder, err) for err in errors if not err.startswith("LaTeX Error: Unicode character")]
        # Allowed only where no LaTeX text command exists, so citex had to keep the character
        # itself (CJK, modifier letters): those need xelatex/lualatex or extra packages.
        encodable |= {c for c in missing if escape(c) != c}
    assert not other, other[:10]
    assert not encodable, sorted(encodable)


def test_the_allowed_kinds_are_explained():
    kinds = {k for _, _, k in allowed()}
    assert kinds <= set(KINDS), kinds - set(KINDS)
