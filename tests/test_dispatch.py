"""Reminders: due advice reaches every configured channel once, and a failing channel is retried
until it works or a person looks at it."""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import (
    DataError,
    NotFoundError,
    Notification,
    PluginManager,
    Settings,
    SettingsError,
    UnclaimedURLError,
    Workspace,
    hookimpl,
)
from afterview.playbook.rule import Advice, Subject
from afterview.reminders.dispatcher import (
    MAX_KEY_LENGTH,
    Dispatcher,
    DispatchReport,
    DispatchSettings,
    idempotency_key,
)
from afterview.reminders.notifier import notification_from_payload
from afterview.store import OutboxStatus
from conftest import T0, Clock, counting_ids

# Thank-you advice for an interview held at T0 is due at the end of the next day; with the
# default one-day look-ahead its reminder goes out from the morning after.
MORNING_AFTER = T0 + timedelta(days=1)
SECRET = "hunter2-s3cret"


class Sink:
    """A channel that records what it is given; ``fail`` makes it raise, ``refuse`` makes it
    return False, ``hang`` makes it block until released."""

    def __init__(self, url: str, shown: str | None = None) -> None:
        self.raw_url = url
        self._shown = shown or url
        self.received: list[Notification] = []
        self.fail = False
        self.refuse = False
        self.hang: threading.Event | None = None

    @property
    def url(self) -> str:
        return self._shown

    def notify(self, notification: Notification) -> bool:
        if self.hang is not None:
            self.hang.wait()
        if self.fail:
            raise ConnectionError(f"could not reach {self.raw_url}")
        if self.refuse:
            return False
        self.received.append(notification)
        return True


class SinkPlugin:
    """Claims ``sink:…`` URLs for the sinks a test made."""

    def __init__(self) -> None:
        self.sinks: dict[str, Sink] = {}

    def add(self, url: str, shown: str | None = None) -> Sink:
        self.sinks[url] = Sink(url, shown)
        return self.sinks[url]

    @hookimpl
    def afterview_open_notifier(self, url: str) -> Sink | None:
        return self.sinks.get(url)

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"notifier": ["sink:"]}


@pytest.fixture
def sinks(plugin_manager: PluginManager) -> SinkPlugin:
    plugin = SinkPlugin()
    plugin_manager.register(plugin, name="sinks")
    return plugin


@pytest.fixture(params=["memory", "sqlite"])
def rws(
    request: pytest.FixtureRequest, tmp_path: Path, clock: Clock, plugin_manager: PluginManager
) -> Iterator[Workspace]:
    """A workspace whose only rule is the thank-you rule, with an interview held at T0 where
    the job seeker met an interviewer and a receptionist; in memory, and in a SQLite file."""
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'av.sqlite'}"
    workspace = Workspace.open(
        url,
        name="jo",
        settings=Settings(select=("AV301",)),
        plugin_manager=plugin_manager,
        clock=clock,
        ids=counting_ids(),
    )
    org = workspace.add_organization("Acme Analytics")
    app = workspace.submit_application(org, "Data Analyst")
    dana = workspace.add_contact("Dana Reyes", "interviewer", organization=org)
    rita = workspace.add_contact("Rita Moss", "receptionist", organization=org)
    interview = workspace.schedule_interview(app, T0, interviewers=[dana])
    workspace.record_interview_held(interview, people_met=[rita], at=T0)
    yield workspace
    workspace.close()


def items(ws: Workspace, status: OutboxStatus | None = None) -> list[str]:
    return [i.key for i in ws.store.workspace(ws.name).outbox_items(status)]


