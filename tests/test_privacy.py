"""A third party's personal data never shows in a repr or a log, and ``forget`` really forgets."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import PluginManager, Workspace
from afterview import events as ev
from afterview.errors import NotFoundError, StoreError
from afterview.fold import State
from afterview.model import (
    Answer,
    Channel,
    ContactPoint,
    ContactPointKind,
    DecisionKind,
    FeedbackCategory,
    FeedbackItem,
    FeedbackRequest,
    FeedbackRequestStatus,
    FollowUpAnswer,
    FollowUpQuestion,
    Person,
    ResearchNote,
    ResearchSubject,
    Role,
    Sentiment,
    Touchpoint,
)
from afterview.playbook.rule import Advice
from afterview.serialization import ExportDocument, dumps_event
from afterview.store import StoredEvent
from afterview.testing.strategies import events
from conftest import T0, Clock, counting_ids

DAY = timedelta(days=1)

#: Fields that hold a third party's personal data, wherever they appear.
PERSONAL_FIELDS = frozenset({"notes", "note", "message", "summary", "points", "contact_points"})
#: ``name`` and ``title`` are personal on a person, not on an organization or a posting.
PERSON_FIELDS = frozenset({"name", "title"})

# Distinctive text that cannot appear in a repr by accident.
markers = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=3, max_size=12).map(
    lambda s: f"¤{s}¤"
)


def _with_personal_data(obj: object, marker: str) -> object:
    changes: dict[str, object] = {}
    for field in attrs.fields(type(obj)):
        personal = field.name in PERSONAL_FIELDS or (
            field.name in PERSON_FIELDS and isinstance(obj, ev.ContactAdded | Person)
        )
        if not personal:
            continue
        if field.name in ("points", "contact_points"):
            changes[field.name] = (
                ContactPoint(ContactPointKind.CELL_PHONE, marker, direct=True),
                ContactPoint(ContactPointKind.MAILING_ADDRESS, marker),
            )
        else:
            changes[field.name] = marker
    return attrs.evolve(obj, **changes)


@given(events(), markers)
def test_no_event_repr_shows_personal_data(event: ev.Event, marker: str) -> None:
    private = _with_personal_data(event, marker)
    assert marker not in repr(private)
    assert marker not in str(private)


@given(markers)
def test_no_entity_repr_shows_personal_data(marker: str) -> None:
    point = ContactPoint(ContactPointKind.EMAIL, marker, direct=True)
    entities: list[object] = [
        point,
        Person("per_1", Role.RECEPTIONIST, "org_1", marker, marker, marker, (point,)),
        ResearchNote("res_1", "app_1", ResearchSubject.INTERVIEWER, T0, "per_1", marker),
        FeedbackRequest(
            "fbr_1", "app_1", "per_1", Channel.PHONE, FeedbackRequestStatus.SENT, T0, marker
        ),
        FeedbackItem(
            "fbk_1", "app_1", Sentiment.NEGATIVE, FeedbackCategory.SKILL, T0, summary=marker
        ),
        FollowUpAnswer("app_1", "per_1", FollowUpQuestion.OTHER_ROLES, Answer.YES, T0, marker),
        Touchpoint("tch_1", "per_1", Channel.EMAIL, T0, note=marker),
        Advice(code="AV301", name="thank-everyone-met", message=marker, due=T0),
        StoredEvent(1, json.dumps({"name": marker}), T0),
        ExportDocument(workspace="w", exported_at=T0, events=()),
    ]
    for entity in entities:
        assert marker not in repr(entity), type(entity).__name__


def _search_with_personal_data(ws: Workspace, marker: str) -> dict[str, str]:
    org = ws.add_organization("Acme Analytics", at=T0)
    dana = ws.add_contact(
        f"Dana {marker}", Role.INTERVIEWER, organization=org, title=marker, notes=marker, at=T0
    )
    sam = ws.add_contact(f"Sam {marker}", Role.RECEPTIONIST, organization=org, at=T0)
    app = ws.submit_application(org, "Data Analyst", at=T0)
    ws.note_research(app, ResearchSubject.INTERVIEWER, person=dana, summary=marker, at=T0)
    interview = ws.schedule_interview(app, T0 + DAY, interviewers=[dana], at=T0)
    ws.record_interview_held(interview, people_met=[sam], at=T0 + DAY)
    ws.collect_business_card(
        dana,
        work_phone=f"+1 555 {marker}",
        cell_phone=f"+1 556 {marker}",
        email=f"{marker}@example.org",
        mailing_address=f"1 {marker} Street",
        interview=interview,
        at=T0 + DAY,
    )
    ws.send_thank_you(interview, dana, at=T0 + DAY)
    ws.send_thank_you(interview, sam, at=T0 + DAY)
    ws.record_decision(app, DecisionKind.REJECTED, at=T0 + 3 * DAY)
    request = ws.request_feedback_call(app, dana, message=marker, at=T0 + 4 * DAY)
    ws.record_feedback_call_held(request, at=T0 + 6 * DAY)
    ws.record_feedback(
        app, Sentiment.POSITIVE, FeedbackCategory.FIT, marker, request=request, at=T0 + 6 * DAY
    )
    ws.record_follow_up_answer(
        app, dana, FollowUpQuestion.STAY_IN_TOUCH, Answer.YES, note=marker, at=T0 + 6 * DAY
    )
    ws.agree_stay_in_touch(dana, at=T0 + 6 * DAY)
    ws.log_touchpoint(dana, Channel.PHONE, note=marker, at=T0 + 20 * DAY)
    return {"dana": dana, "sam": sam, "app": app, "interview": interview}


@pytest.fixture
def fresh_ws(plugin_manager: PluginManager) -> Workspace:
    return Workspace.open(
        "memory://", plugin_manager=plugin_manager, clock=Clock(T0 + 30 * DAY), ids=counting_ids()
    )


@given(markers)
def test_state_and_workspace_reprs_hide_personal_data(marker: str) -> None:
    ws = Workspace.open(
        "memory://",
        plugin_manager=PluginManager(load_entry_points=False),
        clock=Clock(T0 + 30 * DAY),
        ids=counting_ids(),
    )
    _search_with_personal_data(ws, marker)
    state: State = ws.state
    assert marker not in repr(state)
    assert marker not in repr(ws)
    assert all(marker not in repr(a) for a in ws.agenda())


def test_logs_never_carry_personal_data(
    fresh_ws: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    marker = "¤Quetzalcoatl¤"
    with caplog.at_level(logging.DEBUG):
        ids = _search_with_personal_data(fresh_ws, marker)
        fresh_ws.agenda()
        fresh_ws.forget(ids["dana"])
    assert caplog.records, "forget should leave a trace in the log, without the person"
    assert all(marker not in r.getMessage() for r in caplog.records)


def test_forget_removes_a_person_from_state_and_from_the_stored_log(fresh_ws: Workspace) -> None:
    marker = "¤Quetzalcoatl¤"
    ids = _search_with_personal_data(fresh_ws, marker)
    rewritten = fresh_ws.forget(ids["dana"])
    assert rewritten >= 6
    raw = [r.data for r in fresh_ws.store.workspace(fresh_ws.name).read(0)]
    assert all(marker not in t for t in raw)  # every person's data is stored sealed
    stored = [dumps_event(e) for e in fresh_ws.events()]  # as the workspace reads it
    dana_texts = [t for t in stored if marker in t and f"Sam {marker}" not in t]
    assert dana_texts == []
    state = fresh_ws.state
    dana = state.people[ids["dana"]]
    assert dana.forgotten
    assert (dana.name, dana.title, dana.notes, dana.contact_points) == ("", None, None, ())
    assert marker not in repr(attrs.asdict(dana))
    everything = "\n".join(stored)
    # Sam was not forgotten: only Sam's name keeps the marker.
    assert everything.count(marker) == 1
    for table in (state.research, state.feedback_items, state.follow_ups, state.touchpoints):
        assert marker not in repr([attrs.asdict(v) for v in table.values()])
    assert all(r.message is None for r in state.feedback_requests.values())


def test_a_forget_cut_short_after_its_event_was_stored_can_be_run_again(
    fresh_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = "¤Quetzalcoatl¤"
    ids = _search_with_personal_data(fresh_ws, marker)
    log = fresh_ws.store.workspace(fresh_ws.name)

    def cut_short(replacements: object) -> None:
        raise StoreError("the disk went away")

    monkeypatch.setattr(log, "redact", cut_short)
    with pytest.raises(StoreError):
        fresh_ws.forget(ids["dana"])
    monkeypatch.undo()
    assert fresh_ws.state.people[ids["dana"]].forgotten  # the event was stored…
    assert log.key_get(ids["dana"]) is not None  # …her key was not destroyed…
    assert fresh_ws.forget_target(f"dana  {marker}") == (ids["dana"], f"Dana {marker}")
    version = fresh_ws.state.version

    assert fresh_ws.forget(f"Dana {marker}") >= 6  # …so she is still found by her name
    assert fresh_ws.state.version == version  # nothing new recorded
    assert log.key_get(ids["dana"]) is None
    opened = "\n".join(dumps_event(e) for e in fresh_ws.events())
    assert opened.count(marker) == 1  # only Sam's name is left
    assert fresh_ws.forget(ids["dana"]) == 0
    with pytest.raises(NotFoundError):
        fresh_ws.forget(f"Dana {marker}")  # finished: her name is gone for good


def test_after_forget_the_skeleton_still_folds_and_plans_end(fresh_ws: Workspace) -> None:
    ids = _search_with_personal_data(fresh_ws, "x")
    fresh_ws.forget(ids["dana"], at=T0 + 25 * DAY)
    from afterview.fold import fold

    assert fold(fresh_ws.events()) == fresh_ws.state
    assert fresh_ws.state.plans[ids["dana"]].ended_at == T0 + 25 * DAY


def test_export_of_one_person_holds_only_the_events_about_them(fresh_ws: Workspace) -> None:
    ids = _search_with_personal_data(fresh_ws, "x")
    document = fresh_ws.export(ids["sam"])
    assert [e.type for e in document.events] == ["ContactAdded", "InterviewHeld", "ThankYouSent"]
    whole = fresh_ws.export()
    assert len(whole.events) == len(fresh_ws.events())
    dana = fresh_ws.export(ids["dana"])
    assert {e.type for e in dana.events} >= {
        "ContactAdded",
        "BusinessCardCollected",
        "FeedbackRequested",
        "FeedbackRecorded",
        "FollowUpAnswered",
        "StayInTouchAgreed",
        "TouchpointLogged",
    }
    assert all(e in whole.events for e in dana.events)
    assert document.exported_at == datetime(2026, 6, 3, 9, 0, tzinfo=UTC)
