"""The sandboxed jinja2 environment template-based writers share, and its filters.

A writer's template renders one record (the output streams) and decides which
fields are written, in what order; the filters below turn record values
into a format's text. Every filter accepts ``None`` or ``""`` and returns
``""`` then, so a template can drop empty fields with one test.

Built-in and user templates (``--template FILE.j2``) render in one
``ImmutableSandboxedEnvironment``: a template reads the values it is given
and calls the filters, and nothing else. It cannot reach Python internals
(``__class__``...), change a record, import a module or read a file; it can
include only the built-in templates. A user template that tries is refused
before any record is read, with a one-line usage error.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import repeat
from importlib import resources
from pathlib import Path
from typing import Any

from .. import latex as tex
from ..errors import CitexError, UsageError
from ..model import Date, Name, Record, Repair, Source, name_parts
from ..textnorm import LONG_ASCII, not_plain, one_line
from . import Writer
from . import template_limits as limits

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RANGE = re.compile(r"^\s*(\S+?)\s*[-\u2010-\u2015]+\s*(\S+)\s*$")  # "1011-1015", "S1–S5"
_DASHES = re.compile(r"\s*[-\u2010-\u2015]+\s*")
_AND = re.compile(r",|\band\b", re.I)  # what makes BibTeX split a name or a name list
_XDATA = re.compile(r"(?:^|\sand\s)\s*xdata=", re.I)  # Biber's granular XDATA reference


def template_dir() -> Path:
    """The ``templates`` folder shipped in the package, else the one at the repository top."""
    packaged = resources.files("citex") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


@lru_cache(maxsize=None)
def template_hash(name: str) -> str:
    """The first 16 hex digits of the sha256 of the built-in template ``name``."""
    import hashlib  # here: its OpenSSL library costs a run's start 2.6 ms, and only writing needs this

    return hashlib.sha256((template_dir() / name).read_bytes()).hexdigest()[:16]


def oneline(text: Any) -> str:
    """The value as one line: runs of whitespace, newlines included, become one space."""
    if text.__class__ is str:
        return one_line(text)
    return one_line(str(text)) if text not in (None, "") else ""


def latex(text: str | None, ascii: bool = True) -> str:
    """LaTeX-escaped text: rich-text markup as commands, ``$math$`` kept (see citex.latex)."""
    if text is None:
        return ""  # a field the record lacks: most of a template's calls
    # most values: ASCII on one line, no markup, math or specials, given back as they are
    if text.__class__ is str and text.isascii():
        if len(text) > LONG_ASCII:  # one_line knows a long text the rules have looked at
            if not not_plain(text) and one_line(text) is text:  # an abstract's: the rules asked first
                return text
        elif not _NOT_PLAIN_ASCII.search(text) and "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text
    return tex.escape(oneline(text), ascii)


# What latex() must work on in an ASCII string, besides spaces that are not single spaces
# between words: a special, markup, math, a control, or whitespace other than a space.
# One character class, not alternatives: regex alternatives made the scan of an abstract slow.
_NOT_PLAIN_ASCII = re.compile(tex.NOT_PLAIN.pattern[:-1] + r"\t\n\r]")
# The ASCII characters it does not match are textnorm's PLAIN_ASCII: a long text of these only
# (``not_plain`` gives nothing) has none it matches, found in half the regex's time (a
# 700-character abstract: 0.8 µs against 1.8). tests/test_writers_latex_plain.py holds the two together.


def bibtex_title(text: str | None, ascii: bool = True) -> str:
    """:func:`latex`, with the words whose capitals must survive a style braced."""
    return tex.escape_title(oneline(text), ascii) if text is not None else ""


def verbatim(text: str | None) -> str:
    """A URL or DOI kept as typed (styles print it with \\url), braces percent-encoded."""
    return oneline(text).replace("{", "%7B").replace("}", "%7D")


def _braced_if_split(part: str) -> str:
    # "and" would split the name; "=" would make Biber read it as key=value name parts.
    return "{%s}" % part if _AND.search(part) or "=" in part else part


def bibtex_name(name: Name, ascii: bool = True) -> str:
    """``von Last, Jr, First``; an organisation in braces so BibTeX keeps it whole."""
    parts = (*name_parts(name), ascii)
    try:
        return _bibtex_name(*parts)
    except TypeError:  # a part that is no string and cannot be a cache key
        return _bibtex_name.__wrapped__(*parts)


@lru_cache(maxsize=16384)  # names repeat across records; the cache is bounded, memory stays flat
def _bibtex_name(family, given, literal, non_dropping_particle, dropping_particle, suffix, ascii):
    # Most names: a family and a given name of plain ASCII, which the general way gives back as
    # "Family, Given" (tests/test_writers_bibtex.py holds the two to the same text).
    if family.__class__ is str and given.__class__ is str and family and given and not (
            literal or non_dropping_particle or dropping_particle or suffix):
        text = f"{family}, {given}"
        if (text.isascii() and not _NOT_PLAIN_NAME.search(text) and text.count(",") == 1
                and "  " not in text and " ," not in text and text[:1] != " " and text[-1:] != " "
                and not ("and" in text.lower() and _AND_WORD.search(text))):
            return text
    return _bibtex_name_parts(family, given, literal, non_dropping_particle, dropping_particle, suffix, ascii)


# What makes a name's ASCII text other than it is in BibTeX: what latex() escapes, or what
# _braced_if_split braces ("=", the word "and": looked for apart, as one pattern with both
# took twice the time; a comma is counted instead).
_NOT_PLAIN_NAME = re.compile(_NOT_PLAIN_ASCII.pattern[:-1] + r"=]")
_AND_WORD = re.compile(r"\band\b", re.I)


def _bibtex_name_parts(family, given, literal, non_dropping_particle, dropping_particle, suffix, ascii):
    if literal or not family:
        text = literal or given
        return "{%s}" % latex(text, ascii) if text else ""
    last = " ".join(p for p in (dropping_particle, non_dropping_particle, family) if p)
    parts = [_braced_if_split(latex(p, ascii)) for p in (last, suffix, given) if p]
    if sum(p.count(",") for p in parts) + len(parts) > 3:  # over two commas: Biber refuses the
        # entry unless the name starts and ends with a brace (a comma inside a part, braced)
        parts[0], parts[-1] = (p if p[:1] + p[-1:] == "{}" else "{%s}" % p for p in (parts[0], parts[-1]))
    return ", ".join(parts)


# Biber's time grows with the square of a name list (1,000 names: 11 s; 7,456: minutes), and no
# style prints more than a few names: longer lists are cut here, as INSPIRE's BibTeX export
# does for collaborations, and the writer says so on the record (bibentry.BibEntryWriter).
MAX_BIB_NAMES = 500


def bibtex_names(names: list[Name] | None, truncated: bool = False, ascii: bool = True) -> str:
    """Names joined by `` and ``, with ``and others`` when the list was cut short (or is over
    ``MAX_BIB_NAMES``)."""
    if not names:
        return ""
    truncated = truncated or len(names) > MAX_BIB_NAMES
    out = [s for s in map(bibtex_name, names[:MAX_BIB_NAMES], repeat(ascii)) if s]
    if out and truncated:
        out.append("others")
    return " and ".join(out)


def biber_text(text: str | None) -> str:
    """A value Biber would take for a granular XDATA reference (``xdata=key-field``), braced.

    Biber reads a field, or an item of a list field, that is ``xdata=...`` as data
    to fetch from another entry; in two pairs of braces (Biber strips one from a list
    item) it is the text it is.
    """
    text = text or ""
    return "{{%s}}" % text if "=" in text and _XDATA.search(text) else text  # "in" first: cheaper


def bibtex_pages(page: str | None, ascii: bool = True) -> str:
    """A page range with BibTeX's en dash: 1011-1015 -> 1011--1015."""
    return latex(_DASHES.sub("--", oneline(page)), ascii)


