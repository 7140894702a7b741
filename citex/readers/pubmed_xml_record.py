"""One ``<PubmedArticle>`` or ``<PubmedBookArticle>`` element -> a Record.

Titles and abstracts keep PubMed's inline markup as CSL rich text (``<i>``,
``<b>``, ``<sup>``, ``<sub>``); MathML keeps its text, with sub- and
superscripts marked. Elements with no CSL home go to ``extra`` under their own
name, flattened to text (one line per list item), so nothing is dropped.
"""

from __future__ import annotations

import re

from lxml import etree

from ..fieldmaps import medline as fm
from ..model import Date, Name, Record
from . import pubmed_dates
from .medline_record import ARTICLE_NUMBER, csl_type
from .xml_paths import Paths

_SPACE = re.compile(r"\s+")
_NAME_PARTS = frozenset({"CollectiveName", "LastName", "ForeName", "FirstName", "Initials", "Suffix"})
_QUIET_ATTRIBUTES = frozenset({"Version", "ValidYN"})  # always "1"/"Y": not worth a word in extra
_MATH_SCRIPTS = {"msub": ("sub",), "msup": ("sup",), "msubsup": ("sub", "sup")}


def build(elem: etree._Element, rec: Record) -> None:
    """Fill ``rec`` from a PubmedArticle or PubmedBookArticle element."""
    book = elem.tag == "PubmedBookArticle"
    paths = Paths()
    citation = paths.find(elem, "BookDocument" if book else "MedlineCitation")
    data = paths.find(elem, "PubmedBookData" if book else "PubmedData")
    if citation is None:
        citation = etree.Element("MedlineCitation")
    article = paths.find(citation, "Book" if book else "Article")
    if article is None:
        article = etree.Element("Article")
    used: set[etree._Element] = {article}
    pmid = paths.find(citation, "PMID")
    if pmid is not None and text_of(pmid):
        rec.fields["PMID"] = text_of(pmid)
        used.add(pmid)
    _read_titles(rec, paths, citation, article, book, used)
    _read_simple(rec, paths, citation, article, used)
    _read_authors(rec, paths, citation if book else article, article, book, used)
    _read_dates(rec, paths, article, used)
    _read_pages(rec, paths, citation if book else article, used)
    _read_ids(rec, paths, [citation, article, data], used)
    _read_keywords(rec, paths, citation, used)
    listed = list(citation.iter("PublicationTypeList", "PublicationType"))
    types = [text_of(t) for t in listed if t.tag == "PublicationType"]
    used.update(listed)
    if book:
        rec.type = "chapter" if "title" in rec.fields and "container-title" in rec.fields else "book"
        if "author" not in rec.fields and "container-author" in rec.fields:
            rec.fields["author"] = rec.fields.pop("container-author")  # a chapter by the book's authors
    else:
        rec.type = csl_type(types, journal="container-title" in rec.fields)
    if types:
        rec.extra["PublicationType"] = "\n".join(types)
    for parent in (citation, article, data):
        _keep_rest(rec, paths, parent, used)


def text_of(elem: etree._Element | None) -> str:
    """The element's text, markup dropped, whitespace runs made one space."""
    if elem is None:
        return ""
    text = elem.text if len(elem) == 0 else "".join(elem.itertext())
    return " ".join(text.split()) if text else ""


def rich_text(elem: etree._Element) -> str:
    """The element's text with inline markup as CSL rich text, whitespace runs made one space."""
    return _SPACE.sub(" ", _rich(elem)).strip()


def _rich(elem: etree._Element) -> str:
    out = [elem.text or ""]
    for child in elem:
        if isinstance(child.tag, str):
            name = etree.QName(child).localname
            inner = _math(child) if name == "math" else _rich(child)
            mark = fm.XML_MARKUP.get(name)
            out.append(f"<{mark}>{inner}</{mark}>" if mark else inner)
        elif isinstance(child, etree._Entity):
            out.append(child.text)  # never expanded: kept as "&name;"
        out.append(child.tail or "")
    return "".join(out)


def _math(elem: etree._Element) -> str:
    """MathML as its text, with msub/msup/msubsup written as <sub>/<sup>."""
    name = etree.QName(elem).localname
    parts = [_math(c) for c in elem if isinstance(c.tag, str)]
    if name in _MATH_SCRIPTS and len(parts) == 1 + len(_MATH_SCRIPTS[name]):
        marks = _MATH_SCRIPTS[name]
        return parts[0] + "".join(f"<{m}>{p}</{m}>" for m, p in zip(marks, parts[1:]))
    return (elem.text or "").strip() + "".join(parts) if parts else (elem.text or "").strip()


