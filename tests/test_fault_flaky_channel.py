"""A channel that fails half the time loses nothing: over many rounds every one of 1,000
reminders arrives, and a deduplicating channel shows each of them once."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta

from afterview import Notification, PluginManager, Settings, Workspace, hookimpl, rule
from afterview.fold import State
from afterview.playbook.rule import Advice, Rule, Subject
from afterview.reminders.dispatcher import DispatchSettings
from afterview.store import OutboxStatus
from conftest import T0

REMINDERS = 1000


@rule("TS901", "many-reminders")
def many_reminders(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A rule standing in for a busy search: one reminder per numbered subject."""
    for i in range(REMINDERS):
        yield many_reminders.advise(
            message=f"reminder {i}", due=T0, subjects=(Subject("case", f"c{i:04d}"),)
        )


class FlakyDedupingChannel:
    """Fails half the time (seeded): either before anything arrives (it raises) or after the
    message arrived but before it could say so (it answers False). Like a calendar keyed by
    UID, it shows each key once however often it is delivered."""

    url = "flaky:"

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self.arrivals: Counter[str] = Counter()
        self.shown: dict[str, str] = {}
        self.failures = 0

    def notify(self, notification: Notification) -> bool:
        roll = self._rng.random()
        if roll < 0.25:
            self.failures += 1
            raise ConnectionError("connection reset")
        self.arrivals[notification.key] += 1
        self.shown.setdefault(notification.key, notification.body)
        if roll < 0.5:
            self.failures += 1
            return False
        return True


class Plugin:
    def __init__(self, channel: FlakyDedupingChannel) -> None:
        self.channel = channel

    @hookimpl
    def afterview_rules(self) -> Sequence[Rule]:
        return (many_reminders,)

    @hookimpl
    def afterview_open_notifier(self, url: str) -> FlakyDedupingChannel | None:
        return self.channel if url == "flaky:" else None

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"notifier": ["flaky:"]}


def test_a_channel_failing_half_the_time_loses_none_of_1000_reminders(
    plugin_manager: PluginManager,
) -> None:
    channel = FlakyDedupingChannel(seed=20260504)
    plugin_manager.register(Plugin(channel), name="flaky")
    ws = Workspace.open(
        "memory://", settings=Settings(select=("TS9",)), plugin_manager=plugin_manager
    )
    settings = DispatchSettings(
        backoff_base=timedelta(minutes=1), backoff_cap=timedelta(minutes=30), max_attempts=40
    )
    rng = random.Random(7)
    now = T0
    rounds = []
    for _ in range(60):
        rounds.append(ws.dispatch(now, ["flaky:"], settings=settings, rng=rng))
        if not ws.store.workspace(ws.name).outbox_items(OutboxStatus.PENDING):
            break
        now += settings.backoff_cap  # every waiting retry is due by then

    outbox = ws.store.workspace(ws.name).outbox_items()
    assert len(outbox) == REMINDERS
    assert {i.status for i in outbox} == {OutboxStatus.DELIVERED}
    assert sum(r.queued for r in rounds) == REMINDERS
    assert sum(r.delivered for r in rounds) == REMINDERS
    assert sum(r.dead for r in rounds) == 0
    assert sum(r.failed for r in rounds) == channel.failures
    # Every reminder was shown exactly once, with its own text...
    assert sorted(channel.shown) == sorted(i.key for i in outbox)
    assert sorted(channel.shown.values()) == sorted(f"reminder {i}" for i in range(REMINDERS))
    # ...although the channel received some of them more than once.
    duplicates = sum(n - 1 for n in channel.arrivals.values())
    assert duplicates > 0
    print(
        f"rounds={len(rounds)} failures={channel.failures} duplicates_absorbed={duplicates} "
        f"max_attempts_used={max(i.attempts for i in outbox)}"
    )