def bibtex_fields(fields: list[tuple[str, str]] | None, bare=(), biber_text_except=None) -> str:
    """The ``name = {value}`` lines of an entry, names aligned, a comma after each but the last.

    Pairs with no name or no value are left out; values of ``bare`` fields (macros such
    as ``month``) are written without braces. With ``biber_text_except``, every value but
    those of the fields listed goes through :func:`biber_text`.
    """
    kept = [(n, v) for n, v in fields or () if n and v]
    if not kept:
        return ""
    width = max([len(n) for n, _ in kept])
    if biber_text_except is not None:
        kept = [(n, v if n in biber_text_except else biber_text(v)) for n, v in kept]
    return ",\n".join(["  %-*s = %s" % (width, n, v) if n in bare else "  %-*s = {%s}" % (width, n, v)
                       for n, v in kept]) + "\n"


def bib_entry(context: dict[str, Any], fields: list[tuple[str, str]], **options: Any) -> str:
    """What bibtex.j2 and biblatex.j2 write around their ``fields``: ``@type{key,`` and ``}``,
    a blank line before every entry but the first."""
    return "%s@%s{%s,\n%s}\n" % ("\n" if context["index"] else "", context["entry_type"], context["key"],
                               bibtex_fields(fields, **options))


class Values(dict):
    """A record's fields as a template reads them: ``values["title"]``, ``None`` for a field the
    record lacks. (jinja2 calls ``record.get("title")`` through its context, several times slower.)"""

    __slots__ = ()

    def __missing__(self, key: str) -> None:
        return None


