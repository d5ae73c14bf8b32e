"""The command line: import, undo, history, export, demo and key figures, without the dashboard.

Exit status: 0 done (or valid, with --dry-run); 1 refused for the file's content (or an undo
that would lose later work), nothing written; 2 usage error (unknown table, missing file or
store, unusable or busy store). A user's mistake is always a message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from uccn_data import reference as ref
from uccn_data.problems import StoreBusyError, StoreError
from uccn_data.reports.texts import stockholm_time
from uccn_data.store import SCHEMA_VERSION, Store, UndoRefused, current_user, default_path
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
    if store.migrate_if_older():
        print(
            f"Datalagret {store.path} uppdaterades till version {SCHEMA_VERSION} "
            "(en säkerhetskopia togs först). / "
            f"The store was updated to version {SCHEMA_VERSION} (a backup was taken first).",
            file=sys.stderr,
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
        # In Swedish time, as on the pages: the log keeps UTC.
        undone = f"  ({undone_word} {stockholm_time(r['undone_at'])})" if r["undone_at"] else ""
        print(
            f"{r['import_id']:>5}  {stockholm_time(r['imported_at'])}  {r['imported_by']:<12} "
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
            "Rapporten till UNESCO gäller en hel avtalsperiod eller ett rapporteringsfönster "
            "(--period): --year och --since används inte.",
            "The UNESCO monitoring report covers a whole agreement period or reporting window "
            "(--period): --year and --since do not apply.",
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
    """A key figure as the language writes it (`376 560 kr`, `54 %`, `1,69`), and an unknown
    one as `inga uppgifter` / `not reported`: the pages' own formatter."""
    from uccn_data.reports import texts

    # Plain spaces in a terminal: text copied from it should paste as typed.
    return texts.by_unit(unit, value, lang).replace(texts.NBSP, " ")


# --- agreement periods and reporting windows (v2) --------------------------------------------
# The checks are shared with the admin tab of the dashboard's Data page.

PERIOD_ID = re.compile(r"[A-Za-z0-9._-]{1,40}")
PERIOD_KINDS = ("agreement", "reporting")
PERIOD_YEARS = range(2000, 2101)
MAX_SEK_PER_YEAR = 100_000_000  # as for an amount in a file (DATA_CONTRACT, spending)
MAX_NOTE = 500
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class PeriodProblem(NamedTuple):
    """What is wrong with one field of a period, in both languages. `field` is one of
    id, start, end, kind, sek_per_year, staff_share, note_sv, note_en."""

    field: str
    sv: str
    en: str

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.sv


def period_problems(
    period: ref.AgreementPeriod, periods: Sequence[ref.AgreementPeriod]
) -> list[PeriodProblem]:
    """Everything wrong with `period` as a new or replacing entry among `periods` (the store's).

    Whether its id may replace an existing one is the caller's decision (--replace, or the
    dashboard's edit mode)."""
    pid = period.period_id
    problems = _id_problems(pid)
    for field, day in (("start", period.start), ("end", period.end)):
        if day.year not in PERIOD_YEARS:
            problems.append(
                PeriodProblem(
                    field,
                    f"{day} ligger utanför åren 2000–2100.",
                    f"{day} is outside the years 2000–2100.",
                )
            )
    if period.end < period.start:
        problems.append(
            PeriodProblem(
                "end",
                f"slutdatumet {period.end} ligger före startdatumet {period.start}.",
                f"the end {period.end} is before the start {period.start}.",
            )
        )
    if period.kind not in PERIOD_KINDS:
        problems.append(
            PeriodProblem(
                "kind",
                f"'{period.kind}' är ingen sort: välj agreement (avtalsperiod) eller reporting "
                "(rapporteringsfönster).",
                f"'{period.kind}' is not a kind: choose agreement or reporting (a reporting "
                "window).",
            )
        )
    elif period.kind == "agreement":
        problems += _commitment_problems(period)
    else:
        for field, value, sv, en in (
            ("sek_per_year", period.ostersund_sek_per_year, "kronor per år", "SEK per year"),
            ("staff_share", period.staff_share, "andel arbetstid", "staff share"),
        ):
            if value is not None:
                problems.append(
                    PeriodProblem(
                        field,
                        f"ett rapporteringsfönster har inga åtaganden ({sv}); ange det bara "
                        "för en avtalsperiod.",
                        f"a reporting window has no commitments ({en}); give it only for an "
                        "agreement period.",
                    )
                )
        others = [p for p in periods if p.period_id != pid and p.kind == "agreement"]
        replaced = [p for p in periods if p.period_id == pid and p.kind == "agreement"]
        if replaced and not others:
            problems.append(
                PeriodProblem(
                    "kind",
                    f"{pid} är den sista avtalsperioden och kan inte bli ett "
                    "rapporteringsfönster. Lägg först till en annan avtalsperiod.",
                    f"{pid} is the last agreement period and cannot become a reporting "
                    "window. Add another agreement period first.",
                )
            )
    for field, note in (("note_sv", period.note_sv), ("note_en", period.note_en)):
        if len(note) > MAX_NOTE:
            problems.append(
                PeriodProblem(
                    field,
                    f"anteckningen är {len(note)} tecken; högst {MAX_NOTE}.",
                    f"the note is {len(note)} characters; at most {MAX_NOTE}.",
                )
            )
    return problems


