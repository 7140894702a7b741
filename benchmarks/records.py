"""Realistic CSL-JSON records, generated from a seed, for benchmarks that format or convert them.

``generate(n, seed)`` returns ``n`` CSL-JSON items (dicts with ``id`` and ``type``) of
the kinds a real reference list holds: journal articles (about half), books,
chapters, conference papers, theses, reports and web pages. The names carry what
engines get wrong: diacritics from many languages, particles ("van der", "de la"),
suffixes, hyphenated and initial-only given names, group authors, and author lists
of 1 to 30 (mostly short, a long tail). Fields go missing the way they do in
exports: no issue, no pages, no DOI, no date, no author. The same seed gives the
same records on every machine (only ``random.Random`` is used).
"""

from __future__ import annotations

import random
from typing import Any

FAMILIES = [
    "Smith", "Johnson", "Müller", "García", "Nguyễn", "Kowalski", "Żółkiewski", "Öztürk",
    "Šimůnek", "Dvořák", "Çelik", "Ødegaard", "Ångström", "Björk", "Łukasiewicz", "Ferreira",
    "O'Brien", "McDonald", "García-López", "Rossi", "Tanaka", "Kim", "Lee", "Chen", "Wang",
    "Papadopoulos", "Ivanova", "Schröder", "Lefèvre", "Núñez", "Ştefănescu", "Håkansson",
    "Brown", "Adams", "Patel", "Singh", "Okafor", "Mbeki", "Cohen", "Zhang", "Abramović",
    "Élie", "Ünal", "Jørgensen", "Ruiz", "Hernández", "Thompson", "Wilson", "Yılmaz", "Ahmed",
]
GIVENS = [
    "John", "Maria", "Jean-Pierre", "José", "Anna", "Thị Hoa", "Łukasz", "Zoë", "Søren", "Ülkü",
    "Chloé", "Mihir", "Kim", "J. R.", "A.", "Michael J.", "Xiaoming", "Ingrid", "Émile", "Václav",
    "Olúwásẹ̀un", "Ana María", "Hans-Georg", "Ahmet", "Sarah", "David", "Priya", "Wei", "Fatima",
    "Renée", "Björn", "Ewa", "Ştefan", "Giulia", "Kenji", "Mary-Kate", "Tomás", "Li", "Omar", "Ida",
]
# (non-dropping particle, dropping particle, family)
PARTICLED = [
    ("van der", None, "Berg"), ("van", None, "Dijk"), ("de", None, "Souza"), ("de la", None, "Cruz"),
    ("van den", None, "Broek"), ("di", None, "Marco"), ("le", None, "Roux"), ("da", None, "Silva"),
    (None, "von", "Humboldt"), (None, "van", "Beethoven"), (None, "de", "Gaulle"), ("ten", None, "Have"),
]
SUFFIXES = ["Jr.", "Jr", "Sr.", "III", "II"]
GROUPS = [
    "World Health Organization", "COVID-19 Genomics UK (COG-UK) Consortium",
    "American Diabetes Association", "National Institute for Health and Care Excellence",
    "GBD 2019 Diseases and Injuries Collaborators", "Cochrane Collaboration",
    "Deutsche Gesellschaft für Kardiologie", "Agence nationale de sécurité du médicament",
]
JOURNALS = [
    "The Lancet", "Nature", "BMJ", "JAMA", "The New England Journal of Medicine", "PLOS ONE",
    "Journal of Clinical Oncology", "Nature Medicine", "Asian Journal of Neurosurgery",
    "Revista Española de Cardiología", "Zeitschrift für Naturforschung C",
    "Journal of the American Chemical Society", "Physical Review Letters", "Cell",
    "Annals of Internal Medicine", "Scandinavian Journal of Public Health", "Acta Médica Portuguesa",
    "IEEE Transactions on Pattern Analysis and Machine Intelligence", "Psychological Science",
]
JOURNAL_ABBR = {"The New England Journal of Medicine": "N Engl J Med", "Journal of Clinical Oncology": "J Clin Oncol",
                "Nature Medicine": "Nat Med", "Annals of Internal Medicine": "Ann Intern Med"}
PUBLISHERS = [("Springer", "Berlin"), ("Oxford University Press", "Oxford"), ("Elsevier", "Amsterdam"),
              ("Wiley-Blackwell", "Hoboken, NJ"), ("Cambridge University Press", "Cambridge"),
              ("Presses universitaires de France", "Paris"), ("Gyldendal", "København"),
              ("MIT Press", "Cambridge, MA"), ("Thieme", "Stuttgart"), ("Routledge", "London")]
UNIVERSITIES = ["Université de Montréal", "University of Oxford", "Karolinska Institutet",
                "Universität Zürich", "Massachusetts Institute of Technology", "Uniwersytet Jagielloński"]
