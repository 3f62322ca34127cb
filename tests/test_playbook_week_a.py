"""A real week of a job search: advice that is settled once done, and advice for the moments
the playbook used to leave silent (a note sent by email, a rejection known only through HR, an
interview nobody marked as held, the day of an on-site interview, short-notice bookings)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from afterview import Advice, EventRejected, Priority, Subject, Workspace
from afterview.serialization import event_from_dict, event_to_dict
from cli_support import Cli
from conftest import T0

HELD = T0 + timedelta(hours=1)
NEXT_MORNING = T0 + timedelta(days=1)


def advice(ws: Workspace, code: str, now: datetime) -> list[Advice]:
    return [a for a in ws.agenda(now) if a.code == code]


def agenda_codes(run: Cli, now: str) -> list[str]:
    result = run("agenda", "--json", now=now)
    assert result.exit_code == 0, result.output
    return [a["code"] for a in json.loads(result.stdout)]


def acme(ws: Workspace) -> dict[str, str]:
    """Acme Analytics, an interviewer, a receptionist, an HR contact and an application."""
    org = ws.add_organization("Acme Analytics", at=T0 - timedelta(days=20))
    return {
        "org": org,
        "dana": ws.add_contact(
            "Dana Reyes", "interviewer", organization=org, at=T0 - timedelta(days=20)
        ),
        "kim": ws.add_contact("Kim Lo", "receptionist", organization=org, at=T0),
        "hana": ws.add_contact("Hana Ito", "hr", organization=org, at=T0 - timedelta(days=20)),
        "app": ws.submit_application(org, "Data Analyst", at=T0 - timedelta(days=14)),
    }


def held_on_site(ws: Workspace, *, interviewers: tuple[str, ...] = ("dana",)) -> dict[str, str]:
    ids = acme(ws)
    ids["interview"] = ws.schedule_interview(
        ids["app"],
        T0,
        interviewers=[ids[i] for i in interviewers],
        at=T0 - timedelta(days=7),
    )
    ws.record_interview_held(ids["interview"], at=HELD)
    return ids


# --- 1. a note sent by email is delivered -------------------------------------------------------


def test_an_emailed_thank_you_is_not_reported_as_undelivered(ws: Workspace) -> None:
    ids = held_on_site(ws)
    note = ws.send_thank_you(ids["interview"], ids["dana"], medium="email", at=HELD)
    assert advice(ws, "AV302", NEXT_MORNING) == []
    assert ws.state.thank_yous[note].delivered_at == HELD


def test_only_the_handwritten_note_waits_to_be_handed_over(ws: Workspace) -> None:
    ids = held_on_site(ws)
    ws.record_people_met(ids["interview"], [ids["kim"]], at=HELD)
    ws.send_thank_you(ids["interview"], ids["dana"], medium="message", at=HELD)
    card = ws.send_thank_you(ids["interview"], ids["kim"], medium="handwritten", at=HELD)
    [waiting] = advice(ws, "AV302", NEXT_MORNING)
    assert waiting.subjects == (
        Subject("interview", ids["interview"]),
        Subject("person", ids["kim"]),
    )
    ws.mark_thank_you_delivered(card, at=NEXT_MORNING)
    assert advice(ws, "AV302", NEXT_MORNING) == []


def test_an_emailed_thank_you_sent_days_late_is_flagged_as_late(ws: Workspace) -> None:
    ids = held_on_site(ws)
    three_days_on = HELD + timedelta(days=3)
    ws.send_thank_you(ids["interview"], ids["dana"], medium="email", at=three_days_on)
    [late] = advice(ws, "AV303", three_days_on)
    assert late.subjects == (Subject("application", ids["app"]),)


def test_an_email_that_really_went_out_later_can_be_dated_once(ws: Workspace) -> None:
    # A log from before emailed notes counted as delivered may hold exactly this: the email
    # recorded when written, and its delivery recorded by hand later. It must still load.
    ids = held_on_site(ws)
    note = ws.send_thank_you(ids["interview"], ids["dana"], medium="email", at=HELD)
    assert advice(ws, "AV302", NEXT_MORNING) == []
    went_out = HELD + timedelta(days=4)
    ws.mark_thank_you_delivered(note, at=went_out)
    assert ws.state.thank_yous[note].delivered_at == went_out
    assert len(advice(ws, "AV303", went_out)) == 1
    with pytest.raises(EventRejected, match="already delivered"):
        ws.mark_thank_you_delivered(note, at=went_out + timedelta(hours=1))


def test_a_paper_note_is_marked_delivered_from_the_command_line(tmp_path: Path) -> None:
    run = Cli(tmp_path)
    run.ok("org", "add", "Acme Analytics")
    run.ok("person", "add", "Sam Ortiz", "--role", "receptionist", "--org", "Acme Analytics")
    run.ok("apply", "Acme Analytics", "Data Analyst", "--at", "2026-04-20T09:00+02:00")
    run.ok(
        "interview", "schedule", "Acme Analytics", "2026-04-30T10:00+02:00", "--at", "2026-04-25"
    )
    run.ok("interview", "held", "Acme Analytics", "--met", "Sam", "--at", "2026-04-30T11:00+02:00")
    run.ok("thank", "Acme Analytics", "Sam", "--at", "2026-04-30T18:00+02:00")
    next_morning = "2026-05-01T09:00:00+02:00"
    assert "AV302" in agenda_codes(run, next_morning)
    run.ok("thank", "Acme Analytics", "Sam", "--mark-delivered", "--at", "2026-05-01T08:30+02:00")
    assert "AV302" not in agenda_codes(run, next_morning)
    refused = run("thank", "Acme Analytics", "Sam", "--mark-delivered", "--medium", "email")
    assert refused.exit_code == 2


# --- 2. rejected, and only HR is on record ------------------------------------------------------


def test_a_rejection_known_only_through_hr_says_to_find_the_interviewer_first(
    ws: Workspace,
) -> None:
    ids = held_on_site(ws, interviewers=())
    decided = T0 + timedelta(days=5)
    ws.record_decision(ids["app"], "rejected", person=ids["hana"], at=decided)
    [ask] = advice(ws, "AV401", decided)
    assert "Find out who interviewed you" in ask.message
    assert "direct line" in ask.message
    assert "Hana Ito" in ask.message
    assert "rarely get an answer" in ask.message
    assert ask.priority is Priority.HIGH


def test_a_rejection_before_any_interview_does_not_ask_for_interview_feedback(
    ws: Workspace,
) -> None:
    ids = acme(ws)
    decided = T0 + timedelta(days=5)
    ws.record_decision(ids["app"], "rejected", person=ids["hana"], at=decided)
    agenda = ws.agenda(decided)
    assert [a.code for a in agenda if a.code.startswith("AV4")] == ["AV409"]
    [lesson] = [a for a in agenda if a.code == "AV409"]
    assert "before any interview" in lesson.message
    assert "interview feedback" in lesson.message  # named only to say there is none to ask for
    assert lesson.subjects == (Subject("application", ids["app"]),)
    ws.plan_action(
        "other",
        "Match the CV to the posting's must-haves",
        decided + timedelta(days=7),
        application=ids["app"],
        at=decided,
    )
    assert advice(ws, "AV409", decided) == []


def test_an_interview_cancelled_before_the_rejection_is_no_interview(ws: Workspace) -> None:
    ids = acme(ws)
    interview = ws.schedule_interview(ids["app"], T0, interviewers=[ids["dana"]], at=T0)
    ws.cancel_interview(interview, at=T0 + timedelta(hours=1))
    decided = T0 + timedelta(days=2)
    ws.record_decision(ids["app"], "rejected", at=decided)
    assert advice(ws, "AV401", decided) == []
    assert len(advice(ws, "AV409", decided)) == 1


def test_asking_hr_after_a_rejection_without_interview_is_not_sent_elsewhere(
    ws: Workspace,
) -> None:
    ids = acme(ws)
    decided = T0 + timedelta(days=5)
    ws.record_decision(ids["app"], "rejected", person=ids["hana"], at=decided)
    ws.request_feedback_call(ids["app"], ids["hana"], channel="email", at=decided)
    assert advice(ws, "AV403", decided) == []
    assert advice(ws, "AV409", decided) == []


# --- 3. an interview nobody marked as held ------------------------------------------------------


@pytest.mark.parametrize("settle", ["held", "cancelled", "rescheduled"])
def test_an_interview_whose_time_has_passed_asks_whether_it_took_place(
    ws: Workspace, settle: str
) -> None:
    ids = acme(ws)
    interview = ws.schedule_interview(
        ids["app"], T0, interviewers=[ids["dana"]], at=T0 - timedelta(days=7)
    )
    assert advice(ws, "AV205", T0 - timedelta(minutes=1)) == []
    later = T0 + timedelta(hours=3)
    [ask] = advice(ws, "AV205", later)
    assert ask.subjects == (Subject("interview", interview),)
    assert ask.priority is Priority.HIGH
    assert "take place" in ask.message
    assert "everyone you met" in ask.message
    assert T0 < ask.due < T0 + timedelta(days=1)
    if settle == "held":
        ws.record_interview_held(interview, at=later)
    elif settle == "cancelled":
        ws.cancel_interview(interview, at=later)
    else:
        ws.reschedule_interview(interview, T0 + timedelta(days=3), at=later)
    assert advice(ws, "AV205", later) == []


# --- 4. before the interview: cards and the front desk ----------------------------------------


def test_before_an_on_site_interview_bring_cards_and_greet_the_front_desk(
    ws: Workspace,
) -> None:
    ids = acme(ws)
    on_site = ws.schedule_interview(ids["app"], T0 + timedelta(days=3), at=T0)
    ws.schedule_interview(ids["app"], T0 + timedelta(days=4), format="video", at=T0)
    ws.schedule_interview(ids["app"], T0 + timedelta(days=30), at=T0)  # beyond the horizon
    [day] = advice(ws, "AV204", T0)
    assert day.subjects == (Subject("interview", on_site),)
    assert "business cards" in day.message
    assert "ask each person you meet for theirs" in day.message
    assert "front desk" in day.message
    assert T0 < day.due < T0 + timedelta(days=3)
    ws.record_interview_held(on_site, at=T0 + timedelta(days=3, hours=1))
    assert advice(ws, "AV204", T0 + timedelta(days=3, hours=2)) == []


def test_day_of_interview_advice_is_due_even_for_a_same_day_booking(ws: Workspace) -> None:
    ids = acme(ws)
    this_afternoon = T0 + timedelta(hours=5)
    ws.schedule_interview(ids["app"], this_afternoon, at=T0)
    [day] = advice(ws, "AV204", T0)
    assert T0 < day.due <= this_afternoon


# --- 7. nobody else met; research at short notice ---------------------------------------------


def test_saying_nobody_else_was_met_settles_who_you_met(ws: Workspace) -> None:
    ids = held_on_site(ws)
    assert len(advice(ws, "AV202", HELD)) == 1
    ws.record_nobody_else_met(ids["interview"], at=HELD + timedelta(hours=1))
    assert advice(ws, "AV202", NEXT_MORNING) == []
    assert ws.state.interviews[ids["interview"]].nobody_else_met


def test_an_interview_held_with_nobody_else_never_asks_who_else(ws: Workspace) -> None:
    ids = acme(ws)
    interview = ws.schedule_interview(ids["app"], T0, interviewers=[ids["dana"]], at=T0)
    ws.record_interview_held(interview, nobody_else=True, at=HELD)
    assert advice(ws, "AV202", HELD) == []


def test_nobody_else_can_be_said_from_the_command_line(tmp_path: Path) -> None:
    run = Cli(tmp_path)
    run.ok("org", "add", "Acme Analytics")
    run.ok("apply", "Acme Analytics", "Data Analyst", "--at", "2026-04-20T09:00+02:00")
    run.ok(
        "interview", "schedule", "Acme Analytics", "2026-04-30T10:00+02:00", "--at", "2026-04-25"
    )
    run.ok("interview", "held", "Acme Analytics", "--at", "2026-04-30T11:00+02:00")
    noon = "2026-04-30T12:00:00+02:00"
    assert "AV202" in agenda_codes(run, noon)
    run.ok("interview", "met", "Acme Analytics", "--nobody-else", "--at", "2026-04-30T12:00+02:00")
    assert "AV202" not in agenda_codes(run, noon)
    assert run("interview", "met", "Acme Analytics").exit_code == 2


@pytest.mark.parametrize("tag", ["InterviewHeld", "PeopleMet"])
def test_an_interview_recorded_before_nobody_else_existed_still_reads(tag: str) -> None:
    body = {"interview_id": "int_1"}
    body |= {"people_met": ["per_1"]} if tag == "InterviewHeld" else {"person_ids": ["per_1"]}
    old = {"type": tag, "version": 1, "at": "2026-05-04T10:00:00+00:00", **body}
    event = event_from_dict(old)
    assert event.nobody_else is False  # type: ignore[union-attr]
    assert event_to_dict(event)["version"] == 2


def test_research_for_an_interview_booked_tomorrow_is_not_overdue_at_once(
    ws: Workspace,
) -> None:
    ids = acme(ws)
    booked = T0
    tomorrow = T0 + timedelta(hours=24)
    ws.schedule_interview(ids["app"], tomorrow, interviewers=[ids["dana"]], at=booked)
    research = [a for a in ws.agenda(booked) if a.code.startswith("AV1")]
    assert sorted(a.code for a in research) == ["AV101", "AV102", "AV103"]
    for item in research:
        assert booked < item.due < tomorrow
    # Booked well ahead, the usual lead time holds.
    later = ws.schedule_interview(ids["app"], T0 + timedelta(days=10), at=booked)
    far = [
        a
        for a in ws.agenda(booked)
        if a.code == "AV102" and Subject("interview", later) in a.subjects
    ]
    assert [a.due for a in far] == [T0 + timedelta(days=10) - timedelta(hours=48)]
