"""Title repairs: markup, stray LaTeX, translation markers, end punctuation, and text said twice
or glued on from other fields. Letter case is in ``title_case``."""

from __future__ import annotations

import html
import operator
import re

from ..model import Record
from ..registry import REPAIRS
from ..textnorm import fold, one_line, said_twice

TITLE_FIELDS = ("title", "container-title", "collection-title", "original-title", "event-title")
_MARKUP_FIELDS = TITLE_FIELDS + ("abstract",)

# ---------------------------------------------------------------- HTML and JATS markup

_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s[^<>]*)?)(/?)>")
_CSL_SPAN = re.compile(r'\s+(?:class="nocase"|style="font-variant:\s*small-caps;?")\s*')
_RENAME = {"i": "i", "em": "i", "italic": "i", "jats:italic": "i", "b": "b", "strong": "b",
           "bold": "b", "jats:bold": "b", "sup": "sup", "jats:sup": "sup", "sub": "sub",
           "jats:sub": "sub"}
_SMALL_CAPS = {"sc", "scp", "smallcaps", "jats:sc"}
_BREAKS = {"br", "p", "jats:p", "div", "li"}


def _tag(m: re.Match[str]) -> str:
    closing, name, attrs, _ = m.groups()
    name = name.lower()
    if name in _RENAME:
        return f"<{closing}{_RENAME[name]}>"
    if name in _SMALL_CAPS:
        return "</span>" if closing else '<span style="font-variant:small-caps;">'
    if name == "span" and (closing or _CSL_SPAN.fullmatch(attrs)):
        return m.group(0)  # CSL's own nocase and small-caps spans
    return " " if name in _BREAKS else ""


def html_to_csl(text: str) -> str:
    """HTML/JATS tags as CSL rich text (``<em>`` -> ``<i>``), others dropped; entities as characters."""
    for _ in range(3):  # '&amp;lt;' is escaped twice: undo every layer, so a second run finds none
        unescaped = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if unescaped == text:
            break
        text = unescaped
        if "&" not in text:  # every entity starts so: no other layer
            break
    if "<" in text:
        if not only_csl_tags(text):  # CSL's own markup (most tags in titles) is kept as it is
            text = _TAG.sub(_tag, text)
        text = one_line(text)  # as re.sub(r"\s+", " ").strip(): \s is str.isspace
        if "></" in text or "> </" in text:  # an empty element, its spaces now single
            text = _EMPTY_ELEMENT.sub("", text)
    return text


_EMPTY_ELEMENT = re.compile(r"<span[^<>]*>\s*</span>|<(i|b|sup|sub)>\s*</\1>")
# The tags ``_tag`` gives back unchanged, after their one '<'.
CSL_TAG_BODY = r'/?(?:i|b|sup|sub)>|/span>|span class="nocase">|span style="font-variant:small-caps;">'
# A '<' that does not start one of them: one search, that stops at the first tag of a JATS abstract
# (counting the CSL tags found and the '<'s read the whole abstract twice; tests/test_repairs_fastpaths.py
# holds the two answers together).
_NOT_CSL_TAG = re.compile(f"<(?!{CSL_TAG_BODY})")


def only_csl_tags(text: str) -> bool:
    """True when every '<' of the text starts a tag ``_tag`` keeps as it is (so _TAG.sub changes nothing)."""
    return _NOT_CSL_TAG.search(text) is None


@REPAIRS.register("title-html", confidence=0.95, reads=_MARKUP_FIELDS)
def title_html(rec: Record) -> None:
    """HTML or JATS tags and entities in titles ('&amp;', '<em>', '<jats:italic>') become CSL markup
    and plain characters."""
    for field in _MARKUP_FIELDS:
        value = rec.get(field)
        if isinstance(value, str) and ("&" in value or "<" in value):
            # spaces folded as the whitespace rule (which ran before) would: '&#160;' is one
            text = value if "&" not in value and not _TAG_START.search(value) else html_to_csl(value)
            rec.fix(field, one_line(text), rule="title-html")


# Every tag ``html_to_csl`` rewrites or drops starts so: a text with no '&' and none of these
# ('p < 0.05') it would only give back with its spaces folded.
_TAG_START = re.compile(r"</?[A-Za-z]")


# ---------------------------------------------------------------- LaTeX outside LaTeX input

_LATEX_FORMATS = {"bibtex", "biblatex"}
_STRAY_LATEX = re.compile(r"\\(?:[A-Za-z]+\s*\{|['\"`^~=.][{A-Za-z])|\{\\")


