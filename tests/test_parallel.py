"""--jobs N: the same output, the same account and the same diagnostics, in the same order, as one process."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from citex import parallel
from citex.dedupe import dedupe
from citex.pipeline import Tally, convert
from citex.registry import REPAIRS, Entry

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
INPUTS = [ROOT / "seeds", DATA / "bibtex", DATA / "ris", DATA / "medline", DATA / "pubmed_xml",
          DATA / "csljson", DATA / "hostile"]  # hostile: files that cannot be read among the rest


def citex(*args):
    """The CLI in a process of its own, run from the repository."""
    return subprocess.run([sys.executable, "-m", "citex", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def run(paths, to, jobs, **options):
    shown = []
    tally = Tally(on_diagnostic=lambda d: shown.append(str(d)))
    out = io.StringIO()
    convert([str(p) for p in paths], out, to, tally=tally, jobs=jobs, **options)
    account = (tally.read, tally.wrote, tally.skipped, tally.unread_files, tally.counts)
    return out.getvalue(), account, shown


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK", 3)  # many chunks, so that order and hand-over matter


@pytest.mark.parametrize("to", ["bibtex", "biblatex", "ris", "csljson", "cslyaml"])
def test_jobs_give_the_output_account_and_diagnostics_of_one_process(to):
    one = run(INPUTS, to, 1)
    assert one[1][0] > 50 and one[1][3]  # many records, and a file that cannot be read
    assert run(INPUTS, to, 2) == one
    assert run(INPUTS, to, 3, key_pattern="{Auth}{year}", rekey=True) == \
        run(INPUTS, to, 1, key_pattern="{Auth}{year}", rekey=True)


def test_jobs_without_repairs_give_the_output_of_one_process():
    """A worker loads the rules and what the first records need (ftfy's test, the journal
    table) only when the run repairs; without repairs it writes what one process writes."""
    one = run(INPUTS, "bibtex", 1, repairs=False)
    assert one[1][0] > 50 and run(INPUTS, "bibtex", 2, repairs=False) == one
    assert one != run(INPUTS, "bibtex", 1)  # the inputs have faults the rules repair


def test_a_worker_loads_ahead_what_its_first_records_need():
    """_warm, run by each worker before its first task: ftfy's mojibake test (without ftfy's
    package), the journal table, pylatexenc's encoder for ASCII LaTeX; nothing when not needed."""
    code = ("import sys; from citex import parallel, latex, textnorm; from citex.repairs import journal_names\n"
            "from citex.writers.bibtex import BibTeXWriter; import io\n"
            "parallel._warm(False, None); print(textnorm._badness.cache_info().currsize)\n"
            "parallel._warm(True, BibTeXWriter(io.StringIO()))\n"
            "print(textnorm._badness.cache_info().currsize, 'ftfy' in sys.modules,\n"
            "      journal_names.table.cache_info().currsize, latex.encoder.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split()
    assert out == ["0", "1", "False", "1", "1"]


def test_order_is_kept_across_many_chunks(tmp_path, monkeypatch):
    written_by_parent = []
    monkeypatch.setattr(parallel, "write_one", lambda rec, *a: written_by_parent.append(rec))
    ris = "".join(f"TY  - JOUR\nTI  - Title number {i}\nAU  - Smith, John\nPY  - 2020\nER  - \n\n"
                  for i in range(400))
    (tmp_path / "many.ris").write_text(ris)
    text, account, _ = run([tmp_path / "many.ris"], "csljson", 2)
    titles = [line.split('"')[3] for line in text.splitlines() if '"title"' in line]
    assert titles == [f"Title number {i}" for i in range(400)]
    assert account[:3] == (400, 400, 0)
    keys = [line.split('"')[3] for line in text.splitlines() if '"id"' in line]
    assert keys[:3] == ["smith2020title", "smith2020titlea", "smith2020titleb"] and len(set(keys)) == 400
    assert not written_by_parent  # the workers rendered every record


def test_chunks_of_long_records_are_cut_by_their_text(tmp_path, monkeypatch):
    # a Scopus export with each article's references in N1: 30 KB a record; 200 of them a
    # chunk, eight chunks in flight, held 250 MB
    monkeypatch.setattr(parallel, "CHUNK", 200)
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 10_000)
    sizes = []
    real_chunks = parallel._chunks
    monkeypatch.setattr(parallel, "_chunks", lambda *a: ((sizes.append(len(c)), (c, b))[1] for c, b in real_chunks(*a)))
    note = "References: " + "; ".join(f"Roe, A., Work {n} (2001) J., {n}, p. 1" for n in range(60))
    ris = "".join(f"TY  - JOUR\nTI  - Title number {i}\nAU  - Smith, John\nPY  - 2020\nN1  - {note}\nER  - \n\n"
                  for i in range(50))
    (tmp_path / "long.ris").write_text(ris)
    assert run([tmp_path / "long.ris"], "bibtex", 2) == run([tmp_path / "long.ris"], "bibtex", 1)
    assert len(sizes) > 5 and max(sizes) < 10  # ~2 KB a record: a few records a chunk


