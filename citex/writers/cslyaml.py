"""CSL-YAML: the CSL-JSON items as the YAML ``references`` list pandoc reads.

``---`` / ``references:`` / one ``- id: ...`` item per record / ``---``: a
bibliography file for ``pandoc --citeproc --bibliography refs.yaml``, or a
metadata block to paste at the top of a Markdown document. The items are the
CSL-JSON writer's (:func:`citex.writers.csljson.item`); only the text
differs, because pandoc reads every string of a YAML bibliography as pandoc
Markdown: CSL rich text becomes Markdown (``<i>x</i>`` -> ``*x*``,
``<span class="nocase">`` -> ``[x]{.nocase}``) and the characters Markdown
would read as markup (``*``, ``_``, quotes pandoc would curl, ``--``...) are
backslash-escaped, so pandoc reads back the record's text exactly.
``$math$`` stays math, as in the LaTeX writers.
"""

from __future__ import annotations

import re
from typing import Any

from ..latex import MATH, parse
from ..registry import WRITERS
from .csljson import CSLItemsWriter

# Markdown for CSL rich-text tags: (before, after); spaces in ^sup^ and ~sub~ must be escaped.
_MARKDOWN = {"i": ("*", "*"), "b": ("**", "**"), "sup": ("^", "^"), "sub": ("~", "~"),
             "sc": ("[", "]{.smallcaps}"), "nocase": ("[", "]{.nocase}")}
# Pandoc Markdown's inline specials (an "_" inside a word is not one), the quotes its
# "smart" extension would curl, "--"/"..." (dashes, ellipsis) and "&" of an entity.
_SPECIAL = re.compile(r"""[\\`*\[\]{}<>$^~@#|"']|(?<![^\W_])_|_(?![^\W_])|(?<=-)-|\.(?=\.\.)|&(?=#?\w+;)""")
_KEEP = frozenset({"id", "type"})  # identifiers, read as they are


def _escape(text: str) -> str:
    out, end = [], 0
    for m in MATH.finditer(text):
        out += [_SPECIAL.sub(r"\\\g<0>", text[end:m.start()]), m.group()]
        end = m.end()
    out.append(_SPECIAL.sub(r"\\\g<0>", text[end:]))
    return "".join(out)


def _markdown(nodes: list) -> str:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(_escape(node))
            continue
        tag, children = node
        inner = _markdown(children)
        before, after = _MARKDOWN[tag]
        if tag in ("sup", "sub"):
            inner = inner.replace(" ", "\\ ")
        core = inner.strip()
        if core:  # emphasis cannot start or end with a space: keep spaces outside
            lead, trail = inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
            out.append(f"{lead}{before}{core}{after}{trail}")
        else:
            out.append(inner)
    return "".join(out)


def markdown(text: str) -> str:
    """A CSL-JSON string as pandoc Markdown that reads back as the same text and markup."""
    return _markdown(parse(text))


def _convert(value: Any, key: str = "") -> Any:
    if isinstance(value, str):
        return value if key in _KEEP else markdown(value)
    if isinstance(value, dict):
        return {k: _convert(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_convert(v, key) for v in value]
    return value


@WRITERS.register("cslyaml", extension=".yaml")
class CSLYAMLWriter(CSLItemsWriter):
    """CSL-YAML, the references list pandoc reads (--bibliography refs.yaml)."""

    opening, closing, empty = "---\n", "---\n", "references: []\n---\n"
    # YAML quotes a word it reads as other than text (a number, a date, "no"): a key as is
    # starts with a letter and is no such word.
    plain_key = re.compile(r"(?!(?:yes|no|true|false|on|off|null)$)[a-z][a-z0-9_-]*", re.I)

    def text(self, data: dict[str, Any]) -> str:
        import yaml  # lazy: only this writer needs it

        text = yaml.safe_dump([_convert(data)], allow_unicode=True, sort_keys=False,
                              default_flow_style=False, width=10**9)
        return ("references:\n" if not self.count else "") + text
