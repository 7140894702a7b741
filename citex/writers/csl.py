"""Formatted bibliographies (text, HTML, Markdown) in any CSL style, through citeproc-py.

These writers buffer every record: a bibliography is sorted and numbered as a
whole. The style is loaded in ``begin()``, so a bad ``--style`` fails before
any input is read, and each writer builds its own style object because
citeproc-py sets the formatter on the style it is given. Entries are rendered
with the deferred-markup formatter of ``citex.csl_markup``, then tidied
(faults of citeproc-py fixed) and turned into the output's markup.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from .. import csl_margin as margin
from .. import csl_markup as markup
from ..errors import UnknownName, UsageError
from ..model import Diagnostic, Location, Record
from ..registry import WRITERS
from ..csl_styles import resolve
from . import Writer

_CONVERT = {"text": markup.to_text, "html": markup.to_html, "markdown": markup.to_markdown}
# ... and prints a range of one page ("2762-2762", "2762-") as "2762–" in minimal page formats
_ONE_PAGE = re.compile(r"^\s*(\w+)\s*[-\u2013]\s*(?:\1)?\s*$")
# CSL 1.0.2 text variables unknown to citeproc-py 0.11: passed on all the same (it renders
# any variable a style names), so that "Paper presented at <event-title>" is not lost
_NEWER_TEXT_VARIABLES = {"event-title", "volume-title", "part-title", "part-number", "reviewed-title",
                         "reviewed-genre", "supplement-number", "printing-number", "archive-collection",
                         "division"}


def render(records: Iterable[Record], style: str = "apa", locale: str = "en-US",
           to: str = "text", jobs: int = 1) -> list[str]:
    """The bibliography entries of ``records`` in ``style``, in bibliography order, as ``to`` markup
    (rendered in ``jobs`` processes)."""
    if to not in _CONVERT:
        raise UnknownName("output", to, list(_CONVERT))
    loaded = load_style(style, locale)
    left = margin.left_margin(loaded) if to == "html" else None
    return [margin.to_html(entry, left) if left else _CONVERT[to](entry)
            for _, entry in _entries(loaded, list(records), jobs=jobs)]


def load_style(name: str, locale: str = "en-US", bibliography: bool = True) -> Any:
    """A fresh citeproc-py style for a style name, alias or path; ``UsageError`` if it cannot be used
    (``bibliography=False``: also a style that only cites)."""
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS, CitationStylesStyle

    from ..cslfix import (children, groups, initialize, institutions, labels, pages, quotemarks, speed,
                          substitute, titlecase, walk)

    speed.install()
    walk.install()
    children.install()  # before groups wraps Group.process
    initialize.install()
    initialize.install_suffix_periods()
    institutions.install()
    pages.install()
    substitute.install()
    groups.install()
    titlecase.install()
    labels.install()
    quotemarks.install()

    if locale not in LANGUAGE_NAMES and locale.split("-")[0] not in PRIMARY_DIALECTS:
        raise UnknownName("locale", locale, list(LANGUAGE_NAMES))
    path = resolve(name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # citeproc-py only warns about invalid styles
            style = CitationStylesStyle(str(path), locale=locale, validate=False)
            usable = style.has_bibliography() or not bibliography
    except Exception as exc:  # lxml's syntax errors, or a root that is no CSL <style>
        reason = "not a CSL style" if isinstance(exc, AttributeError) else str(exc)
        raise UsageError(f"style '{name}' cannot be read{_at(name, path)}: {reason}",
                         code="bad-style") from None
    if not usable:
        parent = style.root.xpath_search("//cs:link[@rel='independent-parent']/@href")
        hint = f"; it is a dependent style, use --style {parent[0].rsplit('/', 1)[-1]}" if parent else ""
        raise UsageError(f"style '{name}' has no bibliography{_at(name, path)}{hint}", code="bad-style")
    _copy_locale_date_delimiters(style)
    return style


def _at(name: str, path: Any) -> str:
    return "" if str(path) == name else f" ({path})"


def _copy_locale_date_delimiters(style: Any) -> None:
    """Give each localized ``<date form=...>`` its locale's delimiter, which citeproc-py ignores.

    citeproc-py joins the parts of a localized date with the delimiter of the
    calling ``<date>`` (none) instead of the locale's: "2020Oct21" for "2020 Oct 21".
    """
    root = style.root
    for date in root.xpath_search("//cs:date[@form][not(ancestor::cs:locale)]"):
        localized = root.get_date(date.get("form"))
        if date.get("delimiter") is None and localized is not None and localized.get("delimiter"):
            date.set("delimiter", localized.get("delimiter"))


def _entries(style: Any, records: list[Record], skipped: list[Diagnostic] | None = None,
             jobs: int = 1) -> list[tuple[Record, str]]:
    """(record, tidied marked-up entry) in bibliography order; ``jobs`` processes render the entries.

    A record that citeproc-py cannot read or render, or that renders to nothing,
    is left out, and a diagnostic naming it and the reason goes to ``skipped``:
    one bad record never costs the rest of the bibliography. The others are
    then rendered again, so that a numbered style shows no gap.
    """
    failed: dict[int, str] = {}
    out = _render(style, records, failed, jobs)
    if failed:
        out = _render(style, [rec for n, rec in enumerate(records) if n not in failed], {}, jobs)
        for n, reason in sorted(failed.items()):
            if skipped is not None:
                skipped.append(Diagnostic("error", "format-failed", f"record '{records[n].id}' not written: "
                                          f"{reason}", records[n].source.location()))
    return out


def _render(style: Any, records: list[Record], failed: dict[int, str], jobs: int = 1) -> list[tuple[Record, str]]:
    """The entries of ``records``; the reason each one left out failed goes to ``failed`` by position.

    The order, numbers and year suffixes are settled here for the whole
    bibliography; each entry is then rendered on its own (``_Layout.entry``), in
    ``jobs`` processes when there are several.
    """
    from citeproc import CitationStylesBibliography

    from ..csl_jobs import map_in_order
    from ..cslfix import quotemarks, quotes, speed, subsequent, yearsuffix
    from ..cslfix.collation import sort_items

    out, authors = [], []
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="citeproc")  # "unsupported argument" noise
        bib = CitationStylesBibliography(style, _source(records, failed), markup)
        speed.register(bib, [f"r{n}" for n in range(len(records))])
        bib.items = sort_items(style, bib.items, jobs)  # citeproc-py keeps citation order unless asked
        bib.keys = [item.key for item in bib.items]  # numbers follow the bibliography's order
        letters = yearsuffix.assign(bib, bib.items) if yearsuffix.wanted(style) else {}  # in that order
        layout = _Layout(style, letters, bool(letters) and yearsuffix.uses_variable(style),
                         quotes.close_quote(style) if quotes.wants_punctuation_in_quote(style) else "",
                         subsequent.substitute_for(style), margin.left_margin(style),
                         quotemarks.locale_quotes(style.root.bibliography.layout))
        done = map_in_order(layout.entry, bib.items, jobs)
    for item, (entry, author, reason) in zip(bib.items, done):
        n = int(item.key[1:])
        if reason:
            failed[n] = reason
            continue
        out.append((records[n], entry))
        authors.append(author)
    if layout.author_of and out:
        texts = subsequent.apply([entry for _, entry in out], authors,
                                 style.root.bibliography.get("subsequent-author-substitute"), markup.tidy,
                                 str(style.root.bibliography.layout.get_single_term("et-al") or ""))
        out = [(rec, text) for (rec, _), text in zip(out, texts)]
    return out


@dataclass
class _Layout:
    """What one entry needs of the whole bibliography, and how it is rendered and tidied."""

    style: Any
    letters: dict[str, str]  # item key -> year suffix
    in_style: bool  # the style prints the year suffix itself
    quote: str  # the closing quote punctuation goes inside ("" for none)
    author_of: Any  # item -> its author list as rendered, for subsequent-author-substitute; or None
    left: Any  # second-field-align: the pattern of the first field, a space after it (csl_margin); or None
    quotemarks: tuple[str, str]  # the locale's outer and inner quotes, for quotes inside values

    def entry(self, item: Any) -> tuple[str, str, str]:
        """(entry, its author list, "") for an item; ("", "", reason) when it is left out."""
        from ..cslfix import quotes, yearsuffix

        author = self.author_of(item) if self.author_of else ""
        letter = self.letters.get(item.key, "")
        if letter and self.in_style:
            item.reference["year_suffix"] = letter
        try:
            rendered = self.style.render_bibliography([item])  # one at a time: an empty one has no slot
        except Exception as exc:
            return "", "", f"cannot be formatted in this style ({type(exc).__name__}: {exc})"
        from ..cslfix import quotemarks

        entry = str(rendered[0]) if rendered else ""
        entry = quotes.punctuation_into_quotes(markup.tidy(quotemarks.resolve(entry, *self.quotemarks)), self.quote)
        if letter and not self.in_style:
            entry = yearsuffix.after_year(entry, item, letter)
        if _is_empty(entry):
            return "", "", "formats to an empty entry in this style"
        return (margin.spaced(entry, self.left) if self.left else entry), author, ""


_NUMBER = re.compile(r"^\s*[\[(]?\d+[.)\]]?")


def _is_empty(entry: str) -> bool:
    """True for an entry with no word or number but its label ("1.", "[2]")."""
    return not any(ch.isalnum() for ch in _NUMBER.sub("", markup.to_text(entry)))


def _source(records: list[Record], failed: dict[int, str] | None = None) -> Any:
    """The records as citeproc-py data, with positional ids ("r0", "r1", ...).

    citeproc-py lowercases ids, so input keys differing only in case would
    collide; a position maps back to its record without that risk. A record
    citeproc-py cannot read (a date without a year) is left out and reported.
    """
    from citeproc import NAMES, VARIABLES

    from ..cslfix import apostrophes, quotemarks
    from ..cslfix.source import source_class

    CiteProcJSON = source_class()
    source = CiteProcJSON([])
    for n, rec in enumerate(records):
        item: dict[str, Any] = {"id": f"r{n}", "type": rec.type}
        csl = rec.to_csl()
        if csl.get("event") and not csl.get("event-title"):  # CSL 1.0.1's name for the event-title
            csl["event-title"] = csl["event"]
        for key, value in csl.items():
            name = key.replace("-", "_")
            if (name not in VARIABLES and key not in _NEWER_TEXT_VARIABLES) or value in (None, "", [], {}):
                continue
            if isinstance(value, list) and name not in NAMES:
                value = ", ".join(map(str, value))
            if key == "page":
                value = _ONE_PAGE.sub(r"\1", str(value))
            if isinstance(value, str):
                value = markup.plain_spaces(value)
                value = markup.from_rich_text(value if key in apostrophes.VERBATIM else quotemarks.mark(value))
            elif name in NAMES:
                value = [{part: apostrophes.curl(v) if isinstance(v, str) else v for part, v in person.items()}
                         for person in value if isinstance(person, dict)]
            item[key] = value
        try:
            source.update(CiteProcJSON([item]))
        except Exception as exc:
            if failed is not None:
                failed[n] = f"cannot be read by the CSL engine ({type(exc).__name__}: {exc})"
    return source


class _Bibliography(Writer):
    buffers = True

    def __init__(self, out: TextIO, **options: Any):
        super().__init__(out, **options)
        self.records: list[Record] = []
        self.style: Any = None

    def begin(self) -> None:
        self.style = load_style(self.options.get("style") or "apa",
                                self.options.get("locale") or "en-US")

    def write(self, record: Record) -> None:
        self.records.append(record)

    def end(self) -> None:
        clusters = self.options.get("citations")  # a document's citation clusters: keys a cluster
        if not clusters:
            self.out.write(self.compose(_entries(self.style, self.records, self.skipped,
                                                 self.options.get("render_jobs", 1))))
            return
        from ..citations import cite

        document = cite(self.records, clusters, self.options.get("style") or "apa",
                        self.options.get("locale") or "en-US")
        self.out.write(self.compose(document.entries, document.clusters))
        self._note_uncited(clusters)

    def _note_uncited(self, clusters: list[list[Any]]) -> None:
        keys = {c.get("id") if isinstance(c, dict) else c for cites in clusters for c in cites}
        uncited = sum(rec.id not in keys for rec in self.records)
        if uncited:
            where = Location(self.options.get("citations_file") or "<citations>")
            self.notes = [Diagnostic("info", "not-cited", f"{uncited} of {len(self.records)} records "
                                     "are not cited: left out of the bibliography", where)]

    def compose(self, entries: list[tuple[Record, str]], clusters: Sequence[str] = ()) -> str:
        """The output: the citation clusters (when given) in order, then the bibliography."""
        raise NotImplementedError


@WRITERS.register("text", extension=".txt")
class TextWriter(_Bibliography):
    """Formatted bibliography as plain text, one entry a line (--style, --locale)."""

    def compose(self, entries: list[tuple[Record, str]], clusters: Sequence[str] = ()) -> str:
        cited = "".join(markup.to_text(c) + "\n" for c in clusters) + "\n" if clusters else ""
        # one entry a line, even where a style breaks lines inside an entry ("&#x0A;")
        return cited + "".join(markup.to_text(entry).replace("\n", " ") + "\n" for _, entry in entries)


@WRITERS.register("markdown", extension=".md")
class MarkdownWriter(_Bibliography):
    """Formatted bibliography as Markdown, one paragraph an entry (--style, --locale)."""

    def compose(self, entries: list[tuple[Record, str]], clusters: Sequence[str] = ()) -> str:
        text = "\n\n".join([markup.to_markdown(c) for c in clusters]
                           + [markup.to_markdown(entry) for _, entry in entries])
        return text + "\n" if text else ""


@WRITERS.register("html", extension=".html")
class HtmlWriter(_Bibliography):
    """Formatted bibliography as an HTML page of csl-entry divs (--style, --locale)."""

    def compose(self, entries: list[tuple[Record, str]], clusters: Sequence[str] = ()) -> str:
        from markupsafe import Markup

        from .templated import environment

        left = margin.left_margin(self.style)

        return environment().get_template("bibliography.html.j2").render(
            title="Bibliography", lang=self.options.get("locale") or "en-US",
            citations=[Markup(markup.to_html(c)) for c in clusters],
            entries=[{"id": rec.id, "html": Markup(margin.to_html(entry, left))} for rec, entry in entries])


@WRITERS.register("rtf", extension=".rtf")
class RtfWriter(_Bibliography):
    """Formatted bibliography as an RTF document that pastes into word processors (--style, --locale)."""

    def compose(self, entries: list[tuple[Record, str]], clusters: Sequence[str] = ()) -> str:
        from ..csl_rich import rtf_document, to_rtf

        return rtf_document([to_rtf(c) for c in clusters] + [to_rtf(entry) for _, entry in entries])


@WRITERS.register("latex", extension=".tex")
class LatexWriter(_Bibliography):
    """Formatted bibliography as LaTeX paragraphs, one entry a line (--style, --locale)."""

    def compose(self, entries: list[tuple[Record, str]], clusters: Sequence[str] = ()) -> str:
        from ..csl_rich import to_latex

        text = "\n\n".join([to_latex(c) for c in clusters] + [to_latex(entry) for _, entry in entries])
        return text + "\n" if text else ""
