"""The conversion benchmark's input files: N generated records in every input format, cached.

    python benchmarks/inputs.py [--sizes 1000,10000,100000] [--formats bibtex,ris,...] [--seed 1]

``path(fmt, n)`` returns ``benchmarks/cache/records-{n}.{ext}``, writing it first when
it is missing. The records are ``records.py``'s, made in chunks of 5,000 (each chunk
its own seed), so 1M records are written in constant memory and the first 1,000
records of every size are the same. Titles get the LaTeX specials real ``.bib``
files escape (``&``, ``%``, ``#``, ``_``) on a few records. BibTeX (ASCII, LaTeX
commands for accents, keys built from author, year and title) and RIS are written by
citex's own writers from the CSL-JSON items; MEDLINE and PubMed XML, which citex
only reads, by ``pubmed_writers.py``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # records.py, and citex from the work tree

import pubmed_writers  # noqa: E402
import records  # noqa: E402

CACHE = Path(os.environ.get("CITEX_BENCH_CACHE", HERE / "cache"))
EXTENSIONS = {"bibtex": "bib", "ris": "ris", "csljson": "json", "medline": "nbib", "pubmed-xml": "xml"}
CHUNK = 5000
SPECIALS = [" & outcomes", " in 25% of cases", " (#MeToo study)", " of the R_0 estimate", " & costs"]


def items(n: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """``n`` CSL-JSON items, ids ``item-0``..., a few with LaTeX specials in the title."""
    for start in range(0, n, CHUNK):
        chunk_seed = seed * 1_000_003 + start // CHUNK
        rng = random.Random(-chunk_seed)
        for i, item in enumerate(records.generate(min(CHUNK, n - start), chunk_seed)):
            item["id"] = f"item-{start + i}"
            if rng.random() < 0.05:
                item["title"] += rng.choice(SPECIALS)
            yield item


def path(fmt: str, n: int, seed: int = 1) -> Path:
    """The cached file of ``n`` records in ``fmt``, written when missing."""
    target = CACHE / f"records-{n}{'' if seed == 1 else f'-s{seed}'}.{EXTENSIONS[fmt]}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(target.suffix + ".part")
        with partial.open("w", encoding="utf-8", newline="\n") as out:
            write(fmt, items(n, seed), out, seed)
        partial.replace(target)
    return target


def write(fmt: str, generated: Iterator[dict[str, Any]], out: io.TextIOBase, seed: int = 1) -> None:
    """Write the items to ``out`` in ``fmt``."""
    if fmt == "csljson":
        out.write("[\n")
        for i, item in enumerate(generated):
            out.write((",\n" if i else "") + json.dumps(item, ensure_ascii=False))
        out.write("\n]\n")
    elif fmt in ("bibtex", "ris"):
        import citex

        def parsed() -> Iterator[Any]:
            batch: list[dict[str, Any]] = []
            for item in generated:
                batch.append(item)
                if len(batch) == CHUNK:
                    yield from citex.loads(json.dumps(batch), "csljson")
                    batch = []
            if batch:
                yield from citex.loads(json.dumps(batch), "csljson")

        options = {"rekey": True, "key_pattern": "{auth}{year}{shorttitle}"} if fmt == "bibtex" else {}
        citex.dump(parsed(), out, fmt, **options)
    elif fmt == "medline":
        rng = random.Random(seed)
        for i, item in enumerate(generated):
            out.write(pubmed_writers.medline(pubmed_writers.article(item, 20_000_000 + i, rng)))
    elif fmt == "pubmed-xml":
        rng = random.Random(seed)
        out.write(pubmed_writers.XML_HEAD)
        for i, item in enumerate(generated):
            out.write(pubmed_writers.pubmed_xml(pubmed_writers.article(item, 20_000_000 + i, rng)))
        out.write(pubmed_writers.XML_TAIL)
    else:
        raise ValueError(f"no generator for {fmt!r}; known: {', '.join(EXTENSIONS)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--formats", default=",".join(EXTENSIONS))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for n in (int(s) for s in args.sizes.split(",")):
        for fmt in args.formats.split(","):
            made = path(fmt, n, args.seed)
            print(f"{made}  {made.stat().st_size / 1e6:.1f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
