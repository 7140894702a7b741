"""Text-level repairs that apply to every string field: mojibake, control characters,
Unicode normal form and stray whitespace. They run first, so later rules see clean text.

Most records need none of the four. One pass over a record's strings (``faults``)
finds which rules could change any of them -- printable text with single inner
spaces has no control or whitespace fault, mojibake and NFC are only possible
outside ASCII -- and a rule whose fault is absent returns at once. The pass is
remembered for the record until a repair changes it (``scan.PerRecord``), so the
four rules scan a clean record once between them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from itertools import repeat

from ..model import Name, Record, name_parts
from ..registry import REPAIRS
from ..textnorm import (LONG_TEXT, PRINTABLE_ASCII, fix_encoding, found_one_line, is_nfc, not_plain, one_line,
                        other_characters, printable)
from .scan import PerRecord, by_name_parts

# C0 control characters other than tab and line breaks (which the whitespace rule
# folds into spaces), and invisible format characters left by copy-paste.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u2060\ufeff\ufffe]")
# C1 characters are Windows-1252 punctuation read as Latin-1: \x97 was an em dash.
_C1 = re.compile("[\x80-\x9f]")


def _c1_as_cp1252(m: re.Match[str]) -> str:
    try:
        return m.group().encode("latin-1").decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d mean nothing in Windows-1252
        return ""
# Characters that UTF-8 read as Windows-1252/Latin-1 leaves behind: a lead byte's character, then a
# continuation byte's. A string holding no such pair has no mojibake rule fault.
_CONTINUATION = "\u0080-\u00bf\u0152-\u0192\u02c6-\u02dc\u2013-\u2122"
_MOJIBAKE_HINT = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
# ... and a whole sequence: a lead, then as many continuations as it says (one to three; a lost
# last byte may read '?', SUB, U+FFFD or a space, which ftfy restores). ftfy is only asked about
# strings holding one: a pair alone ('é«' in 'Résumé«Cycles': a lead of three bytes, one
# continuation) decodes to nothing, and asking loaded ftfy in each --jobs worker (35 ms).
_LAST = f"[{_CONTINUATION} ?\x1a\ufffd]"
_MOJIBAKE_SEQUENCE = re.compile(f"[\u00c2-\u00df][{_CONTINUATION}]|[\u00e0-\u00ef][{_CONTINUATION}]{_LAST}"
                                f"|[\u00f0-\u00f4][{_CONTINUATION}]{_LAST}{_LAST}")


def _map_strings(rec: Record, rule: str, fn, fault: int) -> None:
    """Apply ``fn`` to every string field and every part of every name, logging changes. Names
    without ``fault`` (a bit of ``string_faults``, remembered by their parts) are left as they are."""
    for field, value in list(rec.fields.items()):
        if isinstance(value, str):
            new = fn(value)
            if new != value:
                rec.fix(field, new, rule=rule)
        elif _is_names(value) and _name_faults.of_all(value) & fault:
            names = [_map_name(n, fn) for n in value]
            if names != value:
                rec.fix(field, names, rule=rule)


def _map_name(name: Name, fn) -> Name:
    changed = {k: new for k, v in vars(name).items() if isinstance(v, str) and (new := fn(v)) != v}
    return replace(name, **changed) if changed else name  # most names: nothing to do, no copy


def fix_mojibake(text: str) -> str:
    if text.isascii() or not _MOJIBAKE_SEQUENCE.search(text):
        return text  # and no word of it decodes again (tests/test_repairs_text.py)
    # ftfy judges short words like 'Åžahin' plausible on their own; a word that
    # re-encodes to valid UTF-8 is mojibake all the same.
    return _hinted_words_reversed(fix_encoding(text))


def _hinted_words_reversed(text: str) -> str:
    """Each word of ``text`` (a run of non-space) that holds a mojibake pair, ``_reverse``d. The
    words are found from their pairs, in one search: a call for each word cost 3 ms for a
    21,000-character abstract whose one pair ("é«") ftfy had left."""
    pieces: list[str] = []
    done = 0
    for m in _PAIR_IN_WORD.finditer(text):
        if m.start() < done:
            continue  # in the word just reversed
        start, end = m.start(), m.end()
        while start > done and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        pieces += (text[done:start], _reverse(text[start:end]))
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


# A mojibake pair inside a word: its second character may be whitespace (U+00A0, U+2028), and
# such a pair is in no word. (str.isspace() and \s are the same test.)
_PAIR_IN_WORD = re.compile(rf"(?={_MOJIBAKE_HINT.pattern})\S\S")


def _reverse(word: str) -> str:
    """A word holding a mojibake pair, re-encoded as Windows-1252 or Latin-1 and read as UTF-8
    if that gives valid UTF-8, else as it is."""
    for codec in ("cp1252", "latin-1"):
        try:
            return word.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return word


@REPAIRS.register("mojibake", confidence=0.95)
def mojibake(rec: Record) -> None:
    """UTF-8 text that was decoded as Windows-1252 or Latin-1 ('MÃ¼ller') is decoded again."""
    if faults(rec) & MOJIBAKE:
        _map_strings(rec, "mojibake", fix_mojibake, MOJIBAKE)


@REPAIRS.register("control-characters", confidence=1.0)
def control_characters(rec: Record) -> None:
    """Control characters, zero-width spaces and stray byte-order marks inside a field are removed;
    Windows-1252 punctuation read as C1 controls ('\x97', '\x93') becomes the dash or quote it was."""
    if faults(rec) & CONTROLS:
        _map_strings(rec, "control-characters", _without_controls, CONTROLS)


def _without_controls(text: str) -> str:
    if not _CONTROL_OR_C1.search(text):  # the usual case, found in one scan
        return text
    return _C1.sub(_c1_as_cp1252, _CONTROLS.sub("", text))


_CONTROL_OR_C1 = re.compile(f"{_CONTROLS.pattern}|{_C1.pattern}")


@REPAIRS.register("unicode-nfc", confidence=1.0)
def unicode_nfc(rec: Record) -> None:
    """Decomposed accents ('e' + combining acute) are composed (Unicode NFC), so text compares equal."""
    if faults(rec) & NFC:
        _map_strings(rec, "unicode-nfc", lambda s: s if s.isascii() else unicodedata.normalize("NFC", s), NFC)


@REPAIRS.register("whitespace", confidence=1.0)
def whitespace(rec: Record) -> None:
    """Line breaks, tabs, doubled and leading/trailing spaces inside a field become single spaces."""
    if faults(rec) & SPACES:
        _map_strings(rec, "whitespace", one_line, SPACES)


# ---------------------------------------------------------------- which rules a record needs

MOJIBAKE, CONTROLS, NFC, SPACES = 1, 2, 4, 8
# A record's strings are scanned as one text, joined by a space: the checks run once in C
# instead of once a string. A space never composes with a neighbour (NFC of the whole is NFC
# of each string) and no fault pattern crosses it; and odd whitespace at a string's edge
# becomes a doubled space next to it, found by the one scan for doubled spaces. (An empty
# string between two others also makes one: the whitespace rule then runs for nothing.)
_SEPARATOR = " "
# Whitespace the rule changes: two in a row, any but a plain space, or at either end. The
# definition: string_faults finds the same by quicker means (_spaced, _odd_spaced;
# tests/test_repairs_text.py holds them to it).
_EDGE_SPACE = re.compile(r"\s\s|[^\S ]|^\s|\s$")


def _spaced(text: str) -> bool:
    """Whether printable ``text`` has a space fault: ``_EDGE_SPACE``, where the only whitespace is ' '."""
    return "  " in text or text.startswith(" ") or text.endswith(" ")


def _odd_spaced(text: str) -> bool:
    """``_EDGE_SPACE.search(text)``: a space fault made of spaces, or any other whitespace (one
    character class, where _EDGE_SPACE's alternatives are tried at every character)."""
    return _spaced(text) or _OTHER_SPACE.search(text) is not None


_OTHER_SPACE = re.compile(r"[^\S ]")


def string_faults(text: str) -> int:
    """The rules that could change ``text`` (or any of the strings joined by spaces into it), as bits:
    none set means each leaves it as it is."""
    return _faults(text)[0]


def _faults(text: str, remember: bool = False) -> tuple[int, bool]:
    """``string_faults``, and whether the text is printable with single spaces and none at its ends
    (``one_line`` would give it back). ``remember``: a record's long text (an abstract), whose
    characters other than plain ASCII are found by ``not_plain``, which the LaTeX writer asks
    for again."""
    # Every control character and every whitespace but ' ' is unprintable. So printable
    # text has no control fault, and a space fault only where a space is doubled or next to
    # a string's edge; and text that is printable once its line breaks, tabs and no-break
    # spaces are spaces has a space fault and no control fault. Those are C loops and
    # finds; the regexes, which take a step for each character, are left for the rest.
    if text.isascii():  # mojibake and decomposed accents are only possible outside ASCII
        if not_plain(text).isprintable() if remember else printable(text):
            return (SPACES, False) if _spaced(text) else (0, True)
        if printable(text.replace("\n", " ").replace("\t", " ").replace("\r", " ")):
            return SPACES, False
        return (CONTROLS if _CONTROLS.search(text) else 0) | (SPACES if _odd_spaced(text) else 0), False
    # Outside ASCII, the checks share the text's UTF-8 and what is left of it without printable
    # ASCII (``others``: the other characters, in order, a few in most text): printable text is
    # text whose others are, and the mojibake and NFC checks look at few characters or in bytes.
    # A long text's others are ``not_plain``'s (printable ASCII specials too), which the LaTeX
    # writer asks for again: what a mojibake pair needs is then looked for among them first.
    if remember:
        raw, others = None, not_plain(text)
    else:
        raw = text.encode("utf-8", "surrogatepass")
        others = other_characters(text, PRINTABLE_ASCII, raw)
    single = False
    if others.isprintable():
        found = SPACES if _spaced(text) else 0
        single = not found
    elif others.replace("\n", "").replace("\t", "").replace("\r", "").replace("\xa0", "").isprintable():
        found = SPACES
    else:
        found = (CONTROLS if _CONTROL_OR_C1.search(text) else 0) | (SPACES if _odd_spaced(text) else 0)
    if raw is None:  # a pair in the text is a pair among its others (both are outside ASCII)
        # ... and where its others hold one, the text's UTF-8 is searched as the short strings' is
        # (the str regex tries its class at each of an abstract's characters: 1% of a worker)
        if _MOJIBAKE_HINT.search(others) and _MOJIBAKE_HINT_UTF8.search(text.encode("utf-8", "surrogatepass")):
            found |= MOJIBAKE
    elif b"\xc3" in raw and _MOJIBAKE_HINT_UTF8.search(raw):
        found |= MOJIBAKE
    return (found if is_nfc(text, others) else found | NFC), single


# _MOJIBAKE_HINT in UTF-8: a character of U+00C2-U+00F4 (0xC3 and a byte 0x82-0xB4) then one of
# U+0080-U+00BF, U+0152-U+0192, U+02C6-U+02DC or U+2013-U+2122. A bytes regex with a literal
# first byte skips to each 0xC3 in C; the str regex tries its class at every character.
# (tests/test_repairs_text.py holds the two to the same answers, character by character.)
_MOJIBAKE_HINT_UTF8 = re.compile(rb"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|\xc5[\x92-\xbf]|\xc6[\x80-\x92]"
                                 rb"|\xcb[\x86-\x9c]|\xe2(?:\x80[\x93-\xbf]|[\x81-\x83][\x80-\xbf]|\x84[\x80-\xa2]))")


def _strings(values) -> list[str]:
    """The strings ``_map_strings`` would look at: string fields and the parts of names."""
    found = []
    for value in values:
        if isinstance(value, str):
            found.append(value)
        elif _is_names(value):
            found += [part for name in value for part in vars(name).values() if isinstance(part, str)]
    return found


def _is_names(value) -> bool:
    return isinstance(value, list) and bool(value) and all(map(isinstance, value, repeat(Name)))


def _one_name_faults(name: Name) -> int:
    """``string_faults`` of a name's strings (as ``_strings`` gives them) joined: the name's judge."""
    text = _usual_name(name)
    if text is None:
        text = _SEPARATOR.join([part for part in vars(name).values() if isinstance(part, str)])
    return string_faults(text)


def _usual_name(name: Name) -> str | None:
    """The strings of a name that has a family and a given name and nothing else, joined; else None."""
    family, given, literal, particle, dropping, suffix = name_parts(name)
    if (literal is None and particle is None and dropping is None and suffix is None
            and family.__class__ is str and given.__class__ is str):
        return f"{family}{_SEPARATOR}{given}"
    return None


def _plain_name(name: Name) -> int | None:
    """0 for a usual name of printable ASCII with single spaces and none at its ends (no rule
    changes it), else None: ``_one_name_faults``' answer without the memo."""
    text = _usual_name(name)
    return 0 if text is not None and text.isascii() and text.isprintable() and not _spaced(text) else None


_name_faults = by_name_parts(_one_name_faults, quick=_plain_name)


def _record_faults(values) -> int:
    """``string_faults`` of the record's strings: the string fields in one scan, each name by its
    parts, and each long text (an abstract) alone: what is found of it then is kept for
    ``one_line``, which the whitespace rule and the writers ask about it again."""
    found, strings = 0, []
    for value in values:
        if isinstance(value, str):
            if len(value) > LONG_TEXT:
                faults, on_one_line = _faults(value, remember=True)
                found |= faults
                if on_one_line:
                    found_one_line(value)
            else:
                strings.append(value)
        elif isinstance(value, list) and _is_names(value):
            found |= _name_faults.of_all(value)
    return found | string_faults(_SEPARATOR.join(strings))


# The text rules that could change some string of a record (the bits of ``string_faults``).
faults = PerRecord(_record_faults)
