"""The DuckDB store: one file, schema migrations, all-or-nothing imports, the log and undo.

DuckDB lets one process write a file at a time, and a process that holds a connection open
blocks every other process. So every operation opens a short-lived connection, and a busy
store is retried for a bounded time before the user is told "busy, try again".
"""

from __future__ import annotations

import contextlib
import getpass
import itertools
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from uccn_data import reference as ref
from uccn_data import snapshots
from uccn_data.problems import Problem, StoreBusyError, StoreError, UccnDataError
from uccn_data.reports.texts import local_time
from uccn_data.tables import TABLES, Table

if TYPE_CHECKING:
    # Only the Data page checks files: pandera and the reader stay out of every other page's
    # first run (issue 16).
    from uccn_data.validation import CheckedFile

DEFAULT_PATH = Path("data/uccn.duckdb")
# No extension may be fetched from the internet, ever: municipal networks are closed and
# nothing may leave the machine. What the store needs is built into the duckdb wheel.
CONNECT_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}
SQL_DIR = resources.files("uccn_data") / "sql"


def default_path() -> Path:
    """The store the user means: `UCCN_DB` if set, else data/uccn.duckdb."""
    return Path(os.environ.get("UCCN_DB") or DEFAULT_PATH)


def sql(name: str) -> str:
    """The text of one SQL file under uccn_data/sql/."""
    return (SQL_DIR / name).read_text(encoding="utf-8")


def _migrations() -> list[tuple[int, str]]:
    folder = SQL_DIR / "migrations"
    found = [
        (int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    ]
    return sorted(found)


SCHEMA_VERSION = max(v for v, _ in _migrations())


@dataclass(frozen=True)
class ClosedYear:
    """A year an admin has closed (fastställt): its figures are final."""

    year: int
    closed_by: str
    closed_at: datetime  # when, with its time zone (UTC as the store logs it)

    def closed_on(self) -> str:
        """The day it was closed, in Swedish time: `2025-02-14`."""
        return f"{local_time(self.closed_at):%Y-%m-%d}"


class YearClosed(UccnDataError):
    """An import would insert, change or replace rows dated in a closed year; nothing was
    written. One `year_closed` problem per row of the file."""


# The year a row of each table is dated in (the column a refusal names), what closing a
# year protects, as SQL over a row's alias `{r}`. An SME's participation is dated by its
# activity; an outcome without a date belongs to no year.
ROW_YEAR = {
    "activities": ("start_date", "year({r}.start_date)"),
    "sme_participation": (
        "activity_id",
        "(select year(a.start_date) from activities a where a.activity_id = {r}.activity_id)",
    ),
    "exchanges": ("date", "year({r}.date)"),
    "spending": ("date", "year({r}.date)"),
    "staff_time": ("month", "year({r}.month)"),
    "targets": ("year", "{r}.year"),
    "outcomes": ("date", "year({r}.date)"),
    # A comment on a whole period (no year) belongs to no one year.
    "comments": ("year", "{r}.year"),
}


@dataclass(frozen=True)
class Deadline:
    """A date in the reporting calendar: the figures of `year` are due on `due`."""

    deadline_id: str
    due: date
    year: int
    title_sv: str
    title_en: str = ""

    def title(self, lang: str) -> str:
        """The title in `lang`; the Swedish one when there is no English."""
        return self.title_en if lang == "en" and self.title_en else self.title_sv


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    import_id: int | None
    table: str
    inserted: int
    updated: int
    unchanged: int
    deleted: int = 0


class UndoRefused(StoreError):
    """An undo that would lose or break data: the message says which import to undo first."""


class DeleteRefused(StoreError):
    """A deletion that is not allowed or finds nothing: the message says why; nothing was
    written."""


# Threads of one process (two coordinators in the dashboard) share one open database, where
# DuckDB would run their imports side by side and let them conflict; they take turns instead,
# as separate processes must.
_WRITER_LOCKS: dict[Path, threading.RLock] = {}
_WRITER_LOCKS_GUARD = threading.Lock()
# Threads that open and close connections to one file at the same moment race in DuckDB's
# shared database cache ("Table Function with name python_arrow_scan does not exist"), so
# opening and closing take turns too; both are quick.
_OPENING = threading.Lock()


def _writer_lock(path: Path) -> threading.RLock:
    with _WRITER_LOCKS_GUARD:
        return _WRITER_LOCKS.setdefault(path.resolve(), threading.RLock())


# Connections opened by `Store.reading`, each with the version of the store it was opened on
# (`_file_version`): nothing can change what a read-only connection reads while it is open,
# so readers such as the KPI queries may keep what they read under that version and hand it
# to the next connection on the same version (another page, the other language, another
# visitor).
READ_ONLY: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, tuple[Any, ...]] = (
    weakref.WeakKeyDictionary()
)
# Counts this process's writes, so that two writes within one tick of the file clock (same
# modification time and size: DuckDB grows its file in whole blocks) still differ.
_WRITES = itertools.count(1)
_written = 0


