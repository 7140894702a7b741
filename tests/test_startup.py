"""Start-up stays light: `citex --help` and `import citex` load none of the heavy libraries.

citeproc, lxml, jinja2, bibtexparser, ftfy, yaml and pylatexenc are imported by
the reader, repair or writer that needs them, when it is first used.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("citeproc", "lxml", "jinja2", "bibtexparser", "ftfy", "yaml", "pylatexenc", "markupsafe")


def loaded_after(code: str) -> set[str]:
    """The top-level packages loaded after running ``code`` in a fresh interpreter."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    return set(json.loads(run.stdout.strip().splitlines()[-1]))


def test_help_loads_no_heavy_library():
    code = "import citex.cli\ntry:\n    citex.cli.main(['--help'])\nexcept SystemExit:\n    pass"
    loaded = loaded_after(code)
    assert "citex" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_import_citex_loads_no_heavy_library():
    assert not loaded_after("import citex") & set(HEAVY)


def test_a_conversion_loads_what_it_uses():
    # the check above can fail: a BibTeX conversion does load bibtexparser and jinja2
    code = ("import io, citex\n"
            f"citex.convert([{str(ROOT / 'tests' / 'data' / 'bibtex' / 'names.bib')!r}], io.StringIO(), 'bibtex')")
    loaded = loaded_after(code)
    assert {"bibtexparser", "jinja2"} <= loaded