INSTITUTIONS = ["World Health Organization", "RAND Corporation", "National Bureau of Economic Research",
                "Office for National Statistics", "Institut national de la santé et de la recherche médicale"]
SITES = ["BBC News", "Wikipedia", "Centers for Disease Control and Prevention", "GitHub", "Le Monde"]
TOPICS = ["sepsis", "type 2 diabetes", "COVID-19", "deep learning", "Alzheimer's disease", "β-lactamase resistance",
          "spine sarcoma", "air pollution", "mRNA vaccines", "graph neural networks", "Crohn's disease",
          "the Øresund region", "CRISPR-Cas9 editing", "heart failure", "São Paulo's favelas"]
OPENINGS = ["Effects of", "A randomised trial of", "Long-term outcomes of", "Management of",
            "Machine learning for", "Risk factors for", "A systematic review of", "Cost-effectiveness of",
            "Mechanisms of", "Global burden of"]
SETTINGS = ["in older adults", "in children", "across Europe", "in low-income countries",
            "after surgery", "in primary care", "during pregnancy", "in the United States"]
SUBTITLES = ["a case report", "a cohort study", "a meta-analysis", "lessons from Zürich",
             "evidence from 12 countries", "the HOPE-3 trial"]
BOOK_TITLES = ["Clinical Reasoning", "Principles of Epidemiology", "Statistical Learning",
               "The Oxford Handbook of Public Health", "Introduction to Algorithms", "Pathologie générale",
               "Handbook of Diabetes", "Molecular Biology of the Cell", "Écrits sur la médecine"]


