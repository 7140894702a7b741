"""The four text rules' shared precondition: one scan of a record decides which rules can apply."""

import re
import subprocess
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citex.model import Name, Record
from citex.pipeline import repair
from citex.registry import REPAIRS
from citex.repairs import text
from citex.textnorm import one_line

FIXES = {  # bit -> what the rule does to one string
    text.MOJIBAKE: text.fix_mojibake,
    text.CONTROLS: text._without_controls,
    text.NFC: lambda s: s if s.isascii() else unicodedata.normalize("NFC", s),
    text.SPACES: one_line,
}
PIECES = ["a", "Z", " ", "  ", "\t", "\n", "é", "e\u0301", "Ã©", "Ã¼", "\x00", "\x97", "\u200b", "ß", "—", "\ufeff"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=12).map("".join))
def test_a_rule_whose_fault_is_not_found_would_not_change_the_string(value):
    found = text.string_faults(value)
    for bit, fix in FIXES.items():
        if not found & bit:
            assert fix(value) == value


WHITESPACE = ["\xa0", "\r", "\x1c", "\u2028", "\u3000", "\x85", "\u00ad", "\ufffe"]
# Characters NFC changes in context: Hangul jamo that compose with the one before, a Kannada
# length mark (class 0) that composes with a vowel sign, characters NFC never keeps, marks
# of other classes, and a lone surrogate.
COMPOSING = ["\u1100", "\u1161", "\u11a8", "\uac00", "\u0cbf", "\u0cd5", "\u0cc6", "\u212b", "\u2126",
             "\u0344", "\u0323", "\u0302", "\u1e0d", "\ud800", "Ã", "©", "\u2122", "\u02dc", "\u0192"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES + WHITESPACE + COMPOSING + ["|", " |", "| "]) | st.text(max_size=3),
                max_size=12).map("".join))
def test_the_quick_checks_find_what_the_regexes_find(value):
    """string_faults answers most text from C-level checks; the answer is the regexes' own."""
    by_regex = ((text.CONTROLS if text._CONTROL_OR_C1.search(value) else 0)
                | (text.SPACES if text._EDGE_SPACE.search(value) else 0))
    if not value.isascii():
        by_regex |= ((text.MOJIBAKE if text._MOJIBAKE_HINT.search(value) else 0)
                     | (0 if unicodedata.is_normalized("NFC", value) else text.NFC))
    assert text.string_faults(value) == by_regex


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES + WHITESPACE + COMPOSING + ["word ", "x" * 40, "{", "$", "<i>", "&", "Ã x©"])
                | st.text(max_size=3), min_size=1, max_size=40).map("".join))
def test_a_long_text_is_judged_the_same_from_what_the_writer_is_told(value):
    """A record's long text is judged from its characters other than plain ASCII (``not_plain``,
    remembered for the LaTeX writer) as from its characters outside printable ASCII: a mojibake
    pair among the first is looked for in the text itself ('Ã x©' makes one there only)."""
    value = value + " filler" * 40  # long: over LONG_TEXT characters
    assert text._faults(value, remember=True) == text._faults(value)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES + ["|", "| "]) | st.text(max_size=2), max_size=6).map("".join),
                min_size=1, max_size=6))
def test_a_fault_in_any_string_of_a_record_is_found_in_the_joined_scan(values):
    """The record's strings are scanned joined by '|': a fault at a string's edge is not lost."""
    rec = Record(fields={"title": values[0], "author": [Name(*values[1:3]), Name(literal=values[-1])]})
    rec.fields.update((f"note{i}", v) for i, v in enumerate(values[3:]))
    found = text.faults(rec)
    for value in text._strings(rec.fields.values()):
        assert text.string_faults(value) & ~found == 0
        for bit, fix in FIXES.items():
            if not found & bit:
                assert fix(value) == value


def test_the_utf8_mojibake_hint_is_the_str_one_character_by_character():
    """_MOJIBAKE_HINT_UTF8 on a text's UTF-8 matches where _MOJIBAKE_HINT matches the text: every
    character in each of the pair's two places, between neighbours of every UTF-8 length."""
    def same(value):
        raw = value.encode("utf-8", "surrogatepass")
        return bool(text._MOJIBAKE_HINT_UTF8.search(raw)) == bool(text._MOJIBAKE_HINT.search(value))

    for cp in range(0x110000):
        ch = chr(cp)
        assert same(f"a\u00c3{ch}b") and same(f"\u00e9{ch}\u00a9") and same(f"x{ch}\u00a9") and same(f"\u0416{ch}\u2013"), hex(cp)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES + WHITESPACE + ["Ã\xa0", "Ã\u2028", "Ã\x85", "Â", "â€™", "Ã©x", "Å\u017e"])
                | st.text(max_size=3), max_size=16).map("".join))
def test_the_mojibake_words_are_those_a_pass_over_every_word_would_change(value):
    """fix_mojibake re-encodes the words it finds from their pairs (a pair inside a run of
    non-space): the same as asking each word in turn whether it holds a pair. A pair whose second
    character is whitespace ('Ã' then U+00A0) is in no word."""
    def each_word(word):
        return text._reverse(word) if text._MOJIBAKE_HINT.search(word) else word

    assert text._hinted_words_reversed(value) == re.sub(
        r"\S+", lambda m: each_word(m.group()), value)


def _as_mojibake(ch, codec):
    return ch.encode("utf-8").decode(codec, errors="replace")