def month(date: Date | None) -> int | None:
    parts = date.parts[0] if isinstance(date, Date) and date.parts else []
    return parts[1] if len(parts) > 1 and 1 <= parts[1] <= 12 else None


def bibtex_month(date: Date | None) -> str:
    """The month as BibTeX's macro (``mar``), written without braces so styles localise it."""
    m = month(date)
    return MONTHS[m - 1] if m else ""


def bibtex_year(date: Date | None) -> str:
    """The year (of a range, the first: BibTeX and Biber sort by an integer year); else a date's literal text."""
    if not isinstance(date, Date):
        return ""
    return str(date.year) if date.year is not None else latex(date.literal)


def _iso(parts: list[int], season: int | None = None) -> str:
    # ISO 8601 counts a year 0 (1 BC), CSL does not: CSL -45 (45 BC) is ISO -0044
    year = parts[0] if parts[0] >= 0 else parts[0] + 1
    month, day = (list(parts[1:3]) + [0, 0])[:2]
    if 13 <= month <= 16 or 21 <= month <= 24:  # a season given as a month (citeproc-js, EDTF)
        season, month = month - (12 if month <= 16 else 20), 0
    if not 1 <= month <= 12:  # Biber ignores the whole date for a month it cannot read
        month = day = 0
    rest = ["%02d" % p for p in (month, day if 1 <= day <= 31 else 0) if p]
    if not rest and season in (1, 2, 3, 4):
        rest = [str(20 + season)]  # ISO 8601-2 seasons: 21 spring ... 24 winter
    if abs(year) > 9999 and not rest:
        return "Y%d" % year  # ISO 8601-2 (and Biber): a year of five or more digits, "Y17000002"
    return "-".join(["%04d" % year if year >= 0 else "-%04d" % -year, *rest])


def iso_date(date: Date | None) -> str:
    """The date in ISO 8601 as biblatex reads it: ``2020-12-21``, ``2020-03``, a range ``2019/2020``.

    A date that is only literal text ("Spring 2020") has no ISO form: ``""``.
    """
    if not isinstance(date, Date) or not date.parts or not date.parts[0]:
        return ""
    start = _iso(date.parts[0], date.season)
    if len(date.parts) > 1 and date.parts[1] and date.parts[1] != date.parts[0]:
        return start + "/" + _iso(date.parts[1])
    return start


def ris_name(name: Name | None) -> str:
    """``Last, First, Suffix`` as the RIS specification writes it; an organisation as is."""
    if name is None:
        return ""
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
    for f in (oneline, latex, bibtex_title, verbatim, bibtex_names, bibtex_fields, biber_text, bibtex_pages,
              bibtex_month, bibtex_year, iso_date, ris_name, ris_date, page_range)
}

# What a template may read of the model's objects; everything else is refused.
# (The sandbox already refuses "_" names; this also keeps Record.fix and .report out.)
VISIBLE = {
    Record: {"type", "fields", "id", "extra", "truncated", "source", "repairs", "get", "year"},
    Name: {"family", "given", "literal", "non_dropping_particle", "dropping_particle", "suffix",
           "sort_family"},
    Date: {"parts", "literal", "season", "year"},
    Source: {"format", "path", "line", "dialect"},
    Repair: {"rule", "field", "before", "after", "note"},
}


@cache
def environment():
    """The one sandboxed environment, built on first use (jinja2 is imported only then)."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            allowed = VISIBLE.get(type(obj))
            if allowed is not None:
                return attr in allowed
            return super().is_safe_attribute(obj, attr, value)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            """``"a" * 10**10`` and ``9 ** 10**9`` would eat all memory or time: refused."""
            from jinja2.sandbox import SecurityError

            sequence = [x for x in (left, right) if isinstance(x, (str, list, tuple))]
            count = [x for x in (left, right) if isinstance(x, int)]
            if (operator == "**" and isinstance(right, int) and abs(right) > 64
                    or operator == "*" and sequence and count and len(sequence[0]) * count[0] > 10**6):
                raise SecurityError(f"'{operator}' would make a value too large")
            return super().call_binop(context, operator, left, right)

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            limits.check_arguments(getattr(__obj, "__name__", "call"), args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

    env = Sandbox(
        loader=jinja2.FileSystemLoader(template_dir()),
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(FILTERS)
    env.filters.update({name: limits.bounded_filter(name, f) for name, f in env.filters.items()})
    return env


@cache
def builtin_environment():
    """The environment of the built-in templates: they are the package's own code, so they
    render without the sandbox's check on every attribute and call (several times faster).
    A user's template always renders in the sandbox (:func:`environment`)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()), auto_reload=False,
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(FILTERS)
    return env


