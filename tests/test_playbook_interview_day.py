"""AV2xx: business cards, direct lines and everyone met on the day."""

from __future__ import annotations

from datetime import timedelta

from afterview import Advice, ContactPoint, ContactPointKind, Priority, Subject, Workspace
from conftest import T0


def advice(ws: Workspace, code: str) -> list[Advice]:
    return [a for a in ws.agenda() if a.code == code]


def held_interview(ws: Workspace, *, format: str = "on_site") -> tuple[str, str, str]:
    org = ws.add_organization("Acme Analytics")
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    app = ws.submit_application(org, "Data Analyst")
    interview = ws.schedule_interview(app, T0, interviewers=[dana], format=format)
    ws.record_interview_held(interview, at=T0 + timedelta(hours=1))
    return dana, app, interview


def test_an_interviewer_without_a_direct_line_is_worth_a_business_card(ws: Workspace) -> None:
    dana, _, _ = held_interview(ws)
    [item] = advice(ws, "AV201")
    assert item.subjects == (Subject("person", dana),)
    assert "Dana Reyes" in item.message
    ws.collect_business_card(dana, work_phone="+1 555 0100")
    assert advice(ws, "AV201") == []


def test_a_switchboard_number_is_not_a_direct_line(ws: Workspace) -> None:
    dana, _, _ = held_interview(ws)
    ws.add_contact_details(dana, [ContactPoint(ContactPointKind.WORK_PHONE, "+1 555 0000")])
    assert len(advice(ws, "AV201")) == 1
    ws.add_contact_details(
        dana, [ContactPoint(ContactPointKind.CELL_PHONE, "+1 555 0199", direct=True)]
    )
    assert advice(ws, "AV201") == []


def test_on_site_interview_with_only_the_panel_recorded_asks_who_else_you_met(
    ws: Workspace,
) -> None:
    _, _, interview = held_interview(ws)
    [item] = advice(ws, "AV202")
    assert item.subjects == (Subject("interview", interview),)
    assert "receptionist" in item.message
    kim = ws.add_contact("Kim Lo", "receptionist")
    ws.record_people_met(interview, [kim])
    assert advice(ws, "AV202") == []


def test_a_video_interview_does_not_ask_about_the_front_desk(ws: Workspace) -> None:
    held_interview(ws, format="video")
    assert advice(ws, "AV202") == []


def test_a_missing_postal_address_is_a_low_priority_nudge_until_the_note_is_sent(
    ws: Workspace,
) -> None:
    dana, _, interview = held_interview(ws)
    [item] = advice(ws, "AV203")
    assert item.priority is Priority.LOW
    assert item.subjects == (Subject("interview", interview), Subject("person", dana))
    ws.send_thank_you(interview, dana, medium="email")
    assert advice(ws, "AV203") == []


def test_a_card_with_an_address_covers_the_handwritten_note(ws: Workspace) -> None:
    dana, _, _ = held_interview(ws)
    ws.collect_business_card(dana, mailing_address="1 Main St, Springfield")
    assert advice(ws, "AV203") == []


def test_interview_day_advice_stops_once_the_application_is_decided(ws: Workspace) -> None:
    _, app, _ = held_interview(ws)
    ws.record_decision(app, "offer", at=T0 + timedelta(days=2))
    assert [a for a in ws.agenda() if a.code.startswith("AV2")] == []
