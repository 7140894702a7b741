"""The CSL-JSON and CSL-YAML readers as registered: their formats, file suffixes and sniffing patterns.

Sniffing imports every registered reader module, so this one stays small: the readers
themselves (``csljson_reader``, ``csl_yaml``) are imported only when their format is read.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Failed, Record
from ..registry import READERS
from .stream import TextStream

FORMAT, YAML_FORMAT = "csljson", "cslyaml"  # the readers' names, and their records' source formats


@READERS.register(FORMAT, extensions=(".json",), sniff=r"\A\s*[\[{]", stream=True)
def read(text: str | TextStream, path: str = "<input>") -> Iterator[Record | Failed]:
    """CSL-JSON: an array of CSL items (also one item, or one item a line)."""
    from .csljson_reader import read

    return read(text, path)


@READERS.register(YAML_FORMAT, extensions=(".yaml", ".yml"),
                  sniff=r"\A(?:---[ \t]*\n(?:[^\n]*\n){0,100}?)?references:[ \t]*\n")
def read_yaml(text: str, path: str = "<input>") -> Iterator[Record | Failed]:
    """CSL-YAML as pandoc reads it: a references list (also a Markdown metadata block)."""
    from .csl_yaml import read_yaml  # PyYAML is loaded for YAML input only

    return read_yaml(text, path)
