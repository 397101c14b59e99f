"""The `contractkit` command: scan contracts, inspect one, or run the demo.

Exit codes: 0 done; 1 an input could not be read (a missing path for every command, and
for `inspect` and `show` any unreadable contract), one line per such input on stderr;
2 usage. `scan` still writes its one result per input, the missing ones as `not_found`
lines, and then exits 1; a batch's other unreadable files (scans without text, corrupt or
encrypted PDFs...) are results with an error code, not failures of the command: exit 0.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from contractkit.errors import ContractKitError
from contractkit.files import atomic_open, atomic_path, first_same_file
from contractkit.ingest import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT, ENGINES
from contractkit.ingest.ocr import DEFAULT_LANG, check_lang
from contractkit.limits import check_seconds
from contractkit.result import ContractResult
from contractkit.safetext import display_name, escape_controls
from contractkit.scan import iter_inputs, iter_scan, scan
from contractkit.scan_output import FORMATS, WRITERS, write_csv, write_jsonl, write_table
from contractkit.store import default_store_path

# the scan's output formats live in `scan_output`; their writers are importable from here too
__all__ = ["FORMATS", "WRITERS", "main", "write_csv", "write_jsonl", "write_table"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.run(args)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="contractkit", description="Find the clauses that matter in supplier contracts."
    )
    commands = parser.add_subparsers(dest="command")

    scan_cmd = commands.add_parser("scan", help="detect clauses; one result per input file")
    scan_cmd.add_argument("paths", nargs="+", help="contract files or folders (recursive)")
    _add_engine(scan_cmd)
    scan_cmd.add_argument("--format", choices=FORMATS, default="jsonl")
    _add_batch_options(scan_cmd)
    scan_cmd.add_argument("--out", help="write here instead of standard output")
    scan_cmd.set_defaults(run=_run_scan)

    review_cmd = commands.add_parser(
        "review", help="findings, licence-audit exposure and cost of gaps; writes a report"
    )
    review_cmd.add_argument("paths", nargs="+", help="contract files or folders (recursive)")
    review_cmd.add_argument("--out", required=True, help="report: .xlsx, .csv, .json or .html")
    review_cmd.add_argument("--playbook", help="shipped playbook name or your playbook YAML")
    review_cmd.add_argument("--contract-type", help="override the detected contract type")
    review_cmd.add_argument("--devices", type=_positive_int, help="devices in the rollout")
    review_cmd.add_argument(
        "--inventory", help="deployment CSV: product,metric,deployed,unit_price"
    )
    review_cmd.add_argument(
        "--entitlements", help="licences CSV: product,metric,licensed,unit_price (else read)"
    )
    review_cmd.add_argument("--audit-costs", type=_amount, default=0.0, help="charged if crossed")
    _add_engine(review_cmd)
    _add_batch_options(review_cmd)
    review_cmd.set_defaults(run=_run_review)

    inspect_cmd = commands.add_parser("inspect", help="show one contract's pages and outline")
    inspect_cmd.add_argument("path")
    _add_engine(inspect_cmd)
    inspect_cmd.set_defaults(run=_run_inspect)

    show_cmd = commands.add_parser("show", help="draw a detected clause on its page (PNG)")
    show_cmd.add_argument("path")
    show_cmd.add_argument("--type", required=True, help="clause type id, e.g. sla")
    show_cmd.add_argument("--out", required=True, help="PNG file to write")
    show_cmd.add_argument("--resolution", type=_positive_int, default=100)
    _add_engine(show_cmd)
    show_cmd.set_defaults(run=_run_show)

    calendar_cmd = commands.add_parser(
        "calendar", help="a portfolio's deadlines by date: a table, or .ics, .csv or .xlsx"
    )
    calendar_cmd.add_argument("paths", nargs="+", help="contract files or folders (recursive)")
    calendar_cmd.add_argument(
        "--as-of", type=_iso_date, help="the day to count from, YYYY-MM-DD (default: today)"
    )
    calendar_cmd.add_argument(
        "--within", type=_positive_int, metavar="DAYS", help="only deadlines in the next DAYS"
    )
    calendar_cmd.add_argument("--out", help="write the calendar: .ics, .csv or .xlsx")
    _add_engine(calendar_cmd)
    _add_batch_options(calendar_cmd)
    calendar_cmd.set_defaults(run=_run_calendar)

    demo_cmd = commands.add_parser("demo", help="scan the sample contracts and show a summary")
    demo_cmd.add_argument("folder", nargs="?", default="sample_contracts")
    _add_engine(demo_cmd)
    demo_cmd.set_defaults(run=_run_demo)
    return parser


def _add_engine(command: argparse.ArgumentParser) -> None:
    """The reading options every command takes: PDF engine and OCR of scanned pages."""
    command.add_argument("--engine", choices=ENGINES, default="pdfplumber")
    command.add_argument(
        "--ocr-lang",
        type=check_lang,
        default=DEFAULT_LANG,
        help="Tesseract languages for scanned pages, e.g. eng+deu (default %(default)s)",
    )
    command.add_argument(
        "--no-ocr", dest="ocr", action="store_false", help="do not OCR scanned pages"
    )


def _load_options(args: argparse.Namespace) -> dict:
    return {"ocr": args.ocr, "ocr_lang": args.ocr_lang}


def _add_batch_options(command: argparse.ArgumentParser) -> None:
    """Workers, per-document limits and the result store, for the commands that batch."""
    command.add_argument(
        "--workers", type=_positive_int, help="worker processes (default: all cores)"
    )
    command.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="read the files on a Dask cluster: its scheduler (tcp://HOST:8786), or 'local'"
        " for a cluster of --workers processes on this machine (see README)",
    )
    command.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        help="seconds per document before its worker is killed (default %(default)g)",
    )
    command.add_argument(
        "--max-pages",
        type=_positive_int,
        default=DEFAULT_MAX_PAGES,
        help="longer documents are not read: too_large (default %(default)s)",
    )
    command.add_argument(
        "--cache",
        type=Path,
        default=default_store_path(),
        help="result store: unchanged files are not read again (default %(default)s)",
    )
    command.add_argument(
        "--no-cache", dest="cache", action="store_const", const=None, help="read every file"
    )


def _batch_options(args: argparse.Namespace) -> dict:
    return {
        "workers": args.workers,
        "scheduler": args.scheduler,
        "timeout": args.timeout,
        "max_pages": args.max_pages,
        "cache": args.cache,
        **_load_options(args),
    }


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _seconds(value: str) -> float:
    """A time limit: a finite number of seconds above 0 (`nan` would switch it off)."""
    try:
        return check_seconds(float(value))
    except ValueError:
        raise argparse.ArgumentTypeError("must be a finite number of seconds above 0") from None


def _amount(value: str) -> float:
    """A money amount: a finite number, 0 or more."""
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise argparse.ArgumentTypeError("must be a finite amount, 0 or more")
    return number


def _unreadable(command: str, path: str, error: ContractKitError) -> int:
    """One line on stderr for an input that could not be read; the exit code 1."""
    name = display_name(path)
    if error.code == "not_found":
        print(f"contractkit {command}: {name}: no such file or folder", file=sys.stderr)
    else:
        message = escape_controls(error.message)
        print(f"contractkit {command}: {name}: {error.code}: {message}", file=sys.stderr)
    return 1


def _missing(command: str, paths: Iterable[str]) -> int:
    """0 when every path exists, else one stderr line per missing path and 1."""
    missing = [p for p in paths if not os.path.exists(p)]
    for path in missing:
        print(
            f"contractkit {command}: {display_name(path)}: no such file or folder",
            file=sys.stderr,
        )
    return 1 if missing else 0


def _overwrites_input(command: str, out: str, inputs: Iterable[str]) -> int:
    """2 (after one stderr line) when writing `out` would destroy one of `inputs` (the
    same file by another name or link included), else 0: checked before anything is read."""
    clash = first_same_file(out, inputs)
    if clash is None:
        return 0
    print(
        f"contractkit {command}: --out {display_name(out)} is the input {display_name(clash)};"
        " writing it would destroy it: choose another output file",
        file=sys.stderr,
    )
    return 2


# -- scan ---------------------------------------------------------------------------


def _run_scan(args: argparse.Namespace) -> int:
    """Every input gets its result line; exit 1 (after them all) when an input is missing."""
    if args.out and _overwrites_input(
        "scan", args.out, [*iter_inputs(args.paths), *([args.cache] if args.cache else [])]
    ):
        return 2
    progress = _Progress(sys.stderr) if sys.stderr.isatty() else None
    results = iter_scan(args.paths, engine=args.engine, progress=progress, **_batch_options(args))
    missing: list[str] = []

    def noted(results: Iterable[ContractResult]) -> Iterable[ContractResult]:
        for result in results:
            if result.error and result.error.code == "not_found":
                missing.append(result.file)
            yield result

    if args.out:  # written whole, once every result is in (a failed scan leaves no half)
        with atomic_open(args.out, "w", newline="", encoding="utf-8") as out:
            WRITERS[args.format](noted(results), out)
    else:
        WRITERS[args.format](noted(results), sys.stdout)
    return _missing("scan", missing)


class _Progress:
    """The scan's progress bar on stderr (tqdm), fed by `iter_scan`'s callback: files done
    of all, the last file's name (terminal escapes shown, never obeyed)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: tqdm | None = None

    def __call__(self, done: int, total: int, result: ContractResult) -> None:
        if self.bar is None:
            self.bar = tqdm(total=total, file=self.stream, unit="file", dynamic_ncols=True)
        self.bar.set_postfix_str(display_name(os.path.basename(result.file))[:40], refresh=False)
        self.bar.update(done - self.bar.n)
        if done == total:
            self.bar.close()


