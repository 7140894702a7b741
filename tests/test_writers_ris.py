"""The RIS writer: tags, page and date splitting, and a re-read with rispy."""

from pathlib import Path

import pytest
import rispy

from citex.pipeline import dumps
from citex.model import Date, Name, Record
from citex.readers.pubmed_text import read
from citex.registry import WRITERS
from citex.writers.ris import RISWriter

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_18a7e7130607ba5e.txt"


def seed():
    return next(iter(read(SEED.read_text(), "seed.txt")))


def write(*records, **options):
    return dumps(records, "ris", **options)


def article(**fields):
    base = {
        "author": [Name("Nguyễn", "Văn A"), Name("Berg", "Jan", non_dropping_particle="van der"),
                   Name("King", "Martin L", suffix="Jr"), Name(literal="World Health Organization")],
        "title": "DNA & RNA:\n  a study",
        "container-title": "Journal of Things",
        "container-title-short": "J Things",
        "issued": Date([[2020, 3, 21]]),
        "volume": "12", "issue": "4", "page": "1011-1015",
        "DOI": "10.1000/x_y", "PMID": "33708679", "PMCID": "PMC7934898",
        "URL": "https://example.org/a", "abstract": "Line one,\nline two.",
    }
    base.update(fields)
    return Record(type="article-journal", fields={k: v for k, v in base.items() if v is not None})


def lines(text):
    return [line for line in text.splitlines() if line]


def test_registered_with_extension():
    entry = WRITERS._entries["ris"]  # without loading every writer module
    assert entry.obj is RISWriter and entry.meta["extension"] == ".ris"



def test_full_record_tags_in_order():
    assert lines(write(article())) == [
        "TY  - JOUR",
        "ID  - nguyen2020dna",
        "AU  - Nguyễn, Văn A",
        "AU  - van der Berg, Jan",
        "AU  - King, Martin L, Jr",
        "AU  - World Health Organization",
        "TI  - DNA & RNA: a study",
        "T2  - Journal of Things",
        "JO  - Journal of Things",
        "J2  - J Things",
        "PY  - 2020",
        "DA  - 2020/03/21/",
        "VL  - 12",
        "IS  - 4",
        "SP  - 1011",
        "EP  - 1015",
        "DO  - 10.1000/x_y",
        "AN  - 33708679",
        "C2  - PMC7934898",
        "AB  - Line one, line two.",
        "UR  - https://example.org/a",
        "ER  - ",
    ]


def test_records_end_with_er_and_a_blank_line():
    text = write(article(), seed())
    assert text.count("ER  - \n\n") == 2 and text.endswith("ER  - \n\n")
    assert text.startswith("TY  - JOUR\n") and "\n\nTY  - JOUR\n" in text


@pytest.mark.parametrize("page, sp, ep", [
    ("1011-1015", "1011", "1015"),
    ("S1–S5", "S1", "S5"),
    ("e1234", "e1234", None),
    ("77", "77", None),
])
def test_pages_split_into_sp_and_ep(page, sp, ep):
    tags = dict(line.split("  - ", 1) for line in lines(write(article(page=page))) if "  - " in line)
    assert tags["SP"] == sp and tags.get("EP") == ep


def test_date_only_with_a_month_and_day_left_empty():
    assert "DA  - 2020/03//" in write(article(issued=Date([[2020, 3]])))
    assert "DA  -" not in write(article(issued=Date([[2020]])))


def test_truncated_author_list_has_no_marker():
    rec = article(author=[Name("Shah", "M")])
    rec.truncated.add("author")
    text = write(rec)
    assert "AU  - Shah, M\n" in text and "et al" not in text and text.count("AU  -") == 1


def test_pmcid_only_for_journal_articles_and_empty_tags_left_out():
    book = Record(type="book", fields={"title": "A book", "PMCID": "PMC1", "publisher": "P"})
    assert lines(write(book)) == ["TY  - BOOK", "ID  - book", "TI  - A book", "PB  - P", "ER  - "]


@pytest.mark.parametrize("csl, ty", [
    ("article-journal", "JOUR"), ("book", "BOOK"), ("chapter", "CHAP"), ("paper-conference", "CONF"),
    ("thesis", "THES"), ("report", "RPRT"), ("webpage", "ELEC"), ("speech", "GEN"),
])
def test_types(csl, ty):
    assert write(Record(type=csl, fields={"title": "T"})).startswith(f"TY  - {ty}\n")


def test_rispy_reads_the_fields_back():
    [entry, plain] = rispy.loads(write(article(), seed()))
    assert entry["type_of_reference"] == "JOUR" and entry["id"] == "nguyen2020dna"
    assert entry["authors"] == ["Nguyễn, Văn A", "van der Berg, Jan", "King, Martin L, Jr",
                                "World Health Organization"]
    assert entry["title"] == "DNA & RNA: a study"
    assert entry["secondary_title"] == entry["journal_name"] == "Journal of Things"
    assert entry["alternate_title1"] == "J Things"
    assert (entry["year"], entry["date"]) == ("2020", "2020/03/21/")
    assert (entry["volume"], entry["number"]) == ("12", "4")
    assert (entry["start_page"], entry["end_page"]) == ("1011", "1015")
    assert entry["doi"] == "10.1000/x_y"
    assert entry["accession_number"] == "33708679" and entry["custom2"] == "PMC7934898"
    assert entry["abstract"] == "Line one, line two."
    assert entry["urls"] == ["https://example.org/a"]
    assert plain["authors"] == ["Shah, M"] and plain["id"] == "shah2020management"