def test_due_reminders_reach_every_channel_once(rws: Workspace, sinks: SinkPlugin) -> None:
    phone, mail = sinks.add("sink:phone"), sinks.add("sink:mail")

    first = rws.dispatch(MORNING_AFTER, ["sink:phone", "sink:mail"])
    again = rws.dispatch(MORNING_AFTER + timedelta(hours=1), ["sink:phone", "sink:mail"])

    assert first == DispatchReport(queued=4, delivered=4, failed=0, dead=0)
    assert again == DispatchReport()
    for sink in (phone, mail):
        assert sorted(n.body for n in sink.received) == [
            "Send a thank-you note to Dana Reyes (interviewer)",
            "Send a thank-you note to Rita Moss (receptionist)",
        ]
        assert {n.code for n in sink.received} == {"AV301"}
    assert len(items(rws, OutboxStatus.DELIVERED)) == 4


def test_a_reminder_waits_until_the_day_before_its_deadline(
    rws: Workspace, sinks: SinkPlugin
) -> None:
    sink = sinks.add("sink:phone")

    early = rws.dispatch(T0 + timedelta(hours=1), ["sink:phone"])

    assert early == DispatchReport()
    assert sink.received == []
    assert items(rws) == []


def test_no_look_ahead_reminds_only_once_due(rws: Workspace, sinks: SinkPlugin) -> None:
    sinks.add("sink:phone")
    settings = DispatchSettings(look_ahead=timedelta(0))

    before = rws.dispatch(MORNING_AFTER, ["sink:phone"], settings=settings)
    after = rws.dispatch(MORNING_AFTER + timedelta(days=1), ["sink:phone"], settings=settings)

    assert (before.queued, after.queued) == (0, 2)


def test_keys_name_workspace_rule_subjects_due_date_and_channel(
    rws: Workspace, sinks: SinkPlugin
) -> None:
    sink = sinks.add("sink:phone")

    rws.dispatch(MORNING_AFTER, ["sink:phone"])

    assert sorted(items(rws)) == [
        "jo|AV301|interview:int_5,person:per_3|2026-05-05|sink:phone",
        "jo|AV301|interview:int_5,person:per_4|2026-05-05|sink:phone",
    ]
    # The channel can deduplicate with the key it is given.
    assert sorted(n.key for n in sink.received) == sorted(items(rws))


def test_a_failing_channel_is_retried_with_backoff_until_it_works(
    rws: Workspace, sinks: SinkPlugin
) -> None:
    sink = sinks.add("sink:phone")
    sink.fail = True
    settings = DispatchSettings(backoff_base=timedelta(minutes=10))

    failed = rws.dispatch(MORNING_AFTER, ["sink:phone"], settings=settings)
    # Read through the workspace: the store holds the errors sealed (they may quote a reminder).
    waiting = [i for i in rws.outbox() if i.status is OutboxStatus.PENDING]
    sink.fail = False
    too_soon = rws.dispatch(MORNING_AFTER + timedelta(minutes=4), ["sink:phone"], settings=settings)
    later = rws.dispatch(MORNING_AFTER + timedelta(minutes=10), ["sink:phone"], settings=settings)

    assert failed == DispatchReport(queued=2, failed=2)
    for item in waiting:
        assert item.attempts == 1
        assert item.next_attempt_at is not None
        # Equal jitter: between half the first step and the whole of it.
        assert timedelta(minutes=5) <= item.next_attempt_at - MORNING_AFTER <= timedelta(minutes=10)
        assert item.last_error == "sink:phone: ConnectionError: could not reach sink:phone"
    assert too_soon == DispatchReport()
    assert later == DispatchReport(delivered=2)
    assert len(sink.received) == 2


def test_a_channel_answering_false_has_failed(rws: Workspace, sinks: SinkPlugin) -> None:
    sink = sinks.add("sink:phone")
    sink.refuse = True

    report = rws.dispatch(MORNING_AFTER, ["sink:phone"])

    assert report == DispatchReport(queued=2, failed=2)
    assert [i.last_error for i in rws.outbox("failed")] == [
        "sink:phone: the notifier reported a failed delivery"
    ] * 2