def _read_titles(rec: Record, paths: Paths, citation, article, book: bool, used: set) -> None:
    title = paths.find(citation if book else article, "ArticleTitle")
    book_title = paths.find(article, "BookTitle")
    text = rich_text(title) if title is not None else ""
    if not text:  # an untranslated title: only the original's
        title = paths.find(citation if book else article, "VernacularTitle")
        text = rich_text(title) if title is not None else ""
    if text:
        rec.fields["title"] = text
        used.add(title)
    text = rich_text(book_title) if book_title is not None else ""
    if text:
        rec.fields["container-title" if "title" in rec.fields else "title"] = text
        used.add(book_title)
    parts = []
    abstract = paths.find(citation if book else article, "Abstract")
    for part in paths.findall(abstract, "AbstractText") if abstract is not None else ():
        label, text = part.get("Label"), rich_text(part)
        if text:
            parts.append(f"{label}: {text}" if label else text)
        used.add(part)
    if parts:
        rec.fields["abstract"] = "\n".join(parts)
    if abstract is not None:
        used.add(abstract)
        copyright_ = paths.find(abstract, "CopyrightInformation")
        if copyright_ is not None:
            rec.extra["CopyrightInformation"] = text_of(copyright_)


def _read_simple(rec: Record, paths: Paths, citation, article, used: set) -> None:
    for path, name in fm.XML_TEXT_PATHS.items():
        elem = paths.find(article, path)
        if elem is not None and name not in rec.fields:
            text = text_of(elem)
            if text:
                rec.fields[name] = text
                used.add(elem)
    journal = paths.find(article, "Journal")
    if journal is not None:
        used.update(journal.iter("Journal", "JournalIssue", "Publisher"))
    used.update(paths.findall(article, "Publisher"))
    issns = [text_of(e) for e in paths.findall(article, "Journal/ISSN")]
    issns += [text_of(e) for e in paths.findall(citation, "MedlineJournalInfo/ISSNLinking")]
    isbns = [text_of(e) for e in paths.findall(article, "Isbn")]
    used.update(paths.findall(article, "Isbn"))
    for name, values in (("ISSN", issns), ("ISBN", isbns)):
        if any(values):
            rec.fields[name] = " ".join(dict.fromkeys(filter(None, values)))


def _read_authors(rec: Record, paths: Paths, chapter_parent, book_parent, book: bool, used: set) -> None:
    """Author lists: a chapter's own, and a book's (its editors, or its authors)."""
    lists = paths.findall(chapter_parent, "AuthorList")
    if book and chapter_parent is not book_parent:
        lists += paths.findall(book_parent, "AuthorList")
    for author_list in lists:
        used.add(author_list)
        kind = author_list.get("Type") or "authors"
        var = "editor" if kind == "editors" else "author"
        of_book = book and author_list.getparent() is book_parent
        if of_book and var == "author" and "container-title" in rec.fields:
            var = "container-author"  # the book's authors, above a chapter's own
        names, notes, affiliations, identifiers = [], [], [], []
        for author in paths.findall(author_list, "Author"):
            parts, found = _author_parts(author)
            name = _name(parts)
            if name is None:
                continue
            if author.get("ValidYN") == "N":
                notes.append(text_of(author))
                continue
            names.append(name)
            affiliations += [text_of(a) for a in found if a.tag == "Affiliation"]
            who = name.family or name.literal
            identifiers += [f"{who}: {text_of(i)}" for i in found if i.tag == "Identifier"]
        if names:
            rec.fields.setdefault(var, []).extend(names)
        if author_list.get("CompleteYN") == "N":
            rec.truncated.add(var)
        for key, lines in (("Author-invalid", notes), ("Affiliation", affiliations),
                           ("AuthorIdentifier", identifiers)):
            if lines:
                rec.extra[key] = "\n".join(filter(None, [rec.extra.get(key), *lines]))


def _author_parts(author) -> tuple[dict[str, str], list]:
    """An Author's name parts (its children's texts by tag), and in one walk its Identifier
    children and Affiliation descendants, in document order."""
    parts, found = {}, []
    for child in author:
        tag = child.tag
        if tag in _NAME_PARTS:
            parts[tag] = text_of(child)
        elif tag == "Identifier" or tag == "Affiliation":
            found.append(child)
        if len(child):  # an Affiliation deeper down (in AffiliationInfo)
            found += child.iterdescendants("Affiliation")
    return parts, found


def _name(parts: dict[str, str]) -> Name | None:
    if parts.get("CollectiveName"):
        return Name(literal=parts["CollectiveName"])
    family = parts.get("LastName")
    given = parts.get("ForeName") or parts.get("FirstName") or parts.get("Initials")
    if not family:
        return Name(literal=given) if given else None
    return Name(family=family, given=given or None, suffix=parts.get("Suffix") or None)


def _read_dates(rec: Record, paths: Paths, article, used: set) -> None:
    pub_date = paths.find(article, "Journal/JournalIssue/PubDate")
    if pub_date is None:
        pub_date = paths.find(article, "PubDate")
    if pub_date is not None:
        used.add(pub_date)
        medline_date = text_of(paths.find(pub_date, "MedlineDate"))
        if medline_date:
            date, clean = pubmed_dates.parse(medline_date)
            if not clean:
                rec.extra["MedlineDate"] = medline_date
                rec.report("warning", "pubmed-xml-date",
                           f"MedlineDate '{medline_date}' was only partly understood")
        else:
            date = _date(paths, pub_date)
        if date is not None:
            rec.fields["issued"] = date
    electronic = paths.find(article, "ArticleDate")
    available = _date(paths, electronic) if electronic is not None else None
    if available is not None:
        rec.fields["available-date"] = available
        used.add(electronic)


