"""BibTeX name lists: ``First von Last``, ``von Last, First``, ``von Last, Jr, First``.

Names are split on ``and`` at brace depth 0 (any letter case), each name on
commas and spaces at depth 0, so ``{Barnes and Noble}`` and ``{Corporate
Name}`` stay whole (a name that is one brace group is a ``literal``).
``von`` is the run of words starting with a lower-case letter before the last
name; like biblatex (and pandoc), a capitalised word after a ``von`` word
belongs to the last name ("Drummond de Andrade, Carlos" has no von part), and
unlike BibTeX a name typed all in lower case ("sudhin jacob") has no von part.
It becomes the CSL non-dropping particle ("van Gogh"), as in citation-js.
Biblatex's extended form ``family=Smith, given=John, prefix=van`` is read too.
A trailing ``and others`` is not a name: the caller marks the list truncated.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..model import Name, name_parts
from .bibtex_scan import BRACED
from .latex_decode import plain

# \s+and\s+, written to start with one \s: a pattern that opens with a character class lets
# the regex engine skip to the next blank, where a repeat is tried at every position.
_AND = re.compile(r"\s\s*and\s+", re.I)
_SPACE = re.compile(r"[\s~]+")
# Any key=value piece: Biber data models add nameparts ("middle=") and per-name options.
_ANY_KEYVAL = re.compile(r"^\s*[a-z][a-z-]*\s*=", re.I)
_KEYVAL = re.compile(r"^\s*(family|given|prefix|suffix|useprefix|[a-z]+i)\s*=", re.I)
_BRACE = re.compile(r"[{}]")
_GROUPS = re.compile(f"({BRACED})")  # a balanced brace group, up to five deep
_COMMA = re.compile(",")
_CONTROL = re.compile(r"\\([A-Za-z]+|.)")
_FOREIGN_LETTERS = {"oe", "OE", "ae", "AE", "aa", "AA", "o", "O", "l", "L", "ss", "i", "j"}


class NameList(NamedTuple):
    names: list[Name]
    truncated: bool  # ended with "and others"
    problems: list[str]


def _mask(text: str) -> str:
    """``text`` with everything inside braces replaced by "x": depth-0 splitting on the mask."""
    if "{" not in text:
        return text
    parts = _GROUPS.split(text)  # text, group, text, ..., text: one regex pass in C
    outside = "".join(parts[::2])
    if "{" in outside or "}" in outside:  # unbalanced, or nested deeper
        return _mask_by_depth(text)
    parts[1::2] = ["{" + "x" * (len(group) - 2) + "}" for group in parts[1::2]]
    return "".join(parts)


def _mask_by_depth(text: str) -> str:
    """``_mask`` for any text: a stray "}" becomes "x", an unclosed "{" masks the rest."""
    out, depth, last = [], 0, 0
    for m in _BRACE.finditer(text):  # brace to brace, not character by character
        at = m.start()
        out.append("x" * (at - last) if depth else text[last:at])
        if text[at] == "{":
            depth += 1
            out.append("{" if depth == 1 else "x")
        else:
            out.append("}" if depth == 1 else "x")
            depth = max(depth - 1, 0)
        last = at + 1
    out.append("x" * (len(text) - last) if depth else text[last:])
    return "".join(out)


def _split(text: str, mask: str, pattern: re.Pattern[str]) -> list[str]:
    if text is mask:  # no braces: the text splits as it is
        return pattern.split(text)
    parts, start = [], 0
    for m in pattern.finditer(mask):
        parts.append(text[start:m.start()])
        start = m.end()
    parts.append(text[start:])
    return parts


def parse_names(raw: str) -> NameList:
    """The names in one BibTeX name field (LaTeX still in it)."""
    names, truncated, problems = _parse_names(raw.strip())
    # new Name objects each time: records own their names (repairs change them in place)
    return NameList([Name(*parts) for parts in names], truncated, list(problems))


# Whole lists come back less often than names (_parse_name has those) and weigh ~1 KB each:
# a small cache, full within the first few thousand entries, so memory is level after.
@lru_cache(maxsize=2048)
def _parse_names(raw: str) -> tuple[tuple[tuple, ...], bool, tuple[str, ...]]:
    if not raw:
        return (), False, ()
    parts = _AND.split(raw)  # the usual case: every "and" is at brace depth 0
    if "{" in raw or "}" in raw:
        if not all(map(_nested, parts)):
            parts = _split(raw, _mask(raw), _AND)
    parts = [p.strip() for p in parts]
    truncated = False
    problems: list[str] = []
    if len(parts) > 1 and parts[-1].lower() == "others":
        truncated = True
        parts.pop()
    names = []
    for part in parts:
        if not part.strip(" ,"):
            problems.append("an empty name was left out")
            continue
        if part.lower() == "others":
            problems.append("'others' stands before the last name; left out")
            continue
        names.append(_parse_name(part))
    return tuple(names), truncated, tuple(problems)


@lru_cache(maxsize=32768)  # mostly one name each, and names come back
def _nested(text: str) -> bool:
    """True if the braces of ``text`` close in order: then a piece of a split at "and" that
    has this is at depth 0 at both ends, and its "and"s were all outside braces."""
    depth = 0
    for m in _BRACE.finditer(text):
        depth += 1 if m.group() == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def parse_name(raw: str) -> Name:
    """One name: a literal, the extended key=value form, or the three BibTeX forms."""
    return Name(*_parse_name(raw))


@lru_cache(maxsize=32768)  # a name comes back in other author lists
def _parse_name(raw: str) -> tuple:
    return name_parts(_name(raw))


def _name(raw: str) -> Name:
    mask = _mask(raw)
    if mask.startswith("{") and mask.endswith("}") and mask.count("{") == 1:
        return Name(literal=plain(raw[1:-1]) or None)
    pieces = [p.strip() for p in _split(raw, mask, _COMMA)]
    if "=" in mask and all(_ANY_KEYVAL.match(p) for p in pieces if p) and \
            any(_KEYVAL.match(p) for p in pieces if p):
        return _extended(pieces)
    if len(pieces) > 3:  # BibTeX's "too many commas": likely a list typed with commas, kept whole
        return Name(literal=plain(raw) or None)
    words = [_words(p) for p in pieces]
    if len(words) == 1:
        given, von, family = _first_von_last(words[0])
        suffix: list[str] = []
    else:
        von, family = _von_last(words[0])
        suffix = words[1] if len(words) > 2 else []
        given = [w for part in words[2:] for w in part] if len(words) > 2 else words[1]
    return Name(family=_join(family), given=_join(given), non_dropping_particle=_join(von),
                suffix=_join(suffix))


def _words(part: str) -> list[str]:
    return [w for w in _split(part, _mask(part), _SPACE) if w]


def _join(words: list[str]) -> str | None:
    return (plain(" ".join(words)) or None) if words else None


def _first_von_last(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    if len(words) < 2:
        return [], [], words
    if all(_is_lower(w) for w in words):  # "sudhin jacob": typed in lower case, no von
        return words[:-1], [], words[-1:]
    first = 0
    while first < len(words) - 1 and not _is_lower(words[first]):
        first += 1
    if first == len(words) - 1:  # no von part: the last word is the last name
        return words[:-1], [], words[-1:]
    von, family = _von_last(words[first:])
    return words[:first], von, family


def _von_last(words: list[str]) -> tuple[list[str], list[str]]:
    """Leading lower-case words are ``von``; the last name keeps at least one word."""
    end = 0
    while end < len(words) - 1 and _is_lower(words[end]):
        end += 1
    return words[:end], words[end:]


def _is_lower(word: str) -> bool:
    """True if the first letter at brace depth 0 is lower case (BibTeX's ``von`` test).

    A special character ``{\\"u}`` counts by its letter; any other brace group has no case.
    """
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        if ch.isalpha():
            return ch.islower()
        if ch == "{":
            close = _close(word, i)
            if word.startswith("{\\", i):
                return _special_is_lower(word[i + 1:close])
            i = close + 1
            continue
        if ch == "\\":
            m = _CONTROL.match(word, i)
            if m and m.group(1) in _FOREIGN_LETTERS:
                return m.group(1).islower()
            i = m.end() if m else i + 1
            continue
        i += 1
    return False


def _special_is_lower(inner: str) -> bool:
    m = _CONTROL.match(inner)
    if m and m.group(1) in _FOREIGN_LETTERS:
        return m.group(1).islower()
    rest = inner[m.end():] if m else inner
    letters = [c for c in rest if c.isalpha()]
    return bool(letters) and letters[0].islower()


def _close(word: str, start: int) -> int:
    depth = 0
    for i in range(start, len(word)):
        depth += (word[i] == "{") - (word[i] == "}")
        if depth == 0:
            return i
    return len(word) - 1


def _extended(pieces: list[str]) -> Name:
    parts: dict[str, str] = {}
    for piece in pieces:
        key, _, value = piece.partition("=")
        parts[key.strip().lower()] = plain(value.strip())
    prefix = parts.get("prefix") or None
    # A custom "middle" namepart is part of the given names; name options (id=,
    # uniquenametemplatename=…) are Biber settings, not parts of the name.
    given = " ".join(p for p in (parts.get("given"), parts.get("middle")) if p)
    return Name(family=parts.get("family") or None, given=given or None,
                non_dropping_particle=prefix, suffix=parts.get("suffix") or None)