def test_a_hanging_channel_is_abandoned_after_the_timeout_and_retried(
    rws: Workspace, sinks: SinkPlugin
) -> None:
    sink = sinks.add("sink:phone")
    sink.hang = threading.Event()
    try:
        report = rws.dispatch(MORNING_AFTER, ["sink:phone"], timeout=timedelta(milliseconds=50))
        errors = {i.last_error for i in rws.outbox("failed")}
    finally:
        sink.hang.set()

    assert report == DispatchReport(queued=2, failed=2)
    assert errors == {"sink:phone: timed out, no answer within 0.05s"}


def test_a_reminder_dies_after_max_attempts_and_a_person_can_retry_it(
    rws: Workspace, sinks: SinkPlugin
) -> None:
    sink = sinks.add("sink:phone")
    sink.fail = True
    now = MORNING_AFTER
    reports = []
    for _ in range(3):
        reports.append(rws.dispatch(now, ["sink:phone"], max_attempts=3))
        now += timedelta(days=1)

    dead = rws.outbox("dead")
    assert [r.dead for r in reports] == [0, 0, 2]
    assert [i.attempts for i in dead] == [3, 3]
    assert rws.dispatch(now, ["sink:phone"], max_attempts=3) == DispatchReport()

    sink.fail = False
    revived = rws.retry_dead_reminders(now)
    assert [i.status for i in revived] == [OutboxStatus.PENDING] * 2
    assert rws.dispatch(now, ["sink:phone"], max_attempts=3) == DispatchReport(delivered=2)
    assert rws.outbox("dead") == []


def test_one_reminder_can_be_retried_by_its_key(rws: Workspace, sinks: SinkPlugin) -> None:
    sink = sinks.add("sink:phone")
    sink.fail = True
    rws.dispatch(MORNING_AFTER, ["sink:phone"], max_attempts=1)
    first, second = rws.outbox("dead")

    sink.fail = False
    rws.retry_reminder(first.key, MORNING_AFTER)
    report = rws.dispatch(MORNING_AFTER, ["sink:phone"], max_attempts=1)

    assert report == DispatchReport(delivered=1)
    assert [i.key for i in rws.outbox("dead")] == [second.key]


def test_retrying_an_unknown_key_is_not_found(rws: Workspace) -> None:
    with pytest.raises(NotFoundError, match="no outbox item"):
        rws.retry_reminder("jo|AV999|nothing|2026-05-05|sink:phone", MORNING_AFTER)
    assert items(rws) == []


def test_an_unknown_outbox_status_is_a_data_error(rws: Workspace) -> None:
    with pytest.raises(DataError, match="unknown outbox status 'lost'; known: pending"):
        rws.outbox("lost")


def test_a_notifier_url_no_plugin_opens_queues_nothing(rws: Workspace, sinks: SinkPlugin) -> None:
    sinks.add("sink:phone")

    with pytest.raises(UnclaimedURLError, match="notifier URL 'pager:…'"):
        rws.dispatch(MORNING_AFTER, ["sink:phone", "pager:now"])

    assert items(rws) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_attempts", 0),
        ("lease", timedelta(0)),
        ("timeout", timedelta(seconds=-1)),
        ("look_ahead", timedelta(hours=-1)),
        ("batch", True),
    ],
)
def test_bad_dispatch_settings_are_refused_before_anything_is_queued(
    rws: Workspace, sinks: SinkPlugin, field: str, value: object
) -> None:
    sinks.add("sink:phone")

    with pytest.raises(SettingsError, match=f"dispatch setting {field} must"):
        rws.dispatch(MORNING_AFTER, ["sink:phone"], settings=DispatchSettings(**{field: value}))

    assert items(rws) == []


