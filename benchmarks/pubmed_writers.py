"""MEDLINE (.nbib) and PubMed XML text for generated CSL items, as PubMed exports them.

citex only reads these formats, so the benchmark writes its own inputs. Every item
becomes a journal article, as nearly every PubMed record is: an article keeps its
journal, volume, issue and pages; another kind gets a seeded journal and numbers.
The shapes follow real exports: MEDLINE lines wrapped at 88 columns with 6-space
continuations, ``FAU``/``AU`` pairs and ``CN`` for groups, abbreviated page ranges
(``1693-704``), ``[doi]`` ids; PubMed XML with the baseline's DOCTYPE, ``MedlinePgn``,
``ELocationID``, ``CollectiveName`` and an ``ArticleIdList``. About two records in three
carry an abstract. Only ``random.Random(seed)`` is used, so the text is reproducible.
"""

from __future__ import annotations

import random
import textwrap
from typing import Any
from xml.sax.saxutils import escape

import records

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LANGUAGES = ["eng"] * 12 + ["ger", "fre", "spa", "por", "pol", "jpn"]
PUB_TYPES = [["Journal Article"], ["Journal Article", "Randomized Controlled Trial"], ["Review"],
             ["Journal Article", "Research Support, Non-U.S. Gov't"], ["Case Reports"], ["Meta-Analysis"]]
SENTENCES = ["We studied {t} {s}.", "{T} remains a leading cause of morbidity {s}.",
             "Outcomes improved in {n} of {m} patients (P < 0.05).", "The hazard ratio was 0.{n} (95% CI, 0.5-0.9).",
             "These findings support further trials of {t}.", "Data from {m} participants were pooled."]
XML_HEAD = ('<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January '
            '2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n')
XML_TAIL = "</PubmedArticleSet>\n"


def article(item: dict[str, Any], pmid: int, rng: random.Random) -> dict[str, Any]:
    """The fields of a PubMed journal article made from one CSL item."""
    is_article = item["type"] == "article-journal"
    journal = item["container-title"] if is_article else rng.choice(records.JOURNALS)
    date = (item.get("issued") or {"date-parts": [[rng.randint(1968, 2025)]]})["date-parts"][0]
    page = item.get("page") if is_article else records._pages(rng)
    doi = item.get("DOI") if is_article else (records._doi(rng) if rng.random() < 0.7 else None)
    abstract = None
    if rng.random() < 0.67:
        topic = rng.choice(records.TOPICS)
        abstract = " ".join(rng.choice(SENTENCES).format(
            t=topic, T=topic[:1].upper() + topic[1:], s=rng.choice(records.SETTINGS),
            n=rng.randint(2, 9), m=rng.randint(10, 900)) for _ in range(rng.randint(2, 6)))
    return {
        "pmid": str(item.get("PMID") or pmid), "title": item["title"] if item["title"].endswith("?") else item["title"] + ".", "journal": journal,
        "abbr": records.JOURNAL_ABBR.get(journal, journal.removeprefix("The ")), "date": date,
        "volume": item.get("volume") if is_article else str(rng.randint(1, 300)),
        "issue": item.get("issue") if is_article else str(rng.randint(1, 12)),
        "page": page, "doi": doi, "abstract": abstract, "authors": item.get("author") or [],
        "language": rng.choice(LANGUAGES), "types": rng.choice(PUB_TYPES),
        "issn": issn(rng.randint(1000000, 9999999)),
    }


def issn(digits: int) -> str:
    """A valid ISSN from seven digits (mod-11 check digit)."""
    text = str(digits)
    check = -sum(int(d) * w for d, w in zip(text, range(8, 1, -1))) % 11
    return f"{text[:4]}-{text[4:]}{'X' if check == 10 else check}"


def medline_pages(page: str) -> str:
    """``1693-1704`` as MEDLINE writes it: ``1693-704``."""
    first, _, last = page.partition("-")
    if not last or len(first) != len(last):
        return page
    keep = 0
    while keep < len(last) - 1 and first[keep] == last[keep]:
        keep += 1
    return f"{first}-{last[keep:]}"


def _family(name: dict[str, str]) -> str:
    return " ".join(p for p in (name.get("dropping-particle"), name.get("non-dropping-particle"),
                                name["family"]) if p)


def _initials(given: str) -> str:
    return "".join(part[0] for part in given.replace("-", " ").replace(".", " ").split())


def _date_text(date: list[int]) -> str:
    parts = [str(date[0])] + ([MONTHS[date[1] - 1]] if len(date) > 1 else []) + \
            ([str(date[2])] if len(date) > 2 else [])
    return " ".join(parts)