# -- review ---------------------------------------------------------------------------


def _run_review(args: argparse.Namespace) -> int:
    """Exit 0 when the run completes (bad contracts are rows, not failures), 1 without
    reading anything when an input path is missing, 2 on usage."""
    from contractkit.portfolio import review
    from contractkit.report import FORMATS, write_report
    from contractkit.review import CONTRACT_TYPES, PlaybookError

    problem = None
    inputs = [
        *iter_inputs(args.paths),
        args.inventory,
        args.entitlements,
        args.playbook,
        args.cache,
    ]
    if _overwrites_input("review", args.out, [p for p in inputs if p]):
        return 2
    if not args.out.lower().endswith(FORMATS):
        problem = f"--out {args.out}: use one of {', '.join(FORMATS)}"
    elif args.contract_type and args.contract_type not in CONTRACT_TYPES:
        problem = f"--contract-type {args.contract_type}: use one of {', '.join(CONTRACT_TYPES)}"
    for option in ("inventory", "entitlements"):
        value = getattr(args, option)
        if value and not os.path.isfile(value):
            what = "not a regular file" if os.path.exists(value) else "no such file"
            problem = f"--{option} {value}: {what}"
    if problem:
        print(f"contractkit review: {problem}", file=sys.stderr)
        return 2
    if _missing("review", args.paths):
        return 1
    try:
        result = review(
            args.paths,
            playbook=args.playbook,
            contract_type=args.contract_type,
            devices=args.devices,
            inventory=args.inventory,
            entitlements=args.entitlements,
            audit_costs=args.audit_costs,
            engine=args.engine,
            **_batch_options(args),
        )
    except (PlaybookError, ValueError) as error:
        print(f"contractkit review: {escape_controls(error)}", file=sys.stderr)
        return 2
    path = write_report(result, args.out)
    contracts = result.contracts
    print(
        f"{display_name(path)}: {len(contracts)} contracts, {len(result.findings)} findings"
        f" ({int(contracts['high'].sum())} high)"
    )
    return 0


