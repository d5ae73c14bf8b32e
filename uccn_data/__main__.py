"""The command line: import, undo, history, export, demo and key figures, without the dashboard.

Exit status: 0 done (or valid, with --dry-run); 1 refused for the file's content (or an undo
that would lose later work), nothing written; 2 usage error (unknown table, missing file or
store, unusable or busy store). A user's mistake is always a message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import Store, UndoRefused, default_path
from uccn_data.tables import TABLES, Table, resolve_table

OK, REFUSED, USAGE = 0, 1, 2
# A file with a systematic mistake (every date written 15/04/2023) would print thousands of
# lines; the first ones show the pattern, and the JSON report has them all.
MAX_PRINTED = 50


class UsageError(Exception):
    """A mistake in how the command was called, with its message in both languages."""

    def __init__(self, sv: str, en: str) -> None:
        super().__init__(en)
        self.sv, self.en = sv, en


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: {message}\n")


def _say(lang: str, sv: str, en: str, stream: Any = None) -> None:
    print(en if lang == "en" else sv, file=stream or sys.stdout)


def _table_arg(name: str) -> Table:
    table = resolve_table(name)
    if table is None:
        allowed = ", ".join(f"{t.name} ({t.alias})" for t in TABLES.values())
        raise UsageError(
            f"Okänd tabell '{name}'. Välj en av: {allowed}.",
            f"Unknown table '{name}'. Choose one of: {allowed}.",
        )
    return table


def _existing(store: Store) -> Store:
    """The store, which must exist: a mistyped --db must not quietly start a new one."""
    if not store.exists():
        raise UsageError(
            f"Datalagret {store.path} finns inte. Skapa ett tomt med "
            f"'python -m uccn_data init --db {store.path}' eller bygg demodata med 'demo'.",
            f"The data store {store.path} does not exist. Create an empty one with "
            f"'python -m uccn_data init --db {store.path}' or build the demo data with 'demo'.",
        )
    return store


def cmd_import(args: argparse.Namespace) -> int:
    from uccn_data.importer import import_file

    lang = args.lang
    table = _table_arg(args.table)
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    store = Store(args.db)
    if not args.dry_run:
        _existing(store)
    report = import_file(store, path.read_bytes(), path.name, table.name, dry_run=args.dry_run)
    if args.report == "json":
        print(json.dumps(report.as_dict(lang), ensure_ascii=False, default=str))
        return OK if report.ok else REFUSED
    for problem in report.errors[:MAX_PRINTED]:
        value = f" '{problem.value}'" if problem.value is not None else ""
        print(
            f"{problem.where(lang)}{value}: {problem.message(lang)}",
            file=sys.stderr,
        )
    if len(report.errors) > MAX_PRINTED:
        rest = len(report.errors) - MAX_PRINTED
        _say(
            lang,
            f"… och {rest} fel till (alla finns med --report json).",
            f"… and {rest} more errors (all of them with --report json).",
            sys.stderr,
        )
    for problem in report.warnings:
        where = problem.where(lang)
        _say(
            lang,
            f"Varning, {where}: {problem.message(lang)}",
            f"Warning, {where}: {problem.message(lang)}",
            sys.stderr,
        )
    if not report.ok:
        n = len(report.errors)
        _say(
            lang,
            f"Filen importerades inte: {n} fel. Inget har ändrats.",
            f"The file was not imported: {n} error(s). Nothing has changed.",
            sys.stderr,
        )
        return REFUSED
    if store.exists() and store.is_demo():
        _say(
            lang,
            f"Obs: {store.path} är ett demodatalager. Riktiga data hör hemma i ett eget "
            "(skapa det med 'init --db FIL').",
            f"Note: {store.path} is a demo store. Real data belongs in a store of its own "
            "(create one with 'init --db FILE').",
            sys.stderr,
        )
    r = report.result
    assert r is not None
    if args.dry_run:
        _say(
            lang,
            f"Filen är giltig ({table.name}): {r.inserted} nya, {r.updated} ändrade, "
            f"{r.unchanged} oförändrade rader skulle importeras. Inget har skrivits.",
            f"The file is valid ({table.name}): {r.inserted} new, {r.updated} changed, "
            f"{r.unchanged} unchanged rows would be imported. Nothing was written.",
        )
    else:
        _say(
            lang,
            f"Import {r.import_id} ({table.name}): {r.inserted} nya, {r.updated} ändrade, "
            f"{r.unchanged} oförändrade rader.",
            f"Import {r.import_id} ({table.name}): {r.inserted} new, {r.updated} changed, "
            f"{r.unchanged} unchanged rows.",
        )
    return OK


def cmd_undo(args: argparse.Namespace) -> int:
    store = _existing(Store(args.db))
    if args.import_id not in {h["import_id"] for h in store.history()}:
        raise UsageError(
            f"Import {args.import_id} finns inte i historiken (se 'history').",
            f"Import {args.import_id} is not in the history (see 'history').",
        )
    result = store.undo(args.import_id)
    _say(
        args.lang,
        f"Import {result.import_id} ({result.table}) ångrad: {result.inserted} rader "
        f"borttagna, {result.updated} återställda.",
        f"Import {result.import_id} ({result.table}) undone: {result.inserted} rows removed, "
        f"{result.updated} restored.",
    )
    return OK


def cmd_history(args: argparse.Namespace) -> int:
    rows = _existing(Store(args.db)).history()
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, default=str))
        return OK
    if not rows:
        _say(args.lang, "Inga importer ännu.", "No imports yet.")
        return OK
    undone_word = "undone" if args.lang == "en" else "ångrad"
    for r in rows:
        undone = f"  ({undone_word} {r['undone_at']:%Y-%m-%d %H:%M})" if r["undone_at"] else ""
        print(
            f"{r['import_id']:>5}  {r['imported_at']:%Y-%m-%d %H:%M}  {r['imported_by']:<12} "
            f"{r['table_name']:<18} {r['file_name']:<30} +{r['rows_inserted']} "
            f"~{r['rows_updated']} ={r['rows_unchanged']}{undone}"
        )
    return OK


def cmd_export(args: argparse.Namespace) -> int:
    from uccn_data.export import export_table

    if args.all or args.unmasked:
        return _export_all(args)
    if args.table is None:
        raise UsageError("Ange en tabell eller --all.", "Name a table or --all.")
    table = _table_arg(args.table)
    # The command line runs with the store owner's rights: organisation numbers stay whole
    # so that the exported file round-trips.
    data = export_table(table.name, _existing(Store(args.db)).table(table.name), args.format)
    if args.out:
        Path(args.out).write_bytes(data)
        _say(args.lang, f"Skrev {args.out}.", f"Wrote {args.out}.", sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return OK


def _export_all(args: argparse.Namespace) -> int:
    from uccn_data.reports.open_data import export_all

    if not args.all:
        raise UsageError("--unmasked gäller bara med --all.", "--unmasked only goes with --all.")
    if args.table is not None:
        raise UsageError(
            "Ange en tabell eller --all, inte båda.", "Name a table or --all, not both."
        )
    if not args.out:
        raise UsageError("--all behöver --out MAPP.", "--all needs --out FOLDER.")
    # --all is for publishing: sole traders' numbers are masked unless the owner, who runs
    # the command line, asks for them whole.
    paths = export_all(_existing(Store(args.db)), args.out, mask=not args.unmasked)
    _say(
        args.lang,
        f"Skrev {len(paths)} filer i {args.out}.",
        f"Wrote {len(paths)} files in {args.out}.",
        sys.stderr,
    )
    return OK


def _check_period(store: Store, period_id: str, year: int | None) -> None:
    """The period must be in the store and the year inside it (a usage error otherwise)."""
    periods = {p.period_id: p for p in store.periods()}
    if period_id not in periods:
        raise UsageError(
            f"Okänd avtalsperiod '{period_id}'. Finns: {', '.join(periods)}.",
            f"Unknown agreement period '{period_id}'. Available: {', '.join(periods)}.",
        )
    if year is not None and year not in periods[period_id].years:
        raise UsageError(
            f"År {year} ligger utanför avtalsperioden {period_id}.",
            f"The year {year} is outside the agreement period {period_id}.",
        )


def cmd_report(args: argparse.Namespace) -> int:
    from uccn_data import kpis

    store = _existing(Store(args.db))
    _check_period(store, args.period, args.year)
    if args.format == "docx" and (args.year is not None or args.since is not None):
        raise UsageError(
            "Rapporten till UNESCO gäller en hel avtalsperiod: --year och --since används inte.",
            "The UNESCO monitoring report covers a whole agreement period: --year and --since "
            "do not apply.",
        )
    # The UNESCO report is written in English unless Swedish is asked for; the others in Swedish.
    lang = args.lang or ("en" if args.format == "docx" else "sv")
    filters = kpis.Filters(period=args.period, year=args.year)
    with store.reading() as conn:
        if args.format == "pptx":
            from uccn_data.reports.deck import build_deck

            data = build_deck(conn, filters, lang, args.since)
        elif args.format == "html":
            from uccn_data.reports.html_report import build_html

            data = build_html(conn, filters, lang, args.since).encode("utf-8")
        else:
            from uccn_data.reports.monitoring import build_monitoring_report

            data = build_monitoring_report(conn, args.period, lang)
    Path(args.out).write_bytes(data)
    _say(lang, f"Skrev {args.out}.", f"Wrote {args.out}.", sys.stderr)
    return OK


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None


def cmd_demo(args: argparse.Namespace) -> int:
    from uccn_data.demo import build_demo

    store = Store(args.db)
    counts = build_demo(store, scale=args.scale, force=args.force)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    _say(
        args.lang,
        f"Demodata byggd i {store.path}: {summary}.",
        f"Demo data built in {store.path}: {summary}.",
    )
    return OK


def cmd_init(args: argparse.Namespace) -> int:
    store = Store(args.db)
    existed = store.exists()
    store.initialise()
    if existed:
        _say(
            args.lang,
            f"{store.path} finns redan; schemat är aktuellt.",
            f"{store.path} already exists; its schema is current.",
        )
    else:
        _say(
            args.lang,
            f"Skapade ett tomt datalager: {store.path}.",
            f"Created an empty data store: {store.path}.",
        )
    return OK


def cmd_backup(args: argparse.Namespace) -> int:
    from uccn_data.backup import backup_store

    path = backup_store(_existing(Store(args.db)), args.out)
    _say(args.lang, f"Säkerhetskopia sparad: {path}", f"Backup saved: {path}")
    return OK


def cmd_restore(args: argparse.Namespace) -> int:
    from uccn_data.backup import restore_store

    if not Path(args.file).is_file():
        raise UsageError(f"Filen {args.file} finns inte.", f"The file {args.file} does not exist.")
    store = Store(args.db)
    replaced = restore_store(store, args.file)
    kept_sv = f" Det ersatta datalagret sparades som {replaced}." if replaced else ""
    kept_en = f" The store it replaced was saved as {replaced}." if replaced else ""
    _say(
        args.lang,
        f"{store.path} återställd från {args.file} och kontrollerad: alla tabeller lika.{kept_sv}",
        f"{store.path} restored from {args.file} and checked: every table is the same.{kept_en}",
    )
    return OK


def cmd_kpis(args: argparse.Namespace) -> int:
    from uccn_data import kpis
    from uccn_data.kpi_definitions import KPI_DEFINITIONS

    store = _existing(Store(args.db))
    _check_period(store, args.period, args.year)
    with store.reading() as conn:
        frame = kpis.headline(conn, kpis.Filters(period=args.period, year=args.year))
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    if args.format == "json":
        result = {"period": args.period, "year": args.year, "kpis": records}
        print(json.dumps(result, ensure_ascii=False))
        return OK
    words = {
        "on_track": ("i fas", "on track"),
        "at_risk": ("risk", "at risk"),
        "behind": ("efter", "behind"),
    }
    for r in records:
        definition = KPI_DEFINITIONS[r["kpi"]]
        value = _figure(r["value"], definition.unit, args.lang)
        target = "" if r["target"] is None else _figure(r["target"], definition.unit, args.lang)
        pair = words.get(r["status"] or "")
        status = (pair[1] if args.lang == "en" else pair[0]) if pair else ""
        print(f"{definition.name(args.lang):<58} {value:>16} {target:>16}  {status}")
    return OK


def _figure(value: float | None, unit: str, lang: str) -> str:
    """A key figure as the language writes it: `376 560 kr`, `54 %`, `1,69`."""
    if value is None:
        return "–"
    decimals = 2 if unit == "ratio" else 0
    shown = value * 100 if unit == "share" else value
    text = f"{shown:,.{decimals}f}"
    if lang != "en":
        text = text.replace(",", " ").replace(".", ",")
    if unit == "sek":
        return f"{text} kr" if lang != "en" else f"SEK {text}"
    if unit == "share":
        return f"{text} %" if lang != "en" else f"{text}%"
    return text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m uccn_data", description=__doc__.split("\n")[0])
    common = _Parser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=None, help=f"the store (default: $UCCN_DB or {default_path()})"
    )
    common.add_argument("--lang", choices=("sv", "en"), default="sv", help="language of messages")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("import", parents=[common], help="import a CSV or Excel file into a table")
    p.add_argument(
        "table",
        help="activities, sme_participation, exchanges, spending, staff_time, targets (or the Swedish name)",
    )
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    p.add_argument("--report", choices=("json",), help="print one JSON object")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("undo", parents=[common], help="undo an import")
    p.add_argument("import_id", type=int)
    p.set_defaults(run=cmd_undo)

    p = sub.add_parser("history", parents=[common], help="list imports")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_history)

    p = sub.add_parser("export", parents=[common], help="export a table, or --all as open data")
    p.add_argument("table", nargs="?")
    p.add_argument("--format", choices=("csv", "xlsx", "parquet"), default="csv")
    p.add_argument("--out")
    p.add_argument("--all", action="store_true", help="every table as open data (3 formats)")
    p.add_argument("--unmasked", action="store_true", help="with --all: keep numbers whole")
    p.set_defaults(run=cmd_export)

    # Not `common`: --lang here defaults by format (docx in English), which a shared argument
    # object cannot do without changing every other command's default.
    p = sub.add_parser("report", help="make the slide deck, printable report or UNESCO draft")
    p.add_argument("--db", type=Path, default=None, help="the store (default: $UCCN_DB)")
    p.add_argument("--lang", choices=("sv", "en"), help="sv (default) or en (default for docx)")
    p.add_argument("--format", choices=("pptx", "html", "docx"), required=True)
    p.add_argument("--period", default="2021-2024")
    p.add_argument("--year", type=int)
    p.add_argument("--since", type=_day, help="the previous meeting, YYYY-MM-DD")
    p.add_argument("--out", required=True)
    p.set_defaults(run=cmd_report)

    p = sub.add_parser("demo", parents=[common], help="(re)build the demo store")
    p.add_argument("--scale", type=_positive, default=1, help="multiply the volumes (benchmarks)")
    p.add_argument("--force", action="store_true", help="replace a file that is not a demo store")
    p.set_defaults(run=cmd_demo)

    p = sub.add_parser(
        "init", parents=[common], help="create an empty store (or update its schema)"
    )
    p.set_defaults(run=cmd_init)

    p = sub.add_parser("kpis", parents=[common], help="print the key figures")
    p.add_argument("--period", default="2021-2024")
    p.add_argument("--year", type=int)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_kpis)

    p = sub.add_parser("backup", parents=[common], help="back up the store now")
    p.add_argument("--out", help="the backup file (default: a new file in backups/ beside it)")
    p.set_defaults(run=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="replace the store with a backup")
    p.add_argument("file")
    p.set_defaults(run=cmd_restore)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = args.lang
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except UsageError as exc:
        _say(lang, exc.sv, exc.en, sys.stderr)
    except UndoRefused as exc:
        print(exc.message(lang), file=sys.stderr)
        return REFUSED
    except (StoreBusyError, StoreError) as exc:
        print(exc.message(lang), file=sys.stderr)
    except BrokenPipeError:
        # `history | head` closed the pipe: the reader got what it wanted; not an error.
        sys.stderr.close()
        return OK
    except OSError as exc:
        _say(
            lang,
            f"Filen kan inte läsas eller skrivas: {exc}",
            f"The file cannot be read or written: {exc}",
            sys.stderr,
        )
    return USAGE


if __name__ == "__main__":
    sys.exit(main())
