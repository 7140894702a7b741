"""The registries load the built-in module a name is asked of, and all of them when it must."""

import subprocess
import sys


def _run(code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def test_one_writer_asked_for_loads_its_own_module_only():
    """Asked for "bibtex", the writers' registry imports citex.writers.bibtex, not the CSL writer's
    module (citeproc's tables, JSON: 10 ms of a run's start); a name no module is named after
    ("text", in citex.writers.csl) loads them all, as does listing the names."""
    out = _run("import sys; from citex.registry import WRITERS\n"
               "print(WRITERS.get('bibtex').__module__, 'citex.writers.csl' in sys.modules)\n"
               "print(WRITERS.get('text').__module__, 'citex.writers.csljson' in sys.modules)")
    assert out == ["citex.writers.bibtex", "False", "citex.writers.csl", "True"]


def test_an_unknown_name_is_reported_with_every_known_one():
    out = _run("from citex.registry import WRITERS\n"
               "try:\n    WRITERS.get('nope')\nexcept Exception as exc:\n    print(exc)")
    assert out[:3] == ["unknown", "writer", "'nope';"] and "text" in out and "csljson," in out


def test_the_names_are_in_module_order_whatever_was_loaded_first():
    """Readers are sniffed in their modules' order: loading one by name first changes nothing."""
    out = _run("from citex.registry import READERS\nfirst = READERS.names()\nprint(first)")
    again = _run("from citex.registry import READERS\nREADERS.get('bibtex'); READERS.get('ris')\n"
                 "print(READERS.names())")
    assert out == again
