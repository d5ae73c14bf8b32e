"""The store's automatic snapshots, at the level of one DuckDB connection: where they go, how
one is written whole or not at all (fsync'd, then renamed), and how many are kept.

The store calls `backup_before_writing` inside its write transaction; `backup.py` builds the
commands (backup, check, restore) on top of this and the store. Kept apart from both so that
neither imports the other.
"""

from __future__ import annotations

import os
import re
import threading
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from uccn_data.problems import StoreError

BACKUPS_KEPT_DEFAULT = 10
BACKUP_FOLDER = "backups"


def backup_folder(store_path: Path) -> Path:
    return store_path.parent / BACKUP_FOLDER


def backups(store_path: Path) -> list[Path]:
    """The store's complete automatic backups, oldest first."""
    pattern = re.compile(rf"{re.escape(store_path.stem)}-\d{{8}}-\d{{6}}-\d{{6}}\.duckdb")
    folder = backup_folder(store_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))


def backup_before_writing(conn: duckdb.DuckDBPyConnection, store_path: Path) -> Path | None:
    """Called by the store inside its write transaction, before the first write.

    Returns the backup's path, or None when there is nothing to keep (a new or demo store)
    or backups are turned off.
    """
    settings = _settings(conn)
    if settings is None or settings.get("is_demo") == "true":
        return None
    kept = _backups_kept(settings)
    if kept == 0:
        return None
    target = _copy_store(conn, _new_backup_path(store_path))
    _prune(store_path, kept)
    return target


def _settings(conn: duckdb.DuckDBPyConnection) -> dict[str, str] | None:
    """The store's settings, or None for a file that has no tables yet (a new store)."""
    database = _database_name(conn)
    found = conn.execute(
        "select count(*) from duckdb_tables() where database_name = ? and schema_name = 'main' "
        "and table_name = 'settings'",
        [database],
    ).fetchall()[0]
    if not found or not found[0]:
        return None
    return {str(k): str(v) for k, v in conn.execute("select key, value from settings").fetchall()}


def _backups_kept(settings: dict[str, str]) -> int:
    try:
        return max(int(settings.get("backups_kept", BACKUPS_KEPT_DEFAULT)), 0)
    except ValueError:
        return BACKUPS_KEPT_DEFAULT


def _new_backup_path(store_path: Path) -> Path:
    folder = backup_folder(store_path)
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        # UTC: local time runs an hour back each autumn, and the names must sort in order.
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        path = folder / f"{store_path.stem}-{stamp}.duckdb"
        if not path.exists():
            return path


def _copy_store(conn: duckdb.DuckDBPyConnection, target: Path) -> Path:
    """Write the committed state of `conn`'s store to `target`, whole or not at all."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    alias = f"backup_target_{os.getpid()}_{threading.get_ident()}"
    source = _database_name(conn)
    # A cursor is a second connection to the same database: its own transaction reads the
    # last committed state, and the caller's transaction stays free to write afterwards.
    cursor = conn.cursor()
    try:
        cursor.execute(f"attach {_literal(str(partial))} as {alias}")
        try:
            cursor.execute(f"copy from database {_identifier(source)} to {alias}")
            cursor.execute(f"checkpoint {alias}")
        finally:
            cursor.execute(f"detach database if exists {alias}")
    except duckdb.Error as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(
            f"Säkerhetskopian {target} kunde inte skrivas ({exc}); inget har ändrats.",
            f"The backup {target} could not be written ({exc}); nothing has changed.",
        ) from None
    finally:
        cursor.close()
    with partial.open("rb+") as file:
        os.fsync(file.fileno())
    os.replace(partial, target)
    return target


def _prune(store_path: Path, kept: int) -> None:
    """Keep the newest `kept` backups; remove copies a crash left half written."""
    found = backups(store_path)
    for old in found[: max(len(found) - kept, 0)]:
        old.unlink(missing_ok=True)
    # Writers hold the store's lock while they copy, so no other backup is under way now.
    for stale in backup_folder(store_path).glob(f"{store_path.stem}-*.duckdb.partial"):
        stale.unlink(missing_ok=True)


def _database_name(conn: duckdb.DuckDBPyConnection) -> str:
    row = conn.execute("select current_database()").fetchall()[0]
    return str(row[0])


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
