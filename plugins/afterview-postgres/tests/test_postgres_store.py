"""The PostgreSQL store against a real server: log, outbox, redaction, workspaces."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import psycopg
import pytest
from afterview_postgres import PostgresStore
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import (
    ConcurrencyError,
    DataError,
    NotFoundError,
    OutboxItem,
    OutboxStatus,
    PluginManager,
    Store,
    Workspace,
    WorkspaceStore,
    dumps_event,
    loads_event,
)
from afterview.testing.strategies import events

pytest_plugins = ["afterview_pg_fixtures"]

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


def item(key: str, due: datetime = T0, workspace: str = "ignored") -> OutboxItem:
    return OutboxItem(key=key, workspace=workspace, channel="console:", payload="{}", due=due)


def log_of(handle: WorkspaceStore) -> list[tuple[int, str]]:
    return [(e.position, e.data) for e in handle.read()]


# --- the log ---------------------------------------------------------------------------------


def test_a_postgresql_url_opens_a_workspace_that_a_second_process_can_read(
    pg_url: str, postgres_plugins: PluginManager
) -> None:
    from afterview import events as ev

    with Workspace.open(pg_url, name="dana", plugin_manager=postgres_plugins) as first:
        first.record(
            ev.OrganizationAdded(at=T0, organization_id="org_1", name="Acme"),
        )
    with Workspace.open(pg_url, name="dana", plugin_manager=postgres_plugins) as second:
        assert "org_1" in second.refresh().organizations
        assert second.refresh().version == 1


def test_the_store_meets_the_protocol_and_both_url_schemes_open_it(
    pg_url: str, postgres_plugins: PluginManager
) -> None:
    for url in (pg_url, "postgres://" + pg_url.removeprefix("postgresql://")):
        opened = postgres_plugins.open_store(url)
        try:
            assert isinstance(opened, Store)
            assert isinstance(opened.workspace("w"), WorkspaceStore)
        finally:
            opened.close()


def test_appended_records_read_back_in_order_byte_for_byte(pg_store: PostgresStore) -> None:
    log = pg_store.workspace("w")
    records = ['{"b": 1, "a": 2}', '{"x":  "caf\\u00e9 ☕"}', "{}"]
    at = datetime(2026, 5, 4, 11, 0, tzinfo=timezone(timedelta(hours=2)))
    assert log.append(records, expected_version=0, recorded_at=at) == 3
    assert log.append(["{}"], expected_version=3, recorded_at=at) == 4
    stored = list(log.read())
    assert [e.data for e in stored] == [*records, "{}"]
    assert [e.position for e in stored] == [1, 2, 3, 4]
    assert all(e.recorded_at == at for e in stored)
    assert [e.position for e in log.read(after=2)] == [3, 4]
    assert log.version() == 4


def test_a_writer_behind_the_log_gets_a_concurrency_error_and_stores_nothing(
    pg_store: PostgresStore,
) -> None:
    log = pg_store.workspace("w")
    log.append(["{}", "{}"], expected_version=0, recorded_at=T0)
    with pytest.raises(ConcurrencyError) as raised:
        log.append(['{"late": 1}', '{"late": 2}', "{}"], expected_version=1, recorded_at=T0)
    assert (raised.value.expected, raised.value.actual) == (1, 2)
    assert log_of(log) == [(1, "{}"), (2, "{}")]


def test_a_writer_ahead_of_the_log_gets_a_concurrency_error_and_leaves_no_gap(
    pg_store: PostgresStore,
) -> None:
    log = pg_store.workspace("w")
    log.append(["{}"], expected_version=0, recorded_at=T0)
    for expected in (5, -1):
        with pytest.raises(ConcurrencyError):
            log.append(['{"x": 1}'], expected_version=expected, recorded_at=T0)
    with pytest.raises(ConcurrencyError):
        log.append([], expected_version=3, recorded_at=T0)
    assert log_of(log) == [(1, "{}")]
    assert log.append([], expected_version=1, recorded_at=T0) == 1


def test_two_handles_racing_for_the_same_position_store_only_one(pg_url: str) -> None:
    first, second = PostgresStore(pg_url), PostgresStore(pg_url)
    try:
        first.workspace("w").append(['{"by": 1}'], expected_version=0, recorded_at=T0)
        with pytest.raises(ConcurrencyError):
            second.workspace("w").append(['{"by": 2}'], expected_version=0, recorded_at=T0)
        assert log_of(second.workspace("w")) == [(1, '{"by": 1}')]
    finally:
        first.close()
        second.close()


def test_a_record_with_a_nul_character_is_refused_and_nothing_is_stored(
    pg_store: PostgresStore,
) -> None:
    log = pg_store.workspace("w")
    with pytest.raises(DataError, match="NUL"):
        log.append(["{}", '{"a": "\x00"}'], expected_version=0, recorded_at=T0)
    assert log.version() == 0


def test_a_naive_recording_time_is_refused_and_nothing_is_stored(pg_store: PostgresStore) -> None:
    log = pg_store.workspace("w")
    with pytest.raises(DataError, match="timezone-aware"):
        log.append(["{}"], expected_version=0, recorded_at=datetime(2026, 5, 4, 9, 0))
    assert log.version() == 0


def test_workspaces_see_only_their_own_log_and_outbox(pg_store: PostgresStore) -> None:
    dana, lee = pg_store.workspace("dana"), pg_store.workspace("lee")
    dana.append(['{"who": "dana"}'], expected_version=0, recorded_at=T0)
    dana.outbox_put(item("k1"))
    assert lee.version() == 0
    assert list(lee.read()) == []
    assert lee.outbox_items() == []
    assert lee.outbox_claim(T0, lease=LEASE, limit=10) == []
    with pytest.raises(NotFoundError):
        lee.outbox_ack("k1", now=T0)
    assert lee.outbox_put(item("k1"))  # the same key is another item in another workspace
    assert pg_store.workspaces() == ["dana"]
    lee.append(["{}"], expected_version=0, recorded_at=T0)
    assert pg_store.workspaces() == ["dana", "lee"]


@pytest.mark.parametrize("name", ["", "a b", "x" * 201, "drop'table", "ü"])
def test_an_invalid_workspace_name_is_refused(pg_store: PostgresStore, name: str) -> None:
    with pytest.raises(DataError):
        pg_store.workspace(name)
    assert pg_store.workspaces() == []


# --- redaction ---------------------------------------------------------------------------------


def table_files(url: str) -> bytes:
    """The bytes of the events table's files and its TOAST table's, as on disk."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")  # write the pages from shared memory to the files
        content = b""
        for relation in ("'afterview_events'::regclass", "reltoastrelid"):
            row = conn.execute(
                f"SELECT pg_read_binary_file(pg_relation_filepath({relation}))"
                " FROM pg_class WHERE oid = 'afterview_events'::regclass"
            ).fetchone()
            assert row is not None
            content += bytes(row[0])
        return content


