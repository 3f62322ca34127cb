"""AV3xx: a note for everyone met, delivered by the next day and before any decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from afterview import Advice, Priority, Settings, Subject, Workspace
from conftest import T0


def advice(ws: Workspace, code: str) -> list[Advice]:
    return [a for a in ws.agenda() if a.code == code]


def held_interview(ws: Workspace) -> tuple[str, str, str, str]:
    org = ws.add_organization("Acme Analytics")
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    kim = ws.add_contact(None, "receptionist", organization=org)
    app = ws.submit_application(org, "Data Analyst")
    interview = ws.schedule_interview(app, T0, interviewers=[dana])
    ws.record_interview_held(interview, people_met=[kim], at=T0 + timedelta(hours=1))
    return dana, kim, app, interview


END_OF_NEXT_DAY = datetime(2026, 5, 5, 23, 59, 59, tzinfo=UTC)


def test_everyone_met_is_owed_a_note_by_the_end_of_the_next_day(ws: Workspace) -> None:
    dana, kim, _, interview = held_interview(ws)
    items = advice(ws, "AV301")
    assert [a.subjects for a in items] == [
        (Subject("interview", interview), Subject("person", dana)),
        (Subject("interview", interview), Subject("person", kim)),
    ]
    assert {a.due for a in items} == {END_OF_NEXT_DAY}
    assert {a.priority for a in items} == {Priority.HIGH}
    # A receptionist whose name was not caught is still described by role.
    assert "the receptionist" in items[1].message


def test_the_deadline_follows_the_thank_you_days_setting(ws: Workspace) -> None:
    held_interview(ws)
    ws.settings = Settings(thank_you_days=2)
    assert {a.due for a in advice(ws, "AV301")} == {END_OF_NEXT_DAY + timedelta(days=1)}


def test_a_written_note_still_has_to_be_delivered(ws: Workspace) -> None:
    dana, _, _, interview = held_interview(ws)
    note = ws.send_thank_you(interview, dana, at=T0 + timedelta(hours=5))
    [item] = advice(ws, "AV302")
    assert item.subjects == (Subject("interview", interview), Subject("person", dana))
    assert item.due == END_OF_NEXT_DAY
    ws.mark_thank_you_delivered(note, at=T0 + timedelta(days=1))
    assert advice(ws, "AV302") == []
    assert advice(ws, "AV303") == []


def test_a_note_delivered_after_the_deadline_becomes_a_lesson(ws: Workspace) -> None:
    dana, _, app, interview = held_interview(ws)
    late = T0 + timedelta(days=3)
    ws.send_thank_you(interview, dana, delivered_at=late, at=late)
    [lesson] = advice(ws, "AV303")
    assert lesson.priority is Priority.LOW
    assert lesson.subjects == (Subject("application", app),)
    assert lesson.due == late
    ws.plan_action("behaviour_change", "Write notes the same evening", late, application=app)
    assert advice(ws, "AV303") == []


def test_a_note_delivered_after_the_decision_becomes_a_lesson(ws: Workspace) -> None:
    dana, _, app, interview = held_interview(ws)
    note = ws.send_thank_you(interview, dana, at=T0 + timedelta(hours=3))
    ws.record_decision(app, "rejected", at=T0 + timedelta(hours=6))
    ws.mark_thank_you_delivered(note, at=T0 + timedelta(hours=20))
    assert len(advice(ws, "AV303")) == 1


def test_notes_stop_being_asked_for_once_a_decision_arrives(ws: Workspace) -> None:
    dana, _, app, interview = held_interview(ws)
    ws.send_thank_you(interview, dana, at=T0 + timedelta(hours=3))
    ws.record_decision(app, "rejected", at=T0 + timedelta(hours=6))
    assert advice(ws, "AV301") == []
    assert advice(ws, "AV302") == []
