"""LaTeX in BibTeX field values to Unicode text with CSL-JSON rich-text markup.

``{\\"o}`` -> ö, ``\\&`` -> &, ``--`` -> –, ``~`` -> no-break space,
``\\emph{x}``/``\\textit{x}`` -> ``<i>x</i>``, ``\\textbf`` -> ``<b>``, ``\\textsc`` ->
small caps, math stays as written (``$x^2$``). In title fields a brace group at
the top level (``{DNA}``, ``{{Whole Title}}``) protects letter case, so it
becomes ``<span class="nocase">DNA</span>`` and a writer can brace it again;
a group that starts with a command (``{\\"O}``, ``{\\em x}``) is a BibTeX
"special character" and protects nothing. An unknown command is kept as
written and named in the result so the reader can report it.

A small hand-written decoder: pylatexenc's LatexNodes2Text knows no markup and
is several times slower. Values without ``\\ { } $ ~ ` ''`` skip it (their
``--`` and ``---`` become dashes by replacement), and results are cached
(journal names and publishers repeat).
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from ..latex import balanced
from ..textnorm import cache_short, printable
from .latex_symbols import (ACCENTS, DECLARATIONS, ESCAPES, SPACING_ACCENTS, STYLE_COMMANDS,
                            STYLES, SWALLOW, SYMBOLS, WRAP)

_PLAIN = re.compile(r"[^\\{}$~`'\-]+")
_NAME = re.compile(r"[A-Za-z]+")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_VERBATIM_ESCAPES = re.compile(r"\\([_%&#$~])|\\textasciitilde(?:\{\})?|\\url\{([^{}]*)\}")


class Decoded(NamedTuple):
    text: str
    unknown: tuple[str, ...]  # LaTeX commands kept as written


def decode(value: str, title: bool = False, markup: bool = True) -> Decoded:
    """``value`` (a field's text, its outer delimiters removed) as Unicode with markup."""
    if not needs_parser(value):
        if "--" in value:  # pages, ranges: the parser's dashes, without it or its cache
            value = value.replace("---", "\u2014").replace("--", "\u2013")
        if "  " in value or not printable(value):  # else no run of spaces to make one
            value = _SPACES.sub(" ", value)
        return Decoded(value.strip(), ())
    return _decode(value, title, markup)


def needs_parser(value: str) -> bool:
    """True if ``value`` has a character the parser must read; what else it changes is runs of
    dashes (--, ---). Finds in C: a regex alternation walked long abstracts ~4x slower."""
    return ("\\" in value or "{" in value or "}" in value or "$" in value or "~" in value
            or "`" in value or "''" in value)


def plain(value: str) -> str:
    """Unicode text without any markup (for names and places)."""
    if value.isalnum():  # a year, a month, a one-word name: no LaTeX, no space to fold
        return value
    return decode(value, markup=False).text


def verbatim(value: str) -> str:
    """A URL, DOI or eprint: escapes and ``\\url{}`` undone, nothing else (``~`` stays ``~``)."""
    value = value.strip()
    if "\\" in value:  # every escape starts with one
        value = _VERBATIM_ESCAPES.sub(_unescape, value)
    while value.startswith("{") and value.endswith("}") and balanced(value[1:-1]):
        value = value[1:-1].strip()
    return value


def _unescape(m: re.Match[str]) -> str:
    if m.group(1):
        return m.group(1)
    return "~" if m.group(2) is None else m.group(2)


@cache_short(4096)  # journals, publishers, places repeat; full early, so memory is level after
def _decode(value: str, title: bool, markup: bool) -> Decoded:
    # \'' is a common slip for \" (two quotes for one double quote): G\''{u}nter.
    value = value.replace("\\''", '\\"')
    parser = _Parser(value, title, markup)
    try:
        text = parser.group(top=True)
    except RecursionError:  # hundreds of nested groups or accents: no real value has them
        return Decoded(_SPACES.sub(" ", value).strip(), ("...(nested too deep to decode)",))
    text = _SPACES.sub(" ", text).strip()
    return Decoded(text, tuple(dict.fromkeys(parser.unknown)))


class _Parser:
    """Recursive descent over one value; ``pos`` moves forward only."""

    def __init__(self, text: str, title: bool, markup: bool):
        self.text, self.title, self.markup = text, title, markup
        self.pos = 0
        self.unknown: list[str] = []

    def wrap(self, style: str, inner: str) -> str:
        if not self.markup or not inner.strip():
            return inner
        opener, closer = STYLES[style]
        return f"{opener}{inner}{closer}"

    def group(self, top: bool = False) -> str:
        """Text up to the ``}`` closing the current group (or the end), which is consumed."""
        out: list[str] = []
        text, n = self.text, len(self.text)
        while self.pos < n:
            m = _PLAIN.match(text, self.pos)
            if m:
                out.append(m.group())
                self.pos = m.end()
                continue
            ch = text[self.pos]
            self.pos += 1
            if ch == "}":
                if not top:
                    break  # a stray "}" at the top level is dropped
            elif ch == "{":
                out.append(self.braced(top))
            elif ch == "\\":
                declared = self.command(out)
                if declared is not None:  # \em ...: styles the rest of this group
                    out.append(self.wrap(declared, self.group(top)))
                    break
            elif ch == "$":
                out.append(self.math())
            elif ch == "~":
                out.append("\u00a0")
            elif ch == "-":
                out.append(self.dashes())
            elif ch == "`":
                out.append(self.pair("`", "\u201c", "\u2018"))
            else:  # "'"
                out.append(self.pair("'", "\u201d", "'"))
        return "".join(out)

    def braced(self, top: bool) -> str:
        special = self.text.startswith("\\", self.pos)
        inner = self.group()
        if top and self.title and not special and any(c.isalpha() for c in inner):
            return self.wrap("nocase", inner)
        return inner

    def pair(self, ch: str, double: str, single: str) -> str:
        if self.text.startswith(ch, self.pos):
            self.pos += 1
            return double
        return single

    def dashes(self) -> str:
        run = 1
        while run < 3 and self.text.startswith("-", self.pos):
            self.pos += 1
            run += 1
        return ("-", "\u2013", "\u2014")[run - 1]

    def math(self) -> str:
        """``$...$`` (or ``$$...$$``) kept as written."""
        start = self.pos - 1
        fence = "$$" if self.text.startswith("$", self.pos) else "$"
        self.pos = start + len(fence)
        while self.pos < len(self.text):
            end = self.text.find(fence, self.pos)
            if end < 0:
                break
            if self.text[end - 1] != "\\":
                self.pos = end + len(fence)
                return self.text[start:self.pos]
            self.pos = end + 1
        self.pos = len(self.text)
        return self.text[start:]

    def argument(self) -> str:
        """A command's argument: a group, a command, or one character."""
        text = self.text
        while self.pos < len(text) and text[self.pos] in " \t\n":
            self.pos += 1
        if self.pos >= len(text):
            return ""
        ch = text[self.pos]
        self.pos += 1
        if ch == "{":
            return self.group()
        if ch == "\\":
            out: list[str] = []
            self.command(out)
            return "".join(out)
        return ch

    def raw_argument(self) -> str:
        """A group's text exactly as written (for \\url)."""
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in " \t\n":
            self.pos += 1
        if not self.text.startswith("{", self.pos):
            self.pos = start
            return ""
        depth, i = 0, self.pos
        for i in range(self.pos, len(self.text)):
            depth += (self.text[i] == "{") - (self.text[i] == "}")
            if depth == 0:
                break
        raw = self.text[self.pos + 1:i]
        self.pos = i + 1
        return raw

    def command(self, out: list[str]) -> str | None:
        """Decode the command after a backslash into ``out``; a declaration returns its style."""
        m = _NAME.match(self.text, self.pos)
        if not m:  # a control symbol: \& \' \\ ...
            if self.pos >= len(self.text):
                out.append("\\")
                return None
            ch = self.text[self.pos]
            self.pos += 1
            if ch in ACCENTS:
                out.append(_accent(ACCENTS[ch], self.argument()))
            elif ch == "(" or ch == "[":  # \( math \) kept as written
                close = "\\)" if ch == "(" else "\\]"
                end = self.text.find(close, self.pos)
                end = len(self.text) if end < 0 else end + 2
                out.append(self.text[self.pos - 2:end])
                self.pos = end
            else:
                out.append(ESCAPES.get(ch, ch))
            return None
        name = m.group()
        self.pos = m.end()
        if name in ACCENTS and (self.pos >= len(self.text) or not self.text[self.pos].isalpha()):
            out.append(_accent(ACCENTS[name], self.argument()))
            return None
        while self.pos < len(self.text) and self.text[self.pos] in " \t\n":
            self.pos += 1  # TeX ignores spaces after a control word
        if name in SYMBOLS:
            if self.text.startswith("{}", self.pos):
                self.pos += 2
            out.append(SYMBOLS[name])
        elif name in STYLE_COMMANDS:
            inner = self.argument()
            if name.endswith(("uppercase", "Uppercase")):
                inner = inner.upper()
            elif name.endswith(("lowercase", "Lowercase")):
                inner = inner.lower()
            out.append(self.wrap(STYLE_COMMANDS[name], inner))
        elif name in DECLARATIONS:
            return DECLARATIONS[name]
        elif name in WRAP:
            opener, closer = WRAP[name]
            out.append(opener + self.argument() + closer)
        elif name == "url":
            out.append(self.raw_argument())
        elif name == "href":
            self.raw_argument()
            out.append(self.argument())
        elif name == "foreignlanguage" or name == "foreignquote":
            self.argument()
            out.append(self.argument())
        elif name == "ElsevierGlyph" or name == "unichar":
            code = self.argument()
            point = int(code, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", code) else -1
            # beyond U+10FFFF chr() fails, and a surrogate cannot be written as UTF-8
            out.append(chr(point) if 0 < point <= 0x10FFFF and not 0xD800 <= point <= 0xDFFF else code)
        elif name in SWALLOW:
            self.argument()
        else:
            self.unknown.append(name)  # kept as written, with its braced arguments
            out.append("\\" + name + (" " if self.text[m.end():self.pos] else ""))
            while self.text.startswith("{", self.pos):
                out.append("{" + self.raw_argument() + "}")
        return None


def _accent(mark: str, arg: str) -> str:
    """``arg`` with a combining ``mark`` on its first letter: (\\u0308, "o") -> ö."""
    if not arg:  # \~{} is the accent itself
        return SPACING_ACCENTS.get(mark, "")
    base = {"ı": "i", "ȷ": "j"}.get(arg[0], arg[0])
    return unicodedata.normalize("NFC", base + mark) + arg[1:]
