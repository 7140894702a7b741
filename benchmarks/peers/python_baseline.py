"""The plain Python baseline on one conversion: bibtexparser 2 and rispy, as a script would use them.

    python python_baseline.py FROM TO IN OUT     # bibtex ris | ris bibtex | bibtex csljson

bibtexparser's default parse only (no LaTeX-decoding or name-splitting middlewares:
they make it 14-17x slower), so LaTeX commands pass through undecoded; fields are
mapped with small tables, names split on `` and `` and the first comma. Like every
peer, it holds the whole file in memory.
"""

from __future__ import annotations

import json
import re
import sys

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field

BIB_TO_RIS_TYPE = {"article": "JOUR", "book": "BOOK", "incollection": "CHAP", "inbook": "CHAP",
                   "inproceedings": "CPAPER", "phdthesis": "THES", "mastersthesis": "THES",
                   "techreport": "RPRT", "misc": "GEN", "online": "ELEC"}
RIS_TO_BIB_TYPE = {"JOUR": "article", "BOOK": "book", "CHAP": "incollection", "CPAPER": "inproceedings",
                   "CONF": "inproceedings", "THES": "phdthesis", "RPRT": "techreport", "ELEC": "misc"}
BIB_TO_CSL_TYPE = {"article": "article-journal", "book": "book", "incollection": "chapter", "inbook": "chapter",
                   "inproceedings": "paper-conference", "phdthesis": "thesis", "mastersthesis": "thesis",
                   "techreport": "report", "misc": "document", "online": "webpage"}
# bibtex field -> rispy key
BIB_RIS = {"title": "title", "journal": "journal_name", "booktitle": "secondary_title", "year": "year",
           "volume": "volume", "number": "number", "doi": "doi", "publisher": "publisher", "address": "place_published",
           "url": "urls", "isbn": "issn", "edition": "edition", "institution": "publisher", "school": "publisher"}
RIS_BIB = {"title": "title", "primary_title": "title", "journal_name": "journal", "secondary_title": "booktitle",
           "year": "year", "publication_year": "year", "volume": "volume", "number": "number", "doi": "doi",
           "publisher": "publisher", "place_published": "address", "edition": "edition", "issn": "isbn"}
BIB_CSL = {"title": "title", "journal": "container-title", "booktitle": "container-title", "volume": "volume",
           "number": "issue", "pages": "page", "doi": "DOI", "publisher": "publisher", "address": "publisher-place",
           "url": "URL", "isbn": "ISBN", "edition": "edition", "institution": "publisher", "school": "publisher"}


def bib_entries(path: str) -> list[Entry]:
    with open(path, encoding="utf-8") as f:
        return bibtexparser.parse_string(f.read()).entries


def bib_names(value: str) -> list[str]:
    """Split on `` and `` outside braces (``{Smith and Sons}`` is one name)."""
    names, depth, start = [], 0, 0
    for m in re.finditer(r"[{}]|\s+and\s+", value):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            names.append(value[start:m.start()])
            start = m.end()
    names.append(value[start:])
    return [name.strip() for name in names if name.strip()]


def bibtex_to_ris(src: str, dst: str) -> None:
    out = []
    for entry in bib_entries(src):
        fields = entry.fields_dict
        rec = {"type_of_reference": BIB_TO_RIS_TYPE.get(entry.entry_type.lower(), "GEN"), "id": entry.key}
        for name, key in BIB_RIS.items():
            if name in fields:
                value = fields[name].value
                rec[key] = [value] if key == "urls" else value
        for role, key in (("author", "authors"), ("editor", "secondary_authors")):
            if role in fields:
                rec[key] = bib_names(fields[role].value)
        if "pages" in fields:
            start, _, end = fields["pages"].value.partition("--")
            rec["start_page"] = start
            if end:
                rec["end_page"] = end
        out.append(rec)
    with open(dst, "w", encoding="utf-8") as f:
        rispy.dump(out, f)


def ris_to_bibtex(src: str, dst: str) -> None:
    with open(src, encoding="utf-8") as f:
        entries = rispy.load(f)
    library = bibtexparser.Library()
    seen: set[str] = set()
    for i, rec in enumerate(entries):
        authors = rec.get("authors") or rec.get("first_authors") or []
        key = re.sub(r"\W", "", (authors[0].split(",")[0] if authors else "anon")).lower() + str(rec.get("year", ""))
        key = key if key not in seen else f"{key}-{i}"
        seen.add(key)
        fields = [Field(bib, str(rec[ris])) for ris, bib in RIS_BIB.items() if ris in rec]
        if authors:
            fields.append(Field("author", " and ".join(authors)))
        if rec.get("start_page"):
            pages = rec["start_page"] + (f"--{rec['end_page']}" if rec.get("end_page") else "")
            fields.append(Field("pages", pages))
        if rec.get("urls"):
            fields.append(Field("url", rec["urls"][0]))
        library.add(Entry(RIS_TO_BIB_TYPE.get(rec.get("type_of_reference", ""), "misc"), key, fields))
    with open(dst, "w", encoding="utf-8") as f:
        f.write(bibtexparser.write_string(library))


def csl_name(name: str) -> dict[str, str]:
    if name.startswith("{") and name.endswith("}"):
        return {"literal": name[1:-1]}
    family, _, given = name.partition(",")
    return {"family": family.strip(), "given": given.strip()} if given else {"literal": family.strip()}


def bibtex_to_csljson(src: str, dst: str) -> None:
    out = []
    for entry in bib_entries(src):
        fields = entry.fields_dict
        item = {"id": entry.key, "type": BIB_TO_CSL_TYPE.get(entry.entry_type.lower(), "document")}
        for name, var in BIB_CSL.items():
            if name in fields:
                item[var] = fields[name].value
        for role in ("author", "editor"):
            if role in fields:
                item[role] = [csl_name(n) for n in bib_names(fields[role].value)]
        if "year" in fields and fields["year"].value.isdigit():
            item["issued"] = {"date-parts": [[int(fields["year"].value)]]}
        out.append(item)
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2)


TASKS = {("bibtex", "ris"): bibtex_to_ris, ("ris", "bibtex"): ris_to_bibtex, ("bibtex", "csljson"): bibtex_to_csljson}

if __name__ == "__main__":
    source, target, in_path, out_path = sys.argv[1:5]
    TASKS[source, target](in_path, out_path)