@pytest.mark.parametrize("size", ["short", "long"])
def test_redact_replaces_the_records_and_leaves_no_old_text_in_the_table_files(
    pg_store: PostgresStore, pg_url: str, size: str
) -> None:
    log = pg_store.workspace("w")
    # A long record is moved out of line to the TOAST table; random text stays uncompressed.
    filler = base64.b64encode(os.urandom(6000)).decode() if size == "long" else ""
    secret = f"Dana Whitfield {uuid.uuid4().hex}"
    log.append(
        ["{}", f'{{"name": "{secret}", "notes": "{filler}"}}', "{}"],
        expected_version=0,
        recorded_at=T0,
    )
    assert secret.encode() in table_files(pg_url)
    log.redact({2: '{"name": "[redacted]"}'})
    assert log_of(log) == [(1, "{}"), (2, '{"name": "[redacted]"}'), (3, "{}")]
    after = table_files(pg_url)
    assert b"[redacted]" in after
    assert secret.encode() not in after


def test_redacting_a_missing_position_changes_nothing(pg_store: PostgresStore) -> None:
    log = pg_store.workspace("w")
    log.append(['{"a": 1}', '{"b": 2}'], expected_version=0, recorded_at=T0)
    with pytest.raises(NotFoundError, match="#3"):
        log.redact({1: "{}", 3: "{}"})
    assert log_of(log) == [(1, '{"a": 1}'), (2, '{"b": 2}')]
    other = pg_store.workspace("other")
    with pytest.raises(NotFoundError):
        other.redact({1: "{}"})  # another workspace's position 1 is not its own


# --- the outbox --------------------------------------------------------------------------------


