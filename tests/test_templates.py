"""Templates: the built-in ones and a user's own (--template), all in one jinja2 sandbox."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import citex
from citex.errors import UsageError
from citex.model import Date, Name, Record
from citex.writers.templated import FILTERS, template_dir, user_template

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "citex", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)


def template(tmp_path, text, name="mine.j2"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_user_template_renders_each_record_with_the_writers_variables(tmp_path):
    path = template(tmp_path, "{{ index }}. [{{ key }}] {{ record.get('title') | latex(ascii) }} "
                              "({{ entry_type }}; {{ record.year }})\n")
    run = cli("convert", SEEDS, "--to", "bibtex", "--template", path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("0. [shah2020management] Management of Metastatic") and "(misc; 2020)" in run.stdout


def test_a_user_template_can_include_a_built_in_one(tmp_path):
    path = template(tmp_path, "% my header\n{% include 'bibtex.j2' %}")
    run = cli("convert", SEEDS, "--to", "bibtex", "--template", path)
    assert run.returncode == 0 and run.stdout.startswith("% my header\n@misc{shah2020management,")


@pytest.mark.parametrize("text, message", [
    ("{{ record.__class__ }}", "'__class__' is refused: templates cannot reach Python internals"),
    ("{{ record['__dict__'] }}", "'__dict__' is refused"),
    ("{{ os.system('ls') }}", "unknown variable 'os'"),
    ("{{ open('/etc/passwd').read() }}", "unknown variable 'open'"),
    ("{% include '/etc/passwd' %}", "a template can include only the built-in templates"),
    ("{% include name %}", "a template can include only the built-in templates"),
    ("{% for x in %}", "template error: "),
    ("{{ record.get.__self__ }}", "'__self__' is refused"),
])
def test_a_template_that_reaches_past_its_values_is_refused_in_one_line(tmp_path, text, message):
    run = cli("convert", SEEDS, "--to", "bibtex", "--template", template(tmp_path, text))
    assert run.returncode == 2 and not run.stdout
    [line] = run.stderr.strip().splitlines()
    assert message in line and "Traceback" not in run.stderr


@pytest.mark.parametrize("text", [
    "{{ record.fix('title', None, rule='x') }}",           # a record cannot be changed
    "{{ record.fields.pop('title') }}",                    # nor its fields
    "{{ (record | attr('__class__')) }}",                  # nor reached through a filter
    "{{ '{0.__class__}'.format(record) }}",
])
def test_what_the_sandbox_refuses_at_render_time_skips_the_record_with_one_line(tmp_path, text):
    run = cli("convert", SEEDS, "--to", "bibtex", "--template", template(tmp_path, text))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "error[write-bibtex]: record not written: " in run.stderr and "template error" in run.stderr
    assert "read 1, wrote 0, skipped 1" in run.stderr


def test_missing_template_and_non_template_writer_are_usage_errors(tmp_path):
    run = cli("convert", SEEDS, "--to", "bibtex", "--template", tmp_path / "nope.j2")
    assert run.returncode == 2 and "cannot read the template" in run.stderr
    run = cli("convert", SEEDS, "--to", "csljson", "--template", template(tmp_path, "x"))
    assert run.returncode == 2 and "does not render through a template" in run.stderr


def test_user_template_api():
    with pytest.raises(UsageError, match="unknown variable"):
        user_template(str(template_dir() / "bibtex.j2"), {"record"})  # bibtex.j2 uses more than `record`
    assert user_template(str(template_dir() / "bibtex.j2"), None)


def test_built_in_templates_render_in_the_sandbox_too():
    rec = Record(fields={"title": "T", "author": [Name("Li", "X")], "container-title": "J",
                         "issued": Date([[2009]])})
    for to in ("bibtex", "biblatex", "ris"):
        assert citex.dumps([rec], to)
    from citex.writers.templated import environment
    assert type(environment()).__mro__[1].__name__ == "ImmutableSandboxedEnvironment"


def test_every_filter_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [n for n in FILTERS if not re.search(rf"`{n}[`(]", readme)]
    assert not missing, missing


def test_every_filter_turns_nothing_into_nothing():
    for name, f in FILTERS.items():
        assert f(None) in ("", ("", "")), name