def generate(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """``n`` CSL-JSON items with ids ``item-0``, ``item-1``, ...; the same for the same seed."""
    rng = random.Random(seed)
    makers = [(_article, 45), (_book, 10), (_chapter, 12), (_conference, 12),
              (_thesis, 6), (_report, 7), (_webpage, 8)]
    kinds, weights = zip(*makers)
    items = []
    for i in range(n):
        item = rng.choices(kinds, weights)[0](rng)
        items.append({"id": f"item-{i}", **item})
    return items


def _name(rng: random.Random) -> dict[str, str]:
    roll = rng.random()
    if roll < 0.08:
        nd, d, family = rng.choice(PARTICLED)
        name = {"family": family, "given": rng.choice(GIVENS)}
        if nd:
            name["non-dropping-particle"] = nd
        if d:
            name["dropping-particle"] = d
        return name
    name = {"family": rng.choice(FAMILIES), "given": rng.choice(GIVENS)}
    if roll > 0.97:
        name["suffix"] = rng.choice(SUFFIXES)
    return name


def _author_count(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 0.25:
        return 1
    if roll < 0.85:
        return rng.randint(2, 6)
    if roll < 0.95:
        return rng.randint(7, 12)
    return rng.randint(13, 30)


def _authors(rng: random.Random) -> list[dict[str, str]]:
    names = [_name(rng) for _ in range(_author_count(rng))]
    if rng.random() < 0.06:  # a group author alone, or closing a list of people
        group = {"literal": rng.choice(GROUPS)}
        names = [group] if rng.random() < 0.6 else names + [group]
    return names


def _issued(rng: random.Random, parts: int | None = None) -> dict[str, Any]:
    year = rng.randint(1968, 2025)
    parts = parts or rng.choices([1, 2, 3], [55, 20, 25])[0]
    date = [year, rng.randint(1, 12), rng.randint(1, 28)][:parts]
    return {"date-parts": [date]}


def _article_title(rng: random.Random) -> str:
    title = f"{rng.choice(OPENINGS)} {rng.choice(TOPICS)} {rng.choice(SETTINGS)}"
    roll = rng.random()
    if roll < 0.3:
        title += f": {rng.choice(SUBTITLES)}"
    elif roll < 0.37:
        title = f"Does {rng.choice(TOPICS)} matter {rng.choice(SETTINGS)}?"
    return title


def _pages(rng: random.Random) -> str:
    start = rng.randint(1, 2400)
    roll = rng.random()
    if roll < 0.08:
        return f"e{rng.randint(1000, 99999)}"
    if roll < 0.14:
        return str(start)
    return f"{start}-{start + rng.randint(1, 25)}"


def _doi(rng: random.Random) -> str:
    return f"10.{rng.randint(1000, 9999)}/{rng.choice(['j', 's', 'abc'])}.{rng.randint(2000, 2025)}.{rng.randint(1, 99999)}"


def _drop(rng: random.Random, item: dict[str, Any], rate: float, *names: str) -> dict[str, Any]:
    """Each of ``names`` goes missing with probability ``rate``, as in real exports."""
    for name in names:
        if rng.random() < rate:
            item.pop(name, None)
    return item


def _article(rng: random.Random) -> dict[str, Any]:
    journal = rng.choice(JOURNALS)
    item = {"type": "article-journal", "author": _authors(rng), "title": _article_title(rng),
            "container-title": journal, "issued": _issued(rng), "volume": str(rng.randint(1, 400)),
            "issue": str(rng.randint(1, 12)), "page": _pages(rng), "DOI": _doi(rng)}
    if journal in JOURNAL_ABBR and rng.random() < 0.5:
        item["container-title-short"] = JOURNAL_ABBR[journal]
    if rng.random() < 0.2:
        item["PMID"] = str(rng.randint(10_000_000, 39_999_999))
    return _drop(rng, item, 0.12, "issue", "page", "DOI", "volume", "author", "issued")


def _book(rng: random.Random) -> dict[str, Any]:
    publisher, place = rng.choice(PUBLISHERS)
    item = {"type": "book", "author": _authors(rng), "title": rng.choice(BOOK_TITLES),
            "publisher": publisher, "publisher-place": place, "issued": _issued(rng, 1)}
    if rng.random() < 0.25:
        item["edition"] = str(rng.randint(2, 9))
    if rng.random() < 0.2:  # an edited volume
        item["editor"] = item.pop("author")[:3]
    if rng.random() < 0.3:
        item["ISBN"] = f"978-{rng.randint(0, 9)}-{rng.randint(100, 999)}-{rng.randint(10000, 99999)}-{rng.randint(0, 9)}"
    return _drop(rng, item, 0.1, "publisher-place", "issued")


def _chapter(rng: random.Random) -> dict[str, Any]:
    publisher, place = rng.choice(PUBLISHERS)
    item = {"type": "chapter", "author": _authors(rng)[:6], "title": _article_title(rng),
            "container-title": rng.choice(BOOK_TITLES), "editor": [_name(rng) for _ in range(rng.randint(1, 3))],
            "publisher": publisher, "publisher-place": place, "issued": _issued(rng, 1), "page": _pages(rng)}
    if rng.random() < 0.2:
        item["edition"] = str(rng.randint(2, 5))
    return _drop(rng, item, 0.12, "editor", "page", "publisher-place")


def _conference(rng: random.Random) -> dict[str, Any]:
    year = rng.randint(1995, 2025)
    name = rng.choice(["International Conference on Machine Learning", "IEEE Conference on Computer Vision",
                       "Annual Meeting of the Association for Computational Linguistics",
                       "Conférence francophone sur l'apprentissage automatique"])
    item = {"type": "paper-conference", "author": _authors(rng), "title": _article_title(rng),
            "container-title": f"Proceedings of the {year} {name}", "event-title": f"{name} {year}",
            "event-place": rng.choice(["Montréal, Canada", "Vienna, Austria", "New Orleans, LA", "Kraków, Poland"]),
            "publisher": rng.choice(["IEEE", "ACM", "PMLR", "Association for Computational Linguistics"]),
            "issued": {"date-parts": [[year, rng.randint(1, 12)]]}, "page": _pages(rng), "DOI": _doi(rng)}
    return _drop(rng, item, 0.15, "event-place", "page", "DOI", "publisher")


def _thesis(rng: random.Random) -> dict[str, Any]:
    item = {"type": "thesis", "author": [_name(rng)], "title": _article_title(rng),
            "genre": rng.choice(["PhD thesis", "Doctoral dissertation", "Master's thesis"]),
            "publisher": rng.choice(UNIVERSITIES), "issued": _issued(rng, 1)}
    if rng.random() < 0.5:
        item["publisher-place"] = rng.choice(["Montréal", "Oxford", "Stockholm", "Zürich"])
    return _drop(rng, item, 0.1, "genre")


def _report(rng: random.Random) -> dict[str, Any]:
    institution = rng.choice(INSTITUTIONS)
    author = [{"literal": institution}] if rng.random() < 0.4 else _authors(rng)[:8]
    item = {"type": "report", "author": author, "title": _article_title(rng), "publisher": institution,
            "number": f"{rng.choice(['WP', 'TR', ''])}{rng.randint(1, 999)}", "genre": "Technical report",
            "issued": _issued(rng, rng.choice([1, 2])), "publisher-place": rng.choice(["Geneva", "Santa Monica, CA", "Paris"])}
    if rng.random() < 0.3:
        item["URL"] = f"https://example.org/reports/{rng.randint(1, 9999)}"
    return _drop(rng, item, 0.15, "number", "genre", "publisher-place")


def _webpage(rng: random.Random) -> dict[str, Any]:
    site = rng.choice(SITES)
    item = {"type": "webpage", "author": _authors(rng)[:3], "title": _article_title(rng), "container-title": site,
            "URL": f"https://www.example.org/{rng.choice(['news', 'wiki', 'health'])}/{rng.randint(1, 99999)}",
            "issued": _issued(rng, 3), "accessed": {"date-parts": [[2025, rng.randint(1, 12), rng.randint(1, 28)]]}}
    if rng.random() < 0.3:
        item["author"] = [{"literal": site}]
    return _drop(rng, item, 0.3, "author", "issued")
