"""Properties every built-in rule keeps: metadata, valid subjects, determinism, purity."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import EVENT_TYPES, EventRejected, Settings, State, events
from afterview.model import (
    ActionKind,
    Answer,
    Channel,
    ContactPoint,
    ContactPointKind,
    DecisionKind,
    FeedbackCategory,
    FollowUpQuestion,
    InterviewFormat,
    ResearchSubject,
    Role,
    Sentiment,
    ThankYouMedium,
)
from afterview.playbook import (
    conversation,
    feedback_request,
    interview_day,
    patterns,
    preparation,
    relationship,
    thanks,
)
from afterview.playbook.agenda import build_agenda
from afterview.playbook.builtin import BUILTIN_RULES

MODULES = (
    preparation,
    interview_day,
    thanks,
    feedback_request,
    conversation,
    relationship,
    patterns,
)
SETTING_NAMES = {a.name for a in attrs.fields(Settings)}
KINDS = {
    "person": "people",
    "interview": "interviews",
    "application": "applications",
    "feedback_request": "feedback_requests",
    "feedback_item": "feedback_items",
    "action": "actions",
    "organization": "organizations",
    "posting": "postings",
}


def test_the_playbook_has_at_least_twenty_rules_in_every_area() -> None:
    assert len(BUILTIN_RULES) >= 20
    assert {r.area for r in BUILTIN_RULES} == {f"AV{n}" for n in range(1, 8)}
    codes = [r.code for r in BUILTIN_RULES]
    assert codes == sorted(set(codes))


def test_each_area_module_contributes_its_own_codes() -> None:
    assert tuple(r for m in MODULES for r in m.RULES) == BUILTIN_RULES
    for number, module in enumerate(MODULES, start=1):
        assert {r.area for r in module.RULES} == {f"AV{number}"}, module.__name__


def test_every_rule_names_real_settings_and_events_and_explains_itself() -> None:
    for r in BUILTIN_RULES:
        assert set(r.settings) <= SETTING_NAMES, r.code
        assert set(r.resolved_by) <= set(EVENT_TYPES), r.code
        assert r.resolved_by, r.code
        assert len(r.rationale.split()) >= 25, r.code
        assert r.name == r.name.lower(), r.code
        assert " " not in r.name, r.code


# --- random workspaces ---------------------------------------------------------------------

T = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
ORGS = ("org_a", "org_b", "org_c")
PEOPLE = ("per_a", "per_b", "per_c", "per_d")
APPS = ("app_a", "app_b", "app_c", "app_d")
INTERVIEWS = ("int_a", "int_b", "int_c")
REQUESTS = ("fbr_a", "fbr_b", "fbr_c")
ITEMS = ("fbk_a", "fbk_b", "fbk_c")
ACTIONS = ("act_a", "act_b")
NOTES = ("thx_a", "thx_b", "thx_c", "thx_d")
POSTINGS = ("pst_a", "pst_b")

times = st.integers(min_value=0, max_value=24 * 90).map(lambda h: T + timedelta(hours=h))
messages = st.sampled_from(
    [None, "Could we talk for ten minutes?", "Could you tell me why?", "That was unfair."]
)


def ev(cls: type, **fields: object) -> st.SearchStrategy[events.Event]:
    return st.builds(cls, at=times, **{k: _s(v) for k, v in fields.items()})


def _s(value: object) -> st.SearchStrategy[object]:
    if isinstance(value, st.SearchStrategy):
        return value
    if isinstance(value, tuple):
        return st.sampled_from(value)
    return st.just(value)


def ids_of(pool: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(pool), max_size=3).map(tuple)


points = st.lists(
    st.builds(
        ContactPoint,
        kind=st.sampled_from(list(ContactPointKind)),
        value=st.just("+1 555 0100"),
        direct=st.booleans(),
    ),
    min_size=1,
    max_size=2,
).map(tuple)

any_event = st.one_of(
    ev(events.OrganizationAdded, organization_id=ORGS, name="Org", board_url=(None, "x://b")),
    ev(
        events.ContactAdded,
        person_id=PEOPLE,
        role=tuple(Role),
        organization_id=(None, *ORGS),
        name=("Dana Reyes", ""),
    ),
    ev(events.BusinessCardCollected, person_id=PEOPLE, points=points),
    ev(events.ContactDetailsAdded, person_id=PEOPLE, points=points),
    ev(events.ContactForgotten, person_id=PEOPLE),
    ev(events.ApplicationSubmitted, application_id=APPS, organization_id=ORGS, role_title="R"),
    ev(
        events.InterviewScheduled,
        interview_id=INTERVIEWS,
        application_id=APPS,
        scheduled_for=times,
        format=tuple(InterviewFormat),
        interviewers=ids_of(PEOPLE),
    ),
    ev(events.InterviewCancelled, interview_id=INTERVIEWS),
    ev(events.InterviewHeld, interview_id=INTERVIEWS, people_met=ids_of(PEOPLE)),
    ev(events.PeopleMet, interview_id=INTERVIEWS, person_ids=ids_of(PEOPLE)),
    ev(
        events.ResearchNoted,
        note_id=st.uuids().map(str),
        application_id=APPS,
        subject=tuple(ResearchSubject),
        person_id=(None, *PEOPLE),
    ),
    ev(
        events.ThankYouSent,
        note_id=NOTES,
        interview_id=INTERVIEWS,
        person_id=PEOPLE,
        medium=tuple(ThankYouMedium),
    ),
    ev(events.ThankYouDelivered, note_id=NOTES),
    ev(
        events.DecisionReceived,
        application_id=APPS,
        kind=tuple(DecisionKind),
        person_id=(None, *PEOPLE),
    ),
    ev(
        events.FeedbackRequested,
        request_id=REQUESTS,
        application_id=APPS,
        person_id=PEOPLE,
        channel=tuple(Channel),
        message=messages,
        sent=st.booleans(),
    ),
    ev(events.FeedbackRequestSent, request_id=REQUESTS),
    ev(events.FeedbackCallScheduled, request_id=REQUESTS, scheduled_for=times),
    ev(events.FeedbackCallHeld, request_id=REQUESTS),
    ev(events.FeedbackRequestDeclined, request_id=REQUESTS),
    ev(events.FeedbackRequestUnanswered, request_id=REQUESTS),
    ev(
        events.FeedbackRecorded,
        item_id=ITEMS,
        application_id=APPS,
        sentiment=tuple(Sentiment),
        category=tuple(FeedbackCategory),
        request_id=(None, *REQUESTS),
        person_id=(None, *PEOPLE),
        themes=st.lists(st.sampled_from(["pace", "sql"]), max_size=2).map(tuple),
    ),
    ev(
        events.FollowUpAnswered,
        application_id=APPS,
        person_id=PEOPLE,
        question=tuple(FollowUpQuestion),
        answer=tuple(Answer),
    ),
    ev(
        events.ActionPlanned,
        action_id=ACTIONS,
        kind=tuple(ActionKind),
        title="t",
        due=times,
        feedback_item_id=(None, *ITEMS),
        application_id=(None, *APPS),
    ),
    ev(events.ActionCompleted, action_id=ACTIONS),
    ev(events.StayInTouchAgreed, person_id=PEOPLE, cadence_days=st.integers(1, 60)),
    ev(events.StayInTouchEnded, person_id=PEOPLE),
    ev(
        events.TouchpointLogged,
        touchpoint_id=st.uuids().map(str),
        person_id=PEOPLE,
        channel=tuple(Channel),
        about_posting=st.booleans(),
    ),
    ev(events.PostingSeen, posting_id=POSTINGS, organization_id=ORGS, title="Analyst"),
    ev(events.PostingClosed, posting_id=POSTINGS),
)


def folded(log: list[events.Event]) -> State:
    """Fold the events that fit, skipping the rest, as the workspace API would refuse them."""
    state = State()
    for event in log:
        try:
            state.apply(event)
        except EventRejected:
            continue
    return state


workspaces = st.lists(any_event, min_size=5, max_size=60)
small = Settings(pattern_min_applications=2)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=workspaces, now=times)
def test_advice_is_about_entities_that_exist_and_is_deterministic(
    log: list[events.Event], now: datetime
) -> None:
    state = folded(log)
    before = copy.deepcopy(attrs.asdict(state, recurse=False))
    agenda = build_agenda(state, now, small, BUILTIN_RULES)
    assert attrs.asdict(state, recurse=False) == before  # rules never change the state
    for item in agenda:
        assert item.subjects, item.code
        for subject in item.subjects:
            assert subject.id in getattr(state, KINDS[subject.kind]), (item.code, subject)
        assert item.resolved_by
        assert item.message
    again = build_agenda(folded(log), now, small, BUILTIN_RULES)
    assert [(a, a.message) for a in again] == [(a, a.message) for a in agenda]
    assert len({a.key for a in agenda}) == len(agenda)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(log=workspaces, now=times)
def test_a_forgotten_person_is_never_named_in_advice(
    log: list[events.Event], now: datetime
) -> None:
    # Give every person a name of their own, so a forgotten one can be looked for.
    named = [
        attrs.evolve(e, name=f"Name {e.person_id}") if isinstance(e, events.ContactAdded) else e
        for e in log
    ]
    state = folded(named)
    agenda = build_agenda(state, now, small, BUILTIN_RULES)
    for person in state.people.values():
        if person.forgotten:
            assert not [a.code for a in agenda if f"Name {person.id}" in a.message]