def _id_problems(pid: str) -> list[PeriodProblem]:
    if PERIOD_ID.fullmatch(pid):
        return []
    return [
        PeriodProblem(
            "id",
            f"'{pid}' kan inte vara id: 1–40 tecken av A–Z, a–z, 0–9, punkt, understreck "
            "och bindestreck.",
            f"'{pid}' cannot be an id: 1–40 characters of A–Z, a–z, 0–9, dot, underscore "
            "and hyphen.",
        )
    ]


def _commitment_problems(period: ref.AgreementPeriod) -> list[PeriodProblem]:
    problems: list[PeriodProblem] = []
    sek, share = period.ostersund_sek_per_year, period.staff_share
    if sek is None:
        problems.append(
            PeriodProblem(
                "sek_per_year",
                "en avtalsperiod behöver sitt åtagande: Östersunds kommuns kronor per år.",
                "an agreement period needs its commitment: Östersund Municipality's SEK per year.",
            )
        )
    elif not (math.isfinite(sek) and 0 <= sek < MAX_SEK_PER_YEAR):
        problems.append(
            PeriodProblem(
                "sek_per_year",
                "beloppet ska vara minst 0 och under 100 000 000 kr.",
                "the amount must be at least 0 and below SEK 100,000,000.",
            )
        )
    if share is None:
        problems.append(
            PeriodProblem(
                "staff_share",
                "en avtalsperiod behöver sitt åtagande: varje parts arbetstid som andel av "
                "en heltid (0,3 för 30 %).",
                "an agreement period needs its commitment: each party's working time as a "
                "share of one full time (0.3 for 30%).",
            )
        )
    elif not (math.isfinite(share) and 0 <= share <= 1):
        problems.append(
            PeriodProblem(
                "staff_share",
                f"andelen ska vara mellan 0 och 1 (0,3 för 30 %), inte {share:g}.",
                f"the share must be between 0 and 1 (0.3 for 30%), not {share:g}.",
            )
        )
    return problems


