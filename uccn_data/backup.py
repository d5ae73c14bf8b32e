"""Copies of the store: one before every import and undo (the last N kept), and a checked restore.

A copy is taken while this process holds the store's write lock, from one transaction's
snapshot (DuckDB's `COPY FROM DATABASE` into a fresh file), so it is never half an import.
It is written under a temporary name and renamed when complete: a crash leaves at most a
`.partial` file, which the next backup removes, never a damaged copy among the backups.

Automatic backups live beside the store, `<store dir>/backups/<stem>-YYYYmmdd-HHMMSS-ffffff
.duckdb` (the time in UTC); the store's setting `backups_kept` (default 10; 0 turns them off)
says how many stay.
The demo store gets none: it is rebuilt at will and holds nobody's work.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

import duckdb

from uccn_data.problems import StoreError
from uccn_data.snapshots import (
    _backups_kept,
    _copy_store,
    _database_name,
    _identifier,
    _literal,
    _new_backup_path,
    _prune,
    _settings,
)
from uccn_data.snapshots import backup_before_writing as backup_before_writing
from uccn_data.snapshots import backup_folder as backup_folder
from uccn_data.snapshots import backups as backups
from uccn_data.store import SCHEMA_VERSION, Store
from uccn_data.tables import TABLES

# What a file must hold to be restored over the store: anything less would lose data or
# break the next import.
REQUIRED_TABLES = frozenset(
    {
        "schema_version",
        "settings",
        "agreement_periods",
        "import_log",
        *TABLES,
        *(f"{name}_before" for name in TABLES),
    }
)

Fingerprint = dict[str, Any]


def backup_store(store: Store, out: str | Path | None = None) -> Path:
    """A backup taken now, to `out` or, by default, into the backups folder (then pruned)."""
    if out is not None and Path(out).resolve() == store.path.resolve():
        raise StoreError(
            "Säkerhetskopian kan inte skrivas över själva datalagret.",
            "The backup cannot be written over the store itself.",
        )
    with store.writing() as conn:
        if out is not None:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            return _copy_store(conn, Path(out))
        settings = _settings(conn) or {}
        target = _copy_store(conn, _new_backup_path(store.path))
        _prune(store.path, max(_backups_kept(settings), 1))
        return target


def check_backup(path: str | Path) -> None:
    """Raise StoreError unless `path` is a UCCN store this program can use."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"Filen {path} finns inte.", f"The file {path} does not exist.")
    with Store(path, busy_timeout=2.0).reading() as conn:
        names = {
            r[0]
            for r in conn.execute(
                "select table_name from duckdb_tables() "
                "where database_name = current_database() and schema_name = 'main'"
            ).fetchall()
        }
        missing = sorted(REQUIRED_TABLES - names)
        if missing:
            raise StoreError(
                f"Filen {path} är inte ett UCCN-datalager: tabellerna {', '.join(missing)} saknas.",
                f"The file {path} is not a UCCN data store: the tables {', '.join(missing)} "
                "are missing.",
            )
        row = conn.execute("select max(version) from schema_version").fetchall()[0]
    version = row[0] if row else None
    if version is None:
        raise StoreError(
            f"Filen {path} är inte ett UCCN-datalager: schemaversion saknas.",
            f"The file {path} is not a UCCN data store: it has no schema version.",
        )
    if int(version) > SCHEMA_VERSION:
        raise StoreError(
            f"Filen {path} är skapad av en nyare version av programmet. Uppdatera programmet.",
            f"The file {path} was made by a newer version of this program. Update it.",
        )


