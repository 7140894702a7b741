"""EndNote XML (``<xml><records><record>…``), as EndNote, Bookends and others export it.

Each ``<record>`` is cut out of the text and parsed alone, so a malformed record
costs only itself and every record knows its line. The parser is locked down:
no DTD, no entity expansion, no network. Field values sit in ``<style face=…>``
runs; italic, bold, superscript and subscript runs become CSL markup in titles.
Fields with no CSL home go to ``extra`` under their path ("alt-periodical/full-title").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from ..fieldmaps import endnote as fm
from ..model import Date, Diagnostic, Failed, Location, Name, Record, Source
from .endnote_xml import FORMAT
from .wos_reader import parse_date

if TYPE_CHECKING:
    from lxml import etree

_OPEN = re.compile(r"<record(?=[\s>/])[^<>]*>")  # not [^>]*: "<record <record ..." rescanned to the end
_CLOSE = re.compile(r"</record\s*>")
_FACES = {"bold": "b", "italic": "i", "superscript": "sup", "subscript": "sub"}
_SPACE = re.compile(r"\s+")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_ISSN = re.compile(r"\b\d{4}-?\d{3}[\dXx]\b")
_ISBN = re.compile(r"\b(?:97[89][- ]?)?\d{1,5}[- ]?\d+[- ]?\d+[- ]?[\dXx]\b")
_NUMERIC_DATE = re.compile(r"(\d{4})[-/](\d\d?)(?:[-/](\d\d?))?|(\d\d?)/(\d\d?)/(\d{4})")
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?", re.I)
_UNDEFINED_ENTITY = re.compile(r"Entity '([^']*)' not defined")
_PARSER_POSITION = re.compile(r",? line \d+(?:, column \d+)?")
_DOI_PREFIX = re.compile(r"^\s*(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_ET_AL = frozenset({"et al", "et al.", "others", "and others"})


@cache
def _parser() -> etree.XMLParser:
    """The locked-down parser, made (and lxml imported) when EndNote XML is read, not sniffed."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def read(text: str, path: str = "<input>") -> Iterator[Record | Failed]:
    """EndNote XML export (xml/records/record)."""
    from lxml import etree

    parser = _parser()
    first = _OPEN.search(text)
    declares_entities = text.find("<!ENTITY", 0, first.start() if first else len(text)) >= 0
    pos, line = 0, 1
    for start, end, closed in _record_spans(text):
        line += text.count("\n", pos, start)
        pos = start
        raw = text[start:end]
        where = Location(path, line)
        if not closed:
            yield Failed(Diagnostic("error", "endnote-unclosed",
                                    "<record> has no </record>; the record was not read", where), raw)
            continue
        try:
            element = etree.fromstring(raw, parser)
        except etree.XMLSyntaxError as exc:
            at = line + (exc.lineno or 1) - 1
            message = _PARSER_POSITION.sub("", exc.msg)  # lxml's lines count from the record
            entity = _UNDEFINED_ENTITY.search(message) if declares_entities else None
            if entity:  # each record is parsed alone: the DOCTYPE's entities never reach the parser
                yield Failed(Diagnostic(
                    "error", "endnote-xml-entities",
                    f"the record uses the entity &{entity.group(1)}; that the file's DOCTYPE declares "
                    "(EndNote never does; this is how billion-laughs and external-entity attacks "
                    "work); citex does not expand entities, so the record was not read", Location(path, at)), raw)
                continue
            yield Failed(Diagnostic("error", "endnote-xml-syntax", f"{message}; the record was not read",
                                    Location(path, at)), raw)
            continue
        yield _Builder(element, Source(FORMAT, path, line, raw), line).build()


def _record_spans(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, closed) of each ``<record>``: it ends at its ``</record>`` or, unclosed,
    where the next one starts."""
    m = _OPEN.search(text)
    close = _CLOSE.search(text)
    while m:
        following = _OPEN.search(text, m.end())
        if m.group().endswith("/>"):
            yield m.start(), m.end(), True
        else:
            while close and close.start() < m.end():  # searched again only once passed: linear
                close = _CLOSE.search(text, m.end())
            if close and (following is None or close.start() < following.start()):
                yield m.start(), close.end(), True
            else:
                yield m.start(), following.start() if following else len(text), False
        m = following


def _leaves(element: etree._Element, prefix: str) -> Iterator[tuple[str, etree._Element]]:
    """(path, element) for each field: an element holding only text and <style> runs."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        path = prefix + child.tag
        if not len(child) or child[0].tag == "style":
            yield path, child
        else:
            yield from _leaves(child, path + "/")


