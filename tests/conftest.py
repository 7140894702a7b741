"""Golden files for writers (compared by default, rewritten with ``--update-golden``); the garbage
collector's thresholds restored after each test."""

import gc
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/* from the current output (review the diff)")


@pytest.fixture
def golden(request):
    """``golden(name, text)``: assert ``text`` equals tests/golden/<name>, or rewrite it."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        assert path.exists(), f"no golden file {path}; run pytest --update-golden"
        assert text == path.read_bytes().decode("utf-8"), f"output differs from {path}"

    return check


@pytest.fixture(autouse=True)
def _collector_thresholds():
    """A test that runs the command line in this process gets its garbage collector settings
    (citex.malloc.rare_collections); the next test starts from the ones before."""
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)
