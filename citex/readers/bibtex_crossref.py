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

    def resolve(self, entry: RawEntry) -> Inherited:
        """The entry's fields with what it inherits, its parents resolved first (and kept, for
        the entries that can be asked for again). A walk with a stack, not recursion: a chain of
        crossrefs is as long as the file makes it (recursion stopped near 1,000 entries)."""
        result = self._known(entry)
        if result is not None:
            return result
        path: set[int] = set()  # the entries being resolved, each waiting for the one after it
        stack = [_Resolving(entry, path)]
        while True:
            top = stack[-1]
            parent = top.next_parent(self, path)
            if parent is not None:
                data = self._known(parent)
                if data is None:
                    stack.append(_Resolving(parent, path))
                else:
                    top.take(data)
                continue
            path.discard(id(top.entry))
            stack.pop()
            if self.find(top.entry.key) is top.entry:  # only a possible parent is asked for again
                self._done[id(top.entry)] = (top.entry, top.out)
            if not stack:
                return top.out
            stack[-1].take(top.out)

    def _known(self, entry: RawEntry) -> Inherited | None:
        """The entry's inheritance where it needs no walk: resolved before, or no parents."""
        done = self._done.get(id(entry))
        if done is not None and done[0] is entry:
            return done[1]
        if "xdata" not in entry.fields and "crossref" not in entry.fields:
            # most entries have no parents: their own dicts (only read from here on), not cached
            return Inherited(entry.fields, entry.lines, _NOTHING, [])
        return None

    def _parent(self, entry: RawEntry, key: str, kind: str, seen: set[int],
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


class _Resolving:
    """One entry being resolved: its parents (xdata entries, then its crossref) in turn."""

    def __init__(self, entry: RawEntry, path: set[int]):
        self.entry = entry
        self.out = Inherited(dict(entry.fields), dict(entry.lines), set(), [])
        path.add(id(entry))
        self.todo = parent_links(entry)[::-1]  # taken from the end
        self.waiting: tuple[str, RawEntry] | None = None  # the parent whose inheritance comes next

    def next_parent(self, index: Index, path: set[int]) -> RawEntry | None:
        """The next parent to resolve (its kind noted), or None when all are taken; a missing
        parent or a loop back is noted and passed over."""
        while self.todo:
            kind, key = self.todo.pop()
            parent = index._parent(self.entry, key, kind, path, self.out)
            if parent is not None:
                self.waiting = (kind, parent)
                return parent
        return None

    def take(self, data: Inherited) -> None:
        """What the parent asked for last gives: its fields, renamed as its kind says."""
        assert self.waiting is not None
        kind, parent = self.waiting
        self.waiting = None
        if kind == "xdata":
            Index._add(self.out, data, [(n, n) for n in data.fields if n not in NOT_INHERITED])
        else:
            Index._add(self.out, data, _renames(parent.type, self.entry.type, data.fields))


class Parents:
    """Entries, as read, let through in an order where every parent is known before its children.

    Only what may be needed later is kept: the entries some entry names as a parent
    (``wanted``, casefolded keys; None when unknown: then every entry) and the entries
    with a crossref or xdata, held back until all their ancestors are read (or the end).
    Everything else passes at once, so memory grows only with the inheriting entries.

    An entry held back waits on one key it needs that is not read yet (``parked``); only the
    arrival of that key looks at it again. If what arrives still waits itself, the entries
    waiting on it wait on the same key as it, moved there unread; entries found complete stay
    so (``complete``). So a chain of crossrefs takes time in proportion to its length, in
    either order (each arrival looked at every waiting entry again: 3,000 entries written
    children first took 51 s). Entries are let through when the old way let them through:
    those complete with the next entry that may be a parent, in input order.
    """

    def __init__(self, wanted: set[str] | None):
        self.wanted = wanted
        self.index = Index()
        self.waiting: dict[int, tuple[int, RawEntry]] = {}  # id -> (place in the input, entry)
        self.parked: dict[str, list[RawEntry]] = {}  # a key not read yet (casefolded) -> who waits on it
        self.held: list[RawEntry] = []  # complete, waiting for the next entry that may be a parent
        self.complete: set[int] = set()  # indexed entries whose ancestors are all read: for good
        self._count = 0

    def push(self, entry: RawEntry) -> list[RawEntry]:
        """The entries ready to be turned into records, in order, now that ``entry`` is read:
        ``entry`` itself if it inherits nothing; then, when it is an entry that may be named as
        a parent, every entry held back whose ancestors are now all read, in input order."""
        kept = self.wanted is None or any(k.casefold() in self.wanted for k in names_of(entry))
        if kept:
            self.index.add(entry)
        inherits = "crossref" in entry.fields or "xdata" in entry.fields
        ready = [] if inherits else [entry]
        if inherits:
            self.waiting[id(entry)] = (self._count, entry)
            self._count += 1
        known: dict[int, str] = {}  # this round's walks: entry -> a key it waits on
        missing = self._missing(entry, known) if inherits else None
        if not kept:
            if inherits and missing is not None:
                self._park(missing, [entry])
            elif inherits:  # complete: it goes with the next possible parent's entries (or at the end)
                self.held.append(entry)
            return ready
        # the lists themselves, not copies: a chain's waiting entries are one list, moved whole
        waited = [found for name in names_of(entry) if (found := self.parked.pop(name.casefold(), None))]
        released, self.held = self.held, []
        if missing is not None:  # what waited on entry waits on what entry waits on
            for entries in waited:
                self._park(missing, entries)
            self._park(missing, [entry])
        else:
            released += [entry] if inherits else []
            for e in (e for entries in waited for e in entries):
                if id(e) in self.waiting:  # (an entry parked under two names of this one comes twice)
                    missing = self._missing(e, known)
                    if missing is None:
                        released.append(e)
                    else:
                        self._park(missing, [e])
        released = sorted({id(e): e for e in released}.values(), key=lambda e: self.waiting[id(e)][0])
        for e in released:
            del self.waiting[id(e)]
        return ready + released

    def finish(self) -> list[RawEntry]:
        """The entries still waiting at the end (a parent missing), in input order: resolved as
        they can be."""
        waiting = [e for _, e in sorted(self.waiting.values(), key=lambda pair: pair[0])]
        self.waiting, self.parked, self.held = {}, {}, []
        return waiting

    def _park(self, key: str, entries: list[RawEntry]) -> None:
        """``entries`` (the list itself, from here on the table's) wait on ``key``; the longer
        list takes in the shorter, so an entry is copied at most log2(n) times however often
        the keys it waits on arrive still waiting."""
        there = self.parked.get(key)
        if there is None or len(there) < len(entries):
            entries, there = there or [], entries
            self.parked[key] = there
        there.extend(entries)

    def _missing(self, entry: RawEntry, known: dict[int, str]) -> str | None:
        """A key (casefolded) that ``entry`` needs, itself or through its ancestors, and that is
        not read yet; None when every entry its parent keys lead to, and theirs (a loop back is
        followed once), is in the index.

        A walk with a stack, not recursion. ``known`` holds what walks before it in the same
        round found: the entries on the way to an unread key wait on it too.
        """
        if id(entry) in self.complete:
            return None
        seen = {id(entry)}
        stack: list[tuple[RawEntry, list[str]]] = [(entry, parent_keys(entry))]
        while stack:
            node, keys = stack[-1]
            if not keys:
                stack.pop()
                continue
            key = keys.pop(0)
            parent = self.index.find(key)
            missing = key.casefold() if parent is None else known.get(id(parent))
            if missing is not None:
                for on_the_way, _ in stack:  # each needs the unread key
                    known[id(on_the_way)] = missing
                return missing
            if id(parent) not in seen and id(parent) not in self.complete:
                seen.add(id(parent))
                stack.append((parent, parent_keys(parent)))
        # every entry reached is complete; all but the start were found in the index (and stay
        # there), the start only if it is there too: an id of an entry let go may come again
        if not any(self.index.find(name) is entry for name in names_of(entry)):
            seen.discard(id(entry))
        self.complete.update(seen)
        return None


def names_of(entry: RawEntry) -> list[str]:
    """The keys an entry answers to: its own and its biblatex ``ids`` aliases."""
    return [entry.key, *_keys(entry.fields.get("ids", ""))]


def parent_links(entry: RawEntry) -> list[tuple[str, str]]:
    """What an entry inherits from, in order, as (kind, key): its xdata entries, then its
    (first) crossref."""
    return ([("xdata", key) for key in _keys(entry.fields.get("xdata", ""))]
            + [("crossref", key) for key in _keys(entry.fields.get("crossref", ""))[:1]])


def parent_keys(entry: RawEntry) -> list[str]:
    """The keys an entry inherits from: its xdata entries and its (first) crossref."""
    return [key for _, key in parent_links(entry)]


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
