"""Insights: what the whole search says — where it stalls, who answers, what keeps coming up."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from afterview import Workspace
from afterview.errors import DataError
from afterview.fold import State
from afterview.insights import (
    ActionCompletion,
    AnswerRate,
    Funnel,
    RejectionPoints,
    ThankYouCoverage,
    ThemeCount,
    compute_insights,
)
from afterview.model import ActionKind, Channel, DecisionKind, FeedbackCategory, Role, Sentiment
from afterview.serialization import unstructure
from conftest import T0

DAY = timedelta(days=1)


def _interviewed(ws: Workspace, app: str, people: list[str], rounds: int) -> list[str]:
    interviews = []
    for n in range(rounds):
        interview = ws.schedule_interview(app, T0 + (n + 1) * DAY, interviewers=people[:1], at=T0)
        ws.record_interview_held(interview, people_met=people[1:], at=T0 + (n + 1) * DAY)
        interviews.append(interview)
    return interviews


@pytest.fixture
def search(ws: Workspace) -> Workspace:
    """Four organizations: a rejection after two rounds, one after one, one unseen, an offer."""
    orgs = [ws.add_organization(n, at=T0) for n in ("Acme", "Globex", "Initech", "Umbrella")]
    dana = ws.add_contact("Dana", Role.INTERVIEWER, organization=orgs[0], at=T0)
    sam = ws.add_contact("Sam", Role.RECEPTIONIST, organization=orgs[0], at=T0)
    lee = ws.add_contact("Lee", Role.HIRING_MANAGER, organization=orgs[1], at=T0)
    kim = ws.add_contact("Kim", Role.HR, organization=orgs[2], at=T0)
    ana = ws.add_contact("Ana", Role.INTERVIEWER, organization=orgs[3], at=T0)
    apps = [ws.submit_application(o, "Data Analyst", at=T0) for o in orgs]

    acme = _interviewed(ws, apps[0], [dana, sam], rounds=2)
    ws.send_thank_you(acme[0], dana, at=T0 + DAY)
    ws.send_thank_you(acme[1], dana, at=T0 + 2 * DAY)
    _interviewed(ws, apps[1], [lee], rounds=1)
    _interviewed(ws, apps[3], [ana], rounds=1)

    ws.record_decision(apps[0], DecisionKind.REJECTED, at=T0 + 5 * DAY)
    ws.record_decision(apps[1], DecisionKind.REJECTED, at=T0 + 5 * DAY)
    ws.record_decision(apps[2], DecisionKind.REJECTED, at=T0 + 5 * DAY)
    ws.record_decision(apps[3], DecisionKind.OFFER, at=T0 + 5 * DAY)

    held = ws.request_feedback_call(apps[0], dana, channel=Channel.PHONE, at=T0 + 6 * DAY)
    ws.record_feedback_call_held(held, at=T0 + 8 * DAY)
    answered_in_writing = ws.request_feedback_call(
        apps[1], lee, channel=Channel.EMAIL, at=T0 + 6 * DAY
    )
    ws.record_feedback(
        apps[1],
        Sentiment.NEGATIVE,
        FeedbackCategory.SKILL,
        request=answered_in_writing,
        themes=["SQL", "storytelling"],
        at=T0 + 9 * DAY,
    )
    ignored = ws.request_feedback_call(apps[2], kim, channel=Channel.EMAIL, at=T0 + 6 * DAY)
    ws.record_no_response(ignored, at=T0 + 14 * DAY)
    ws.request_feedback_call(apps[2], kim, channel=Channel.PHONE, sent=False, at=T0 + 15 * DAY)

    item = ws.record_feedback(
        apps[0],
        Sentiment.NEGATIVE,
        FeedbackCategory.BEHAVIOUR,
        request=held,
        themes=[" sql ", "Eye contact"],
        at=T0 + 8 * DAY,
    )
    ws.record_feedback(apps[0], Sentiment.NEUTRAL, FeedbackCategory.OTHER, themes=["sql"])
    done = ws.plan_action(ActionKind.SKILL_PLAN, "SQL course", T0 + 20 * DAY, feedback_item=item)
    ws.plan_action(ActionKind.BEHAVIOUR_CHANGE, "Practise", T0 + 12 * DAY, feedback_item=item)
    ws.plan_action(ActionKind.WATCH_OPENINGS, "Watch Acme", T0 + 40 * DAY, application=apps[0])
    ws.complete_action(done, at=T0 + 15 * DAY)
    return ws


def test_the_funnel_counts_applications_per_stage(search: Workspace) -> None:
    assert compute_insights(search.state).funnel == Funnel(
        applied=4, interviewed=3, decided=4, offer=1
    )


def test_rejections_are_counted_by_how_many_interviews_came_before(search: Workspace) -> None:
    assert compute_insights(search.state).rejections == RejectionPoints(
        after_no_interview=1, after_first_interview=1, after_later_rounds=1
    )


def test_answer_rates_by_channel_count_calls_and_recorded_feedback_but_not_drafts(
    search: Workspace,
) -> None:
    assert compute_insights(search.state).answers_by_channel == (
        AnswerRate(key="email", requested=2, answered=1, rate=0.5),
        AnswerRate(key="phone", requested=1, answered=1, rate=1.0),
    )


def test_answer_rates_by_role_show_that_hr_does_not_answer(search: Workspace) -> None:
    assert compute_insights(search.state).answers_by_role == (
        AnswerRate(key="hiring_manager", requested=1, answered=1, rate=1.0),
        AnswerRate(key="hr", requested=1, answered=0, rate=0.0),
        AnswerRate(key="interviewer", requested=1, answered=1, rate=1.0),
    )


def test_recurring_criticism_counts_organizations_first_then_mentions(search: Workspace) -> None:
    # The neutral item about "sql" is neither criticism nor praise.
    assert compute_insights(search.state).criticism == (
        ThemeCount(theme="sql", mentions=2, organizations=2),
        ThemeCount(theme="eye contact", mentions=1, organizations=1),
        ThemeCount(theme="storytelling", mentions=1, organizations=1),
    )
    assert compute_insights(search.state).praise == ()


def test_action_completion_counts_overdue_only_when_given_a_time(search: Workspace) -> None:
    state = search.state
    assert compute_insights(state).actions == ActionCompletion(planned=3, completed=1)
    assert compute_insights(state, T0 + 30 * DAY).actions == ActionCompletion(
        planned=3, completed=1, overdue=1
    )


def test_thank_you_coverage_counts_every_person_met_receptionist_included(
    search: Workspace,
) -> None:
    # Dana and Sam at two Acme rounds, Lee at Globex, Ana at Umbrella: six meetings, two notes.
    assert compute_insights(search.state).thank_yous == ThankYouCoverage(
        met=6, thanked=2, rate=2 / 6
    )


def test_an_empty_workspace_has_zero_insights_without_dividing_by_zero() -> None:
    insights = compute_insights(State())
    assert insights.funnel == Funnel(applied=0, interviewed=0, decided=0, offer=0)
    assert insights.thank_yous.rate == 0.0
    assert insights.answers_by_channel == insights.criticism == insights.praise == ()


def test_insights_are_json_and_the_same_on_every_call(search: Workspace) -> None:
    first = json.dumps(unstructure(compute_insights(search.state, T0)), sort_keys=False)
    second = json.dumps(unstructure(search.insights()))
    assert json.loads(first)["funnel"] == {"applied": 4, "interviewed": 3, "decided": 4, "offer": 1}
    assert first == json.dumps(unstructure(compute_insights(search.state, T0)))
    assert json.loads(second)["now"] is None


def test_insights_refuse_a_naive_now(search: Workspace) -> None:
    with pytest.raises(DataError, match="timezone-aware"):
        compute_insights(search.state, T0.replace(tzinfo=None))


def test_insights_hold_no_personal_data(search: Workspace) -> None:
    text = json.dumps(unstructure(search.insights()))
    for name in ("Dana", "Sam", "Lee", "Kim", "Ana"):
        assert name not in text
