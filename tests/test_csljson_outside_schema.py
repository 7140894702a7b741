"""CSL 1.0.2 variables the CSL-JSON schema does not list go under ``custom`` and come back."""

import json

import pytest

from citex.model import Name, Record
from citex.pipeline import dumps, loads

try:
    from tests.corpus import CORPUS
except ImportError:
    from corpus import CORPUS

SCHEMA = CORPUS.parent / "schemas" / "csl-data.json"


def _record():
    return Record(type="book", fields={
        "title": "Parts", "author": [Name("Lee", "Ann")], "part-number": "2",
        "collection-title": "Lecture Notes", "collection-title-short": "LNCS",
        "editor-translator": [Name("Roe", "Jan")]})


def test_the_item_validates_against_the_schema():
    if not SCHEMA.exists():
        pytest.skip(f"the CSL-JSON schema is not at {SCHEMA}")
    import jsonschema

    items = json.loads(dumps([_record()], "csljson"))
    jsonschema.validate(items, json.loads(SCHEMA.read_text()), cls=jsonschema.Draft7Validator)
    assert items[0]["custom"]["csl-variables"]["part-number"] == "2" and "part-number" not in items[0]
    assert items[0]["collection-title"] == "Lecture Notes"  # a variable the schema lists stays


def test_the_moved_variables_are_read_back_as_variables():
    back = next(iter(loads(dumps([_record()], "csljson"), "csljson")))
    assert back.get("part-number") == "2"
    assert back.get("collection-title-short") == "LNCS"
    assert back.get("editor-translator") == [Name("Roe", "Jan")]
    assert not back.extra


def test_an_input_key_of_the_same_name_stays_in_extra():
    """Crossref's "license" is a list of objects: it stays as the input's own, not a variable."""
    text = '[{"id": "x", "type": "article", "title": "T", "license": [{"URL": "http://l.example"}]}]'
    rec = next(iter(loads(text, "csljson")))
    back = next(iter(loads(dumps([rec], "csljson"), "csljson")))
    assert (back.fields, back.extra) == (rec.fields, rec.extra)
