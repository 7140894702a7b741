"""Fuzzing every reader with grammar-aware hypothesis strategies: no input makes citex crash.

Each strategy writes text that is almost the format (real tags, braces, quotes, XML
elements, CSL variables) with hostile values in it: NULs, unbalanced braces, lone
brackets, huge and non-ASCII numbers ('²' is a digit int() refuses; 5,000 digits are
more than int() takes), mojibake, line and paragraph separators, LaTeX and markup.
The whole pipeline runs on it: read, repair, and every writer. The contract:

- no exception escapes, except a CitexError for a file that holds no record;
- every record read is written or skipped with a reason: read = wrote + skipped;
- what is written is valid UTF-8 text (no lone surrogate), and CSL-JSON output parses.

More examples: ``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_hostile_fuzz.py``.
"""

from __future__ import annotations

import io
import json
import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citex.errors import CitexError
from citex.inputs import decode
from citex.pipeline import Tally, dump, loads, repair

settings.register_profile("hostile", max_examples=60, deadline=None,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz", max_examples=3000, deadline=None,
                          suppress_health_check=list(HealthCheck))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "hostile")

TEXT_WRITERS = ("bibtex", "biblatex", "ris", "csljson", "cslyaml")

# Pieces of values that have broken parsers: numbers int() refuses, brackets, escapes, markup.
HOSTILE = [
    "", " ", "  ", "\t", "\n", "\x00", "\x0b", "\x1b", "\u2028", "\u2029", "\ufeff", "\ufffd", "\u200b",
    "{", "}", "{{", "}}", "\\", "\\\\", "\\'", '\\"', "\\v{", "\\c", "\\char", "\\unichar{D800}",
    "\\ElsevierGlyph{110000}", "\\url{", "\\href{x}", "$", "$x^2$", "$$", "^", "_", "~", "%", "#", "&", "@",
    "<", ">", "<i>", "</i>", "<b>x", "<sup>", "<span class=\"nocase\">", "&amp;", "&#0;", "&#xD800;", "&lt",
    '"', "'", "''", "``", "(", ")", "[", "]", ",", ";", ":", ".", "..", "...", "-", "--", "–", "—", "/",
    "0", "00", "-1", "1", "12", "31", "99", "2020", "1999-", "2020-13-45", "2020/02/30/", "20201301",
    "19XX", "Y-170000002", "2020~", "1999?/2000", "../2001", "9" * 40, "9" * 5000, "-" + "9" * 5000,
    "1e400", "NaN", "²", "³⁴", "٢٠٢٠", "２０２０", "Ⅻ", "½",
    "Jan", "January", "Dec-Jan", "Spring", "Winter-Spring", "Sept.", "et al", "et al.", "and", " and ",
    "and others", "others", "Jr", "Jr.", "III", "van der", "Smith, J", "Smith J", "Smith, John, Jr.",
    "{\\\"u}", "Müller", "MÃ¼ller", "Ã", "â€™", "ﬁ", "İ", "ß", "\u0301", "😀", "\U0010ffff",
    "pp.", "1011-5", "5-1011", "e12", "S12–5", "doi:", "doi: 10.1000/xyz", "https://doi.org/10.1/x%7B",
    "10.1000/ a b", "PMID: 123", "PMC123", "[doi]", "[pii]", "[No authors listed]", "Epub 2020 Jan 1.",
    "http://", "www.", "@misc{", "@string{", "#", "---", "- ", "*", "&a", "*a", "!!python/object:os.system",
    "null", "true", "[]", "{}", "<![CDATA[", "]]>",
]
_piece = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
value = st.lists(_piece, max_size=6).map("".join)
line_value = value.map(lambda v: v.replace("\n", " "))


def _lines(tags: list[str], separator: str, continuation: str):
    """Tagged lines (``TAG<separator>value``), some continued, some garbage, some blank."""
    tag = st.one_of(st.sampled_from(tags), st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=2, max_size=4))
    tagged = st.builds(lambda t, v, more: f"{t}{separator}{v}" + "".join(f"\n{continuation}{m}" for m in more),
                       tag, line_value, st.lists(line_value, max_size=2))
    return st.lists(st.one_of(tagged, tagged, tagged, line_value, st.just("")), max_size=12)


def _ris():
    from citex.fieldmaps import ris as fm

    types = [t for t, _ in fm.TYPES + fm.READ_ONLY_TYPES] + ["", "XYZ"]
    record = st.builds(lambda ty, body, end: "\n".join([f"TY  - {ty}", *body] + (["ER  - "] if end else [])),
                       st.sampled_from(types), _lines(sorted(fm.KNOWN_TAGS), "  - ", ""), st.booleans())
    return st.lists(st.one_of(record, record, line_value), min_size=1, max_size=4).map("\n".join)


def _medline():
    from citex.fieldmaps import medline as fm

    record = st.builds(lambda pmid, body: "\n".join([f"PMID- {pmid}", *body]),
                       st.one_of(st.integers(0, 10**12).map(str), line_value),
                       _lines([f"{t:<4}" for t in sorted(fm.KNOWN_TAGS)], "- ", "      "))
    return st.lists(record, min_size=1, max_size=4).map("\n\n".join)


