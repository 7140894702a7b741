"""``crossref`` and ``xdata`` inheritance, by biblatex's rules (manual, appendix B).

An entry takes the fields it lacks from the entries it names: first from its
``xdata`` entries (as if written in it), then from its ``crossref`` parent,
where some fields change name on the way: a book's ``title`` is its
chapter's ``booktitle``, a multi-volume book's ``title`` its volume's
``maintitle``, a periodical's ``title`` its article's ``journaltitle``. A
field the parent has under the child's name wins over a renamed one
(classic BibTeX parents often carry a ``booktitle`` for their children).
Parents are resolved first, so chains (inbook -> book -> mvbook) work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fieldmaps.bibtex import (BOOKAUTHOR_RULES, INHERIT_DROPPED, INHERIT_RULES,
                                NOT_INHERITED)


@dataclass
class RawEntry:
    """One entry as read: macros expanded and strings joined, LaTeX still in the values."""

    key: str
    type: str  # lower case
    fields: dict[str, str]  # lower-case field name -> value
    lines: dict[str, int]  # lower-case field name -> 1-based line
    line: int
    raw: str
    repeated: dict[str, list[str]] = field(default_factory=dict)  # later values of a field
    written: dict[str, str] = field(default_factory=dict)  # field -> the alias it was written as
    notes: list[tuple[str, str, str, str | None]] = field(default_factory=list)


@dataclass
class Inherited:
    fields: dict[str, str]  # the entry's own fields and the inherited ones
    lines: dict[str, int]
    inherited: set[str]  # names of the fields that came from elsewhere
    notes: list[tuple[str, str, str, str | None]]


class Index:
    """Entries by key (exact, then ignoring case) with their inheritance resolved once."""

    def __init__(self, entries: list[RawEntry]):
        self.by_key: dict[str, RawEntry] = {}
        self.by_fold: dict[str, RawEntry] = {}
        for entry in entries:
            for key in [entry.key, *_keys(entry.fields.get("ids", ""))]:  # ids: biblatex aliases
                self.by_key.setdefault(key, entry)
                self.by_fold.setdefault(key.casefold(), entry)
        self._done: dict[int, Inherited] = {}

    def find(self, key: str) -> RawEntry | None:
        return self.by_key.get(key) or self.by_fold.get(key.casefold())

    def resolve(self, entry: RawEntry, _seen: frozenset[int] = frozenset()) -> Inherited:
        done = self._done.get(id(entry))
        if done is not None:
            return done
        out = Inherited(dict(entry.fields), dict(entry.lines), set(), [])
        if "xdata" not in entry.fields and "crossref" not in entry.fields:
            return out  # not cached: most entries have no parents
        seen = _seen | {id(entry)}
        for key in _keys(entry.fields.get("xdata", "")):
            parent = self._parent(entry, key, "xdata", seen, out)
            if parent:
                data = self.resolve(parent, seen)
                self._add(out, data, [(n, n) for n in data.fields if n not in NOT_INHERITED])
        for key in _keys(entry.fields.get("crossref", ""))[:1]:
            parent = self._parent(entry, key, "crossref", seen, out)
            if parent:
                data = self.resolve(parent, seen)
                self._add(out, data, _renames(parent.type, entry.type, data.fields))
        self._done[id(entry)] = out
        return out

    def _parent(self, entry: RawEntry, key: str, kind: str, seen: frozenset[int],
                out: Inherited) -> RawEntry | None:
        parent = self.find(key)
        if parent is None:
            out.notes.append(("warning", f"bibtex-{kind}-missing",
                              f"{kind} '{key}' names no entry in this file; nothing inherited", kind))
        elif id(parent) in seen:
            out.notes.append(("warning", f"bibtex-{kind}-loop",
                              f"{kind} '{key}' leads back to this entry; not followed", kind))
            return None
        return parent

    @staticmethod
    def _add(out: Inherited, data: Inherited, pairs: list[tuple[str, str]]) -> None:
        # same-name fields first, so they win over renamed ones
        for source, target in sorted(pairs, key=lambda p: p[0] != p[1]):
            if target not in out.fields and source in data.fields:
                out.fields[target] = data.fields[source]
                if source in data.lines:
                    out.lines[target] = data.lines[source]
                out.inherited.add(target)


def _keys(value: str) -> list[str]:
    return [k.strip() for k in value.replace("{", "").replace("}", "").split(",") if k.strip()]


def _renames(parent_type: str, child_type: str, fields: dict[str, str]) -> list[tuple[str, str]]:
    """(parent field, child field) pairs for what a child inherits from its crossref parent."""
    renames: dict[str, str] = {}
    dropped: frozenset[str] = frozenset()
    for parents, children, rule in INHERIT_RULES:
        if parent_type in parents and child_type in children:
            renames, dropped = rule, INHERIT_DROPPED
            break
    pairs = [(name, renames.get(name, name)) for name in fields
             if name not in NOT_INHERITED and name not in dropped]
    if any(parent_type in p and child_type in c for p, c in BOOKAUTHOR_RULES):
        pairs.append(("author", "bookauthor"))
    return pairs
