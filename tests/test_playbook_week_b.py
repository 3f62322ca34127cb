"""A real week of a job search: advice that names its subject, never contradicts itself, and
speaks plainly; drafts that fit what happened; insights that tell strengths from weaknesses.

Each test lives through a situation with the ``Workspace`` API, at explicit times.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from afterview import EVENT_TYPES, Advice, NotFoundError, Subject, Workspace, model
from afterview.cli.main import REFUSED
from afterview.model import ContactPoint, ContactPointKind
from cli_support import Cli, fails

MON = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def agenda(ws: Workspace, now: datetime, code: str | None = None) -> list[Advice]:
    return [a for a in ws.agenda(now) if code is None or a.code == code]


def rejected_after_interview(ws: Workspace, org_name: str = "Acme Analytics") -> dict[str, str]:
    """Dana interviewed the job seeker on Monday; the rejection came on Thursday."""
    org = ws.add_organization(org_name, at=MON)
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org, at=MON)
    app = ws.submit_application(org, "Data Analyst", at=MON)
    interview = ws.schedule_interview(app, MON + DAY, interviewers=[dana], at=MON)
    ws.record_interview_held(interview, at=MON + DAY + timedelta(hours=2))
    ws.record_decision(app, "rejected", person=dana, at=MON + 3 * DAY)
    return {"org": org, "dana": dana, "app": app, "interview": interview}


# --- item 5: "yes, other roles would suit me" ------------------------------------------------


@pytest.mark.parametrize("answer", ["yes", "maybe"])
def test_an_interviewer_who_sees_other_roles_for_you_gets_asked_which_and_whom_to_talk_to(
    ws: Workspace, answer: str
) -> None:
    ids = rejected_after_interview(ws)
    lee = ws.add_contact("Lee Park", "hiring_manager", organization=ids["org"], at=MON)
    ws.record_follow_up_answer(ids["app"], lee, "other_roles", "no", at=MON + 5 * DAY)
    ws.record_follow_up_answer(ids["app"], ids["dana"], "other_roles", answer, at=MON + 5 * DAY)
    [advice] = agenda(ws, MON + 5 * DAY, "AV607")  # nothing to ask Lee, who said no
    assert "which ones" in advice.message
    assert "whom to talk to" in advice.message
    assert "apply_other_role" in advice.message
    assert advice.subjects == (Subject("application", ids["app"]), Subject("person", ids["dana"]))
    assert advice.due == MON + 12 * DAY

    # Watching the job board is not the same as acting on the tip.
    ws.plan_action(
        "watch_openings", "Check the board", MON + 20 * DAY, application=ids["app"], at=MON
    )
    assert agenda(ws, MON + 6 * DAY, "AV607")
    ws.plan_action(
        "apply_other_role",
        "Apply for the analytics engineer role",
        MON + 14 * DAY,
        application=ids["app"],
        person=ids["dana"],
        at=MON + 6 * DAY,
    )
    assert agenda(ws, MON + 6 * DAY, "AV607") == []


# --- item 6: the call script -----------------------------------------------------------------


def test_the_call_script_reminds_you_to_leave_other_candidates_out_and_not_to_argue(
    ws: Workspace,
) -> None:
    ids = rejected_after_interview(ws)
    script = ws.draft_call_script(ids["app"], ids["dana"])
    listen = script[script.index("3. Listen") : script.index("4. ")]
    assert "do not argue" in listen
    assert "anyone else in the running is not part of this call" in listen
    assert ws.lint(script) == []


# --- item 7: advice that contradicts itself or nags --------------------------------------------


def test_after_asking_by_phone_you_are_not_told_to_find_a_number_for_the_call(
    ws: Workspace,
) -> None:
    ids = rejected_after_interview(ws)
    now = MON + 4 * DAY
    assert agenda(ws, now, "AV406")  # no direct line yet: worth finding before calling
    # Only drafted: the call is still to be made, and the number still helps.
    request = ws.request_feedback_call(ids["app"], ids["dana"], channel="phone", sent=False, at=now)
    assert agenda(ws, now, "AV406")
    ws.mark_feedback_request_sent(request, at=now + timedelta(hours=1))
    assert agenda(ws, now + timedelta(hours=1), "AV406") == []
    # Asked by phone straight away, for another application: no number to hunt for either.
    other = rejected_after_interview(ws, "Globex")
    assert agenda(ws, now, "AV406")
    ws.request_feedback_call(other["app"], other["dana"], channel="phone", at=now)
    assert agenda(ws, now + timedelta(hours=1), "AV406") == []


def test_a_draft_that_asks_for_reasons_is_to_be_revised_not_sent(ws: Workspace) -> None:
    ids = rejected_after_interview(ws)
    now = MON + 4 * DAY
    ws.request_feedback_call(
        ids["app"],
        ids["dana"],
        channel="email",
        message="Could you tell me why I was not selected?",
        sent=False,
        at=now,
    )
    [rewrite] = agenda(ws, now, "AV404")
    assert "(\u201cCould you tell me why" in rewrite.message
    assert "before you send it" in rewrite.message
    [draft] = agenda(ws, now, "AV407")
    assert draft.message.startswith("Revise the feedback request you drafted for Dana Reyes")
    assert not draft.message.startswith("Send")


def test_the_advice_on_a_request_about_the_other_candidate_names_what_is_wrong(
    ws: Workspace,
) -> None:
    ids = rejected_after_interview(ws)
    now = MON + 4 * DAY
    ws.request_feedback_call(
        ids["app"],
        ids["dana"],
        channel="email",
        message="I would love a short call. What made the person you hired a better fit?",
        sent=False,
        at=now,
    )
    [advice] = agenda(ws, now, "AV405")
    assert "mentions the other candidate" in advice.message
    assert "\u201cthe person you hired\u201d" in advice.message
    assert "before you send it" in advice.message
    assert agenda(ws, now, "AV407")[0].message.startswith("Revise")


def test_a_clean_draft_is_simply_to_be_sent_and_a_newer_request_replaces_it(
    ws: Workspace,
) -> None:
    ids = rejected_after_interview(ws)
    now = MON + 4 * DAY
    ws.request_feedback_call(
        ids["app"],
        ids["dana"],
        channel="email",
        message="Could you tell me why I was not selected?",
        sent=False,
        at=now,
    )
    ws.request_feedback_call(
        ids["app"],
        ids["dana"],
        channel="email",
        message="Would you have ten minutes for a short call?",
        sent=False,
        at=now + timedelta(hours=1),
    )
    [draft] = agenda(ws, now + timedelta(hours=1), "AV407")
    assert draft.message == "Send the feedback request you drafted for Dana Reyes at Acme Analytics"


def test_a_contact_to_reach_about_an_opening_gets_one_piece_of_advice_not_two(
    ws: Workspace,
) -> None:
    ids = rejected_after_interview(ws)
    ws.record_follow_up_answer(ids["app"], ids["dana"], "stay_in_touch", "yes", at=MON + 5 * DAY)
    ws.agree_stay_in_touch(ids["dana"], cadence_days=30, at=MON + 5 * DAY)
    later = MON + 40 * DAY
    assert [a.code for a in agenda(ws, later) if a.code in ("AV603", "AV605")] == ["AV603"]
    ws.record(
        _posting_seen(ids["org"], "pst_1", "Senior Data Analyst", at=later - timedelta(hours=1))
    )
    about_dana = [a for a in agenda(ws, later) if Subject("person", ids["dana"]) in a.subjects]
    assert [a.code for a in about_dana if a.code in ("AV603", "AV605")] == ["AV605"]
    ws.log_touchpoint(ids["dana"], "phone", about_posting=True, at=later)
    assert [a.code for a in agenda(ws, later) if a.code in ("AV603", "AV605")] == []


def _posting_seen(org: str, posting: str, title: str, *, at: datetime) -> object:
    from afterview import events

    return events.PostingSeen(at=at, posting_id=posting, organization_id=org, title=title)


# --- item 8: say which item -------------------------------------------------------------------


def test_two_skills_to_learn_are_two_different_lines_that_name_the_feedback(
    ws: Workspace,
) -> None:
    ids = rejected_after_interview(ws)
    now = MON + 6 * DAY
    ws.record_feedback(ids["app"], "negative", "skill", "Little SQL reporting", at=now)
    ws.record_feedback(ids["app"], "negative", "skill", "", themes=["dashboards"], at=now)
    lines = sorted(a.message for a in agenda(ws, now, "AV502"))
    assert lines == [
        "For Acme Analytics' feedback about \u201cdashboards\u201d: plan how you will learn "
        "this skill, and give it a due date",
        "For Acme Analytics' feedback \u201cLittle SQL reporting\u201d: plan how you will learn "
        "this skill, and give it a due date",
    ]


def busy_fortnight(ws: Workspace) -> datetime:
    """Two organizations whose names end in s, each with interviews, feedback, requests and
    answers — the situations where two pieces of advice could read alike."""
    for n, name in enumerate(("Acme Analytics", "Northwind Systems")):
        start = MON + n * DAY
        ids = rejected_after_interview(ws, name)
        sam = ws.add_contact(f"Sam {n}", "receptionist", organization=ids["org"], at=start)
        ws.record_people_met(ids["interview"], [sam], at=start + 2 * DAY)
        ws.record_feedback(ids["app"], "negative", "skill", "", at=start + 5 * DAY)
        ws.record_feedback(ids["app"], "negative", "behaviour", "", at=start + 5 * DAY)
        ws.record_feedback(
            ids["app"], "positive", "other", "", person=ids["dana"], at=start + 5 * DAY
        )
        ws.record_follow_up_answer(
            ids["app"], ids["dana"], "other_roles", "yes", at=start + 6 * DAY
        )
        ws.request_feedback_call(
            ids["app"],
            ids["dana"],
            channel="email",
            message="Could you explain why? The other candidate must have been unfair.",
            sent=False,
            at=start + 4 * DAY,
        )
        second = ws.submit_application(ids["org"], "Data Analyst II", at=start)
        ws.schedule_interview(second, MON + 10 * DAY, at=start)
    return MON + 8 * DAY


def test_no_two_pieces_of_advice_read_the_same(ws: Workspace) -> None:
    now = busy_fortnight(ws)
    advice = agenda(ws, now)
    expected = {"AV101", "AV102", "AV103", "AV404", "AV405", "AV406", "AV407", "AV502"}
    assert expected | {"AV503", "AV505", "AV604", "AV607"} <= {a.code for a in advice}
    seen: dict[str, Advice] = {}
    for item in advice:
        assert item.message not in seen, (item.code, item.message)
        seen[item.message] = item


# --- item 9: insights tell strengths from weaknesses ------------------------------------------


def test_insights_show_what_to_work_on_apart_from_what_to_lead_with(ws: Workspace) -> None:
    for n, name in enumerate(("Acme Analytics", "Globex", "Initech")):
        ids = rejected_after_interview(ws, name)
        at = MON + (6 + n) * DAY
        # Praised at every organization, and once more at the first.
        ws.record_feedback(ids["app"], "positive", "other", themes=["clear stories"], at=at)
        if n == 0:
            ws.record_feedback(ids["app"], "positive", "fit", themes=["clear stories"], at=at)
            ws.record_feedback(ids["app"], "negative", "skill", themes=["sql"], at=at)
    insights = ws.insights(MON + 10 * DAY)
    [weakness] = insights.criticism
    [strength] = insights.praise
    assert (weakness.theme, weakness.mentions, weakness.organizations) == ("sql", 1, 1)
    assert (strength.theme, strength.mentions, strength.organizations) == ("clear stories", 4, 3)


def test_the_insights_command_prints_criticism_and_praise_apart(tmp_path: Path) -> None:
    run = Cli(tmp_path)
    run.id("org", "add", "Acme Analytics")
    run.id("apply", "Acme Analytics", "Data Analyst")
    run.id("feedback", "add", "Acme Analytics", "negative", "skill", "--theme", "sql")
    run.id("feedback", "add", "Acme Analytics", "positive", "other", "--theme", "clear stories")
    out = run.ok("insights").stdout
    work_on = out.index("What to work on")
    lead_with = out.index("What to lead with")
    assert work_on < out.index("sql") < lead_with < out.index("clear stories")
    data = run.json("insights")
    assert data["criticism"] == [{"theme": "sql", "mentions": 1, "organizations": 1}]
    assert data["praise"] == [{"theme": "clear stories", "mentions": 1, "organizations": 1}]


# --- item 10: drafts that fit the facts --------------------------------------------------------


def test_the_thank_you_draft_is_for_the_interview_held_not_the_next_one(ws: Workspace) -> None:
    org = ws.add_organization("Acme Analytics", at=MON)
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org, at=MON)
    sam = ws.add_contact("Sam Ode", "receptionist", organization=org, at=MON)
    app = ws.submit_application(org, "Data Analyst", at=MON)
    first = ws.schedule_interview(app, MON + DAY, interviewers=[dana], at=MON)
    ws.record_interview_held(first, people_met=[sam], at=MON + DAY + timedelta(hours=2))
    # A second round is booked for the following week; it has not happened yet.
    upcoming = ws.schedule_interview(app, MON + 8 * DAY, interviewers=[dana], at=MON + 2 * DAY)
    note = ws.draft_thank_you("Acme Analytics", "Sam Ode")
    assert "Tuesday 5 May" in note
    assert "Tuesday 12 May" not in note
    assert "Tuesday 5 May" in ws.draft_thank_you("Acme Analytics", "Dana Reyes")
    with pytest.raises(NotFoundError, match="has not been held"):
        ws.draft_thank_you(upcoming, "Dana Reyes")


def test_no_thank_you_draft_for_someone_you_did_not_meet(ws: Workspace) -> None:
    ids = rejected_after_interview(ws)
    kim = ws.add_contact("Kim Lo", "hr", organization=ids["org"], at=MON)
    with pytest.raises(NotFoundError, match="was not met"):
        ws.draft_thank_you(ids["interview"], kim)
    with pytest.raises(NotFoundError, match="no held interview"):
        ws.draft_thank_you("Acme Analytics", kim)


def test_a_request_before_any_decision_does_not_thank_them_for_the_outcome(
    ws: Workspace,
) -> None:
    org = ws.add_organization("Acme Analytics", at=MON)
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org, at=MON)
    app = ws.submit_application(org, "Data Analyst", at=MON)
    interview = ws.schedule_interview(app, MON + DAY, interviewers=[dana], at=MON)
    ws.record_interview_held(interview, at=MON + DAY)
    assert "outcome" not in ws.draft_feedback_request(app, dana)
    ws.record_decision(app, "rejected", at=MON + 3 * DAY)
    assert "letting me know the outcome" in ws.draft_feedback_request(app, dana)


# --- item 11: plain words ----------------------------------------------------------------------

#: Names of events and model classes: none belongs in anything the job seeker reads.
CLASS_NAMES = sorted(
    set(EVENT_TYPES)
    | {n for n in model.__all__ if n[0].isupper() and any(c.isupper() for c in n[1:])}
)
WRONG_POSSESSIVE = re.compile(r"\b\w*s['\u2019]s\b")


def _readable_texts(ws: Workspace, now: datetime) -> list[str]:
    texts = [a.message for a in ws.agenda(now)]
    state = ws.state
    for app_id in state.applications:
        for person_id in state.people:
            texts.append(ws.draft_feedback_request(app_id, person_id))
            texts.append(ws.draft_call_script(app_id, person_id))
    for interview in state.interviews.values():
        for person_id in interview.everyone if interview.status == "held" else ():
            texts.append(ws.draft_thank_you(interview.id, person_id))
    return texts


def test_advice_and_drafts_speak_plainly(ws: Workspace) -> None:
    now = busy_fortnight(ws)
    # HR was asked, no direct line is known, and a posting opened where Dana said yes.
    acme = ws.organization_id("Acme Analytics")
    pat = ws.add_contact("Pat Lee", "hr", organization=acme, at=MON)
    rival = ws.submit_application(acme, "BI Developer", at=MON)
    # An interview was held, so asking HR (not an interviewer) for feedback is the mistake.
    panel = ws.schedule_interview(rival, MON + DAY, at=MON)
    ws.record_interview_held(panel, at=MON + DAY)
    ws.record_decision(rival, "rejected", at=MON + 2 * DAY)
    ws.request_feedback_call(rival, pat, channel="email", at=MON + 3 * DAY)
    ws.record(_posting_seen(acme, "pst_1", "Analytics Lead", at=now - DAY))
    texts = _readable_texts(ws, now)
    codes = {a.code for a in ws.agenda(now)}
    assert {"AV403", "AV604", "AV605", "AV406"} <= codes
    for text in texts:
        for name in CLASS_NAMES:
            assert not re.search(rf"\b{name}\b", text), (name, text)
        assert "gatekeeper" not in text.lower(), text
        assert not WRONG_POSSESSIVE.search(text), text
    assert any("Acme Analytics' openings" in t for t in texts)
    # Rule names are shown too (agenda, reminders, `afterview rules`).
    assert not [r.name for r in ws.rules if "gatekeeper" in r.name]


def test_the_rules_command_says_what_resolves_a_rule_in_plain_words(tmp_path: Path) -> None:
    out = Cli(tmp_path).ok("rules", "AV301").stdout
    assert "ThankYouSent" not in out
    assert "a thank-you note sent" in out


def test_a_refused_entry_is_explained_without_event_names(tmp_path: Path) -> None:
    run = Cli(tmp_path)
    run.id("org", "add", "Acme Analytics")
    run.id("apply", "Acme Analytics", "Data Analyst")
    action = run.id("action", "add", "other", "Read the annual report", "--due", "2026-05-10")
    run.ok("action", "done", action)
    line = fails(run("action", "done", action), REFUSED)
    assert not any(name in line for name in EVENT_TYPES), line
    assert "an action done" in line


def test_every_event_has_plain_words() -> None:
    from afterview.wording import EVENT_WORDS

    assert set(EVENT_WORDS) == set(EVENT_TYPES)
    for words in EVENT_WORDS.values():
        assert words == words.lower()
        assert not re.search(r"[A-Z_]", words)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Acme Analytics", "Acme Analytics'"), ("Globex", "Globex's"), ("Initech ", "Initech's")],
)
def test_possessives_follow_the_name(name: str, expected: str) -> None:
    from afterview.wording import possessive

    assert possessive(name) == expected


def test_the_advice_to_find_a_number_speaks_of_the_switchboard_and_a_direct_line_ends_it(
    ws: Workspace,
) -> None:
    ids = rejected_after_interview(ws)
    now = MON + 4 * DAY
    [advice] = agenda(ws, now, "AV406")
    assert advice.message == (
        "Find a direct phone number for Dana Reyes at Acme Analytics so you can ask them for "
        "the feedback call yourself, not through the switchboard or HR"
    )
    ws.add_contact_details(
        ids["dana"], [ContactPoint(ContactPointKind.WORK_PHONE, "+1 555 0100", direct=True)]
    )
    assert agenda(ws, now, "AV406") == []
