"""Each cslfix wrapper is installed once per process, however many styles are loaded.

Two fixes wrap the same citeproc-py method (``Name.process``); a guard that looked only
at the outermost wrapper wrapped again on every style load, until rendering hit Python's
recursion limit after a few hundred loads (the CSL suite's citation fixtures did).
"""

from citex.writers.csl import load_style


def test_loading_styles_again_wraps_nothing_again():
    from citeproc.model import Date, Group, Name, Names, Substitute, Text, TextCased

    load_style("apa")
    methods = [Name.process, Name.initialize, Group.process, Names.process, Date.render, Text._variable,
               Substitute.render, TextCased.case]
    for style in ("apa", "ieee", "vancouver"):
        load_style(style)
    assert [Name.process, Name.initialize, Group.process, Names.process, Date.render, Text._variable,
            Substitute.render, TextCased.case] == methods
