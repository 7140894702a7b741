"""name-list-commas: a name list typed with commas instead of "and" is split; real names are not."""

import re

import pytest

from citex import dumps, loads, repair
from citex.model import Name
from citex.readers.bibtex_names import parse_names

try:
    from tests.repair_helpers import run
except ImportError:
    from repair_helpers import run

RULE = "name-list-commas"


def _bibtex_names(raw):
    return parse_names(raw).names


@pytest.mark.parametrize("raw, after", [
    ("Luke Dahl, Douglas Bowman, Thomas Martin",
     [Name("Dahl", "Luke"), Name("Bowman", "Douglas"), Name("Martin", "Thomas")]),
    ("Ana B{\\\"o}hm, Jan van der Berg, J.R.R. Tolkien, Mary O'Neil",
     [Name("Böhm", "Ana"), Name("Berg", "Jan", non_dropping_particle="van der"), Name("Tolkien", "J.R.R."),
      Name("O'Neil", "Mary")]),
    ("Biswas A., Yusuf S.M., Le Lay G., Kim H.-J.",  # Scopus: "Family Initials"
     [Name("Biswas", "A."), Name("Yusuf", "S.M."), Name("Le Lay", "G."), Name("Kim", "H.-J.")]),
    ("Joubert O, Tedesco S, Perrocheau J",
     [Name("Joubert", "O"), Name("Tedesco", "S"), Name("Perrocheau", "J")]),
    ("J. Mira, A. Prieto, J. Cabestany", [Name("Mira", "J."), Name("Prieto", "A."), Name("Cabestany", "J.")]),
])
def test_fires_on_a_bibtex_list_typed_with_commas(raw, after):
    rec = run(RULE, source="bibtex", editor=_bibtex_names(raw))
    assert rec.get("editor") == after
    assert [(r.rule, r.field) for r in rec.repairs] == [(RULE, "editor")]


def test_fires_on_a_literal_from_another_format():
    rec = run(RULE, author=[Name(literal="Ada Lovelace, Charles Babbage, Mary Somerville")])
    assert rec.get("author") == [Name("Lovelace", "Ada"), Name("Babbage", "Charles"), Name("Somerville", "Mary")]


@pytest.mark.parametrize("raw", [
    "Knuth, Donald E.",
    "Doe, Jr., John",
    "de la Vall{\\'e}e Poussin, Jr, Charles Louis",
    "Knuth, Donald E. and Luke Dahl, Douglas Bowman, Thomas Martin",  # an "and": the list is not one name
    "Dahl, Luke",
    "{Department of Physics, University of Utah, Salt Lake City}",
    "Luke Dahl, Douglas Bowman, 2001",
    "Luke Dahl, Bowman, Thomas Martin",  # a one-word part: not plainly "Given Family"
    "Luke Dahl, A. B., Thomas Martin",  # initials alone: no family name
])
def test_leaves_real_names_alone(raw):
    names = _bibtex_names(raw)
    rec = run(RULE, source="bibtex", author=list(names))
    assert rec.get("author") == names and rec.repairs == []


def test_four_comma_parts_are_kept_whole_by_the_reader():
    """More than two commas is an error to BibTeX: the reader keeps the text rather than a made-up split."""
    assert _bibtex_names("A B, C D, E F, G H") == [Name(literal="A B, C D, E F, G H")]


def test_the_written_bibtex_lists_each_person():
    records = loads("@inproceedings{k, title={T}, booktitle={B}, year=2001,\n"
                    "  editor = {Luke Dahl, Douglas Bowman, Thomas Martin}}\n", "bibtex")
    out = dumps(list(repair(records)), "bibtex")
    assert re.search(r"^  editor +?= \{Dahl, Luke and Bowman, Douglas and Martin, Thomas\},$", out, re.M)
