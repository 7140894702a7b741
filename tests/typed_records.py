"""Records for the writer tests: one of every CSL type, with the text that is hard to write.

Each record has the fields its type usually has, names with particles,
suffixes and organisations, titles in sentence case and Title Case with
acronyms, gene names and formulas, CSL rich text and math, and non-ASCII text
(Latin, Vietnamese, Greek). ``CORPUS_ITEMS`` are real CSL-JSON items (Crossref,
DataCite, PubMed, PMC, arXiv exports) from the shared corpus, when it is there.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

from citex.model import Date, Name, Record
from corpus import corpus_files

PEOPLE = [Name("Gómez", "Ana"), Name("Berg", "Jan", non_dropping_particle="van der"),
          Name("King", "Martin L", suffix="Jr"), Name("Nguyễn", "Văn A")]
WHO = [Name(literal="World Health Organization")]
TITLES = [
    "Sleep and memory in Parkinson's disease: a Bayesian analysis of COVID-19 cohorts in Berlin",
    "The BNT162b2 mRNA Vaccine and the iPhone: Lessons for Public Health",
    "Effects of <i>Escherichia coli</i> on CO<sub>2</sub> uptake at 10<sup>3</sup> K",
    "A <span class=\"nocase\">pH</span>-dependent model with $\\alpha_2 = 0.5$ and 50% & #1 savings",
    "Gaussian processes for <span style=\"font-variant:small-caps;\">Alzheimer</span> research in Zürich",
    "Résumé of Dvořák's work on Łódź, Ærøskøbing and Ştefan's β-lactamase",
]
# CSL type -> its usual fields, besides author, title and date.
FIELDS = {
    "article-journal": {"container-title": "Journal of Things", "volume": "12", "issue": "3",
                        "page": "101-109", "DOI": "10.1000/j.x_1", "PMID": "33708679",
                        "PMCID": "PMC7934898", "ISSN": "0028-0836"},
    "book": {"publisher": "Søren & Sons", "publisher-place": "København", "edition": "2",
             "ISBN": "978-0-00-000000-2", "collection-title": "Lecture Notes", "collection-number": "7"},
    "chapter": {"container-title": "The Big Book", "publisher": "Straße Verlag", "page": "3–9",
                "editor": [Name("Łukasz", "Ewa")], "publisher-place": "Berlin"},
    "paper-conference": {"container-title": "Proceedings of Things", "publisher": "ACM",
                         "event-title": "Things 2021", "event-place": "Montréal", "page": "1-10"},
    "thesis": {"publisher": "Université de Montréal", "genre": "PhD thesis", "publisher-place": "Montréal"},
    "report": {"publisher": "WHO", "number": "7", "genre": "Technical report", "publisher-place": "Geneva"},
    "webpage": {"container-title": "Example site", "URL": "https://x.org/~a_b?q=1%20&r=[2]",
                "accessed": Date([[2023, 5, 1]])},
    "dataset": {"publisher": "Zenodo", "version": "1.2", "DOI": "10.5281/zenodo.1"},
    "software": {"publisher": "GitHub", "version": "3.0.1", "URL": "https://github.com/x/y"},
}


def every_type(types: list[str]) -> list[Record]:
    """One record of each CSL type in ``types``, cycling through the hard titles and names."""
    out = []
    for n, csl_type in enumerate(types):
        fields = {"author": WHO if n % 7 == 3 else PEOPLE[: 1 + n % 4], "title": TITLES[n % len(TITLES)],
                  "issued": Date([[2000 + n, 1 + n % 12, 1 + n % 28]][: 1] if n % 3 else [[2000 + n]]),
                  **FIELDS.get(csl_type, {"publisher": "Some Publisher", "URL": f"https://example.org/{n}"})}
        out.append(Record(type=csl_type, fields=fields, id=f"type-{csl_type}"))
    out.append(Record(type="thesis", id="masters", fields={
        "author": PEOPLE[:1], "title": "On DNA", "genre": "Master's thesis", "publisher": "MIT",
        "issued": Date([[2019]])}))
    out.append(Record(type="article-journal", id="range", fields={
        "author": PEOPLE, "title": "Seasons and ranges", "container-title": "J", "volume": "1",
        "issued": Date([[2019, 12], [2020, 2]]), "language": "de-DE", "status": "in press"}))
    truncated = Record(type="article-journal", id="etal", fields={
        "author": PEOPLE[:2], "title": "Cut short", "container-title": "J", "volume": "2",
        "issued": Date([[2018]])})
    truncated.truncated.add("author")
    return out + [truncated]


def corpus_items() -> list[Record]:
    """Real CSL-JSON items (manubot's pruned exports), as records."""
    out = []
    for path in corpus_files("manubot-csl-json/csl-json", "pruned.json"):
        for data in json.loads(path.read_text()):
            out.append(Record.from_csl(data))
    return out


# Records for round trips: the fields every .bib type carries, with LaTeX specials and accents.
# LaTeX reads '' and -- as typographic quotes and dashes (ligatures): that is what they mean
# in a .bib, so the round trip gives ” and –, and the generated text has neither.
TEXT = st.text(st.sampled_from(list("abcxyzABCXYZ019 .,:;()-'&%#_~^éüøßÅçñŁ")), min_size=1, max_size=30) \
    .map(lambda s: " ".join(s.split())).filter(lambda s: s and "''" not in s and "--" not in s)
WORD = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéüøñ")), min_size=1, max_size=8)
NAME = st.builds(lambda f, g, p, s: Name(f.capitalize(), g.capitalize(), non_dropping_particle=p, suffix=s),
                 WORD, WORD, st.sampled_from([None, "van der", "de"]), st.sampled_from([None, "Jr"]))
RECORD = st.builds(
    lambda t, title, names, container, publisher, year, month, volume, page, doi: Record(
        type=t, fields={k: v for k, v in {
            "title": title, "author": names, "publisher": publisher,
            "container-title": container if t in ("article-journal", "chapter", "paper-conference") else None,
            "issued": Date([[year, month]] if month else [[year]]), "volume": volume, "page": page,
            "DOI": doi}.items() if v}),
    st.sampled_from(["article-journal", "book", "chapter", "paper-conference", "report"]),
    TEXT, st.lists(NAME, min_size=1, max_size=3), TEXT, TEXT, st.integers(1800, 2100),
    st.sampled_from([None, 1, 6, 12]), st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True),
    st.sampled_from([None, "1-9", "e1234", "101-199"]), st.sampled_from([None, "10.1000/a_b%c"]))




def assert_read_back(record: Record, back: Record, lost: tuple[str, ...] = ()) -> None:
    """``back`` (a written ``record`` read again) has the record's type and fields.

    Titles come back with the words braced for their capitals marked nocase, names
    compare by their parts, dates by their parts; ``lost`` fields come back empty.
    """
    from citex.latex import strip_markup

    assert back.type == record.type
    for name, value in record.fields.items():
        got = back.get(name)
        if name in lost:
            assert got is None, name
        elif name == "title":
            assert strip_markup(got) == value
        elif name == "author":
            assert [n.to_csl() for n in got] == [n.to_csl() for n in value]
        elif isinstance(value, Date):
            assert got.parts == value.parts, name
        else:
            assert got == value, name
