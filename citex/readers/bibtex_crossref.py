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


_NOTHING: frozenset[str] = frozenset()


@dataclass
class Inherited:
    fields: dict[str, str]  # the entry's own fields and the inherited ones
    lines: dict[str, int]
    inherited: set[str] | frozenset[str]  # names of the fields that came from elsewhere
    notes: list[tuple[str, str, str, str | None]]


class Index:
    """Entries by key (exact, then ignoring case) with their inheritance resolved once."""

    def __init__(self, entries: list[RawEntry] = ()):
        self.by_key: dict[str, RawEntry] = {}
        self.by_fold: dict[str, RawEntry] = {}
        self._done: dict[int, tuple[RawEntry, Inherited]] = {}  # the entry kept: its id stays its own
        for entry in entries:
            self.add(entry)

    def add(self, entry: RawEntry) -> None:
        for key in names_of(entry):
            self.by_key.setdefault(key, entry)
            self.by_fold.setdefault(key.casefold(), entry)

    def find(self, key: str) -> RawEntry | None:
        return self.by_key.get(key) or self.by_fold.get(key.casefold())

    def resolve(self, entry: RawEntry, _seen: frozenset[int] = frozenset()) -> Inherited:
        done = self._done.get(id(entry))
        if done is not None and done[0] is entry:
            return done[1]
        if "xdata" not in entry.fields and "crossref" not in entry.fields:
            # most entries have no parents: their own dicts (only read from here on), not cached
            return Inherited(entry.fields, entry.lines, _NOTHING, [])
        out = Inherited(dict(entry.fields), dict(entry.lines), set(), [])
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
        if self.find(entry.key) is entry:  # only a possible parent is asked for again
            self._done[id(entry)] = (entry, out)
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


class Parents:
    """Entries, as read, let through in an order where every parent is known before its children.

    Only what may be needed later is kept: the entries some entry names as a parent
    (``wanted``, casefolded keys; None when unknown: then every entry) and the entries
    with a crossref or xdata, held back until all their ancestors are read (or the end).
    Everything else passes at once, so memory grows only with the inheriting entries.
    """

    def __init__(self, wanted: set[str] | None):
        self.wanted = wanted
        self.index = Index()
        self.waiting: list[RawEntry] = []

    def push(self, entry: RawEntry) -> list[RawEntry]:
        """The entries ready to be turned into records, in order, now that ``entry`` is read."""
        kept = self.wanted is None or any(k.casefold() in self.wanted for k in names_of(entry))
        if kept:
            self.index.add(entry)
        if "crossref" not in entry.fields and "xdata" not in entry.fields:
            ready = [entry]
        else:
            self.waiting.append(entry)
            ready = []
        if kept and self.waiting:
            known: dict[int, bool] = {}  # this round's answers, shared by the waiting entries
            done = [e for e in self.waiting if self._complete(e, known)]
            gone = {id(e) for e in done}
            self.waiting = [e for e in self.waiting if id(e) not in gone]
            ready += done
        return ready

    def finish(self) -> list[RawEntry]:
        """The entries still waiting at the end (a parent missing): resolved as they can be."""
        waiting, self.waiting = self.waiting, []
        return waiting

    def _complete(self, entry: RawEntry, known: dict[int, bool]) -> bool:
        """True when every ancestor of ``entry`` has been read: every entry its parent keys lead
        to, and theirs (a loop back is followed once), is in the index.

        A walk with a stack, not recursion: a chain of crossrefs is as long as the file makes
        it. ``known`` holds what walks before it in the same round found: an entry is complete
        when all it reaches is read, so the entries a complete walk reached are complete too,
        and those on the way to an unread parent are not (a chain of 400 entries read children
        first took 39 s when each was walked again from the start).
        """
        if id(entry) in known:
            return known[id(entry)]
        seen = {id(entry)}
        stack: list[tuple[RawEntry, list[str]]] = [(entry, parent_keys(entry))]
        while stack:
            node, keys = stack[-1]
            if not keys:
                stack.pop()
                continue
            parent = self.index.find(keys.pop(0))
            if parent is None or known.get(id(parent)) is False:
                for on_the_way, _ in stack:  # each reaches the unread parent
                    known[id(on_the_way)] = False
                return False
            if id(parent) not in seen and not known.get(id(parent)):
                seen.add(id(parent))
                stack.append((parent, parent_keys(parent)))
        for reached in seen:
            known[reached] = True
        return True


def names_of(entry: RawEntry) -> list[str]:
    """The keys an entry answers to: its own and its biblatex ``ids`` aliases."""
    return [entry.key, *_keys(entry.fields.get("ids", ""))]


def parent_keys(entry: RawEntry) -> list[str]:
    """The keys an entry inherits from: its xdata entries and its (first) crossref."""
    return _keys(entry.fields.get("xdata", "")) + _keys(entry.fields.get("crossref", ""))[:1]


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
