"""What is on disk: a damaged row, a forgotten person, and one workspace beside another."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs
import pytest

from afterview import (
    CorruptRecordError,
    NotFoundError,
    OutboxItem,
    PluginManager,
    SnapshotPolicy,
    Workspace,
    dumps_event,
    hookimpl,
    loads_event,
)
from afterview.reminders.notifier import Notification, notification_from_payload
from afterview.sealed_log import SNAPSHOT_SUBJECT
from afterview.stores.sqlite import SQLiteStore
from afterview.testing import FakeNotifier
from conftest import Clock, counting_ids

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)

NAME = "Ottoline Farquharson"
PHONE = "+44 7700 900123"
ADDRESS = "17 Cherry Tree Lane, Little Whinging"
NOTES = "met her at the Brightwater meetup"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/afterview.sqlite"


@pytest.fixture
def open_ws(url: str, plugin_manager: PluginManager) -> Iterator[Workspace]:
    ws = Workspace.open(
        url, name="mine", plugin_manager=plugin_manager, clock=Clock(T0), ids=counting_ids()
    )
    yield ws
    ws.close()


def on_disk(database: Path) -> bytes:
    """The bytes of the database file and of every file SQLite keeps beside it."""
    return b"".join(
        path.read_bytes()
        for path in sorted(database.parent.iterdir())
        if path.name.startswith(database.name)
    )


def test_a_row_damaged_on_disk_is_named_and_every_other_event_stays_readable(
    open_ws: Workspace, tmp_path: Path
) -> None:
    for name in ("Acme Analytics", "Brightwater", "Cobalt Labs"):
        open_ws.add_organization(name)
    database = tmp_path / "afterview.sqlite"
    raw = sqlite3.connect(database)
    raw.execute("UPDATE events SET data = 'garbage {{{' WHERE workspace = 'mine' AND position = 2")
    raw.commit()
    raw.close()

    with Workspace.open(
        f"sqlite:///{database}", name="mine", plugin_manager=open_ws.plugins
    ) as reopened:
        with pytest.raises(CorruptRecordError) as raised:
            reopened.refresh()
        assert (raised.value.workspace, raised.value.position) == ("mine", 2)
        assert "event #2" in str(raised.value)
        stored = list(reopened.store.workspace("mine").read())
    assert [s.position for s in stored] == [1, 2, 3]
    readable = [loads_event(s.data) for s in stored if s.position != 2]
    assert [getattr(e, "name", None) for e in readable] == ["Acme Analytics", "Cobalt Labs"]


def _as_written_before_sealing(ws: Workspace, build: Callable[[Workspace], str]) -> str:
    """Record a story the way an afterview without sealing did: plaintext records."""
    scratch = Workspace.open("memory://", plugin_manager=ws.plugins, clock=ws.clock)
    scratch._ids = counting_ids()
    person = build(scratch)
    records = [dumps_event(e) for e in scratch.events()]
    raw = ws.store.workspace(ws.name)
    raw.append(records, expected_version=raw.version(), recorded_at=T0)
    return person


def _story(ws: Workspace) -> str:
    acme = ws.add_organization("Acme Analytics")
    person = ws.add_contact(NAME, "interviewer", organization=acme, notes=NOTES)
    ws.collect_business_card(person, cell_phone=PHONE, mailing_address=ADDRESS)
    ws.submit_application(acme, "Data Analyst")
    ws.plan_action("other", f"Send {NAME} the article", due=T0 + timedelta(days=3))
    return person


def test_a_forgotten_persons_details_are_gone_from_every_file_on_disk(
    open_ws: Workspace, tmp_path: Path
) -> None:
    database = tmp_path / "afterview.sqlite"
    person = _as_written_before_sealing(open_ws, _story)
    secrets = [s.encode() for s in (NAME, PHONE, ADDRESS, NOTES)]
    assert all(secret in on_disk(database) for secret in secrets)  # the check can see them
    assert open_ws.state.people[person].name == NAME  # a plaintext log still reads

    assert open_ws.forget(person) >= 3
    leftovers = [s for s in secrets if s in on_disk(database)]
    assert leftovers == []
    open_ws.close()
    assert [s for s in secrets if s in on_disk(database)] == []
    assert b"Acme Analytics" in on_disk(database)  # what was not about the person stays


def test_a_sealed_persons_details_never_reach_the_files_and_forget_destroys_the_key(
    open_ws: Workspace, tmp_path: Path
) -> None:
    database = tmp_path / "afterview.sqlite"
    person = _story(open_ws)
    secrets = [s.encode() for s in (NAME, PHONE, ADDRESS, NOTES)]
    assert [s for s in secrets if s in on_disk(database)] == []  # sealed from the start
    assert open_ws.state.people[person].name == NAME
    key = open_ws.store.workspace("mine").key_get(person)
    assert key is not None
    assert key in on_disk(database)

    open_ws.forget(person)
    assert key not in on_disk(database)  # gone from the file, its free pages and the WAL
    assert open_ws.store.workspace("mine").key_get(person) is None
    assert [s for s in secrets if s in on_disk(database)] == []
    assert NAME not in repr([attrs.asdict(a) for a in open_ws.state.actions.values()])


def test_forget_leaves_no_readable_snapshot_of_the_person_on_disk_and_writes_a_new_one(
    url: str, plugin_manager: PluginManager, tmp_path: Path
) -> None:
    database = tmp_path / "afterview.sqlite"
    every_event = SnapshotPolicy(min_tail=1, share=0.0)
    ws = Workspace.open(
        url,
        name="mine",
        plugin_manager=plugin_manager,
        clock=Clock(T0),
        ids=counting_ids(),
        snapshots=every_event,
    )
    person = _story(ws)
    handle = ws.store.workspace("mine")
    before = handle.snapshot_get()  # type: ignore[attr-defined]
    assert before is not None
    assert before.position == ws.state.version
    snapshot_key = handle.key_get(SNAPSHOT_SUBJECT)
    assert snapshot_key is not None
    secrets = [s.encode() for s in (NAME, PHONE, ADDRESS, NOTES)]
    assert [s for s in secrets if s in on_disk(database)] == []  # the snapshot is sealed too
    assert before.data[-64:] in on_disk(database)
    assert snapshot_key in on_disk(database)

    ws.forget(person)
    assert [s for s in secrets if s in on_disk(database)] == []
    assert before.data[-64:] not in on_disk(database)  # the old snapshot, gone from every file
    assert snapshot_key not in on_disk(database)  # and its key: no copy of it opens anywhere
    after = handle.snapshot_get()  # type: ignore[attr-defined]
    assert after is not None
    assert after.position == ws.state.version
    ws.close()
    with Workspace.open(url, name="mine", plugin_manager=plugin_manager) as reopened:
        assert reopened.state.people[person].forgotten
        assert reopened.state.people[person].name == ""
        assert NAME not in repr([attrs.asdict(a) for a in reopened.state.actions.values()])


def test_a_forgotten_persons_name_is_gone_from_reminders_already_in_the_outbox(
    open_ws: Workspace, tmp_path: Path
) -> None:
    database = tmp_path / "afterview.sqlite"
    acme = open_ws.add_organization("Acme Analytics")
    person = open_ws.add_contact(NAME, "interviewer", organization=acme)
    app = open_ws.submit_application(acme, "Data Analyst")
    interview = open_ws.schedule_interview(app, T0 + timedelta(days=1), interviewers=[person])
    open_ws.record_interview_held(interview, at=T0 + timedelta(days=1))
    now = T0 + timedelta(days=2)
    delivered = FakeNotifier()
    open_ws.plugins.register(_Notifiers(delivered), name="fake-notifiers")
    report = open_ws.dispatch(now, ["fake:"])
    assert report.delivered >= 1
    assert any(NAME in n.body for n in delivered.delivered.values())  # it did name them
    assert NAME.encode() not in on_disk(database)  # sealed with their key

    open_ws.forget(person)
    assert NAME.encode() not in on_disk(database)
    reminders = [
        notification_from_payload(i.payload) for i in open_ws.store.workspace("mine").outbox_items()
    ]
    about_them = [r for r in reminders if f"person:{person}" in r.subjects]
    assert about_them
    assert all("forget" in r.title and NAME not in r.body for r in about_them)
    assert all(NAME not in r.body and NAME not in r.title for r in reminders)


class _Quoting:
    """A channel that fails quoting the reminder, as a mail server's error may."""

    url = "quoting:"

    def notify(self, notification: Notification) -> bool:
        raise RuntimeError(f"mailbox full, could not deliver {notification.body!r}")