def user_template(path: str, variables: set[str] | None = None):
    """A user's template file, compiled; refused with a usage error if it reaches past its values.

    ``variables`` are the names the writer gives a template; a template using
    another (``os``, ``open``...) is refused.
    """
    from jinja2 import TemplateSyntaxError, nodes
    from jinja2.meta import find_undeclared_variables

    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the template: {getattr(exc, 'strerror', None) or exc}") from None
    env = environment()
    try:
        ast = env.parse(source, path, path)
    except TemplateSyntaxError as exc:
        raise UsageError(f"{path}:{exc.lineno}: template error: {exc.message}") from None
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_"):
            raise UsageError(f"{path}:{node.lineno}: template error: '{name}' is refused: "
                             "templates cannot reach Python internals")
    builtin = set(env.loader.list_templates())
    for node in ast.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        target = getattr(node.template, "value", None)
        if target not in builtin:
            raise UsageError(f"{path}:{node.lineno}: template error: a template can include only "
                             f"the built-in templates ({', '.join(sorted(builtin))})")
    unknown = sorted(find_undeclared_variables(ast) - (variables or set()) - set(env.globals))
    if variables is not None and unknown:
        raise UsageError(f"{path}: template error: unknown variable '{unknown[0]}'; a template "
                         f"can use {', '.join(sorted(variables))}")
    return env.template_class.from_code(env, env.compile(ast, path, path), env.make_globals(None), None)


class TemplatedWriter(Writer):
    """A writer that renders ``template`` once per record with :meth:`context`.

    ``template=PATH`` (the ``--template`` option) renders a user's template
    instead, with the same variables, plus ``index`` (0 for the first record).
    """

    template = ""

    def __init__(self, out, **options: Any):
        super().__init__(out, **options)
        self.count = 0
        path = options.get("template")
        self._template = user_template(path, self._variables()) if path else None
        self.first_only = self._template is None  # the built-in templates: "\n" if index
        self._builtin = None  # the built-in template, loaded on first use
        self._direct: bool | None = None  # whether render_direct may write (see direct())
        self._globals = None  # its environment's globals, as one dict

    def _variables(self) -> set[str] | None:
        try:  # the names context() gives: what a user template may use
            return set(self.context(Record(id="key"))) | {"index"}
        except Exception:  # a context that needs a real record: leave names to render time
            return None

    def context(self, record: Record) -> dict[str, Any]:
        return {"record": record, "key": record.id, "values": Values(record.fields)}

    # The sha256 (first 16 hex digits) of the built-in template that render_direct writes;
    # a changed template file is rendered by jinja2 until the direct writer follows it.
    direct_for: str | None = None

    def render_direct(self, context: dict[str, Any]) -> str | None:
        """The built-in template's text for ``context`` written in Python, or ``None`` to render
        the template. A writer that overrides this has a test that the two texts are the same."""
        return None

    def direct(self) -> bool:
        """Whether records may be written by ``render_direct``: no user template, and the
        built-in template is the one it mirrors (templates/ stays what defines the format)."""
        if self._direct is None:
            self._direct = self._template is None and self.direct_for is not None and \
                template_hash(self.template) == self.direct_for
        return self._direct

    def render(self, record: Record) -> str:
        context = {**self.context(record), "index": self.count}
        if self.direct():
            text = self.render_direct(context)
            if text is not None:
                return text
        from jinja2 import TemplateError  # only here: the direct writers never load jinja2

        if self._builtin is None and self._template is None:
            self._builtin = builtin_environment().get_template(self.template)
        try:
            if self._template:  # a user's template runs within time and size bounds
                return limits.render_bounded(self._template, context, limits.output_budget(record))
            return self._render_builtin(context)
        except TemplateError as exc:
            where = self.options.get("template") or self.template
            tb, line = exc.__traceback__, None
            while tb:  # jinja2 maps the template's own frames to its lines
                if tb.tb_frame.f_code.co_filename in (where, "<template>"):
                    line = tb.tb_lineno
                tb = tb.tb_next
            where = f"{where}:{line}" if line else where
            raise CitexError(f"{where}: template error: {exc}", record.source.location()) from None

    def _render_builtin(self, context: dict[str, Any]) -> str:
        """``Template.render``, with the environment's globals merged once per writer: jinja2
        merges them into every record's context from a ChainMap, a sixth of a BibTeX render."""
        template = self._builtin
        if self._globals is None:
            self._globals = dict(template.globals)
        frame = template.new_context({**self._globals, **context}, shared=True)
        try:
            return template.environment.concat(template.root_render_func(frame))
        except Exception:
            template.environment.handle_exception()

    def write(self, record: Record) -> None:
        self.out.write(self.render(record))
        self.count += 1
