"""How much the SQLite store costs over raw ``sqlite3`` doing the same work.

Three measurements, each against a raw baseline in the same run, with the same pragmas (WAL,
``synchronous=FULL``) on the same file system:

* batch append — 10,000 serialized events in one append vs. one ``executemany`` transaction;
* full read — every event of the workspace vs. one ``SELECT`` of the same rows, both reading a
  log written one event at a time (each row with its own ``recorded_at``);
* single durable appends — one event per transaction, as a person recording as they go.

Run ``python benchmarks/bench_sqlite.py`` (``--write-docs`` also updates the ``## SQLite store``
section of ``docs/performance.md``; ``--dir`` chooses where the database files go).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from afterview import dumps_event, loads_event
from afterview.events import ContactAdded, OrganizationAdded
from afterview.model import Role
from afterview.stores.sqlite import MIGRATIONS, SQLiteStore

EVENTS = 10_000
SINGLE_APPENDS = 200
REPEATS = 11
T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
DOCS = Path(__file__).parent.parent / "docs" / "performance.md"


def serialized_events(count: int) -> list[str]:
    records = []
    for n in range(count):
        at = T0 + timedelta(minutes=n)
        if n % 2:
            event: OrganizationAdded | ContactAdded = OrganizationAdded(
                at=at, organization_id=f"org_{n}", name=f"Organization number {n}"
            )
        else:
            event = ContactAdded(
                at=at,
                person_id=f"per_{n}",
                role=Role.INTERVIEWER,
                name=f"Person {n}",
                title="Engineering manager",
                notes="met at the second-round interview",
            )
        records.append(dumps_event(event))
    return records


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain connection with the store's durability settings and schema."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("BEGIN IMMEDIATE")  # the schema in one transaction, as the store makes it
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("COMMIT")
    return conn


def best_seconds(*runs: Callable[[Path], float], workdir: Path) -> tuple[float, ...]:
    """The best time of each run, taking turns so that all see the same background load."""
    times: list[list[float]] = [[] for _ in runs]
    for attempt in range(REPEATS):
        for run, measured in zip(runs, times, strict=True):
            measured.append(run(workdir / f"{run.__name__}-{attempt}.sqlite"))
    return tuple(min(t) for t in times)  # the least disturbed: other load only ever adds time


RECORDS = serialized_events(EVENTS)
STAMP = T0.isoformat(timespec="microseconds")


def store_batch_append(database: Path) -> float:
    store = SQLiteStore(f"sqlite:///{database}")
    handle = store.workspace("bench")
    start = time.perf_counter()
    handle.append(RECORDS, expected_version=0, recorded_at=T0)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def raw_batch_append(database: Path) -> float:
    conn = raw_connection(database)
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO events (workspace, position, data, recorded_at) VALUES (?, ?, ?, ?)",
        (("bench", i + 1, data, STAMP) for i, data in enumerate(RECORDS)),
    )
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def single_event_log(database: Path) -> None:
    """The log both read measurements read: written one event at a time, as a person records,
    each row with its own ``recorded_at`` (a log of one batch has one, which a reader could
    parse once for all)."""
    store = SQLiteStore(f"sqlite:///{database}?synchronous=OFF")
    handle = store.workspace("bench")
    for n, data in enumerate(RECORDS):
        handle.append([data], expected_version=n, recorded_at=T0 + timedelta(seconds=n))
    store.close()


def store_full_read(database: Path) -> float:
    single_event_log(database)
    store = SQLiteStore(f"sqlite:///{database}")
    handle = store.workspace("bench")
    start = time.perf_counter()
    count = sum(1 for _ in handle.read())
    elapsed = time.perf_counter() - start
    assert count == EVENTS
    store.close()
    return elapsed


def store_query_only(database: Path) -> float:
    """The store's own SELECT, without making StoredEvent objects: where the time goes."""
    single_event_log(database)
    store = SQLiteStore(f"sqlite:///{database}")
    conn = store._connection()
    start = time.perf_counter()
    rows = conn.execute(
        "SELECT position, data, recorded_at FROM events WHERE workspace = ? AND position > ? "
        "ORDER BY position",
        ("bench", 0),
    ).fetchall()
    elapsed = time.perf_counter() - start
    assert len(rows) == EVENTS
    store.close()
    return elapsed


def decode_all(_database: Path) -> float:
    """For scale: turning the same records into events, which every reader does next."""
    start = time.perf_counter()
    for record in RECORDS:
        loads_event(record)
    return time.perf_counter() - start


def raw_full_read(database: Path) -> float:
    single_event_log(database)
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    start = time.perf_counter()
    rows = conn.execute(
        "SELECT position, data, recorded_at FROM events WHERE workspace = ? ORDER BY position",
        ("bench",),
    ).fetchall()
    elapsed = time.perf_counter() - start
    assert len(rows) == EVENTS
    conn.close()
    return elapsed


