"""The CSL test suite through citex's engine: the fixtures that fail are exactly the known ones.

A fixture that starts failing (a regression) and one that starts passing (a fix:
take it off the list) both fail this test. ``CITEX_UPDATE_CSL_KNOWN=1`` rewrites
tests/csl_suite_known_failures.txt from this run; review its diff.
"""

from __future__ import annotations

import os

from corpus import needs_corpus
from csl_suite import (KNOWN_FAILURES, Fixture, bibliography_html, fixture_paths, known_failures, normalize,
                       parse, run_all, write_known_failures)


@needs_corpus
def test_failing_fixtures_are_the_known_ones(capsys):
    summary = run_all()
    assert len(summary.outcomes) == len(fixture_paths()) > 800
    failing = set(summary.failing())
    with capsys.disabled():  # the pass rate in the run's output, even when the test passes
        print(f"\n{summary.text()}")
    if os.environ.get("CITEX_UPDATE_CSL_KNOWN"):
        write_known_failures(sorted(failing))
    known = known_failures()
    regressions, new_passes = sorted(failing - known), sorted(known - failing)
    assert not regressions and not new_passes, (
        f"{summary.text()}\nnow failing: {regressions}\nnow passing (take off {KNOWN_FAILURES.name}): "
        f"{new_passes}\nsee one with: python tests/csl_suite.py NAME")


@needs_corpus
def test_fixture_sections_are_read_whatever_their_delimiters():
    paths = fixture_paths()
    fixtures = [parse(p) for p in paths]
    assert all({"MODE", "CSL", "RESULT"} <= set(f.sections) for f in fixtures)
    assert {f.mode for f in fixtures} == {"citation", "bibliography"}
    assert sum(f.mode == "bibliography" for f in fixtures) == 208
    bom = next(f for f in fixtures if f.name.startswith("date_LocalizedDateFormats-"))
    assert bom.sections["MODE"] == "citation" and bom.items()
    assert any(f.name.startswith("off-spec/") for f in fixtures)


def test_mismatched_delimiters_and_a_bom(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("\ufeff>>===== MODE =====>>\nbibliography\n<<===== MODE =====<<\n\n"
                    ">>===== CITATION-ITEMS ====>>\n[[{\"id\": \"B\"}], [{\"id\": \"A\"}, {\"id\": \"B\"}]]\n"
                    "<<===== CITATION-ITEMS =====<<\n>>== INPUT ==>>\n[{\"id\": \"A\"}, {\"id\": \"B\"}, {\"id\": \"C\"}]\n"
                    "<<== INPUT ==<<\n>>==== RESULT ====>>\n<<==== RESULT ====<<\n", encoding="utf-8")
    fixture = parse(path)
    assert fixture.mode == "bibliography" and fixture.sections["RESULT"] == ""
    assert [item["id"] for item in fixture.cited()] == ["B", "A"]  # cited ones, in order of first citation


def test_a_later_citation_with_the_same_id_replaces_the_earlier():
    cluster = '[[{"citationID": "C1", "citationItems": [%s]}, [], []], [{"citationID": "C1", "citationItems": [%s]}, [], []]]'
    fixture = Fixture("f", {"INPUT": '[{"id": "A"}, {"id": "B"}]',
                            "CITATIONS": cluster % ('{"id": "A"}, {"id": "B"}', '{"id": "B"}')})
    assert [item["id"] for item in fixture.cited()] == ["B"]


def test_normalize_treats_equivalent_html_alike_but_keeps_text_spaces():
    ours = bibliography_html(["Smith &amp; Jones, <i>A</i> <b>B</b>"])
    assert normalize(ours) == normalize('<div class="csl-bib-body">\n  <div class="csl-entry">'
                                        'Smith &#38; Jones, <i>A</i> <b>B</b></div>\n</div>')
    assert normalize(ours) != normalize(ours.replace("</i> <b>", "</i><b>"))
    assert normalize("a&#160;b") == "a\u00a0b" and normalize("&#60;x&#62;") == "&lt;x&gt;"
