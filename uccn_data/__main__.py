"""The command line: import, undo, history, export, demo and key figures, without the dashboard.

Exit status: 0 done (or valid, with --dry-run); 1 refused for the file's content, nothing
written; 2 usage error (unknown table, missing file, unusable or busy store). A user's
mistake is always a message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.store import Store, UndoRefused, default_path
from uccn_data.tables import TABLES, resolve_table

OK, REFUSED, USAGE = 0, 1, 2


class UsageError(Exception):
    def __init__(self, sv: str, en: str) -> None:
        super().__init__(en)
        self.sv, self.en = sv, en


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog}: {message}\n")


def _say(lang: str, sv: str, en: str, stream: Any = None) -> None:
    print(en if lang == "en" else sv, file=stream or sys.stdout)


def _table_arg(name: str):  # type: ignore[no-untyped-def]
    table = resolve_table(name)
    if table is None:
        allowed = ", ".join(f"{t.name} ({t.alias})" for t in TABLES.values())
        raise UsageError(
            f"Okänd tabell '{name}'. Välj en av: {allowed}.",
            f"Unknown table '{name}'. Choose one of: {allowed}.",
        )
    return table


def cmd_import(args: argparse.Namespace) -> int:
    from uccn_data.importer import import_file

    table = _table_arg(args.table)
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    data = path.read_bytes()
    report = import_file(
        Store(args.db), data, path.name, table.name, dry_run=args.dry_run, user=None
    )
    if args.report == "json":
        print(json.dumps(report.as_dict(args.lang), ensure_ascii=False, default=str))
        return OK if report.ok else REFUSED
    lang = args.lang
    for problem in report.errors:
        where = _where(problem.row, problem.column, lang)
        value = f" '{problem.value}'" if problem.value is not None else ""
        print(f"{where}{value}: {problem.message(lang)}", file=sys.stderr)
    for problem in report.warnings:
        where = _where(problem.row, problem.column, lang)
        _say(
            lang,
            f"Varning {where}: {problem.message('sv')}",
            f"Warning {where}: {problem.message('en')}",
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
    r = report.result
    assert r is not None
    if args.dry_run:
        _say(
            lang,
            f"Filen är giltig ({table.name}): {r.inserted} nya, {r.updated} ändrade, {r.unchanged} oförändrade rader skulle importeras. Inget har skrivits.",
            f"The file is valid ({table.name}): {r.inserted} new, {r.updated} changed, {r.unchanged} unchanged rows would be imported. Nothing was written.",
        )
    else:
        _say(
            lang,
            f"Import {r.import_id} ({table.name}): {r.inserted} nya, {r.updated} ändrade, {r.unchanged} oförändrade rader.",
            f"Import {r.import_id} ({table.name}): {r.inserted} new, {r.updated} changed, {r.unchanged} unchanged rows.",
        )
    return OK


def _where(row: int | None, column: str | None, lang: str) -> str:
    parts = []
    if row is not None:
        parts.append(f"{'row' if lang == 'en' else 'rad'} {row}")
    if column:
        parts.append(f"{'column' if lang == 'en' else 'kolumn'} {column}")
    return ", ".join(parts) or ("file" if lang == "en" else "filen")


def cmd_undo(args: argparse.Namespace) -> int:
    result = Store(args.db).undo(args.import_id)
    _say(
        args.lang,
        f"Import {result.import_id} ({result.table}) ångrad: {result.inserted} rader borttagna, {result.updated} återställda.",
        f"Import {result.import_id} ({result.table}) undone: {result.inserted} rows removed, {result.updated} restored.",
    )
    return OK


def cmd_history(args: argparse.Namespace) -> int:
    rows = Store(args.db).history()
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, default=str))
        return OK
    if not rows:
        _say(args.lang, "Inga importer ännu.", "No imports yet.")
        return OK
    for r in rows:
        undone = f"  (ångrad {r['undone_at']:%Y-%m-%d %H:%M})" if r["undone_at"] else ""
        print(
            f"{r['import_id']:>5}  {r['imported_at']:%Y-%m-%d %H:%M}  {r['imported_by']:<12} "
            f"{r['table_name']:<18} {r['file_name']:<30} +{r['rows_inserted']} "
            f"~{r['rows_updated']} ={r['rows_unchanged']}{undone}"
        )
    return OK


def cmd_export(args: argparse.Namespace) -> int:
    from uccn_data.export import export_table

    table = _table_arg(args.table)
    # The command line runs with the store owner's rights: organisation numbers stay whole
    # so that the exported file round-trips.
    data = export_table(table.name, Store(args.db).table(table.name), args.format)
    if args.out:
        Path(args.out).write_bytes(data)
        _say(args.lang, f"Skrev {args.out}.", f"Wrote {args.out}.", sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return OK


def cmd_demo(args: argparse.Namespace) -> int:
    from uccn_data.demo import build_demo

    store = Store(args.db)
    counts = build_demo(store, scale=args.scale)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    _say(
        args.lang,
        f"Demodata byggd i {store.path}: {summary}.",
        f"Demo data built in {store.path}: {summary}.",
    )
    return OK


def cmd_kpis(args: argparse.Namespace) -> int:
    from uccn_data import kpis
    from uccn_data.kpi_definitions import KPI_DEFINITIONS

    f = kpis.Filters(period=args.period, year=args.year)
    store = Store(args.db)
    try:
        with store.reading() as conn:
            frame = kpis.headline(conn, f)
    except kpis.UnknownPeriod:
        periods = ", ".join(p.period_id for p in store.periods())
        raise UsageError(
            f"Okänd avtalsperiod '{args.period}'. Finns: {periods}.",
            f"Unknown agreement period '{args.period}'. Available: {periods}.",
        ) from None
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    if args.format == "json":
        print(
            json.dumps(
                {"period": args.period, "year": args.year, "kpis": records}, ensure_ascii=False
            )
        )
        return OK
    for r in records:
        name = KPI_DEFINITIONS[r["kpi"]].name(args.lang)
        value = "–" if r["value"] is None else f"{r['value']:,.2f}".rstrip("0").rstrip(".")
        target = "" if r["target"] is None else f"  / {r['target']:,.2f}".rstrip("0").rstrip(".")
        print(f"{name:<58} {value:>14}{target}")
    return OK


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

    p = sub.add_parser("export", parents=[common], help="export a table")
    p.add_argument("table")
    p.add_argument("--format", choices=("csv", "xlsx", "parquet"), default="csv")
    p.add_argument("--out")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser("demo", parents=[common], help="(re)build the demo store")
    p.add_argument("--scale", type=int, default=1, help="multiply the volumes (benchmarks)")
    p.set_defaults(run=cmd_demo)

    p = sub.add_parser("kpis", parents=[common], help="print the key figures")
    p.add_argument("--period", default="2021-2024")
    p.add_argument("--year", type=int)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_kpis)
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
    except StoreBusyError as exc:
        print(exc.message(lang), file=sys.stderr)
    except StoreError as exc:
        print(exc.message(lang), file=sys.stderr)
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