def _file_version(path: Path) -> tuple[Any, ...]:
    """The store file's version as this process can tell it: the path, this process's write
    count, and the inode, modification time and size of the file and its write-ahead log (a
    write from another process, or a restore, changes them). Taken *before* a reading
    connection opens, so what it reads is never older than its version."""

    def stat(p: Path) -> tuple[int, int, int]:
        try:
            s = os.stat(p)
        except FileNotFoundError:
            return (0, 0, 0)
        return (s.st_ino, s.st_mtime_ns, s.st_size)  # a restored store is a new file

    return (str(path.resolve()), _written, *stat(path), *stat(Path(f"{path}.wal")))


def _count_write() -> None:
    global _written
    _written = next(_WRITES)


def _close(conn: duckdb.DuckDBPyConnection) -> None:
    with _OPENING:
        conn.close()


def _setting_on(conn: duckdb.DuckDBPyConnection, key: str, default: str | None) -> str | None:
    rows = conn.execute("select value from settings where key = ?", [key]).fetchall()
    return str(rows[0][0]) if rows else default


def _is_demo_on(conn: duckdb.DuckDBPyConnection) -> bool:
    return _setting_on(conn, "is_demo", "false") == "true"


def _last_import_on(conn: duckdb.DuckDBPyConnection) -> Any:
    row = conn.execute("select max(imported_at) from import_log where undone_at is null").fetchall()
    return row[0][0] if row else None