# The tag table is shared with the reader (citex/fieldmaps/ris.py): tags follow the RIS type.

def test_keywords_one_per_line_and_editors():
    rec = article(keyword="sleep, memory", editor=[Name("Editor", "Ed")])
    text = write(rec)
    assert "KW  - sleep\nKW  - memory\n" in text and "A2  - Editor, Ed\n" in text


def test_keywords_with_commas_come_from_the_readers_list():
    rec = article(keyword="Disease Models, Animal, Humans")
    rec.extra["KW"] = "Disease Models, Animal\nHumans"
    assert "KW  - Disease Models, Animal\nKW  - Humans\n" in write(rec)


def test_tags_follow_the_type():
    book = Record(type="book", fields={"title": "B", "collection-title": "A series",
                                       "container-title": "not for a book", "edition": "2"})
    assert lines(write(book)) == ["TY  - BOOK", "ID  - b", "TI  - B", "T2  - A series", "ET  - 2", "ER  - "]
    chapter = Record(type="chapter", fields={"title": "C", "container-title": "The book",
                                             "collection-title": "A series"})
    assert lines(write(chapter))[2:5] == ["TI  - C", "T2  - The book", "T3  - A series"]
    assert "ET  -" not in write(article(edition="2"))  # EndNote's ET of a journal article is a date


def test_family_name_alone_keeps_its_comma():
    text = write(article(author=[Name("Van Dung"), Name("Cher")]))
    assert "AU  - Van Dung,\n" in text and "AU  - Cher\n" in text


@pytest.mark.parametrize("dialect, present, absent", [
    ("zotero", {"TI", "AU", "PY", "DA", "AB", "JO", "T2"}, {"T1", "A1", "Y1", "N2"}),
    ("endnote", {"TI", "AU", "PY", "DA", "AB", "T2"}, {"JO", "T1", "Y1"}),
    ("refman", {"T1", "A1", "Y1", "N2", "T2"}, {"TI", "AU", "PY", "DA", "AB"}),
])
def test_dialects_choose_tags_and_read_back_the_same(dialect, present, absent):
    from citex.pipeline import dumps, loads

    rec = article()
    text = dumps([rec], "ris", ris_dialect=dialect)
    tags = {line[:2] for line in text.splitlines() if line[2:6] == "  - "}
    assert present <= tags and not (absent & tags), tags
    [back] = loads(text, "ris")
    flat = lambda v: " ".join(str(v).split())  # RIS values are one line  # noqa: E731
    for name in ("title", "container-title", "DOI", "abstract", "volume", "page"):
        assert flat(back.get(name)) == flat(rec.get(name)), name
    assert back.year == rec.year
    assert [n.family for n in back.get("author")] == [n.family for n in rec.get("author")]
    assert len(rispy.loads(text)) == 1


@pytest.mark.parametrize("dialect, title", [
    ("zotero", 'The <span class="nocase">DNA</span> of <i>E. coli</i> at p < 0.05'),
    ("endnote", "The DNA of E. coli at p < 0.05"),
    ("refman", "The DNA of E. coli at p < 0.05"),
])
def test_rich_text_is_kept_for_zotero_and_plain_for_endnote_and_refman(dialect, title):
    from citex.pipeline import dumps

    rec = article(title='The <span class="nocase">DNA</span> of <i>E. coli</i> at p < 0.05')
    text = dumps([rec], "ris", ris_dialect=dialect)
    assert {line[6:] for line in text.splitlines() if line[:2] in ("TI", "T1")} == {title}
    assert ("<i>" in text) == (dialect == "zotero")


def test_unknown_dialect_is_a_usage_error_with_a_suggestion():
    from citex.errors import UsageError
    from citex.pipeline import dumps

    with pytest.raises(UsageError, match="did you mean refman"):
        dumps([article()], "ris", ris_dialect="refmann")


@pytest.mark.parametrize("dialect", ["zotero", "endnote", "refman"])
def test_the_direct_writer_writes_what_ris_j2_renders(dialect):
    """The built-in template is written without jinja2, for speed: the text must be the same."""
    import io

    from citex.pipeline import load, repair
    from citex.writers.templated import template_dir

    data = Path(__file__).resolve().parent / "data"
    paths = [SEED.parent, data / "ris", data / "medline"]
    records = list(repair(load(map(str, paths))))
    records += [article(), article(page="0", volume=0, keyword="a, b"),
                Record(type="book", fields={"title": "T", "issued": Date(literal="Spring 2020")})]
    assert len(records) > 20
    direct, templated = io.StringIO(), io.StringIO()
    for out, options in ((direct, {}), (templated, {"template": str(template_dir() / "ris.j2")})):
        writer = RISWriter(out, ris_dialect=dialect, **options)
        for i, rec in enumerate(records):
            rec.id = rec.id or f"k{i}"
            writer.write(rec)
    assert direct.getvalue() == templated.getvalue()