@REPAIRS.register("title-stray-latex", confidence=0.9, reads=TITLE_FIELDS)
def title_stray_latex(rec: Record) -> None:
    """LaTeX commands in a title read from a non-LaTeX format ('{\\"u}', '\\textit{x}') become
    Unicode and CSL markup."""
    if rec.source.format in _LATEX_FORMATS:
        return
    for field in TITLE_FIELDS:
        value = rec.get(field)
        # every form holds a backslash: most titles are passed by one find, not the regex
        if isinstance(value, str) and "\\" in value and _STRAY_LATEX.search(value):
            from ..readers.latex_decode import decode  # lazy, and only paid for when LaTeX is seen

            decoded = decode(value, title=field == "title")
            if not decoded.unknown:
                rec.fix(field, decoded.text, rule="title-stray-latex")


# ---------------------------------------------------------------- markers and punctuation

LANGUAGES = {"english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it",
             "portuguese": "pt", "dutch": "nl", "russian": "ru", "japanese": "ja",
             "chinese": "zh", "polish": "pl", "czech": "cs", "swedish": "sv", "danish": "da",
             "norwegian": "no", "finnish": "fi", "hungarian": "hu", "turkish": "tr",
             "korean": "ko", "greek": "el", "croatian": "hr", "serbian": "sr", "romanian": "ro",
             "hebrew": "he", "arabic": "ar", "persian": "fa", "ukrainian": "uk",
             "slovak": "sk", "slovenian": "sl", "bulgarian": "bg", "lithuanian": "lt"}
_MARKER = re.compile(r"\s*\[(?:Article|Letter|Editorial|Comment|Review)\s+in\s+"
                     r"([A-Z][a-z]+(?:(?:,\s*|\s+and\s+)[A-Z][a-z]+)*)\]\s*\.?\s*$")


@REPAIRS.register("title-translation-marker", confidence=0.95, reads=("title",), clue=re.compile(r"\["))
def title_translation_marker(rec: Record) -> None:
    """PubMed's '[Article in German]' after a title is removed; a record with no language gets it."""
    title = rec.get("title")
    m = _MARKER.search(title) if isinstance(title, str) and "[" in title else None
    if not m or m.start() == 0:
        return
    rec.fix("title", title[:m.start()].rstrip(), rule="title-translation-marker")
    languages = [w.lower() for w in re.findall(r"[A-Z][a-z]+", m.group(1))]
    if len(languages) == 1 and languages[0] in LANGUAGES and not rec.get("language"):
        rec.fix("language", LANGUAGES[languages[0]], rule="title-translation-marker",
                note=f"from the title's marker '{m.group(0).strip()}'")


_END = ((re.compile(r"(?<=[?!])\s*\.$"), ""), (re.compile(r"(?<!\.)\.\.$"), "."),
        (re.compile(r"\s+\.$"), "."), (re.compile(r"\s*[,;:]$"), ""))


# Each pattern ends in one of these ('$' also matches before a final newline): a title that
# ends otherwise, as most do, is known clean without running them (each scans the whole title).
END_MARKS = tuple(mark + newline for mark in ".,;:" for newline in ("", "\n"))


def clean_end(title: str) -> str:
    """The title with ``_END`` applied. Their matches are spaces and marks at the end, looking one
    character before them, so they run on that tail alone (each would try every position)."""
    start = len(title)
    while start and (title[start - 1] in ".,;:" or title[start - 1].isspace()):
        start -= 1
    start = max(start - 1, 0)
    tail = title[start:]
    for pattern, replacement in _END:
        tail = pattern.sub(replacement, tail)
    return title[:start] + tail


# Where ``clean_end`` can change a title: it ends in ',', ';' or ':', in a mark and a line break,
# or in a period after a space or another '.', '?' or '!'. A title ending in a word and one
# period, as most do, it leaves as it is. (A test of the end, not a regex: ``search`` would try
# every position of the title.)
UNCLEAN_ENDINGS = tuple(",;:") + tuple(m + "\n" for m in ".,;:") + tuple(
    c + "." for c in ".?!" + "".join(chr(i) for i in range(0x3000 + 1) if chr(i).isspace()))
unclean_end = operator.methodcaller("endswith", UNCLEAN_ENDINGS)


