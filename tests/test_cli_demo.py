"""The demo story walks the whole playbook, once, whenever it is run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview import (
    ActionKind,
    Answer,
    FeedbackCategory,
    FeedbackRequestStatus,
    InterviewStatus,
    PluginManager,
    Role,
    Sentiment,
    Workspace,
)
from afterview.demo import record_demo
from afterview.linter import lint
from cli_support import Cli

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=timezone(timedelta(hours=2)))


def _workspace() -> Workspace:
    return Workspace.open("memory://", plugin_manager=PluginManager(load_entry_points=False))


@pytest.fixture
def ws() -> Workspace:
    workspace = _workspace()
    assert record_demo(workspace, NOW) is True
    return workspace


def test_running_the_demo_twice_records_it_once(ws: Workspace) -> None:
    count = len(ws.events())
    assert record_demo(ws, NOW + timedelta(days=3)) is False
    assert len(ws.events()) == count


def test_everyone_met_is_thanked_the_same_day_receptionist_included(ws: Workspace) -> None:
    state = ws.state
    held = [i for i in state.interviews.values() if i.status is InterviewStatus.HELD]
    assert len(held) == 3
    met_roles = {state.people[p].role for i in held for p in i.everyone}
    assert {Role.RECEPTIONIST, Role.ASSISTANT} <= met_roles
    for interview in held:
        for person in interview.everyone:
            note = state.thank_yous[state.thank_you_by_meeting[(interview.id, person)]]
            assert interview.held_at is not None
            assert note.written_at.date() == interview.held_at.date()
    assert not [a for a in ws.agenda(NOW) if a.code == "AV301"]


def test_rejections_lead_to_voice_requests_to_the_interviewer_in_our_own_words(
    ws: Workspace,
) -> None:
    state = ws.state
    requests = list(state.feedback_requests.values())
    assert len(requests) == 2
    for request in requests:
        assert request.channel.voice
        assert state.people[request.person_id].role.interviews
        assert request.status is FeedbackRequestStatus.HELD
        assert request.message is not None
        assert lint(request.message) == []


def test_negative_feedback_is_sorted_and_each_point_has_an_action(ws: Workspace) -> None:
    state = ws.state
    negative = [i for i in state.feedback_items.values() if i.sentiment is Sentiment.NEGATIVE]
    assert {i.category for i in negative} == {FeedbackCategory.BEHAVIOUR, FeedbackCategory.SKILL}
    kinds = {state.actions_for(i.id)[0].kind for i in negative}
    assert kinds == {ActionKind.BEHAVIOUR_CHANGE, ActionKind.SKILL_PLAN}


def test_positive_feedback_gets_the_three_questions_and_a_stay_in_touch_plan(
    ws: Workspace,
) -> None:
    state = ws.state
    answers = {a.question.value: a.answer for a in state.follow_ups.values()}
    assert answers == {
        "similar_role": Answer.YES,
        "other_roles": Answer.MAYBE,
        "stay_in_touch": Answer.YES,
    }
    (plan,) = state.plans.values()
    assert state.people[plan.person_id].referral_source
    assert state.touchpoints_with(plan.person_id)


def test_the_agenda_has_something_upcoming(ws: Workspace) -> None:
    advice = ws.agenda(NOW)
    assert advice
    assert any(a.due > NOW for a in advice)


offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2090, 1, 1), timezones=offsets
)


@given(now=moments)
def test_the_story_fits_any_moment_and_any_time_zone(now: datetime) -> None:
    workspace = _workspace()
    assert record_demo(workspace, now)
    assert workspace.agenda(now) == workspace.agenda(now.astimezone(UTC))


def test_the_demo_command_records_then_only_prints(tmp_path: Path) -> None:
    run = Cli(tmp_path)
    first = run.ok("demo")
    assert "Recorded the demo story in workspace 'demo'" in first.stdout
    assert "Agenda" in first.stdout
    assert "Funnel" in first.stdout
    count = run.events("demo")
    second = run.ok("demo")
    assert "already in workspace 'demo'" in second.stdout
    assert run.events("demo") == count
    assert run.events("default") == 0


def test_the_demo_command_in_json_and_in_a_chosen_workspace(tmp_path: Path) -> None:
    run = Cli(tmp_path)
    data = run.json("--workspace", "mine", "demo")
    assert data["recorded"] is True
    assert data["workspace"] == "mine"
    assert data["insights"]["funnel"]["applied"] == 3
    assert {a["code"] for a in data["agenda"]}
    assert run.json("--workspace", "mine", "demo")["recorded"] is False
