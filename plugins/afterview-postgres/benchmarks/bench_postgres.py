"""Benchmark the PostgreSQL store against raw psycopg on the same rows, in the same run.

    python plugins/afterview-postgres/benchmarks/bench_postgres.py            # throwaway server
    python plugins/afterview-postgres/benchmarks/bench_postgres.py --durable  # with fsync on
    AFTERVIEW_POSTGRES_URL=postgresql://... python .../bench_postgres.py      # an existing server

Measures:

* appending: the store's ``append`` against ``executemany`` and ``COPY`` of the same rows, with
  the same transaction per batch (one event per append, and 100 per append);
* reading a workspace's log: ``read`` against a plain ``SELECT``;

Both sides alike: the raw connection is in autocommit mode with the store's ``SET TIME ZONE
'UTC'``, so each append is one round trip on both sides and neither pays a separate commit;
the sides take turns in a rotating order, and each figure is the median of several runs.
* claiming due reminders with 1,000 and with 100,000 workspaces in the outbox, and the plan
  PostgreSQL chooses for the claim query.

Each database is created for the run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import psycopg
from afterview_postgres import PostgresStore
from afterview_postgres.cluster import TemporaryCluster

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)
RECORD = (
    '{"type": "ThankYouSent", "schema_version": 1, "at": "2026-05-04T17:30:00+00:00", '
    '"thank_you_id": "thx_3f9c2a7b1d0e", "person_id": "per_8a7b6c5d4e3f", '
    '"interview_id": "int_1a2b3c4d5e6f", "medium": "email"}'
)


@contextmanager
def database(admin_url: str) -> Iterator[str]:
    name = f"afterview_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    parts = urlsplit(admin_url)
    try:
        yield f"{parts.scheme}://{parts.netloc}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def raw_connection(url: str) -> psycopg.Connection[tuple[object, ...]]:
    """A plain connection set up as the store's are: autocommit, timestamps in UTC."""
    conn = psycopg.connect(url, autocommit=True)
    conn.execute("SET TIME ZONE 'UTC'")
    return conn


def alternating(sides: dict[str, Callable[[int], object]], repeats: int) -> dict[str, float]:
    """The median time of each side over ``repeats`` runs, the order of the sides rotating from
    one run to the next so that none is always first (or always after another's writes)."""
    names = list(sides)
    times: dict[str, list[float]] = {name: [] for name in names}
    for run in range(repeats):
        shift = run % len(names)
        for name in names[shift:] + names[:shift]:
            started = time.perf_counter()
            sides[name](run)
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(t) for name, t in times.items()}


def bench_append_and_read(
    url: str, workspaces: int, events: int, batch: int, repeats: int = 5
) -> None:
    store = PostgresStore(url)
    # Autocommit like the store: one round trip per append and no separate COMMIT, on either side.
    raw = raw_connection(url)
    total = workspaces * events
    try:

        def via_store(run: int) -> None:
            for w in range(workspaces):
                log = store.workspace(f"store-{batch}-{run}-{w}")
                for start in range(0, events, batch):
                    log.append([RECORD] * batch, expected_version=start, recorded_at=T0)

        def via_executemany(run: int) -> None:
            for w in range(workspaces):
                for start in range(0, events, batch):
                    # psycopg sends the batch in one pipeline: one round trip, as the store.
                    with raw.cursor() as cur:
                        cur.executemany(
                            "INSERT INTO afterview_events (workspace, position, data, recorded_at)"
                            " VALUES (%s, %s, %s, %s)",
                            [
                                (f"many-{batch}-{run}-{w}", start + i + 1, RECORD, T0)
                                for i in range(batch)
                            ],
                        )

        def via_copy(run: int) -> None:
            for w in range(workspaces):
                for start in range(0, events, batch):
                    with (
                        raw.cursor() as cur,
                        cur.copy(
                            "COPY afterview_events (workspace, position, data, recorded_at)"
                            " FROM STDIN"
                        ) as copy,
                    ):
                        for i in range(batch):
                            copy.write_row((f"copy-{batch}-{run}-{w}", start + i + 1, RECORD, T0))

        results = alternating(
            {
                "store append": via_store,
                "raw executemany": via_executemany,
                "raw COPY": via_copy,
            },
            repeats,
        )
        best_raw = min(results["raw executemany"], results["raw COPY"])
        print(f"\nappend: {workspaces} workspaces x {events} events, {batch} per append")
        print(f"  (median of {repeats} runs, sides alternating)")
        for label, seconds in results.items():
            print(f"  {label:16} {total / seconds:10,.0f} events/s  ({seconds:.2f} s)")
        print(f"  store / fastest raw: {results['store append'] / best_raw:.2f}x")

        def read_store(run: int) -> None:
            for w in range(workspaces):
                list(store.workspace(f"store-{batch}-{run}-{w}").read())

        def read_raw(run: int) -> None:
            for w in range(workspaces):
                raw.execute(
                    "SELECT position, data, recorded_at FROM afterview_events"
                    " WHERE workspace = %s AND position > 0 ORDER BY position",
                    (f"many-{batch}-{run}-{w}",),
                ).fetchall()

        reads = alternating({"store": read_store, "raw": read_raw}, repeats)
        store_read, raw_read = reads["store"], reads["raw"]
        print(f"read: whole logs of {workspaces} workspaces ({events} events each)")
        print(f"  store read       {total / store_read:10,.0f} events/s  ({store_read:.2f} s)")
        print(f"  raw SELECT       {total / raw_read:10,.0f} events/s  ({raw_read:.2f} s)")
        print(f"  store / raw: {store_read / raw_read:.2f}x")
    finally:
        raw.close()
        store.close()