# -- calendar -------------------------------------------------------------------------


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a date YYYY-MM-DD") from None


def _run_calendar(args: argparse.Namespace) -> int:
    """The deadlines from --as-of on (within --within days), sorted by date: a table on
    stdout, or a file. Exit 1 without reading anything when an input path is missing, 2 on
    usage (an --out that is neither .ics, .csv nor .xlsx, or one of the inputs)."""
    from contractkit.calendar import FORMATS, calendar_entries, format_table, write_calendar

    if args.out and not args.out.lower().endswith(FORMATS):
        print(f"contractkit calendar: --out {display_name(args.out)}: use one of "
              f"{', '.join(FORMATS)}", file=sys.stderr)  # fmt: skip
        return 2
    inputs = [*iter_inputs(args.paths), *([args.cache] if args.cache else [])]
    if args.out and _overwrites_input("calendar", args.out, inputs):
        return 2
    if _missing("calendar", args.paths):
        return 1
    as_of = args.as_of or date.today()
    results = scan(args.paths, engine=args.engine, as_of=as_of, **_batch_options(args))
    entries = calendar_entries(results, as_of=as_of, within=args.within)
    if not args.out:
        print(format_table(entries))
        return 0
    path = write_calendar(entries, args.out)
    dated = sum(e.date is not None for e in entries)
    print(
        f"{display_name(path)}: {dated} deadlines from {as_of}, "
        f"{len(entries) - dated} to check (no date)"
    )
    return 0