def store_single_appends(database: Path) -> float:
    store = SQLiteStore(f"sqlite:///{database}")
    handle = store.workspace("bench")
    start = time.perf_counter()
    for version, data in enumerate(RECORDS[:SINGLE_APPENDS]):
        handle.append([data], expected_version=version, recorded_at=T0)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def raw_single_appends(database: Path) -> float:
    conn = raw_connection(database)
    start = time.perf_counter()
    for version, data in enumerate(RECORDS[:SINGLE_APPENDS]):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO events (workspace, position, data, recorded_at) VALUES (?, ?, ?, ?)",
            ("bench", version + 1, data, STAMP),
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def measure(workdir: Path) -> dict[str, tuple[float, float]]:
    """One round of every measurement: label → (store seconds, raw seconds)."""
    batch = best_seconds(store_batch_append, raw_batch_append, workdir=workdir)
    read_store, read_raw, query_only = best_seconds(
        store_full_read, raw_full_read, store_query_only, workdir=workdir
    )
    single = best_seconds(store_single_appends, raw_single_appends, workdir=workdir)
    return {
        f"batch append of {EVENTS:,} events": (batch[0], batch[1]),
        f"full read of {EVENTS:,} events": (read_store, read_raw),
        "— of which the store's SELECT alone": (query_only, read_raw),
        f"{SINGLE_APPENDS} single durable appends": (single[0], single[1]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=None, help="where the database files go")
    parser.add_argument("--rounds", type=int, default=3, help="whole rounds to run (default 3)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(dir=args.dir, prefix="afterview-bench-") as tmp:
        rounds = []
        for n in range(args.rounds):
            workdir = Path(tmp) / f"round-{n}"
            workdir.mkdir()
            rounds.append(measure(workdir))
        (decoding,) = best_seconds(decode_all, workdir=Path(tmp))

    lines = [
        "## SQLite store",
        "",
        f"Measured with `python benchmarks/bench_sqlite.py` on {os.cpu_count()} cores "
        f"({platform.machine()}, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}), WAL and `synchronous=FULL` for both sides. The raw "
        "baseline is plain `sqlite3` doing the same inserts and selects on the same schema, "
        f"in one transaction. Each time is the best of {REPEATS} runs, store and raw taking "
        f"turns; the ratio is the median over {len(rounds)} rounds, with the lowest and highest "
        "in brackets, because this machine is shared and its disk latency varies. Both reads "
        "read the same kind of log: written one event at a time, each row with its own "
        "`recorded_at`.",
        "",
        "| operation | store | raw sqlite3 | ratio |",
        "|---|---:|---:|---:|",
    ]
    for label in rounds[0]:
        pairs = [r[label] for r in rounds]
        ratios = sorted(store_s / raw_s for store_s, raw_s in pairs)
        store_best = min(p[0] for p in pairs)
        raw_best = min(p[1] for p in pairs)
        lines.append(
            f"| {label} | {store_best * 1000:.1f} ms | {raw_best * 1000:.1f} ms | "
            f"{statistics.median(ratios):.2f}× ({ratios[0]:.2f}–{ratios[-1]:.2f}) |"
        )
    read_label = f"full read of {EVENTS:,} events"
    read_ratio = statistics.median(r[read_label][0] / r[read_label][1] for r in rounds)
    singles = [r[f"{SINGLE_APPENDS} single durable appends"] for r in rounds]
    store_rates = sorted(SINGLE_APPENDS / s for s, _ in singles)
    raw_rates = sorted(SINGLE_APPENDS / r for _, r in singles)
    lines += [
        "",
        f"Single durable appends per second (each waits for the disk to confirm): "
        f"{statistics.median(store_rates):.0f} through the store "
        f"({store_rates[0]:.0f}–{store_rates[-1]:.0f}), "
        f"{statistics.median(raw_rates):.0f} raw ({raw_rates[0]:.0f}–{raw_rates[-1]:.0f}). "
        "These follow the disk's flush latency, which on a shared virtual machine can change "
        "by an order of magnitude from one run to the next; compare the ratio, not the rate.",
        "",
        f"**The full read misses the 1.5× target, at {read_ratio:.2f}×.** Its SQL alone costs "
        "what raw does (the row above); the rest is handing out one `StoredEvent` per row with "
        "its `recorded_at` parsed into a datetime, where the raw baseline keeps sqlite3's "
        "tuples of strings. An earlier version of this benchmark read a log appended as one "
        "batch, whose rows share one `recorded_at` that the store parses once, and reported "
        "1.8×: a log a person records one event at a time has a time per row, which is what "
        "both sides read now. A workspace reading through a snapshot "
        "(`benchmarks/bench_snapshot.py`) reads only the rows after it.",
        "",
        f"For scale: decoding those {EVENTS:,} records into events (`loads_event`), which every "
        f"reader of the log does next, takes {decoding * 1000:.0f} ms.",
        "",
    ]
    section = "\n".join(lines)
    print(section)
    if args.write_docs:
        write_section(section)
    return 0


def write_section(section: str) -> None:
    """Replace this benchmark's section of docs/performance.md, leaving the others alone."""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Performance\n"
    start = text.find("## SQLite store")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + ("" if end == -1 else text[end:])
    DOCS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
