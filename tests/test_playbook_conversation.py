"""AV5xx: write the feedback down, turn criticism into actions, ask the three questions."""

from __future__ import annotations

from datetime import timedelta

import pytest

from afterview import Advice, Settings, Subject, Workspace
from conftest import T0

CALL = T0 + timedelta(days=5)


def advice(ws: Workspace, code: str) -> list[Advice]:
    return [a for a in ws.agenda() if a.code == code]


def call_held(ws: Workspace) -> tuple[str, str, str]:
    org = ws.add_organization("Acme Analytics")
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    app = ws.submit_application(org, "Data Analyst")
    interview = ws.schedule_interview(app, T0, interviewers=[dana])
    ws.record_interview_held(interview, at=T0 + timedelta(hours=1))
    ws.record_decision(app, "rejected", at=T0 + timedelta(days=2))
    request = ws.request_feedback_call(app, dana, at=T0 + timedelta(days=3))
    ws.record_feedback_call_held(request, at=CALL)
    return dana, app, request


def test_a_call_held_without_notes_asks_to_write_the_feedback_down(ws: Workspace) -> None:
    _, app, request = call_held(ws)
    [item] = advice(ws, "AV501")
    assert item.subjects == (Subject("application", app), Subject("feedback_request", request))
    assert item.due == CALL + timedelta(days=2)
    ws.record_feedback(app, "neutral", "other", "liked the portfolio", request=request)
    assert advice(ws, "AV501") == []


@pytest.mark.parametrize(
    ("category", "words"),
    [("behaviour", "do differently"), ("skill", "learn this skill")],
)
def test_each_criticism_needs_an_action_with_a_due_date(
    ws: Workspace, category: str, words: str
) -> None:
    _, app, request = call_held(ws)
    item_id = ws.record_feedback(app, "negative", category, "answers ran long", request=request)
    [item] = advice(ws, "AV502")
    assert item.subjects == (Subject("application", app), Subject("feedback_item", item_id))
    assert words in item.message
    ws.plan_action(
        "behaviour_change" if category == "behaviour" else "skill_plan",
        "Practise two-minute answers",
        CALL + timedelta(days=14),
        feedback_item=item_id,
    )
    assert advice(ws, "AV502") == []


def test_criticism_about_fit_needs_no_action_plan(ws: Workspace) -> None:
    _, app, request = call_held(ws)
    ws.record_feedback(app, "negative", "fit", "team wanted someone local", request=request)
    assert advice(ws, "AV502") == []


def test_positive_feedback_asks_each_of_the_three_questions_until_answered(
    ws: Workspace,
) -> None:
    dana, app, request = call_held(ws)
    ws.record_feedback(app, "positive", "skill", "strong SQL", request=request, at=CALL)
    codes = [a.code for a in ws.agenda() if a.code in ("AV503", "AV504", "AV505")]
    assert codes == ["AV503", "AV504", "AV505"]
    for code in codes:
        [item] = advice(ws, code)
        assert item.subjects == (Subject("application", app), Subject("person", dana))
        assert item.due == CALL + timedelta(days=2)
    ws.record_follow_up_answer(app, dana, "similar_role", "yes")
    assert advice(ws, "AV503") == []
    ws.record_follow_up_answer(app, dana, "other_roles", "no")
    ws.record_follow_up_answer(app, dana, "stay_in_touch", "yes")
    assert [a for a in ws.agenda() if a.code in ("AV503", "AV504", "AV505")] == []


def test_the_time_to_act_on_a_call_follows_the_setting(ws: Workspace) -> None:
    _, app, request = call_held(ws)
    ws.record_feedback(app, "negative", "skill", "", request=request, at=CALL)
    ws.settings = Settings(feedback_action_days=5)
    assert [a.due for a in advice(ws, "AV502")] == [CALL + timedelta(days=5)]


def test_positive_feedback_after_an_offer_does_not_ask_the_three_questions(
    ws: Workspace,
) -> None:
    org = ws.add_organization("Acme Analytics")
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    app = ws.submit_application(org, "Data Analyst")
    ws.record_decision(app, "offer")
    ws.record_feedback(app, "positive", "skill", "great", person=dana)
    assert [a for a in ws.agenda() if a.code in ("AV503", "AV504", "AV505")] == []
