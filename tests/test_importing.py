"""Importing a candidate's history from an ATS: idempotent, record by record."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import (
    DecisionKind,
    ImportedRecord,
    ImportProblem,
    InterviewStatus,
    PluginError,
    PluginManager,
    Role,
    UnclaimedURLError,
    Workspace,
    hookimpl,
)
from afterview import events as ev
from afterview.ats.importing import ImportFailure, ImportReport
from conftest import T0, Clock

Item = ImportedRecord | ImportProblem


class ListImporter:
    """An importer that yields a fixed list of records, then optionally fails."""

    def __init__(self, url: str, items: Sequence[Item], fail_after: str | None = None) -> None:
        self._url = url
        self.items = list(items)
        self.fail_after = fail_after
        self.closed = 0

    @property
    def url(self) -> str:
        return self._url

    def records(self) -> Iterator[Item]:
        yield from self.items
        if self.fail_after is not None:
            raise PluginError(self.fail_after)

    def close(self) -> None:
        self.closed += 1


class Importers:
    def __init__(self) -> None:
        self.by_url: dict[str, ListImporter] = {}

    @hookimpl
    def afterview_open_importer(self, url: str) -> ListImporter | None:
        return self.by_url.get(url)


@pytest.fixture
def importers(plugin_manager: PluginManager) -> Importers:
    plugin = Importers()
    plugin_manager.register(plugin, name="test-importers")
    return plugin


def history() -> list[Item]:
    org = ev.OrganizationAdded(at=T0, organization_id="t-org-1", name="Acme")
    person = ev.ContactAdded(
        at=T0, person_id="t-per-9", role=Role.INTERVIEWER, organization_id="t-org-1", name="Dana"
    )
    app = ev.ApplicationSubmitted(
        at=T0, application_id="t-app-1", organization_id="t-org-1", role_title="Data Analyst"
    )
    interview = ev.InterviewScheduled(
        at=T0,
        interview_id="t-int-1",
        application_id="t-app-1",
        scheduled_for=T0 + timedelta(days=2),
        interviewers=("t-per-9",),
    )
    decision = ev.DecisionReceived(
        at=T0 + timedelta(days=5),
        application_id="t-app-1",
        kind=DecisionKind.REJECTED,
        reason="Skills",
        external_ref="1",
    )
    return [
        ImportedRecord(external_ref="org", events=(org,)),
        ImportedRecord(external_ref="1", events=(person, app, interview, decision)),
    ]


def test_importing_twice_adds_nothing_the_second_time(ws: Workspace, importers: Importers) -> None:
    importers.by_url["t://a"] = ListImporter("t://a", history())
    seen: list[ImportReport] = []

    first = ws.import_from("t://a", progress=seen.append)
    version = ws.state.version
    second = ws.import_from("t://a")

    assert (first.imported, first.skipped, first.failed, first.events_added) == (2, 0, 0, 5)
    assert (second.imported, second.skipped, second.failed, second.events_added) == (0, 2, 0, 0)
    assert ws.state.version == version
    assert [r.records for r in seen] == [1, 2]
    assert ws.state.decisions["t-app-1"].kind is DecisionKind.REJECTED
    assert ws.state.interviews["t-int-1"].interviewers == ("t-per-9",)


def test_a_record_that_grew_adds_only_its_new_events(ws: Workspace, importers: Importers) -> None:
    items = history()
    org, full = items
    assert isinstance(full, ImportedRecord)
    importers.by_url["t://a"] = ListImporter(
        "t://a", [org, ImportedRecord(external_ref="1", events=full.events[:3])]
    )
    ws.import_from("t://a")
    importers.by_url["t://a"] = ListImporter("t://a", items)

    report = ws.import_from("t://a")

    assert (report.updated, report.skipped, report.events_added) == (1, 1, 1)
    assert "t-app-1" in ws.state.decisions


def test_an_unreadable_record_is_reported_and_the_rest_import(
    ws: Workspace, importers: Importers
) -> None:
    org, app = history()
    importers.by_url["t://a"] = ListImporter(
        "t://a", [org, ImportProblem(external_ref="77", reason="no job title"), app]
    )

    report = ws.import_from("t://a")

    assert (report.imported, report.failed) == (2, 1)
    assert report.problems == (ImportFailure(external_ref="77", reason="no job title"),)
    assert "t-app-1" in ws.state.applications


def test_a_record_the_workspace_refuses_is_reported_and_nothing_of_it_is_stored(
    ws: Workspace, importers: Importers
) -> None:
    _org, app = history()  # the organization record is missing: the application cannot fit
    importers.by_url["t://a"] = ListImporter("t://a", [app])

    report = ws.import_from("t://a")

    assert report.failed == 1
    assert report.problems[0].external_ref == "1"
    assert "unknown organization 't-org-1'" in report.problems[0].reason
    assert ws.state.version == 0
    assert ws.events() == []


def test_an_importer_that_fails_midway_keeps_what_came_before(
    ws: Workspace, importers: Importers
) -> None:
    importer = importers.by_url["t://a"] = ListImporter(
        "t://a", history(), fail_after="server gone"
    )

    report = ws.import_from("t://a")

    assert report.imported == 2
    assert report.stopped == "server gone"
    assert "t-app-1" in ws.state.applications
    assert importer.closed == 1  # its connections are released all the same


def test_an_unclaimed_url_is_refused_before_anything_is_stored(
    ws: Workspace, importers: Importers
) -> None:
    with pytest.raises(UnclaimedURLError, match="nobody://"):
        ws.import_from("nobody://x")
    assert ws.events() == []


def _imported_state(*runs: list[Item]) -> tuple[object, ...]:
    pm = PluginManager(load_entry_points=False)
    plugin = Importers()
    pm.register(plugin, name="test-importers")
    with Workspace.open("memory://", plugin_manager=pm, clock=lambda: T0) as ws:
        for number, items in enumerate(runs):
            plugin.by_url[f"t://{number}"] = ListImporter(f"t://{number}", items)
            ws.import_from(f"t://{number}")
        state = ws.state
        return (
            state.organizations,
            state.people,
            state.applications,
            state.interviews,
            state.decisions,
        )


@given(cut=st.integers(min_value=0, max_value=5), repeats=st.integers(min_value=1, max_value=3))
def test_an_import_interrupted_anywhere_and_rerun_ends_as_one_clean_import(
    cut: int, repeats: int
) -> None:
    full = history()
    events = [e for item in full if isinstance(item, ImportedRecord) for e in item.events]
    partial: list[Item] = [ImportedRecord(external_ref="partial", events=tuple(events[:cut]))]

    assert _imported_state(partial, *([full] * repeats)) == _imported_state(full)


# --- later changes in the ATS reach the workspace ---------------------------------------------


def _org() -> ImportedRecord:
    org = history()[0]
    assert isinstance(org, ImportedRecord)
    return org


def _application(*later: ev.Event, moved_to: timedelta = timedelta(days=2)) -> ImportedRecord:
    """The application record as the ATS holds it: the interview at ``T0 + moved_to``."""
    person, app, interview, _decision = history()[1].events  # type: ignore[union-attr]
    assert isinstance(interview, ev.InterviewScheduled)
    moved = ev.InterviewScheduled(
        at=interview.at,
        interview_id=interview.interview_id,
        application_id=interview.application_id,
        scheduled_for=T0 + moved_to,
        interviewers=interview.interviewers,
    )
    return ImportedRecord(external_ref="1", events=(person, app, moved, *later))


def _import(ws: Workspace, importers: Importers, *records: ImportedRecord) -> ImportReport:
    importers.by_url["t://a"] = ListImporter("t://a", [_org(), *records])
    return ws.import_from("t://a")


def _cancelled() -> ev.InterviewCancelled:
    return ev.InterviewCancelled(at=T0 + timedelta(hours=3), interview_id="t-int-1")


def _rejected(at: timedelta, reason: str = "Skills") -> ev.DecisionReceived:
    return ev.DecisionReceived(
        at=T0 + at,
        application_id="t-app-1",
        kind=DecisionKind.REJECTED,
        reason=reason,
        external_ref="1",
    )


def _on_hold(at: timedelta) -> ev.DecisionReceived:
    return ev.DecisionReceived(
        at=T0 + at, application_id="t-app-1", kind=DecisionKind.ON_HOLD, external_ref="1"
    )


def test_an_interview_moved_in_the_ats_is_rescheduled_and_a_third_import_adds_nothing(
    ws: Workspace, importers: Importers, clock: Clock
) -> None:
    _import(ws, importers, _application())
    clock.now = T0 + timedelta(hours=5)

    second = _import(ws, importers, _application(moved_to=timedelta(days=4)))
    version = ws.state.version
    third = _import(ws, importers, _application(moved_to=timedelta(days=4)))

    assert (second.updated, second.skipped, second.events_added) == (1, 1, 1)
    interview = ws.state.interviews["t-int-1"]
    assert interview.scheduled_for == T0 + timedelta(days=4)
    assert interview.booked_at == T0 + timedelta(hours=5)  # learnt at the second import
    assert isinstance(ws.events()[-1], ev.InterviewRescheduled)
    assert (third.imported, third.updated, third.events_added) == (0, 0, 0)
    assert ws.state.version == version


def test_an_interview_cancelled_in_the_ats_is_cancelled_and_its_advice_stops(
    ws: Workspace, importers: Importers
) -> None:
    _import(ws, importers, _application())
    assert _advice_about_interviews(ws)

    second = _import(ws, importers, _application(_cancelled()))
    third = _import(ws, importers, _application(_cancelled()))

    assert (second.updated, second.events_added) == (1, 1)
    assert ws.state.interviews["t-int-1"].status is InterviewStatus.CANCELLED
    assert _advice_about_interviews(ws) == []
    assert (third.skipped, third.events_added) == (2, 0)


def _advice_about_interviews(ws: Workspace) -> list[str]:
    """Advice on preparing for (AV1xx) or attending (AV2xx) an interview of the application."""
    return [
        advice.key
        for advice in ws.agenda(T0 + timedelta(hours=1))
        if advice.code.startswith(("AV1", "AV2"))
    ]


def test_an_interview_cancelled_before_the_first_import_is_not_added(
    ws: Workspace, importers: Importers
) -> None:
    person, app, _interview, *_ = _application().events
    record = ImportedRecord(external_ref="1", events=(person, app, _cancelled()))

    report = _import(ws, importers, record)

    assert (report.imported, report.failed) == (2, 0)
    assert ws.state.interviews == {}


def test_what_the_job_seeker_recorded_stands_a_held_interview_and_a_decision_by_hand(
    ws: Workspace, importers: Importers
) -> None:
    _import(ws, importers, _application())
    ws.record_interview_held("t-int-1", at=T0 + timedelta(days=2, hours=1))
    ws.record_decision("t-app-1", DecisionKind.OFFER, at=T0 + timedelta(days=3))

    moved = _import(ws, importers, _application(moved_to=timedelta(days=4)))
    cancelled = _import(ws, importers, _application(_cancelled(), _rejected(timedelta(days=9))))

    assert [(r.failed, r.events_added) for r in (moved, cancelled)] == [(0, 0), (0, 0)]
    interview = ws.state.interviews["t-int-1"]
    assert interview.status is InterviewStatus.HELD
    assert interview.scheduled_for == T0 + timedelta(days=2)
    assert ws.state.decisions["t-app-1"].kind is DecisionKind.OFFER


def test_a_new_decision_in_the_ats_is_recorded_once(ws: Workspace, importers: Importers) -> None:
    _import(ws, importers, _application(_on_hold(timedelta(days=3))))

    second = _import(ws, importers, _application(_rejected(timedelta(days=9))))
    third = _import(ws, importers, _application(_rejected(timedelta(days=9))))

    assert (second.updated, second.events_added) == (1, 1)
    assert ws.state.decisions["t-app-1"].kind is DecisionKind.REJECTED
    assert [d.kind for d in ws.state.decisions_history["t-app-1"]] == [
        DecisionKind.ON_HOLD,
        DecisionKind.REJECTED,
    ]
    assert (third.updated, third.events_added) == (0, 0)


def test_an_ats_decision_follows_a_hand_recorded_hold_only_when_it_came_later(
    ws: Workspace, importers: Importers
) -> None:
    _import(ws, importers, _application())
    ws.record_decision("t-app-1", DecisionKind.ON_HOLD, at=T0 + timedelta(days=5))

    older = _import(ws, importers, _application(_rejected(timedelta(days=4))))
    kept = ws.state.decisions["t-app-1"].kind
    later = _import(ws, importers, _application(_rejected(timedelta(days=6))))

    assert (older.events_added, kept) == (0, DecisionKind.ON_HOLD)
    assert later.events_added == 1
    assert ws.state.decisions["t-app-1"].kind is DecisionKind.REJECTED


class ClockedImporters:
    """An opener that takes the workspace's clock, as ``afterview_open_importer`` allows."""

    def __init__(self) -> None:
        self.seen: list[datetime] = []

    @hookimpl
    def afterview_open_importer(
        self, url: str, clock: Callable[[], datetime]
    ) -> ListImporter | None:
        if url != "clocked://a":
            return None
        self.seen.append(clock())
        return ListImporter(url, history())


