"""The journal table's keys: identity() of a title, its subtitle and place qualifier left out."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citex.repairs.journal_names import identity, key


def _identity_by_regexes(title):
    """identity() as first written: the place qualifier's regex tried on every title."""
    main = re.split(r"\s[:=]\s|:\s", title or "", maxsplit=1)[0]
    return key(re.sub(r"\s*\([^()]*\)\s*$", "", main)) or key(title)


@given(st.text(alphabet="Ab (): =\n\t\u00a0é", max_size=30))
def test_identity_looks_for_a_qualifier_only_before_a_closing_parenthesis(title):
    assert identity(title) == _identity_by_regexes(title)


@pytest.mark.parametrize("title", ["Journal of X (London, England)", "Blood (Baltimore) ", "J (A) : official journal",
                                   "Acta (B)\n", "Plain title", "T = translated (x)"])
def test_identity_examples_as_first_written(title):
    assert identity(title) == _identity_by_regexes(title)