def field_text(element: etree._Element, rich: bool, multiline: bool) -> str:
    """The element's text, <style> runs joined (as CSL markup when ``rich``), spaces tidied."""
    if rich:
        pieces = [element.text or ""] if (element.text or "").strip() else []
        for child in element:
            run = "".join(child.itertext()) if isinstance(child.tag, str) else ""
            pieces.append(_styled(run, child.get("face", "")) if child.tag == "style" else run)
            if (child.tail or "").strip():
                pieces.append(child.tail)
        text = "".join(pieces)
    else:
        text = "".join(element.itertext())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if multiline:
        return "\n".join(filter(None, (_SPACE.sub(" ", row).strip() for row in text.split("\n"))))
    return _SPACE.sub(" ", text).strip()


def _styled(run: str, face: str) -> str:
    tags = [_FACES[f] for f in face.split() if f in _FACES]
    core = run.strip()
    if not tags or not core:
        return run
    lead, trail = run[:len(run) - len(run.lstrip())], run[len(run.rstrip()):]
    return (lead + "".join(f"<{t}>" for t in tags) + core
            + "".join(f"</{t}>" for t in reversed(tags)) + trail)


class _Builder:
    """Fills one record from its fields; what it does not use goes to ``extra``."""

    def __init__(self, element: etree._Element, source: Source, line: int) -> None:
        self.rec = Record(source=source)
        self.values: dict[str, list[str]] = {}
        self.lines: dict[str, int] = {}
        for path, leaf in _leaves(element, ""):
            text = field_text(leaf, path in fm.RICH, path in fm.MULTILINE)
            if text:
                self.values.setdefault(path, []).append(text)
                self.lines.setdefault(path, line + (leaf.sourceline or 1) - 1)
        ref_type = element.find("ref-type")
        self.type_name = ref_type.get("name") if ref_type is not None else None
        app = element.find("source-app")  # "EndNote", "Bookends" …
        if app is not None and app.get("name"):
            self.rec.source.dialect = app.get("name").lower()
        self.rec.source.field_lines = dict(self.lines)

    def take(self, path: str) -> list[str]:
        return self.values.pop(path, [])

    def first(self, path: str, name: str | None = None) -> str:
        """The field's first value; repeats stay in ``extra``. ``name``: set that variable."""
        values = self.take(path)
        if values[1:]:
            self.rec.extra[path] = "\n".join(values[1:])
        if values and name:
            self.set(name, values[0], path)
        return values[0] if values else ""

    def set(self, name: str, value: object, path: str) -> None:
        if name in self.rec.fields:  # taken already by a field that ranks higher
            if self.rec.fields[name] != value:
                self.rec.extra[path] = str(value)
            return
        self.rec.fields[name] = value
        if path in self.lines:
            self.rec.source.field_lines.setdefault(name, self.lines[path])

    def build(self) -> Record | Failed:
        rec = self.rec
        if not self.values:
            return Failed(Diagnostic("error", "endnote-empty", "record has no fields",
                                     rec.source.location()), rec.source.raw)
        rec.type = self._type()
        for path, name in fm.NAMES.items():
            self._names(path, name)
        for path, name in fm.VARIABLES.items():
            self.first(path, name)
        self._titles()
        self._numbers()
        self._dates()
        self._ids()
        self._urls()
        keywords = self.take("keywords/keyword")
        if keywords:
            self.set("keyword", "; ".join(keywords), "keywords/keyword")
        for path, values in self.values.items():
            rec.extra[path] = "\n".join(values)
        if not any(rec.get(k) for k in ("title", "author", "container-title", "DOI")):
            rec.report("warning", "endnote-no-title", "record has no title, author, journal or DOI")
        return rec

    def _type(self) -> str:
        number = self.first("ref-type")
        name = (self.type_name or fm.REF_TYPE_NUMBERS.get(number, "")).strip()
        csl = fm.REF_TYPES.get(name.lower())
        if csl is None and (name or number):
            self.rec.extra["ref-type"] = name or number
            self.rec.report("warning", "endnote-unknown-type",
                            f"reference type '{name or number}' not known; read as 'document'", "ref-type")
        elif csl is None:
            self.rec.report("warning", "endnote-unknown-type", "record has no ref-type; read as 'document'")
        return csl or "document"

    def _names(self, path: str, variable: str) -> None:
        names = []
        for text in self.take(path):
            if text.lower() in _ET_AL:
                self.rec.truncated.add(variable)
            else:
                names.append(person(text))
        if names:
            self.set(variable, names, path)

    def _titles(self) -> None:
        # A book's secondary title (and periodical) is its series; an article's, its journal.
        container = "collection-title" if self.rec.type in fm.SERIES_TYPES else "container-title"
        for path, name in (("titles/secondary-title", container), ("periodical/full-title", container),
                           ("titles/alt-title", "container-title-short")):
            value = self.first(path)
            if value:
                self.set(name, value, path)

    def _numbers(self) -> None:
        number = self.first("number")
        if number:
            kind = self.rec.type
            name = ("issue" if kind in fm.ISSUE_TYPES else
                    "collection-number" if kind in fm.SERIES_TYPES - {"report"} else "number")
            self.set(name, number, "number")

    def _dates(self) -> None:
        year = self.first("dates/year")
        when = self.first("dates/pub-dates/date")
        if year or when:
            date, understood = _date(when, year)
            if not understood:
                kept = {"dates/year": year, "dates/pub-dates/date": when}
                self.rec.extra.update({k: v for k, v in kept.items() if v})
                self.rec.report("warning", "endnote-date-unparsed",
                                f"date '{' '.join(filter(None, (year, when)))}' not fully understood; "
                                "kept in extra", "dates/year" if year else "dates/pub-dates/date")
            if date is not None and (date.parts or date.literal):
                self.set("issued", date, "dates/year" if year else "dates/pub-dates/date")
        accessed = self.first("access-date")
        if accessed:
            date, understood = _date(accessed, "")
            if understood and date is not None and date.parts:
                self.set("accessed", date, "access-date")
            else:
                self.rec.extra["access-date"] = accessed

    def _ids(self) -> None:
        isbn = self.first("isbn")
        if isbn:  # EndNote keeps ISSNs in the ISBN field of journal articles
            is_issn = _ISSN.search(isbn) and not re.search(r"\d{9}[\dXx]|\d{13}|97[89]-", isbn)
            self.set("ISSN" if is_issn else "ISBN", isbn, "isbn")
        resource = self.first("electronic-resource-num")
        m = _DOI.search(resource)
        if m:
            self.set("DOI", m.group().rstrip(".,;"), "electronic-resource-num")
        if resource and (not m or _DOI_PREFIX.sub("", resource).strip() != m.group().rstrip(".,;")):
            self.rec.extra["electronic-resource-num"] = resource

    def _urls(self) -> None:
        urls = self.take("urls/related-urls/url") + self.take("urls/web-urls/url")
        if urls:
            self.set("URL", urls[0], "urls/related-urls/url")
            if urls[1:]:
                self.rec.extra["urls"] = "\n".join(urls[1:])


