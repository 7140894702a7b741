"""The same input gives the same output and diagnostics, byte for byte, whatever PYTHONHASHSEED is.

Sets of field names were iterated in places (aliased BibTeX fields renamed, the date and
name rules' fields, CSL-JSON's custom variables): their order, and so the order of fields
and diagnostics written, changed from one run to the next.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BIB = r"""@article{a, author = {Roe, Ann and DOE, JOHN}, editor = {Poe, Edgar and SMITH, JANE},
  translator = {Lee, A. and LEE, B.}, title = {T}, journaltitle = {J}, date = {0250},
  eventdate = {1034}, urldate = {1300-01-02}, origdate = {3000}, archiveprefix = {arXiv},
  eprint = {2003.11901}, primaryclass = {gr-qc}, address = {Here}, school = {S}}
"""


def _run(seed: int, path: Path, to: str) -> str:
    done = subprocess.run([sys.executable, "-m", "citex", "convert", str(path), "--to", to, "--jobs", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "PYTHONHASHSEED": str(seed)})
    return done.stdout + done.stderr


def _read_over_seeds(text: str, fmt: str, part: str) -> set[str]:
    """The names in the first record's ``part`` (fields, extra) as read under six hash seeds."""
    script = f"import sys; from citex import loads; print(list(next(iter(loads(sys.stdin.read(), '{fmt}'))).{part}))"
    return {subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}, check=True).stdout for seed in range(6)}


def test_output_and_diagnostics_do_not_depend_on_the_hash_seed(tmp_path):
    src = tmp_path / "seeded.bib"
    src.write_text(BIB, encoding="utf-8")
    for to in ("csljson", "bibtex"):
        outputs = {_run(seed, src, to) for seed in range(6)}
        assert len(outputs) == 1, f"{to}: {len(outputs)} different outputs over 6 hash seeds"
        assert "date-year-range" in outputs.pop()  # the rule that iterated a set did report


def test_csl_json_custom_variables_are_read_in_their_order():
    item = ('[{"id": "a", "type": "book", "title": "T", "custom": {"csl-variables": {"supplement-number": "3", '
            '"license": "CC-BY", "part-number": "2", "printing-number": "4", "collection-title-short": "S"}}}]')
    seen = _read_over_seeds(item, "csljson", "fields")
    assert seen == {"['title', 'supplement-number', 'license', 'part-number', 'printing-number', "
                    "'collection-title-short']\n"}, seen


def test_aliased_bibtex_fields_keep_the_order_written():
    # archiveprefix -> eprinttype and primaryclass -> eprintclass were renamed in a set's order
    src = ("@article{a, author = {Roe, A}, title = {T}, year = {2020}, archiveprefix = {arXiv},\n"
           " eprint = {2003.11901}, primaryclass = {gr-qc}, journal = {J}, address = {Here}}\n")
    seen = _read_over_seeds(src, "bibtex", "extra")
    assert seen == {"['eprint', 'archiveprefix', 'primaryclass']\n"}, seen
