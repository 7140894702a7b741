"""journal-caps-from-abbreviation: a journal in ALL CAPS (Web of Science) gets the letter case its
own abbreviation shows; without such evidence it stays as it is."""

import pytest

try:
    from tests.repair_helpers import run
except ImportError:
    from repair_helpers import run

RULE = "journal-caps-from-abbreviation"


@pytest.mark.parametrize("journal, short, after", [
    ("IEEE TRANSACTIONS ON MAGNETICS", "IEEE Trans. Magn.", "IEEE Transactions on Magnetics"),
    ("JOURNAL OF POLYMER SCIENCE PART B-POLYMER PHYSICS", "J. Polym. Sci. Pt. B-Polym. Phys.",
     "Journal of Polymer Science Part B-Polymer Physics"),
    ("JOURNAL OF MICRO-NANOLITHOGRAPHY MEMS AND MOEMS", "J. Micro-Nanolithogr. MEMS MOEMS",
     "Journal of Micro-Nanolithography MEMS and MOEMS"),
    ("PHYSICAL REVIEW A", "Phys. Rev. A", "Physical Review A"),
    ("JAPANESE JOURNAL OF APPLIED PHYSICS", "Jpn. J. Appl. Phys.", "Japanese Journal of Applied Physics"),
    ("NANOTECHNOLOGY", "Nanotechnology", "Nanotechnology"),
    ("PLOS ONE", "PLoS One", "PLoS One"),
    ("INDIAN JOURNAL OF MEDICAL MICROBIOLOGY", "Indian J. Med. Microbiol.",
     "Indian Journal of Medical Microbiology"),
])
def test_fires(journal, short, after):
    rec = run(RULE, source="wos", **{"container-title": journal, "container-title-short": short})
    assert rec.get("container-title") == after
    assert [r.rule for r in rec.repairs] == [RULE]


@pytest.mark.parametrize("journal, short", [
    ("IEEE Transactions on Magnetics", "IEEE Trans. Magn."),  # not in capitals
    ("JAMA", "JAMA"),  # the abbreviation is in capitals too: it tells nothing
    ("IIOAB JOURNAL", "IIOAB J."),
    ("MICROSYSTEM TECHNOLOGIES-MICRO-AND NANOSYSTEMS", "Microsyst. Technol."),  # NANOSYSTEMS: no evidence
])
def test_leaves_it_alone(journal, short):
    rec = run(RULE, source="wos", **{"container-title": journal, "container-title-short": short})
    assert rec.get("container-title") == journal and rec.repairs == []


def test_without_an_abbreviation_nothing_happens():
    rec = run(RULE, source="wos", **{"container-title": "IEEE TRANSACTIONS ON MAGNETICS"})
    assert rec.get("container-title") == "IEEE TRANSACTIONS ON MAGNETICS" and rec.repairs == []
