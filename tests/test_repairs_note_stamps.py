"""note-export-stamps: Scopus's stamps leave the note; the cited works go to references."""

import pytest

from citex import dumps, loads, repair

try:
    from tests.repair_helpers import run
except ImportError:
    from repair_helpers import run

RULE = "note-export-stamps"


@pytest.mark.parametrize("note, kept, cited", [
    ("cited By 72", None, None),  # Scopus BibTeX
    ("Cited By :3\nExport Date: 15 October 2020", None, None),  # Scopus RIS N1 lines
    ("Export Date: 15 October 2020\nReferences: Roe, B., Magnets (1999) J. Phys., 1, p. 2;\n"
     "Poe, C., (2001) Nature, 3, p. 4\nCorrespondence Address: Lee, A.; Utah; email: a@b.c",
     None, "Roe, B., Magnets (1999) J. Phys., 1, p. 2;\nPoe, C., (2001) Nature, 3, p. 4"),
    ("Translated from the Russian\ncited By 4", "Translated from the Russian", None),
    # the same stamps on one line, as the whitespace rule leaves them
    ("Cited By :3 Export Date: 15 October 2020 References: Roe, B., (1999) J. Phys., 1, p. 2; "
     "Poe, C., (2001) Nature, 3, p. 4", None, "Roe, B., (1999) J. Phys., 1, p. 2; Poe, C., (2001) Nature, 3, p. 4"),
    # Scopus BibTeX for a conference paper: its own proceedings named again, and dated
    ("cited By 0; Conference of Magnetics 2015 ; Conference Date: 11 May 2015 Through 15 May 2015; "
     "Conference Code:113931", None, None),
])
def test_fires(note, kept, cited):
    rec = run(RULE, source="ris", note=note, **{"container-title": "Magnetics 2015"})
    assert rec.get("note") == kept
    assert rec.get("references") == cited
    assert {r.rule for r in rec.repairs} == {RULE}


@pytest.mark.parametrize("note", [
    "Translated from the Russian",
    "References are given at the end of each chapter",  # 'References' not as Scopus's label
    "Cited by the committee as the standard work",
    "In press",
    "Part 1; part 2 in the next issue",  # ';' alone is no stamp
])
def test_leaves_real_notes_alone(note):
    rec = run(RULE, source="ris", note=note)
    assert rec.get("note") == note and rec.repairs == []


def test_stamps_are_found_after_the_whitespace_rule_joined_the_lines():
    records = loads("TY  - JOUR\nTI  - Magnets\nAU  - Lee, A.\nPY  - 2013\nN1  - Cited By :3\n"
                    "N1  - Export Date: 15 October 2020\nN1  - References: Roe, B., (1999) J. Phys., 1, p. 2;\n"
                    "Poe, C., (2001) Nature, 3, p. 4\nER  - \n", "ris")
    rec = next(iter(repair(records)))
    assert rec.get("note") is None
    assert rec.get("references").startswith("Roe, B.")


def test_scopus_bibtex_export_prints_no_citation_count():
    records = loads("@ARTICLE{Lee2013,\nauthor={Lee, A.},\ntitle={Magnets},\njournal={J. Phys.},\n"
                    "year={2013},\nnote={cited By 72},\nsource={Scopus},\n}\n", "bibtex")
    assert "cited By" not in dumps(list(repair(records)), "bibtex")
