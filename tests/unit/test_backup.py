"""Backups: one before every import and undo, the last N kept, and a restore that is checked."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest import swedish_csv
from uccn_data.__main__ import main
from uccn_data.backup import (
    backup_store,
    backups,
    restore_store,
    store_fingerprint,
    verify_same,
)
from uccn_data.importer import import_file
from uccn_data.problems import StoreError
from uccn_data.store import SCHEMA_VERSION, Store

# Every test here is about the automatic backups, so the `store` fixture takes them.
pytestmark = pytest.mark.backups

HEADER = ["post_id", "datum", "belopp", "finansiar", "kategori"]


def spending(prefix: str, n: int = 3, amount: str = "1 250,50") -> bytes:
    return swedish_csv(
        [HEADER, *([f"{prefix}{i}", "2023-04-01", amount, "extern", "resor"] for i in range(n))]
    )


def land(store: Store, data: bytes, name: str = "kostnader.csv") -> int:
    report = import_file(store, data, name, "spending", user="test")
    assert report.ok and report.result is not None and report.result.import_id is not None
    return report.result.import_id


def test_every_import_and_undo_first_backs_up_the_store_as_it_was(store: Store):
    states = []
    for prefix in ("A", "B", "C"):
        states.append(store_fingerprint(store.path))
        last = land(store, spending(prefix))
    states.append(store_fingerprint(store.path))
    store.undo(last, user="test")

    kept = backups(store.path)
    assert len(kept) == 4
    assert [store_fingerprint(b) for b in kept] == states
    assert all(b.parent == store.path.parent / "backups" for b in kept)
    assert all(b.name.startswith("uccn-") and b.suffix == ".duckdb" for b in kept)


def test_only_the_newest_backups_are_kept_as_the_setting_says(store: Store):
    store.set_setting("backups_kept", "3")
    for prefix in "ABCDE":
        land(store, spending(prefix))
    kept = backups(store.path)
    assert len(kept) == 3
    # The newest backup is the store just before the last import: four imports in it.
    with Store(kept[-1]).reading() as conn:
        assert conn.execute("select count(*) from import_log").fetchall() == [(4,)]

    store.set_setting("backups_kept", "0")
    land(store, spending("F"))
    assert backups(store.path) == kept


def test_the_demo_store_gets_no_automatic_backups(store: Store):
    store.set_setting("is_demo", "true")
    land(store, spending("A"))
    assert backups(store.path) == []


def test_restore_puts_back_exactly_the_backup_and_keeps_the_store_it_replaced(
    store: Store, tmp_path: Path
):
    land(store, spending("A"))
    saved = backup_store(store, tmp_path / "saved.duckdb")
    original = store_fingerprint(store.path)
    land(store, spending("A", amount="99"), "rättad.csv")  # updates three rows
    land(store, spending("B", n=50))
    before_restore = store_fingerprint(store.path)

    replaced = restore_store(store, saved)

    assert store_fingerprint(store.path) == original
    verify_same(saved, store.path)
    assert replaced is not None and store_fingerprint(replaced) == before_restore
    # The restored store works: its import ids go on where the backup's ended.
    assert land(store, spending("C")) == 2


def test_verify_same_notices_one_changed_value(store: Store, tmp_path: Path):
    land(store, spending("A"))
    copy = backup_store(store, tmp_path / "copy.duckdb")
    verify_same(copy, store.path)
    with store.writing() as conn:
        conn.execute("update spending set amount_sek = amount_sek + 0.01 where spending_id = 'A1'")
    with pytest.raises(StoreError) as different:
        verify_same(copy, store.path)
    assert "spending" in different.value.message("en")


def test_a_file_that_is_not_a_store_is_refused_and_the_store_is_left_alone(
    store: Store, tmp_path: Path
):
    land(store, spending("A"))
    before = store_fingerprint(store.path)
    text = tmp_path / "anteckningar.duckdb"
    text.write_text("not a database")
    other_db = tmp_path / "other.duckdb"
    duckdb.connect(str(other_db)).execute("create table notes (line varchar)").close()
    newer = backup_store(store, tmp_path / "newer.duckdb")
    with duckdb.connect(str(newer)) as conn:
        conn.execute("insert into schema_version values (?, now())", [SCHEMA_VERSION + 1])

    for bad in (text, other_db, newer, tmp_path / "missing.duckdb", store.path):
        with pytest.raises(StoreError) as refused:
            restore_store(store, bad)
        assert refused.value.message("sv") and refused.value.message("en")
        assert store_fingerprint(store.path) == before
    assert len(backups(store.path)) == 1  # only the import's: a refusal writes nothing


def test_backup_and_restore_on_the_command_line(store: Store, tmp_path: Path, capsys):
    land(store, spending("A"))
    out = tmp_path / "kopia.duckdb"
    assert main(["backup", "--db", str(store.path), "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert main(["backup", "--db", str(store.path), "--lang", "en"]) == 0
    assert "backups" in capsys.readouterr().out
    land(store, spending("B"))

    assert main(["restore", str(out), "--db", str(store.path), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert "restored" in said and "every table is the same" in said
    verify_same(out, store.path)

    not_a_store = tmp_path / "fil.csv"
    not_a_store.write_bytes(spending("X"))
    assert main(["restore", str(not_a_store), "--db", str(store.path)]) == 2
    assert main(["restore", str(tmp_path / "saknas.duckdb"), "--db", str(store.path)]) == 2
    assert main(["backup", "--db", str(tmp_path / "saknas.duckdb")]) == 2
    errors = capsys.readouterr().err
    assert "finns inte" in errors and "Traceback" not in errors
    verify_same(out, store.path)


def test_restore_into_a_missing_store_creates_it(store: Store, tmp_path: Path):
    land(store, spending("A"))
    saved = backup_store(store, tmp_path / "saved.duckdb")
    lost = Store(tmp_path / "ny" / "uccn.duckdb")
    assert restore_store(lost, saved) is None
    verify_same(saved, lost.path)


def test_restore_never_overwrites_a_database_that_is_not_a_store(store: Store, tmp_path: Path):
    saved = backup_store(store, tmp_path / "saved.duckdb")
    foreign = tmp_path / "annat.duckdb"
    duckdb.connect(str(foreign)).execute("create table mine as select 42 as answer").close()
    with pytest.raises(StoreError) as refused:
        restore_store(Store(foreign), saved)
    assert "--db" in refused.value.message("sv")
    assert duckdb.connect(str(foreign), read_only=True).execute("from mine").fetchall() == [(42,)]
