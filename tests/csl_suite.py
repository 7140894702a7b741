"""The CSL test suite (../shared/corpus/csl-test-suite) run through citex's CSL engine.

Each fixture is a text file of sections ``>>== NAME ==>>`` ... ``<<== NAME ==<<``
(2 to 5 ``=``, not always as many on both sides; some files start with a BOM):
MODE (citation or bibliography), CSL (the style), INPUT (CSL-JSON items), RESULT
(what citeproc-js prints), and optionally CITATION-ITEMS or CITATIONS (what is
cited, in which order). A bibliography fixture passes when
``citex.writers.csl.render(..., to="html")``, wrapped in citeproc-js's
``csl-bib-body`` markup, equals RESULT; a citation fixture passes when its clusters
through ``citex.citations.cite`` (HTML, one a line) equal RESULT
(``csl_suite_citations.py``). A fixture that raises or runs
longer than ``TIMEOUT`` seconds of CPU time fails; nothing here lets an exception out.

    python tests/csl_suite.py                 # summary and pass rates
    python tests/csl_suite.py NAME...         # expected and actual output of some fixtures
"""

from __future__ import annotations

import json
import re
import signal
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
import csl_suite_citations as citation_mode  # noqa: E402
from corpus import CORPUS  # noqa: E402

SUITE = CORPUS / "csl-test-suite"
KNOWN_FAILURES = Path(__file__).resolve().parent / "csl_suite_known_failures.txt"
TIMEOUT = 5  # CPU seconds a fixture may take
_SECTION = re.compile(r"^>>=+\s*([A-Z-]+)\s*=+>>[ \t]*\n(.*?)\n?<<=+\s*\1\s*=+<<", re.M | re.S)
_DEFAULT_LOCALE = re.compile(r"<style\b[^>]*\bdefault-locale=\"([^\"]+)\"")


@dataclass
class Fixture:
    name: str  # the path under the suite, without ".txt": "sort_Foo", "off-spec/sort_Bar"
    sections: dict[str, str]

    @property
    def mode(self) -> str:
        return self.sections.get("MODE", "").strip()

    def items(self) -> list[dict[str, Any]]:
        return json.loads(self.sections.get("INPUT") or "[]")

    def cited(self) -> list[dict[str, Any]]:
        """The items of the bibliography, in the order they are first cited (all items if none are)."""
        items = self.items()
        by_id = {str(item.get("id")): item for item in items}
        if "CITATIONS" in self.sections:
            groups = citation_mode.steps(self.sections)[-1].clusters
        elif "CITATION-ITEMS" in self.sections:
            groups = json.loads(self.sections["CITATION-ITEMS"])
        else:
            return items
        ids = dict.fromkeys(str(cite.get("id")) for group in groups for cite in group)
        return [by_id[i] for i in ids if i in by_id]

    def locale(self) -> str:
        found = _DEFAULT_LOCALE.search(self.sections.get("CSL", ""))
        return found.group(1) if found else "en-US"


def parse(path: Path) -> Fixture:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    name = path.relative_to(SUITE).with_suffix("").as_posix() if path.is_relative_to(SUITE) else path.stem
    return Fixture(name, {m.group(1): m.group(2) for m in _SECTION.finditer(text)})


def fixture_paths() -> list[Path]:
    return sorted(SUITE.rglob("*.txt")) if SUITE.is_dir() else []


@dataclass
class Outcome:
    name: str
    mode: str
    status: str  # pass, fail, error, timeout
    expected: str = ""
    actual: str = ""
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "pass"


_NUMERIC_REF = re.compile(r"&#(x[0-9a-fA-F]+|\d+);")
_KEEP_ESCAPED = {38: "&amp;", 60: "&lt;", 62: "&gt;"}


def normalize(markup: str) -> str:
    """HTML as compared: the same characters however escaped, no layout whitespace between lines.

    citeproc-js writes ``&#38;`` where citex writes ``&amp;``; both mean ``&``.
    """
    def char(m: re.Match[str]) -> str:
        code = int(m[1][1:], 16) if m[1][0] == "x" else int(m[1])
        return _KEEP_ESCAPED.get(code, chr(code))

    markup = _NUMERIC_REF.sub(char, markup.strip())
    return re.sub(r">\n\s*<", "><", markup)


