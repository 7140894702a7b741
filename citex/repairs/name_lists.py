"""A name list typed with commas instead of "and": ``editor = {Luke Dahl, Douglas Bowman, Thomas Martin}``.

BibTeX reads two commas as ``von Last, Jr, First`` and more as an error, so the
list arrives as one mangled name: family "Luke Dahl", suffix "Douglas Bowman",
given "Thomas Martin" (or, with more parts, one literal that the reader kept
whole). It is split only when that is unambiguous: three or more comma-separated
parts, each a "Given Family" of two to four capitalised words or, as Scopus
writes editors, a "Family Initials" ("Biswas A., Yusuf S.M., Sharma V.K."), and
no other name in the field. A real inverted name keeps a one-word part ("Knuth,
Donald E.", "Doe, Jr., John") and is left alone.
"""

from __future__ import annotations

import re

from ..model import NAME_VARIABLES, Name, Record
from ..registry import REPAIRS
from .names import _GROUP_WORDS, _UPPER, NAMES

RULE = "name-list-commas"
_WORD = rf"[{_UPPER}][^\W\d_.]*(?:(?:\.?['’-]|\.)[^\W\d_]+)*\.?"  # "Luke", "J.R.R.", "H.-J.", "O'Neil"
_PARTICLE = r"(?:van|von|der|den|de|del|della|di|da|dos|du|la|le|ter|ten)"
_GIVEN_FAMILY = re.compile(rf"(?:{_WORD}\s+)+(?:{_PARTICLE}\s+)*{_WORD}")  # particles only before the family
_NOT_PERSON = re.compile(r"(?:Jr|Sr|II|III|IV|Inc|Ltd|Corp|Co)\.?")
_INITIALS = re.compile(rf"(?:[{_UPPER}]\.?-?){{1,4}}")  # "A.", "S.M.", "H.-J.", "MK"


def _person(part: str) -> Name | None:
    """'Luke Dahl' -> Name('Dahl', 'Luke'), 'Biswas A.' -> Name('Biswas', 'A.'); None for anything
    not plainly a given and a family name."""
    words = part.split()
    if not 2 <= len(words) <= 4 or not _GIVEN_FAMILY.fullmatch(part) or _GROUP_WORDS.search(part) or \
            any(_NOT_PERSON.fullmatch(w) for w in words):
        return None
    if _INITIALS.fullmatch(words[-1]):  # "Family Initials"; the family is no initial itself
        return None if _INITIALS.fullmatch(words[-2]) else \
            Name(family=" ".join(words[:-1]), given=words[-1])
    family_at = len(words) - 1
    while family_at > 1 and re.fullmatch(_PARTICLE, words[family_at - 1]):
        family_at -= 1
    particle = " ".join(words[family_at:-1]) or None
    return Name(family=words[-1], given=" ".join(words[:family_at]), non_dropping_particle=particle)


def _parts(name: Name) -> list[str] | None:
    """The comma-separated pieces the one name was typed as, or None if it is a plain name."""
    if name.literal:
        return [p.strip() for p in name.literal.split(",")] if name.literal.count(",") >= 2 else None
    if name.family and name.given and name.suffix and not name.non_dropping_particle \
            and not name.dropping_particle:  # BibTeX's "von Last, Jr, First" read of three parts
        return [name.family, name.suffix, name.given]
    return None


def split_comma_list(name: Name) -> list[Name] | None:
    """The persons in one name that is really a comma-separated list, or None."""
    parts = _parts(name)
    if not parts or len(parts) < 3:
        return None
    persons = [_person(p) for p in parts]
    return persons if all(persons) else None  # type: ignore[return-value]


@REPAIRS.register(RULE, confidence=0.9, reads=NAMES)
def name_list_commas(rec: Record) -> None:
    """A list of names typed with commas instead of "and" (read as one name) is split into its
    persons when every part is plainly "Given Family"."""
    for field in sorted(NAME_VARIABLES & rec.fields.keys()):
        names = rec.get(field)
        if not isinstance(names, list) or len(names) != 1 or not isinstance(names[0], Name):
            continue
        persons = split_comma_list(names[0])
        if persons:
            rec.fix(field, persons, rule=RULE, note=f"{len(persons)} names separated by commas, not 'and'")
