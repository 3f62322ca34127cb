"""Reminder rounds over the whole store, shared by dispatcher processes, on a real server.

Four processes run ``remind_all`` on one store at once: every workspace is visited once, every
reminder reaches the sink once. A dispatcher killed with SIGKILL in the middle of its round,
while visiting or while delivering, loses nothing: once its leases run out, the next round takes
over, and at most the one reminder it had delivered but not acknowledged arrives twice.
"""

from __future__ import annotations

import os
import signal
from datetime import UTC, datetime, timedelta

import afterview_pg_workers as workers
import pytest
from afterview_postgres import PostgresStore
from test_postgres_reliability import run_processes, spawn

from afterview import PluginManager, Workspace

pytest_plugins = ["afterview_pg_fixtures"]

pytestmark = pytest.mark.slow

NOW = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
LOOK_AHEAD = timedelta(days=1)
WORKSPACES = 24


def job_searches(store: PostgresStore, plugins: PluginManager) -> int:
    """Fill the store with job searches; return how many reminders are due at :data:`NOW`,
    counted by folding every workspace (the brute force)."""
    due = 0
    for n in range(WORKSPACES):
        ws = Workspace(store, f"seeker-{n:03}", plugin_manager=plugins, clock=lambda: NOW)
        org = ws.add_organization(f"Org {n}", at=NOW - timedelta(days=20))
        person = ws.add_contact("Sam Rivera", "interviewer", organization=org)
        app = ws.submit_application(org, "Analyst", at=NOW - timedelta(days=20))
        # Some interviews are long past (their notes are due), some still ahead.
        when = NOW + timedelta(days=(n % 5) - 3, hours=12)
        interview = ws.schedule_interview(app, when, interviewers=[person], at=NOW - timedelta(15))
        if when < NOW:
            ws.record_interview_held(interview, at=when)
        due += sum(1 for advice in ws.agenda(NOW) if advice.due <= NOW + LOOK_AHEAD)
    with store.connection("make the sink") as conn:
        conn.execute("CREATE TABLE sink (key text PRIMARY KEY, times integer NOT NULL DEFAULT 1)")
    return due


def sink(store: PostgresStore) -> tuple[int, int]:
    """Distinct reminders delivered, and deliveries in all."""
    with store.connection("read the sink") as conn:
        row = conn.execute("SELECT count(*), coalesce(sum(times), 0) FROM sink").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def nothing_left(store: PostgresStore) -> None:
    with store.connection("check the outbox") as conn:
        assert conn.execute(
            "SELECT count(*) FROM afterview_outbox o LEFT JOIN sink s USING (key)"
            " WHERE o.status <> 'delivered' OR s.key IS NULL"
        ).fetchone() == (0,)
    assert all(e.indexed_version == e.version for e in store.wakeup_entries())


def test_four_dispatchers_share_a_round_and_deliver_each_reminder_once(
    pg_store: PostgresStore, pg_url: str, postgres_plugins: PluginManager
) -> None:
    expected = job_searches(pg_store, postgres_plugins)
    assert expected > WORKSPACES
    start = spawn.Barrier(4)
    reports = run_processes(
        workers.remind_round, pg_url, [{"now": NOW, "start": start, "batch": 2}] * 4
    )
    assert sum(visited for visited, _, _ in reports) == WORKSPACES
    assert sum(queued for _, queued, _ in reports) == expected
    assert sum(delivered for _, _, delivered in reports) == expected
    assert sum(1 for visited, _, _ in reports if visited) >= 2, "the dispatchers shared it"
    assert sink(pg_store) == (expected, expected)
    nothing_left(pg_store)
    # Nothing changed, nothing came due: the next round visits nobody and queues nothing.
    (again,) = run_processes(workers.remind_round, pg_url, [{"now": NOW + timedelta(minutes=15)}])
    assert again == (0, 0, 0)


@pytest.mark.parametrize(
    "hang", [{"hang_after_visits": 7}, {"hang_after_deliveries": 5}], ids=["visiting", "delivering"]
)
def test_a_dispatcher_killed_mid_round_loses_nothing(
    pg_store: PostgresStore,
    pg_url: str,
    postgres_plugins: PluginManager,
    hang: dict[str, int],
) -> None:
    expected = job_searches(pg_store, postgres_plugins)
    told = spawn.Queue()
    results = spawn.Queue()
    doomed = spawn.Process(
        target=workers.remind_round,
        args=(pg_url,),
        kwargs={"now": NOW, "signal": told, "results": results, **hang},
    )
    doomed.start()
    told.get(timeout=120)  # it is in the middle of its round, holding leases
    assert doomed.pid is not None
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.join()
    assert doomed.exitcode == -signal.SIGKILL
    assert sink(pg_store)[0] < expected
    # The next round, once the dead one's leases ran out (5 minutes by default).
    later = NOW + timedelta(minutes=6)
    run_processes(workers.remind_round, pg_url, [{"now": later}])
    distinct, deliveries = sink(pg_store)
    assert distinct == expected
    # At most the reminder it delivered without acknowledging goes out twice.
    assert deliveries - distinct <= 1
    nothing_left(pg_store)


def test_an_idle_round_reads_the_wake_up_index_not_a_scan(pg_store: PostgresStore) -> None:
    with pg_store.connection("fill the index") as conn:
        # Many workspaces, all idle but a few: the shape of a platform between two rounds.
        conn.execute(
            "INSERT INTO afterview_wakeups (workspace, version, indexed_version, wake_at)"
            " SELECT 'ws' || n, 5, 5, %s + n * interval '1 minute'"
            " FROM generate_series(1, 50000) AS n",
            (NOW,),
        )
        conn.execute("ANALYZE afterview_wakeups")
        plan = "\n".join(
            str(r[0])
            for r in conn.execute(
                "EXPLAIN SELECT workspace FROM afterview_wakeups"
                " WHERE visit_at <= %(now)s AND version > 0"
                " AND (lease_until IS NULL OR lease_until <= %(now)s)"
                " ORDER BY visit_at, workspace LIMIT 50 FOR UPDATE SKIP LOCKED",
                {"now": NOW},
            )
        )
    assert "afterview_wakeups_visit" in plan
    assert "Seq Scan" not in plan
    assert pg_store.wakeup_claim(NOW, owner="d", lease=timedelta(minutes=5), limit=50) == []
    due = pg_store.wakeup_claim(
        NOW + timedelta(minutes=3), owner="d", lease=timedelta(minutes=5), limit=50
    )
    assert due == ["ws1", "ws2", "ws3"]
