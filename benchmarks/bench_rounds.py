"""Benchmark reminder rounds over a whole PostgreSQL store (``remind_all``), in one run.

    python benchmarks/bench_rounds.py                 # throwaway server, PostgreSQL's defaults
    python benchmarks/bench_rounds.py --pairs 3       # fewer timing pairs
    AFTERVIEW_POSTGRES_URL=postgresql://... python benchmarks/bench_rounds.py

Needs afterview-postgres. Measures, with a notifier that does nothing:

* a round where 1% of the workspaces are due, at 10,000 and at 100,000 workspaces (and the same
  100 due workspaces in both stores, which isolates the cost of the store's size);
* an idle round (nothing changed, nothing due) at 100,000 workspaces;
* the same round run by 4 dispatcher processes against 1.

Only the round is timed. The workspaces are bulk-loaded through SQL: one job search is recorded
through the library, then copied server-side under other names (events, keys, and the index
entry its first round wrote). Before every timed round the due workspaces are made due again
and their reminders taken out of the outbox, outside the timing. The two sides of each ratio
take turns, and each ratio is the median over the pairs.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from urllib.parse import urlsplit

import psycopg
from afterview_postgres import PostgresStore
from afterview_postgres.cluster import TemporaryCluster

from afterview import Notification, PluginManager, Workspace, hookimpl, remind_all

NOW = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
TEMPLATE = "template"


class NullNotifier:
    url = "null:"

    def notify(self, notification: Notification) -> bool:
        return True


class NullChannel:
    @hookimpl
    def afterview_open_notifier(self, url: str) -> NullNotifier | None:
        return NullNotifier() if url == "null:" else None

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"notifier": ["null:"]}


def plugins() -> PluginManager:
    manager = PluginManager()
    manager.register(NullChannel(), name="null-channel")
    return manager


@contextmanager
def database(admin_url: str) -> Iterator[str]:
    name = f"afterview_rounds_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    parts = urlsplit(admin_url)
    try:
        yield f"{parts.scheme}://{parts.netloc}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def load(url: str, workspaces: int) -> None:
    """One job search recorded through the library, its first round run, then copied to
    ``workspaces`` workspaces in a few statements; every copy starts idle (woken in a month)."""
    manager = plugins()
    store = PostgresStore(url)
    try:
        ws = Workspace(store, TEMPLATE, plugin_manager=manager, clock=lambda: NOW)
        # No contact, so nothing is sealed under a person's key (which binds it to its
        # workspace): the events can be copied under other workspaces' names as they are.
        org = ws.add_organization("Northwind Labs", at=NOW - timedelta(days=20))
        app = ws.submit_application(org, "Product Analyst", at=NOW - timedelta(days=20))
        held = NOW - timedelta(days=8)
        interview = ws.schedule_interview(app, held, at=NOW - timedelta(days=15))
        ws.record_interview_held(interview, nobody_else=True, at=held)
        ws.record_decision(app, "rejected", at=NOW - timedelta(days=3))
        ws.plan_action("skill_plan", "Practise case studies", NOW - timedelta(hours=2))
        ws.plan_action("skill_plan", "Rewrite the CV summary", NOW + timedelta(hours=20))
        remind_all(store, NOW, ["null:"], plugin_manager=manager)
    finally:
        store.close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO afterview_events (workspace, position, data, recorded_at)"
            " SELECT 'ws-' || n, e.position, e.data, e.recorded_at"
            " FROM afterview_events e, generate_series(1, %s) AS n WHERE e.workspace = %s",
            (workspaces, TEMPLATE),
        )
        conn.execute(
            "UPDATE afterview_wakeups w SET indexed_version = t.indexed_version,"
            " wake_at = %s, agenda = t.agenda FROM afterview_wakeups t"
            " WHERE t.workspace = %s AND w.workspace LIKE 'ws-%%'",
            (NOW + timedelta(days=30), TEMPLATE),
        )
        conn.execute("DELETE FROM afterview_outbox")
        conn.execute("VACUUM ANALYZE")


def make_due(url: str, count: int) -> None:
    """Make ``count`` workspaces due now, with nothing of theirs in the outbox (untimed)."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM afterview_outbox")
        # Only the rows the last round touched: rewriting all 100,000 would bloat the table
        # and its index between runs, which no real round does.
        conn.execute(
            "UPDATE afterview_wakeups SET wake_at = %(later)s, lease_owner = NULL,"
            " lease_until = NULL WHERE workspace LIKE 'ws-%%'"
            " AND (wake_at IS DISTINCT FROM %(later)s OR lease_owner IS NOT NULL)",
            {"later": NOW + timedelta(days=30)},
        )
        conn.execute(
            "UPDATE afterview_wakeups SET wake_at = %s WHERE workspace = ANY(%s)",
            (NOW - timedelta(minutes=1), [f"ws-{n}" for n in range(1, count + 1)]),
        )