@pytest.mark.parametrize("to, by_parent", [("bibtex", 0), ("ris", 0), ("csljson", 0), ("cslyaml", 40)])
def test_keys_starting_with_a_digit_are_put_in_the_workers_text(tmp_path, monkeypatch, to, by_parent):
    """Keys built from an authorless record start with its year: only YAML (which reads
    2005-01-01 as a date) needs its parent to write those records itself."""
    written_by_parent = []
    real = parallel.write_one
    monkeypatch.setattr(parallel, "write_one", lambda rec, *a: (written_by_parent.append(rec.id), real(rec, *a)))
    ris = "".join(f"TY  - RPRT\nTI  - Report {i}\nPY  - {2000 + i % 3}\nER  - \n\n" for i in range(40))
    (tmp_path / "authorless.ris").write_text(ris)
    two = run([tmp_path / "authorless.ris"], to, 2)
    assert two == run([tmp_path / "authorless.ris"], to, 1)
    assert two[0].count("2001report") >= 1 and len(written_by_parent) == by_parent


def test_a_rule_failing_in_a_worker_is_reported(monkeypatch):
    def broken(rec):
        """Fails on one record."""
        if str(rec.get("title")).startswith(("A", "M")):
            raise ValueError("boom")

    REPAIRS.names()  # the built-in rules loaded first
    entries = dict(REPAIRS._entries, broken=Entry("broken", broken, "Fails on one record."))
    monkeypatch.setattr(REPAIRS, "_entries", entries)  # the workers are forked: they see it too
    one = run(INPUTS, "bibtex", 1)
    assert any("error[repair-failed]: repair rule broken failed: ValueError: boom" in d for d in one[2])
    assert run(INPUTS, "bibtex", 2) == one


def test_a_record_the_writer_fails_on_is_skipped_and_the_rest_written(tmp_path):
    template = tmp_path / "t.j2"
    template.write_text("{{ index }} {{ key }} {{ record.fields['volume'] }}\n")  # no volume: an error
    one = run(INPUTS, "bibtex", 1, template=str(template))
    assert one[1][2] > 1 and any("record not written" in d for d in one[2])
    assert run(INPUTS, "bibtex", 2, template=str(template)) == one


def test_a_counting_writer_renders_again_the_records_after_one_it_failed_on(monkeypatch):
    """CSL-JSON puts a comma before every item but the first: when its first item cannot be
    written, the workers' texts of the next ones are wrong and the parent writes them anew."""
    import json

    from citex.writers.csljson import CSLJSONWriter

    first = json.loads(run([DATA / "ris"], "csljson", 1)[0])[0]["title"]
    real = CSLJSONWriter.text

    def text(self, data):
        if data.get("title") == first:
            raise ValueError("not this one")
        return real(self, data)

    monkeypatch.setattr(CSLJSONWriter, "text", text)  # the workers are forked: they see it too
    one = run([DATA / "ris"], "csljson", 1)
    assert any("record not written: ValueError: not this one" in d for d in one[2])
    assert json.loads(one[0])[0]["title"] != first
    assert run([DATA / "ris"], "csljson", 2) == one


def test_records_shown_one_by_one_under_jobs_are_whole(tmp_path):
    seen = {1: [], 2: []}
    for jobs in seen:
        tally = Tally()
        convert([str(DATA / "ris")], io.StringIO(), "bibtex", tally=tally, jobs=jobs,
                on_record=lambda rec, jobs=jobs: seen[jobs].append((rec.id, rec.get("title"),
                                                                    len(rec.repairs))))
    assert len(seen[1]) > 10 and seen[2] == seen[1]


