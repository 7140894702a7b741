"""How citex's time grows with pathological inputs: it must grow linearly.

Two modes:

``python benchmarks/hostile_scaling.py``
    times the named pathological inputs (unbalanced braces, deep nesting, a huge
    field, many authors, one long line, ...) at growing sizes through the whole
    pipeline (read, repair, every text writer) and prints seconds per size and the
    ratio of the last two sizes (about 4 for linear growth at 4x the size).

``python benchmarks/hostile_scaling.py --probe``
    the regex-bait search: every field of a realistic record of every format is
    filled with n and 4n repeats of each bait unit (the pieces that make regexes
    backtrack: ``a-``, ``. ``, ``(``, ``{``, ``1 ``...), and every case whose time
    grows more than 8x for 4x the input, or that does not finish, is printed.

Each measurement runs in a child process that is killed after ``--timeout`` seconds,
so a hang is reported, not suffered.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import sys
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WRITERS = ("bibtex", "biblatex", "ris", "csljson", "cslyaml")

# --- one realistic record of every format, with named slots --------------------------------

TEMPLATES: dict[str, tuple[str, dict[str, str]]] = {
    "ris": ("TY  - JOUR\nAU  - <<author>>\nTI  - <<title>>\nT2  - <<journal>>\nPY  - <<year>>\n"
            "DA  - <<date>>\nSP  - <<pages>>\nEP  - 15\nVL  - <<volume>>\nIS  - 2\nDO  - <<doi>>\n"
            "UR  - <<url>>\nAB  - <<abstract>>\nAN  - <<pmid>>\nKW  - <<keyword>>\nER  - \n",
            {}),
    "medline": ("PMID- <<pmid>>\nDP  - <<date>>\nTI  - <<title>>\nPG  - <<pages>>\nLID - <<doi>> [doi]\n"
                "AB  - <<abstract>>\nFAU - <<author>>\nAU  - Smith J\nJT  - <<journal>>\nTA  - J Test\n"
                "VI  - <<volume>>\nIP  - 2\nAID - <<doi>> [doi]\nPT  - Journal Article\nSO  - <<source>>\n", {}),
    "wos": ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU <<author>>\nAF <<author>>\nTI <<title>>\n"
            "SO <<journal>>\nPY <<year>>\nPD <<date>>\nVL <<volume>>\nIS 2\nBP <<pages>>\nEP 15\nDI <<doi>>\n"
            "AB <<abstract>>\nUT WOS:000\nER\nEF\n", {}),
    "pubmed-text": ("PMID: <<pmid>>\nTitle: <<title>>\n\nCitation: <<author>>. <<title>>. <<journal>>. "
                    "<<date>>;<<volume>>(2):<<pages>>. doi: <<doi>>. <<source>>\n", {}),
    "bibtex": ("@article{<<key>>,\n  author = {<<author>>},\n  title = {<<title>>},\n  journal = {<<journal>>},\n"
               "  year = {<<year>>},\n  month = {<<month>>},\n  date = {<<date>>},\n  pages = {<<pages>>},\n"
               "  doi = {<<doi>>},\n  url = {<<url>>},\n  note = \"<<abstract>>\",\n  keywords = <<keyword>>\n}\n",
               {"key": "k", "month": "jan", "keyword": "kw"}),
    "csljson": ('[{"id": "<<key>>", "type": "article-journal", "author": [{"family": "<<author>>", "given": "J"}],'
                ' "title": "<<title>>", "container-title": "<<journal>>", "issued": {"date-parts": [["<<year>>"]],'
                ' "raw": "<<date>>"}, "page": "<<pages>>", "DOI": "<<doi>>", "URL": "<<url>>",'
                ' "abstract": "<<abstract>>", "volume": "<<volume>>", "PMID": "<<pmid>>"}]\n',
                {"key": "k"}),
    "cslyaml": ('references:\n- id: "<<key>>"\n  type: article-journal\n  author:\n  - family: "<<author>>"\n'
                '    given: J\n  title: "<<title>>"\n  container-title: "<<journal>>"\n  issued: "<<date>>"\n'
                '  page: "<<pages>>"\n  DOI: "<<doi>>"\n  URL: "<<url>>"\n  abstract: "<<abstract>>"\n', {"key": "k"}),
    "pubmed-xml": ("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID><<pmid>></PMID><Article><Journal>"
                   "<JournalIssue><Volume><<volume>></Volume><PubDate><MedlineDate><<date>></MedlineDate></PubDate>"
                   "</JournalIssue><Title><<journal>></Title></Journal><ArticleTitle><<title>></ArticleTitle>"
                   "<Pagination><MedlinePgn><<pages>></MedlinePgn></Pagination><ELocationID EIdType=\"doi\">"
                   "<<doi>></ELocationID><Abstract><AbstractText><<abstract>></AbstractText></Abstract>"
                   "<AuthorList><Author><LastName><<author>></LastName><ForeName>J</ForeName></Author>"
                   "</AuthorList></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n", {}),
    "endnote-xml": ("<xml><records><record><ref-type name=\"Journal Article\">17</ref-type><contributors><authors>"
                    "<author><<author>></author></authors></contributors><titles><title><<title>></title>"
                    "<secondary-title><<journal>></secondary-title></titles><pages><<pages>></pages>"
                    "<volume><<volume>></volume><dates><year><<year>></year><pub-dates><date><<date>></date>"
                    "</pub-dates></dates><electronic-resource-num><<doi>></electronic-resource-num>"
                    "<abstract><<abstract>></abstract><urls><related-urls><url><<url>></url></related-urls></urls>"
                    "</record></records></xml>\n", {}),
}
DEFAULTS = {"author": "Smith, John", "title": "A title of the article", "journal": "J Test", "year": "2020",
            "date": "2020 May 12", "pages": "12-15", "volume": "3", "doi": "10.1000/xyz",
            "url": "https://example.org/x", "abstract": "An abstract.", "pmid": "12345", "keyword": "kw",
            "source": "", "key": "k", "month": "jan"}
QUOTE: dict[str, Callable[[str], str]] = {
    "csljson": lambda s: json.dumps(s)[1:-1], "cslyaml": lambda s: json.dumps(s)[1:-1],
    "pubmed-xml": escape, "endnote-xml": escape,
}
BAIT = ["a-", "a ", " ", ".", ". ", "a. ", "A. ", "A.", "Aa. ", "(", ")", "(a", "{", "}", "{a", "\\", "\\a", "\\'{",
        "$", "$a", "a,", ", ", ";", "; ", ":", ": ", "1 ", "1", "1-", "1.", "1/", "12 ", "a.a.", "<i>", "<i", "&",
        "&amp;", "et al ", "and ", " and", "-", "--", "/", "%", "%2", "Ã©", "é", "\t", "\n", "\n ", '"', "'",
        "a'", "*", "_", "^", "~", "http://", "doi:", "10.1/", "X", "Jan ", "2020 ", "@", "#", "[", "]", "[a",
        "<", "a<", "-1", "Smith J, ", "Smith, J and ", "a b. ", "https://doi.org/", "<b>a", "''", "``",
        "U.S. ", "vs. ", "e.g. ", "[doi] ", ". 2020;", "Epub ", "PMID: ", "0", "x\\", "\u2028", "\ufeff"]


def fill(fmt: str, slot: str | None, text: str) -> str:
    template, extra = TEMPLATES[fmt]
    quote = QUOTE.get(fmt, lambda s: s)
    values = {**DEFAULTS, **extra}
    out = template
    for name, default in values.items():
        out = out.replace(f"<<{name}>>", quote(text) if name == slot else default)
    return out


def slots(fmt: str) -> list[str]:
    template = TEMPLATES[fmt][0]
    return sorted({name for name in DEFAULTS if f"<<{name}>>" in template})


# --- the named pathological inputs ---------------------------------------------------------

def _authors(n: int) -> str:
    return " and ".join(f"Family{i}, G" for i in range(n))


def _crossref_chain(entries: int, parents_first: bool) -> str:
    """Each entry's crossref names the next; the last is a book the whole chain inherits from."""
    chain = [f"@inbook{{e{i}, title = {{Part}}, crossref = {{e{i + 1}}}}}\n" for i in range(entries)]
    chain.append(f"@book{{e{entries}, title = {{Book}}, publisher = {{Press}}}}\n")
    return "".join(reversed(chain) if parents_first else chain)