def medline(a: dict[str, Any]) -> str:
    """One MEDLINE record, ending with a blank line."""
    lines = [("PMID", a["pmid"]), ("OWN", "NLM"), ("STAT", "MEDLINE"), ("DCOM", "20240115"),
             ("IS", f"{a['issn']} (Electronic)")]
    lines += [(tag, a[key]) for tag, key in (("VI", "volume"), ("IP", "issue")) if a[key]]
    lines += [("DP", _date_text(a["date"])), ("TI", a["title"])]
    if a["page"]:
        lines.append(("PG", medline_pages(a["page"])))
    if a["doi"]:
        lines.append(("LID", f"{a['doi']} [doi]"))
    if a["abstract"]:
        lines.append(("AB", a["abstract"]))
    for name in a["authors"]:
        if "literal" in name:
            lines.append(("CN", name["literal"]))
            continue
        family = _family(name) + (f" {name['suffix'].rstrip('.')}" if name.get("suffix") else "")
        lines += [("FAU", f"{family}, {name['given']}"), ("AU", f"{family} {_initials(name['given'])}")]
    lines += [("LA", a["language"])] + [("PT", t) for t in a["types"]]
    lines += [("PL", "England"), ("TA", a["abbr"]), ("JT", a["journal"])]
    if a["doi"]:
        lines.append(("AID", f"{a['doi']} [doi]"))
    source = f"{a['abbr']}. {_date_text(a['date'])};{a['volume'] or ''}({a['issue'] or ''}):{a['page'] or ''}."
    lines += [("PST", "ppublish"), ("SO", source)]
    return "".join(_tagged(tag, value) for tag, value in lines) + "\n"


def _tagged(tag: str, value: str) -> str:
    head = f"{tag:<4}- "
    wrapped = textwrap.wrap(value, 82, break_long_words=False, break_on_hyphens=False) or [""]
    return head + wrapped[0] + "\n" + "".join(f"      {line}\n" for line in wrapped[1:])


def pubmed_xml(a: dict[str, Any]) -> str:
    """One ``<PubmedArticle>`` element."""
    x = escape
    date = a["date"]
    pub_date = f"<Year>{date[0]}</Year>" + (f"<Month>{MONTHS[date[1] - 1]}</Month>" if len(date) > 1 else "") + \
               (f"<Day>{date[2]:02d}</Day>" if len(date) > 2 else "")
    issue = "".join(f"<{tag}>{x(a[key])}</{tag}>" for tag, key in (("Volume", "volume"), ("Issue", "issue")) if a[key])
    parts = ['<PubmedArticle>\n<MedlineCitation Status="MEDLINE" Owner="NLM">\n',
             f'<PMID Version="1">{a["pmid"]}</PMID>\n<Article PubModel="Print">\n<Journal>\n',
             f'<ISSN IssnType="Electronic">{a["issn"]}</ISSN>\n<JournalIssue CitedMedium="Internet">{issue}',
             f"<PubDate>{pub_date}</PubDate></JournalIssue>\n<Title>{x(a['journal'])}</Title>\n",
             f"<ISOAbbreviation>{x(a['abbr'])}</ISOAbbreviation>\n</Journal>\n",
             f"<ArticleTitle>{x(a['title'])}</ArticleTitle>\n"]
    if a["page"]:
        start, _, end = a["page"].partition("-")
        parts.append(f"<Pagination><StartPage>{start}</StartPage>" + (f"<EndPage>{end}</EndPage>" if end else "")
                     + f"<MedlinePgn>{medline_pages(a['page'])}</MedlinePgn></Pagination>\n")
    if a["doi"]:
        parts.append(f'<ELocationID EIdType="doi" ValidYN="Y">{x(a["doi"])}</ELocationID>\n')
    if a["abstract"]:
        parts.append(f"<Abstract>\n<AbstractText>{x(a['abstract'])}</AbstractText>\n</Abstract>\n")
    if a["authors"]:
        parts.append('<AuthorList CompleteYN="Y">\n')
        for name in a["authors"]:
            if "literal" in name:
                parts.append(f'<Author ValidYN="Y"><CollectiveName>{x(name["literal"])}</CollectiveName></Author>\n')
                continue
            suffix = f"<Suffix>{x(name['suffix'].rstrip('.'))}</Suffix>" if name.get("suffix") else ""
            parts.append(f'<Author ValidYN="Y"><LastName>{x(_family(name))}</LastName>'
                         f"<ForeName>{x(name['given'])}</ForeName><Initials>{x(_initials(name['given']))}</Initials>"
                         f"{suffix}</Author>\n")
        parts.append("</AuthorList>\n")
    parts.append(f"<Language>{a['language']}</Language>\n<PublicationTypeList>")
    parts += [f"<PublicationType>{x(t)}</PublicationType>" for t in a["types"]]
    parts.append("</PublicationTypeList>\n</Article>\n<MedlineJournalInfo><Country>England</Country>"
                 f"<MedlineTA>{x(a['abbr'])}</MedlineTA></MedlineJournalInfo>\n</MedlineCitation>\n"
                 f'<PubmedData>\n<PublicationStatus>ppublish</PublicationStatus>\n<ArticleIdList>'
                 f'<ArticleId IdType="pubmed">{a["pmid"]}</ArticleId>')
    if a["doi"]:
        parts.append(f'<ArticleId IdType="doi">{x(a["doi"])}</ArticleId>')
    parts.append("</ArticleIdList>\n</PubmedData>\n</PubmedArticle>\n")
    return "".join(parts)
