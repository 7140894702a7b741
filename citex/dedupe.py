"""Duplicate records, found and merged for systematic reviews, with the PRISMA counts.

Two records are one work when they share a DOI or a PMID, or when their
normalised titles are nearly equal (rapidfuzz ratio, default 95 of 100) with the
same year and the same first author's family name. Some pairs are never merged,
however alike: records with different DOIs or different PMIDs, different volumes
or first pages, Part I and Part II, an erratum (or retraction, reply, comment)
and the article it is about, and a preprint and its published version (unless
``versions=True``). A merge keeps the first record and fills each field with the
most complete value any duplicate has; every value taken from another record is
logged as a repair (rule ``dedupe``) naming the record it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .model import NAME_VARIABLES, Date, Name, Record

DEFAULT_THRESHOLD = 95.0
_NOTICE = re.compile(r"\b(?:errat(?:um|a)|corrigend(?:um|a)|correction|retract(?:ion|ed)|"
                     r"expression of concern|reply|response to|comment on|in reply)\b", re.I)
_PART = re.compile(r"\b(?:part|pt\.?|teil|partie)\s+([ivxlc]+|\d+|one|two|three|[a-d])\b", re.I)
_PREPRINT = re.compile(r"arxiv|biorxiv|medrxiv|chemrxiv|ssrn|preprint|research\s*square|psyarxiv|osf\b",
                       re.I)


@dataclass
class Merge:
    kept: Record
    dropped: list[Record]
    reasons: list[str]


@dataclass
class DedupeReport:
    found: int = 0
    merges: list[Merge] = field(default_factory=list)

    @property
    def removed(self) -> int:
        return sum(len(m.dropped) for m in self.merges)

    @property
    def remaining(self) -> int:
        return self.found - self.removed

    def prisma(self) -> str:
        return (f"records found {self.found}, duplicates removed {self.removed}, "
                f"remaining {self.remaining}")


def norm_title(text: object) -> str:
    """Lowercase letters and digits only, accents and markup dropped, one space between words."""
    text = re.sub(r"<[^<>]+>", "", str(text or ""))  # not [^>]: "<<<…" would be quadratic
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"[^\W_]+", text))


def _doi(rec: Record) -> str | None:
    doi = rec.get("DOI")
    return str(doi).strip().lower() if doi else None


def _pmid(rec: Record) -> str | None:
    pmid = rec.get("PMID")
    return str(pmid).strip() if pmid else None


def _first_family(rec: Record) -> str:
    names = rec.get("author") or rec.get("editor") or []
    first = names[0] if names and isinstance(names[0], Name) else None
    return norm_title(first.sort_family if first else "")


def _first_page(rec: Record) -> str:
    return re.split(r"[-–,\s]", str(rec.get("page") or "").strip())[0].lower()


def _part(rec: Record) -> str:
    m = _PART.search(str(rec.get("title") or ""))
    return m.group(1).lower() if m else ""


def _is_preprint(rec: Record) -> bool:
    where = " ".join(str(rec.get(f) or "") for f in ("container-title", "publisher", "genre"))
    return rec.type == "article" and not rec.get("container-title") or bool(_PREPRINT.search(where))


def conflict(a: Record, b: Record, versions: bool = False) -> str | None:
    """Why two records must not be merged, or None."""
    for name, key in (("DOIs", _doi), ("PMIDs", _pmid)):
        if key(a) and key(b) and key(a) != key(b):
            return f"different {name}"
    for label, key in (("volumes", lambda r: str(r.get("volume") or "").strip().lower()),
                       ("first pages", _first_page), ("parts", _part)):
        if key(a) and key(b) and key(a) != key(b):
            return f"different {label}"
    if _part(a) != _part(b):
        return "different parts"
    if bool(_NOTICE.search(str(a.get("title") or ""))) != bool(_NOTICE.search(str(b.get("title") or ""))):
        return "an erratum or notice and an article"
    if not versions and _is_preprint(a) != _is_preprint(b):
        return "a preprint and a published version"
    return None


def find_pairs(records: list[Record], threshold: float = DEFAULT_THRESHOLD,
               versions: bool = False) -> list[tuple[int, int, str]]:
    """Index pairs (i < j) of duplicates and the reason: identifiers first, then titles."""
    pairs: list[tuple[int, int, str]] = []
    for name, key in (("DOI", _doi), ("PMID", _pmid)):
        seen: dict[str, int] = {}
        for j, rec in enumerate(records):
            value = key(rec)
            if value and value in seen:
                pairs.append((seen[value], j, f"same {name} {value}"))
            elif value:
                seen[value] = j
    # fuzz.ratio pair by pair, not process.cdist: cdist needs numpy, which citex does not
    # depend on (a block is the few records of one year and first author)
    from rapidfuzz.fuzz import ratio

    titles = [norm_title(r.get("title")) for r in records]
    blocks: dict[tuple[object, str], list[int]] = {}
    for i, rec in enumerate(records):
        if len(titles[i]) >= 10 and rec.year:
            blocks.setdefault((rec.year, _first_family(rec)), []).append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                score = ratio(titles[i], titles[j], score_cutoff=threshold)
                if score:
                    pairs.append((i, j, f"title {score:.0f}% alike, same year and first author"))
    return [(i, j, why) for i, j, why in pairs if not conflict(records[i], records[j], versions)]


def dedupe(records: list[Record], threshold: float = DEFAULT_THRESHOLD,
           versions: bool = False) -> tuple[list[Record], DedupeReport]:
    """The records with duplicates merged into the first of each group, in input order, and a report."""
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    members: dict[int, list[int]] = {i: [i] for i in range(len(records))}
    reasons: dict[int, list[str]] = {}
    for i, j, why in sorted(find_pairs(records, threshold, versions)):
        a, b = root(i), root(j)
        if a == b or any(conflict(records[x], records[y], versions)
                         for x in members[a] for y in members[b]):
            continue  # a group never holds two records that must stay apart
        a, b = min(a, b), max(a, b)
        parent[b] = a
        members[a] += members.pop(b)
        reasons.setdefault(a, []).extend(reasons.pop(b, []) + [why])
    report = DedupeReport(found=len(records))
    kept = []
    for i, rec in enumerate(records):
        if root(i) != i:
            continue
        group = sorted(members[i])
        if len(group) > 1:
            dropped = [records[j] for j in group[1:]]
            merge_into(rec, dropped)
            report.merges.append(Merge(rec, dropped, reasons.get(i, [])))
        kept.append(rec)
    return kept, report


def _completeness(value: object) -> tuple:
    if isinstance(value, list):
        return (len(value), sum(len(n.given or "") for n in value if isinstance(n, Name)))
    if isinstance(value, Date):
        return (max((len(p) for p in value.parts), default=0), bool(value.season))
    return (len(str(value).strip()),)


def merge_into(rec: Record, others: list[Record]) -> None:
    """Fill each field of ``rec`` with the most complete value among ``others`` (logged)."""
    for other in others:
        where = f"{other.source.location()}"
        for name, value in other.fields.items():
            have = rec.get(name)
            if have is None or _completeness(value) > _completeness(have):
                if name in ("DOI", "PMID") and have:
                    continue
                rec.fix(name, value, rule="dedupe", note=f"from the duplicate at {where}")
                if name in NAME_VARIABLES:
                    rec.truncated.discard(name)
                    rec.truncated |= {name} & other.truncated
