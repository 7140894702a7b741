"""Every package folder of citex is listed in pyproject.toml, so the wheel holds it."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_citex_package_ships():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "citex").rglob("__init__.py")}
    assert found - listed == set()
