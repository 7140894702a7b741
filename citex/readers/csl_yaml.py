"""CSL-YAML, pandoc's bibliography format: read one item at a time, every scalar as written.

Split from ``csljson_reader`` so that PyYAML is imported only
when YAML is read. Each item is composed on its own, so it keeps its line; a
string is Markdown, as pandoc reads it, turned into CSL markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import (MappingEndEvent, MappingStartEvent, SequenceEndEvent,
                         SequenceStartEvent, StreamEndEvent)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from ..latex import MATH as _MATH  # the $…$ rule the LaTeX and CSL-YAML writers use
from ..model import Diagnostic, Failed, Location, Record, Source
from .csljson import YAML_FORMAT
from .csljson_reader import item_record

try:  # libyaml's parser is about eight times faster; the Python one does the same work
    from yaml.cyaml import CParser as _Parser

    class _Loader(_Parser, Composer, Resolver):
        def __init__(self, text: str) -> None:
            _Parser.__init__(self, text)
            Composer.__init__(self)
            Resolver.__init__(self)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, Composer, Resolver):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            Resolver.__init__(self)


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_OPENING = re.compile(r"\ufeff?---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_MAX_DEPTH = 40


def read_yaml(text: str, path: str = "<input>") -> Iterator[Record | Failed]:
    """The records of a CSL-YAML text (see ``csljson.read_yaml``)."""
    loader = _Loader(_metadata_block(text))
    try:
        for node in _item_nodes(loader):
            start, end = node.start_mark, node.end_mark
            source = Source(YAML_FORMAT, path, start.line + 1, text[start.index:end.index].rstrip())
            try:
                value = _from_markdown(_plain(node, 0))
            except ValueError as exc:
                yield Failed(Diagnostic("error", "yaml-structure", str(exc), source.location()),
                             source.raw)
                continue
            if isinstance(node, MappingNode):
                source.field_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value
                                      if isinstance(k, ScalarNode)}
            yield item_record(value, source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        yield Failed(Diagnostic("error", "yaml-syntax", f"{problem}; reading stopped",
                                Location(path, mark.line + 1 if mark else None)), "")
    except RecursionError:  # PyYAML's composer recurses once a nesting level
        yield Failed(Diagnostic("error", "yaml-syntax", "nested too deeply; reading stopped",
                                Location(path)), "")
    finally:
        getattr(loader, "dispose", lambda: None)()


# pandoc reads every string of a YAML bibliography as Markdown; these are its inline marks.
# Spans are bounded so that every opener is tried in constant time: a span's text holds no
# unescaped bracket, emphasis is at most 1,000 characters ("[a[a[a…", "*a *a *a…" were quadratic).
_MARKDOWN = [
    (re.compile(r"(?<!\\)\[((?:[^\[\]\\]|\\.)*)\]\{\.nocase\}"), r'<span class="nocase">\1</span>'),
    (re.compile(r"(?<!\\)\[((?:[^\[\]\\]|\\.)*)\]\{\.smallcaps\}"),
     r'<span style="font-variant:small-caps;">\1</span>'),
    (re.compile(r'(?<!\\)<span class="smallcaps">'), '<span style="font-variant:small-caps;">'),
    (re.compile(r"(?<![\\*])\*\*(?=\S)(.{1,1000}?)(?<=[^\s\\])\*\*"), r"<b>\1</b>"),
    (re.compile(r"(?<![\\*\w])\*(?=[^\s*])(.{1,1000}?)(?<=[^\s\\*])\*(?![*\w])"), r"<i>\1</i>"),
    (re.compile(r"(?<![\\\w])_(?=[^\s_])(.{1,1000}?)(?<=[^\s\\_])_(?!\w)"), r"<i>\1</i>"),
    (re.compile(r"(?<!\\)\^(?=\S)((?:[^\s^\\]|\\.)+?)(?<!\\)\^"), r"<sup>\1</sup>"),
    (re.compile(r"(?<![\\~])~(?=\S)((?:[^\s~\\]|\\.)+?)(?<!\\)~(?!~)"), r"<sub>\1</sub>"),
]
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!^~<>|'\"$&@ ])")
_MARKDOWN_CHARS = re.compile(r"[*_^~\[\\<]")
# Identifiers keep their characters: only pandoc's backslash escapes are undone in them.
_LITERAL = frozenset({"URL", "DOI", "ISBN", "ISSN", "PMID", "PMCID"})
_AS_WRITTEN = frozenset({"id", "type"})


def markdown_to_csl(text: str) -> str:
    """pandoc's Markdown emphasis, super/subscript, ``{.nocase}`` and escapes as CSL markup;
    ``$math$`` is left as written."""
    if not _MARKDOWN_CHARS.search(text):
        return text
    out, end = [], 0
    for m in _MATH.finditer(text):
        out += [_inline(text[end:m.start()]), m.group()]
        end = m.end()
    out.append(_inline(text[end:]))
    return "".join(out)


def _inline(text: str) -> str:
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    return _ESCAPE.sub(r"\1", text)


def _from_markdown(value: Any, key: str = "") -> Any:
    """Every string of the item read as pandoc reads it (ids and types as written)."""
    if isinstance(value, str):
        if key in _AS_WRITTEN:
            return value
        return _ESCAPE.sub(r"\1", value) if key in _LITERAL else markdown_to_csl(value)
    if isinstance(value, dict):
        return {k: _from_markdown(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_markdown(v, key) for v in value]
    return value


def _metadata_block(text: str) -> str:
    """The text up to the ``---``/``...`` that closes a leading ``---`` block (a Markdown
    document's metadata), or all of it."""
    opening = _OPENING.match(text)
    closing = _CLOSING.search(text, opening.end()) if opening else None
    return text[:closing.start()] if closing else text


def _item_nodes(loader: _Loader) -> Iterator[Any]:
    """The nodes of the ``references`` list of each document (or of a top-level list)."""
    loader.get_event()  # stream start
    while not loader.check_event(StreamEndEvent):
        loader.get_event()  # document start
        if loader.check_event(SequenceStartEvent):
            yield from _sequence(loader)
        elif loader.check_event(MappingStartEvent):
            loader.get_event()
            while not loader.check_event(MappingEndEvent):
                key = loader.compose_node(None, None)
                if (isinstance(key, ScalarNode) and key.value == "references"
                        and loader.check_event(SequenceStartEvent)):
                    yield from _sequence(loader)
                else:
                    loader.compose_node(None, None)  # other metadata (title, nocite …)
            loader.get_event()
        else:
            loader.compose_node(None, None)
        loader.get_event()  # document end


def _sequence(loader: _Loader) -> Iterator[Any]:
    loader.get_event()
    while not loader.check_event(SequenceEndEvent):
        yield loader.compose_node(None, None)
    loader.get_event()


def _plain(node: Any, depth: int) -> Any:
    """The node as dicts, lists and the scalars' own text (None for null)."""
    if depth > _MAX_DEPTH:
        raise ValueError("the item is nested too deeply (or refers to itself)")
    if isinstance(node, ScalarNode):
        return None if node.style is None and node.value in _NULLS else node.value
    if isinstance(node, SequenceNode):
        return [_plain(n, depth + 1) for n in node.value]
    return {str(_plain(k, depth + 1)): _plain(v, depth + 1) for k, v in node.value}
