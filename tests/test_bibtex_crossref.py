"""crossref and xdata: long chains, loops, missing parents, and the order entries come out in."""

from __future__ import annotations

import pytest

from citex.model import Record
from citex.readers.bibtex import read
from citex.readers.bibtex_crossref import Parents, RawEntry


def _chain(n: int, parents_first: bool) -> str:
    """inbook e0 -> e1 -> ... -> a book e{n-1} with the publisher every entry inherits."""
    entries = [f"@inbook{{e{i},\n  title = {{Part {i}}},\n  crossref = {{e{i + 1}}}\n}}\n" for i in range(n - 1)]
    entries.append(f"@book{{e{n - 1},\n  title = {{The Book}},\n  publisher = {{Press}}\n}}\n")
    return "\n".join(reversed(entries) if parents_first else entries)


@pytest.mark.parametrize("parents_first", [False, True])
def test_a_chain_of_thousands_is_followed_to_its_end(parents_first):
    # recursion stopped near 1,000 entries: the rest were skipped with a RecursionError
    n = 5000
    recs = [r for r in read(_chain(n, parents_first), "chain.bib")]
    assert all(isinstance(r, Record) for r in recs), [r for r in recs if not isinstance(r, Record)][:1]
    assert len(recs) == n
    by_key = {r.id: r for r in recs}
    assert all(by_key[f"e{i}"].get("publisher") == "Press" for i in range(n))
    assert by_key["e0"].get("title") == "Part 0"
    assert not any(r.diagnostics for r in recs)


def test_children_come_after_their_parents_in_input_order():
    text = _chain(4, parents_first=False) + "\n@article{plain, title = {Alone}}\n"
    assert [r.id for r in read(text, "c.bib")] == ["e3", "e0", "e1", "e2", "plain"]


def test_a_loop_and_a_missing_parent_in_a_chain_are_reported_and_the_rest_inherited():
    text = """
@inbook{a, title = {A}, crossref = {b}}
@book{b, title = {B}, crossref = {c}, publisher = {Press}}
@mvbook{c, title = {C}, crossref = {a}}
@inbook{d, title = {D}, crossref = {e}}
@book{e, title = {E}, crossref = {nowhere}}
"""
    recs = {r.id: r for r in read(text, "loop.bib")}
    assert set(recs) == {"a", "b", "c", "d", "e"}
    assert recs["a"].get("publisher") == "Press"
    assert "bibtex-crossref-loop" in [d.code for d in recs["c"].diagnostics]
    assert [d.code for d in recs["e"].diagnostics] == ["bibtex-crossref-missing"]
    assert recs["d"].get("container-title") == "E"  # its parent read, with what it could inherit


def _entry(key: str, **fields: str) -> RawEntry:
    return RawEntry(key, "inbook", dict(fields), {}, 1, "")


def test_parents_lets_an_entry_through_once_all_its_ancestors_are_read():
    parents = Parents(wanted={"p", "q"})
    child = _entry("c", crossref="p")
    assert parents.push(child) == []  # p not read
    p = _entry("p", crossref="q")
    assert parents.push(p) == []  # p waits for q: so does c, unlooked at
    assert parents.parked == {"q": [child, p]}
    q = _entry("q")
    assert parents.push(q) == [q, child, p]  # q first (it inherits nothing), then input order
    assert parents.waiting == {} and parents.parked == {}


def test_a_complete_child_nobody_names_goes_with_the_next_possible_parent():
    parents = Parents(wanted={"p", "r"})
    p = _entry("p")
    assert parents.push(p) == [p]
    child = _entry("c", crossref="p")
    assert parents.push(child) == []  # complete, held: it goes out with the next parent's batch
    other = _entry("x")
    assert parents.push(other) == [other]
    r = _entry("r")
    assert parents.push(r) == [r, child]
    late = _entry("d", crossref="p")
    assert parents.push(late) == [] and parents.finish() == [late]


def test_the_case_of_a_parent_key_does_not_matter():
    parents = Parents(wanted={"book"})
    child = _entry("c", crossref="Book")
    assert parents.push(child) == []
    book = _entry("BOOK")
    assert parents.push(book) == [book, child]
