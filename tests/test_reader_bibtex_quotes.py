"""A quoted value whose brace group holds '"' is read as BibTeX reads it, not lost."""

from citex import loads
from citex.readers.bibtex_quotes import quotes_to_braces

ENTRY = '''@book{greene1982,
  author = "Daniel H. Greene and Donald E. Knuth",
  note = "{Darstellung der "optionalen" Kapitel aus "the Art of Computer
          Programming, Band 3". Themengebiete: Rechnen}.",
  title = "Mathematics for the Analysis of Algorithms",
  year = "1982",
}
'''


def test_entry_with_quotes_inside_braces_of_a_quoted_value_is_read():
    records = list(loads(ENTRY, "bibtex"))
    assert len(records) == 1
    rec = records[0]
    assert rec.get("title") == "Mathematics for the Analysis of Algorithms"
    assert 'aus "the Art of Computer Programming, Band 3"' in " ".join(rec.get("note").split())
    assert not [d for d in rec.diagnostics if d.level in ("error", "warning")]


def test_rewrite_braces_only_top_level_quoted_values():
    assert quotes_to_braces('@a{k, t = "x {"y"} z", u = {a "b" c}, v = "w"}') == \
        '@a{k, t = {x {"y"} z}, u = {a "b" c}, v = {w}}'
    assert quotes_to_braces('@a{k, t = {plain}}') is None  # nothing quoted: nothing to retry
    assert quotes_to_braces('@a{k, t = "open {brace"}') is None  # does not close: no guess
