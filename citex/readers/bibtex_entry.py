"""One BibTeX entry's fields as written -> a ``RawEntry``: macros expanded, ``#`` joined.

A field given twice keeps its first value (the others go to ``repeated``, with
a warning); BibTeX's old names (``address``, ``journal``...) are read as
biblatex's. A macro that no ``@string`` defines keeps its name as text, with a
warning. LaTeX stays in the values: ``bibtex_fields`` decodes what it uses.
``ReadState`` is what reading carries from entry to entry: macros, keys seen.
"""

from __future__ import annotations

from ..fieldmaps.bibtex import ALIASES
from ..key_table import KeyTable
from .bibtex_crossref import RawEntry

_ALIASES_IN = frozenset(ALIASES)
_CLOSER = {"{": "}", '"': '"'}  # a value's opening delimiter -> its closing one


class ReadState:
    """What reading a file carries from block to block: the macros, the keys seen, the path.

    An entry left to a worker (``defer``) takes the macros with it, so an ``@string``
    after that replaces the dict instead of changing it: the entries between two
    ``@string``s share one dict, which a chunk of them pickles once.
    """

    def __init__(self, macros: dict[str, str], keys: KeyTable, path: str):
        self.macros, self.keys, self.path = macros, keys, path
        self._lent = False

    def define(self, name: str, written: str) -> None:
        """An ``@string``: ``name`` stands for the text of ``written`` from here on."""
        value = expand(written, self.macros)[0]
        if self._lent:
            self.macros, self._lent = dict(self.macros), False
        self.macros[name.strip().lower()] = value

    def lend(self) -> dict[str, str]:
        """The macros in force, for an entry read later: not to be changed from now on."""
        self._lent = True
        return self.macros

    def first_use(self, entry: RawEntry) -> None:
        """Note the entry's key; a key used before gets a warning naming its first line."""
        note = duplicate_key(entry.key, self.keys.first(entry.key, entry.line), entry.line)
        if note:
            entry.notes.append(note)


def duplicate_key(key: str, first: int, line: int) -> tuple[str, str, str, None] | None:
    """The warning for the entry at ``line`` when its key was first used at another line."""
    if first == line or not key:
        return None
    return ("warning", "bibtex-duplicate-key",
            f"key '{key}' is used again (first at line {first}); this record is kept too", None)


def raw_entry(key: str, kind: str, line: int, raw: str, fields: list[tuple[str, str, int]],
              macros: dict[str, str]) -> RawEntry:
    entry = RawEntry(key=key, type=kind, fields={}, lines={}, line=line, raw=raw)
    values, lines = entry.fields, entry.lines
    undefined: list[str] = []
    for name, written, at in fields:
        name = name.lower()
        value = written.strip()
        if len(value) >= 2 and _CLOSER.get(value[0]) == value[-1] and "#" not in value \
                and "%" not in value:  # expand()'s usual case, without the call
            value = value[1:-1]
        else:
            value, missing = expand(value, macros)
            if missing:
                undefined += missing
        if name in values:
            if name not in entry.repeated:
                entry.notes.append(("warning", "bibtex-duplicate-field",
                                    f"field '{name}' is given more than once; the first value "
                                    "is used, the others are kept in extra", name))
            entry.repeated.setdefault(name, []).append(value)
            continue
        values[name] = value
        lines[name] = at
    aliased = _ALIASES_IN.intersection(entry.fields)  # address -> location, journal -> journaltitle
    if len(aliased) > 1:  # in the order written: a set's order changes with the hash seed
        aliased = [name for name in entry.fields if name in aliased]
    for alias in aliased:
        name = ALIASES[alias]
        if name not in entry.fields:
            entry.fields[name] = entry.fields.pop(alias)
            entry.lines[name] = entry.lines[alias]
            entry.written[name] = alias
    if not entry.key:
        entry.notes.append(("warning", "bibtex-no-key", "entry has no citation key", None))
    for name in dict.fromkeys(undefined):
        entry.notes.append(("warning", "bibtex-undefined-macro",
                            f"@string '{name}' is not defined; its name is kept as text", None))
    return entry


def expand(value: str, macros: dict[str, str]) -> tuple[str, list[str]]:
    """A field value as written -> its text: delimiters removed, macros expanded, ``#`` joined.

    Returns the text (LaTeX still in it) and the names of undefined macros.
    """
    value = value.strip()
    if "#" not in value and "%" not in value:  # the usual case: one string, number or macro
        if len(value) >= 2 and _CLOSER.get(value[0]) == value[-1]:
            return value[1:-1], []
        return _word(value, macros)
    parts, missing, i, n = [], [], 0, len(value)
    while i < n:
        ch = value[i]
        if ch in " \t\n#":
            i += 1
        elif ch == "%":  # a comment after the value (biber reads them)
            end = value.find("\n", i)
            i = n if end < 0 else end
        elif ch == "{" or ch == '"':
            end = closing(value, i)
            parts.append(value[i + 1:end])
            i = end + 1
        else:
            end = value.find("#", i)
            end = n if end < 0 else end
            text, undefined = _word(value[i:end].strip(), macros)
            parts.append(text)
            missing += undefined
            i = end
    return "".join(parts), missing


def _word(word: str, macros: dict[str, str]) -> tuple[str, list[str]]:
    if not word or word.isdigit():
        return word, []
    known = macros.get(word.lower())
    return (known, []) if known is not None else (word, [word])


def closing(value: str, start: int) -> int:
    """Index of the delimiter closing the ``{`` or ``"`` at ``start`` (or the end)."""
    depth = 0
    quote = value[start] == '"'
    for i in range(start + 1, len(value)):
        ch = value[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0 and not quote:
                return i
            depth -= 1
        elif ch == '"' and quote and depth == 0:
            return i
    return len(value)