class _QuotingNotifiers:
    @hookimpl
    def afterview_open_notifier(self, url: str) -> _Quoting | None:
        return _Quoting() if url == "quoting:" else None


def test_an_error_quoting_a_reminder_and_an_action_naming_the_person_are_erased(
    open_ws: Workspace, tmp_path: Path
) -> None:
    database = tmp_path / "afterview.sqlite"
    acme = open_ws.add_organization("Acme Analytics")
    open_ws.add_contact(NAME, "interviewer", organization=acme)
    open_ws.add_contact("Sam Okafor", "recruiter", organization=acme)
    first = NAME.split(maxsplit=1)[0]
    open_ws.plan_action("other", f"Send {first} the article", due=T0 + timedelta(days=1))
    open_ws.plan_action("other", "Update the CV", due=T0 + timedelta(days=1))
    open_ws.plugins.register(_QuotingNotifiers(), name="quoting")
    report = open_ws.dispatch(T0 + timedelta(days=2), ["quoting:"])
    assert report.failed >= 1
    errors = [i.last_error or "" for i in open_ws.outbox()]
    assert any(first in e for e in errors)  # the error quotes the reminder that names her
    assert first.encode() not in on_disk(database)  # …sealed, like the reminder

    open_ws.forget(NAME)
    shown = [(i.payload, i.last_error or "") for i in open_ws.outbox()]
    assert all(first not in payload and first not in error for payload, error in shown)
    assert any("Update the CV" in payload for payload, _ in shown)  # the rest is kept
    titles = [a.title for a in open_ws.state.actions.values()]
    assert "Update the CV" in titles
    assert all(first not in t for t in titles)
    assert all(first not in a.message for a in open_ws.agenda(T0 + timedelta(days=2)))
    assert first.encode() not in on_disk(database)


