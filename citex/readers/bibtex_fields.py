"""One BibTeX/BibLaTeX entry's fields -> a CSL ``Record``.

Where a field goes can depend on the entry type (a ``number`` is an article's
issue but a book's number in its series; a chapter's ``booktitle`` is its
container) and on the other fields (``maintitle``, ``date`` over ``year``);
the tables are in ``citex.fieldmaps.bibtex``, the choices follow pandoc.
Every field the record's own entry has lands in a CSL variable or, as
written (macros expanded, LaTeX kept), in ``extra``; fields inherited through
``crossref`` only fill CSL variables (the rest stay with their parent).
"""

from __future__ import annotations

import re

from ..fieldmaps import bibtex as fm
from ..model import Record, Source
from .bibtex_crossref import Inherited, RawEntry
from .bibtex_dates import Parsed, parse_date, parse_year_month, status_of_year
from .bibtex_names import parse_names
from .latex_decode import decode, plain, verbatim

_URLISH = re.compile(r"^\s*(?:\\url\{|https?://)", re.I)
_TRAILING_TAGS = re.compile(r"(?:</?[a-z][^<>]*>)+$")  # not [^>]: "<a<a<a…" was quadratic


class _Builder:
    """The record being built, and which of the entry's fields it has used."""

    def __init__(self, entry: RawEntry, data: Inherited, source: Source):
        self.entry, self.fields, self.lines = entry, data.fields, data.lines
        self.inherited = data.inherited
        self.used: set[str] = set()
        self.unknown: dict[str, str] = {}  # LaTeX command -> field it was in
        self.rec = Record(type="document", id=entry.key or None, source=source)
        self.vars, self.field_lines = self.rec.fields, source.field_lines  # put()'s, looked up once

    def has(self, name: str) -> bool:
        value = self.fields.get(name)
        return value is not None and bool(value.strip())

    def raw(self, name: str) -> str | None:
        value = self.fields.get(name)
        if value is None:
            return None
        self.used.add(name)
        return value if value.strip() else None

    def text(self, name: str) -> str | None:
        value = self.fields.get(name)  # raw(), inline: most calls are for a field not there
        if value is None:
            return None
        self.used.add(name)
        if not value.strip():
            return None
        decoded = decode(value, title=name in fm.TITLE_FIELDS)
        for command in decoded.unknown:
            self.unknown.setdefault(command, name)
        return decoded.text or None

    def wants(self, var: str) -> bool:
        return var not in self.rec.fields

    def put(self, var: str, value, origin: str) -> None:
        if value is None or value == "" or value == []:
            return
        if var in self.vars:  # taken already: the field stays in extra
            self.used.discard(origin)
            return
        self.vars[var] = value
        line = self.lines.get(origin)
        if line is not None:
            self.field_lines.setdefault(var, line)

    def note(self, level: str, code: str, message: str, name: str | None = None) -> None:
        self.rec.report(level, code, message, name)


def to_record(entry: RawEntry, data: Inherited, source: Source) -> Record:
    b = _Builder(entry, data, source)
    source.field_lines.update(entry.lines)
    _type(b)
    _names(b)
    _titles(b)
    _dates(b)
    _numbers(b)
    _publisher(b)
    _identifiers(b)
    for name, var in fm.TEXT_FIELDS.items():
        if name in b.fields:
            b.put(var, b.text(name), name)
    if b.has("langid"):
        b.put("language", _language(b), "langid")
    if "language" in b.fields:  # (here and below: no calls for a field the entry lacks)
        b.put("language", b.text("language"), "language")
    if b.has("pubstate"):
        state = b.text("pubstate") or ""
        b.put("status", fm.PUBSTATES.get(state.lower(), state), "pubstate")
    if "pages" in b.fields:
        pages = b.text("pages")
        b.put("page", pages.replace("\u2013", "-") if pages else None, "pages")
    _extra(b)
    for command, name in b.unknown.items():
        b.note("info", "bibtex-latex-command",
               f"unknown LaTeX command \\{command} in '{name}' kept as written", name)
    return b.rec


