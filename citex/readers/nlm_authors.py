"""Author lists as PubMed writes them, in its citation strings and MEDLINE ``AU`` lines:

    authors = author {("," | ";") author} ["," "et al"] | "[No authors listed]"
    author  = family initials [suffix] | group-name

Apart from the citation grammar (``nlm_citation``), whose patterns take a process some
milliseconds to compile: the MEDLINE reader and the name and title rules need only these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Name

_PERSON = re.compile(
    # Family-name words are split at spaces only (a hyphen stays inside a word): splitting
    # at hyphens too made "a-a-a-…" match in exponentially many ways.
    r"^(?P<family>[^ \t,;]+(?:[ ][^ \t,;]+)*?)[ ]+(?P<given>[A-Z]{1,4}|[A-Z](?:\.[ ]?[A-Z])*\.?)"
    r"(?:[ ]+(?P<suffix>Jr|Sr|2nd|3rd|4th|II|III|IV|V))?$"
)
_ET_AL_TAIL = re.compile(r"(?<=[^,\s])\s+et\s+al\.?$", re.I)
_ET_AL = re.compile(r"^(?:et[ ]+al\.?|and[ ]+others)$", re.I)
NO_AUTHORS = re.compile(r"^\[?No authors listed\]?\.?$", re.I)


@dataclass
class ParsedAuthors:
    names: list[Name] = field(default_factory=list)
    et_al: bool = False
    persons: bool = True  # every item had the "Family Initials" shape


def parse_person(item: str) -> Name | None:
    """``Family Initials [Suffix]`` to a Name, or None when the item has another shape.

    Particles stay in the family name ("van der Berg"), as PubMed and Zotero keep
    them; CSL processors split them off themselves.
    """
    m = _PERSON.match(item)
    if not m:
        return None
    return Name(family=m.group("family"), given=m.group("given"), suffix=m.group("suffix"))


def parse_authors(text: str) -> ParsedAuthors:
    """Parse an NLM author list (without its closing period)."""
    result = ParsedAuthors()
    text = text.strip().rstrip(".")
    if _ET_AL_TAIL.search(text):  # "Shah M et al" written without its comma
        text = _ET_AL_TAIL.sub(", et al", text)
    for item in re.split(r"\s*[,;]\s*", text):
        if not item:
            continue
        if _ET_AL.match(item):
            result.et_al = True
            continue
        person = parse_person(item)
        if person is None:
            result.persons = False
            result.names.append(Name(literal=item))
        else:
            result.names.append(person)
    return result


def looks_like_authors(sentence: str) -> bool:
    """True when every item of the sentence is ``Family Initials`` or ``et al``."""
    parsed = parse_authors(sentence)
    return bool(parsed.names) and parsed.persons
