"""One measured run in a fresh process, so that peak memory belongs to that run alone.

    python -m benchmarks.import_once ours|duckdb FILE STORE

Prints one JSON line: seconds, peak resident memory (MB) and the process's memory before
the run (the libraries alone), so the report can show what the run itself added.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    mode, file, store_path = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    import duckdb

    from uccn_data.importer import import_file
    from uccn_data.store import CONNECT_CONFIG, Store

    # Warm both sides up on a ten-row file first (first-call costs such as building the
    # validation schema or planning the first query), so the timing is the steady state a
    # running dashboard sees. Both sides get the same treatment.
    small = store_path.with_name(f"warmup-{store_path.stem}.csv")
    small.write_text(
        "\r\n".join(file.read_text(encoding="utf-8-sig").splitlines()[:11]) + "\r\n",
        encoding="utf-8-sig",
    )
    warm_store = store_path.with_name(f"warmup-{store_path.stem}.duckdb")
    if mode == "ours":
        import_file(Store(warm_store), small.read_bytes(), small.name, "spending", user="bench")
    else:
        warm = duckdb.connect(str(warm_store), config=CONNECT_CONFIG)
        warm.execute(f"create table spending as select * from read_csv('{small}')")
        warm.close()

    before = peak_mb()
    if mode == "ours":
        store = Store(store_path)
        store.initialise()
        started = time.perf_counter()
        report = import_file(store, file.read_bytes(), file.name, "spending", user="bench")
        seconds = time.perf_counter() - started
        assert report.ok and report.result is not None, report.errors[:3]
        rows = report.result.inserted
    else:
        conn = duckdb.connect(str(store_path), config=CONNECT_CONFIG)
        started = time.perf_counter()
        conn.execute(f"create table spending as select * from read_csv('{file}')")
        rows = conn.execute("select count(*) from spending").fetchall()[0][0]
        # Closing writes the table to the file, as our commit does before it returns.
        conn.close()
        seconds = time.perf_counter() - started
    print(
        json.dumps({"seconds": seconds, "peak_mb": peak_mb(), "libraries_mb": before, "rows": rows})
    )


if __name__ == "__main__":
    main()