def person(text: str) -> Name:
    """``Family, Given[, Suffix]``; text without a comma is an organisation (a literal)."""
    family, comma, given = (p.strip() for p in text.partition(","))
    if not comma or not family or not given:
        return Name(literal=text.rstrip(", ").strip())
    suffix = None
    head, _, tail = given.rpartition(",")
    if head and _SUFFIX.fullmatch(tail.strip()):
        given, suffix = head.strip(), tail.strip()
    words = family.split()
    particles = []
    while len(words) > 1 and words[0].islower():
        particles.append(words.pop(0))
    return Name(family=" ".join(words), given=given, suffix=suffix,
                non_dropping_particle=" ".join(particles) or None)


def _date(text: str, year: str) -> tuple[Date | None, bool]:
    """A date from EndNote's year and date fields ("Mar 3", "2015/03/03", "03/15/2015"),
    and whether both were understood whole."""
    clean_year = re.fullmatch(r"\s*(\d{4})\s*", year)
    some_year = clean_year or re.search(r"\d{4}", year)
    y = some_year.group(1 if clean_year else 0) if some_year else ""
    m = _NUMERIC_DATE.fullmatch(text.strip())
    if m:
        parts = [m.group(1), m.group(2), m.group(3)] if m.group(1) else [m.group(6), m.group(4), m.group(5)]
        if y and y != parts[0]:
            return Date(parts=[[int(y)]]), False
        return Date(parts=[[int(p) for p in parts if p]]), not year or bool(clean_year)
    if not y:
        return (Date(literal=year or text) if year or text else None), False
    date, understood = parse_date(text, y)
    return date, understood and bool(clean_year)