def bench_claim(url: str, workspaces: int, rounds: int = 50) -> float:
    """Median seconds for one ``claim_due`` of 100 items, with ``workspaces`` in the outbox."""
    store = PostgresStore(url)
    try:
        with store.connection("fill the outbox") as conn:
            # Five items per workspace: most delivered, one reminder due later, and 1,000
            # pending and due in total whatever the number of workspaces.
            conn.execute(
                "INSERT INTO afterview_outbox (workspace, key, channel, payload, due, status)"
                " SELECT 'ws' || w, 'k' || k, 'console:', '{}',"
                "  %(t0)s + (w * 5 + k) * interval '1 second' * %(spread)s"
                "   + CASE WHEN k = 4 THEN interval '30 days' ELSE interval '0' END,"
                "  CASE WHEN k = 4 OR (k = 0 AND w < 1000) THEN 'pending' ELSE 'delivered' END"
                " FROM generate_series(0, %(n)s - 1) AS w, generate_series(0, 4) AS k",
                {"t0": T0, "n": workspaces, "spread": 1000 / workspaces},
            )
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE afterview_outbox")
            now = T0 + timedelta(days=1)
            plan = conn.execute(
                "EXPLAIN SELECT workspace, key FROM afterview_outbox WHERE status = 'pending'"
                " AND next_at <= %(now)s AND (lease_until IS NULL OR lease_until <= %(now)s)"
                " ORDER BY next_at, workspace, key LIMIT 100 FOR UPDATE SKIP LOCKED",
                {"now": now},
            ).fetchall()
            rows = conn.execute("SELECT count(*) FROM afterview_outbox").fetchone()
            times = []
            for _ in range(rounds):
                times.append(timed(lambda: store.claim_due(now, lease=LEASE, limit=100)))
                # Release the leases (untimed) so every round claims the same 100 items.
                conn.execute(
                    "UPDATE afterview_outbox SET lease_until = NULL WHERE lease_until IS NOT NULL"
                )
        median = statistics.median(times)
        print(f"\nclaim_due(limit=100): {workspaces:,} workspaces, {rows[0] if rows else 0:,} rows")
        print(f"  median {median * 1000:.2f} ms over {rounds} claims")
        print("  plan: " + "\n        ".join(str(r[0]) for r in plan))
        return median
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--durable", action="store_true", help="keep fsync on (throwaway server)")
    args = parser.parse_args()
    external = os.environ.get("AFTERVIEW_POSTGRES_URL")
    cluster = None if external else TemporaryCluster(durable=args.durable).start()
    admin_url = external or (cluster.url() if cluster else "")
    try:
        with psycopg.connect(admin_url) as conn:
            row = conn.execute("SHOW server_version").fetchone()
            fsync = conn.execute("SHOW fsync").fetchone()
        print(f"PostgreSQL {row[0] if row else '?'}, fsync={fsync[0] if fsync else '?'}")
        with database(admin_url) as url:
            bench_append_and_read(url, workspaces=200, events=50, batch=1)
            bench_append_and_read(url, workspaces=20, events=1000, batch=100)
        with database(admin_url) as url:
            small = bench_claim(url, 1_000)
        with database(admin_url) as url:
            large = bench_claim(url, 100_000)
        print(f"\nclaim cost, 100k / 1k workspaces: {large / small:.2f}x")
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
