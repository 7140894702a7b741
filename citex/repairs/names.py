"""Name repairs: names a reader could not split, 'et al.' taken for a name, suffixes in the wrong
part, capitals, a list exploded into one name per character, and author lists said twice.

Particles stay in the family name ("van der Berg") as PubMed and Zotero keep
them; initials keep whatever periods they came with: both are styles, not faults.
"""

from __future__ import annotations

import re
from itertools import repeat

from ..model import NAME_VARIABLES, Name, Record, name_parts
from ..registry import REPAIRS
from .scan import PerRecord, by_name_parts

NAMES = tuple(sorted(NAME_VARIABLES))  # what the name rules read
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_FAMILY = rf"(?:(?:van|von|der|den|de|del|della|di|da|dos|du|la|le|ter|ten|bin|al|el)\s+)*[{_UPPER}][\w'’-]+"
_SUFFIX = r"(?:Jr|Sr|II|III|IV)\.?"  # not "V": in "Gene V" it is an initial
_PERSON_FORMS = (  # literal text -> family, given, suffix
    re.compile(rf"(?P<family>{_FAMILY}(?:\s[{_UPPER}][\w'’-]+)?),\s*(?P<given>[{_UPPER}][\w.'’-]*"
               rf"(?:\s+[{_UPPER}][\w.'’-]*){{0,2}})(?:,?\s+(?P<suffix>{_SUFFIX}))?"),  # Shah, Mihir
    re.compile(rf"(?P<family>{_FAMILY})\s+(?P<given>[{_UPPER}]{{1,3}})(?:\s+(?P<suffix>{_SUFFIX}))?"),  # Shah MK
    re.compile(rf"(?P<given>(?:[{_UPPER}]\.\s?){{1,3}})\s*(?P<family>{_FAMILY})"),  # M. K. Shah
)
_GROUP_WORDS = re.compile(
    r"\b(?:group|consortium|committee|collaborat\w*|investigators|society|association|"
    r"organi[sz]ation|institute|university|council|network|team|task force|working party|"
    r"foundation|ministry|department|board|panel|alliance|project|study|trial|centre|center)\b", re.I)
_ET_AL = re.compile(r"^(?:et\.?\s*al\.?|and\s+others|others|u\.\s*a\.|et\s+coll?\.?)$", re.I)
_SUFFIX_END = re.compile(rf"^(?P<rest>.+?),?\s+(?P<suffix>{_SUFFIX})$")


def _map_names(rec: Record, rule: str, fn, **fix) -> None:
    """Apply ``fn`` (Name -> Name or list of Names) to each name of each name variable."""
    for field in sorted(NAME_VARIABLES & rec.fields.keys()):  # sorted: a set's order changes run to run
        names = rec.get(field)
        if not isinstance(names, list):
            continue
        new: list[Name] = []
        changed = False
        for n in names:
            out = fn(n) if isinstance(n, Name) else n
            if isinstance(out, list):
                new += out
                changed = True
            else:
                new.append(out)
                changed = changed or out is not n
        if changed:  # most lists: every name came back as it was, nothing to compare or log
            rec.fix(field, new, rule=rule, **fix)


def split_literal(name: Name) -> Name:
    """A person's name left whole ('Shah, Mihir', 'Shah MK', 'M. K. Shah') split into its parts."""
    text = name.literal or (name.family if not name.given else None)
    if not text or _GROUP_WORDS.search(text) or len(text.split()) > 5:
        return name
    for form in _PERSON_FORMS:
        m = form.fullmatch(text.strip())
        if m:
            parts = m.groupdict()
            return Name(family=parts["family"], given=parts["given"].strip(),
                        suffix=(parts.get("suffix") or "").rstrip(".") or None)
    return name


@REPAIRS.register("name-unsplit", confidence=0.95, reads=NAMES)
def name_unsplit(rec: Record) -> None:
    """A person's name kept whole as one literal ('Shah, Mihir', 'Shah M') is split into family
    and given names."""
    if name_faults(rec) & UNSPLIT:
        _map_names(rec, "name-unsplit", split_literal)


@REPAIRS.register("name-et-al", confidence=1.0, reads=NAMES)
def name_et_al(rec: Record) -> None:
    """'et al.' or 'and others' read as a name is removed and the list marked as cut short."""
    if not name_faults(rec) & ET_AL:
        return
    for field in sorted(NAME_VARIABLES & rec.fields.keys()):  # sorted: a set's order changes run to run
        names = rec.get(field)
        if not isinstance(names, list):
            continue
        kept = [n for n in names if not (isinstance(n, Name) and _is_et_al(n))]
        if len(kept) != len(names) and rec.fix(field, kept, rule="name-et-al"):
            rec.truncated.add(field)


def _is_et_al(name: Name) -> bool:
    text = (name.literal or f"{name.family or ''} {name.given or ''}").strip()
    # every form starts with one of these letters: most names are known not to be one without the regex
    return text[:1] in _ET_AL_STARTS and bool(_ET_AL.match(text))


_ET_AL_STARTS = frozenset("eEaAoOuU")


# What a name part that ends in a suffix ends with ('$' also matches before a final newline).
_SUFFIX_ENDINGS = tuple(e + end for e in ("Jr", "Sr", "II", "IV") for dot in ("", ".")
                        for end in (dot, dot + "\n"))
_SUFFIX_LAST = frozenset(e[-1] for e in _SUFFIX_ENDINGS)  # their last characters: one look-up first


def _move_suffix(name: Name) -> Name:
    if name.suffix or name.literal:
        return name
    for part in ("given", "family"):
        text = getattr(name, part) or ""
        if not text.endswith(_SUFFIX_ENDINGS):
            continue  # most names: no suffix at the end, known without the regex
        m = _SUFFIX_END.match(text)
        if m:
            return Name(**{**vars(name), part: m["rest"], "suffix": m["suffix"].rstrip(".")})
    return name


