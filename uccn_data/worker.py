"""A large upload is read, checked and imported in a child process with a memory cap and a
time limit, so that every other session stays responsive.

Reading and checking a file is Python work that holds the interpreter lock: on a server
thread, one large file made every other session wait (a viewer's page went from 0.6 s to
34 s). So a file that unpacks to more than `Limits.inline_bytes` is handled by a child
process started for that one job. The server's thread only waits on a pipe; the child runs
at a lower priority, is stopped when its resident memory passes `memory_mb` or its time
passes `time_s`, and the caller then gets a message naming that limit, never a traceback.
One child runs at a time (the machine may have two cores, and the server needs one); the
next waits its turn. A child stopped during an import leaves the store as it was: its
transaction is never committed.

Small files are read in the caller's thread: starting a child costs more (about a second
and 150 MB) than reading them, and the reader's own limits (sizes.py) bound their work.

Why these mechanisms:
- A child started with `python -m uccn_data.worker`, not multiprocessing's `spawn`: spawn
  imports the parent's main module again in the child, and under `streamlit run` that is
  Streamlit's command line, a second or more and 80 MB for nothing.
- The memory cap watches the child's resident memory instead of setting RLIMIT_AS: DuckDB
  and Arrow reserve address space they never touch (2.4 GB of it for 250 MB resident on two
  cores, more with more cores), so an address-space limit would either not bind or refuse
  good files, depending on the machine. Without /proc (not Linux) only the time limit holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import pickle
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from uccn_data.problems import Problem, StoreBusyError, StoreError, UccnDataError

if TYPE_CHECKING:
    from uccn_data.importer import ImportReport

# The child imports this module first: what it imports at the top is kept light (no pandas,
# DuckDB or pandera), so that a file over a limit is refused before they are loaded.

T = TypeVar("T")

_ROOT = Path(__file__).resolve().parent.parent
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_WATCH_SECONDS = 0.05  # how often the child's memory and time are looked at
# The child's jobs run below the server's threads: pages first, then the upload.
_NICENESS = 10


@dataclass(frozen=True)
class Limits:
    """What one job in a child may use.

    memory_mb: resident memory of the child (its libraries and DuckDB take about 200 MB
    of it; checking 200,000 rows, the most a file may have, about 320 MB);
    time_s: seconds from the child's start (about one goes to starting it); inline_bytes: a
    file that unpacks to at most this is read in the caller's thread, without a child.
    """

    memory_mb: int = 1536
    time_s: int = 180
    inline_bytes: int = 512 * 1024

    @classmethod
    def from_environment(cls) -> Limits:
        """The defaults, or `UCCN_IMPORT_MEMORY_MB` and `UCCN_IMPORT_TIME_S` when set."""
        return cls(
            memory_mb=_positive_int("UCCN_IMPORT_MEMORY_MB", cls.memory_mb),
            time_s=_positive_int("UCCN_IMPORT_TIME_S", cls.time_s),
        )


class LimitError(UccnDataError):
    """A job passed one of its limits, or its child stopped; nothing was written."""


_TURN = threading.Lock()  # one child at a time, for every session of this server


def run(job: Callable[..., T], *args: Any, size: int, limits: Limits | None = None) -> T:
    """`job(*args)`: in this thread when `size` (bytes once unpacked) is at most
    `limits.inline_bytes`, else in a child process under `limits`.

    `job` must be a module-level function, and its arguments and result picklable. What the
    job raises is raised here: StoreBusyError and StoreError as themselves, UccnDataError
    with its problems, anything else as a RuntimeError carrying the child's traceback. Raises LimitError when a
    limit is passed, the child stops on its own, or waiting for the turn takes longer than
    `limits.time_s`.
    """
    limits = limits or Limits.from_environment()
    if size <= limits.inline_bytes:
        return job(*args)
    if not _TURN.acquire(timeout=limits.time_s):
        raise LimitError([Problem("import_busy", params={"limit_s": limits.time_s})])
    try:
        outcome = _in_child(job, args, limits)
    finally:
        _TURN.release()
    kind, *detail = outcome
    if kind == "ok":
        result: T = detail[0]
        return result
    if kind == "busy":
        raise StoreBusyError(detail[0])
    if kind == "store":
        raise StoreError(detail[0], detail[1])
    if kind == "problems":
        raise UccnDataError(detail[0])
    if kind == "memory":
        raise LimitError([Problem("import_memory_limit", params={"limit_mb": limits.memory_mb})])
    if kind == "time":
        raise LimitError([Problem("import_time_limit", params={"limit_s": limits.time_s})])
    if kind == "error":
        raise RuntimeError(f"{job.__qualname__} failed in the import worker:\n{detail[0]}")
    raise LimitError(
        [
            Problem(
                "import_stopped",
                params={"limit_mb": limits.memory_mb, "limit_s": limits.time_s},
            )
        ]
    )


def _in_child(job: Callable[..., Any], args: tuple[Any, ...], limits: Limits) -> tuple[Any, ...]:
    """Run the job in a new child and watch it; the outcome as the child sent it, or
    ("memory",), ("time",) or ("stopped", exit code) when it was stopped or died."""
    payload = pickle.dumps(
        (job.__module__, job.__qualname__, args, limits.time_s), pickle.HIGHEST_PROTOCOL
    )
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(_ROOT), path) if p)}
    started = time.monotonic()
    # Our own interpreter and our own module: no shell, no user text in the command.
    child = subprocess.Popen(
        [sys.executable, "-m", "uccn_data.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=_ROOT,
    )
    # Threads move the bytes both ways, so that this one is free to watch the child.
    feeding = threading.Thread(target=_feed, args=(child.stdin, payload), daemon=True)
    answer: list[bytes] = []
    reading = threading.Thread(target=_drain, args=(child.stdout, answer), daemon=True)
    feeding.start()
    reading.start()
    try:
        while reading.is_alive():
            reading.join(_WATCH_SECONDS)
            if not reading.is_alive():
                break
            if _resident_mb(child.pid) > limits.memory_mb:
                return ("memory",)
            if time.monotonic() - started > limits.time_s:
                return ("time",)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        feeding.join()
        reading.join()
    if child.returncode != 0 or not answer or not answer[0]:
        return ("stopped", child.returncode)
    outcome: tuple[Any, ...] = pickle.loads(answer[0])  # noqa: S301 (our own child's answer)
    return outcome


def _feed(pipe: IO[bytes] | None, payload: bytes) -> None:
    if pipe is None:
        return
    with contextlib.suppress(BrokenPipeError, OSError):  # a child stopped early
        pipe.write(payload)
    with contextlib.suppress(BrokenPipeError, OSError):
        pipe.close()


def _drain(pipe: IO[bytes] | None, into: list[bytes]) -> None:
    if pipe is None:
        return
    with pipe:
        into.append(pipe.read())


def _resident_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 where /proc does not exist)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_BYTES / 1024 / 1024
    except (OSError, IndexError, ValueError):
        return 0.0


def _positive_int(name: str, default: int) -> int:
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


# --- the jobs -----------------------------------------------------------------------------


def import_file(
    store_path: str | Path,
    data: bytes,
    file_name: str,
    table_name: str | None = None,
    *,
    dry_run: bool = False,
    user: str | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """`importer.import_file` under the limits; an ImportReport either way.

    A limit passed becomes a report whose one error names the limit (and nothing is
    written). Raises StoreBusyError / StoreError as `importer.import_file` does.
    """
    from uccn_data.importer import ImportReport
    from uccn_data.privacy import mask_personal_numbers, private_problem
    from uccn_data.reader import unpacked_size

    try:
        report: ImportReport = run(
            _import_job,
            str(store_path),
            data,
            file_name,
            table_name,
            dry_run,
            user,
            size=unpacked_size(data),
            limits=limits,
        )
    except UccnDataError as exc:
        # Refused in the child before the import began (reader.check_size), or stopped.
        return ImportReport(
            False,
            table_name,
            mask_personal_numbers(file_name),
            hashlib.sha256(data).hexdigest(),
            errors=[private_problem(p) for p in exc.problems],
            dry_run=dry_run,
        )
    return report


def error_report(
    data: bytes,
    file_name: str,
    problems: list[Problem],
    table_name: str | None,
    lang: str,
    *,
    limits: Limits | None = None,
) -> bytes | None:
    """`templates.error_report_xlsx` under the limits (it reads the file again); None when
    a limit is passed: the errors are on the page all the same."""
    from uccn_data.reader import unpacked_size

    try:
        return run(
            _error_report_job,
            data,
            file_name,
            problems,
            table_name,
            lang,
            size=unpacked_size(data),
            limits=limits,
        )
    except LimitError:
        return None


def _import_job(
    store_path: str,
    data: bytes,
    file_name: str,
    table_name: str | None,
    dry_run: bool,
    user: str | None,
) -> ImportReport:
    from uccn_data.reader import check_size

    check_size(data, file_name)  # a refusal before pandas, DuckDB and pandera are loaded
    from uccn_data.importer import import_file as import_now
    from uccn_data.store import Store

    return import_now(Store(store_path), data, file_name, table_name, dry_run=dry_run, user=user)


def _error_report_job(
    data: bytes, file_name: str, problems: list[Problem], table_name: str | None, lang: str
) -> bytes:
    from uccn_data.tables import TABLES
    from uccn_data.templates import error_report_xlsx

    return error_report_xlsx(data, file_name, problems, TABLES.get(table_name or ""), lang)


# --- the child ----------------------------------------------------------------------------


def _limit_own_cpu(time_s: int) -> None:
    """A child whose parent is gone (the server stopped) has no one to stop it: its CPU
    time, never more than its time, is capped a little above the parent's time limit, and
    the kernel stops it there. No core file: it would hold everything the job read."""
    try:
        import resource
    except ImportError:  # not Unix: the parent's watch is the only limit
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CPU, (time_s + 10, time_s + 15))


def _serve() -> None:
    """The child: one job from stdin, its outcome to stdout, then exit."""
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr, not into the answer
    sys.stdout = sys.stderr
    with contextlib.suppress(OSError):  # not allowed everywhere; the limits hold all the same
        os.nice(_NICENESS)
    outcome: tuple[Any, ...]
    try:
        module, name, args, time_s = pickle.loads(sys.stdin.buffer.read())  # noqa: S301
        _limit_own_cpu(time_s)
        job = getattr(importlib.import_module(module), name)
        outcome = ("ok", job(*args))
    except MemoryError:
        outcome = ("memory",)
    except StoreBusyError as exc:
        outcome = ("busy", str(exc))
    except StoreError as exc:
        outcome = ("store", exc.message_sv, exc.message_en)
    except UccnDataError as exc:
        outcome = ("problems", exc.problems)
    except Exception as exc:
        # DuckDB's own out-of-memory error is not a MemoryError.
        memory = "OutOfMemory" in type(exc).__name__
        outcome = ("memory",) if memory else ("error", traceback.format_exc())
    try:
        answer.write(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        answer.write(pickle.dumps(("memory",)))
    answer.close()


if __name__ == "__main__":
    _serve()