def _language(b: _Builder) -> str | None:
    """``langid`` (a babel name) as an IETF tag, as pandoc does; an unknown one as written."""
    langid = (b.text("langid") or "").lower()
    tag = fm.LANGIDS.get(langid)
    if tag and langid == "english" and b.has("langidopts"):
        variant = (b.fields["langidopts"].partition("=")[2]).strip().lower()
        if variant in fm.ENGLISH_VARIANTS:
            tag = fm.ENGLISH_VARIANTS[variant]
            b.used.add("langidopts")
    return tag or langid or None


def _type(b: _Builder) -> None:
    et = b.entry.type
    csl = fm.TYPES.get(et)
    if csl is None:
        b.note("info", "bibtex-unknown-type", f"entry type @{et} is not a BibTeX or BibLaTeX "
               "type; read as a document")
        csl = "document"
    subtype = (b.fields.get("entrysubtype") or "").strip().lower()
    if et in ("article", "periodical", "suppperiodical") and subtype in fm.ARTICLE_SUBTYPES:
        csl = fm.ARTICLE_SUBTYPES[subtype]
        b.used.add("entrysubtype")
    elif et == "unpublished" and any(b.has(f) for f in fm.EVENT_FIELDS):
        csl = "speech"
    b.rec.type = csl
    genre = b.text("type")
    if genre:
        genre = fm.GENRES.get(genre.lower(), genre)
    b.put("genre", genre or fm.THESIS_GENRES.get(et), "type")


def _names(b: _Builder) -> None:
    editortype = (b.fields.get("editortype") or "").strip().lower()
    for name, var in fm.NAME_FIELDS.items():
        raw = b.raw(name) if name in b.fields else None
        if raw is None:
            continue
        if name == "editor" and editortype in fm.EDITOR_TYPES:
            var = editortype
            b.used.add("editortype")
        parsed = parse_names(raw)
        b.put(var, parsed.names, name)
        if parsed.truncated:
            b.rec.truncated.add(var)
        for problem in parsed.problems:
            b.note("warning", "bibtex-name", f"{name}: {problem}", name)


