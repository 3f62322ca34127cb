"""The services under the facade work without a ``Workspace``: a journal, an opener and a clock
are all they take (see docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta

from afterview import (
    Advice,
    BoardPosting,
    Dispatcher,
    DispatchReport,
    ImportedRecord,
    ImportProblem,
    Journal,
    Notification,
    Priority,
    State,
    Subject,
)
from afterview import events as ev
from afterview.ats.importing import import_records
from afterview.ats.watch import watch
from afterview.model import Answer, FollowUpQuestion, Role
from afterview.stores.memory import MemoryStore

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


class ListJournal:
    """A journal that keeps its events in a list: the smallest thing the services accept."""

    def __init__(self, name: str = "alone") -> None:
        self.name = name
        self.events: list[ev.Event] = []
        self._state = State()

    @property
    def state(self) -> State:
        return self._state

    def record(self, *events: ev.Event) -> int:
        candidate = self._state.copy()
        for event in events:
            candidate.apply(event)
        self.events.extend(events)
        self._state = candidate
        return candidate.version


class OneBoard:
    url = "toy-board://acme"

    def postings(self) -> Sequence[BoardPosting]:
        return [BoardPosting(external_ref="7", title="Senior Data Analyst")]


class Importer:
    url = "toy-ats://acme"

    def records(self) -> Iterator[ImportedRecord | ImportProblem]:
        yield ImportedRecord(
            external_ref="app-1",
            events=(
                ev.OrganizationAdded(at=T0, organization_id="org_1", name="Acme Analytics"),
                ev.ApplicationSubmitted(
                    at=T0, application_id="app_1", organization_id="org_1", role_title="Analyst"
                ),
            ),
        )
        yield ImportProblem(external_ref="app-2", reason="no posting")


class Inbox:
    url = "inbox:"

    def __init__(self) -> None:
        self.received: list[Notification] = []

    def notify(self, notification: Notification) -> bool:
        self.received.append(notification)
        return True


def test_an_import_records_into_any_journal() -> None:
    journal = ListJournal()
    typed: Journal = journal  # the protocol is all the service asks for

    report = import_records(typed, Importer(), now=T0)
    again = import_records(typed, Importer(), now=T0)

    assert (report.imported, report.failed, report.events_added) == (1, 1, 2)
    assert (again.imported, again.skipped, again.events_added) == (0, 1, 0)
    assert [type(e).__name__ for e in journal.events] == [
        "OrganizationAdded",
        "ApplicationSubmitted",
    ]


def test_the_watch_reads_boards_through_the_opener_it_is_given() -> None:
    journal = ListJournal()
    journal.record(
        ev.OrganizationAdded(
            at=T0, organization_id="org_1", name="Acme", board_url="toy-board://acme"
        ),
        ev.ContactAdded(at=T0, person_id="per_1", role=Role.INTERVIEWER, name="Dana"),
        ev.ApplicationSubmitted(
            at=T0, application_id="app_1", organization_id="org_1", role_title="Data Analyst"
        ),
        ev.FollowUpAnswered(
            at=T0,
            application_id="app_1",
            person_id="per_1",
            question=FollowUpQuestion.SIMILAR_ROLE,
            answer=Answer.YES,
        ),
    )
    opened: list[str] = []

    def open_board(url: str) -> OneBoard:
        opened.append(url)
        return OneBoard()

    report = watch(journal, open_board, T0 + timedelta(days=1))

    assert opened == ["toy-board://acme"]
    assert [p.title for p in report.new] == ["Senior Data Analyst"]
    assert isinstance(journal.events[-1], ev.PostingSeen)


def test_one_dispatcher_serves_two_workspaces_and_opens_its_notifier_once() -> None:
    store = MemoryStore()
    inbox = Inbox()
    opened: list[str] = []

    def open_notifier(url: str) -> Inbox:
        opened.append(url)
        return inbox

    dispatcher = Dispatcher(open_notifier, ["inbox:"])
    advice = Advice(
        code="AV301",
        name="thank-everyone-met",
        message="Thank Dana for the interview",
        subjects=(Subject("person", "per_1"),),
        due=T0,
        priority=Priority.HIGH,
    )
    reports = [dispatcher.run(store.workspace(name), name, [advice], T0) for name in ("ana", "ben")]

    assert reports == [DispatchReport(queued=1, delivered=1)] * 2
    assert opened == ["inbox:"]
    assert sorted(n.workspace for n in inbox.received) == ["ana", "ben"]