def test_a_secret_in_a_notifier_url_stays_out_of_keys_errors_and_logs(
    rws: Workspace, sinks: SinkPlugin, caplog: pytest.LogCaptureFixture
) -> None:
    raw = f"sink://jo:{SECRET}@relay"
    sink = sinks.add(raw, shown="sink://jo:***@relay")
    sink.fail = True
    caplog.set_level(logging.DEBUG)

    report = rws.dispatch(MORNING_AFTER, [raw])

    assert report.failed == 2
    outbox = rws.outbox()
    assert SECRET not in repr(rws.store.workspace("jo").outbox_items())
    for item in outbox:
        assert SECRET not in item.key
        assert item.last_error is not None
        assert SECRET not in item.last_error
        assert "sink://jo:***@relay" in item.last_error
        assert SECRET not in repr(item)
        # The outbox must still know where to deliver.
        assert item.channel == raw
    assert caplog.records
    assert all(SECRET not in r.getMessage() for r in caplog.records)


def test_the_payload_carries_the_key_and_reads_back_as_a_notification(
    rws: Workspace, sinks: SinkPlugin
) -> None:
    sinks.add("sink:phone")
    rws.dispatch(MORNING_AFTER, ["sink:phone"])

    for item in rws.outbox():  # the store holds the text sealed with the person's key
        notification = notification_from_payload(item.payload)
        assert notification.key == item.key
        assert json.loads(item.payload)["key"] == item.key
        assert notification.due == datetime(2026, 5, 5, 23, 59, 59, tzinfo=UTC)
        assert notification.title == "AV301 thank-everyone-met: due 2026-05-05 23:59"