def test_putting_an_item_twice_keeps_the_first(pg_store: PostgresStore) -> None:
    box = pg_store.workspace("w")
    assert box.outbox_put(item("k", workspace="w"))
    assert not box.outbox_put(
        OutboxItem(key="k", workspace="w", channel="other:", payload='{"x":1}', due=T0)
    )
    (only,) = box.outbox_items()
    assert (only.channel, only.payload, only.workspace) == ("console:", "{}", "w")


def test_claim_leases_due_items_soonest_first_until_the_lease_runs_out(
    pg_store: PostgresStore,
) -> None:
    box = pg_store.workspace("w")
    for key, minutes in (("late", 30), ("soon", 10), ("future", 120)):
        box.outbox_put(item(key, T0 + timedelta(minutes=minutes)))
    now = T0 + timedelta(hours=1)
    claimed = box.outbox_claim(now, lease=LEASE, limit=10)
    assert [i.key for i in claimed] == ["soon", "late"]
    assert all(i.lease_until == now + LEASE for i in claimed)
    assert box.outbox_claim(now + timedelta(minutes=4), lease=LEASE, limit=10) == []
    again = box.outbox_claim(now + LEASE, lease=LEASE, limit=1)
    assert [i.key for i in again] == ["soon"]


def test_ack_marks_delivered_and_the_item_is_never_claimed_again(pg_store: PostgresStore) -> None:
    box = pg_store.workspace("w")
    box.outbox_put(item("k"))
    box.outbox_claim(T0, lease=LEASE, limit=1)
    box.outbox_ack("k", now=T0 + timedelta(seconds=3))
    (done,) = box.outbox_items(OutboxStatus.DELIVERED)
    assert (done.attempts, done.delivered_at, done.lease_until) == (
        1,
        T0 + timedelta(seconds=3),
        None,
    )
    assert box.outbox_claim(T0 + timedelta(days=1), lease=LEASE, limit=10) == []
    assert box.outbox_items(OutboxStatus.PENDING) == []


def test_a_failed_item_is_retried_later_then_dead_after_max_attempts_then_revived(
    pg_store: PostgresStore,
) -> None:
    box = pg_store.workspace("w")
    box.outbox_put(item("k"))
    retry_at = T0 + timedelta(minutes=10)
    failed = box.outbox_fail("k", now=T0, retry_at=retry_at, error="timeout", max_attempts=2)
    assert (failed.status, failed.attempts, failed.next_attempt_at, failed.last_error) == (
        OutboxStatus.PENDING,
        1,
        retry_at,
        "timeout",
    )
    assert box.outbox_claim(retry_at - timedelta(seconds=1), lease=LEASE, limit=1) == []
    assert [i.key for i in box.outbox_claim(retry_at, lease=LEASE, limit=1)] == ["k"]
    dead = box.outbox_fail("k", now=retry_at, retry_at=retry_at, error="500", max_attempts=2)
    assert dead.status is OutboxStatus.DEAD
    assert box.outbox_claim(T0 + timedelta(days=9), lease=LEASE, limit=1) == []
    revived = box.outbox_retry("k", now=T0 + timedelta(days=1))
    assert (revived.status, revived.attempts) == (OutboxStatus.PENDING, 0)
    assert [i.key for i in box.outbox_claim(T0 + timedelta(days=1), lease=LEASE, limit=1)] == ["k"]


@pytest.mark.parametrize(
    "touch",
    [
        lambda box: box.outbox_ack("nope", now=T0),
        lambda box: box.outbox_fail("nope", now=T0, retry_at=T0, error="e", max_attempts=3),
        lambda box: box.outbox_retry("nope", now=T0),
    ],
    ids=["ack", "fail", "retry"],
)
def test_an_unknown_outbox_key_is_not_found_and_nothing_is_added(
    pg_store: PostgresStore, touch: Callable[[WorkspaceStore], object]
) -> None:
    box = pg_store.workspace("w")
    with pytest.raises(NotFoundError, match="nope"):
        touch(box)
    assert box.outbox_items() == []


def test_outbox_items_are_listed_by_due_time_then_key(pg_store: PostgresStore) -> None:
    box = pg_store.workspace("w")
    for key, minutes in (("b", 0), ("c", -5), ("a", 0)):
        box.outbox_put(item(key, T0 + timedelta(minutes=minutes)))
    assert [i.key for i in box.outbox_items()] == ["c", "a", "b"]


