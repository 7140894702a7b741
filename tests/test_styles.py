"""Style names -> CSL files (citex.styles): paths, aliases, ids, and the search behind `citex styles`."""

from __future__ import annotations

import pytest

from citex import csl_styles as styles
from citex.errors import CitexError, UnknownName, UsageError


@pytest.mark.parametrize("name, file", [
    ("vancouver", "nlm-citation-sequence.csl"),  # alias
    ("ama", "american-medical-association.csl"),
    ("chicago", "chicago-author-date.csl"),
    ("apa", "apa.csl"),  # style id
    ("APA", "apa.csl"),
    ("apa.csl", "apa.csl"),  # a bare file name that is no file falls back to the id
    ("nature-medicine", "nature.csl"),  # a dependent style resolves to its parent
])
def test_resolve_name(name, file):
    assert styles.resolve(name).name == file


def test_every_alias_names_an_existing_style():
    assert styles.aliases()["vancouver"] == "nlm-citation-sequence"
    for alias, target in styles.aliases().items():
        assert styles.resolve(target).is_file(), alias


def test_resolve_path(tmp_path):
    path = tmp_path / "mine.csl"
    path.write_text("<style/>", encoding="utf-8")
    assert styles.resolve(str(path)) == path


def test_missing_style_file():
    with pytest.raises(UsageError, match="style file not found: nowhere/mine.csl"):
        styles.resolve("nowhere/mine.csl")


def test_unknown_style_suggests_close_names():
    with pytest.raises(UnknownName) as info:
        styles.resolve("vancuver")
    assert "unknown style 'vancuver'; did you mean vancouver" in str(info.value)
    assert info.value.exit_code == 2 and isinstance(info.value, CitexError)


def test_unknown_style_without_close_names_lists_aliases_not_thousands_of_ids():
    with pytest.raises(UnknownName) as info:
        styles.resolve("qqqqzzzz")
    assert "known: acm, acs" in str(info.value)
    assert len(str(info.value)) < 1000


def test_list_styles_puts_the_exact_name_first():
    found = styles.list_styles("vancouver")
    assert found[0] == ("vancouver", "NLM/Vancouver: Citing Medicine 2nd edition (citation-sequence)"
                                     " (alias of nlm-citation-sequence)")
    assert ("vancouver-nlm", "Vancouver - NLM (citation-sequence)") in found


def test_list_styles_searches_titles_and_needs_every_word():
    assert styles.list_styles("nature medicine") == [("nature-medicine", "Nature Medicine")]
    by_title = dict(styles.list_styles("APA style 7th"))  # "style" and "7th" are only in titles
    assert by_title["apa"] == "APA Style 7th edition"


def test_list_styles_without_query_lists_everything():
    assert len(styles.list_styles()) > 10000
