"""The fold refuses every event that does not fit the workspace, and stores nothing then."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview import Workspace
from afterview import events as ev
from afterview.errors import DataError, EventRejected
from afterview.fold import State, fold
from afterview.model import (
    ActionKind,
    Answer,
    Channel,
    ContactPoint,
    ContactPointKind,
    DecisionKind,
    FeedbackCategory,
    FeedbackRequestStatus,
    FollowUpQuestion,
    Role,
    Sentiment,
    ThankYouMedium,
)
from afterview.testing.strategies import event_of
from conftest import T0

DAY = timedelta(days=1)


@attrs.frozen
class Scene:
    """A search in progress: one application, an interview held, a rejection, a request sent."""

    org: str
    interviewer: str
    receptionist: str
    stranger: str
    application: str
    interview: str
    request: str
    other_application: str


@pytest.fixture
def scene(ws: Workspace) -> Scene:
    org = ws.add_organization("Acme Analytics", at=T0)
    interviewer = ws.add_contact("Dana Reyes", Role.INTERVIEWER, organization=org, at=T0)
    receptionist = ws.add_contact("Sam Lee", Role.RECEPTIONIST, organization=org, at=T0)
    stranger = ws.add_contact("Kim Park", Role.HR, organization=org, at=T0)
    application = ws.submit_application(org, "Data Analyst", at=T0)
    other = ws.submit_application(org, "Data Engineer", at=T0)
    interview = ws.schedule_interview(application, T0 + DAY, interviewers=[interviewer], at=T0)
    ws.record_interview_held(interview, people_met=[receptionist], at=T0 + DAY)
    ws.record_decision(application, DecisionKind.REJECTED, at=T0 + 3 * DAY)
    request = ws.request_feedback_call(application, interviewer, at=T0 + 4 * DAY)
    return Scene(org, interviewer, receptionist, stranger, application, interview, request, other)


Make = Callable[[Scene], ev.Event]
LATER = T0 + 5 * DAY

REFUSALS: dict[str, tuple[Make, str]] = {
    "feedback-on-an-unknown-request": (
        lambda s: ev.FeedbackRecorded(
            at=LATER,
            item_id="fbk_x",
            application_id=s.application,
            sentiment=Sentiment.NEGATIVE,
            category=FeedbackCategory.SKILL,
            request_id="fbr_missing",
        ),
        "unknown feedback request 'fbr_missing'",
    ),
    "feedback-on-another-applications-request": (
        lambda s: ev.FeedbackRecorded(
            at=LATER,
            item_id="fbk_x",
            application_id=s.other_application,
            sentiment=Sentiment.NEGATIVE,
            category=FeedbackCategory.SKILL,
            request_id=s.request,
        ),
        "about another application",
    ),
    "thank-you-to-someone-not-met-there": (
        lambda s: ev.ThankYouSent(
            at=LATER,
            note_id="thx_x",
            interview_id=s.interview,
            person_id=s.stranger,
            medium=ThankYouMedium.HANDWRITTEN,
        ),
        "was not met at interview",
    ),
    "thank-you-for-an-unknown-interview": (
        lambda s: ev.ThankYouSent(
            at=LATER,
            note_id="thx_x",
            interview_id="int_missing",
            person_id=s.interviewer,
            medium=ThankYouMedium.EMAIL,
        ),
        "unknown interview",
    ),
    "thank-you-delivered-before-written": (
        lambda s: ev.ThankYouSent(
            at=LATER,
            note_id="thx_x",
            interview_id=s.interview,
            person_id=s.interviewer,
            medium=ThankYouMedium.EMAIL,
            delivered_at=LATER - DAY,
        ),
        "before the note was written",
    ),
    "a-second-decision-on-a-decided-application": (
        lambda s: ev.DecisionReceived(
            at=LATER, application_id=s.application, kind=DecisionKind.OFFER
        ),
        "already decided",
    ),
    "a-decision-on-an-unknown-application": (
        lambda s: ev.DecisionReceived(at=LATER, application_id="app_x", kind=DecisionKind.OFFER),
        "unknown application",
    ),
    "an-interview-for-a-decided-application": (
        lambda s: ev.InterviewScheduled(
            at=LATER, interview_id="int_x", application_id=s.application, scheduled_for=LATER
        ),
        "already decided",
    ),
    "a-feedback-request-before-any-decision": (
        lambda s: ev.FeedbackRequested(
            at=LATER,
            request_id="fbr_x",
            application_id=s.other_application,
            person_id=s.interviewer,
            channel=Channel.PHONE,
        ),
        "has no decision yet",
    ),
    "a-touchpoint-with-an-unknown-person": (
        lambda s: ev.TouchpointLogged(
            at=LATER, touchpoint_id="tch_x", person_id="per_missing", channel=Channel.PHONE
        ),
        "unknown person 'per_missing'",
    ),
    "a-duplicate-organization-id": (
        lambda s: ev.OrganizationAdded(at=LATER, organization_id=s.org, name="Acme again"),
        "already exists",
    ),
    "a-contact-at-an-unknown-organization": (
        lambda s: ev.ContactAdded(
            at=LATER, person_id="per_x", role=Role.HR, organization_id="org_missing"
        ),
        "unknown organization",
    ),
    "a-business-card-from-someone-not-met-there": (
        lambda s: ev.BusinessCardCollected(
            at=LATER,
            person_id=s.stranger,
            interview_id=s.interview,
            points=(ContactPoint(ContactPointKind.WORK_PHONE, "+1 555 0100"),),
        ),
        "was not met at interview",
    ),
    "holding-an-interview-twice": (
        lambda s: ev.InterviewHeld(at=LATER, interview_id=s.interview),
        "is held, not scheduled",
    ),
    "people-met-at-an-interview-not-yet-held": (
        lambda s: ev.PeopleMet(at=LATER, interview_id="int_missing", person_ids=(s.stranger,)),
        "unknown interview",
    ),
    "a-call-held-after-it-was-declined-is-checked-by-status": (
        lambda s: ev.FeedbackRequestSent(at=LATER, request_id=s.request),
        "is sent, expected drafted",
    ),
    "completing-an-unknown-action": (
        lambda s: ev.ActionCompleted(at=LATER, action_id="act_missing"),
        "unknown action",
    ),
    "ending-a-stay-in-touch-plan-that-never-started": (
        lambda s: ev.StayInTouchEnded(at=LATER, person_id=s.interviewer),
        "no stay-in-touch plan",
    ),
    "an-action-for-unknown-feedback": (
        lambda s: ev.ActionPlanned(
            at=LATER,
            action_id="act_x",
            kind=ActionKind.SKILL_PLAN,
            title="Learn SQL window functions",
            due=LATER + DAY,
            feedback_item_id="fbk_missing",
        ),
        "unknown feedback item",
    ),
    "a-follow-up-answer-for-an-unknown-application": (
        lambda s: ev.FollowUpAnswered(
            at=LATER,
            application_id="app_missing",
            person_id=s.interviewer,
            question=FollowUpQuestion.SIMILAR_ROLE,
            answer=Answer.YES,
        ),
        "unknown application",
    ),
    "closing-an-unknown-posting": (
        lambda s: ev.PostingClosed(at=LATER, posting_id="pst_missing"),
        "unknown posting",
    ),
}


@pytest.mark.parametrize("make", [m for m, _ in REFUSALS.values()], ids=list(REFUSALS))
def test_an_event_that_does_not_fit_is_refused_and_nothing_is_stored(
    ws: Workspace, scene: Scene, make: Make, request: pytest.FixtureRequest
) -> None:
    reason = REFUSALS[request.node.callspec.id][1]
    event = make(scene)
    before_version = ws.store.workspace(ws.name).version()
    before_events = ws.events()
    with pytest.raises(EventRejected) as caught:
        ws.record(event)
    assert caught.value.event_type == event.type
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{event.type} refused: ")
    assert ws.store.workspace(ws.name).version() == before_version
    assert ws.events() == before_events
    assert ws.state == fold(before_events)


def test_a_batch_with_one_bad_event_stores_none_of_it(ws: Workspace, scene: Scene) -> None:
    before = ws.events()
    good = ev.TouchpointLogged(
        at=LATER, touchpoint_id="tch_1", person_id=scene.interviewer, channel=Channel.PHONE
    )
    bad = ev.TouchpointLogged(
        at=LATER, touchpoint_id="tch_1", person_id=scene.interviewer, channel=Channel.PHONE
    )
    with pytest.raises(EventRejected, match="touchpoint 'tch_1' already exists"):
        ws.record(good, bad)
    assert ws.events() == before
    assert "tch_1" not in ws.state.touchpoints


def test_a_decision_after_a_position_was_put_on_hold_is_accepted(
    ws: Workspace, scene: Scene
) -> None:
    ws.record_decision(scene.other_application, DecisionKind.ON_HOLD, at=LATER)
    ws.record_decision(scene.other_application, DecisionKind.OFFER, at=LATER + DAY)
    state = ws.state
    assert state.decisions[scene.other_application].kind is DecisionKind.OFFER
    assert [d.kind for d in state.decisions_history[scene.other_application]] == [
        DecisionKind.ON_HOLD,
        DecisionKind.OFFER,
    ]


def test_an_interview_can_still_be_scheduled_while_the_position_is_on_hold(
    ws: Workspace, scene: Scene
) -> None:
    ws.record_decision(scene.other_application, DecisionKind.ON_HOLD, at=LATER)
    interview = ws.schedule_interview(scene.other_application, LATER + DAY, at=LATER)
    assert interview in ws.state.interviews


def test_a_feedback_request_moves_through_its_statuses(ws: Workspace, scene: Scene) -> None:
    ws.schedule_feedback_call(scene.request, LATER + DAY, at=LATER)
    assert ws.state.feedback_requests[scene.request].status is FeedbackRequestStatus.SCHEDULED
    ws.record_feedback_call_held(scene.request, at=LATER + DAY)
    request = ws.state.feedback_requests[scene.request]
    assert request.status is FeedbackRequestStatus.HELD
    assert request.updated_at == LATER + DAY
    with pytest.raises(EventRejected, match="is held, expected sent or scheduled"):
        ws.record_feedback_declined(scene.request, at=LATER + 2 * DAY)


def test_a_drafted_request_must_be_sent_before_it_can_go_unanswered(
    ws: Workspace, scene: Scene
) -> None:
    draft = ws.request_feedback_call(scene.application, scene.receptionist, sent=False, at=LATER)
    with pytest.raises(EventRejected, match="is drafted, expected sent"):
        ws.record_no_response(draft, at=LATER + DAY)
    ws.mark_feedback_request_sent(draft, at=LATER + DAY)
    ws.record_no_response(draft, at=LATER + 9 * DAY)
    assert ws.state.feedback_requests[draft].status is FeedbackRequestStatus.NO_RESPONSE


@pytest.mark.parametrize(
    "make",
    [
        lambda s: ev.TouchpointLogged(
            at=LATER, touchpoint_id="tch_x", person_id=s.interviewer, channel=Channel.EMAIL
        ),
        lambda s: ev.StayInTouchAgreed(at=LATER, person_id=s.interviewer, cadence_days=42),
        lambda s: ev.ContactForgotten(at=LATER, person_id=s.interviewer),
        lambda s: ev.ContactDetailsAdded(
            at=LATER,
            person_id=s.interviewer,
            points=(ContactPoint(ContactPointKind.EMAIL, "dana@example.org"),),
        ),
        lambda s: ev.FollowUpAnswered(
            at=LATER,
            application_id=s.application,
            person_id=s.interviewer,
            question=FollowUpQuestion.STAY_IN_TOUCH,
            answer=Answer.YES,
        ),
    ],
    ids=["touchpoint", "stay-in-touch", "forget-again", "contact-details", "follow-up"],
)
def test_nothing_new_can_be_recorded_about_a_forgotten_person(
    ws: Workspace, scene: Scene, make: Make
) -> None:
    ws.forget(scene.interviewer, at=LATER - DAY)
    before = ws.events()
    with pytest.raises(EventRejected, match="was forgotten"):
        ws.record(make(scene))
    assert ws.events() == before


def test_an_event_of_a_foreign_class_is_refused() -> None:
    @attrs.frozen(kw_only=True)
    class Rumour(ev.BaseEvent):
        pass

    state = State()
    with pytest.raises(EventRejected, match="Rumour refused: not an afterview event"):
        state.apply(Rumour(at=T0))  # type: ignore[arg-type]
    assert state == State()


def test_fold_of_a_log_equals_the_live_state(ws: Workspace, scene: Scene) -> None:
    assert fold(ws.events()) == ws.state


def test_a_copy_of_the_state_is_independent(ws: Workspace, scene: Scene) -> None:
    state = ws.state
    copy = state.copy()
    copy.apply(ev.OrganizationAdded(at=LATER, organization_id="org_new", name="Initech"))
    assert "org_new" not in state.organizations
    assert copy.version == state.version + 1


@given(themes=st.lists(st.sampled_from(["SQL", " sql ", "Listening", "", "  "]), max_size=6))
def test_feedback_themes_are_trimmed_lower_cased_and_unique(themes: list[str]) -> None:
    state = fold(
        [
            ev.OrganizationAdded(at=T0, organization_id="o", name="Acme"),
            ev.ApplicationSubmitted(at=T0, application_id="a", organization_id="o", role_title="r"),
            ev.FeedbackRecorded(
                at=T0,
                item_id="f",
                application_id="a",
                sentiment=Sentiment.NEGATIVE,
                category=FeedbackCategory.SKILL,
                themes=tuple(themes),
            ),
        ]
    )
    stored = state.feedback_items["f"].themes
    assert len(stored) == len(set(stored))
    assert all(t == t.strip().lower() and t for t in stored)
    assert set(stored) == {t.strip().lower() for t in themes if t.strip()}


# --- naive datetimes, at every entry point ----------------------------------------------------

NAIVE = datetime(2026, 5, 4, 9, 0)


@pytest.mark.parametrize("cls", list(ev.EVENT_TYPES.values()), ids=list(ev.EVENT_TYPES))
def test_no_event_can_be_constructed_with_a_naive_time(cls: type[ev.Event]) -> None:
    @given(event_of(cls))
    @settings(max_examples=5)
    def check(event: ev.Event) -> None:
        with pytest.raises(DataError, match="timezone-aware") as caught:
            attrs.evolve(event, at=NAIVE)
        assert caught.value.path == "$.at"

    check()


@pytest.mark.parametrize(
    "call",
    [
        lambda ws, s: ws.add_organization("Initech", at=NAIVE),
        lambda ws, s: ws.schedule_interview(s.other_application, NAIVE, at=T0),
        lambda ws, s: ws.reschedule_interview(s.interview, NAIVE, at=T0),
        lambda ws, s: ws.send_thank_you(s.interview, s.interviewer, delivered_at=NAIVE, at=LATER),
        lambda ws, s: ws.schedule_feedback_call(s.request, NAIVE, at=LATER),
        lambda ws, s: ws.plan_action(ActionKind.SKILL_PLAN, "Learn dbt", NAIVE, at=LATER),
        lambda ws, s: ws.log_touchpoint(s.interviewer, at=NAIVE),
    ],
    ids=[
        "at",
        "scheduled-for",
        "rescheduled-for",
        "delivered-at",
        "call-scheduled-for",
        "action-due",
        "touchpoint-at",
    ],
)
def test_workspace_methods_refuse_naive_times_and_store_nothing(
    ws: Workspace, scene: Scene, call: Callable[[Workspace, Scene], object]
) -> None:
    before = ws.events()
    with pytest.raises(DataError, match="timezone-aware"):
        call(ws, scene)
    assert ws.events() == before


def test_the_workspace_clock_must_be_timezone_aware(ws: Workspace, scene: Scene) -> None:
    ws.clock = lambda: NAIVE
    before = ws.events()
    with pytest.raises(DataError, match="timezone-aware"):
        ws.log_touchpoint(scene.interviewer)
    assert ws.events() == before


def test_the_agenda_refuses_a_naive_now(ws: Workspace, scene: Scene) -> None:
    with pytest.raises(DataError, match="timezone-aware"):
        ws.agenda(NAIVE)


def test_times_in_different_offsets_compare_as_instants(ws: Workspace, scene: Scene) -> None:
    paris = datetime(2026, 5, 9, 13, 0, tzinfo=timezone(timedelta(hours=2)))
    ws.log_touchpoint(scene.interviewer, Channel.PHONE, at=paris)
    assert ws.state.touchpoints_with(scene.interviewer)[0].at == datetime(
        2026, 5, 9, 11, 0, tzinfo=UTC
    )