def _is_busy(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() or "different configuration" in text


class Store:
    """The store at `path`. Cheap to create; every method opens and closes its connection."""

    def __init__(self, path: str | Path | None = None, busy_timeout: float = 10.0) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.busy_timeout = busy_timeout

    # --- connections ---------------------------------------------------------------------

    def exists(self) -> bool:
        return self.path.is_file()

    def _connect(self, read_only: bool, create: bool = False) -> duckdb.DuckDBPyConnection:
        if not create and not self.exists():
            raise StoreError(
                f"Datalagret {self.path} finns inte ännu. Bygg demodata med "
                "'python -m uccn_data demo' eller importera en fil.",
                f"The data store {self.path} does not exist yet. Build the demo data with "
                "'python -m uccn_data demo' or import a file.",
            )
        deadline = time.monotonic() + self.busy_timeout
        pause = 0.02
        while True:
            try:
                with _OPENING:
                    return duckdb.connect(
                        str(self.path), read_only=read_only, config=CONNECT_CONFIG
                    )
            except (duckdb.IOException, duckdb.ConnectionException) as exc:
                if not _is_busy(exc):
                    raise StoreError(
                        f"Datalagret {self.path} kan inte öppnas: {exc}",
                        f"The data store {self.path} cannot be opened: {exc}",
                    ) from None
                if time.monotonic() >= deadline:
                    raise StoreBusyError(str(exc)) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
            except duckdb.Error as exc:
                raise StoreError(
                    f"Filen {self.path} är inte ett giltigt datalager: {exc}",
                    f"The file {self.path} is not a valid data store: {exc}",
                ) from None

    @contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection, closed on exit so that writers are not blocked."""
        version = _file_version(self.path)
        conn = self._connect(read_only=True)
        READ_ONLY[conn] = version
        try:
            yield conn
        except duckdb.CatalogException as exc:
            raise _not_a_store(self.path, exc) from None
        finally:
            _close(conn)

    @contextmanager
    def writing(self, create: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection in one transaction: committed on success, else rolled back.

        Only `initialise` creates a store; anything else on a missing file is a message.
        """
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = _writer_lock(self.path)
        if not lock.acquire(timeout=self.busy_timeout):
            raise StoreBusyError(f"{self.path} is being written by another thread")
        # Counted before and after: a reader that took its version during the write (before
        # or after the commit) never shares it with one that comes after.
        _count_write()
        try:
            conn = self._connect(read_only=False, create=create)
        except BaseException:
            _count_write()
            lock.release()
            raise
        try:
            conn.execute("begin transaction")
            yield conn
            conn.execute("commit")
        except BaseException as exc:
            # A commit that failed has already rolled back; a second rollback would hide why.
            with contextlib.suppress(duckdb.Error):
                conn.execute("rollback")
            if isinstance(exc, duckdb.CatalogException):
                raise _not_a_store(self.path, exc) from None
            raise
        finally:
            _close(conn)
            _count_write()
            lock.release()

    # --- schema --------------------------------------------------------------------------

    def initialise(self) -> None:
        """Create the store or bring it to the current schema; seed the 2021–2024 agreement.

        An existing store from an earlier version is backed up before it is migrated."""
        with self.writing(create=True) as conn:
            if 0 < _version(conn) < SCHEMA_VERSION:
                _backup_before_writing(conn, self.path)
            _migrate(conn)

    def migrate_if_older(self) -> bool:
        """Bring a store made by an earlier version of the program up to this one, once,
        with a backup first (DATA_CONTRACT: a version 1 store migrates in place and keeps
        every row, import log entry and undo). True when it migrated."""
        if not self.exists() or self.schema_version() >= SCHEMA_VERSION:
            return False
        with self.writing() as conn:
            if _version(conn) >= SCHEMA_VERSION:
                return False  # another process migrated it in the meantime
            _backup_before_writing(conn, self.path)
            _migrate(conn)
        return True

    def schema_version(self) -> int:
        with self.reading() as conn:
            row = conn.execute("select max(version) from schema_version").fetchall()[0]
            return int(row[0]) if row and row[0] is not None else 0

    # --- settings and periods ------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self.reading() as conn:
            return _setting_on(conn, key, default)

    def set_setting(self, key: str, value: str) -> None:
        with self.writing() as conn:
            conn.execute("insert or replace into settings values (?, ?)", [key, value])

    def is_demo(self) -> bool:
        with self.reading() as conn:
            return _is_demo_on(conn)

    def full_time_hours(self) -> float:
        return float(self.setting("full_time_hours", str(ref.DEFAULT_FULL_TIME_HOURS)) or 0)

    def periods(self) -> list[ref.AgreementPeriod]:
        with self.reading() as conn:
            return periods_on(conn)

    def save_period(self, period: ref.AgreementPeriod) -> None:
        with self.writing() as conn:
            _save_period(conn, period)

    def remove_period(self, period_id: str) -> bool:
        """Remove an agreement period or reporting window; False if there is none by that id.

        The last agreement period is never removed: every figure is measured against one."""
        with self.writing() as conn:
            rows = conn.execute(
                "select period_id, coalesce(kind, 'agreement') from agreement_periods"
            ).fetchall()
            kinds = dict(rows)
            if period_id not in kinds:
                return False
            if kinds[period_id] == "agreement" and list(kinds.values()).count("agreement") == 1:
                raise StoreError(
                    f"{period_id} är den sista avtalsperioden och kan inte tas bort.",
                    f"{period_id} is the last agreement period and cannot be removed.",
                )
            conn.execute("delete from agreement_periods where period_id = ?", [period_id])
        return True

    # --- closed years (fastställda år) ----------------------------------------------------

    def closed_years(self) -> dict[int, ClosedYear]:
        """The closed years, by year."""
        with self.reading() as conn:
            return closed_years_on(conn)

    def close_year(self, year: int, by: str) -> ClosedYear:
        """Close `year` (who closed it is kept with the moment). StoreError if already closed."""
        with self.writing() as conn:
            found = closed_years_on(conn).get(year)
            if found is not None:
                raise StoreError(
                    f"{year} är redan fastställt (av {found.closed_by}, {found.closed_on()}).",
                    f"{year} is already closed (by {found.closed_by} on {found.closed_on()}).",
                )
            conn.execute("insert into closed_years values (?, now(), ?)", [year, by])
            conn.execute("insert into year_log values (now(), ?, 'close', ?)", [year, by])
            return closed_years_on(conn)[year]

    def reopen_year(self, year: int, by: str) -> bool:
        """Reopen a closed year, logged; False if `year` was not closed."""
        with self.writing() as conn:
            if year not in closed_years_on(conn):
                return False
            conn.execute("delete from closed_years where year = ?", [year])
            conn.execute("insert into year_log values (now(), ?, 'reopen', ?)", [year, by])
        return True

    def year_log(self) -> list[dict[str, Any]]:
        """Every close and reopen, newest first: `at`, `year`, `action` (close/reopen), `by`."""
        with self.reading() as conn:
            rows = conn.execute(
                "select logged_at, year, action, by_whom from year_log "
                "order by logged_at desc, rowid desc"
            ).fetchall()
        return [{"at": r[0], "year": int(r[1]), "action": r[2], "by": r[3]} for r in rows]

    # --- the reporting calendar -----------------------------------------------------------

    def deadlines(self) -> list[Deadline]:
        """Every deadline, the earliest first."""
        with self.reading() as conn:
            return deadlines_on(conn)

    def save_deadline(self, deadline: Deadline) -> None:
        """Add a deadline, or replace the one with its id."""
        with self.writing() as conn:
            conn.execute(
                "insert or replace into reporting_deadlines values (?, ?, ?, ?, ?)",
                [
                    deadline.deadline_id,
                    deadline.due,
                    deadline.year,
                    deadline.title_sv,
                    deadline.title_en or None,
                ],
            )

    def remove_deadline(self, deadline_id: str) -> bool:
        """Remove a deadline; False if there is none by that id."""
        with self.writing() as conn:
            found = conn.execute(
                "delete from reporting_deadlines where deadline_id = ? returning 1",
                [deadline_id],
            ).fetchall()
        return bool(found)

    # --- reading data --------------------------------------------------------------------

    def activity_ids(self) -> set[str]:
        with self.reading() as conn:
            return {r[0] for r in conn.execute("select activity_id from activities").fetchall()}

    def table(self, name: str) -> pa.Table:
        """Every row of one uploaded table, canonical columns, in key order."""
        spec = TABLES[name]
        with self.reading() as conn:
            return conn.sql(
                f"select {', '.join(spec.stored_names)} from {spec.name} "
                f"order by {', '.join(spec.key)}"
            ).to_arrow_table()

    def history(self) -> list[dict[str, Any]]:
        """The import log, newest first."""
        with self.reading() as conn:
            cursor = conn.execute(sql("import_history.sql"))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def last_import_at(self) -> Any:
        with self.reading() as conn:
            return _last_import_on(conn)

    def summary(self) -> dict[str, Any]:
        """What every page needs about the store, read on one connection (DuckDB takes about
        16 ms to open one): {"periods": `periods()`, "is_demo": `is_demo()`,
        "last_import_at": `last_import_at()`}. Raises as `reading` does."""
        with self.reading() as conn:
            return {
                "periods": periods_on(conn),
                "is_demo": _is_demo_on(conn),
                "last_import_at": _last_import_on(conn),
            }

    # --- imports -------------------------------------------------------------------------

    def dry_run(self, checked: CheckedFile) -> ImportResult:
        """What committing this file would do, without writing anything."""
        with self.reading() as conn:
            _refuse_closed_years(conn, checked)
            counts = _diff_counts(conn, checked.table, checked.data)
        return ImportResult(None, checked.table.name, *counts)

    def commit(
        self,
        checked: CheckedFile,
        file_name: str,
        file_sha256: str,
        user: str | None = None,
    ) -> ImportResult:
        """Upsert a clean file by its key, in one transaction, logged and undoable."""
        if not checked.ok:
            raise ValueError("a file with errors cannot be committed; check .errors first")
        table = checked.table
        user = user or current_user()
        # One connection for the whole import: a new store is created and an older one
        # brought up to date in the same transaction that writes the rows.
        with self.writing(create=True) as conn:
            _backup_before_writing(conn, self.path)
            _migrate(conn)
            # Checked again here, in the writing transaction: a year closed since the file was
            # checked counts too.
            _refuse_closed_years(conn, checked)
            _stage(conn, table, checked.data)
            row = conn.execute(
                "insert into import_log (imported_at, imported_by, table_name, file_name, "
                "file_sha256, rows_inserted, rows_updated, rows_unchanged) "
                "values (now(), ?, ?, ?, ?, 0, 0, 0) returning import_id",
                [user, table.name, file_name, file_sha256],
            ).fetchall()[0]
            assert row is not None
            import_id = int(row[0])
            for statement in _upsert_statements(table):
                conn.execute(statement, [import_id] * statement.count("?"))
            counts = conn.execute(
                "select count(*) filter (where change = 'inserted'), "
                "count(*) filter (where change = 'updated') "
                f"from {table.name}_before where import_id = ?",
                [import_id],
            ).fetchall()[0]
            assert counts is not None
            inserted, updated = int(counts[0]), int(counts[1])
            unchanged = checked.n_rows - inserted - updated
            conn.execute(
                "update import_log set rows_inserted = ?, rows_updated = ?, rows_unchanged = ? "
                "where import_id = ?",
                [inserted, updated, unchanged, import_id],
            )
            conn.execute("drop table staged")
        return ImportResult(import_id, table.name, inserted, updated, unchanged)

    def undo(self, import_id: int, user: str | None = None) -> ImportResult:
        """Restore exactly what import `import_id` replaced, if nothing later depends on it."""
        user = user or current_user()
        with self.writing() as conn:
            found = conn.execute(
                "select table_name, undone_at from import_log where import_id = ?", [import_id]
            ).fetchall()
            if not found:
                raise UndoRefused(
                    f"Import {import_id} finns inte i historiken.",
                    f"Import {import_id} is not in the history.",
                )
            row = found[0]
            if row[1] is not None:
                raise UndoRefused(
                    f"Import {import_id} är redan ångrad.",
                    f"Import {import_id} has already been undone.",
                )
            table = TABLES[row[0]]
            later = conn.execute(
                f"select distinct l.import_id from {table.name}_before b "
                "join import_log l using (import_id) "
                "where l.import_id > ? and l.undone_at is null and "
                + _key_in(table, "b", f"{table.name}_before", "import_id = ?")
                + " order by 1",
                [import_id, import_id],
            ).fetchall()
            if later:
                ids = ", ".join(str(r[0]) for r in later)
                raise UndoRefused(
                    f"Import {import_id} kan inte ångras: import {ids} har senare ändrat samma "
                    "rader. Ångra den först.",
                    f"Import {import_id} cannot be undone: import {ids} later changed the same "
                    "rows. Undo that one first.",
                )
            if table.name == "activities":
                _refuse_orphans(conn, import_id)
            _refuse_undo_in_closed_years(conn, table, import_id)
            counts = conn.execute(
                "select count(*) filter (where change = 'inserted'), "
                "count(*) filter (where change = 'updated'), "
                "count(*) filter (where change = 'deleted') "
                f"from {table.name}_before where import_id = ?",
                [import_id],
            ).fetchall()[0]
            assert counts is not None
            _backup_before_writing(conn, self.path)
            columns = ", ".join(table.stored_names)
            conn.execute(
                f"delete from {table.name} where "
                + _key_in(table, table.name, f"{table.name}_before", "import_id = ?"),
                [import_id],
            )
            # What the import changed or (a deletion) removed comes back as it was.
            conn.execute(
                f"insert into {table.name} ({columns}) select {columns} from {table.name}_before "
                "where import_id = ? and change in ('updated', 'deleted')",
                [import_id],
            )
            conn.execute(
                "update import_log set undone_at = now(), undone_by = ? where import_id = ?",
                [user, import_id],
            )
        return ImportResult(
            import_id, table.name, int(counts[0]), int(counts[1]), 0, deleted=int(counts[2])
        )

    def delete(
        self,
        table_name: str,
        key: dict[str, Any],
        file_name: str,
        user: str | None = None,
    ) -> ImportResult:
        """Delete the one row of `table_name` whose key is `key` (column -> value, every key
        column given; None for an empty year), logged like an import and undoable.

        `file_name` is what the history shows in the file column (e.g. "Formulär: A-12").
        Raises DeleteRefused when no such row exists, when the row is dated in a closed year,
        or for an activity that SMEs, exchanges, spending or outcomes still refer to."""
        table = TABLES[table_name]
        user = user or current_user()
        where = " and ".join(
            f"{k} = ?" if table.column(k).required else f"{k} is not distinct from ?"
            for k in table.key
        )
        params = [key[k] for k in table.key]
        shown = " / ".join("" if key[k] is None else str(key[k]) for k in table.key)
        with self.writing() as conn:
            _, year_of = ROW_YEAR[table.name]
            found = conn.execute(
                f"select {year_of.format(r='r')} from {table.name} r where {where}", params
            ).fetchall()
            if not found:
                raise DeleteRefused(
                    f"{shown} finns inte i {table.label('sv').lower()}; inget togs bort.",
                    f"{shown} is not in {table.label('en').lower()}; nothing was deleted.",
                )
            closed = closed_years_on(conn)
            year = found[0][0]
            if year is not None and int(year) in closed:
                hit = closed[int(year)]
                raise DeleteRefused(
                    f"{shown} kan inte tas bort: {hit.year} är fastställt (av {hit.closed_by}, "
                    f"{hit.closed_on()}). Be en administratör att öppna året igen först.",
                    f"{shown} cannot be deleted: {hit.year} was closed by {hit.closed_by} on "
                    f"{hit.closed_on()}. Ask an administrator to reopen the year first.",
                )
            if table.name == "activities":
                used = conn.execute(
                    "select count(*) from (select activity_id from sme_participation union all "
                    "select activity_id from exchanges union all select activity_id from "
                    "spending union all select activity_id from outcomes) where activity_id = ?",
                    params,
                ).fetchall()[0][0]
                if used:
                    raise DeleteRefused(
                        f"Aktiviteten {shown} kan inte tas bort: {used} rader om företag, "
                        "utbyten, kostnader eller resultat hänvisar till den. Ta bort eller "
                        "ändra dem först.",
                        f"Activity {shown} cannot be deleted: {used} rows of SMEs, exchanges, "
                        "spending or outcomes refer to it. Delete or change them first.",
                    )
            _backup_before_writing(conn, self.path)
            row = conn.execute(
                "insert into import_log (imported_at, imported_by, table_name, file_name, "
                "file_sha256, rows_inserted, rows_updated, rows_unchanged, rows_deleted) "
                "values (now(), ?, ?, ?, '', 0, 0, 0, 1) returning import_id",
                [user, table.name, file_name],
            ).fetchall()[0]
            import_id = int(row[0])
            columns = ", ".join(table.stored_names)
            conn.execute(
                f"insert into {table.name}_before ({columns}, import_id, change) "
                f"select {columns}, ?, 'deleted' from {table.name} where {where}",
                [import_id, *params],
            )
            conn.execute(f"delete from {table.name} where {where}", params)
        return ImportResult(import_id, table.name, 0, 0, 0, deleted=1)


def _backup_before_writing(conn: duckdb.DuckDBPyConnection, path: Path) -> None:
    snapshots.backup_before_writing(conn, path)


def _not_a_store(path: Path, exc: Exception) -> StoreError:
    return StoreError(
        f"Filen {path} är inte ett UCCN-datalager (tabeller saknas): {exc}",
        f"The file {path} is not a UCCN data store (tables are missing): {exc}",
    )


def current_user() -> str:
    """Who is importing, for the log: `UCCN_USER`, else the operating system's user name."""
    try:
        return os.environ.get("UCCN_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "okänd"


def _version(conn: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the open store; 0 for a file with no schema yet."""
    found = conn.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).fetchall()[0]
    if not found or not found[0]:
        return 0
    row = conn.execute("select max(version) from schema_version").fetchall()[0]
    return int(row[0]) if row and row[0] is not None else 0


def _migrate(conn: duckdb.DuckDBPyConnection) -> None:
    """Apply the migrations this store has not had yet, inside the caller's transaction."""
    conn.execute(
        "create table if not exists schema_version "
        "(version integer primary key, applied_at timestamptz not null)"
    )
    current = _version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            "Datalagret är skapat av en nyare version av programmet. Uppdatera programmet.",
            "The data store was made by a newer version of this program. Update it.",
        )
    for version, script in _migrations():
        if version > current:
            conn.execute(script)
            conn.execute("insert into schema_version values (?, now())", [version])
    if current == 0:
        _save_period(conn, ref.AGREEMENT_2021_2024)
        conn.execute(
            "insert into settings values ('full_time_hours', ?)",
            [str(ref.DEFAULT_FULL_TIME_HOURS)],
        )


def _save_period(conn: duckdb.DuckDBPyConnection, period: ref.AgreementPeriod) -> None:
    conn.execute(
        "insert or replace into agreement_periods (period_id, start_date, end_date, "
        "ostersund_sek_per_year, staff_share, is_example, note_sv, note_en, kind) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            period.period_id,
            period.start,
            period.end,
            period.ostersund_sek_per_year,
            period.staff_share,
            period.is_example,
            period.note_sv,
            period.note_en,
            period.kind,
        ],
    )


# The upsert is generated from the table description rather than kept in six near-identical
# SQL files: identifiers come from tables.py (never from a user), values always go through ?.


def _typed_incoming(conn: duckdb.DuckDBPyConnection, table: Table, extra: str = "") -> str:
    """A select of the registered `incoming` rows cast to exactly the store's column types,
    so that a dry run compares what a commit would write (12,505 kr is 12,51 in the store)."""
    types = {
        r[0]: r[1]
        for r in conn.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_name = ? and table_schema = 'main'",
            [table.name],
        ).fetchall()
    }
    casts = ", ".join(f"cast(incoming.{c} as {types[c]}) as {c}" for c in table.stored_names)
    return f"select {casts}{extra} from incoming"


