"""The command line: a thin layer over citex.pipeline. No logic of its own.

Exit codes: 0 every record written, 1 some skipped (or, for check, faults
found), 2 usage errors. Diagnostics and the closing summary go to stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from .errors import CitexError, UsageError
from .safe_output import output, refuse_overwriting_inputs

if TYPE_CHECKING:  # annotations only: ``--help`` starts without the record model
    from .model import Record

FORMATTED = ("text", "html", "markdown", "rtf", "latex")


class _ArgumentParser(argparse.ArgumentParser):
    """Usage errors in one line (exit 2), with the closest names for a mistyped choice."""

    def error(self, message: str) -> NoReturn:
        import difflib
        import re

        hint = ""
        m = re.search(r"invalid choice: '(.*?)' \(choose from (.*)\)", message)
        if m:
            close = difflib.get_close_matches(m.group(1), re.findall(r"'([^']*)'", m.group(2)), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
        self.exit(2, f"{self.prog}: error: {message}{hint} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _ArgumentParser(
        prog="citex", description="Read bibliographic records, repair them, write clean references.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (read recursively)")
        p.add_argument("--from", dest="fmt", metavar="FORMAT", help="input format (default: detected)")
        return p

    conv = command("convert", "Convert records to another format, repairing them on the way.")
    conv.add_argument("--to", required=True, metavar="FORMAT", help="bibtex, ris, csljson, ...")
    conv.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    conv.add_argument("--no-repair", action="store_true", help="write records exactly as read")
    conv.add_argument("--explain", action="store_true", help="print each record's repairs to stderr")
    text = conv.add_mutually_exclusive_group()
    text.add_argument("--ascii", action="store_true", default=None,
                      help="LaTeX commands for non-ASCII characters (default for bibtex)")
    text.add_argument("--no-ascii", "--utf8", dest="ascii", action="store_false",
                      help="keep UTF-8 in .bib output (default for biblatex)")
    conv.add_argument("--key-pattern", metavar="PATTERN",
                      help="citation keys for records without one, e.g. '{auth}{year}{shorttitle}' "
                           "(default '{auth}{year}{title}'; see README)")
    conv.add_argument("--rekey", action="store_true", help="build every key from the pattern, "
                      "replacing the keys the input has")
    conv.add_argument("--ris-dialect", choices=("zotero", "endnote", "refman"),
                      help="RIS tag choices for the program that will read it (default: zotero)")
    conv.add_argument("--jobs", type=_jobs, default="auto", metavar="N",
                      help="spread the work over N processes (output and order unchanged); "
                           "default auto: the machine's cores for inputs of 1 MB or more, else 1")
    conv.add_argument("--template", metavar="FILE.j2",
                      help="render each record with your own jinja2 template (sandboxed; see README)")

    fmt = command("format", "Print a formatted bibliography in a CSL style.")
    fmt.add_argument("--style", default="apa", help="style id, alias or .csl path (default: apa)")
    fmt.add_argument("--to", default="text", choices=FORMATTED, help="output (default: text)")
    fmt.add_argument("--locale", default="en-US", help="CSL locale (default: en-US)")
    fmt.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    fmt.add_argument("--no-repair", action="store_true", help="format records exactly as read")
    fmt.add_argument("--jobs", type=_jobs, default="auto", metavar="N",
                     help="render the entries in N processes (output and order unchanged); "
                          "default auto: the machine's cores for 1,000 entries or more, else 1")
    fmt.add_argument("--citations", metavar="FILE", help="a document's citations, one cluster a line "
                     "(keys separated by commas, or pandoc's [@key, p. 12; @key2]): print the clusters, "
                     "then their bibliography")
    fmt.add_argument("--copy", action="store_true", help="also put the output on the clipboard "
                     "(HTML and RTF as rich text)")

    cit = command("cite", "Print in-text citations in a CSL style: one cluster a line.")
    cit.add_argument("--keys", action="append", required=True, metavar="KEYS",
                     help="one cluster: citation keys, comma-separated, or pandoc's "
                          "'[see @key, p. 12; @key2]'; repeat for more clusters")
    cit.add_argument("--style", default="apa", help="style id, alias or .csl path (default: apa)")
    cit.add_argument("--to", default="text", choices=FORMATTED, help="output (default: text)")
    cit.add_argument("--locale", default="en-US", help="CSL locale (default: en-US)")
    cit.add_argument("--no-repair", action="store_true", help="cite records exactly as read")

    ded = command("dedupe", "Merge duplicate records (systematic reviews) and write the rest; "
                            "PRISMA counts on stderr.")
    ded.add_argument("--to", required=True, metavar="FORMAT", help="bibtex, ris, csljson, ...")
    ded.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    ded.set_defaults(dedupe=True, no_repair=False, explain=False)
    conv.add_argument("--dedupe", action="store_true", help="merge duplicate records (see `citex dedupe`)")
    for p in (conv, ded):
        p.add_argument("--dedupe-threshold", type=float, default=95.0, metavar="SCORE",
                       help="how alike (0-100) two titles must be to be one work (default 95)")
        p.add_argument("--keep-versions", action="store_true",
                       help="also merge a preprint with its published version")

    chk = command("check", "Show what is wrong with each record and what a repair would change.")
    chk.add_argument("--format", dest="output_format", choices=("text", "json"), default="text",
                     help="text lines on stderr, or one JSON object a finding on stdout")
    for p in (conv, fmt, chk, ded, cit):
        _repair_arguments(p)
    for p in (conv, fmt, ded):
        p.add_argument("--strict", action="store_true",
                       help="fail (exit 1, no output written) if any record is skipped or any error is found")
    sub.add_parser("formats", help="List the input and output formats.")
    sty = sub.add_parser("styles", help="List the CSL styles whose id or title holds every word of QUERY.",
                         description="List the CSL styles whose id or title holds every word of QUERY.")
    sty.add_argument("query", nargs="*", metavar="QUERY", help="words to look for (none: every style)")
    sty.add_argument("--locales", action="store_true", help="list the locales for --locale instead")
    return parser


def _positive(text: str) -> int:
    if not text.isdecimal() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _jobs(text: str) -> int | str:
    return text if text == "auto" else _positive(text)


def _rule_ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _repair_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", type=_rule_ids, action="extend", default=[], metavar="IDS",
                   help="only these repair rules and codes (comma-separated id prefixes, e.g. 'doi,title')")
    p.add_argument("--ignore", type=_rule_ids, action="extend", default=[], metavar="IDS",
                   help="not these repair rules and codes (id prefixes)")
    p.add_argument("--min-confidence", type=float, default=None, metavar="X",
                   help="apply only repairs at least this sure (0-1, default 0.9); "
                        "the others are reported as would-fix")


def _repair_options(args: argparse.Namespace) -> dict[str, object]:
    from .pipeline import DEFAULT_MIN_CONFIDENCE

    confidence = DEFAULT_MIN_CONFIDENCE if args.min_confidence is None else args.min_confidence
    return {"select": args.select, "ignore": args.ignore, "min_confidence": confidence}


def _explain(rec: Record) -> None:
    where = rec.source.location()
    if not rec.repairs:
        print(f"{where}: {rec.id}: no repairs", file=sys.stderr)
        return
    print(f"{where}: {rec.id}:", file=sys.stderr)
    for r in rec.repairs:
        after = "(removed)" if r.after is None else repr(_plain(r.after))
        status = "" if r.applied else f"  (not applied: {r.note})"
        print(f"  {r.field}: {_plain(r.before)!r} -> {after}  [{r.rule}]{status}", file=sys.stderr)


def _plain(value: object) -> object:
    if isinstance(value, list):
        return [getattr(v, "to_csl", lambda v=v: v)() for v in value]
    return value


def _diagnostic(d: object) -> None:
    print(d, file=sys.stderr)


def _job_count(jobs: int | str, inputs: list[str]) -> int:
    if jobs != "auto":
        return int(jobs)
    from .parallel import auto_jobs

    return auto_jobs(inputs)


def _run_convert(args: argparse.Namespace, to: str, jobs: int | None = None, **options: object) -> int:
    from .malloc import rare_collections, steady_heap
    from .pipeline import Tally, convert

    steady_heap()  # memory level and few page faults over a long run (see citex.malloc)
    rare_collections()  # and few passes of the garbage collector over records freed already
    tally = Tally(on_diagnostic=_diagnostic)
    on_record: Callable[[Record], None] | None = _explain if getattr(args, "explain", False) else None
    strict = getattr(args, "strict", False)
    refuse_overwriting_inputs(args.inputs, args.output)
    copying = getattr(args, "copy", False)
    with output(args.output, hold=strict) as out:
        if copying:
            from .clipboard import Recording

            out = Recording(out)
        convert(args.inputs, out, to, fmt=args.fmt, repairs=not args.no_repair,
                tally=tally, on_record=on_record, repair_options=_repair_options(args),
                dedupe=_deduper(args) if getattr(args, "dedupe", False) else None,
                jobs=jobs or _job_count(getattr(args, "jobs", 1), args.inputs), **options)
        if strict and (not tally.complete or tally.counts.get("error")):
            print(tally, file=sys.stderr)
            errors = tally.counts.get("error", 0)
            raise CitexError(f"--strict: {errors} error{'s' if errors != 1 else ''}, {tally.skipped} "
                             f"skipped, {len(tally.unread_files)} files not read; no output written",
                             code="strict")
    print(tally, file=sys.stderr)
    if copying:
        from .clipboard import copy

        print(f"citex: {copy(out.getvalue(), to)}", file=sys.stderr)
    return 0 if tally.complete else 1


def _deduper(args: argparse.Namespace) -> Callable[[list[Record]], list[Record]]:
    """Merge duplicates and say which records were merged and why, then the PRISMA counts."""
    from .dedupe import dedupe

    def run(records: list[Record]) -> list[Record]:
        kept, report = dedupe(records, args.dedupe_threshold, args.keep_versions)
        for merge in report.merges:
            dropped = ", ".join(str(r.source.location()) for r in merge.dropped)
            print(f"{merge.kept.source.location()}: info[duplicate]: merged {dropped}: "
                  f"{'; '.join(dict.fromkeys(merge.reasons))}", file=sys.stderr)
        print(f"dedupe: {report.prisma()}", file=sys.stderr)
        return kept

    return run


def _writer_options(args: argparse.Namespace) -> dict[str, object]:
    """The options of ``convert`` that go to the key maker and the writer, when given."""
    options = {"ascii": args.ascii, "key_pattern": args.key_pattern,
               "rekey": args.rekey or None, "template": args.template,
               "ris_dialect": args.ris_dialect}
    if args.template:
        from .registry import WRITERS
        from .writers.templated import TemplatedWriter

        if not issubclass(WRITERS.get(args.to), TemplatedWriter):
            raise UsageError(f"--template: the {args.to} writer does not render through a template")
    return {k: v for k, v in options.items() if v is not None}


def _run_check(args: argparse.Namespace) -> int:
    import json

    from .pipeline import Tally, load, repair, selected
    from .repairs.findings import findings, from_diagnostic

    as_json = args.output_format == "json"

    def show(finding: object) -> None:
        if as_json:
            print(json.dumps(finding.to_json(), ensure_ascii=False), flush=True)
        else:
            print(finding, file=sys.stderr)

    def file_level(d: object) -> None:  # unreadable files and the like, before any record
        if selected(d.code, args.select, args.ignore):
            show(from_diagnostic(d))

    tally = Tally(on_diagnostic=file_level)
    faulty = 0
    for rec in repair(load(args.inputs, args.fmt, tally), **_repair_options(args)):
        found = findings(rec, args.select, args.ignore, proposals_as_repairs=as_json)
        for finding in found:
            show(finding)
        faulty += any(f.is_fault for f in found)
    checked = tally.read - tally.skipped
    print(f"checked {checked} records: {faulty} with faults, {checked - faulty} clean; "
          f"{tally.skipped} unreadable", file=sys.stderr)
    return 1 if faulty or not tally.complete else 0


def _run_formats() -> int:
    from .registry import READERS, WRITERS

    for title, registry in (("readers", READERS), ("writers", WRITERS)):
        print(f"{title}:")
        for entry in registry:
            print(f"  {entry.name:<14} {entry.description}")
    return 0


def _run_format(args: argparse.Namespace) -> int:
    from .csl_jobs import AUTO
    from .csl_locales import canonical_locale

    options: dict[str, object] = {"style": args.style, "locale": canonical_locale(args.locale),
                                  "render_jobs": AUTO if args.jobs == "auto" else args.jobs}
    if args.citations:
        from .citation_syntax import parse_clusters

        try:
            with open(args.citations, encoding="utf-8-sig") as f:
                options["citations"] = parse_clusters(f.read())
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--citations {args.citations}: cannot be read: "
                             f"{getattr(exc, 'strerror', None) or exc}") from None
        if not options["citations"]:
            raise UsageError(f"--citations {args.citations}: no citation keys in it")
        options["citations_file"] = args.citations
    # The records are read and repaired here, in one process: a bibliography needs each one
    # back whole, and unpickling them cost this process what the workers saved it (10,000
    # CSL-JSON records: 0.8 s more, BibTeX and RIS no less). --jobs is the rendering's.
    return _run_convert(args, args.to, jobs=1, **options)


def _run_cite(args: argparse.Namespace) -> int:
    from .citation_syntax import parse_cluster
    from .citations import cite, keyed
    from .csl_locales import canonical_locale
    from .csl_rich import converter
    from .pipeline import Tally, load, repair

    locale = canonical_locale(args.locale)
    tally = Tally(on_diagnostic=_diagnostic)
    records = load(args.inputs, args.fmt, tally)
    if not args.no_repair:
        records = repair(records, **_repair_options(args))
    document = cite(keyed(records), [parse_cluster(keys) for keys in args.keys], args.style, locale)
    lines = [converter(args.to)(cluster) for cluster in document.clusters]
    if args.to == "rtf":  # RTF is only RTF as a whole document
        from .csl_rich import rtf_document

        lines = [rtf_document(lines).rstrip("\n")]
    print("\n".join(lines))
    return 0 if tally.complete else 1


def _run_styles(args: argparse.Namespace) -> int:
    if args.locales:
        from citeproc import LANGUAGE_NAMES

        for code, (native, english) in LANGUAGE_NAMES.items():
            print(f"{code:<12} {english}" + (f" ({native})" if native != english else ""))
        return 0
    from .csl_styles import list_styles

    found = list_styles(" ".join(args.query))
    for style_id, title in found:
        print(f"{style_id:<48} {title}")
    if not found:
        print(f"citex: no style matches '{' '.join(args.query)}'", file=sys.stderr)
    return 0 if found else 1


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # UTF-8 whatever the locale: the output formats are UTF-8
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    try:
        if args.command == "convert":
            return _run_convert(args, args.to, **_writer_options(args))
        if args.command == "format":
            return _run_format(args)
        if args.command == "cite":
            return _run_cite(args)
        if args.command == "styles":
            return _run_styles(args)
        if args.command == "check":
            return _run_check(args)
        if args.command == "dedupe":
            return _run_convert(args, args.to)
        return _run_formats()
    except CitexError as exc:
        print(f"citex: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("citex: interrupted; no output file was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of stdout went away (`| head`): quietly, with no complaint at exit either
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a full disk, a file that vanished: one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"citex: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one line, and the run's output file was not written
        print(f"citex: error: internal error ({type(exc).__name__}: {' '.join(str(exc).split())[:300]}); "
              "please report it", file=sys.stderr)
        return 1


def run() -> None:
    """The command line (``citex``, ``python -m citex``): ``main()``, then an exit that skips the
    interpreter's teardown, once stdout and stderr are flushed: freeing every module, table and
    memo one by one took 13 ms after a 10k-record conversion. Nothing a run leaves needs it: the
    output file is closed and renamed, temporary files are unlinked when made, workers joined."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
