"""pipeline.repairer on a list of records (a --jobs worker's chunk, rules a module at a time)
repairs each record as ``repair`` does one record at a time: same fields, log and notes."""

from pathlib import Path

from citex.pipeline import load, repair, repairer

DATA = Path(__file__).resolve().parent / "data"


def _records():
    files = sorted(str(p) for folder in ("ris", "medline", "bibtex", "pubmed_xml", "wos", "csljson")
                   for p in (DATA / folder).glob("*") if p.is_file())
    return list(load(files))


def _state(rec):
    return (rec.type, rec.id, rec.fields, rec.extra, rec.truncated,
            [(r.rule, r.field, r.before, r.after, r.applied) for r in rec.repairs],
            [str(d) for d in rec.diagnostics])


def test_a_list_is_repaired_as_one_record_at_a_time():
    one_by_one = [_state(rec) for rec in repair(_records())]
    records = _records()
    repairer()(records)
    assert len(records) > 100 and sum(bool(rec.repairs) for rec in records) > 10  # faults to repair
    assert [_state(rec) for rec in records] == one_by_one


def test_selected_rules_and_confidence_apply_to_a_list_as_to_one_record():
    options = {"select": ["title", "name"], "min_confidence": 0.99}
    one_by_one = [_state(rec) for rec in repair(_records(), **options)]
    records = _records()
    repairer(**options)(records)
    assert [_state(rec) for rec in records] == one_by_one