def _stage(conn: duckdb.DuckDBPyConnection, table: Table, data: pa.Table) -> None:
    """Copy the incoming rows into a temp table with exactly the store's column types."""
    conn.register("incoming", data)
    try:
        conn.execute(f"create or replace temp table staged as {_typed_incoming(conn, table)}")
    finally:
        conn.unregister("incoming")


def _key_join(table: Table, left: str, right: str) -> str:
    # A key column that may be empty (a comment's year: the whole period) is compared
    # null-safely; the others with `=`, which DuckDB joins fastest.
    return " and ".join(
        f"{left}.{k} = {right}.{k}"
        if table.column(k).required
        else f"{left}.{k} is not distinct from {right}.{k}"
        for k in table.key
    )


def _key_in(table: Table, row: str, source: str, where: str) -> str:
    """SQL true when the row named `row` (a table name or alias) has the key of a `source` row
    matching `where` (written over `source`'s own columns, unqualified)."""
    if all(table.column(k).required for k in table.key):
        keys = ", ".join(table.key)
        row_keys = ", ".join(f"{row}.{k}" for k in table.key)
        return f"({row_keys}) in (select ({keys}) from {source} where {where})"
    return f"exists (select 1 from {source} where {where} and {_key_join(table, source, row)})"


def _changed(table: Table, left: str, right: str) -> str:
    others = [c for c in table.stored_names if c not in table.key]
    return " or ".join(f"{left}.{c} is distinct from {right}.{c}" for c in others) or "false"


