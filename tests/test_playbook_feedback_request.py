"""AV4xx: after the decision, ask the interviewer for a short call — by voice, about you."""

from __future__ import annotations

from datetime import timedelta

import pytest

from afterview import Advice, Priority, Settings, Subject, Workspace
from conftest import T0, Clock

DECIDED = T0 + timedelta(days=2)


def advice(ws: Workspace, code: str) -> list[Advice]:
    return [a for a in ws.agenda() if a.code == code]


def decided(ws: Workspace, kind: str = "rejected") -> tuple[str, str, str]:
    """An interview held with Dana (interviewer), then a decision from HR."""
    org = ws.add_organization("Acme Analytics")
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    hr = ws.add_contact("Pat Lee", "hr", organization=org)
    app = ws.submit_application(org, "Data Analyst")
    interview = ws.schedule_interview(app, T0, interviewers=[dana])
    ws.record_interview_held(interview, at=T0 + timedelta(hours=1))
    ws.record_decision(app, kind, person=hr, at=DECIDED)
    return dana, hr, app


def test_a_rejection_asks_for_a_call_with_the_interviewer_within_three_days(
    ws: Workspace,
) -> None:
    dana, _, app = decided(ws)
    [item] = advice(ws, "AV401")
    assert item.subjects == (Subject("application", app), Subject("person", dana))
    assert item.due == DECIDED + timedelta(days=3)
    assert item.priority is Priority.HIGH
    assert "Dana Reyes" in item.message
    assert "call" in item.message
    ws.request_feedback_call(app, dana, channel="phone")
    assert advice(ws, "AV401") == []


def test_the_request_deadline_follows_the_setting(ws: Workspace) -> None:
    decided(ws)
    ws.settings = Settings(feedback_request_days=5)
    assert [a.due for a in advice(ws, "AV401")] == [DECIDED + timedelta(days=5)]


@pytest.mark.parametrize("kind", ["on_hold", "eliminated"])
def test_a_stopped_position_asks_to_be_considered_never_why(ws: Workspace, kind: str) -> None:
    dana, _, app = decided(ws, kind)
    assert advice(ws, "AV401") == []
    assert advice(ws, "AV406") == []
    [item] = advice(ws, "AV402")
    assert item.subjects == (Subject("application", app), Subject("person", dana))
    assert "considered" in item.message
    assert "why" not in item.message.lower()
    ws.record_follow_up_answer(app, dana, "similar_role", "yes")
    assert advice(ws, "AV402") == []


def test_a_request_to_hr_is_redirected_to_the_interviewer(ws: Workspace) -> None:
    dana, hr, app = decided(ws)
    request = ws.request_feedback_call(app, hr, channel="phone")
    [item] = advice(ws, "AV403")
    assert item.subjects == (
        Subject("application", app),
        Subject("feedback_request", request),
    )
    assert "Dana Reyes" in item.message
    ws.request_feedback_call(app, dana, channel="phone")
    assert advice(ws, "AV403") == []


def test_an_email_asking_for_reasons_is_flagged_and_a_call_suggested(ws: Workspace) -> None:
    dana, _, app = decided(ws)
    ws.collect_business_card(dana, work_phone="+1 555 0100")
    request = ws.request_feedback_call(
        app, dana, channel="email", message="Could you tell me why I was not selected?"
    )
    [item] = advice(ws, "AV404")
    assert item.subjects == (Subject("application", app), Subject("feedback_request", request))
    assert item.priority is Priority.HIGH
    ws.schedule_feedback_call(request, DECIDED + timedelta(days=4))
    assert advice(ws, "AV404") == []


def test_an_email_asking_only_for_a_call_is_fine(ws: Workspace) -> None:
    dana, _, app = decided(ws)
    ws.request_feedback_call(
        app, dana, channel="email", message=ws.draft_feedback_request(app, dana)
    )
    assert advice(ws, "AV404") == []
    assert advice(ws, "AV405") == []


def test_a_request_about_the_other_candidate_or_blaming_is_flagged_whatever_the_channel(
    ws: Workspace,
) -> None:
    dana, _, app = decided(ws)
    request = ws.request_feedback_call(
        app, dana, channel="phone", message="What did they have that I didn't?"
    )
    [item] = advice(ws, "AV405")
    assert item.subjects == (Subject("application", app), Subject("feedback_request", request))
    assert advice(ws, "AV404") == []  # a phone request is not a written one
    ws.request_feedback_call(app, dana, channel="phone", message="Could we talk for 10 minutes?")
    assert advice(ws, "AV405") == []


def test_no_direct_number_for_the_interviewer_means_get_one_first(ws: Workspace) -> None:
    dana, _, app = decided(ws)
    [item] = advice(ws, "AV406")
    assert item.subjects == (Subject("application", app), Subject("person", dana))
    ws.collect_business_card(dana, cell_phone="+1 555 0199")
    assert advice(ws, "AV406") == []


def test_a_drafted_request_must_still_be_sent(ws: Workspace) -> None:
    dana, _, app = decided(ws)
    request = ws.request_feedback_call(app, dana, channel="email", sent=False)
    [item] = advice(ws, "AV407")
    assert item.subjects == (Subject("application", app), Subject("feedback_request", request))
    assert item.due == DECIDED + timedelta(days=3)
    ws.mark_feedback_request_sent(request)
    assert advice(ws, "AV407") == []


def test_an_unanswered_request_gets_one_follow_up_after_a_week(ws: Workspace, clock: Clock) -> None:
    dana, _, app = decided(ws)
    request = ws.request_feedback_call(app, dana, channel="phone", at=DECIDED)
    clock.now = DECIDED + timedelta(days=6)
    assert advice(ws, "AV408") == []
    clock.now = DECIDED + timedelta(days=7)
    [item] = advice(ws, "AV408")
    assert item.due == DECIDED + timedelta(days=7)
    assert item.subjects == (Subject("application", app), Subject("feedback_request", request))
    ws.record_no_response(request)
    assert advice(ws, "AV408") == []


def test_the_follow_up_delay_follows_the_setting(ws: Workspace, clock: Clock) -> None:
    dana, _, app = decided(ws)
    ws.request_feedback_call(app, dana, channel="phone", at=DECIDED)
    ws.settings = Settings(feedback_response_days=2)
    clock.now = DECIDED + timedelta(days=2)
    assert len(advice(ws, "AV408")) == 1


def test_an_offer_needs_no_feedback_request(ws: Workspace) -> None:
    decided(ws, "offer")
    assert [a for a in ws.agenda() if a.code.startswith("AV4")] == []


def test_a_request_hinting_the_decision_was_about_age_is_flagged(ws: Workspace) -> None:
    dana, _, app = decided(ws)
    request = ws.request_feedback_call(
        app, dana, channel="phone", message="Could we talk? Was it because of my age?"
    )
    [item] = advice(ws, "AV405")
    assert item.subjects == (Subject("application", app), Subject("feedback_request", request))
    assert "accuses them of unfair treatment" in item.message
    assert "because of my age" in item.message
