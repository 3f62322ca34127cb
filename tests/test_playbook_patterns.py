"""AV7xx: what several applications together say about where to change."""

from __future__ import annotations

from datetime import timedelta

from afterview import Advice, Settings, Subject, Workspace
from conftest import T0, Clock


def advice(ws: Workspace, code: str) -> list[Advice]:
    return [a for a in ws.agenda() if a.code == code]


def rejected_after_one_interview(ws: Workspace, n: int, day: int) -> tuple[str, str]:
    org = ws.add_organization(f"Org {n}")
    person = ws.add_contact(f"Interviewer {n}", "interviewer", organization=org)
    app = ws.submit_application(org, "Data Analyst", at=T0 + timedelta(days=day))
    interview = ws.schedule_interview(app, T0 + timedelta(days=day + 1), interviewers=[person])
    ws.record_interview_held(interview, at=T0 + timedelta(days=day + 1))
    ws.record_decision(app, "rejected", at=T0 + timedelta(days=day + 3))
    return app, person


def test_rejections_gathering_at_one_stage_are_pointed_out(ws: Workspace) -> None:
    apps = [rejected_after_one_interview(ws, n, 10 * n)[0] for n in range(3)]
    [item] = advice(ws, "AV701")
    assert "3 of your 3 rejections came after the first interview" in item.message
    assert item.subjects == (Subject("application", apps[-1]),)
    assert item.due == T0 + timedelta(days=23)
    ws.plan_action("behaviour_change", "Rehearse the first round", T0, application=apps[-1])
    assert advice(ws, "AV701") == []


def test_two_rejections_are_not_yet_a_pattern(ws: Workspace) -> None:
    for n in range(2):
        rejected_after_one_interview(ws, n, 10 * n)
    assert advice(ws, "AV701") == []
    ws.settings = Settings(pattern_min_applications=2)
    assert len(advice(ws, "AV701")) == 1


def test_a_theme_raised_at_two_organizations_is_pointed_out(ws: Workspace) -> None:
    found = [rejected_after_one_interview(ws, n, 10 * n) for n in range(3)]
    (app0, p0), (app1, p1) = found[0], found[1]
    ws.record_feedback(app0, "negative", "behaviour", person=p0, themes=["Rambling answers"])
    assert advice(ws, "AV702") == []
    item1 = ws.record_feedback(
        app1, "negative", "behaviour", person=p1, themes=["rambling answers "]
    )
    [item] = advice(ws, "AV702")
    assert "rambling answers" in item.message
    assert item.subjects == (Subject("application", app1), Subject("feedback_item", item1))
    ws.plan_action("behaviour_change", "Two-minute answers", T0, feedback_item=item1)
    assert advice(ws, "AV702") == []


def test_a_theme_from_one_organization_only_is_not_a_pattern(ws: Workspace) -> None:
    (app0, p0), *_ = [rejected_after_one_interview(ws, n, 10 * n) for n in range(3)]
    ws.record_feedback(app0, "negative", "skill", person=p0, themes=["sql"])
    ws.record_feedback(app0, "negative", "skill", person=p0, themes=["sql"])
    assert advice(ws, "AV702") == []


def test_email_requests_that_never_get_answers_suggest_calling(ws: Workspace, clock: Clock) -> None:
    found = [rejected_after_one_interview(ws, n, 10 * n) for n in range(3)]
    requests = [
        ws.request_feedback_call(app, person, channel="email", at=T0 + timedelta(days=30))
        for app, person in found
    ]
    assert advice(ws, "AV703") == []  # not yet unanswered
    clock.now = T0 + timedelta(days=40)
    [item] = advice(ws, "AV703")
    assert "email" in item.message
    assert "call" in item.message
    assert item.subjects == (
        Subject("application", found[-1][0]),
        Subject("feedback_request", requests[-1]),
    )
    ws.request_feedback_call(found[-1][0], found[-1][1], channel="phone")
    assert advice(ws, "AV703") == []


def test_one_answer_by_a_channel_means_it_is_not_a_dead_end(ws: Workspace, clock: Clock) -> None:
    found = [rejected_after_one_interview(ws, n, 10 * n) for n in range(4)]
    requests = [
        ws.request_feedback_call(app, person, channel="email", at=T0 + timedelta(days=40))
        for app, person in found
    ]
    ws.record_feedback_declined(requests[0], at=T0 + timedelta(days=41))
    clock.now = T0 + timedelta(days=60)
    assert advice(ws, "AV703") == []


def test_gatekeepers_who_never_answer_are_pointed_out(ws: Workspace) -> None:
    found = [rejected_after_one_interview(ws, n, 10 * n) for n in range(3)]
    requests = []
    for n, (app, _) in enumerate(found):
        hr = ws.add_contact(f"HR {n}", "hr")
        requests.append(ws.request_feedback_call(app, hr, channel="phone"))
        ws.record_no_response(requests[-1])
    [item] = advice(ws, "AV704")
    assert "to HR got" in item.message
    assert item.subjects[1] == Subject("feedback_request", requests[-1])