def _wos():
    from citex.fieldmaps import wos as fm

    tags = sorted(set(fm.VARIABLES) | fm.LINE_TAGS | set(fm.EDITOR_TAGS) | {"PT", "PY", "PD", "BP", "EP", "DI"})
    record = st.builds(lambda pt, body, end: "\n".join([f"PT {pt}", *body] + (["ER"] if end else [])),
                       st.sampled_from(["J", "B", "S", "P", "X", ""]), _lines(tags, " ", "   "), st.booleans())
    return st.builds(lambda head, recs, ef: head + "\n".join(recs) + ("\nEF" if ef else ""),
                     st.sampled_from(["FN Clarivate Analytics Web of Science\nVR 1.0\n", "", "FN x\n"]),
                     st.lists(record, min_size=1, max_size=3), st.booleans())


def _citation():
    """An NLM citation line: authors. title. journal. date;volume(issue):pages. trailers."""
    part = st.one_of(line_value, st.sampled_from([
        "Shah M, Kumar A, et al", "Smith-Jones-Brown-Green-White AB", "a-" * 30 + "!", "[No authors listed]",
        "Title of the article", "J Test", "Lancet", "2020 Dec 21", "2020 Winter", "2020;15(4):1011-5",
        "15(4):1011-5", "Geneva: WHO; 2020", "doi: 10.4103/x", "PMID: 33708679", "Epub 2020 Jan 5",
        "(" * 20, "1 " * 30 + ":", "2020;" + " " * 40 + "x", "U.S. " * 10, "e.g. " * 10]))
    separators = st.sampled_from([". ", ".", "; ", ": ", " ", "? ", ", "])
    return st.lists(st.tuples(part, separators), min_size=1, max_size=8).map(
        lambda items: "".join(p + s for p, s in items))


def _pubmed_text():
    block = st.builds(lambda pmid, title, cite, extra: "\n".join(
        [f"PMID: {pmid}", f"Title: {title}", "", f"Citation: {cite}", *extra]),
        st.one_of(st.integers(0, 10**9).map(str), line_value), line_value, _citation(),
        st.lists(st.sampled_from(["Abstract: " + "x" * 10, "Link: https://pubmed.ncbi.nlm.nih.gov/1/",
                                  "Link: ", "Title:", "Citation:", "PMID:"]), max_size=3))
    return st.lists(block, min_size=1, max_size=3).map("\n\n".join)


def _braced(depth: int = 0):
    inner = st.one_of(value.map(lambda v: v.replace("{", "").replace("}", "")),
                      st.deferred(lambda: _braced(depth + 1)) if depth < 3 else value)
    return st.lists(inner, max_size=3).map(lambda parts: "{" + "".join(parts) + "}")


def _bibtex():
    from citex.fieldmaps import bibtex as fm

    fields = sorted(set(fm.TEXT_FIELDS) | set(fm.VERBATIM_FIELDS) | set(fm.DATE_FIELDS) | set(fm.NAME_FIELDS)
                    | {"year", "month", "day", "pages", "crossref", "xdata", "entrysubtype", "langid", "type"})
    field_value = st.one_of(_braced(), value.map(lambda v: f'"{v}"'), st.sampled_from(["jan", "2020", "foo", "a # b"]),
                            value)
    pair = st.builds(lambda f, v: f"  {f} = {v}", st.one_of(st.sampled_from(fields), st.text(max_size=6)), field_value)
    types = sorted(fm.TYPES) + ["string", "comment", "preamble", "xdata", "misc", "x y"]
    entry = st.builds(lambda t, key, pairs, close: f"@{t}{{{key},\n" + ",\n".join(pairs) + ("\n}" if close else ""),
                      st.sampled_from(types), st.one_of(st.sampled_from(["k", "a", ""]), line_value),
                      st.lists(pair, max_size=8), st.booleans())
    return st.lists(st.one_of(entry, entry, entry, value), min_size=1, max_size=4).map("\n\n".join)


def _csl_items():
    from citex.fieldmaps import csljson as fm
    from citex.model import DATE_VARIABLES, NAME_VARIABLES

    scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), value)
    anything = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                           st.dictionaries(value, inner, max_size=3)), max_leaves=8)
    name = st.one_of(st.dictionaries(st.sampled_from(["family", "given", "literal", "suffix", "non-dropping-particle"]),
                                     st.one_of(value, anything), max_size=3), value, anything)
    date = st.one_of(
        st.fixed_dictionaries({}, optional={"date-parts": st.lists(st.lists(st.one_of(st.integers(), value, st.none()),
                                                                            max_size=4), max_size=3),
                                            "season": anything, "literal": anything, "raw": anything}),
        value, st.integers(), st.floats(), anything)
    variable = st.sampled_from(sorted(fm.TEXT_VARIABLES | set(fm.ALIASES) | {"type", "id", "custom"}))
    item = st.dictionaries(
        st.one_of(variable, st.sampled_from(sorted(NAME_VARIABLES)), st.sampled_from(sorted(DATE_VARIABLES)), value),
        st.one_of(value, st.lists(name, max_size=3), date, anything), max_size=8)
    typed = st.builds(lambda item, t: {"type": t, **item},
                      item, st.one_of(st.sampled_from(sorted(fm.TYPES)), value))
    return st.lists(typed, max_size=4)


