"""Golden files: every writer's output for seeds/, through the whole read -> repair -> write pipeline.

Regenerate with ``pytest --update-golden`` and review the diff.
"""

import io
from pathlib import Path

import pytest

import citex

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize("to, name, options", [
    ("bibtex", "seeds.bib", {}),
    ("biblatex", "seeds.biblatex.bib", {}),
    ("cslyaml", "seeds.yaml", {}),
    ("ris", "seeds.ris", {}),
    ("csljson", "seeds.json", {}),
    ("text", "seeds.apa.txt", {"style": "apa"}),
    ("text", "seeds.vancouver.txt", {"style": "vancouver"}),
    ("html", "seeds.ama.html", {"style": "american-medical-association"}),
    ("markdown", "seeds.apa.md", {"style": "apa"}),
])
def test_writer_output_on_seeds(golden, to, name, options):
    out = io.StringIO()
    tally = citex.convert([str(SEEDS)], out, to, **options)
    assert (tally.read, tally.wrote, tally.skipped) == (1, 1, 0)
    golden(name, out.getvalue())
