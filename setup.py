"""Build citex, its modules compiled by Cython where a C compiler is at hand.

The compiled modules are the same Python source built as C extensions (Cython's pure
Python mode, type annotations ignored): reading, repairing and writing a record then
cost about a fifth less CPU, formatting one about an eighth less. Where no C compiler is at hand, or with CITEX_PURE=1,
citex installs as plain Python, which gives the same output: the test suite runs
on both builds (``.ci/run``), and tests/test_compiled.py compares their outputs.
Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import os
import sys
from glob import glob

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# Every module but the packages' __init__ (registries fill as their modules import) and
# __main__ (run as a script, never imported).
SKIPPED = ("__init__.py", "__main__.py")


class OptionalBuildExt(build_ext):
    """Translates the modules to C and compiles each it can; a module that fails to build is
    left as Python. Nothing is translated for an editable install or without Cython."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def run(self) -> None:
        if self.inplace or getattr(self, "editable_mode", False):
            # compiled modules beside the source would shadow every later edit of it
            _warn("an editable install is not compiled: citex runs from its Python source")
            return
        try:
            from Cython.Build import cythonize
        except ImportError:
            _warn("Cython is not installed: citex is installed as plain Python")
            return
        # annotation_typing off: annotations stay documentation, so a compiled module accepts
        # and returns exactly what the Python one does. binding: functions keep __module__,
        # __qualname__ and pickling by name (--jobs sends them to its workers).
        self.extensions = cythonize(self.extensions, build_dir="build/cython", quiet=True,
                                    nthreads=self.parallel, language_level=3,
                                    compiler_directives={"annotation_typing": False, "binding": True})
        if os.name == "posix":
            for ext in self.extensions:  # no debug symbols: half the build time
                ext.extra_compile_args = [*ext.extra_compile_args, "-O2", "-g0"]
        self.failed: list[tuple[str, Exception]] = []
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - no compiler at all: a pure Python install
            _warn(f"citex's modules were not compiled ({exc}); they are installed as plain Python")
            return
        if self.failed:
            name, exc = self.failed[0]
            _warn(f"{len(self.failed)} of {len(self.extensions)} modules were not compiled and are "
                  f"installed as plain Python (the first, {name}: {exc})")

    def build_extension(self, ext) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:  # noqa: BLE001 - this module stays Python; the rest still compile
            self.failed.append((ext.name, exc))


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _modules() -> list[Extension]:
    if os.environ.get("CITEX_PURE") == "1":
        return []
    paths = sorted(p for p in glob("citex/**/*.py", recursive=True) if not p.endswith(SKIPPED))
    return [Extension(p[:-3].replace(os.sep, ".").replace("/", "."), [p]) for p in paths]


setup(ext_modules=_modules(), cmdclass={"build_ext": OptionalBuildExt})
