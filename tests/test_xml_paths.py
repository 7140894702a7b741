"""``Paths`` answers child paths as lxml's own find, findall and findtext do."""

from __future__ import annotations

import pytest
from lxml import etree

from citex.readers.xml_paths import Paths

DOC = etree.fromstring(
    "<A><B><C>1</C><C>2</C><D/></B><E>x</E><B><C>3</C><D>y</D></B><!-- c --><B/><F><G><H>deep</H></G></F></A>")
PATHS = ["B", "C", "B/C", "B/D", "E", "F/G/H", "F/H", "Z", "B/Z", "F/G"]


@pytest.mark.parametrize("path", PATHS)
def test_paths_agree_with_elementpath(path):
    paths = Paths()
    assert paths.findall(DOC, path) == DOC.findall(path)
    assert paths.find(DOC, path) is DOC.find(path)
    assert paths.findtext(DOC, path) == DOC.findtext(path)


def test_findall_returns_a_list_of_its_own():
    paths = Paths()
    found = paths.findall(DOC, "B")
    found.append(DOC)
    assert paths.findall(DOC, "B") == DOC.findall("B")
