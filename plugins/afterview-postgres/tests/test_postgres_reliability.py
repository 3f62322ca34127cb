"""Several processes at once, and a server restart, against a real PostgreSQL server."""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import afterview_pg_workers as workers
import psycopg
import pytest
from afterview_postgres import SCHEMA_VERSION, PostgresStore

pytest_plugins = ["afterview_pg_fixtures"]

pytestmark = pytest.mark.slow

spawn = multiprocessing.get_context("spawn")


def run_processes(target: Callable[..., None], url: str, kwargs: list[dict[str, Any]]) -> list[Any]:
    """Run ``target`` once per ``kwargs``, each in its own process; return what they reported."""
    results = spawn.Queue()
    processes = [
        spawn.Process(target=target, args=(url,), kwargs={**k, "results": results}) for k in kwargs
    ]
    for process in processes:
        process.start()
    collected: list[Any] = []
    while len(collected) < len(processes):
        try:
            collected.append(results.get(timeout=0.5))
        except queue.Empty:  # polling, so that a crashed process fails the test, not hangs it
            crashed = [p.exitcode for p in processes if p.exitcode not in (None, 0)]
            assert not crashed, f"a worker process failed (exit codes {crashed})"
    for process in processes:
        process.join()
        assert process.exitcode == 0
    return collected


def test_processes_opening_an_empty_database_at_once_migrate_it_once(
    pg_url: str,
) -> None:
    versions = run_processes(workers.open_store, pg_url, [{}] * 4)
    assert versions == [SCHEMA_VERSION] * 4
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM afterview_schema").fetchone() == (1,)


def test_a_database_migrated_by_a_newer_version_is_refused(pg_url: str) -> None:
    PostgresStore(pg_url).close()
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE afterview_schema SET version = version + 1")
    from afterview import StoreError

    with pytest.raises(StoreError, match="newer"):
        PostgresStore(pg_url)


def test_four_dispatcher_processes_deliver_10k_items_of_1000_workspaces_exactly_once(
    pg_store: PostgresStore, pg_url: str
) -> None:
    with pg_store.connection("fill the outbox") as conn:
        # Filled in one statement: the subject is dispatching, not putting.
        conn.execute(
            "INSERT INTO afterview_outbox (workspace, key, channel, payload, due)"
            " SELECT 'ws' || (n %% 1000), 'k' || n, 'console:', '{}', %s - n * interval '1 s'"
            " FROM generate_series(1, 10000) AS n",
            (datetime.now(UTC) - timedelta(minutes=1),),
        )
        conn.execute(
            "CREATE TABLE sink (workspace text, key text, times integer NOT NULL DEFAULT 1,"
            " PRIMARY KEY (workspace, key))"
        )
    start = spawn.Barrier(4)
    reports = run_processes(workers.dispatch, pg_url, [{"batch": 50, "start": start}] * 4)
    assert sum(delivered for _, delivered in reports) == 10_000
    assert all(claims > 0 for claims, _ in reports), "every dispatcher took a share"
    with pg_store.connection("check the sink") as conn:
        assert conn.execute("SELECT count(*), max(times) FROM sink").fetchone() == (10_000, 1)
        assert conn.execute(
            "SELECT count(*) FROM afterview_outbox o LEFT JOIN sink s USING (workspace, key)"
            " WHERE o.status <> 'delivered' OR s.key IS NULL"
        ).fetchone() == (0,)


def test_writers_in_several_processes_conflict_retry_and_lose_no_event(
    pg_store: PostgresStore, pg_url: str
) -> None:
    writers, rounds = 4, 25
    barrier = spawn.Barrier(writers)
    conflicts = run_processes(
        workers.write_rounds,
        pg_url,
        [
            {"workspace": "shared", "writer": w, "rounds": rounds, "barrier": barrier}
            for w in range(writers)
        ],
    )
    # Each round all four expect the same version: one wins, three must retry at least once.
    assert sum(conflicts) >= (writers - 1) * rounds
    stored = [e.data for e in pg_store.workspace("shared").read()]
    expected = {f'{{"writer": {w}, "n": {n}}}' for w in range(writers) for n in range(rounds)}
    assert len(stored) == writers * rounds
    assert set(stored) == expected
    assert [e.position for e in pg_store.workspace("shared").read()] == list(
        range(1, writers * rounds + 1)
    )


def wait_for(condition: Callable[[], bool]) -> None:
    while not condition():
        time.sleep(0.02)


def test_a_server_restart_mid_run_loses_no_committed_event_and_the_pool_reconnects(
    postgres_server: Any, pg_store: PostgresStore, pg_url: str
) -> None:
    if postgres_server.cluster is None:
        pytest.skip("restarting needs the throwaway server (AFTERVIEW_POSTGRES_URL is set)")
    log = pg_store.workspace("restart")
    stop = spawn.Event()
    results = spawn.Queue()
    writer = spawn.Process(
        target=workers.write_until_stopped,
        args=(pg_url,),
        kwargs={"workspace": "restart", "stop": stop, "results": results},
    )
    writer.start()
    wait_for(lambda: log.version() >= 30)
    postgres_server.cluster.restart()
    # The same store, not reopened: its pool replaces the connections the restart cut.
    after_restart = log.version()
    wait_for(lambda: log.version() >= after_restart + 30)
    stop.set()
    acknowledged, _interrupted = results.get()
    writer.join()
    assert writer.exitcode == 0
    assert [e.data for e in log.read()] == acknowledged
    assert len(acknowledged) >= after_restart + 30
