"""The CSL-JSON writer: a streamed array identical to json.dumps, valid against the CSL schema."""

import json
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citex.pipeline import dumps
from citex.model import Date, Name, Record
from citex.readers.pubmed_text import read
from citex.registry import WRITERS
from citex.writers.csljson import CSLJSONWriter, item
from corpus import CORPUS

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_18a7e7130607ba5e.txt"
SCHEMA = CORPUS.parent / "schemas" / "csl-data.json"  # ../shared, or CITEX_SHARED


def seed():
    return next(iter(read(SEED.read_text(), "seed.txt")))


def write(*records, **options):
    return dumps(records, "csljson", **options)


def article():
    return Record(type="article-journal", fields={
        "author": [Name("Nguyễn", "Văn A"), Name("Berg", "Jan", non_dropping_particle="van der"),
                   Name(literal="World Health Organization")],
        "title": "DNA & RNA", "container-title": "Journal of Things", "issued": Date([[2020, 3, 21]]),
        "page": "1011-1015", "DOI": "10.1000/x", "PMID": "33708679", "PMCID": "PMC7934898",
    })


@pytest.fixture(scope="module")
def validate():
    if not SCHEMA.exists():
        pytest.skip(f"the CSL-JSON schema is not at {SCHEMA}")
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    return lambda data: jsonschema.validate(data, schema, cls=jsonschema.Draft7Validator)


def test_registered_with_extension():
    entry = WRITERS._entries["csljson"]  # without loading every writer module
    assert entry.obj is CSLJSONWriter and entry.meta["extension"] == ".json"



def test_empty_input_is_an_empty_array():
    assert write() == "[]\n"


def test_stream_equals_json_dumps_of_the_whole_list():
    records = [article(), seed(), article()]
    text = write(*records)
    assert text == json.dumps([item(r) for r in records], indent=2, ensure_ascii=False) + "\n"
    assert [i["id"] for i in json.loads(text)] == ["nguyen2020dna", "shah2020management", "nguyen2020dnaa"]


def test_item_has_id_first_and_csl_variables():
    data = json.loads(write(article()))[0]
    assert list(data)[:2] == ["id", "type"]
    assert data["author"][1] == {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}
    assert data["author"][2] == {"literal": "World Health Organization"}
    assert data["issued"] == {"date-parts": [[2020, 3, 21]]}
    assert (data["PMID"], data["PMCID"]) == ("33708679", "PMC7934898")
    assert "custom" not in data


def test_unicode_is_written_as_is():
    assert '"family": "Nguyễn"' in write(article())


def test_extra_and_truncation_go_under_custom():
    rec = article()
    rec.extra = {"PMID-raw": "33708679 [Indexed]"}
    rec.truncated.add("author")
    data = json.loads(write(rec))[0]
    assert data["custom"] == {"PMID-raw": "33708679 [Indexed]", "truncated-names": ["author"]}


def test_output_is_valid_csl_json(validate):
    rec = article()
    rec.extra = {"citation-unparsed": "x"}
    rec.truncated.add("author")
    validate(json.loads(write(rec, seed(), Record(type="webpage", fields={"title": "T"}))))
    validate(json.loads(write()))


def test_invalid_item_is_rejected_by_the_schema(validate):
    import jsonschema

    with pytest.raises(jsonschema.ValidationError):
        validate([{"id": "x", "type": "article", "truncated": True}])


def test_line_separator_characters_inside_values_survive():
    import json

    from citex.pipeline import dumps
    rec = Record(fields={"title": "A\u2028B\u0085C", "author": [Name("Li", "X")]})
    assert json.loads(dumps([rec], "csljson"))[0]["title"] == "A\u2028B\u0085C"


def test_items_are_written_as_json_dumps_with_indent_writes_them():
    """The writer's own indenting (json's is slow) must give json's text exactly."""
    import json

    from citex.model import Date, Name, Record
    from citex.pipeline import dumps

    records = [
        Record(fields={"title": 'Quotes " and \\ and \u2028 and \n and é', "author": [Name("Gómez", "Ana")],
                       "issued": Date([[2020, 1, 2], [2021]]), "volume": 0, "custom": {"n": [], "m": {}}},
               extra={"X": "y"}, truncated={"author"}),
        Record(type="book", fields={"number-of-pages": 12.5, "flag": True, "none": None, "t": (1, "a")}),
        Record(type="book", fields={"nan": float("nan"), "odd": {1: "int key"}}),
    ]
    text = dumps(records, "csljson")
    items = []
    for i, rec in enumerate(records):
        item = {"id": rec.id, **rec.to_csl()}
        custom = {**item.get("custom", {}), **rec.extra}
        if rec.truncated:
            custom["truncated-names"] = sorted(rec.truncated)
        if custom:
            item["custom"] = custom
        items.append(item)
    assert text == json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def test_every_character_is_written_as_json_writes_it():
    # orjson writes the usual items (writers/csljson._indented): its escapes must be json's
    from citex.writers.csljson import _indented
    for start in range(0, 0x110000, 0x4000):
        text = "".join(chr(c) for c in range(start, start + 0x4000) if not 0xD800 <= c < 0xE000)
        data = {"title": text, "list": [text[:50], 7]}
        assert _indented(data, orjson) == json.dumps(data, indent=2, ensure_ascii=False), hex(start)


_JSON_LEAVES = (st.text(max_size=6) | st.integers(min_value=-2**70, max_value=2**70) | st.booleans()
                | st.none() | st.floats() | st.sampled_from([1e16, 1e-05, 2.5, float("inf")])
                | st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=1))


@settings(max_examples=300, deadline=None)
@given(st.recursive(_JSON_LEAVES, lambda inner: st.lists(inner, max_size=3) | st.tuples(inner)
                    | st.dictionaries(st.text(max_size=4) | st.integers(0, 3), inner, max_size=3),
                    max_leaves=12))
def test_any_value_is_written_as_json_dumps_writes_it(value):
    from citex.writers.csljson import _indented
    assert _indented(value, orjson) == json.dumps(value, indent=2, ensure_ascii=False)