def _period_day(text: str, field: str) -> date | PeriodProblem:
    text = text.strip()
    if not _ISO_DAY.fullmatch(text):
        return PeriodProblem(
            field,
            f"'{text}' är inget datum i formen ÅÅÅÅ-MM-DD (t.ex. 2025-01-01).",
            f"'{text}' is not a date in the form YYYY-MM-DD (e.g. 2025-01-01).",
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        return PeriodProblem(
            field, f"datumet {text} finns inte.", f"the date {text} does not exist."
        )


def _period_number(text: str | None, field: str) -> float | PeriodProblem | None:
    """`100000`, `100 000 kr`, `0,3`, `30 %` (a share); None when not given."""
    if text is None:
        return None
    plain = re.sub(r"[\s\u00a0\u202f]", "", text).lower()
    percent = field == "staff_share" and plain.endswith("%")
    plain = plain.removesuffix("%").removesuffix("kr").removesuffix("sek")
    if "," in plain and "." not in plain:
        plain = plain.replace(",", ".")
    try:
        value = float(plain)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        return PeriodProblem(field, f"'{text}' är inget tal.", f"'{text}' is not a number.")
    return value / 100 if percent else value


_FIELD_OPTIONS = {
    "id": "ID",
    "start": "--start",
    "end": "--end",
    "kind": "--kind",
    "sek_per_year": "--sek-per-year",
    "staff_share": "--staff-share",
    "note_sv": "--note-sv",
    "note_en": "--note-en",
}


def _kind_word(period: ref.AgreementPeriod, lang: str) -> str:
    if period.kind == "reporting":
        return "reporting window" if lang == "en" else "rapporteringsfönster"
    return "agreement period" if lang == "en" else "avtalsperiod"


def cmd_period_list(args: argparse.Namespace) -> int:
    periods = _existing(Store(args.db)).periods()
    if args.format == "json":
        rows = [
            {
                "period_id": p.period_id,
                "kind": p.kind,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "ostersund_sek_per_year": p.ostersund_sek_per_year,
                "staff_share": p.staff_share,
                "has_commitments": p.has_commitments,
                "is_example": p.is_example,
                "note_sv": p.note_sv,
                "note_en": p.note_en,
            }
            for p in periods
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return OK
    if not periods:
        _say(args.lang, "Inga avtalsperioder.", "No agreement periods.")
        return OK
    lang = args.lang
    for p in periods:
        if p.kind == "reporting":
            what = (
                "reporting window, no commitments"
                if lang == "en"
                else "rapporteringsfönster, inga åtaganden"
            )
        elif p.ostersund_sek_per_year is None or p.staff_share is None:
            what = "no commitments recorded" if lang == "en" else "inga åtaganden angivna"
        else:
            sek = _figure(p.ostersund_sek_per_year, "sek", lang)
            share = _figure(p.staff_share, "share", lang)
            what = (
                f"Östersund {sek} a year, staff time {share} of a full time per party"
                if lang == "en"
                else f"Östersund {sek} per år, arbetstid {share} av en heltid per part"
            )
        example = (" (example)" if lang == "en" else " (exempel)") if p.is_example else ""
        print(f"{p.period_id:<12} {_kind_word(p, lang):<21} {p.start} – {p.end}  {what}{example}")
    return OK


def _period_from_args(
    args: argparse.Namespace, periods: Sequence[ref.AgreementPeriod]
) -> tuple[ref.AgreementPeriod | None, list[PeriodProblem]]:
    """The period the options describe, or every problem with them at once."""
    problems: list[PeriodProblem] = []
    days: dict[str, date] = {}
    for field, text in (("start", args.start), ("end", args.end)):
        day = _period_day(text, field)
        if isinstance(day, PeriodProblem):
            problems.append(day)
        else:
            days[field] = day
    numbers: dict[str, float | None] = {}
    for field, text in (("sek_per_year", args.sek_per_year), ("staff_share", args.staff_share)):
        number = _period_number(text, field)
        if isinstance(number, PeriodProblem):
            problems.append(number)
        else:
            numbers[field] = number
    if problems:
        return None, _id_problems(args.period_id) + problems
    period = ref.AgreementPeriod(
        args.period_id,
        days["start"],
        days["end"],
        numbers["sek_per_year"],
        numbers["staff_share"],
        bool(args.example),
        args.note_sv or "",
        args.note_en or "",
        args.kind,
    )
    return period, period_problems(period, periods)


def cmd_period_add(args: argparse.Namespace) -> int:
    store = _existing(Store(args.db))
    periods = store.periods()
    period, problems = _period_from_args(args, periods)
    if args.period_id in {p.period_id for p in periods} and not args.replace:
        problems.append(
            PeriodProblem(
                "id",
                f"{args.period_id} finns redan. Ange --replace för att ersätta den.",
                f"{args.period_id} already exists. Give --replace to replace it.",
            )
        )
    if problems or period is None:
        for problem in problems:
            print(f"{_FIELD_OPTIONS[problem.field]}: {problem.message(args.lang)}", file=sys.stderr)
        _say(
            args.lang,
            "Perioden sparades inte. Inget har ändrats.",
            "The period was not saved. Nothing has changed.",
            sys.stderr,
        )
        return REFUSED
    store.save_period(period)
    span = f"{period.start} – {period.end}"
    _say(
        args.lang,
        f"Sparade {_kind_word(period, 'sv')} {period.period_id} ({span}).",
        f"Saved {_kind_word(period, 'en')} {period.period_id} ({span}).",
    )
    return OK


def cmd_period_remove(args: argparse.Namespace) -> int:
    store = _existing(Store(args.db))
    periods = {p.period_id: p for p in store.periods()}
    period = periods.get(args.period_id)
    if period is None:
        raise UsageError(
            f"Okänd period '{args.period_id}'. Finns: {', '.join(periods)}.",
            f"Unknown period '{args.period_id}'. Available: {', '.join(periods)}.",
        )
    agreements = [p for p in periods.values() if p.kind == "agreement"]
    if period.kind == "agreement" and len(agreements) == 1:
        _say(
            args.lang,
            f"{period.period_id} är den sista avtalsperioden och tas inte bort: alla siffror "
            "följs upp mot en avtalsperiod. Lägg först till en annan. Inget har ändrats.",
            f"{period.period_id} is the last agreement period and is not removed: every figure "
            "is followed up against an agreement period. Add another first. Nothing has changed.",
            sys.stderr,
        )
        return REFUSED
    store.remove_period(period.period_id)
    _say(
        args.lang,
        f"Tog bort {_kind_word(period, 'sv')} {period.period_id}.",
        f"Removed {_kind_word(period, 'en')} {period.period_id}.",
    )
    return OK


def _year(text: str) -> int:
    """A calendar year as the argument gives it: four digits, 2000–2099."""
    if not re.fullmatch(r"20\d\d", text.strip()):
        raise argparse.ArgumentTypeError(f"not a year (YYYY, e.g. 2023): {text!r}")
    return int(text)


def cmd_year_list(args: argparse.Namespace) -> int:
    closed = _existing(Store(args.db)).closed_years()
    if args.format == "json":
        rows = [
            {"year": c.year, "closed_by": c.closed_by, "closed_at": c.closed_at.isoformat()}
            for c in closed.values()
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return OK
    if not closed:
        _say(args.lang, "Inga fastställda år.", "No closed years.")
        return OK
    for c in closed.values():
        _say(
            args.lang,
            f"{c.year}  fastställt {c.closed_on()} av {c.closed_by}",
            f"{c.year}  closed {c.closed_on()} by {c.closed_by}",
        )
    return OK


def cmd_year_close(args: argparse.Namespace) -> int:
    store = _existing(Store(args.db))
    try:
        closed = store.close_year(args.year, args.by or current_user())
    except StoreError as exc:
        _say(
            args.lang,
            f"{exc.message('sv')} Inget har ändrats.",
            f"{exc.message('en')} Nothing has changed.",
            sys.stderr,
        )
        return REFUSED
    _say(
        args.lang,
        f"{closed.year} är fastställt (av {closed.closed_by}, {closed.closed_on()}). Importer "
        "och ändringar som rör året nekas tills det öppnas igen.",
        f"{closed.year} is closed (by {closed.closed_by} on {closed.closed_on()}). Imports and "
        "edits that touch the year are refused until it is reopened.",
    )
    return OK


def cmd_year_reopen(args: argparse.Namespace) -> int:
    store = _existing(Store(args.db))
    by = args.by or current_user()
    if not store.reopen_year(args.year, by):
        _say(
            args.lang,
            f"{args.year} är inte fastställt. Inget har ändrats.",
            f"{args.year} is not closed. Nothing has changed.",
            sys.stderr,
        )
        return REFUSED
    _say(
        args.lang,
        f"{args.year} är öppnat igen av {by} (det står i loggen). Siffrorna är preliminära.",
        f"{args.year} was reopened by {by} (this is logged). Its figures are preliminary.",
    )
    return OK


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

    p = sub.add_parser("period", help="list, add or remove agreement periods and reporting windows")
    periods = p.add_subparsers(dest="period_command", required=True, parser_class=_Parser)
    q = periods.add_parser("list", parents=[common], help="every period, oldest first")
    q.add_argument("--format", choices=("text", "json"), default="text")
    q.set_defaults(run=cmd_period_list)
    q = periods.add_parser(
        "add", parents=[common], help="add an agreement period or reporting window"
    )
    q.add_argument("period_id", metavar="ID", help="1-40 of A-Z a-z 0-9 . _ - (e.g. 2025-2028)")
    q.add_argument("--start", required=True, help="YYYY-MM-DD")
    q.add_argument("--end", required=True, help="YYYY-MM-DD")
    q.add_argument("--kind", choices=PERIOD_KINDS, default="agreement")
    q.add_argument(
        "--sek-per-year", help="agreement: Östersund Municipality's SEK a year (e.g. 100000)"
    )
    q.add_argument(
        "--staff-share", help="agreement: each party's share of one full time (e.g. 0.3)"
    )
    q.add_argument("--note-sv", help="a note in Swedish")
    q.add_argument("--note-en", help="a note in English")
    q.add_argument("--example", action="store_true", help="mark it as example data")
    q.add_argument("--replace", action="store_true", help="replace a period with this ID")
    q.set_defaults(run=cmd_period_add)
    q = periods.add_parser(
        "remove", parents=[common], help="remove one (never the last agreement period)"
    )
    q.add_argument("period_id", metavar="ID")
    q.set_defaults(run=cmd_period_remove)

    p = sub.add_parser("year", help="list, close or reopen years (fastställda år)")
    years = p.add_subparsers(dest="year_command", required=True, parser_class=_Parser)
    q = years.add_parser("list", parents=[common], help="the closed years, who and when")
    q.add_argument("--format", choices=("text", "json"), default="text")
    q.set_defaults(run=cmd_year_list)
    for name, run, what in (
        ("close", cmd_year_close, "close a year: its rows can no longer be changed"),
        ("reopen", cmd_year_reopen, "reopen a closed year (logged)"),
    ):
        q = years.add_parser(name, parents=[common], help=what)
        q.add_argument("year", type=_year, metavar="YEAR")
        q.add_argument("--by", help="who (default: $UCCN_USER or the system user)")
        q.set_defaults(run=run)

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