def test_dedupe_and_buffering_writers_work_with_jobs():
    def merged(records):
        return dedupe(records)[0]

    assert run([DATA / "bibtex"], "ris", 2, dedupe=merged) == run([DATA / "bibtex"], "ris", 1, dedupe=merged)
    assert run([ROOT / "seeds"], "text", 2) == run([ROOT / "seeds"], "text", 1)


def test_cli_jobs(tmp_path):
    one = citex("convert", DATA / "ris", "--to", "bibtex")
    two = citex("convert", DATA / "ris", "--to", "bibtex", "--jobs", "2")
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    to_file = citex("convert", DATA / "ris", "--to", "bibtex", "--jobs", "2", "-o", tmp_path / "out.bib")
    assert to_file.returncode == one.returncode and (tmp_path / "out.bib").read_text() == one.stdout
    bad = citex("convert", DATA / "ris", "--to", "bibtex", "--jobs", "0")
    assert bad.returncode == 2 and "--jobs" in bad.stderr


def test_a_record_a_buffering_writer_cannot_write_is_counted_under_jobs_too(tmp_path):
    """What the formatted-bibliography writer skips at its end is reported and counted as with --jobs 1."""
    import json

    path = tmp_path / "refs.json"
    path.write_text(json.dumps([{"id": "good", "type": "book", "title": "Clinical reasoning",
                                 "author": [{"family": "Brown", "given": "Carl"}]},
                                {"id": "blank", "type": "article-journal"}]), encoding="utf-8")
    runs = [citex("convert", path, "--to", "text", "--jobs", jobs) for jobs in ("1", "2")]
    for run in runs:
        assert run.returncode == 1 and "error[format-failed]: record 'blank' not written" in run.stderr
        assert "read 2, wrote 1, skipped 1" in run.stderr
    assert runs[0].stdout == runs[1].stdout


_PARENT = __import__("os").getpid()
_REAL_FINISH = None


def _finish_only_in_workers(block, path):
    """MEDLINE's record builder, refusing to run in the parent process."""
    import os
    assert os.getpid() != _PARENT, "a record was built in the parent"
    return _REAL_FINISH(block, path)


def test_workers_build_the_records_of_a_deferring_reader(tmp_path, monkeypatch):
    import citex.readers.medline_reader as medline
    global _REAL_FINISH
    records = [f"PMID- {i}\nTI  - Title {i}\nFAU - Smith, John\nAU  - Smith J\nDP  - 2020\n\n" for i in range(1, 30)]
    records.insert(7, "OWN - NLM\nSTAT- MEDLINE\n\n")  # no substance: Failed, built in a worker
    (tmp_path / "in.nbib").write_text("".join(records))
    one = run([tmp_path / "in.nbib"], "ris", 1)
    assert one[1][:3] == (30, 29, 1) and any("medline-empty" in line for line in one[2])
    _REAL_FINISH = medline._finish
    monkeypatch.setattr(medline, "_finish", _finish_only_in_workers)
    assert run([tmp_path / "in.nbib"], "ris", 2) == one


def test_auto_jobs_uses_the_cores_for_big_inputs_only(tmp_path, monkeypatch):
    small, big = tmp_path / "small.ris", tmp_path / "big.ris"
    small.write_text("TY  - JOUR\nTI  - A\nER  - \n")
    big.write_text("TY  - JOUR\nTI  - A\nER  - \n" * 40)
    monkeypatch.setattr(parallel, "AUTO_BYTES", 500)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert parallel.auto_jobs([str(small)]) == 1
    assert parallel.auto_jobs([str(big)]) == 3
    assert parallel.auto_jobs([str(tmp_path)]) == 3  # a folder: its files together
    assert parallel.auto_jobs([str(big), "-"]) == 1  # standard input: its size is unknown
    assert parallel.auto_jobs([str(tmp_path / "missing.ris")]) == 1  # reported by the run
    monkeypatch.setattr(parallel, "AUTO_MAX", 2)
    assert parallel.auto_jobs([str(big)]) == 2
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert parallel.auto_jobs([str(big)]) == 1