@REPAIRS.register("name-suffix", confidence=0.95, reads=NAMES)
def name_suffix(rec: Record) -> None:
    """'Jr', 'Sr', 'II', 'III' left at the end of the given or family name become the suffix."""
    if name_faults(rec) & SUFFIX:
        _map_names(rec, "name-suffix", _move_suffix)


def _capitalise(word: str) -> str:
    """'SHAH' -> 'Shah', "O'BRIEN" -> "O'Brien", 'MCDONALD' -> 'McDonald', 'SMITH-JONES' -> 'Smith-Jones'."""
    pieces = re.split(r"([\s'’-]+)", word)
    out = "".join(p[:1] + p[1:].lower().replace("i\u0307", "i") for p in pieces)  # Turkish İ
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m[1].upper(), out)


def _recase(name: Name) -> Name:
    family, given = name.family or "", name.given or ""
    if name.literal or not given or not family.isupper() or len(re.sub(r"\W", "", family)) < 3:
        return name
    if not re.search("[AEIOUYÀ-ÖØ-Ý]", family):
        return name  # no vowel: an acronym, not a name
    given = _capitalise(given) if len(re.sub(r"[\W]", "", given)) > 3 and given.isupper() else given
    return Name(**{**vars(name), "family": _capitalise(family), "given": given or None})


# ---------------------------------------------------------------- which rules a record's names need

UNSPLIT, ET_AL, SUFFIX, CAPS = 1, 2, 4, 8


def _usual_judged(name: Name) -> int | None:
    """``_judge_each`` of a name that has a family and a given name (most names), else None. Nothing
    is left whole to split, and each other rule is asked only when the name could be its case
    (tests/test_repairs_names.py holds this to _judge_each): a name a worker had not seen before
    cost 0.75 µs, a call for each rule."""
    family, given, literal, _, _, suffix = name_parts(name)
    if literal is not None or suffix is not None or not given or family.__class__ is not str or given.__class__ is not str:
        return None
    found = 0
    # _is_et_al's text starts with family's first non-space character, else given's
    if (family.lstrip() or given.lstrip())[:1] in _ET_AL_STARTS and _is_et_al(name):
        found |= ET_AL
    if ((given[-1:] in _SUFFIX_LAST and given.endswith(_SUFFIX_ENDINGS)
         or family[-1:] in _SUFFIX_LAST and family.endswith(_SUFFIX_ENDINGS)) and _move_suffix(name) is not name):
        found |= SUFFIX
    if family.isupper() and _recase(name) is not name:
        found |= CAPS
    return found


def _judge_each(name: Name) -> int:
    """Which of the rules that look at one name at a time would change it, as bits: each rule asked."""
    return ((UNSPLIT if split_literal(name) is not name else 0) | (ET_AL if _is_et_al(name) else 0)
            | (SUFFIX if _move_suffix(name) is not name else 0) | (CAPS if _recase(name) is not name else 0))


_judged = by_name_parts(_judge_each, quick=_usual_judged)  # usual names: not remembered


def _judge_names(values) -> int:
    found = 0
    for value in values:
        if isinstance(value, list) and value:
            # the usual list holds names only, taken as it is
            names = value if all(map(isinstance, value, repeat(Name))) else [n for n in value if isinstance(n, Name)]
            found |= _judged.of_all(names)
    return found


# The per-name rules that could change some name of a record: the others return at once.
name_faults = PerRecord(_judge_names)


@REPAIRS.register("name-all-caps", confidence=0.9, reads=NAMES)
def name_all_caps(rec: Record) -> None:
    """A family name in capitals ('SHAH M', 'O'BRIEN, JOHN') gets normal capitals; initials stay."""
    if name_faults(rec) & CAPS:
        _map_names(rec, "name-all-caps", _recase)


@REPAIRS.register("name-split-characters", confidence=0.95, reads=NAMES)
def name_split_characters(rec: Record) -> None:
    """An author list broken into one 'name' per character ('S', 'h', 'a', 'h', ...) is joined and
    read again."""
    for field in sorted(NAME_VARIABLES & rec.fields.keys()):  # sorted: a set's order changes run to run
        names = rec.get(field)
        if not isinstance(names, list) or len(names) < 4:
            continue
        first = names[0]  # most lists are whole names from the first, known without the rest
        if not isinstance(first, Name) or first.given or len(first.literal or first.family or "") > 1:
            continue
        chars = [(n.literal or n.family or "") if isinstance(n, Name) and not n.given else None
                 for n in names]
        if any(c is None or len(c) > 1 for c in chars):
            continue
        text = "".join(chars)
        if " " not in text and "," in text:  # the spaces were lost: "ShahM,RaoK"
            return
        from ..readers.nlm_authors import parse_authors  # lazy: few records need it

        parsed = parse_authors(text)
        if parsed.names and parsed.persons:
            rec.fix(field, parsed.names, rule="name-split-characters")
            if parsed.et_al:
                rec.truncated.add(field)
        else:
            rec.report("warning", "names-split-characters",
                       f"{field} is one name per character: {text!r}; kept as read", field)


@REPAIRS.register("names-said-twice", confidence=1.0, reads=("author",))
def names_said_twice(rec: Record) -> None:
    """The same person list as both author and editor (or container author) is reported: which one
    is right cannot be known from the record."""
    authors = rec.get("author")
    if not isinstance(authors, list) or len(authors) < 2:
        return
    for other in ("editor", "container-author"):
        if rec.get(other) == authors:
            rec.report("warning", "names-said-twice",
                       f"author and {other} hold the same {len(authors)} names; check which is right",
                       other)