# -- inspect and demo -----------------------------------------------------------------


def _run_inspect(args: argparse.Namespace) -> int:
    from contractkit.ingest import load
    from contractkit.segment import segment

    try:
        document = load(args.path, engine=args.engine, **_load_options(args))
    except ContractKitError as error:
        return _unreadable("inspect", args.path, error)
    # Contract text is untrusted: what a terminal would obey (ESC, U+202E) is shown escaped.
    print(f"{display_name(args.path)}: {document.page_count} pages, engine {document.engine}")
    for warning in document.warnings:
        print(f"  warning: {escape_controls(warning)}")
    for clause in segment(document).clauses:
        page = document.page_of(clause.start)
        where = f"p.{page}" if page else "   "
        path = escape_controls(" > ".join(clause.heading_path) or "(preamble)")
        text = escape_controls(" ".join(clause.text.split()))
        print(f"  {where:>5}  {path[:70]:<70}  {text[:60]}")
    return 0


def _run_show(args: argparse.Namespace) -> int:
    """Render the page of the best-scored clause of `--type` with its boxes drawn."""
    from contractkit.ingest import load
    from contractkit.nlp import detect
    from contractkit.render import draw_boxes

    if _overwrites_input("show", args.out, [args.path]):
        return 2
    try:
        document = load(args.path, engine=args.engine, **_load_options(args))
    except ContractKitError as error:
        return _unreadable("show", args.path, error)
    hits = [hit for hit in detect(document).clauses if hit.type == args.type and hit.boxes]
    if not hits:
        print(f"{display_name(args.path)}: no {args.type} clause found", file=sys.stderr)
        return 1
    best = max(hits, key=lambda hit: hit.score)
    page = best.boxes[0].page
    try:  # a page too large to draw even at the lowest resolution is TooLarge
        image = draw_boxes(document.to_image(page, resolution=args.resolution), best.boxes)
    except ContractKitError as error:
        return _unreadable("show", args.path, error)
    try:
        with atomic_path(args.out) as temporary:
            image.save(temporary, format="PNG")
    except OSError as error:
        reason = error.strerror or error
        print(f"contractkit show: {display_name(args.out)}: {reason}", file=sys.stderr)
        return 1
    explanation = escape_controls(best.explanation)
    print(
        f"{display_name(args.out)}: page {page}, {args.type} (score {best.score:.2f}):"
        f" {explanation}"
    )
    return 0


def _run_demo(args: argparse.Namespace) -> int:
    if not os.path.exists(args.folder):
        print(
            f"contractkit demo: {args.folder}: no such folder"
            " (run it in the repository, or name a FOLDER of contracts)",
            file=sys.stderr,
        )
        return 1
    print(f"Scanning {args.folder} with the {args.engine} engine…\n")
    results = scan([args.folder], engine=args.engine, **_load_options(args))
    write_table(results, sys.stdout)
    ok = sum(r.ok for r in results)
    print(f"\n{len(results)} files: {ok} read, {len(results) - ok} with a typed error.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
