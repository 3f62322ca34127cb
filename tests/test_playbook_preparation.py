"""AV1xx: research the interviewers, the role and the organization before the interview."""

from __future__ import annotations

from datetime import timedelta

from afterview import Advice, Settings, Subject, Workspace
from conftest import T0


def advice(ws: Workspace, code: str) -> list[Advice]:
    return [a for a in ws.agenda() if a.code == code]


def interview_in(ws: Workspace, days: float) -> tuple[str, str, str, str]:
    """An application with one interviewer, interviewing ``days`` from the clock's now."""
    org = ws.add_organization("Acme Analytics")
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    app = ws.submit_application(org, "Data Analyst")
    interview = ws.schedule_interview(app, T0 + timedelta(days=days), interviewers=[dana])
    return org, dana, app, interview


def test_an_interview_in_three_days_asks_for_research_on_all_three_subjects(
    ws: Workspace,
) -> None:
    org, dana, app, interview = interview_in(ws, 3)
    due = T0 + timedelta(days=3) - timedelta(hours=48)
    [people] = advice(ws, "AV101")
    [role] = advice(ws, "AV102")
    [organization] = advice(ws, "AV103")
    assert people.subjects == (Subject("interview", interview), Subject("person", dana))
    assert "Dana Reyes" in people.message
    assert role.subjects == (Subject("interview", interview), Subject("application", app))
    assert "Data Analyst" in role.message
    assert organization.subjects == (Subject("interview", interview), Subject("organization", org))
    assert {people.due, role.due, organization.due} == {due}


def test_research_noted_for_each_subject_clears_the_advice(ws: Workspace) -> None:
    _, dana, app, _ = interview_in(ws, 3)
    ws.note_research(app, "interviewer", person=dana, summary="ran the analytics team")
    assert advice(ws, "AV101") == []
    assert len(advice(ws, "AV102")) == 1
    ws.note_research(app, "role")
    ws.note_research(app, "organization")
    assert [a for a in ws.agenda() if a.code.startswith("AV1")] == []


def test_research_on_one_interviewer_does_not_cover_the_other(ws: Workspace) -> None:
    org, dana, app, _ = interview_in(ws, 3)
    sam = ws.add_contact("Sam Ode", "hiring_manager", organization=org)
    ws.schedule_interview(app, T0 + timedelta(days=4), interviewers=[dana, sam])
    ws.note_research(app, "interviewer", person=dana)
    assert [a.subjects[1] for a in advice(ws, "AV101")] == [Subject("person", sam)]


def test_an_interview_with_no_named_interviewer_asks_to_find_out_who_it_is(
    ws: Workspace,
) -> None:
    org = ws.add_organization("Acme Analytics")
    app = ws.submit_application(org, "Data Analyst")
    interview = ws.schedule_interview(app, T0 + timedelta(days=2))
    [item] = advice(ws, "AV101")
    assert item.subjects == (Subject("interview", interview),)
    ws.note_research(app, "interviewer", summary="the team lead, from the posting")
    assert advice(ws, "AV101") == []


def test_interviews_beyond_the_horizon_get_no_research_advice_yet(ws: Workspace) -> None:
    interview_in(ws, 20)
    assert [a for a in ws.agenda() if a.code.startswith("AV1")] == []
    ws.settings = Settings(research_horizon_days=30)
    assert len([a for a in ws.agenda() if a.code.startswith("AV1")]) == 3


def test_research_lead_time_follows_the_setting(ws: Workspace) -> None:
    interview_in(ws, 3)
    ws.settings = Settings(research_lead_hours=24)
    assert {a.due for a in ws.agenda() if a.code.startswith("AV1")} == {T0 + timedelta(days=2)}


def test_a_cancelled_interview_needs_no_research(ws: Workspace) -> None:
    _, _, _, interview = interview_in(ws, 3)
    ws.cancel_interview(interview)
    assert [a for a in ws.agenda() if a.code.startswith("AV1")] == []


def test_ignoring_the_preparation_area_silences_it(ws: Workspace) -> None:
    interview_in(ws, 3)
    ws.settings = Settings(ignore=("AV1",))
    assert [a for a in ws.agenda() if a.code.startswith("AV1")] == []