def _join(parts: list[str | None], sep: str) -> str | None:
    """pandoc's concatWith: "Title: Subtitle", but "Why? Subtitle" after end punctuation."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out:
            last = _TRAILING_TAGS.sub("", out)[-1:]
            out += " " + part if last in "!?.,:;" else f"{sep} {part}"
        else:
            out = part
    return out or None


def _title(b: _Builder, prefix: str) -> str | None:
    """``<prefix>title``, ``<prefix>subtitle`` and ``<prefix>titleaddon`` joined as pandoc does."""
    head = b.text(prefix + "title")
    if head is None:
        return None
    sub, addon = b.text(prefix + "subtitle"), b.text(prefix + "titleaddon")
    if sub is None and addon is None:  # the usual title: nothing to join
        return head
    return _join([_join([head, sub], ":"), addon], ".")


def _put_title(b: _Builder, var: str, prefix: str) -> None:
    if b.wants(var) and b.has(prefix + "title"):
        b.put(var, _title(b, prefix), prefix + "title")


def _titles(b: _Builder) -> None:
    et = b.entry.type
    chapter = et in fm.CHAPTER_TYPES
    has_main = b.has("maintitle")
    if et == "periodical" and b.has("issuetitle"):  # one issue: the periodical contains it
        _put_title(b, "title", "issue")
        _put_title(b, "container-title", "")
    elif has_main and not chapter and et != "periodical":
        _put_title(b, "title", "main")
        _put_title(b, "volume-title", "")
    else:
        _put_title(b, "title", "")
        if b.has("subtitle") and not b.has("shorttitle"):  # pandoc: the title without subtitle
            b.put("title-short", decode(b.fields["title"], title=True).text, "title")
    if chapter:
        if has_main:
            _put_title(b, "container-title", "main")
            _put_title(b, "volume-title", "book")
        else:
            _put_title(b, "container-title", "book")
    if et not in fm.BOOK_TYPES:
        if b.has("fjournal") and b.wants("container-title"):  # MathSciNet: the full name
            b.put("container-title", b.text("fjournal"), "fjournal")
            b.put("container-title-short", b.text("journaltitle"), "journaltitle")
        _put_title(b, "container-title", "journal")
        _put_title(b, "container-title", "book")
    _put_title(b, "volume-title", "issue")


_YEAR_PREFIX = {name: prefix for prefix, name in fm.OLD_DATE_PREFIXES.items()}  # date -> its year's
_OLD_DATES = [(prefix, prefix + "year", fm.DATE_FIELDS[name])  # the year/month/day fields' dates
              for prefix, name in fm.OLD_DATE_PREFIXES.items()]


def _dates(b: _Builder) -> None:
    for name, var in fm.DATE_FIELDS.items():
        raw = b.raw(name) if name in b.fields else None
        if raw is None:
            continue
        parsed = parse_date(verbatim(raw))
        year = _YEAR_PREFIX[name] + "year"
        if parsed.literal and b.has(year):  # pandoc too falls back to year/month
            b.used.discard(name)
            b.note("info", "bibtex-date", f"{name}: {parsed.note}; {year} is used instead", name)
            continue
        _date(b, var, name, parsed)
    for prefix, year, var in _OLD_DATES:
        if year not in b.fields or not b.has(year):
            continue
        if var in b.rec.fields:
            continue  # the date field wins over year/month (pandoc); they stay in extra
        year_text = plain(b.raw(year) or "")
        status = status_of_year(year_text) if not prefix else None
        if status:
            b.put("status", status, year)
            continue
        month, day = b.raw(prefix + "month"), b.raw(prefix + "day")
        parsed = parse_year_month(year_text, plain(month) if month else None,
                                  plain(day) if day else None)
        _date(b, var, year, parsed, also=(prefix + "month", prefix + "day"))


def _date(b: _Builder, var: str, name: str, parsed: Parsed, also: tuple[str, ...] = ()) -> None:
    b.put(var, parsed.date, name)
    if parsed.note and name not in b.inherited:
        b.used -= {name, *also}  # kept as written in extra: the CSL date says less
        if parsed.literal:
            b.note("warning", "bibtex-date", f"{name}: {parsed.note}; kept as a literal date", name)
        else:
            b.note("info", "bibtex-date", f"{name}: {parsed.note}", name)


def _numbers(b: _Builder) -> None:
    et = b.entry.type
    if "number" in b.fields:
        number = b.text("number")
        if et in fm.SERIES_NUMBER_TYPES:
            b.put("collection-number", number, "number")
        elif et in fm.ARTICLE_TYPES:
            b.put("issue", number, "number")
        else:
            b.put("number", number, "number")
    if "issue" in b.fields and b.wants("issue"):
        b.put("issue", b.text("issue"), "issue")


def _publisher(b: _Builder) -> None:
    for name in fm.PUBLISHER_FIELDS:
        if name in b.fields and b.has(name):
            b.put("publisher", b.text(name), name)
            break
    how = b.fields.get("howpublished", "")
    if how.strip():
        if _URLISH.match(how):
            if not b.has("url"):
                b.put("URL", verbatim(b.raw("howpublished") or ""), "howpublished")
        elif "publisher" not in b.rec.fields:
            b.put("publisher", b.text("howpublished"), "howpublished")
    if "location" in b.fields:
        place = "jurisdiction" if b.entry.type == "patent" else "publisher-place"
        b.put(place, b.text("location"), "location")


def _identifiers(b: _Builder) -> None:
    for name, var in fm.VERBATIM_FIELDS.items():
        raw = b.raw(name) if name in b.fields else None
        if raw is not None:
            b.put(var, verbatim(raw) or None, name)
    eprint = b.fields.get("eprint", "").strip()
    kind = plain(b.fields.get("eprinttype", "")).lower() if eprint else ""
    if eprint and kind in fm.EPRINTS:
        var, prefix = fm.EPRINTS[kind]
        b.put(var, prefix + verbatim(eprint), "eprint")


def _extra(b: _Builder) -> None:
    """Fields of the entry itself that no CSL variable took, as written."""
    extra = b.rec.extra
    for name, value in b.entry.fields.items():
        if name not in b.used and value.strip():
            extra[b.entry.written.get(name, name)] = value.strip()
    for name, values in b.entry.repeated.items():
        extra[name] = "\n".join(([extra[name]] if name in extra else []) + values)