def test_an_importer_that_asks_for_the_clock_gets_the_workspace_s(
    ws: Workspace, plugin_manager: PluginManager, importers: Importers, clock: Clock
) -> None:
    clocked = ClockedImporters()
    plugin_manager.register(clocked, name="test-clocked")
    clock.now = T0 + timedelta(days=30)
    importers.by_url["t://a"] = ListImporter("t://a", history())  # takes no clock: still works

    ws.import_from("clocked://a")
    ws.import_from("t://a")
    ws.import_from("clocked://a", now=T0 + timedelta(days=40))

    assert clocked.seen == [T0 + timedelta(days=30), T0 + timedelta(days=40)]


def test_an_imported_rejection_before_any_interview_asks_nobody_to_call(
    ws: Workspace, importers: Importers
) -> None:
    # The ATS booked an interview, then cancelled it and turned the application down: nobody
    # there interviewed the job seeker, so no advice may send them to call "the interviewer".
    _import(ws, importers, _application())
    _import(ws, importers, _application(_cancelled(), _rejected(timedelta(hours=6))))

    advice = ws.agenda(T0 + timedelta(days=1))
    codes = {a.code for a in advice}
    named = [a.code for a in advice if any(s.id == "t-per-9" for s in a.subjects)]

    assert "AV409" in codes
    assert not codes & {"AV401", "AV403", "AV406"}
    assert named == []
    assert not any("interviewed you" in a.message for a in advice)


def test_an_interview_set_for_after_the_rejection_makes_nobody_an_interviewer(
    ws: Workspace, importers: Importers
) -> None:
    # Turned down a day before the interview the ATS still lists: it never took place.
    _import(ws, importers, _application(_rejected(timedelta(days=1))))

    advice = ws.agenda(T0 + timedelta(days=3))

    assert "AV409" in {a.code for a in advice}
    assert [a.code for a in advice if any(s.id == "t-per-9" for s in a.subjects)] == []


def test_an_imported_organization_of_a_name_already_recorded_is_the_recorded_one(
    ws: Workspace, importers: Importers
) -> None:
    acme = ws.add_organization("ACMÉ")
    importers.by_url["t://a"] = ListImporter("t://a", history())

    first = ws.import_from("t://a")
    second = ws.import_from("t://a")

    assert (first.imported, first.skipped, first.failed) == (1, 1, 0)
    assert (second.events_added, second.skipped) == (0, 2)
    assert list(ws.state.organizations) == [acme]
    assert ws.state.applications["t-app-1"].organization_id == acme
    assert ws.state.people["t-per-9"].organization_id == acme
    assert ws.application_id("acmé") == "t-app-1"
