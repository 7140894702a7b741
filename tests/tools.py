"""Paths to the real programs the tests run, where this machine has them."""

import shutil


def pandoc() -> str | None:
    """pandoc on PATH, else the binary the pypandoc_binary test dependency ships."""
    found = shutil.which("pandoc")
    if found:
        return found
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None


PANDOC = pandoc()
