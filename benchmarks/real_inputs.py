"""Benchmark inputs from real exports: third-party files of ``../shared/corpus``, repeated to N records.

The generated records of ``inputs.py`` have no abstracts and few lines a record; real
exports (Lens.org, Web of Science, Dimensions, Scopus, Embase; the NIME proceedings'
BibTeX) carry abstracts, keyword lists and many links, which cost a converter more
per record. These inputs measure that work. The files stay in ``../shared/corpus``
(their licences); the concatenations are written to the benchmark cache only.

Only files that every measured peer reads are used (citation-js stops on three of the
NIME years and on Ovid's PsycINFO export). Repeated BibTeX entries get their copy's
number after their key, so keys stay unique as in a real file.

    python benchmarks/peers.py --tasks real-ris2bib,real-bib2csl --sizes 10000 --tools citex,citation-js
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import inputs

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("CITEX_SHARED") or HERE.parents[1] / "shared")
CORPUS = SHARED / "corpus"

SOURCES = {
    "ris-real": [f"citesource-ris/{name}.ris" for name in
                 ("1_WoS", "Dimensions_246", "envindex_100", "lens_343", "medline_84", "wos_278")]
                + ["revtools-extdata/avian_ecology_bibliography.ris", "asreview-ris/embase.ris",
                   "asreview-ris/scopus.ris", "asreview-ris/proquest.ris",
                   "synthesisr-exports/Scopus_ris_example.ris"],
    "bibtex-real": [f"bib-nime-proceedings/paper_proceedings/nime{year}.bib" for year in range(2001, 2027)
                    if year not in (2011, 2014, 2016)],
}
# The same RIS exports, each copy after the first with a mark on its titles and authors' family
# names, as a corpus never seen before would be: citex remembers the names, titles and
# journals it has read, and 1,300 records repeated flatter it (a 10k run: 1.24x citation-js's
# time on these, 1.12x on the repeats).
SOURCES["ris-real-unseen"] = SOURCES["ris-real"]
EXTENSIONS = {"ris-real": "ris", "bibtex-real": "bib", "ris-real-unseen": "ris"}
# Where each record starts (a lookahead: split keeps the record's first line whole).
_RECORD = {"ris-real": re.compile(r"(?m)^(?=TY  - )"), "bibtex-real": re.compile(r"(?m)^(?=@)")}
_RECORD["ris-real-unseen"] = _RECORD["ris-real"]
_BIB_KEY = re.compile(r"(?m)^(@\w+\{)([^,\s]+),")
_RIS_TITLE = re.compile(r"(?m)^((?:TI|T1)  - .*\S)[ \t]*$")
_RIS_FAMILY = re.compile(r"(?m)^((?:AU|A1)  - [^,\n]*[^,\s])")


def _mark(copy: int) -> str:
    """A word of letters for the copy's number (2 -> "c"): a name keeps the shape of a name."""
    return "".join(chr(ord("a") + int(digit)) for digit in str(copy))


def available() -> bool:
    return all((CORPUS / name).is_file() for names in SOURCES.values() for name in names)


def _texts(kind: str) -> list[str]:
    """Each source file's text: byte-order mark and CRLF gone, one newline at the end."""
    out = []
    for name in SOURCES[kind]:
        text = (CORPUS / name).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        out.append(text.strip("\n") + "\n")
    return out


def path(kind: str, n: int) -> Path:
    """The cached input of ``n`` records of real exports (the files in turn, repeated)."""
    if not available():
        raise SystemExit(f"the shared corpus is not at {CORPUS} (set CITEX_SHARED)")
    target = inputs.CACHE / f"{'real-unseen' if kind == 'ris-real-unseen' else 'real'}-{n}.{EXTENSIONS[kind]}"
    if target.exists():
        return target
    texts = _texts(kind)
    counts = [len(_RECORD[kind].findall(t)) for t in texts]
    parts, total, copy = [], 0, 0
    while total < n:
        copy += 1
        for text, count in zip(texts, counts):
            if kind == "bibtex-real":
                text = _BIB_KEY.sub(lambda m: f"{m[1]}{m[2]}-{copy},", text)
            elif kind == "ris-real-unseen" and copy > 1:
                text = _RIS_FAMILY.sub(lambda m: m[1] + _mark(copy), _RIS_TITLE.sub(lambda m: f"{m[1]} {_mark(copy)}", text))
            if total + count > n:  # the last file cut at a record: exactly n
                text = "".join(_RECORD[kind].split(text)[:n - total + 1])
                count = n - total
            parts.append(text)
            total += count
            if total >= n:
                break
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    partial.write_text("\n".join(parts), encoding="utf-8", newline="\n")
    partial.replace(target)
    return target