NAMED: dict[str, tuple[str, Callable[[int], str]]] = {
    # name: (format, size -> text); size is roughly the input length in characters
    "bibtex unbalanced braces": ("bibtex", lambda n: "@article{k,\n  title = {" + "{" * n + "\n}\n"),
    "bibtex braces nested n/2 deep": ("bibtex", lambda n: "@article{k, title = " + "{" * (n // 2) + "x"
                                      + "}" * (n // 2) + "}\n"),
    "bibtex huge field": ("bibtex", lambda n: "@article{k, title = {" + "word " * (n // 5) + "}}\n"),
    "bibtex many authors": ("bibtex", lambda n: "@article{k, author = {" + _authors(n // 16) + "}}\n"),
    "bibtex one line, no newline": ("bibtex", lambda n: "@article{k, note = {" + "a" * n + "}}"),
    "bibtex crossref chain, children first": ("bibtex", lambda n: _crossref_chain(n // 50, False)),
    "bibtex crossref chain, parents first": ("bibtex", lambda n: _crossref_chain(n // 50, True)),
    "ris huge field": ("ris", lambda n: "TY  - JOUR\nTI  - " + "word " * (n // 5) + "\nER  - \n"),
    "ris many authors": ("ris", lambda n: "TY  - JOUR\n" + "AU  - Family, G\n" * (n // 16) + "ER  - \n"),
    "ris one line, no newline": ("ris", lambda n: "TY  - JOUR\nAB  - " + "a" * n),
    "medline huge field": ("medline", lambda n: "PMID- 1\nTI  - " + "word " * (n // 5) + "\n"),
    "medline many authors": ("medline", lambda n: "PMID- 1\n" + "FAU - Family, Given\nAU  - Family G\n" * (n // 40)),
    "wos many authors": ("wos", lambda n: "PT J\nAU Family, G\n" + "   Family, G\n" * (n // 14) + "ER\n"),
    "pubmed-text long citation": ("pubmed-text", lambda n: "PMID: 1\nTitle: T.\n\nCitation: "
                                  + "Smith J, " * (n // 9) + "et al. T. J Test. 2020;1:1-2.\n"),
    "pubmed-text citation of periods": ("pubmed-text", lambda n: "PMID: 1\nTitle: T.\n\nCitation: " + "a. " * (n // 3)),
    "csljson huge field": ("csljson", lambda n: '[{"id": "k", "title": "' + "word " * (n // 5) + '"}]'),
    "csljson many authors": ("csljson", lambda n: '[{"id": "k", "author": ['
                             + ", ".join(['{"family": "F", "given": "G"}'] * (n // 30)) + "]}]"),
    "csljson nested n/2 deep": ("csljson", lambda n: '[{"id": "k", "note": ' + "[" * (n // 2) + "]" * (n // 2) + "}]"),
    "cslyaml many authors": ("cslyaml", lambda n: "references:\n- id: k\n  author:\n"
                             + "  - family: F\n    given: G\n" * (n // 28)),
    "pubmed-xml huge field": ("pubmed-xml", lambda n: fill("pubmed-xml", "abstract", "word " * (n // 5))),
    "pubmed-xml nested n/7 deep": ("pubmed-xml", lambda n: fill("pubmed-xml", None, "").replace(
        "<ArticleTitle>", "<ArticleTitle>" + "<i>" * (n // 7) + "</i>" * (n // 7))),
    "endnote-xml huge field": ("endnote-xml", lambda n: fill("endnote-xml", "abstract", "word " * (n // 5))),
}


# --- measuring in a child that can be killed -----------------------------------------------

def run_pipeline(fmt: str, text: str) -> None:
    from citex.errors import CitexError
    from citex.pipeline import Tally, dump, loads, repair

    for to in WRITERS:
        try:
            dump(repair(loads(text, fmt, "bench", Tally())), io.StringIO(), to)
        except CitexError:
            pass


def _child(conn, fmt: str, text: str) -> None:
    start = time.perf_counter()
    try:
        run_pipeline(fmt, text)
        conn.send(time.perf_counter() - start)
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        conn.send(f"{type(exc).__name__}: {exc}"[:200])


def measure(fmt: str, text: str, timeout: float) -> float | str:
    """Seconds the whole pipeline takes on ``text``, 'timeout', or the exception it raised."""
    parent, child = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.get_context("fork").Process(target=_child, args=(child, fmt, text))
    proc.start()
    if parent.poll(timeout):
        result = parent.recv()
    else:
        result = "timeout"
    proc.kill()
    proc.join()
    return result


def named_table(sizes: list[int], timeout: float) -> None:
    print(f"{'input':<36}" + "".join(f"{n:>11,}" for n in sizes) + "   last ratio")
    for name, (fmt, make) in NAMED.items():
        cells, times = [], []
        for n in sizes:
            t = measure(fmt, make(n), timeout)
            cells.append(f"{t:>10.3f}s" if isinstance(t, float) else f"{str(t)[:10]:>11}")
            times.append(t)
            if not isinstance(t, float):
                break
        ratio = (times[-1] / max(times[-2], 1e-4)) if len(times) >= 2 and all(
            isinstance(t, float) for t in times[-2:]) else float("nan")
        print(f"{name:<36}" + "".join(cells) + " " * 11 * (len(sizes) - len(cells)) + f"   {ratio:6.1f}", flush=True)


def probe(repeats: int, timeout: float, formats: list[str]) -> int:
    """Every (format, slot, bait) at n and 4n repeats; print the super-linear ones. Returns how many."""
    bad = 0
    for fmt in formats:
        for slot in slots(fmt):
            for unit in BAIT:
                small = measure(fmt, fill(fmt, slot, unit * repeats), timeout)
                big = measure(fmt, fill(fmt, slot, unit * repeats * 4), timeout) if isinstance(small, float) else small
                if not isinstance(big, float):
                    print(f"{fmt:<12} {slot:<9} {unit!r:<16} {small} / {big}", flush=True)
                    bad += 1
                elif big > 0.05 and big / max(small, 1e-3) > 8:
                    print(f"{fmt:<12} {slot:<9} {unit!r:<16} {small:.3f}s -> {big:.3f}s "
                          f"(x{big / max(small, 1e-3):.0f} for x4)", flush=True)
                    bad += 1
        print(f"-- {fmt} probed", flush=True)
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--probe", action="store_true", help="search every field and bait unit for super-linear time")
    ap.add_argument("--repeats", type=int, default=2000, help="bait repeats in the small probe input (default 2000)")
    ap.add_argument("--sizes", default="10000,40000,160000,640000",
                    help="input sizes in characters for the named inputs")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a measurement counts as a hang")
    ap.add_argument("--formats", default=",".join(TEMPLATES), help="formats to probe")
    args = ap.parse_args()
    run_pipeline("ris", fill("ris", None, ""))  # import everything once: each child is a fork of this
    if args.probe:
        return 1 if probe(args.repeats, args.timeout, args.formats.split(",")) else 0
    named_table([int(s) for s in args.sizes.split(",")], args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
