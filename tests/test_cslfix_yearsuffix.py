"""citex.cslfix.yearsuffix: "2019a", "2019b" for works whose citations read the same."""

from __future__ import annotations

import pytest

from citex.cslfix.yearsuffix import letter as _letter
from citex.model import Date, Name, Record
from citex.writers.csl import render


def _article(title: str, year: int | None, *authors: Name) -> Record:
    fields = {"title": title, "container-title": "J", "author": list(authors)}
    if year:
        fields["issued"] = Date([[year]])
    return Record(fields=fields)


def _records() -> list[Record]:
    lee, ng = Name("Lee", "A"), Name("Ng", "B")
    return [_article("Alpha", 2018, lee, ng, Name("Xu", "C")), _article("Beta", 2018, lee, ng, Name("Yu", "C")),
            _article("Gamma", 2019, Name("Wu", "Ann")), _article("Eps", 2019, Name("Wu", "Bob")),
            _article("Delta", 2019, Name("Wu", "Bob")), _article("Zeta", None, Name("Zed", "Al")),
            _article("Eta", None, Name("Zed", "Al"))]


def test_springer_suffixes_whatever_the_citation_cannot_tell_apart():
    assert render(_records(), "springer-basic-author-date") == [
        "Lee A, Ng B, Xu C (2018a) Alpha. J", "Lee A, Ng B, Yu C (2018b) Beta. J",
        "Wu A (2019a) Gamma. J", "Wu B (2019b) Eps. J", "Wu B (2019c) Delta. J", "Zed A Zeta. J", "Zed A Eta. J"]


def test_apa_tells_works_apart_by_names_first_and_puts_the_letter_where_the_style_says():
    assert render(_records(), "apa") == [
        "Lee, A., Ng, B., & Xu, C. (2018). Alpha. J.", "Lee, A., Ng, B., & Yu, C. (2018). Beta. J.",
        "Wu, A. (2019). Gamma. J.", "Wu, B. (2019a). Delta. J.", "Wu, B. (2019b). Eps. J.",
        "Zed, A. (n.d.-a). Eta. J.", "Zed, A. (n.d.-b). Zeta. J."]


def test_numbered_styles_get_no_letters():
    assert not any("2019a" in entry for entry in render(_records(), "ieee"))


@pytest.mark.parametrize("n, letter", [(0, "a"), (25, "z"), (26, "aa"), (27, "ab")])
def test_letters(n, letter):
    assert _letter(n) == letter
