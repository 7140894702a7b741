"""The BibTeX reader's fast paths give what their plain versions give."""

from itertools import product

from citex.readers.bibtex_names import _mask, _mask_by_depth


def test_brace_mask_by_regex_is_the_mask_by_depth():
    texts = ["".join(p) for n in range(9) for p in product("a{}", repeat=n)]
    texts += ["{{{{{{deep}}}}}} x", "Brown, Bj{\\\"o}rn and {\\c{C}}elik", "{A} and B}", "{open"]
    for text in texts:
        assert _mask(text) == (text if "{" not in text else _mask_by_depth(text)), text
    assert _mask("Bj{\\\"o}rn and {{Corp} Inc}") == "Bj{xxx}rn and {xxxxxxxxxx}"
