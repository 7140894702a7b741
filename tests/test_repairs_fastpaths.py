"""Each repair's shortcut (a cheap test that the rule cannot apply) agrees with the rule's full work."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from citex.model import Name
from citex.repairs import titles

# Text made of the pieces the rules look at, so that faults turn up often.
_TITLE_PIECES = st.sampled_from(["A", "title", " ", "  ", ".", "..", "?", "!", ",", ";", ":", "\n",
                                 "\t", "é", "-", "–", "Shah", "M", "Lancet", "2020", "<i>", "&amp;"])


def _texts(pieces=_TITLE_PIECES, max_size=10):
    return st.lists(pieces | st.text(max_size=2), max_size=max_size).map("".join)


@settings(max_examples=500, deadline=None)
@given(_texts())
def test_a_title_not_ending_in_a_mark_has_no_end_to_clean(title):
    if not title.endswith(titles.END_MARKS):
        assert titles.clean_end(title) == title


_MARKUP_PIECES = st.sampled_from(["<i>", "</i>", "<b>", "</sup>", "<sub>", '<span class="nocase">',
                                  '<span style="font-variant:small-caps;">', "</span>", "<em>", "<SUP>",
                                  '<span class="x">', "<br/>", "<", ">", "/", "a", " ", "span", "i"])


@settings(max_examples=500, deadline=None)
@given(_texts(_MARKUP_PIECES, 8))
def test_text_with_only_csl_tags_comes_through_the_tag_rewriting_unchanged(text):
    # only_csl_tags looks for a '<' that starts no CSL tag: the same as every '<' starting one
    csl_tags = re.findall(f"<(?:{titles.CSL_TAG_BODY})", text)
    assert titles.only_csl_tags(text) == (len(csl_tags) == text.count("<"))
    if titles.only_csl_tags(text):
        assert titles._TAG.sub(titles._tag, text) == text


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2000\u2028\u3000ab"), max_size=12))
def test_spaces_folded_by_split_as_by_the_regex(text):
    assert " ".join(text.split()) == re.sub(r"\s+", " ", text).strip()


_JOURNAL_PIECES = st.sampled_from(["Lancet", "The Lancet", "J Clin Med", "Nature", ". ", " - ", "? ", "2020",
                                   ";15(4):1011-5", "A", "study", "of", "cancer", " ", "-", "."])


@settings(max_examples=500, deadline=None)
@given(_texts(_JOURNAL_PIECES, 12), st.sampled_from(["Lancet", "The Lancet", "J Clin Med", "Nature"]))
def test_an_ascii_title_whose_key_lacks_the_journal_has_no_journal_tail(title, journal):
    from citex.textnorm import fold

    keys = [fold(journal)]
    if title.isascii() and keys[0] not in fold(title):
        assert titles._cut_tail(title, titles.journal_tail(keys), 600) is None


@settings(max_examples=300, deadline=None)
@given(_texts(_JOURNAL_PIECES, 12), st.sampled_from(["Shah", "Lancet", "A"]))
def test_a_title_without_the_family_name_has_no_author_tail(title, family):
    if family not in title:
        assert titles._cut_tail(title, lambda tail: tail.startswith(family), 3000) is None


@settings(max_examples=500, deadline=None)
@given(_texts())
def test_the_end_cleaned_on_the_tail_alone_is_the_end_cleaned_on_the_whole_title(title):
    whole = title
    for pattern, replacement in titles._END:
        whole = pattern.sub(replacement, whole)
    assert titles.clean_end(title) == whole


def test_every_et_al_form_starts_with_a_letter_the_shortcut_knows():
    from citex.repairs import names

    rests = {"e": ["t al", "t. al.", "t coll"], "a": ["nd others"], "o": ["thers"], "u": [". a."]}
    assert all(names._ET_AL.match(first + rest) for first, forms in rests.items() for rest in forms)
    for code in range(0x10000):  # case-insensitive matching only relates letters of the BMP
        first = chr(code)
        if any(names._ET_AL.match(first + rest) for forms in rests.values() for rest in forms):
            assert first in names._ET_AL_STARTS


_NAME_PARTS = st.sampled_from([None, "", "Shah", "SHAH", "O'BRIEN", "Shah, Mihir", "M. K. Shah", "Kennedy Jr",
                               "A B Jr", "III", "et al.", "and others", "M", "Jr.", "Group", "van der Berg"])
_NAMES = st.lists(st.builds(Name, _NAME_PARTS, _NAME_PARTS, _NAME_PARTS, st.none(), st.none(), _NAME_PARTS),
                  max_size=4)


@settings(max_examples=400, deadline=None)
@given(_NAMES, _NAMES)
def test_a_name_rule_whose_bit_is_not_set_changes_nothing(authors, editors):
    from citex.model import Record
    from citex.repairs import names

    rec = Record(fields={"author": authors, "editor": editors, "title": "T"})
    found = names.name_faults(rec)
    assert found == sum({bit for n in authors + editors for bit in (1, 2, 4, 8) if names._judge_each(n) & bit})
    rules = {names.UNSPLIT: "name-unsplit", names.ET_AL: "name-et-al", names.SUFFIX: "name-suffix",
             names.CAPS: "name-all-caps"}
    for bit, rule in rules.items():
        if not found & bit:  # the rule's own work, without the shortcut, changes nothing
            fn = {"name-unsplit": names.split_literal, "name-suffix": names._move_suffix,
                  "name-all-caps": names._recase}.get(rule)
            for name in authors + editors:
                assert (fn(name) is name) if fn else not names._is_et_al(name)


_CASE_PIECES = st.sampled_from(["É", "é", "A", "a", "Ü", "ß", "ǅ", "Σ", "σ", "א", "ʻ", "𝐀", " ", "-", "TITLE",
                                "title", "DNA", "1", "'s", "<i>"])


@settings(max_examples=500, deadline=None)
@given(_texts(_CASE_PIECES, 12))
def test_a_title_with_few_capitals_is_not_all_caps_by_its_words(text):
    from citex.repairs import title_case

    if title_case.few_capitals(text):
        words = title_case._words(text)
        upper = sum(w.isupper() for w in words)
        assert not (len(words) >= 3 and upper >= 0.8 * len(words) and upper > len(words) - 2)


@settings(max_examples=500, deadline=None)
@given(st.from_regex(r"\A[0-9]{4}-[0-9]{3}[0-9X]\Z"))
def test_a_hyphenated_issn_is_valid_as_python_stdnum_says(value):
    from stdnum import issn

    from citex.repairs import standard_numbers

    assert standard_numbers._is_valid_hyphenated_issn.__wrapped__(value) == issn.is_valid(value)


_CASE_PIECES = st.sampled_from(["THE", "the", "A", "a", " ", "-", "'s", "’S", "<i>", "</i>", "&", "/", "1", "2-",
                                "DNA", "of", "É", "é", "ab", "Ab", ".", ":", "x", "ß", "ǅ"])


@settings(max_examples=1000, deadline=None)
@given(_texts(_CASE_PIECES, 10))
def test_a_text_with_two_words_in_small_letters_is_not_all_caps_by_the_full_count(text):
    from citex.repairs import title_case

    if title_case.two_small_words(text):
        words = title_case._words(text)
        assert sum(not w.isupper() for w in words) >= 2
        assert not title_case.is_all_caps(text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["1", "0", "9", "45", "-", "--", "–", " ", "p", "S", ",", ".", "٣"]), max_size=8).map("".join))
def test_plain_pages_are_what_normalising_gives_back(pages):
    from citex.repairs import pages as page_rules

    if page_rules.is_plain(pages):
        assert page_rules.normalise_pages(pages) == pages


def test_plain_pages_are_one_page_or_a_full_rising_range():
    from citex.repairs.pages import is_plain

    assert is_plain("45") and is_plain("1011-1015") and is_plain("0012-0034")
    assert not any(map(is_plain, ["1011-5", "15-11", "12-12", "S12-15", "12–15", "pp. 1-2", "1-2.", "1, 3", 12]))


_LESS_PIECES = st.sampled_from(["<", " < ", "<<", "< /", "<1", "<-", "<\u00e9", "a", "p", " ", "  ", "\n", ">", "/",
                                "</ i>", "x<y", "0.05"])


@settings(max_examples=1000, deadline=None)
@given(_texts(_LESS_PIECES, 10))
def test_text_with_no_tag_start_and_no_entity_comes_through_html_with_only_its_spaces_folded(text):
    if "&" not in text and not titles._TAG_START.search(text):
        assert titles.html_to_csl(text) == (" ".join(text.split()) if "<" in text else text)


def test_every_et_al_form_the_ris_reader_knows_starts_with_a_letter_its_shortcut_knows():
    from citex.readers import ris_values

    rests = {"e": ["t al", "t. al.", "tal"], "a": ["nd others"], "o": ["thers"]}
    assert all(ris_values.is_et_al(first + rest) for first, forms in rests.items() for rest in forms)
    for code in range(0x10000):  # case-insensitive matching only relates letters of the BMP
        first = chr(code)
        if any(ris_values._ET_AL.match(first + rest) for forms in rests.values() for rest in forms):
            assert first in ris_values._ET_AL_STARTS
    assert ris_values.is_et_al("  ET AL. ") and not ris_values.is_et_al("Etal, B.")
