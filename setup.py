"""Build citex, its modules compiled by Cython where a C compiler is at hand.

The compiled modules are the same Python source built as C extensions (Cython's pure
Python mode, type annotations ignored): reading, repairing and writing a record then
cost about a fifth less CPU, formatting one about an eighth less. Without a C compiler,
or with CITEX_PURE=1, citex installs as plain Python, which gives the same output: the
test suite runs on both builds (``.ci/run``), and tests/test_compiled.py compares their
outputs. Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import sysconfig
from glob import glob
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# Every module but the packages' __init__ (registries fill as their modules import),
# __main__ (run as a script, never imported), and the modules whose recursion follows the
# input's nesting: compiled calls run on the C stack with no recursion limit, so a value
# nested 100,000 deep crashed the process where Python raises RecursionError, which these
# modules catch (tests/test_compiled.py).
SKIPPED = ("__init__.py", "__main__.py", "latex_decode.py", "csl_markup.py", "csl_margin.py")


class OptionalBuildExt(build_ext):
    """Translates the modules to C and compiles each it can; a module that fails to build is
    left as Python. Nothing is translated for an editable install, with CITEX_PURE=1, or
    without Cython or a C compiler."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def run(self) -> None:
        if self.inplace or getattr(self, "editable_mode", False):
            # compiled modules beside the source would shadow every later edit of it
            _warn("an editable install is not compiled: citex runs from its Python source")
            return
        why = _not_compiled()
        if why:
            self._drop_built(keep=())
            _warn(f"{why}: citex is installed as plain Python")
            return
        from Cython.Build import cythonize

        self._drop_built(keep={ext.name for ext in self.extensions})
        # annotation_typing off: annotations stay documentation, so a compiled module accepts
        # and returns exactly what the Python one does. binding: functions keep __module__,
        # __qualname__ and pickling by name (--jobs sends them to its workers).
        translated = cythonize(self.extensions, build_dir="build/cython", quiet=True,
                               nthreads=self.parallel, language_level=3,
                               compiler_directives={"annotation_typing": False, "binding": True})
        c_sources = {ext.name: ext.sources for ext in translated}
        for ext in self.extensions:  # the Extensions setuptools prepared, now built from C
            ext.sources = c_sources[ext.name]
            if os.name == "posix":  # no debug symbols: half the build time
                ext.extra_compile_args = [*ext.extra_compile_args, "-O2", "-g0"]
        self.failed: list[tuple[str, Exception]] = []
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - no compiler at all: a pure Python install
            self._drop_built(keep=())
            _warn(f"citex's modules were not compiled ({exc}); they are installed as plain Python")
            return
        if self.failed:
            self._drop_built(keep={ext.name for ext in self.extensions} - {name for name, _ in self.failed})
            name, exc = self.failed[0]
            _warn(f"{len(self.failed)} of {len(self.extensions)} modules were not compiled and are "
                  f"installed as plain Python (the first, {name}: {exc})")

    def build_extension(self, ext) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:  # noqa: BLE001 - this module stays Python; the rest still compile
            self.failed.append((ext.name, exc))

    def _drop_built(self, keep) -> None:
        """Remove the compiled modules an earlier build left in the build folder, but those named in
        ``keep``: pip builds in the tree and installs all it finds there, so a module no longer
        compiled (CITEX_PURE=1, no compiler, deleted from the source) must not come back stale."""
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        for path in Path(self.build_lib, "citex").rglob(f"*{suffix}"):
            name = ".".join(path.relative_to(self.build_lib).with_name(path.name[:-len(suffix)]).parts)
            if name not in keep:
                path.unlink()


def _not_compiled() -> str | None:
    """Why the modules cannot be compiled here, or None."""
    if os.environ.get("CITEX_PURE") == "1":
        return "CITEX_PURE=1"
    if importlib.util.find_spec("Cython") is None:
        return "Cython is not installed"
    if not _compiler_at_hand():  # known before a minute of translating to C, not after
        return "no C compiler or no Python headers (Python.h)"
    return None


def _compiler_at_hand() -> bool:
    """Whether the C compiler Python was built with (or $CC) is on PATH, and Python's headers
    are installed. Elsewhere than POSIX, setuptools finds the compiler itself: it is tried."""
    if os.name != "posix":
        return True
    command = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    return bool(command) and shutil.which(command[0]) is not None and headers.is_file()


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _modules() -> list[Extension]:
    paths = sorted(p for p in glob("citex/**/*.py", recursive=True) if not p.endswith(SKIPPED))
    return [Extension(p[:-3].replace(os.sep, ".").replace("/", "."), [p]) for p in paths]


setup(ext_modules=_modules(), cmdclass={"build_ext": OptionalBuildExt})