@REPAIRS.register("title-end-punctuation", confidence=0.95, reads=("title",), clue=unclean_end)
def title_end_punctuation(rec: Record) -> None:
    """A title ending in doubled or stray punctuation ('Why?.', 'Title..', 'Title ,') ends cleanly."""
    title = rec.get("title")
    if isinstance(title, str) and title.endswith(END_MARKS) and not title.endswith("..."):
        rec.fix("title", clean_end(title), rule="title-end-punctuation")


# ---------------------------------------------------------------- text said twice or glued on


@REPAIRS.register("title-said-twice", confidence=0.95, reads=("title",))
def title_said_twice(rec: Record) -> None:
    """The title holds the same title twice ('T. T.' or 'T T'); keep it once."""
    once = said_twice(rec.get("title"))
    if once:
        rec.fix("title", once, rule="title-said-twice")


_SUBTITLE_MIN_CHARS = 8
_SUBTITLE_SEPARATOR = re.compile(r"(\s*[:.]\s+)")


@REPAIRS.register("subtitle-duplicated", confidence=0.95, reads=("title",), clue=re.compile(":"))
def subtitle_duplicated(rec: Record) -> None:
    """A title whose subtitle is repeated ('T: S: S', 'T: S. S') keeps the subtitle once."""
    title = rec.get("title")
    if not isinstance(title, str) or ":" not in title:
        return
    parts = _SUBTITLE_SEPARATOR.split(title)
    keep = parts[:1]
    for sep, part in zip(parts[1::2], parts[2::2]):
        key = fold(part)
        if len(key) >= _SUBTITLE_MIN_CHARS and key == fold(keep[-1]):
            continue
        keep += [sep, part]
    if len(keep) < len(parts):  # a part was said again
        rec.fix("title", "".join(keep), rule="subtitle-duplicated")


_SEPARATORS = re.compile(r"(?:[.?!]\s+|\s+[-–—|]\s+)")
_MIN_TITLE_WORDS = 3


def _cut_tail(title: str, matches, longest: int) -> str | None:
    """The title before the first sentence break whose tail (at most ``longest`` characters)
    ``matches``, if enough title is left. Longer tails are not looked at: testing the tail
    after every break of a long title took quadratic time."""
    enough = False
    for m in _SEPARATORS.finditer(title):
        if len(title) - m.end() > longest:
            continue
        head = title[:m.start() + 1].rstrip(" -–—|")
        enough = enough or len(head.split()) >= _MIN_TITLE_WORDS
        if enough and matches(title[m.end():]):
            return head
    return None


@REPAIRS.register("title-with-journal", confidence=0.9, reads=("container-title", "container-title-short"))
def title_with_journal(rec: Record) -> None:
    """A title with the journal's name (and perhaps the rest of a citation) glued on its end loses it."""
    title, journals = rec.get("title"), [rec.get(f) for f in ("container-title", "container-title-short")]
    keys = [fold(j) for j in journals if isinstance(j, str) and len(fold(j)) >= 4]
    if not isinstance(title, str) or not keys:
        return
    if title.isascii() and not any(k in fold(title) for k in keys):
        return  # ASCII folds letter by letter: a tail that starts with a key puts it in the title's key
    longest = min(3 * max(len(j) for j in journals if isinstance(j, str)) + 100, 600)  # no journal is longer
    head = _cut_tail(title, journal_tail(keys), longest)
    if head:
        rec.fix("title", head, rule="title-with-journal")


def journal_tail(keys: list[str]):
    """Whether a title's tail is a journal name (one of the folded ``keys``) and perhaps a citation."""
    return lambda tail: any(fold(tail).startswith(k) and _citation_tail(fold(tail)[len(k):]) for k in keys)


def _citation_tail(rest: str) -> bool:
    """What may follow a journal name glued to a title: nothing, or year/volume/pages digits."""
    return not rest or bool(re.fullmatch(r"[0-9a-z]{0,40}", rest)) and rest[:1].isdigit()


@REPAIRS.register("title-with-authors", confidence=0.9, reads=("author",))
def title_with_authors(rec: Record) -> None:
    """A title with the record's own author list glued on its end ('T. Shah M, Rao K.') loses it."""
    title, authors = rec.get("title"), rec.get("author") or []
    family = next((a.family for a in authors if getattr(a, "family", None)), None)
    if not isinstance(title, str) or not family or family not in title:
        return  # (a tail that starts with the family name puts it in the title)
    from ..readers.nlm_authors import looks_like_authors

    head = _cut_tail(title, lambda tail: tail.startswith(family) and looks_like_authors(tail), 3000)
    if head:
        rec.fix("title", head, rule="title-with-authors")