def test_cli_default_jobs_gives_the_output_of_one_process(tmp_path):
    records = "".join(f"TY  - JOUR\nAU  - Müller, Jörg\nAU  - O'Brien, P.\nTI  - Study number {i} of "
                      f"{'very ' * 20}long titles\nT2  - J Biol\nPY  - {1990 + i % 30}\nSP  - {i}\n"
                      f"EP  - {i + 9}\nDO  - 10.1000/x{i}\nER  - \n\n" for i in range(5000))
    path = tmp_path / "many.ris"
    path.write_text(records, encoding="utf-8")
    assert path.stat().st_size >= parallel.AUTO_BYTES  # big enough that the default uses processes
    auto = citex("convert", path, "--to", "bibtex")
    one = citex("convert", path, "--to", "bibtex", "--jobs", "1")
    assert auto.returncode == 0 and "read 5000, wrote 5000, skipped 0" in auto.stderr
    assert (auto.stdout, auto.stderr) == (one.stdout, one.stderr)


_REAL_PLAIN = None


def _plain_record_only_in_workers(*args):
    """The BibTeX reader's builder of entries the parent left unread, refusing to run in the parent."""
    import os
    assert os.getpid() != _PARENT, "a plain BibTeX entry was read in the parent"
    return _REAL_PLAIN(*args)


def test_bibtex_irregular_input_gives_one_process_output_and_workers_read_plain_entries(monkeypatch):
    """Junk between entries, macros redefined, repeated keys and fields, a missing comma,
    bibtexparser's blocks, crossref and xdata, an entry never closed."""
    from citex.readers import bibtex_reader as bibtex
    global _REAL_PLAIN
    irregular = [DATA / "bibtex-irregular", DATA / "bibtex"]
    one = run(irregular, "biblatex", 1)
    codes = {line.split("[")[1].split("]")[0] for line in one[2]}
    assert {"bibtex-duplicate-key", "bibtex-duplicate-field", "bibtex-undefined-macro",
            "bibtex-missing-comma", "bibtex-unterminated", "bibtex-no-key"} <= codes
    _REAL_PLAIN = bibtex._plain_record
    monkeypatch.setattr(bibtex, "_plain_record", _plain_record_only_in_workers)
    assert run(irregular, "biblatex", 2) == one
    assert run(irregular, "ris", 2) == run(irregular, "ris", 1)


def _build_only_in_workers(elem, rec):
    """The PubMed XML record builder, refusing to run in the parent process."""
    import os
    assert os.getpid() != _PARENT, "a PubMed XML record was built in the parent"
    return _REAL_BUILD(elem, rec)


_REAL_BUILD = None


def test_workers_build_pubmed_xml_records_and_odd_files_read_the_same(tmp_path, monkeypatch):
    import citex.readers.pubmed_xml_element as element
    try:
        from tests.test_reader_pubmed_xml_defer import IRREGULAR, REGULAR
    except ImportError:
        from test_reader_pubmed_xml_defer import IRREGULAR, REGULAR
    global _REAL_BUILD
    plain = tmp_path / "plain"
    plain.mkdir()
    for i, name in enumerate(REGULAR):
        (plain / f"{i:02}.xml").write_text(REGULAR[name], encoding="utf-8", errors="surrogatepass")
    odd = tmp_path / "odd"
    odd.mkdir()
    for i, name in enumerate(IRREGULAR):
        (odd / f"{i:02}.xml").write_text(IRREGULAR[name], encoding="utf-8", errors="surrogatepass")
    for to in ("ris", "bibtex"):
        assert run([odd, DATA / "pubmed_xml"], to, 2) == run([odd, DATA / "pubmed_xml"], to, 1)
    one = run([plain], "ris", 1)
    assert one[1][0] > 700
    _REAL_BUILD = element.build
    monkeypatch.setattr(element, "build", _build_only_in_workers)
    assert run([plain], "ris", 2) == one


def _odd_ris(i):
    """A RIS record, every few of them with a fault the reader must take line by line."""
    record = f"TY  - JOUR\nTI  - Title {i}\nAU  - Smith, John\nPY  - 2020\nER  - \n\n"
    faults = [record, "1.\n" + record, record.replace("ER  - \n", ""), record + "NL  - 12\n\n",
              "\ufeff" + record, "ER  - \n" + record, record.replace("AU  -", "TY  - BOOK\nAU  -"),
              record.replace("PY  - 2020\n", "PY  - 2020\n\nTY  - CHAP\n"), record.replace("\n\n", "\n")]
    return faults[i % len(faults)] if i % 3 == 0 else record


