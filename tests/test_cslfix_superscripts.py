"""cslfix.superscripts: superscript characters in HTML as <sup> around their base, as citeproc-js writes them."""

from citex.csl_markup import to_html, to_text
from citex.cslfix.superscripts import to_html as superscripts


def test_superscript_characters_become_sup_in_html():
    assert superscripts("1ʳᵉ éd.") == "1<sup>r</sup><sup>e</sup> éd."
    assert superscripts("Name™ 2.º") == "Name<sup>TM</sup> 2.<sup>o</sup>"
    assert superscripts("ˀ") == "<sup>\u0294</sup>"  # one without a Unicode decomposition


def test_only_in_html():
    assert to_html("1ᵉʳ & co") == "1<sup>e</sup><sup>r</sup> &amp; co"
    assert to_text("1ᵉʳ") == "1ᵉʳ"