@pytest.mark.parametrize(
    ("payload", "message"),
    [("{nope", "not valid JSON"), ('{"key": "k"}', "outbox payload: ")],
)
def test_a_damaged_payload_is_a_data_error(payload: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        notification_from_payload(payload)


def test_long_keys_are_shortened_with_a_hash() -> None:
    advice = Advice(
        code="AV301",
        name="thank-everyone-met",
        message="",
        due=T0,
        subjects=tuple(Subject("person", f"per_{i:04d}") for i in range(40)),
    )

    key = idempotency_key("jo", advice, "sink:phone")
    other = idempotency_key("jo", advice, "sink:mail")

    assert len(key) <= MAX_KEY_LENGTH
    assert key.startswith("jo|AV301|sha256:")
    assert key != other


def test_notifiers_default_to_the_settings_file(
    rws: Workspace, sinks: SinkPlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sink = sinks.add("sink:from-file")
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('notify = ["sink:from-file"]\n', encoding="utf-8")
    monkeypatch.setenv("AFTERVIEW_CONFIG", str(settings_file))

    report = rws.dispatch(MORNING_AFTER)

    assert report.delivered == 2
    assert len(sink.received) == 2


def test_the_same_seed_gives_the_same_retry_times(
    clock: Clock, plugin_manager: PluginManager, sinks: SinkPlugin
) -> None:
    sink = sinks.add("sink:phone")
    sink.fail = True

    def retry_times(seed: int) -> list[datetime | None]:
        with Workspace.open(
            "memory://",
            settings=Settings(select=("AV301",)),
            plugin_manager=plugin_manager,
            clock=clock,
            ids=counting_ids(),
        ) as ws:
            org = ws.add_organization("Acme")
            app = ws.submit_application(org, "Analyst")
            people = [ws.add_contact(f"P{i}", "interviewer", organization=org) for i in range(5)]
            ws.record_interview_held(ws.schedule_interview(app, T0, interviewers=people), at=T0)
            # A clock that stands still: retry times count from the moment of each failure.
            dispatcher = Dispatcher(
                plugin_manager.open_notifier,
                ["sink:phone"],
                rng=random.Random(seed),
                clock=lambda: 0.0,
            )
            outbox = ws.store.workspace(ws.name)
            dispatcher.run(outbox, ws.name, ws.agenda(MORNING_AFTER), MORNING_AFTER)
            return [i.next_attempt_at for i in outbox.outbox_items()]

    assert retry_times(7) == retry_times(7)
    assert retry_times(7) != retry_times(8)


@given(
    attempts=st.integers(min_value=1, max_value=200),
    base_seconds=st.integers(min_value=1, max_value=3600),
    cap_seconds=st.integers(min_value=1, max_value=86_400),
    seed=st.integers(),
)
def test_backoff_doubles_within_jitter_and_never_passes_the_cap(
    attempts: int, base_seconds: int, cap_seconds: int, seed: int
) -> None:
    settings = DispatchSettings(
        backoff_base=timedelta(seconds=base_seconds), backoff_cap=timedelta(seconds=cap_seconds)
    )
    step = timedelta(seconds=min(cap_seconds, base_seconds * 2 ** (attempts - 1)))

    wait = settings.backoff(attempts, random.Random(seed))

    # A microsecond of slack for float rounding.
    assert step / 2 - timedelta(microseconds=1) <= wait <= step + timedelta(microseconds=1)


def test_a_time_without_a_zone_is_refused_and_nothing_is_queued(
    rws: Workspace, sinks: SinkPlugin
) -> None:
    sinks.add("sink:phone")

    with pytest.raises(DataError, match="now must be timezone-aware"):
        rws.dispatch(datetime(2026, 5, 5, 9, 0), ["sink:phone"])

    assert items(rws) == []


def test_a_round_never_holds_more_leases_than_can_time_out_within_one_lease(
    rws: Workspace, sinks: SinkPlugin
) -> None:
    # Four reminders (two people, two channels); with a lease of 60 s and a 30 s timeout, a
    # claim may take only two items, or a hung channel would let leases run out mid-round.
    channels = ["sink:a", "sink:b"]
    for url in channels:
        sinks.add(url)
    outbox = rws.store.workspace(rws.name)
    leased_while_delivering: list[int] = []

    class Watching(Sink):
        def notify(self, notification: Notification) -> bool:
            leased = [i for i in outbox.outbox_items(OutboxStatus.PENDING) if i.lease_until]
            leased_while_delivering.append(len(leased))
            return super().notify(notification)

    for url in channels:
        sinks.sinks[url] = Watching(url)
    settings = DispatchSettings(lease=timedelta(seconds=60), timeout=timedelta(seconds=30))
    assert settings.claim_size() == 2

    report = rws.dispatch(MORNING_AFTER, channels, settings=settings)

    assert report.delivered == 4
    assert max(leased_while_delivering) == 2


@pytest.mark.parametrize(
    ("lease", "timeout", "batch", "size"),
    [(300, 30, 100, 10), (300, 30, 4, 4), (10, 30, 100, 1), (3600, 1, 100, 100)],
)
def test_the_claim_size_fits_the_lease(lease: int, timeout: int, batch: int, size: int) -> None:
    settings = DispatchSettings(
        lease=timedelta(seconds=lease), timeout=timedelta(seconds=timeout), batch=batch
    )
    assert settings.claim_size() == size


def test_a_reminder_title_shows_the_due_time_on_the_job_seekers_clock(
    plugin_manager: PluginManager, sinks: SinkPlugin
) -> None:
    # An interview on Thursday 7 May, 10:00 in Auckland (Wednesday 22:00 UTC), booked a week
    # ahead: reading up on the organization is due 48 hours before, Monday 22:00 UTC, which is
    # Tuesday 10:00 on the job seeker's clock, and the reminder says so.
    sinks.add("sink:phone")
    ws = Workspace.open(
        "memory://",
        name="kiwi",
        settings=Settings(select=("AV103",), timezone="Pacific/Auckland"),
        plugin_manager=plugin_manager,
    )
    booked = datetime(2026, 4, 29, 22, 0, tzinfo=UTC)
    org = ws.add_organization("Acme Analytics", at=booked)
    app = ws.submit_application(org, "Data Analyst", at=booked)
    ws.schedule_interview(app, datetime(2026, 5, 6, 22, 0, tzinfo=UTC), at=booked)

    ws.dispatch(datetime(2026, 5, 4, 23, 0, tzinfo=UTC), ["sink:phone"])

    [item] = ws.outbox()
    notification = notification_from_payload(item.payload)
    assert notification.due == datetime(2026, 5, 4, 22, 0, tzinfo=UTC)
    assert notification.title.endswith(": due 2026-05-05 10:00")
