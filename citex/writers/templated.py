"""The jinja2 environment shared by template-based writers, and its filters.

A writer's template renders one record (the output streams) and decides which
fields are written, in what order; the filters below turn record values
into a format's text. Every filter accepts ``None`` or ``""`` and returns
``""`` then, so a template can drop empty fields with one test.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import latex as tex
from ..model import Date, Name, Record
from . import Writer

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RANGE = re.compile(r"^\s*(\S+?)\s*[-\u2010-\u2015]+\s*(\S+)\s*$")  # "1011-1015", "S1–S5"
_DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")
_AND = re.compile(r",|\band\b", re.I)  # what makes BibTeX split a name or a name list


def template_dir() -> Path:
    """The ``templates`` folder shipped in the package, else the one at the repository top."""
    packaged = resources.files("citex") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


def oneline(text: Any) -> str:
    """The value as one line: runs of whitespace, newlines included, become one space."""
    return " ".join(str(text).split()) if text not in (None, "") else ""


def latex(text: str | None, ascii: bool = True) -> str:
    return tex.escape(oneline(text), ascii)


def bibtex_title(text: str | None, ascii: bool = True) -> str:
    return tex.escape_title(oneline(text), ascii)


def verbatim(text: str | None) -> str:
    """A URL or DOI kept as typed (styles print it with \\url), braces percent-encoded."""
    return oneline(text).replace("{", "%7B").replace("}", "%7D")


def _braced_if_split(part: str) -> str:
    return "{%s}" % part if _AND.search(part) else part


def bibtex_name(name: Name, ascii: bool = True) -> str:
    """``von Last, Jr, First``; an organisation in braces so BibTeX keeps it whole."""
    if name.literal or not name.family:
        text = name.literal or name.given
        return "{%s}" % latex(text, ascii) if text else ""
    last = " ".join(p for p in (name.dropping_particle, name.non_dropping_particle, name.family) if p)
    parts = [last, name.suffix, name.given]
    return ", ".join(_braced_if_split(latex(p, ascii)) for p in parts if p)


def bibtex_names(names: list[Name] | None, truncated: bool = False, ascii: bool = True) -> str:
    """Names joined by `` and ``, with ``and others`` when the list was cut short."""
    out = [s for s in (bibtex_name(n, ascii) for n in names or []) if s]
    if out and truncated:
        out.append("others")
    return " and ".join(out)


def bibtex_pages(page: str | None, ascii: bool = True) -> str:
    """A page range with BibTeX's en dash: 1011-1015 -> 1011--1015."""
    return latex(_DASHES.sub("--", oneline(page)), ascii)


def month(date: Date | None) -> int | None:
    parts = date.parts[0] if isinstance(date, Date) and date.parts else []
    return parts[1] if len(parts) > 1 and 1 <= parts[1] <= 12 else None


def bibtex_month(date: Date | None) -> str:
    """The month as BibTeX's macro (``mar``), written without braces so styles localise it."""
    m = month(date)
    return MONTHS[m - 1] if m else ""


def ris_name(name: Name) -> str:
    """``Last, First, Suffix`` as the RIS specification writes it; an organisation as is."""
    if name.literal or not name.family:
        return oneline(name.literal or name.given)
    last = " ".join(p for p in (name.dropping_particle, name.non_dropping_particle, name.family) if p)
    return ", ".join(oneline(p) for p in (last, name.given, name.suffix) if p)


def ris_date(date: Date | None) -> str:
    """``YYYY/MM/DD/`` (day left empty when unknown), or ``""`` without a month."""
    m = month(date)
    if not m:
        return ""
    parts = date.parts[0]
    day = "%02d" % parts[2] if len(parts) > 2 else ""
    return "%04d/%02d/%s/" % (parts[0], m, day)


def page_range(page: str | None) -> tuple[str, str]:
    """(first, last) page of a single range; a lone page or e-locator is (page, "")."""
    text = oneline(page)
    m = _RANGE.match(text)
    return (m.group(1), m.group(2)) if m else (text, "")


FILTERS = {
    f.__name__: f
    for f in (oneline, latex, bibtex_title, verbatim, bibtex_names, bibtex_pages,
              bibtex_month, ris_name, ris_date, page_range)
}


@cache
def environment():
    """The shared environment, built on first use (jinja2 is imported only then)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()),
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(FILTERS)
    return env


class TemplatedWriter(Writer):
    """A writer that renders ``template`` once per record with :meth:`context`."""

    template = ""

    def context(self, record: Record) -> dict[str, Any]:
        return {"record": record, "key": record.id}

    def render(self, record: Record) -> str:
        return environment().get_template(self.template).render(self.context(record))

    def write(self, record: Record) -> None:
        self.out.write(self.render(record))