def _date(paths: Paths, elem) -> Date | None:
    return pubmed_dates.from_parts(*(paths.findtext(elem, p) for p in ("Year", "Month", "Day", "Season")))


def _read_pages(rec: Record, paths: Paths, parent, used: set) -> None:
    pagination = paths.find(parent, "Pagination")
    if pagination is None:
        return
    used.add(pagination)
    pages = text_of(paths.find(pagination, "MedlinePgn"))
    if not pages:
        first, last = text_of(paths.find(pagination, "StartPage")), text_of(paths.find(pagination, "EndPage"))
        pages = f"{first}-{last}" if first and last and last != first else first
    if pages:
        rec.fields["page"] = pages


def _read_ids(rec: Record, paths: Paths, parents: list, used: set) -> None:
    """ELocationID and ArticleId: DOI, PMCID, PMID, a Bookshelf URL; other ids to extra."""
    others: list[str] = []
    for parent in parents:
        if parent is None:
            continue
        used.update(paths.findall(parent, "ArticleIdList"))
        for elem in paths.findall(parent, "ELocationID") + paths.findall(parent, "ArticleIdList/ArticleId"):
            used.add(elem)
            kind, value = (elem.get("EIdType") or elem.get("IdType") or "").lower(), text_of(elem)
            name = fm.XML_ID_TYPES.get(kind)
            if not value:
                continue
            if name and name not in rec.fields:
                rec.fields[name] = value
            elif name and rec.fields[name].lower() != value.lower():
                others.append(f"{value} [{kind}]")
            elif kind == "bookaccession":
                rec.fields.setdefault("URL", fm.BOOKSHELF_URL.format(value))
            elif name is None:
                if kind == "pii" and elem.tag == "ELocationID" and "page" not in rec.fields \
                        and ARTICLE_NUMBER.fullmatch(value):
                    rec.fields["page"] = value
                others.append(f"{value} [{kind}]")
    if others:
        rec.extra["ArticleId"] = "\n".join(dict.fromkeys(others))


def _read_keywords(rec: Record, paths: Paths, citation, used: set) -> None:
    """MeSH headings as "Descriptor/Qualifier" (MEDLINE's MH form; stars mark major topics in extra)."""
    terms, headings = [], []
    for heading in paths.findall(citation, "MeshHeadingList/MeshHeading"):
        parts = [(text_of(p), p.get("MajorTopicYN") == "Y") for p in heading]  # descriptor, qualifiers
        if parts:
            terms.append("/".join(text for text, _ in parts))
            headings.append("/".join("*" * major + text for text, major in parts))
    if headings:
        rec.extra["MeshHeadingList"] = "\n".join(headings)
        used.update(paths.findall(citation, "MeshHeadingList"))
    for keyword_list in paths.findall(citation, "KeywordList"):
        terms += [text_of(k) for k in paths.findall(keyword_list, "Keyword") if text_of(k)]
        used.add(keyword_list)
    if terms:
        rec.fields["keyword"] = fm.KEYWORD_SEPARATOR.join(dict.fromkeys(terms))


def _keep_rest(rec: Record, paths: Paths, parent, used: set) -> None:
    """Children not read into CSL variables, flattened into extra under their element name."""
    if parent is None:
        return
    for child in parent:
        if not isinstance(child.tag, str) or child in used:
            continue
        name = child.tag
        if name == "Language" and "language" not in rec.fields:
            rec.fields["language"] = text_of(child)
            continue
        if name == "MedlineJournalInfo":
            short = paths.findtext(child, "MedlineTA")
            if short and "container-title-short" not in rec.fields:
                rec.fields["container-title-short"] = short.strip()
        value = _flatten(child)
        if value:
            rec.extra[name] = f"{rec.extra[name]}\n{value}" if name in rec.extra else value


def _flatten(elem) -> str:
    """An element as text: a leaf's text, a date as Y-M-D, a list one child a line; attributes after."""
    children = [c for c in elem if isinstance(c.tag, str)]
    if not children:
        body = text_of(elem)
    elif children[0].tag == "Year":
        body = "-".join(text_of(c) for c in children[:3] if c.tag in ("Year", "Month", "Day"))
    elif all(len(c) == 0 for c in children) and len({c.tag for c in children}) == len(children):
        body = "; ".join(f"{c.tag}: {text_of(c)}" for c in children if text_of(c))
    else:
        return "\n".join(filter(None, (_flatten(c) for c in children)))
    attributes = " ".join(f"[{k}={v}]" for k, v in elem.attrib.items() if k not in _QUIET_ATTRIBUTES)
    return " ".join(filter(None, [body, attributes]))
