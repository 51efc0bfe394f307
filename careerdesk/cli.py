"""Command-line entry: opens the GUI, or runs a headless command (demo, import, export, check)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from careerdesk import __version__

IMPORT_KINDS = ("linkedin", "vcard", "csv", "json")
EXPORT_KINDS = ("pdf", "vcard", "csv", "ics", "json")
CONTACT_IMPORT_KINDS = ("linkedin", "vcard", "csv")
CONTACT_EXPORT_KINDS = ("vcard", "csv")


class UsageError(Exception):
    """Bad input on the command line: exit 2 with this one-line reason."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1: {text!r}")
    return value


def _mapping(text: str) -> dict[str, str]:
    pairs = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        source, sep, target = part.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise argparse.ArgumentTypeError(f"expected Column=field, got {part!r}")
        pairs[source.strip()] = target.strip()
    return pairs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="careerdesk",
        description="CareerDesk: plan and develop your career, privately.",
    )
    parser.add_argument("--version", action="version", version=f"CareerDesk {__version__}")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--db", type=Path, help="open the GUI on FILE (created if missing)")
    target.add_argument(
        "--demo", action="store_true", help="open the GUI on a fresh copy of the example plan"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation: open the example plan offscreen, visit every tab, "
        "export a PDF, check the database; exit 0 when all works",
    )
    # Benchmarks only (benchmarks/bench_frozen.py): quit right after the first paint.
    parser.add_argument("--quit-after-paint", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def db_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--db", type=Path, required=True, metavar="FILE", help="database file")

    demo = commands.add_parser("demo", help="write the example plan to FILE")
    demo.add_argument("file", type=Path, metavar="FILE")
    demo.add_argument("--scale", type=_positive, default=1, help="N times more goals, steps…")
    demo.add_argument("--contacts", type=_positive, default=None, help="number of contacts")
    demo.add_argument("--today", type=_date, default=None, help="date the plan is relative to")

    imp = commands.add_parser("import", help="import contacts into the database")
    imp.add_argument("kind", choices=IMPORT_KINDS)
    imp.add_argument("source", type=Path, metavar="SRC")
    db_option(imp)
    imp.add_argument(
        "--map", type=_mapping, default=None, help='CSV columns: "First Name=first_name,…"'
    )

    exp = commands.add_parser("export", help="export from the database")
    exp.add_argument("kind", choices=EXPORT_KINDS)
    exp.add_argument("out", type=Path, metavar="OUT")
    db_option(exp)
    # PDF only; checked by run_export_pdf so that a bad value gets one line.
    pdf = exp.add_argument_group("pdf report")
    pdf.add_argument("--from", dest="date_from", metavar="DATE", help="first day shown")
    pdf.add_argument("--to", dest="date_to", metavar="DATE", help="last day shown")
    pdf.add_argument("--sections", metavar="a,b,…", help="sections to print, in any order")
    pdf.add_argument("--timeline", metavar="fit|tile|none", help="timeline mode (fit)")
    pdf.add_argument("--page", metavar="A4|Letter", help="paper size (the locale's)")
    pdf.add_argument("--landscape", action="store_true", help="landscape pages")
    pdf.add_argument("--today", metavar="DATE", help="the date the report is printed for")

    check = commands.add_parser("check", help="integrity check and schema version")
    db_option(check)
    check.add_argument("--full", action="store_true", help="full integrity_check (slower)")

    backup = commands.add_parser("backup", help="back up FILE into backups/ beside it")
    db_option(backup)
    restore = commands.add_parser("restore", help="put BACKUP in place of FILE (backed up first)")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    db_option(restore)
    return parser


def run_demo(args: argparse.Namespace) -> int:
    from careerdesk.core import db, demo

    if args.file.exists():
        raise UsageError(f"{args.file} already exists; demo writes a new file.")
    today = args.today or dt.date.today()
    try:
        with db.opened(args.file):
            summary = demo.write_example_plan(
                today=today, scale=args.scale, contacts=args.contacts
            )
    except BaseException:
        # Nothing half-written stays behind to be refused as "already exists" next time.
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(str(args.file) + suffix).unlink(missing_ok=True)
        raise
    print(f"Wrote the example plan to {args.file}: {summary}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from careerdesk.core import db

    report = db.check_database(args.db)
    if args.full:
        from careerdesk.core import backups

        problems = backups.integrity_problems(args.db)
        if problems:
            raise db.CorruptDatabase(f"{args.db} is damaged: {problems[0]}.")
    print(
        f"{report.path}: schema version {report.schema_version} "
        f"(latest {report.latest_version}): ok"
    )
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from careerdesk.core import backups, db

    db.check_database(args.db)  # never copy a damaged or foreign file as if it were good
    made = backups.make_backup(args.db, "manual")
    print(f"Backed up {args.db} to {made}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from careerdesk.core import backups

    done = backups.restore(args.backup, args.db)
    kept = f"; the file it replaced is kept as {done.kept_current}" if done.kept_current else ""
    print(f"Restored {args.db} from {args.backup}{kept}")
    return 0


def run_json_import(args: argparse.Namespace) -> int:
    from careerdesk.core import db
    from careerdesk.io import json_archive

    archive = json_archive.read_archive(args.source)  # checked before any file is made
    existed = args.db.exists()
    try:
        with db.opened(args.db) as database:
            summary = json_archive.load(database, archive, name=args.source.name)
    except BaseException:
        if not existed:  # nothing half-made stays behind
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(str(args.db) + suffix).unlink(missing_ok=True)
        raise
    print(f"{args.source}: imported {summary}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    if args.kind == "json":
        return run_json_import(args)
    if args.kind not in CONTACT_IMPORT_KINDS:
        raise UsageError(f"importing {args.kind} is not available yet.")
    if not args.source.is_file():
        raise UsageError(f"{args.source} is not a readable file.")
    from careerdesk.core import backups, db
    from careerdesk.io import contact_import

    parsed = contact_import.read_file(args.kind, args.source, args.map)
    with db.opened(args.db):
        preview = contact_import.preview(parsed)
        if preview.new or preview.updates:
            backups.backup_before(args.db, "import")
        contact_import.apply(preview, today=dt.date.today())
    print(f"{args.source}: {preview.summary()}")
    for row in preview.rows:
        if row.status == contact_import.REJECTED:
            print(f"  rejected line {row.line}: {row.reason}", file=sys.stderr)
    return 0


def _option_date(text: str | None, what: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} is not a date (YYYY-MM-DD): {text!r}.") from None


def _report_options(args: argparse.Namespace) -> object:
    from careerdesk.report.pdf import SECTIONS, ReportOptions

    sections = SECTIONS
    if args.sections is not None:
        sections = tuple(s.strip() for s in args.sections.split(",") if s.strip())
    page = {"a4": "A4", "letter": "Letter"}.get((args.page or "").lower(), args.page)
    options = ReportOptions(
        sections=sections,
        date_from=_option_date(args.date_from, "--from"),
        date_to=_option_date(args.date_to, "--to"),
        timeline=args.timeline or "fit",
        page=page,
        landscape=args.landscape,
    )
    try:
        options.check()
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return options


def run_export_pdf(args: argparse.Namespace) -> int:
    options = _report_options(args)
    today = _option_date(args.today, "--today") or dt.date.today()
    from careerdesk.core import db
    from careerdesk.report.pdf import export_pdf

    with db.opened(args.db, create=False):
        count = export_pdf(args.out, options, today=today)
    print(f"Wrote the plan ({count} pages) to {args.out}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    pdf_only = ("date_from", "date_to", "sections", "timeline", "page", "today")
    if args.kind == "pdf":
        return run_export_pdf(args)
    if any(getattr(args, name) is not None for name in pdf_only) or args.landscape:
        raise UsageError("--from, --to, --sections, --timeline, --page, --landscape: pdf only.")
    if args.kind == "ics":
        return run_export_ics(args)
    if args.kind == "json":
        from careerdesk.core import db
        from careerdesk.io import json_archive

        with db.opened(args.db, create=False) as database:
            summary = json_archive.export_archive(database, args.out)
        print(f"Exported {summary} to {args.out}")
        return 0
    if args.kind not in CONTACT_EXPORT_KINDS:
        raise UsageError(f"exporting {args.kind} is not available yet.")
    from careerdesk.core import db
    from careerdesk.io import contact_export

    with db.opened(args.db, create=False):
        count = contact_export.export(args.kind, args.out)
    print(f"Exported {count} contacts to {args.out}")
    return 0


def run_export_ics(args: argparse.Namespace) -> int:
    from careerdesk.core import db
    from careerdesk.io import ics

    with db.opened(args.db, create=False):
        count = ics.export(args.out, dt.date.today())
    print(f"Exported {count} calendar events to {args.out}")
    return 0


def run(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` and run; return the exit code (2 for bad input, with a reason on stderr)."""
    args = build_parser().parse_args(argv)
    handlers = {
        "demo": run_demo,
        "check": run_check,
        "import": run_import,
        "export": run_export,
        "backup": run_backup,
        "restore": run_restore,
    }
    try:
        if args.command:
            return handlers[args.command](args)
        if args.self_test:
            from careerdesk.ui.self_test import run_self_test

            return run_self_test(today=dt.date.today())  # the example plan's day
        return open_gui(args)
    except Exception as exc:  # noqa: BLE001 - sorted below into bad input or a bug
        if not _is_bad_input(exc):
            raise
        print(f"careerdesk: {exc}", file=sys.stderr)
        return 2


def _is_bad_input(exc: Exception) -> bool:
    from careerdesk.core.db import DatabaseError
    from careerdesk.io.contact_record import ImportFileError
    from careerdesk.io.json_archive import ArchiveError

    # ValueError is left out on purpose: it is a bug here, and deserves its traceback.
    return isinstance(exc, UsageError | DatabaseError | OSError | ImportFileError | ArchiveError)


def open_gui(args: argparse.Namespace) -> int:
    from careerdesk import paths
    from careerdesk.app import run_gui

    if args.quit_after_paint:
        from careerdesk.ui.self_test import quit_after_first_paint

        quit_after_first_paint()
    if not args.demo:
        return run_gui(args.db or paths.default_database())
    from careerdesk.core import db, demo

    # A fresh copy each time, gone when the window closes: the demo is for trying things.
    demo.remove_stale_demo_folders(Path(tempfile.gettempdir()))
    with tempfile.TemporaryDirectory(prefix=demo.DEMO_FOLDER_PREFIX) as folder:
        path = Path(folder) / "Example plan.db"
        with db.opened(path):
            demo.write_example_plan(today=dt.date.today())
        return run_gui(path, is_demo=True)


def main() -> None:
    """Console entry point `careerdesk`."""
    sys.exit(run())


def main_gui() -> None:
    """GUI entry point `careerdesk-gui` (no console window on Windows)."""
    sys.exit(run())
