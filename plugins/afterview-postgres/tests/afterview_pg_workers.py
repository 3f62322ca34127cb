"""What the reliability tests run in separate processes (importable, for the spawn start method)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier, Event
from typing import Any

import psycopg
from afterview_postgres import PostgresStore

from afterview import (
    ConcurrencyError,
    Notification,
    PluginManager,
    StoreError,
    Workspace,
    WorkspaceStore,
    hookimpl,
    remind_all,
)

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def open_store(url: str, *, results: Queue[int]) -> None:
    """Open (and so migrate) the store; report the schema version found afterwards."""
    store = PostgresStore(url)
    try:
        with store.connection("read the schema version") as conn:
            row = conn.execute("SELECT version FROM afterview_schema").fetchone()
            results.put(int(row[0]) if row else -1)
    finally:
        store.close()


def dispatch(url: str, *, batch: int, start: Barrier, results: Queue[tuple[int, int]]) -> None:
    """Claim due items, "deliver" each to the sink table, ack it; stop when nothing is left."""
    store = PostgresStore(url + "?pool_max=2")
    delivered = claims = 0
    try:
        start.wait()  # all dispatchers connected: none finds the work done before it begins
        with psycopg.connect(url, autocommit=True) as sink:
            while True:
                claimed = store.claim_due(
                    datetime.now(UTC), lease=timedelta(minutes=10), limit=batch
                )
                if not claimed:
                    break
                claims += 1
                for item in claimed:
                    # Delivery and ack are separate steps, as with a real channel.
                    sink.execute(
                        "INSERT INTO sink (workspace, key) VALUES (%s, %s)"
                        " ON CONFLICT (workspace, key) DO UPDATE SET times = sink.times + 1",
                        (item.workspace, item.key),
                    )
                    store.workspace(item.workspace).outbox_ack(item.key, now=datetime.now(UTC))
                    delivered += 1
    finally:
        store.close()
    results.put((claims, delivered))


def write_rounds(
    url: str, *, workspace: str, writer: int, rounds: int, barrier: Barrier, results: Queue[int]
) -> None:
    """Each round every writer reads the version, waits for the others, then appends at it.

    All writers of a round expect the same version, so exactly one wins it and the rest get a
    :class:`ConcurrencyError`, re-read and retry until their record is in.
    """
    store = PostgresStore(url + "?pool_max=1")
    log = store.workspace(workspace)
    conflicts = 0
    try:
        for n in range(rounds):
            record = f'{{"writer": {writer}, "n": {n}}}'
            expected = log.version()
            barrier.wait()
            while True:
                try:
                    log.append([record], expected_version=expected, recorded_at=T0)
                    break
                except ConcurrencyError as exc:
                    conflicts += 1
                    expected = exc.actual if exc.actual is not None else log.version()
    finally:
        store.close()
    results.put(conflicts)


def write_until_stopped(
    url: str, *, workspace: str, stop: Event, results: Queue[tuple[list[str], int]]
) -> None:
    """Append one record at a time until told to stop, riding out a server restart.

    An append cut off by the restart may or may not have committed; the writer re-reads the log
    to find out, so each record it reports as acknowledged is stored exactly once.
    """
    store = PostgresStore(url + "?pool_max=2&pool_timeout=20")
    log = store.workspace(workspace)
    acknowledged: list[str] = []
    failures = 0
    try:
        while not stop.is_set():
            record = f'{{"n": {len(acknowledged)}}}'
            expected = len(acknowledged)
            try:
                log.append([record], expected_version=expected, recorded_at=T0)
            except (StoreError, ConcurrencyError):
                failures += 1
                committed = _committed(log, expected, record)
                while committed is None:  # the server is still coming back
                    time.sleep(0.05)
                    committed = _committed(log, expected, record)
                if not committed:
                    continue
            acknowledged.append(record)
    finally:
        store.close()
    results.put((acknowledged, failures))


def _committed(log: WorkspaceStore, position_before: int, record: str) -> bool | None:
    """Whether ``record`` follows ``position_before`` in the log; None if the server is down."""
    try:
        after = [e.data for e in log.read(position_before)]
    except StoreError:
        return None
    return after[:1] == [record]


# --- reminder rounds over the whole store ---------------------------------------------------


class SinkNotifier:
    """Delivers by adding the reminder's key to the ``sink`` table, counting repeats: an
    idempotent sink, as a channel that dedupes by key is."""

    def __init__(self, url: str, hang_after: int | None, signal: Queue[str] | None) -> None:
        self._conn = psycopg.connect(url, autocommit=True)
        self._hang_after = hang_after
        self._signal = signal
        self.count = 0

    @property
    def url(self) -> str:
        return "sink:"

    def notify(self, notification: Notification) -> bool:
        self._conn.execute(
            "INSERT INTO sink (key) VALUES (%s)"
            " ON CONFLICT (key) DO UPDATE SET times = sink.times + 1",
            (notification.key,),
        )
        self.count += 1
        if self._hang_after is not None and self.count >= self._hang_after:
            # Delivered, not yet acknowledged: the moment a crash costs a duplicate at most.
            assert self._signal is not None
            self._signal.put("delivering")
            time.sleep(3600)
        return True


class SinkChannels:
    def __init__(self, url: str, hang_after: int | None, signal: Queue[str] | None) -> None:
        self._args = (url, hang_after, signal)
        self.notifier: SinkNotifier | None = None

    @hookimpl
    def afterview_open_notifier(self, url: str) -> SinkNotifier | None:
        if url != "sink:":
            return None
        if self.notifier is None:
            self.notifier = SinkNotifier(*self._args)
        return self.notifier

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"notifier": ["sink:"]}


def remind_round(
    url: str,
    *,
    now: datetime,
    start: Barrier | None = None,
    batch: int = 5,
    hang_after_visits: int | None = None,
    hang_after_deliveries: int | None = None,
    signal: Queue[str] | None = None,
    results: Queue[tuple[int, int, int]],
) -> None:
    """Run one ``remind_all`` round, delivering to the sink; report (visited, queued,
    delivered). Told to, hang (for the test to kill) after some visits or deliveries."""
    plugins = PluginManager()
    plugins.register(SinkChannels(url, hang_after_deliveries, signal), name="sink")
    if hang_after_visits is not None:
        assert signal is not None
        original = Workspace.queue_reminders
        visits = 0

        def queue_then_hang(self: Workspace, *args: Any, **kwargs: Any) -> int:
            nonlocal visits
            queued = original(self, *args, **kwargs)
            visits += 1
            if visits >= hang_after_visits:
                signal.put("visiting")
                time.sleep(3600)
            return queued

        Workspace.queue_reminders = queue_then_hang  # type: ignore[method-assign]
    store = plugins.open_store(url + "?pool_max=2")
    try:
        if start is not None:
            start.wait()  # every dispatcher connected: none finds the work done before it began
        report = remind_all(store, now, ["sink:"], plugin_manager=plugins, batch=batch)
    finally:
        store.close()
    results.put((report.visited, report.dispatch.queued, report.dispatch.delivered))