def _csljson():
    def text(items, shape):
        if shape == "array":
            return json.dumps(items, indent=2, ensure_ascii=False)
        if shape == "lines":
            return "\n".join(json.dumps(i) for i in items)
        return json.dumps(items[0] if items else {}, ensure_ascii=True)
    return st.builds(text, _csl_items(), st.sampled_from(["array", "lines", "one"]))


def _cslyaml():
    import yaml

    def text(items, block):
        body = yaml.safe_dump({"references": items}, allow_unicode=True, sort_keys=False)
        return f"---\n{body}---\n" if block else body
    raw = st.lists(st.one_of(line_value, st.sampled_from(["- id: &a x", "  title: *a", "  title: !!binary x",
                                                          "  title: !!python/object:os.system x", "  - [", "  {"])),
                   max_size=6).map(lambda lines: "references:\n" + "\n".join(lines))
    return st.one_of(st.builds(text, _csl_items(), st.booleans()), raw)


def _xml_text(template: str):
    """A real record with hostile text put into its elements, some elements dropped, and a cut."""
    from xml.sax.saxutils import escape

    import re

    slots = re.findall(r">([^<>]*)<", template)
    safe = value.map(lambda v: escape("".join(c for c in v if c in "\t\n" or " " <= c < "\ufffe" and
                                           not "\ud800" <= c <= "\udfff")))

    def fill(values, cut):
        it = iter(values)
        text = re.sub(r">([^<>]*)<", lambda m: ">" + next(it, m.group(1)) + "<", template)
        return text[:cut] if cut else text
    return st.builds(fill, st.lists(st.one_of(safe, st.sampled_from(["", "<i>x</i>", "<b>", "&amp;", "]]>"])),
                                    max_size=len(slots)),
                     st.one_of(st.just(0), st.integers(1, len(template))))


def _xml(name: str):
    from pathlib import Path

    path = Path(__file__).parent / "data" / name
    return _xml_text(path.read_text(encoding="utf-8"))


FORMATS = {
    "ris": _ris, "medline": _medline, "wos": _wos, "pubmed-text": _pubmed_text, "bibtex": _bibtex,
    "csljson": _csljson, "cslyaml": _cslyaml,
    "pubmed-xml": lambda: _xml("pubmed_xml/article.xml"),
    "endnote-xml": lambda: _xml("endnote_xml/full_record.xml"),
}


def run_everything(text: str, fmt: str | None) -> None:
    """Read, repair and write ``text`` with every text writer; assert the contract above."""
    for to in TEXT_WRITERS:
        tally, out = Tally(), io.StringIO()
        try:
            dump(repair(loads(text, fmt, "fuzz", tally)), out, to, tally)
        except CitexError as exc:
            assert exc.exit_code == 1, exc  # a file refused whole, reported by the CLI
            continue
        assert tally.read == tally.wrote + tally.skipped, (to, str(tally))
        written = out.getvalue()
        written.encode("utf-8")  # raises on a lone surrogate
        if to == "csljson":
            assert len(json.loads(written)) == tally.wrote


def test_every_registered_reader_has_a_strategy():
    from citex.registry import READERS

    assert sorted(READERS.names()) == sorted(FORMATS)


def _fuzz(fmt):
    @settings.get_profile(PROFILE)
    @given(FORMATS[fmt]())
    def check(text):
        run_everything(text, fmt)
    return check


test_fuzz_ris = _fuzz("ris")
test_fuzz_medline = _fuzz("medline")
test_fuzz_wos = _fuzz("wos")
test_fuzz_pubmed_text = _fuzz("pubmed-text")
test_fuzz_bibtex = _fuzz("bibtex")
test_fuzz_csljson = _fuzz("csljson")
test_fuzz_cslyaml = _fuzz("cslyaml")
test_fuzz_pubmed_xml = _fuzz("pubmed-xml")
test_fuzz_endnote_xml = _fuzz("endnote-xml")


@settings.get_profile(PROFILE)
@given(st.binary(max_size=400), st.sampled_from(sorted(FORMATS) + [None]))
def test_fuzz_raw_bytes_with_every_reader(data, fmt):
    """Bytes as a file holds them: decoded as the CLI decodes them, read by each reader or sniffed."""
    text, _ = decode(data, "fuzz")
    run_everything(text, fmt)


@settings.get_profile(PROFILE)
@given(st.sampled_from(sorted(FORMATS)), st.randoms(use_true_random=False), st.data())
def test_fuzz_one_format_read_as_another(made_as, rnd: random.Random, data):
    """A file of one format read with another reader (a wrong --from) is data, not a crash."""
    text = data.draw(FORMATS[made_as]())
    run_everything(text, rnd.choice(sorted(FORMATS)))
