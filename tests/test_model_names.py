"""Name.to_csl: the CSL-JSON name object, its short way for plain names held to the general one."""

from hypothesis import given
from hypothesis import strategies as st

from citex.model import Name

_PART = st.none() | st.sampled_from(["", "Smith", "John", "van der", "Jr.", "0"]) | st.text(max_size=3)


def _general(name: Name) -> dict[str, str]:
    return {k: getattr(name, a) for a, k in Name._CSL_KEYS.items() if getattr(name, a)}


@given(st.builds(Name, _PART, _PART, _PART, _PART, _PART, _PART))
def test_to_csl_is_every_set_part_in_csl_order(name):
    csl = name.to_csl()
    assert csl == _general(name) and list(csl) == list(_general(name))


def test_to_csl_keeps_the_order_and_leaves_empty_parts_out():
    assert list(Name("Smith", "John").to_csl().items()) == [("family", "Smith"), ("given", "John")]
    assert Name(given="Plato").to_csl() == {"given": "Plato"}
    assert Name("Berg", "Anna", non_dropping_particle="van der").to_csl() == {
        "family": "Berg", "given": "Anna", "non-dropping-particle": "van der"}
    assert Name(literal="WHO", family="").to_csl() == {"literal": "WHO"}
    assert Name().to_csl() == {}
