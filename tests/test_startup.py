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


def modules_after(code: str) -> set[str]:
    """The modules loaded after running ``code`` in a fresh interpreter."""
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    return set(json.loads(run.stdout.strip().splitlines()[-1]))


def loaded_after(code: str) -> set[str]:
    """The top-level packages loaded after running ``code`` in a fresh interpreter."""
    return {m.split(".")[0] for m in modules_after(code)}


def test_help_loads_no_heavy_library():
    code = "import citex.cli\ntry:\n    citex.cli.main(['--help'])\nexcept SystemExit:\n    pass"
    loaded = loaded_after(code)
    assert "citex" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_loads_only_the_command_line():
    # the record model, the pipeline and the registries load when a command runs, not for --help
    script = ("import sys, citex.cli\ntry:\n    citex.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
              "print(' '.join(sorted(m for m in sys.modules if m.startswith('citex'))))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    loaded = set(run.stdout.strip().splitlines()[-1].split())  # after the help text
    assert "citex.cli" in loaded
    assert loaded <= {"citex", "citex.cli", "citex.errors", "citex.safe_output"}, sorted(loaded)


def test_the_api_loads_on_first_use():
    import importlib

    import citex

    assert citex.load is citex.pipeline.load and citex.Record is citex.model.Record
    # __all__, the table of where each name lives and the names themselves agree
    assert sorted(citex.__all__) == sorted(citex._WHERE)
    for name in citex.__all__:
        assert getattr(citex, name) is getattr(importlib.import_module(f"citex.{citex._WHERE[name]}"), name)
    assert set(citex.__all__) <= set(dir(citex))
    try:
        citex.no_such_name
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("an unknown name must raise AttributeError")


def test_import_citex_loads_no_heavy_library():
    assert not loaded_after("import citex") & set(HEAVY)


def convert_loads(name: str, to: str) -> set[str]:
    data = ROOT / "tests" / "data"
    code = f"import io, citex\ncitex.convert([{str(data / name)!r}], io.StringIO(), {to!r})"
    return loaded_after(code) & set(HEAVY)


def test_a_conversion_loads_only_what_it_uses():
    # the built-in BibTeX and RIS templates are written directly: no jinja2; no citeproc, no yaml;
    # sniffing the format imports no reader's parser (lxml)
    assert not convert_loads("ris/books.ris", "bibtex") & {"jinja2", "citeproc", "yaml", "lxml"}
    assert not convert_loads("ris/books.ris", "ris") & {"jinja2", "citeproc", "yaml", "lxml"}
    # bibtexparser reads only what citex's own scanner leaves
    assert not convert_loads("bibtex/names.bib", "ris") & {"bibtexparser", "jinja2", "citeproc", "yaml"}
    # what is used is loaded: the check above can fail
    assert "yaml" in convert_loads("csljson/pandoc.yaml", "csljson")
    assert "lxml" in convert_loads("pubmed_xml", "ris")
    assert "citeproc" in convert_loads("ris/books.ris", "text")
    assert "jinja2" in convert_loads("ris/books.ris", "html")  # the HTML page template


READER_MODULES = ("bibtex_reader", "medline_reader", "ris_reader", "pubmed_text_reader", "csljson_reader",
                  "csl_yaml", "endnote_xml_reader", "wos_reader", "pubmed_xml_reader")


def readers_loaded(name: str) -> set[str]:
    """The reader implementations loaded by converting ``tests/data/<name>``."""
    code = f"import io, citex\ncitex.convert([{str(ROOT / 'tests' / 'data' / name)!r}], io.StringIO(), 'ris')"
    return {m.removeprefix("citex.readers.") for m in modules_after(code)} & set(READER_MODULES)


def test_sniffing_loads_only_the_reader_of_the_format_found():
    # every reader module is imported to sniff; each is a small front, its reader is loaded
    # when its format is read (RIS input skipped ~20 ms of other readers' imports)
    assert readers_loaded("ris/books.ris") == {"ris_reader"}
    assert readers_loaded("bibtex/names.bib") == {"bibtex_reader"}
    assert readers_loaded("csljson/pandoc.yaml") == {"csl_yaml", "csljson_reader"}
    assert readers_loaded("pubmed_xml") == {"pubmed_xml_reader"}