def one_round(url: str) -> tuple[float, int]:
    """Time one round in this process; return (seconds, workspaces visited)."""
    manager = plugins()
    store = PostgresStore(url)
    try:
        started = time.perf_counter()
        report = remind_all(store, NOW, ["null:"], plugin_manager=manager)
        return time.perf_counter() - started, report.visited
    finally:
        store.close()


def dispatcher(url: str, start: Barrier, results: Queue[tuple[float, float, int]]) -> None:
    manager = plugins()
    store = PostgresStore(url)
    try:
        start.wait()
        began = time.time()
        report = remind_all(store, NOW, ["null:"], plugin_manager=manager)
        results.put((began, time.time(), report.visited))
    finally:
        store.close()


def parallel_round(url: str, processes: int) -> tuple[float, int]:
    """Time one round shared by ``processes`` dispatcher processes (their start-up untimed)."""
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(processes)
    results: Queue[tuple[float, float, int]] = spawn.Queue()
    workers = [
        spawn.Process(target=dispatcher, args=(url, start, results)) for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=3600) for _ in workers]
    for worker in workers:
        worker.join()
    began = min(r[0] for r in reports)
    ended = max(r[1] for r in reports)
    return ended - began, sum(r[2] for r in reports)


def ratio(
    pairs: int, left: Callable[[], float], right: Callable[[], float]
) -> tuple[float, float, float, list[float]]:
    """Median of left ÷ right over ``pairs`` pairs, sides alternating which goes first."""
    ratios, lefts, rights = [], [], []
    for n in range(pairs):
        if n % 2:
            r, lt = right(), left()
        else:
            lt, r = left(), right()
        lefts.append(lt)
        rights.append(r)
        ratios.append(lt / r)
    return statistics.median(lefts), statistics.median(rights), statistics.median(ratios), ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    external = os.environ.get("AFTERVIEW_POSTGRES_URL")
    cluster = None if external else TemporaryCluster(durable=True).start()
    admin = external or (cluster.url() if cluster else "")
    try:
        with database(admin) as small, database(admin) as large:
            started = time.perf_counter()
            load(small, args.small)
            load(large, args.large)
            print(f"loaded {args.small:,} and {args.large:,} workspaces")
            print(f"  in {time.perf_counter() - started:.1f} s (untimed)")

            def round_of(url: str, due: int) -> Callable[[], float]:
                def run() -> float:
                    make_due(url, due)
                    seconds, visited = one_round(url)
                    assert visited == due, (visited, due)
                    return seconds

                return run

            one_pct_small, one_pct_large = args.small // 100, args.large // 100
            lt, rt, r, all_r = ratio(
                args.pairs, round_of(large, one_pct_large), round_of(small, one_pct_small)
            )
            print(
                f"1% due: {args.large:,} ws ({one_pct_large} due) {lt:.2f} s, "
                f"{args.small:,} ws ({one_pct_small} due) {rt:.2f} s: ratio {r:.2f}x "
                f"({min(all_r):.2f}-{max(all_r):.2f})"
            )
            lt, rt, r, all_r = ratio(
                args.pairs, round_of(large, one_pct_small), round_of(small, one_pct_small)
            )
            print(
                f"same {one_pct_small} due: {args.large:,} ws {lt:.2f} s, {args.small:,} ws "
                f"{rt:.2f} s: ratio {r:.2f}x ({min(all_r):.2f}-{max(all_r):.2f})"
            )
            idle = []
            for _ in range(args.pairs):
                make_due(large, 0)
                seconds, visited = one_round(large)
                assert visited == 0
                idle.append(seconds)
            print(
                f"idle round, {args.large:,} ws: median {statistics.median(idle) * 1000:.1f} ms "
                f"({min(idle) * 1000:.1f}-{max(idle) * 1000:.1f})"
            )

            def shared(processes: int) -> Callable[[], float]:
                def run() -> float:
                    make_due(large, one_pct_large)
                    seconds, visited = parallel_round(large, processes)
                    assert visited == one_pct_large, visited
                    return seconds

                return run

            lt, rt, r, all_r = ratio(args.pairs, shared(1), shared(4))
            print(
                f"{one_pct_large} due of {args.large:,} ws: 1 dispatcher {lt:.2f} s, "
                f"4 dispatchers {rt:.2f} s: speed-up {r:.2f}x ({min(all_r):.2f}-{max(all_r):.2f})"
            )
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
