"""note-export-stamps: Scopus's stamps leave the note; the cited works go to references."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from citex import dumps, loads, repair
from citex.repairs import note_stamps

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


# --- the finder of stamps in long notes against the regex it stands in for ------------------


_PIECES = ["cited By 72", "Cited by :3", "CITED BY", "Export Date: 15 October 2020", "export date: 1 May",
           "References:", "references", "REFERENCES: ", "Correspondence Address:", "Correspondence Address2:",
           "Funding details:", "Funding text 1:", "funding text:", "CODEN: PSYCD", "Conference code: 12",
           "Conference Date: 11 May 2015 Through 15 May 2015", "Conference of X", "ſ", "K", "İ", "ı",
           "C\u0131ted by 4", "Referen\u017fes:", "_", "x", "Roe, B. (1999) J. Phys.", ";", "\n", " ", "  ", ":",
           "1", "é", "\u2019"]


def _by_regex(note):
    return [(m.start(), m.end(), m["label"], m["text"]) for m in note_stamps._STAMP.finditer(note)]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=30).map("".join))
@example("References: a, b ;\n Export Date: 1 May 2020  ")  # the spaces and ';' before the next stamp
@example("Funding text 2:x;Cited by 3;")
@example("cited by 3xcited by 4 Funding details:")  # \b: no stamp in the middle of a word
def test_long_note_finder_gives_the_regex_matches(note):
    short, note_stamps._SHORT_NOTE = note_stamps._SHORT_NOTE, 0  # every note through the finder
    try:
        assert note_stamps._stamps(note) == _by_regex(note)
    finally:
        note_stamps._SHORT_NOTE = short


def test_a_scopus_note_with_its_references_is_split_as_the_regex_splits_it():
    refs = "; ".join(f"Author{n}, A., Title number {n} (20{n % 20:02d}) J. Öko., {n}, p. {n}" for n in range(400))
    note = (f"Export Date: 18 November 2019\nCODEN: PSYCD\nCorrespondence Address: Kılıç, S.; Essen; "
            f"email: s@e.de\nFunding details: DFG\nReferences: {refs}\n")
    assert len(note) > note_stamps._SHORT_NOTE
    found = note_stamps._stamps(note)
    assert found == _by_regex(note) and found[-1][2] == "References" and found[-1][3] == refs
    assert note_stamps.split_note(note) == ("", refs)


def test_case_odd_letters_are_those_beyond_ascii_that_re_i_matches_to_ascii_ones():
    import re
    import string
    import sys

    beyond_ascii = [chr(cp) for cp in range(0x80, sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    matched = {}
    for letter in string.ascii_lowercase:
        one = re.compile(letter, re.I)
        matched.update({ch: letter for ch in beyond_ascii if one.fullmatch(ch)})
    assert matched == dict(note_stamps._CASE_ODD)
    # and no other character's lower case holds an ASCII letter (U+0130's is 'i' and a dot)
    assert {ch for ch in beyond_ascii if any(c.isascii() and c.isalpha() for c in ch.lower())} <= set(matched)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["cited by", "CITED BY", "Export Date", "REFERENCES:", "Funding", "coden",
                                 "Conference", "conferénce", "fundıng", "ſ", "İ", "K", "ß", "é", " ", ":", "x",
                                 "Correspondence Address", "referenceſ:", "cİted by", "\u212a"]))
       .map("".join))
@example("")
def test_may_hold_stamps_is_a_case_insensitive_search_for_the_words(note):
    import re

    quick = re.compile("|".join(note_stamps._QUICK_WORDS), re.I)
    assert note_stamps._may_hold_stamps(note_stamps._lowered(note)) is (quick.search(note) is not None)


def test_the_quick_test_leaves_a_note_without_stamps_alone():
    def may_hold(note):
        return note_stamps._may_hold_stamps(note_stamps._lowered(note))

    assert not may_hold("Translated from the Russian; see also the erratum")
    assert may_hold("EXPORT DATE: 1 May 2020")
    assert may_hold("refereNceſ: Roe, B.")  # ſ is an s to re.I