# Sequences of every length read as Windows-1252 and as Latin-1, cut short, and lost bytes
MOJIBAKE = sorted({_as_mojibake(ch, codec) for ch in "éü€’🙂中ÅŞ\u0800\uffff" for codec in ("cp1252", "latin-1")}
                  | {"é«", "â€", "â€?", "ð\x9f", "ðŸ™", "ðŸ™?", "Ã", "Â", "Ã ", "â€ ", "\x1a", "\ufffd", "?", "«"})


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(MOJIBAKE + PIECES + ["x", "é", "«Cycles", "Résumé"]) | st.text(max_size=2),
                max_size=10).map("".join))
def test_text_without_a_whole_mojibake_sequence_has_no_word_that_decodes_again(value):
    """fix_mojibake leaves text holding no whole sequence as it is (ftfy not asked): a word with
    only pairs ('é«' before 'Cycles') re-encodes to no valid UTF-8, so no word of it changes."""
    if not text._MOJIBAKE_SEQUENCE.search(value):
        assert text._hinted_words_reversed(value) == value
    else:  # a sequence starts with a pair: the record's scan found it
        assert text._MOJIBAKE_HINT.search(value)


def test_a_pair_that_starts_no_whole_sequence_leaves_ftfy_unloaded():
    """'Résumé«Cycles' (an export's lost space) holds the pair 'é«', which ftfy's is_bad takes for
    mojibake: it is left as it is, and ftfy's package is not loaded for it; real mojibake is
    decoded still."""
    code = ("import sys; from citex.model import Record; from citex.pipeline import repair\n"
            "rec = next(repair([Record(fields={'abstract': 'fagfelt.Résumé«Cycles de changement'})]))\n"
            "print(rec.fields['abstract'], 'ftfy' in sys.modules)\n"
            "print(next(repair([Record(fields={'title': 'MÃ¼ller and â€œSÃ£oâ€\x9d ðŸ™‚'})])).fields['title'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         encoding="utf-8").stdout.splitlines()
    assert out == ["fagfelt.Résumé«Cycles de changement False", "Müller and “São” 🙂"]


def test_a_long_text_found_on_one_line_is_not_scanned_again(monkeypatch):
    """The record's scan finds a clean abstract on one line and tells one_line, which the
    whitespace rule and the writers then ask without scanning it again; an abstract with a
    doubled space or a line break is not told so, and is folded as ever."""
    import citex.textnorm as textnorm
    from citex.writers.templated import latex

    clean = "An abstract of many words, all on one line. " * 10 + "The end."
    spaced = "An abstract  with a doubled space. " * 10
    broken = "An abstract with\na line break. " * 10
    rec = Record(fields={"title": "A title", "abstract": clean, "note": spaced, "annote": broken})
    assert text.faults(rec) == text.SPACES

    def no_scan(value):
        raise AssertionError(f"scanned again: {value[:20]!r}")

    monkeypatch.setattr(textnorm, "printable", no_scan)
    assert one_line(clean) is clean and latex(clean) is clean
    monkeypatch.undo()
    assert one_line(spaced) == " ".join(spaced.split()) and latex(spaced) == " ".join(spaced.split())
    assert latex(broken) == " ".join(broken.split())


@pytest.mark.parametrize("rule, value", [
    ("control-characters", "Müller – a title\twith a tab is the whitespace rule's"),
    ("unicode-nfc", "Müller and Ångström, composed"),
    ("whitespace", "Ünïcödé but single spaces"),
    ("mojibake", "plain ASCII title"),
])
def test_each_text_rule_leaves_clean_values_alone(rule, value):
    rec = Record(fields={"title": value, "author": [Name("Gómez", "Ana")]})
    REPAIRS.get(rule)(rec)
    assert rec.get("title") == value and rec.repairs == []


def test_a_fix_by_one_text_rule_is_seen_by_the_next():
    """Mojibake undone leaves decomposed accents and doubled spaces: NFC and whitespace still run."""
    rec = Record(fields={"title": "CafÃ©  au lait e\u0301", "author": [Name("MÃ¼ller", "T")]})
    rec = next(repair([rec], ["mojibake", "unicode-nfc", "whitespace"]))
    assert rec.get("title") == "Café au lait é"
    assert [(r.rule, r.field) for r in rec.repairs] == [("mojibake", "title"), ("mojibake", "author"),
                                                        ("unicode-nfc", "title"), ("whitespace", "title")]
    assert rec.get("author") == [Name("Müller", "T")]


def test_a_name_list_changed_between_two_rules_is_scanned_again_and_an_equal_one_is_not():
    rec = Record(fields={"title": "Clean", "author": [Name("Müller", "T")]})
    assert text.faults(rec) == 0
    rec.fields["author"] = [Name("Müller", "T")]  # another list, equal: the answer stands
    rec.fields["title"] = "".join(["Cle", "an"])
    calls = []
    real, text.faults._compute = text.faults._compute, lambda values: calls.append(values) or real(values)
    try:
        assert text.faults(rec) == 0 and calls == []
        rec.fields["author"] = [Name("Müller  ", "T")]  # another name: scanned again
        assert text.faults(rec) == text.SPACES and len(calls) == 1
    finally:
        text.faults._compute = real


def test_a_value_changed_between_two_rules_is_scanned_again():
    rec = Record(fields={"title": "Clean"})
    REPAIRS.get("whitespace")(rec)
    rec.fields["title"] = "Not  clean"
    REPAIRS.get("whitespace")(rec)
    assert rec.get("title") == "Not clean"
