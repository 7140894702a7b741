"""cslfix.shownames: a cite rendered with more names, given names, or disambiguate="true" holding."""

from __future__ import annotations

import pytest

from citex.csl_cluster import ClusterRenderer, registered
from citex.csl_markup import to_text
from citex.cslfix.shownames import Seen, Shown, install, showing
from citex.model import Name, Record
from citex.writers.csl import load_style

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation et-al-min="3" et-al-use-first="1"><layout>
    <names variable="author"><name form="{form}" initialize-with=". " and="text" delimiter=", "/></names>
    <choose><if disambiguate="true"><text variable="title" prefix=", "/></if></choose>
  </layout></citation>
</style>"""


def render(tmp_path, shown: Shown | None, form: str = "short", seen: dict | None = None) -> str:
    path = tmp_path / "s.csl"
    path.write_text(STYLE.replace("{form}", form), encoding="utf-8")
    rec = Record(fields={"title": "Book", "author": [Name("Doe", "John"), Name("Roe", "Jane"), Name("Poe", "Ed")]})
    install()
    bib = registered(load_style(str(path), bibliography=False), [rec], sort=False)
    with showing({"r0": shown} if shown else {}, seen):
        return to_text(ClusterRenderer(bib).render(["r0"]))


@pytest.mark.parametrize("shown, form, expected", [
    (None, "short", "Doe et al."),
    (Shown(names=2), "short", "Doe, Roe, et al."),
    (Shown(names=3), "short", "Doe, Roe, and Poe"),
    (Shown(given={0: 1}), "short", "J. Doe et al."),
    (Shown(given={0: 2}), "short", "John Doe et al."),
    (Shown(given={0: 2}), "long", "John Doe et al."),
    (Shown(given={0: 1}), "long", "J. Doe et al."),
    (Shown(condition=True), "short", "Doe et al., Book"),
])
def test_a_cite_shown_otherwise(tmp_path, shown, form, expected):
    assert render(tmp_path, shown, form) == expected


def test_what_the_style_shows_is_noted(tmp_path):
    seen: dict[str, Seen] = {}
    render(tmp_path, None, seen=seen)
    assert seen["r0"] == Seen("author", [("Doe", "John"), ("Roe", "Jane"), ("Poe", "Ed")], 1, "short", ". ")


def test_nothing_changes_outside_showing(tmp_path):
    assert render(tmp_path, None) == "Doe et al."