def restore_store(store: Store, backup: str | Path) -> Path | None:
    """Replace the store's contents with the backup's, in one transaction.

    The backup is checked first; the store it replaces is kept as a backup (its path is
    returned, None for a new store); the restore commits only if every table then equals
    the backup's, and `verify_same` checks the files again afterwards.
    """
    backup = Path(backup)
    if backup.resolve() == store.path.resolve():
        raise StoreError(
            "Filen är själva datalagret; välj en säkerhetskopia.",
            "The file is the store itself; choose a backup.",
        )
    check_backup(backup)
    replaced: Path | None = None
    with store.writing(create=True) as conn:
        target = _database_name(conn)
        settings = _settings(conn)
        if settings is not None:
            replaced = _copy_store(conn, _new_backup_path(store.path))
            _prune(store.path, max(_backups_kept(settings), 1))
        elif fingerprint(conn, target):
            # Some other database: its tables would be dropped with no copy kept.
            raise StoreError(
                f"{store.path} är inte ett UCCN-datalager och skrivs inte över. Välj ett annat "
                "med --db.",
                f"{store.path} is not a UCCN data store and is not overwritten. Choose another "
                "with --db.",
            )
        source = f"restore_source_{os.getpid()}_{threading.get_ident()}"
        try:
            conn.execute(f"attach {_literal(str(backup))} as {source} (read_only)")
            try:
                _drop_everything(conn, target)
                conn.execute(f"copy from database {source} to {_identifier(target)}")
                differences = _differences(fingerprint(conn, source), fingerprint(conn, target))
            finally:
                with contextlib.suppress(duckdb.Error):
                    conn.execute(f"detach database if exists {source}")
        except duckdb.Error as exc:
            raise StoreError(
                f"Återställningen misslyckades, inget har ändrats: {exc}",
                f"The restore failed, nothing has changed: {exc}",
            ) from None
        if differences:
            raise StoreError(
                "Återställningen avbröts, inget har ändrats: " + "; ".join(differences),
                "The restore was stopped, nothing has changed: " + "; ".join(differences),
            )
    verify_same(backup, store.path)
    return replaced


def fingerprint(conn: duckdb.DuckDBPyConnection, database: str | None = None) -> Fingerprint:
    """Per table: column names and types, row count and an order-free content checksum;
    per sequence: the next value it will give. Computed in SQL, so large tables stay there."""
    database = database or _database_name(conn)
    result: Fingerprint = {}
    tables = conn.execute(
        "select table_name from duckdb_tables() where database_name = ? and schema_name = 'main' "
        "order by 1",
        [database],
    ).fetchall()
    for (name,) in tables:
        columns = conn.execute(
            "select column_name, data_type from duckdb_columns() "
            "where database_name = ? and schema_name = 'main' and table_name = ? "
            "order by column_index",
            [database, name],
        ).fetchall()
        qualified = f"{_identifier(database)}.main.{_identifier(name)}"
        # The sum and the xor of the row hashes: neither depends on row order, and the sum
        # does not let two equal rows cancel out.
        row = conn.execute(
            f"select count(*), coalesce(sum(hash(t)), 0)::varchar, "
            f"coalesce(bit_xor(hash(t)), 0)::varchar from {qualified} as t"
        ).fetchall()[0]
        result[f"table {name}"] = (tuple(columns), int(row[0]), row[1], row[2])
    for name, start, last, step in conn.execute(
        "select sequence_name, start_value, last_value, increment_by from duckdb_sequences() "
        "where database_name = ? and schema_name = 'main' order by 1",
        [database],
    ).fetchall():
        result[f"sequence {name}"] = start if last is None else last + step
    return result


def store_fingerprint(path: str | Path) -> Fingerprint:
    """The fingerprint of the store file at `path`, read through a short-lived connection."""
    with Store(path).reading() as conn:
        return fingerprint(conn)


def verify_same(a: str | Path, b: str | Path) -> None:
    """Raise StoreError unless the stores at `a` and `b` hold the same tables and rows."""
    differences = _differences(store_fingerprint(a), store_fingerprint(b))
    if differences:
        raise StoreError(
            f"{a} och {b} är inte lika: " + "; ".join(differences),
            f"{a} and {b} are not the same: " + "; ".join(differences),
        )


# --- helpers -----------------------------------------------------------------------------


def _differences(a: Fingerprint, b: Fingerprint) -> list[str]:
    return [f"{key} differs" for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]


def _drop_everything(conn: duckdb.DuckDBPyConnection, database: str) -> None:
    db = _identifier(database)
    for (name,) in conn.execute(
        "select view_name from duckdb_views() where database_name = ? and schema_name = 'main' "
        "and not internal",
        [database],
    ).fetchall():
        conn.execute(f"drop view {db}.main.{_identifier(name)}")
    for (name,) in conn.execute(
        "select table_name from duckdb_tables() where database_name = ? and schema_name = 'main'",
        [database],
    ).fetchall():
        conn.execute(f"drop table {db}.main.{_identifier(name)}")
    for (name,) in conn.execute(
        "select sequence_name from duckdb_sequences() where database_name = ? "
        "and schema_name = 'main'",
        [database],
    ).fetchall():
        conn.execute(f"drop sequence {db}.main.{_identifier(name)}")