def bibliography_html(entries: list[str]) -> str:
    """Entries wrapped the way citeproc-js wraps them (and the suite's RESULT shows them)."""
    body = "".join(f'  <div class="csl-entry">{entry}</div>\n' for entry in entries)
    return f'<div class="csl-bib-body">\n{body}</div>'


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """At most ``seconds`` of this process's CPU time (not wall time: the machine may be busy)."""
    if not hasattr(signal, "SIGPROF"):  # no profiling timer on this platform: no limit
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _Timeout()

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def run(fixture: Fixture, workdir: Path, timeout: int = TIMEOUT) -> Outcome:
    """One fixture through citex; never raises."""
    expected = fixture.sections.get("RESULT", "")
    outcome = Outcome(fixture.name, fixture.mode, "fail", expected)
    from citex.model import Record
    from citex.writers.csl import render

    style = workdir / (re.sub(r"\W", "_", fixture.name) + ".csl")
    try:
        style.write_text(fixture.sections.get("CSL", ""), encoding="utf-8")
        with _time_limit(timeout):
            if fixture.mode == "bibliography":
                records = [Record.from_csl(item) for item in fixture.cited()]
                outcome.actual = bibliography_html(render(records, str(style), fixture.locale(), to="html"))
            else:
                outcome.actual = citation_mode.render(fixture.sections, fixture.items(), str(style),
                                                      fixture.locale())
    except _Timeout:
        outcome.status, outcome.detail = "timeout", f"longer than {timeout} s"
        return outcome
    except Exception as exc:  # citeproc-py raises on many fixtures: count them, go on
        outcome.status, outcome.detail = "error", f"{type(exc).__name__}: {exc}"[:300]
        return outcome
    if normalize(outcome.actual) == normalize(expected):
        outcome.status = "pass"
    return outcome


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, mode: str | None = None) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if mode is None or o.mode == mode]
        return sum(o.passed for o in chosen), len(chosen)

    def failing(self) -> list[str]:
        return sorted(o.name for o in self.outcomes if not o.passed)

    def text(self) -> str:
        def rate(mode: str | None, label: str) -> str:
            passed, total = self.count(mode)
            return f"{label} {passed}/{total} ({passed / max(total, 1):.1%})"

        statuses: dict[str, int] = {}
        for o in self.outcomes:
            statuses[o.status] = statuses.get(o.status, 0) + 1
        shown = ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
        return (f"CSL test suite through citex: {rate('bibliography', 'bibliography')}; "
                f"{rate('citation', 'citation')}; {rate(None, 'overall')} [{shown}]")


def run_all(paths: list[Path] | None = None) -> Summary:
    summary = Summary()
    with tempfile.TemporaryDirectory() as tmp:
        for path in fixture_paths() if paths is None else paths:
            try:
                fixture = parse(path)
            except Exception as exc:  # an unreadable fixture is a failure, not a crash
                summary.outcomes.append(Outcome(path.stem, "?", "error", detail=f"cannot parse: {exc}"))
                continue
            summary.outcomes.append(run(fixture, Path(tmp)))
    return summary


def known_failures() -> set[str]:
    if not KNOWN_FAILURES.is_file():
        return set()
    lines = KNOWN_FAILURES.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def write_known_failures(names: list[str]) -> None:
    header = ("# CSL test-suite fixtures that citex does not pass (tests/csl_suite.py), one a line, sorted.\n"
              "# Rewritten by CITEX_UPDATE_CSL_KNOWN=1 python -m pytest tests/test_csl_suite.py\n")
    KNOWN_FAILURES.write_text(header + "".join(f"{n}\n" for n in sorted(names)), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv:
        paths = [SUITE / f"{name.removesuffix('.txt')}.txt" for name in argv]
        for outcome in run_all(paths).outcomes:
            print(f"== {outcome.name} [{outcome.mode}]: {outcome.status} {outcome.detail}")
            print(f"-- expected:\n{outcome.expected}\n-- citex:\n{outcome.actual}\n")
        return 0
    summary = run_all()
    print(summary.text())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