def _upsert_statements(table: Table) -> list[str]:
    t = table.name
    keys = ", ".join(table.key)
    columns = ", ".join(table.stored_names)
    return [
        # Before-images first, while the old rows are still there.
        f"insert into {t}_before ({columns}, import_id, change) "
        f"select {', '.join('t.' + c for c in table.stored_names)}, ?, 'updated' "
        f"from {t} t join staged s on {_key_join(table, 't', 's')} "
        f"where {_changed(table, 's', 't')}",
        f"insert into {t}_before ({keys}, import_id, change) "
        f"select {', '.join('s.' + k for k in table.key)}, ?, 'inserted' "
        f"from staged s anti join {t} t on {_key_join(table, 's', 't')}",
        f"delete from {t} where "
        + _key_in(table, t, f"{t}_before", "import_id = ? and change = 'updated'"),
        # After the delete, the rows missing from the table are exactly the new and changed
        # ones; unchanged rows are left alone (no write, no index churn).
        f"insert into {t} ({columns}) "
        f"select {', '.join('s.' + c for c in table.stored_names)} from staged s "
        f"anti join {t} t on {_key_join(table, 's', 't')}",
    ]


def _diff_counts(
    conn: duckdb.DuckDBPyConnection, table: Table, data: pa.Table
) -> tuple[int, int, int]:
    conn.register("incoming", data)
    try:
        first_key = table.key[0]
        row = conn.execute(
            f"select count(*) filter (where t.{first_key} is null), "
            f"count(*) filter (where t.{first_key} is not null and ({_changed(table, 's', 't')})) "
            f"from ({_typed_incoming(conn, table)}) s left join {table.name} t "
            f"on {_key_join(table, 's', 't')}"
        ).fetchall()[0]
    finally:
        conn.unregister("incoming")
    assert row is not None
    inserted, updated = int(row[0]), int(row[1])
    return inserted, updated, data.num_rows - inserted - updated


