"""Idempotence: converting citex's own output again to the same format changes nothing,
and repairing repaired records changes nothing.

Inputs: every example file under tests/data (all nine readers) and seeds/, plus one record
of every CSL type. The documented exceptions, each where a format cannot say what the first
pass wrote, are listed in ``EXCEPTIONS`` and applied precisely (to those lines or entries only):

- BibTeX/BibLaTeX ``@misc`` with ``howpublished``: a record of a type the format has no
  entry type for (or lacking a field its type requires) is written as ``@misc`` with its
  container in ``howpublished``; ``howpublished`` is read back as the publisher (as
  citation.js and pandoc read it), so the second pass writes it as ``publisher``.
- RIS and dates before year 1: RIS has no way to write a year BC; ``PY  - -45`` is not read back.
- RIS ``SN`` with labels: EndNote's ``isbn`` field is kept as written ("1532-1827
  (Electronic) 0007-0920 (Linking)"); the RIS reader lists the numbers ("1532-1827, 0007-0920").
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

import pytest

from citex.errors import CitexError
from citex.inputs import decode
from citex.pipeline import Tally, dump, loads, repair
from citex.readers.ris_values import split_serials
from corpus import corpus_files
from typed_records import every_type

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "tests" / "data").glob("*/*") if p.parent.name != "hostile") \
    + sorted((ROOT / "seeds").glob("*"))
READ_BACK = {"csljson": "csljson", "cslyaml": "cslyaml", "bibtex": "bibtex", "biblatex": "bibtex", "ris": "ris"}


def convert(text: str, fmt: str | None, to: str, path: str = "<first>") -> str:
    out, tally = io.StringIO(), Tally()
    dump(repair(loads(text, fmt, path, tally)), out, to, tally)
    return out.getvalue() if tally.wrote else ""


def _bib_entries(text: str) -> list[str]:
    return [e for e in re.split(r"\n(?=@)", text) if e.strip()]


def _without_misc_howpublished(first: str, second: str) -> tuple[str, str]:
    """Drop the entries (by key) that the first pass wrote as @misc with a howpublished."""
    keys = {re.match(r"@\w+\{([^,]*),", e).group(1) for e in _bib_entries(first)
            if e.startswith("@misc{") and re.search(r"^\s+howpublished\s+=", e, re.M)}

    def keep(text: str) -> str:
        return "\n".join(e for e in _bib_entries(text) if re.match(r"@\w+\{([^,]*),", e).group(1) not in keys)
    return keep(first), keep(second)


def _ris_first_pass_as_read_back(first: str, second: str) -> tuple[str, str]:
    """BC years dropped, SN values listed as the RIS reader lists them."""
    first = re.sub(r"^(?:PY|DA|Y1)  - -\d.*\n", "", first, flags=re.M)

    def listed(m: re.Match[str]) -> str:
        issns, isbns, understood = split_serials(m.group(1))
        return f"SN  - {', '.join(dict.fromkeys(issns + isbns))}" if understood else m.group()
    return re.sub(r"^SN  - (.*)$", listed, first, flags=re.M), second


EXCEPTIONS = {"bibtex": _without_misc_howpublished, "biblatex": _without_misc_howpublished,
              "ris": _ris_first_pass_as_read_back}


def _inputs():
    cases = [(p.relative_to(ROOT).as_posix(), decode(p.read_bytes(), str(p))[0], None) for p in SAMPLES]
    typed = convert_records(every_type(_all_types()))
    cases.append(("every CSL type", typed, "csljson"))
    return cases


def _all_types() -> list[str]:
    from citex.fieldmaps.csljson import TYPES

    return sorted(TYPES)


def convert_records(records) -> str:
    out = io.StringIO()
    dump(records, out, "csljson", Tally())
    return out.getvalue()


INPUTS = _inputs()


@pytest.mark.parametrize("to", sorted(READ_BACK))
def test_converting_the_output_again_changes_nothing(to):
    checked, differ = 0, []
    for name, text, fmt in INPUTS:
        try:
            first = convert(text, fmt, to, name)
        except CitexError:
            continue  # a file refused whole (a test of refusal): nothing written
        if not first:
            continue  # nothing written: nothing to read back
        second = convert(first, READ_BACK[to], to)
        a, b = EXCEPTIONS.get(to, lambda x, y: (x, y))(first, second)
        checked += 1
        if a != b:
            differ.append(name)
    assert checked >= len(INPUTS) - 12
    assert not differ, f"{to}: a second conversion changed {differ}"


def _corpus_sample() -> list[Path]:
    files = [p for p in corpus_files("") if p.stat().st_size < 100_000]
    return files[::7][:300]  # a spread of the shared corpus, kept quick


@pytest.mark.parametrize("source", ["examples", "corpus"])
def test_repairing_repaired_records_changes_nothing(source):
    paths = SAMPLES if source == "examples" else _corpus_sample()
    if not paths:
        pytest.skip("the shared corpus is not there")
    changed, seen = [], 0
    for path in paths:
        text, _ = decode(path.read_bytes(), str(path))
        try:
            records = list(repair(loads(text, None, str(path), Tally())))
        except CitexError:
            continue
        for rec in records:
            seen += 1
            before, logged = (rec.type, copy.deepcopy(rec.to_csl())), len(rec.repairs)
            list(repair([rec]))
            again = [r for r in rec.repairs[logged:] if r.applied]
            if (rec.type, rec.to_csl()) != before or again:
                changed.append((str(path), rec.id, [(r.rule, r.field) for r in again]))
    assert seen > 20
    assert not changed, changed[:5]