class _Notifiers:
    """Opens ``fake:`` with a notifier that records what it was given."""

    def __init__(self, notifier: FakeNotifier) -> None:
        self.notifier = notifier

    @hookimpl
    def afterview_open_notifier(self, url: str) -> FakeNotifier | None:
        return self.notifier if url == "fake:" else None


def test_a_handle_for_one_workspace_can_neither_read_nor_write_another(
    url: str, plugin_manager: PluginManager
) -> None:
    theirs_store = SQLiteStore(url)
    theirs = Workspace.open(url, name="theirs", plugin_manager=plugin_manager)
    theirs.add_organization("Their Secret Employer", at=T0)
    theirs.store.workspace("theirs").outbox_put(
        OutboxItem(key="reminder", workspace="theirs", channel="console:", payload="{}", due=T0)
    )

    mine_store = SQLiteStore(url)
    mine = mine_store.workspace("mine")
    assert mine.version() == 0
    assert list(mine.read()) == []
    assert mine.outbox_items() == []
    assert mine.outbox_claim(T0 + timedelta(days=1), lease=timedelta(minutes=5), limit=9) == []
    with pytest.raises(NotFoundError):
        mine.outbox_ack("reminder", now=T0)
    with pytest.raises(NotFoundError):
        mine.redact({1: "{}"})
    mine.append(['{"written": "by mine"}'], expected_version=0, recorded_at=T0)
    assert [s.data for s in mine.read()] == ['{"written": "by mine"}']

    assert [o.name for o in theirs.state.organizations.values()] == ["Their Secret Employer"]
    assert theirs.state.version == 1
    (untouched,) = theirs_store.workspace("theirs").outbox_items()
    assert (untouched.attempts, untouched.delivered_at) == (0, None)
    for store in (theirs_store, mine_store):
        store.close()
    theirs.close()