def periods_on(conn: duckdb.DuckDBPyConnection) -> list[ref.AgreementPeriod]:
    """Agreement periods and reporting windows, oldest first, read on an open connection."""
    return [period_from_row(r) for r in conn.execute(sql("periods.sql")).fetchall()]


def deadlines_on(conn: duckdb.DuckDBPyConnection) -> list[Deadline]:
    """The reporting calendar, read on an open connection, the earliest first."""
    rows = conn.execute(
        "select deadline_id, due, year, title_sv, coalesce(title_en, '') "
        "from reporting_deadlines order by due, deadline_id"
    ).fetchall()
    return [Deadline(r[0], r[1], int(r[2]), r[3], r[4]) for r in rows]


def closed_years_on(conn: duckdb.DuckDBPyConnection) -> dict[int, ClosedYear]:
    """The closed years, by year, read on an open connection."""
    rows = conn.execute(
        "select year, closed_by, closed_at from closed_years order by year"
    ).fetchall()
    return {int(r[0]): ClosedYear(int(r[0]), r[1], r[2]) for r in rows}


def _refuse_closed_years(conn: duckdb.DuckDBPyConnection, checked: CheckedFile) -> None:
    """Raise YearClosed if the file would insert or change a row dated in a closed year, or
    replace one that is: a row it repeats unchanged counts for nothing."""
    closed = closed_years_on(conn)
    if not closed:
        return
    table = checked.table
    column, year_of = ROW_YEAR[table.name]
    rows = checked.data.append_column("excel_row__", checked.excel_rows)
    conn.register("incoming", rows)
    try:
        typed = _typed_incoming(conn, table, extra=", incoming.excel_row__")
        new_year, old_year = year_of.format(r="s"), year_of.format(r="t")
        first_key = table.key[0]
        found = conn.execute(
            f"select s.excel_row__, {new_year} as new_year, "
            f"case when t.{first_key} is null then null else {old_year} end as old_year "
            f"from ({typed}) s left join {table.name} t on {_key_join(table, 's', 't')} "
            f"where t.{first_key} is null or ({_changed(table, 's', 't')}) "
            "order by s.excel_row__"
        ).fetchall()
    finally:
        conn.unregister("incoming")
    problems = []
    for excel_row, *years in found:
        hit = next((closed[y] for y in years if y is not None and int(y) in closed), None)
        if hit is not None:
            problems.append(
                Problem(
                    "year_closed",
                    row=int(excel_row),
                    column=column,
                    params={"year": hit.year, "by": hit.closed_by, "on": hit.closed_on()},
                )
            )
    if problems:
        raise YearClosed(problems)


