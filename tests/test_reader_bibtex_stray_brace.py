"""An entry laid out one field a line (Scopus) with a stray brace in one value is read, not lost."""

from citex import loads
from citex.readers.bibtex_lines import stray_braces_dropped

# Scopus copies a brace from its abstract as it is: the entry never closes.
ENTRY = """@ARTICLE{Lee2013773,
author={Lee, A. and Roe, B.},
title={Patterned media at 1 Tdot/in2},
journal={Journal of Things},
year={2013},
abstract={A defect rate of {&lt;10-3. Media made this way},
}

@ARTICLE{Next2014,
author={Next, C.},
title={The entry after it},
journal={Journal of Things},
year={2014},
}
"""


def test_the_entry_is_read_and_the_stray_brace_said():
    records = list(loads(ENTRY, "bibtex"))
    assert [r.id for r in records] == ["Lee2013773", "Next2014"]
    first = records[0]
    assert first.get("title") == "Patterned media at 1 Tdot/in2"
    assert first.get("abstract") == "A defect rate of &lt;10-3. Media made this way"  # the brace alone goes
    assert [d.code for d in first.diagnostics if d.level == "warning"] == ["bibtex-stray-brace"]


def test_only_entries_laid_out_one_field_a_line_are_rewritten():
    assert stray_braces_dropped("@a{k,\n t = {x {y},\n}") == ("@a{k,\n t = {x y},\n}", ["t"])
    assert stray_braces_dropped("@a{k,\n t = {x {y}},\n}") is None  # balanced: nothing stray
    assert stray_braces_dropped("@a{k,\n t = {x {y\n  z},\n}") is None  # a value over two lines