def test_claim_due_serves_every_workspace_and_dispatchers_get_disjoint_batches(
    pg_url: str,
) -> None:
    first, second = PostgresStore(pg_url), PostgresStore(pg_url)
    try:
        for n in range(6):
            first.workspace(f"ws{n % 3}").outbox_put(item(f"k{n}", T0 + timedelta(minutes=n)))
        one = first.claim_due(T0 + timedelta(hours=1), lease=LEASE, limit=4)
        two = second.claim_due(T0 + timedelta(hours=1), lease=LEASE, limit=4)
        assert [i.key for i in one] == ["k0", "k1", "k2", "k3"]
        assert {i.workspace for i in one} == {"ws0", "ws1", "ws2"}
        assert [i.key for i in two] == ["k4", "k5"]
        assert second.claim_due(T0 + timedelta(hours=1), lease=LEASE, limit=4) == []
    finally:
        first.close()
        second.close()


def test_claiming_due_items_uses_the_pending_index_not_a_scan(pg_store: PostgresStore) -> None:
    with pg_store.connection("fill the outbox") as conn:
        # Many workspaces, almost everything delivered: the shape of a platform's outbox.
        conn.execute(
            "INSERT INTO afterview_outbox (workspace, key, channel, payload, due, status)"
            " SELECT 'ws' || (n %% 5000), 'k' || n, 'console:', '{}',"
            " %s + n * interval '1 second',"
            " CASE WHEN n %% 50 = 0 THEN 'pending' ELSE 'delivered' END"
            " FROM generate_series(1, 50000) AS n",
            (T0,),
        )
        conn.execute("ANALYZE afterview_outbox")
    with pg_store.connection("explain") as conn:
        plan = "\n".join(
            str(r[0])
            for r in conn.execute(
                "EXPLAIN SELECT workspace, key FROM afterview_outbox WHERE status = 'pending'"
                " AND next_at <= %s AND (lease_until IS NULL OR lease_until <= %s)"
                " ORDER BY next_at, workspace, key LIMIT 100 FOR UPDATE SKIP LOCKED",
                (T0 + timedelta(days=1), T0 + timedelta(days=1)),
            )
        )
    assert "afterview_outbox_pending" in plan
    assert "Seq Scan" not in plan
    claimed = pg_store.claim_due(T0 + timedelta(days=1), lease=LEASE, limit=100)
    assert len(claimed) == 100
    assert [i.key for i in claimed] == [f"k{n}" for n in range(50, 5001, 50)]


# --- properties --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_store(postgres_server: Any) -> Iterator[PostgresStore]:
    """One store for every example: a database per example would dominate the run."""
    name = postgres_server.create_database()
    opened = PostgresStore(postgres_server.url(name))
    yield opened
    opened.close()
    postgres_server.drop_database(name)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batches=st.lists(st.lists(events(), min_size=1, max_size=4), min_size=1, max_size=4))
def test_any_events_appended_in_batches_read_back_identical(
    shared_store: PostgresStore, batches: list[list[object]]
) -> None:
    log = shared_store.workspace(f"w{uuid.uuid4().hex}")
    written: list[str] = []
    for batch in batches:
        records = [dumps_event(e) for e in batch]  # type: ignore[arg-type]
        log.append(records, expected_version=len(written), recorded_at=T0)
        written += records
    stored = [e.data for e in log.read()]
    assert stored == written
    assert [loads_event(s) for s in stored] == [e for b in batches for e in b]


def test_connections_numbered_past_1024_are_lent_like_any_other(pg_url: str) -> None:
    # A platform's process often holds many files and sockets; select() cannot watch a
    # descriptor past FD_SETSIZE (1024), so the pool's health check must not rely on it.
    resource = pytest.importorskip("resource")
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < 1200:
        pytest.skip(f"needs at least 1200 open files, the limit is {soft}")
    filler = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        store = PostgresStore(pg_url + "?pool_min=1&pool_max=1&pool_timeout=5")
        try:
            log = store.workspace("many-files")
            log.append(['{"n": 1}'], expected_version=0, recorded_at=T0)
            assert [e.data for e in log.read()] == ['{"n": 1}']
        finally:
            store.close()
    finally:
        for fd in filler:
            os.close(fd)
