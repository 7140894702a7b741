"""citex.cslfix.subsequent: MLA's "———" for an author list repeated from the entry above."""

from __future__ import annotations

from citex.model import Date, Name, Record
from citex.writers.csl import render


def _book(title: str, year: int, *authors: Name) -> Record:
    return Record(type="book", fields={"title": title, "publisher": "P", "author": list(authors),
                                       "issued": Date([[year]])})


def test_the_same_authors_again_become_dashes_only_in_a_style_asking_for_it():
    ida, ann = Name("Šimůnek", "Ida"), Name("Lee", "Ann")
    recs = [_book("Delta", 2009, ida), _book("Gamma", 2008, ida), _book("Eps", 2009, ida, ann)]
    assert render(recs, "modern-language-association") == [
        "Šimůnek, Ida. Delta. P, 2009.", "———. Gamma. P, 2008.", "Šimůnek, Ida, and Ann Lee. Eps. P, 2009."]
    assert render(recs, "apa")[1] == "Šimůnek, I. (2009). Delta. P."


def test_lists_are_compared_as_shown_without_et_al():
    wei = Name("Müller", "Wei")
    others = [Name(f"Other{n}", "A") for n in range(4)]
    recs = [_book("Alpha", 1977, wei), _book("Beta", 2012, wei, *others)]
    assert render(recs, "modern-language-association") == ["Müller, Wei. Alpha. P, 1977.", "———. Beta. P, 2012."]