def _odd_medline(i):
    record = f"PMID- {i}\nTI  - Title {i}\n      continued\nFAU - Smith, John\nAU  - Smith J\nDP  - 2020\n\n"
    faults = [record, "stray text\n\n" + record, record.replace(f"PMID- {i}\n", ""),
              record.replace("\n\n", "\n"), record.replace("DP  -", "DP "),
              record.replace("      continued", "not indented"), "\ufeff" + record, "OWN - NLM\n" + record,
              "   \n" + record]
    return faults[i % len(faults)] if i % 3 == 0 else record


def test_jobs_read_odd_tagged_files_as_one_process(tmp_path, monkeypatch):
    """Faults among regular RIS and MEDLINE records, over many small pieces with a line that is not
    UTF-8 (reported once, when decoding reaches it): the output and diagnostics in the same order."""
    import citex.inputs
    monkeypatch.setattr(citex.inputs, "_BLOCK", 4096)  # many pieces: records cut at their ends
    for name, odd in (("odd.ris", _odd_ris), ("odd.nbib", _odd_medline)):
        text = "".join(odd(i) for i in range(600)).encode()
        middle = text.index(b"Title 400")
        (tmp_path / name).write_bytes(text[:middle] + b"Titl\xe9" + text[middle + 5:])
        one = run([tmp_path / name], "bibtex", 1)
        assert one[1][0] >= 550 and any("not-utf8" in line for line in one[2])
        assert run([tmp_path / name], "bibtex", 2) == one


def _in_workers_only(cls):
    class Guarded(cls):
        def __init__(self, *args):
            import os
            assert os.getpid() != _PARENT, "a record's lines were read in the parent"
            super().__init__(*args)
    return Guarded


def _in_workers_only_call(read):
    def guarded(*args):
        import os
        assert os.getpid() != _PARENT, "a record's lines were read in the parent"
        return read(*args)
    return guarded


def test_the_parent_reads_no_line_of_a_regular_record(tmp_path, monkeypatch):
    from citex.readers import medline_reader as medline, ris_lines, ris_reader as ris
    (tmp_path / "in.ris").write_text("".join(_odd_ris(i) for i in range(1, 30, 3)))
    (tmp_path / "in.nbib").write_text("\n" + "".join(_odd_medline(i) for i in range(1, 30, 3)))
    paths = [tmp_path / "in.ris", tmp_path / "in.nbib"]
    one = run(paths, "csljson", 1)
    assert one[1][:3] == (20, 20, 0)
    monkeypatch.setattr(ris_lines, "Block", _in_workers_only(ris_lines.Block))
    monkeypatch.setattr(ris, "regular_entries", _in_workers_only_call(ris.regular_entries))
    monkeypatch.setattr(medline, "Block", _in_workers_only(medline.Block))
    monkeypatch.setattr(medline, "regular_fields", _in_workers_only_call(medline.regular_fields))
    assert run(paths, "csljson", 2) == one


def test_a_record_the_writer_skips_does_not_make_the_parent_build_the_next_ones(tmp_path, monkeypatch):
    """BibTeX skips a record with nothing a style prints: the workers' texts after it were
    rendered as one place further on, which changes nothing but for the first record."""
    rebuilt = []
    real = parallel._again
    monkeypatch.setattr(parallel, "_again", lambda item, *a: (rebuilt.append(item), real(item, *a))[1])
    ris = "".join(f"TY  - JOUR\nAU  - Smith, J\nTI  - Title {i}\nT2  - J Biol\nPY  - 2020\nER  - \n\n"
                  if i != 1 else "TY  - JOUR\nKW  - nothing printed\nER  - \n\n" for i in range(30))
    (tmp_path / "skip.ris").write_text(ris)
    one = run([tmp_path / "skip.ris"], "bibtex", 1)
    assert one[1][:3] == (30, 29, 1)
    assert run([tmp_path / "skip.ris"], "bibtex", 2) == one and not rebuilt
    # the first record skipped: the next one's text lacks its blank line only if built again
    first = "TY  - JOUR\nKW  - nothing printed\nER  - \n\n" + ris.split("\n\n", 1)[1]
    (tmp_path / "first.ris").write_text(first)
    assert run([tmp_path / "first.ris"], "bibtex", 2) == run([tmp_path / "first.ris"], "bibtex", 1)
    assert rebuilt
