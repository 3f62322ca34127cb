"""A round of reminders against a channel that hangs: bounded in time, in threads, and in claims.

No test here limits its own running time: they assert on counts and on the times the outbox
records. The wall time of a round is measured by ``benchmarks/bench_hanging_channel.py``.
"""

from __future__ import annotations

import socket
import threading
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from afterview import DispatchSettings, Notification, OutboxItem, OutboxStatus
from afterview.reminders.dispatcher import Dispatcher, abandoned_calls
from afterview.reminders.notifier import notification_payload
from afterview.store import WorkspaceStore
from afterview.stores.sqlite import SQLiteStore

NOW = datetime(2026, 5, 5, 9, 0, tzinfo=UTC)


def put(outbox: WorkspaceStore, channel: str, count: int) -> list[str]:
    keys = []
    for i in range(count):
        key = f"w|AV301|p{i}|2026-05-05|{channel}"
        note = Notification(key=key, workspace="w", code="AV301", title="t", body="b", due=NOW)
        outbox.outbox_put(
            OutboxItem(
                key=key,
                workspace="w",
                channel=channel,
                payload=notification_payload(note),
                due=NOW,
            )
        )
        keys.append(key)
    return keys


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[WorkspaceStore]:
    store = SQLiteStore(f"sqlite:///{tmp_path / 'av.db'}")
    yield store.workspace("w")
    store.close()


class SlowFailing:
    """Fails every call after taking ``seconds`` on the dispatcher's clock (never the wall's)."""

    def __init__(self, clock: list[float], seconds: float) -> None:
        self.clock = clock
        self.seconds = seconds
        self.failed_at: dict[str, float] = {}

    @property
    def url(self) -> str:
        return "slow:"

    def notify(self, notification: Notification) -> bool:
        self.clock[0] += self.seconds
        self.failed_at[notification.key] = self.clock[0]
        raise ConnectionError("no answer")


def test_retries_count_from_the_failure_and_a_round_stops_at_its_budget(
    outbox: WorkspaceStore,
) -> None:
    # Every call takes just under the timeout: 29 s. A round has 300 s; it claims no more than
    # could time out in what is left, so it tries 10 + 1 items and leaves the rest pending.
    clock = [0.0]
    slow = SlowFailing(clock, 29)
    keys = put(outbox, "slow:", 25)
    settings = DispatchSettings(timeout=timedelta(seconds=30), budget=timedelta(seconds=300))
    dispatcher = Dispatcher(lambda _: slow, ["slow:"], settings=settings, clock=lambda: clock[0])

    report = dispatcher.deliver(outbox, NOW)

    assert report.out_of_time
    assert (report.delivered, report.failed, report.dead) == (0, 11, 0)
    assert clock[0] <= (settings.budget + settings.timeout).total_seconds()
    by_key = {item.key: item for item in outbox.outbox_items()}
    tried = [by_key[k] for k in keys if k in slow.failed_at]
    left = [by_key[k] for k in keys if k not in slow.failed_at]
    assert len(tried) == 11
    for item in tried:
        # Tried once, and its retry counts from when it failed: never claimed again this round.
        assert item.attempts == 1
        failed = NOW + timedelta(seconds=slow.failed_at[item.key])
        assert item.next_attempt_at is not None
        assert failed + settings.backoff_base / 2 <= item.next_attempt_at
        assert item.next_attempt_at <= failed + settings.backoff_base
    for item in left:
        # Untouched: pending, never attempted, no lease held for the next round to wait out.
        assert (item.status, item.attempts, item.lease_until) == (OutboxStatus.PENDING, 0, None)

    # The next round (cron, a quarter hour on) takes them up: none is lost.
    clock[0] = 0.0
    later = dispatcher.deliver(outbox, NOW + timedelta(minutes=15))
    assert len(slow.failed_at) == 22
    assert (later.failed, later.out_of_time) == (11, True)
    clock[0] = 0.0
    dispatcher.deliver(outbox, NOW + timedelta(minutes=30))
    assert len(slow.failed_at) == 25


class Silent:
    """A local HTTP server that accepts connections and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


class HttpNotifier:
    """POSTs each reminder to ``url`` and waits for the answer as long as it takes."""

    def __init__(self, url: str) -> None:
        self.url = url

    def notify(self, notification: Notification) -> bool:
        request = urllib.request.Request(self.url, data=notification.key.encode(), method="POST")
        with urllib.request.urlopen(request) as response:
            return bool(response.status == 200)


class Healthy:
    url = "ok:"

    def __init__(self) -> None:
        self.got: list[str] = []

    def notify(self, notification: Notification) -> bool:
        self.got.append(notification.key)
        return True


def notify_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "afterview-notify" and t.is_alive()]


def test_a_hanging_http_channel_holds_at_most_its_cap_of_threads_and_is_skipped(
    outbox: WorkspaceStore,
) -> None:
    server = Silent()
    hang_url = f"http://127.0.0.1:{server.port}/hook"
    healthy = Healthy()
    notifiers = {hang_url: HttpNotifier(hang_url), "ok:": healthy}
    hanging = put(outbox, hang_url, 12)
    put(outbox, "ok:", 12)
    settings = DispatchSettings(timeout=timedelta(seconds=0.2), hung_calls=2)
    dispatcher = Dispatcher(notifiers.__getitem__, list(notifiers), settings=settings)
    try:
        report = dispatcher.deliver(outbox, NOW)

        assert abandoned_calls(hang_url) == 2
        assert len(notify_threads()) <= 2
        assert report.delivered == 12
        assert sorted(healthy.got) == sorted(k for k in healthy.got if k.endswith("|ok:"))
        assert (report.failed, report.skipped, report.dead) == (2, 10, 0)
        by_key = {item.key: item for item in outbox.outbox_items()}
        errors = [by_key[k].last_error or "" for k in hanging]
        assert sum("timed out" in e for e in errors) == 2
        skipped = [e for e in errors if "skipped" in e]
        assert len(skipped) == 10
        assert all("2 earlier calls to this channel are still hanging" in e for e in skipped)
        for key in hanging:
            # Claimed once each, pending with a retry: none lost, no claim-and-fail spiral.
            assert by_key[key].attempts == 1
            assert by_key[key].status is OutboxStatus.PENDING

        # Another round in the same process, while the calls still hang: no new thread.
        again = dispatcher.deliver(outbox, NOW + timedelta(hours=1))
        assert again.skipped == 10 + 2
        assert len(notify_threads()) <= 2
    finally:
        server.close()
        for thread in notify_threads():
            thread.join()
    assert abandoned_calls(hang_url) == 0


def test_a_round_budget_is_a_setting_with_a_sensible_default() -> None:
    settings = DispatchSettings()
    assert settings.budget == timedelta(minutes=5)
    assert settings.hung_calls == 2
    with pytest.raises(Exception, match="budget must be a positive duration"):
        DispatchSettings(budget=timedelta(0))
