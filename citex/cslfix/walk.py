"""Shorter paths through citeproc-py's tree walk: the same answers in fewer calls.

Not a fix of the output. After ``speed`` memoised the style lookups, what an
entry costs is the number of Python calls per element rendered (about 9,000
an APA entry). Here, each replacement returns what the method it replaces
returned, for the same element and item:

- ``Formatted.format`` reads its five attributes in one pass and asks for the
  formatter only when one of them is set (it asked five times for every
  formatted piece, about 230 times an entry);
- ``get_root`` is kept on the element itself, so ``get_formatter`` and
  ``get_layout`` (the nearest ``<layout>``) are two attribute reads;
- ``get_macro`` is looked up in a per-style table of macros by name;
- ``Text.process`` finds the item's language without raising and catching a
  ``VariableError`` for every text of an item that has none;
- ``normalize_seam`` (where two pieces meet: no double space or ".."), which
  turned both pieces into whole strings to compare two characters, reads the
  last character of the one and the first of the other.

Imported by ``citex.writers.csl.load_style`` only, so citeproc is imported here at the top.
"""

from __future__ import annotations

from typing import Any

from citeproc.string import SEAM_PUNCTUATION, MixedString, NoCase, String, _strip_first_char

from . import once
from .speed import memo

_ROOT = "_citex_root"  # on each element: its root element
_LAYOUT = "_citex_layout"  # on each element: its nearest <layout> (or ancestor-or-self)
REPLACED: dict[str, Any] = {}  # "Class.method" -> citeproc-py's own, for the tests that compare them


@once
def install() -> None:
    """Replace the methods named in the module's docstring once."""
    from citeproc.model import CitationStylesElement, Formatted, Locale, Text

    for owner, name in ((CitationStylesElement, "get_root"), (CitationStylesElement, "get_formatter"),
                        (CitationStylesElement, "get_layout"), (CitationStylesElement, "get_macro"),
                        (Formatted, "format"), (Text, "process")):
        REPLACED[f"{owner.__name__}.{name}"] = getattr(owner, name)
    CitationStylesElement.get_root = _get_root
    CitationStylesElement.get_formatter = _get_formatter(Locale)
    CitationStylesElement.get_layout = _get_layout(CitationStylesElement.get_layout)
    CitationStylesElement.get_macro = _get_macro(CitationStylesElement.get_macro)
    Formatted.format = _format
    Text.process = _text_process()
    import citeproc.model
    import citeproc.string

    REPLACED["normalize_seam"] = citeproc.string.normalize_seam
    citeproc.string.normalize_seam = citeproc.model.normalize_seam = _normalize_seam


def _get_root(self: Any) -> Any:
    found = self.__dict__.get(_ROOT)
    if found is None:
        memo(self)  # keeps this element's Python object, and so what is kept on it, alive with the style
        found = self.__dict__[_ROOT] = self.getroottree().getroot()
    return found


def _get_formatter(locale_class: Any) -> Any:
    def get_formatter(self: Any) -> Any:
        root = _get_root(self)
        return root.style.formatter if isinstance(root, locale_class) else root.formatter

    return get_formatter


def _get_layout(slow: Any) -> Any:
    def get_layout(self: Any) -> Any:
        found = self.__dict__.get(_LAYOUT)
        if found is None:
            memo(self)
            found = self.__dict__[_LAYOUT] = slow(self)
        return found

    return get_layout


def _get_macro(slow: Any) -> Any:
    def get_macro(self: Any, name: str) -> Any:
        macros = memo(_get_root(self)).setdefault("macros", {})
        found = macros.get(name)
        if found is None:
            found = macros[name] = slow(self, name)
        return found

    return get_macro


def _format(self: Any, string: Any) -> Any:
    """``Formatted.format``: font style, variant, weight, decoration and vertical alignment, in that order."""
    if isinstance(string, (int, float)):
        string = str(string)
    get = self.get
    style, variant, weight = get("font-style", "normal"), get("font-variant", "normal"), get("font-weight", "normal")
    decoration, align = get("text-decoration", "none"), get("vertical-align", "baseline")
    if style == "normal" and variant == "normal" and weight == "normal" and decoration == "none" \
            and align == "baseline":
        return string
    formatter = self.get_formatter()
    if style == "italic":
        string = formatter.Italic(string)
    elif style == "oblique":
        string = formatter.Oblique(string)
    if variant == "small-caps":
        string = formatter.SmallCaps(string)
    if weight == "bold":
        string = formatter.Bold(string)
    elif weight == "light":
        string = formatter.Light(string)
    if decoration == "underline":
        string = formatter.Underline(string)
    if align == "sup":
        string = formatter.Superscript(string)
    elif align == "sub":
        string = formatter.Subscript(string)
    return string


def _text_process() -> Any:
    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """``Text.process``: (text, the item's language or the style's default, two letters)."""
        if context is None:
            context = self
        reference = item.reference
        if "language" in reference:
            language = reference["language"][:2]
        else:
            language = _get_root(self).get("default-locale", "en")[:2]
        get = self.get  # an attribute is there when get finds it (cheaper than self.attrib, a new object)
        if get("variable") is not None:
            text = self._variable(item, context)
        elif get("macro") is not None:
            text = self.get_macro(get("macro")).render(item, context)
        elif get("term") is not None:
            text = self._term(item)
        elif get("value") is not None:
            text = String(self.preformat(get("value")))
        else:  # as citeproc-py: a <text> with none of them is an error
            raise UnboundLocalError("cannot access local variable 'text' where it is not associated with a value")
        return text, language

    return process


_PLAIN = frozenset((str, String, NoCase))  # string types whose str() is their own text


def _end(value: Any, last: bool) -> str:
    """The last (or first) character of ``str(value)``, "" if it is empty."""
    if type(value) in _PLAIN:
        return value[-1:] if last else value[:1]
    if isinstance(value, MixedString):  # a list of pieces: its str() is their texts joined
        for piece in (reversed(value) if last else value):
            found = _end(piece, last)
            if found:
                return found
        return ""
    text = str(value)
    return text[-1:] if last else text[:1]


def _normalize_seam(left: Any, other: Any) -> Any:
    """``citeproc.string.normalize_seam``: ``other`` without its first character where it would
    double a space or a punctuation mark ending ``left``."""
    last, first = _end(left, True), _end(other, False)
    if not last or not first:
        return other
    if (last == " " and first == " ") or (last == first and first in SEAM_PUNCTUATION):
        return _strip_first_char(other)
    return other
