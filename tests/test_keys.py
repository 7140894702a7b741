"""Citation keys: readable base keys, input keys kept, a/b/c suffixes for repeats."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import citex
from citex.errors import UsageError
from citex.keys import CitationKeys, ascii_fold, key_of
from citex.model import Date, Name, Record
from citex.readers.pubmed_text import read

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_18a7e7130607ba5e.txt"


def rec(title=None, year=None, authors=(), id=None, **fields):
    r = Record(fields=dict(fields), id=id)
    if title:
        r.fields["title"] = title
    if year:
        r.fields["issued"] = Date([[year]])
    if authors:
        r.fields["author"] = list(authors)
    return r


def test_seed_key():
    seed = next(iter(read(SEED.read_text(), "seed.txt")))
    assert key_of(seed) == "shah2020management"


@pytest.mark.parametrize("record, key", [
    (rec("Fast algorithms", 2009, [Name("Li", "X")]), "li2009fast"),
    (rec("The role of DNA", 2021, [Name("Gómez", "A")]), "gomez2021role"),
    (rec("On a new method", 1999, [Name("Müller", "K")]), "muller1999new"),
    (rec("Of mice and men", 2000, [Name("Søndergård", "B")]), "sondergard2000mice"),
    (rec("Ecology", 2001, [Name("Łukasiewicz", "J")]), "lukasiewicz2001ecology"),
    (rec("Streets", 2002, [Name("Straße")]), "strasse2002streets"),
    (rec("Nations", 2003, [Name("Berg", "Jan", non_dropping_particle="van der")]), "berg2003nations"),
    (rec("Letters", 2004, [Name("O'Brien", "P")]), "obrien2004letters"),
    (rec("Guidelines", 2020, [Name(literal="World Health Organization")]), "world2020guidelines"),
    (rec("Parkinson's disease", 2010, [Name("Nguyễn", "V")]), "nguyen2010parkinsons"),
    (rec("COVID-19 vaccines", 2021, [Name("Smith", "J"), Name("Jones", "K")]), "smith2021covid"),
    (rec("<i>E. coli</i> in water", 2015, [Name("Ng", "A")]), "ng2015e"),
    (rec("No year here", None, [Name("Doe", "J")]), "doeno"),  # "no" is not a stopword
    (rec("The", 2020, [Name("Doe", "J")]), "doe2020"),
    (rec("Anonymous work", 2018), "2018anonymous"),
    (rec(editor=[Name("Roe", "R")], title="Handbook", issued=Date([[2011]])), "roe2011handbook"),
    (rec(), "ref"),
    (rec("中文标题", 2020, [Name("王", "伟")]), "2020"),
])
def test_base_keys(record, key):
    assert key_of(record) == key


def test_ascii_fold():
    assert ascii_fold("Gómez Müller Ærø Đorđević ßtraße") == "gomez muller aero dordevic sstrasse"


def test_repeated_base_keys_get_letter_suffixes_in_order():
    keys = CitationKeys()
    records = [rec("Fast algorithms", 2009, [Name("Li", "X")]) for _ in range(4)]
    assert [keys.assign(r) for r in records] == ["li2009fast", "li2009fasta", "li2009fastb", "li2009fastc"]
    assert [r.id for r in records] == ["li2009fast", "li2009fasta", "li2009fastb", "li2009fastc"]


def test_suffixes_go_past_z_and_never_repeat():
    keys = CitationKeys()
    got = [keys.assign(rec()) for _ in range(30)]
    assert got[:3] == ["ref", "refa", "refb"] and got[26:29] == ["refz", "refaa", "refab"]
    assert len(set(got)) == 30


def test_suffix_skips_a_key_another_record_already_has():
    keys = CitationKeys()
    fasta = rec("Fasta files", 2009, [Name("Li", "X")])  # its own base key is li2009fasta
    fast = [rec("Fast algorithms", 2009, [Name("Li", "X")]) for _ in range(2)]
    assert [keys.assign(r) for r in (fasta, *fast)] == ["li2009fasta", "li2009fast", "li2009fastb"]


def test_input_key_is_kept_and_made_unique_ignoring_case():
    keys = CitationKeys()
    assert keys.assign(rec("Fast", 2009, [Name("Li")], id="Smith2020")) == "Smith2020"
    assert keys.assign(rec(id="smith2020")) == "smith2020a"  # BibTeX would see a duplicate
    assert keys.assign(rec("Smith", 2020, id=None)) == "2020smith"


def test_input_key_loses_characters_that_break_bibtex():
    keys = CitationKeys()
    assert keys.assign(rec(id="Smith, J. {2020} #1")) == "Smith-J.-2020-1"
    assert keys.assign(rec("Only", 2001, id=" {} ")) == "2001only"  # nothing usable left


def test_the_key_0_is_replaced_because_biber_cannot_read_it():
    record = rec("Only", 2001, id="0")
    assert CitationKeys().assign(record) == "2001only"
    assert any(d.code == "key-changed" and "Biber" in d.message for d in record.diagnostics)
    assert CitationKeys().assign(rec("Only", 2001, id="00")) == "00"  # a true string in Perl


def test_same_input_same_keys():
    def run():
        keys = CitationKeys()
        return [keys.assign(rec("Fast", 2009, [Name("Li")])) for _ in range(3)]
    assert run() == run()


def paper():
    return rec("Fast algorithms for DNA sequence alignment", 2009,
               [Name("Gómez", "A"), Name("McKenzie", "J"), Name("Li", "X")],
               **{"container-title": "Journal of the American Medical Association"})


@pytest.mark.parametrize("pattern, key", [
    ("{auth}{year}{title}", "gomez2009fast"),  # the default
    ("{auth}{year}{shorttitle}", "gomez2009fastalgorithmsdna"),
    ("{Auth}{year}{Shorttitle}", "Gomez2009FastAlgorithmsDNA"),  # capitals kept, words capitalised
    ("{authors}{year}", "gomezmckenzie2009"),
    ("{Authors}_{year}", "GomezMcKenzie_2009"),
    ("{auth}:{journal}:{year}", "gomez:jama:2009"),  # first letters of significant words
    ("{Journal}{year}", "JAMA2009"),
    ("ref-{year}-{Title}", "ref-2009-Fast"),
])
def test_key_patterns(pattern, key):
    assert CitationKeys(pattern=pattern).assign(paper()) == key


def test_pattern_placeholders_with_nothing_to_fill_are_empty():
    keys = CitationKeys(pattern="{auth}{journal}{year}")
    assert keys.assign(rec("Title only")) == "ref"  # no author, journal or year: the fallback
    assert keys.assign(rec("Title", 2001)) == "2001"


@pytest.mark.parametrize("pattern, message", [
    ("{auth}{yr}", "unknown placeholder {yr}"),
    ("{auth}{year", "unbalanced braces"),
    ("{auth}}", "unbalanced braces"),
])
def test_bad_patterns_are_usage_errors(pattern, message):
    with pytest.raises(UsageError, match=message.replace("{", r"\{").replace("}", r"\}")):
        CitationKeys(pattern=pattern)


def test_rekey_replaces_the_input_keys():
    assert CitationKeys(rekey=True).assign(rec("Fast", 2009, [Name("Li")], id="Smith:2020")) == "li2009fast"
    assert CitationKeys().assign(rec("Fast", 2009, [Name("Li")], id="Smith:2020")) == "Smith:2020"


def test_keys_are_ascii_whatever_the_names():
    keys = CitationKeys(pattern="{Authors}{year}{Title}")
    got = keys.assign(rec("Étude of Œuvres", 2001, [Name("Søndergård", "B"), Name("Đorđević", "Z")]))
    assert got == "SondergardDordevic2001Etude" and got.isascii()


def test_the_pipeline_assigns_keys_so_every_writer_agrees():
    records = lambda: [rec("Fast algorithms", 2009, [Name("Li", "X")], id="given"),
                       rec("Fast algorithms", 2009, [Name("Li", "X")])]
    options = {"key_pattern": "{Auth}{year}", "rekey": True}
    json_ids = [i["id"] for i in __import__("json").loads(citex.dumps(records(), "csljson", **options))]
    bib = citex.dumps(records(), "bibtex", **options)
    assert json_ids == ["Li2009", "Li2009a"]
    assert "@article{Li2009," in bib.replace("@misc", "@article") and "{Li2009a," in bib


def test_key_options_from_the_command_line(capsys):
    from citex.cli import main

    assert main(["convert", str(SEED), "--to", "csljson", "--key-pattern", "{Auth}{year}{Journal}"]) == 0
    assert '"id": "Shah2020"' in capsys.readouterr().out  # the journal was repaired away
    assert main(["convert", str(SEED), "--to", "bibtex", "--key-pattern", "{auth}{yr}"]) == 2
    assert "unknown placeholder {yr}" in capsys.readouterr().err


@pytest.mark.parametrize("lines", [True, False])
def test_key_table_is_a_set_of_keys(lines):
    from citex.key_table import KeyTable
    table = KeyTable(lines=lines)
    assert all(table.add(f"key{i}") for i in range(5000))
    assert not table.add("key4321") and not table.add("key0")
    assert len(table) == 5000 and all(f"key{i}" in table for i in range(5000))
    assert "key5000" not in table and "" not in table
    assert table.first("key7", 99) == 0 and table.first("new", 12) == 12


def test_key_table_hash_is_the_same_in_every_process():
    # Python's str hash is salted per process; a salted hash would let a rare collision
    # change a key from one run to the next.
    import subprocess
    import sys
    code = "from citex.key_table import _hash; print(_hash('li2009fast'), _hash('Gómez'))"
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert len(outs) == 1


def test_unique_keys_hold_no_key_strings():
    # 20,000 records with four bases: keys stay unique, and the keys used are kept as
    # hashes (the state that keeps a 1M-record conversion's memory flat), not strings.
    keys = CitationKeys()
    made = [keys.unique(f"base{i % 4}") for i in range(20000)]
    assert len(set(k.casefold() for k in made)) == 20000
    assert made[:8] == ["base0", "base1", "base2", "base3", "base0a", "base1a", "base2a", "base3a"]
    assert not isinstance(keys.used, (set, dict))


def test_suffix_hints_are_bounded_and_do_not_change_keys(monkeypatch):
    from citex import keys as keys_module
    from citex.keys import CitationKeys

    def run():
        keys = CitationKeys()
        return [keys.unique(f"b{i % 7}" if i % 3 else f"c{i % 40}") for i in range(600)], keys

    wide, _ = run()
    monkeypatch.setattr(keys_module, "TRIED_MAX", 3)
    narrow, keys = run()
    assert narrow == wide and len(set(narrow)) == 600
    assert len(keys._tried) == 3


def _words_as_first_written(text):
    """keys._split_words before it lost two Python steps a character: the combining marks left
    out one by one, and the split's empty strings dropped one by one."""
    import re
    import unicodedata

    from citex.keys import _LETTERS, _TAG
    text = _TAG.sub(" ", text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    return tuple(w for w in re.split(r"[^A-Za-z0-9]+", text.replace("'", "")) if w)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9 -'<>/éØßǅ\u0301\u0345æ.,")) | st.characters(), max_size=30))
def test_key_words_are_those_of_the_first_way(text):
    from citex.keys import _split_words
    assert _split_words(text) == _words_as_first_written(text)