def _refuse_undo_in_closed_years(
    conn: duckdb.DuckDBPyConnection, table: Table, import_id: int
) -> None:
    """An undo rewrites the rows the import inserted or changed: none may be in a closed year."""
    closed = closed_years_on(conn)
    if not closed:
        return
    _, year_of = ROW_YEAR[table.name]
    years = conn.execute(
        f"select distinct {year_of.format(r='r')} from {table.name} r where "
        + _key_in(table, "r", f"{table.name}_before", "import_id = ?")
        + f" union select distinct {year_of.format(r='r')} from {table.name}_before r "
        "where import_id = ? and change in ('updated', 'deleted')",
        [import_id, import_id],
    ).fetchall()
    hit = sorted(int(y) for (y,) in years if y is not None and int(y) in closed)
    if hit:
        first = closed[hit[0]]
        raise UndoRefused(
            f"Import {import_id} kan inte ångras: den ändrade rader i {first.year}, som är "
            f"fastställt (av {first.closed_by}, {first.closed_on()}). Be en administratör att "
            "öppna året igen först.",
            f"Import {import_id} cannot be undone: it changed rows in {first.year}, which was "
            f"closed by {first.closed_by} on {first.closed_on()}. Ask an administrator to "
            "reopen the year first.",
        )


def _refuse_orphans(conn: duckdb.DuckDBPyConnection, import_id: int) -> None:
    """Undoing new activities must not leave SMEs, exchanges or spending pointing at nothing."""
    rows = conn.execute(sql("activity_references.sql"), [import_id]).fetchall()
    if rows:
        ids = ", ".join(sorted({r[0] for r in rows})[:10])
        raise UndoRefused(
            f"Importen kan inte ångras: aktiviteterna {ids} används av företag, utbyten eller "
            "kostnader. Ångra de importerna först.",
            f"The import cannot be undone: activities {ids} are used by SMEs, exchanges or "
            "spending. Undo those imports first.",
        )


def period_from_row(r: tuple[Any, ...]) -> ref.AgreementPeriod:
    """An agreement period or reporting window from a row of periods.sql's columns."""
    return ref.AgreementPeriod(
        r[0],
        r[1],
        r[2],
        None if r[3] is None else float(r[3]),
        None if r[4] is None else float(r[4]),
        bool(r[5]),
        r[6] or "",
        r[7] or "",
        r[8] or "agreement",
    )


def period_bounds(period: ref.AgreementPeriod, year: int | None) -> tuple[date, date]:
    """The date range a KPI covers: the period, or one year of it."""
    if year is None:
        return period.start, period.end
    return max(period.start, date(year, 1, 1)), min(period.end, date(year, 12, 31))
