"""MEDLINE text cut into records: paragraphs between blank lines, read in one regex pass.

A record is a paragraph; the usual paragraph (tag lines padded to four, each with
its indented continuation lines, at most one PMID, no trailing blanks) is read
here without looking at its lines one by one. Any other paragraph (text outside a
record, a tag with no dash, an untagged line, two PMIDs) is left to ``medline.read``'s
line-by-line reading, which reports what it finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..fieldmaps import medline as fm
from ..model import Diagnostic

_GAP = re.compile(r"\n(?:[ \t]*\n)+")  # blank lines; a blank with other spaces is the line reader's
_FIELD = re.compile(r"(([A-Z][A-Z0-9]{1,3})( {0,3})- ?(.*)((?:\n[ \t]+\S.*)*))")
_TRAILING = re.compile(r"[^\S\n]\n|[^\S\n]\Z")


class Block:
    """The tagged lines of one record, in order, with the line each started on."""

    def __init__(self, first_line: int) -> None:
        self.first_line = first_line
        # [tag, [first line's value, continuations...], line]; the reader joins the value parts
        self.fields: list[list] = []
        self.raw: list[str] = []
        self.has_pmid = False
        self.notes: list[Diagnostic] = []


def paragraphs(pieces: Iterable[str]) -> Iterator[tuple[str, int]]:
    """(paragraph, 1-based line of its start), without the line end of its last line."""
    carry, line = "", 1
    for piece in pieces:
        buf = carry + piece if carry else piece
        start = 0
        for gap in _GAP.finditer(buf):
            yield buf[start:gap.start()], line
            line += buf.count("\n", start, gap.end())
            start = gap.end()
        carry = buf[start:]
    if carry.endswith("\n"):
        carry = carry[:-1]
    yield carry, line


def quick_block(paragraph: str, line: int) -> Block | None:
    """The record of a paragraph of the usual shape, else None."""
    if not paragraph or _TRAILING.search(paragraph):
        return None
    block = Block(line)
    covered = -1
    for whole, tag, pad, first, more in _FIELD.findall(paragraph):
        if len(tag) + len(pad) != 4 and tag not in fm.KNOWN_TAGS:
            return None
        if tag == "PMID":
            if block.has_pmid:
                return None
            block.has_pmid = True
        parts = [first.strip()]
        if more:
            parts += [part.strip() for part in more[1:].split("\n")]
        block.fields.append([tag, parts, line])
        line += whole.count("\n") + 1
        covered += len(whole) + 1
    if covered != len(paragraph):  # findall passed over text it could not read
        return None
    block.raw.append(paragraph)
    return block
