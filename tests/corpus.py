"""Where the shared third-party corpus is, and a marker that skips tests without it.

The files stay in ../shared/corpus (several carry GPL/AGPL/LPPL licences): tests read
them there and never copy them into the project.
"""

import os
from pathlib import Path

import pytest

# CITEX_SHARED names another shared/ folder (e.g. for a git worktree that has none beside it).
CORPUS = Path(os.environ.get("CITEX_SHARED") or Path(__file__).resolve().parents[2] / "shared") / "corpus"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the shared corpus is not at {CORPUS} (clone with ../shared beside it)")


def corpus_files(folder: str, pattern: str = "*") -> list[Path]:
    """Files of one corpus folder matching ``pattern``, sorted; empty when the corpus is absent."""
    base = CORPUS / folder
    return sorted(p for p in base.rglob(pattern) if p.is_file()) if base.is_dir() else []
