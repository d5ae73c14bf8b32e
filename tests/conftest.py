"""Shared fixtures: real DuckDB stores in temporary folders, files as coordinators make them."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from uccn_data.importer import ImportReport, import_file
from uccn_data.store import Store

ROOT = Path(__file__).resolve().parent.parent

# Property tests keep their examples (git-ignored), so a failure found once is tried first
# on the next run until it passes. "quick" (`make check`) runs a tenth of each test's
# examples; "full" (`make test`, CI) runs them all.
_EXAMPLES = DirectoryBasedExampleDatabase(ROOT / ".hypothesis" / "examples")
settings.register_profile("full", database=_EXAMPLES)
settings.register_profile("quick", database=_EXAMPLES, max_examples=10)
settings.load_profile("full")


def examples(n: int) -> int:
    """`n` examples under the full profile, fewer (never under 10) under the quick one."""
    return max(10, n * settings.default.max_examples // 100)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "backups: the test is about the automatic backups, so its `store` takes them "
        "(other tests' stores do not: each one is an fsync'd copy of the store per write)",
    )
    config.addinivalue_line(
        "markers",
        "processes: the test starts other Python processes (a killed import, the import "
        "worker's child, the command line as a user runs it); `make test` runs it, the quick "
        "loop `make check` leaves it out",
    )


def cheap_hash(password: str) -> str:
    """An argon2id hash as `dashboard.auth.hash_password` makes, at the least cost argon2
    allows. The verifier reads the cost from the hash itself, so sign-in is checked exactly
    as for a real account, in a millisecond instead of the 0.16 s the real cost takes here
    (tests/unit/test_auth.py checks a hash made by `hash_password` itself)."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(password)


def swedish_csv(rows: Sequence[Sequence[object]], encoding: str = "cp1252") -> bytes:
    """A file as Swedish Excel saves "CSV (semikolonavgränsad)": `;`, CRLF, Windows-1252."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(
        [["" if v is None else str(v) for v in row] for row in rows]
    )
    return buffer.getvalue().encode(encoding)


def new_store(path: Path, template: Path | None = None) -> Store:
    """A new, empty store at `path` that takes no automatic backups.

    With `template` (a store made by this function) the file is copied instead of built,
    which is a hundred times quicker than running the migrations again."""
    if template is None:
        store = Store(path)
        store.initialise()
        store.set_setting("backups_kept", "0")
        return store
    return Store(shutil.copyfile(template, path))


def copy_store(store: Store, folder: Path) -> Store:
    """A copy of `store` in `folder`, for a test that changes what a shared fixture holds.
    (Every Store method closes its connection, so the file on disk is whole.)"""
    return Store(shutil.copyfile(store.path, folder / store.path.name))


def loader(store: Store) -> Callable[..., ImportReport]:
    """Import rows (header first) into `store` and insist that they go in."""

    def _load(table: str, rows: Sequence[Sequence[object]]) -> ImportReport:
        report = import_file(store, swedish_csv(rows), f"{table}.csv", table, user="test")
        assert report.ok, [(p.row, p.column, p.value, p.message("en")) for p in report.errors]
        return report

    return _load


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One freshly initialised store (no backups) per session, copied by `store`."""
    return new_store(tmp_path_factory.mktemp("template") / "uccn.duckdb").path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data set built once per session into a store without backups, copied by
    `demo_copy` for each test that changes it."""
    from uccn_data.demo import build_demo

    store = Store(tmp_path_factory.mktemp("demo-template") / "demo.duckdb")
    build_demo(store)
    store.set_setting("backups_kept", "0")
    return store.path


@pytest.fixture
def demo_copy(tmp_path: Path, demo_template: Path) -> Store:
    """A fresh copy of the demo store (no backups) for a test that writes to it."""
    return new_store(tmp_path / "demo.duckdb", demo_template)


@pytest.fixture
def store(tmp_path: Path, empty_template: Path, request: pytest.FixtureRequest) -> Store:
    """A fresh store. It takes no automatic backups unless the test is marked `backups`:
    then it is built as the program builds one, and backs up before every write."""
    if request.node.get_closest_marker("backups") is not None:
        s = Store(tmp_path / "uccn.duckdb")
        s.initialise()
        return s
    return new_store(tmp_path / "uccn.duckdb", empty_template)


@pytest.fixture
def load(store: Store) -> Callable[..., ImportReport]:
    """Import rows (header first) into the store and insist that they go in."""
    return loader(store)


@pytest.fixture(scope="module")
def module_store(tmp_path_factory: pytest.TempPathFactory, empty_template: Path) -> Store:
    """A fresh store (no backups) shared by one module's tests: for data that the tests
    only read. A test that changes it works on `copy_store(module_store, tmp_path)`."""
    return new_store(tmp_path_factory.mktemp("module") / "uccn.duckdb", empty_template)


@pytest.fixture(scope="module")
def module_load(module_store: Store) -> Callable[..., ImportReport]:
    """`load`, for `module_store`."""
    return loader(module_store)
