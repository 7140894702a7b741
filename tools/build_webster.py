"""Build citex/data/web2.txt: the lowercase words of Webster's Second International.

The list is the ``web2`` list of the ``english-words`` package (MIT; the dictionary of
1934 is in the public domain), its lowercase entries only (the capitalised ones are
proper names, which ``common_words`` never asks about), one a line, in byte order, so
that ``common_words`` can look a word up by binary search in the file's bytes: no set of
210,000 strings to unpickle in every process (46 ms and about 17 MB each).

    pip install english-words && python tools/build_webster.py [-o OUT]
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def words() -> list[bytes]:
    from english_words import get_english_words_set

    return sorted(w.encode("ascii") for w in get_english_words_set(["web2"], lower=False) if w == w.lower())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "citex" / "data" / "web2.txt")
    args = parser.parse_args()
    found = words()
    args.output.write_bytes(b"\n".join(found) + b"\n")
    print(f"{len(found)} words -> {args.output}")


if __name__ == "__main__":
    main()
