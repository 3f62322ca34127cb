"""A job seeker uses the command line for every step of the playbook."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import Cli


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def _interview_held(run: Cli) -> dict[str, str]:
    ids = {
        "org": run.id("org", "add", "Acme Analytics", "--board-url", "greenhouse-board://acme"),
        "dana": run.id(
            "person",
            "add",
            "Dana Reyes",
            "--role",
            "interviewer",
            "--org",
            "Acme Analytics",
            "--title",
            "Analytics Lead",
            "--work-phone",
            "+1 555 0100",
        ),
        "sam": run.id(
            "person", "add", "Sam Ortiz", "--role", "receptionist", "--org", "Acme Analytics"
        ),
        "hr": run.id("person", "add", "Hana Ito", "--role", "hr", "--org", "Acme Analytics"),
        "app": run.id("apply", "Acme Analytics", "Data Analyst", "--at", "2026-04-20"),
    }
    for subject in ("organization", "role"):
        run.ok("research", "Acme Analytics", subject, "--summary", "read their annual report")
    run.ok("research", "Acme Analytics", "interviewer", "--person", "Dana")
    ids["int"] = run.id(
        "interview",
        "schedule",
        "Acme Analytics",
        "2026-04-30T10:00",
        "--with",
        "Dana Reyes",
        "--format",
        "video",
        "--at",
        "2026-04-25",
    )
    run.ok(
        "interview",
        "held",
        "Acme Analytics",
        "--latest",
        "--met",
        "Sam",
        "--at",
        "2026-04-30T11:00",
    )
    return ids


def test_after_an_interview_the_agenda_says_to_thank_everyone_met_then_falls_quiet(
    run: Cli,
) -> None:
    ids = _interview_held(run)
    advice = run.json("agenda")
    thanks = [a for a in advice if a["code"] == "AV301"]
    assert {s["id"] for a in thanks for s in a["subjects"] if s["kind"] == "person"} == {
        ids["dana"],
        ids["sam"],
    }
    run.ok("thank", ids["int"], "Dana Reyes", "--medium", "email")
    run.ok(
        "thank",
        "Acme Analytics",
        "Sam",
        "--latest",
        "--at",
        "2026-04-30T18:00",
        "--delivered",
        "2026-05-01T10:00",
    )
    assert not [a for a in run.json("agenda") if a["code"] == "AV301"]
    terminal = run.ok("agenda").stdout
    assert "AV301" not in terminal


def test_the_agenda_on_a_terminal_shows_due_time_rule_and_message(run: Cli) -> None:
    _interview_held(run)
    out = run.ok("agenda").stdout
    assert "AV301" in out
    assert "Sam Ortiz" in out
    assert "overdue" in out


def test_a_rejection_feedback_call_actions_and_a_kept_relationship(run: Cli) -> None:
    ids = _interview_held(run)
    run.ok("decision", "Acme Analytics", "rejected", "--person", "Hana Ito", "--at", "2026-05-01")
    request = run.id(
        "feedback",
        "request",
        "Acme Analytics",
        "Dana Reyes",
        "--channel",
        "phone",
        "--message",
        "Could we talk for ten minutes about how I can improve?",
    )
    run.ok("feedback", "scheduled", "Acme Analytics", "2026-05-06T16:00", "--latest")
    run.ok("feedback", "held", "Acme Analytics")
    behaviour = run.id(
        "feedback",
        "add",
        "Acme Analytics",
        "negative",
        "behaviour",
        "Answers ran long",
        "--request",
        request,
        "--theme",
        "Concise answers",
    )
    skill = run.id(
        "feedback",
        "add",
        "Acme Analytics",
        "negative",
        "skill",
        "Little SQL",
        "--theme",
        "sql",
        "--person",
        "Dana",
    )
    run.ok("feedback", "add", "Acme Analytics", "positive", "other", "Good questions")
    first = run.id(
        "action",
        "add",
        "behaviour_change",
        "Open answers with the result",
        "--due",
        "2026-05-10",
        "--feedback",
        behaviour,
    )
    run.id(
        "action",
        "add",
        "skill_plan",
        "SQL course",
        "--due",
        "2026-06-01",
        "--feedback",
        skill,
        "--app",
        "Acme Analytics",
        "--person",
        "Dana Reyes",
    )
    run.ok("action", "done", first)
    for question, answer in (
        ("similar_role", "yes"),
        ("other_roles", "maybe"),
        ("stay_in_touch", "yes"),
    ):
        run.ok("follow-up", "Acme Analytics", "Dana Reyes", question, answer, "--note", "kind")
    run.ok("stay-in-touch", "Dana Reyes", "--every", "30")
    run.id("touch", "Dana Reyes", "--channel", "email", "--note", "sent an article")
    run.id("touch", "Dana Reyes", "--about-posting")

    status = run.json("status")
    assert status[0]["decision"]["kind"] == "rejected"
    assert status[0]["feedback_requests"][0]["status"] == "held"
    people = {p["id"]: p for p in run.json("person", "list")}
    assert people[ids["dana"]]["referral_source"] is True
    insights = run.json("insights")
    assert insights["actions"] == {"planned": 2, "completed": 1, "overdue": None}
    assert {t["theme"] for t in insights["criticism"]} == {"concise answers", "sql"}
    assert insights["praise"] == []
    run.ok("stay-in-touch", "Dana Reyes", "--end")


def test_interviews_can_be_rescheduled_cancelled_and_people_added_later(run: Cli) -> None:
    run.id("org", "add", "Acme Analytics")
    run.id("person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme Analytics")
    run.id("person", "add", "Ari Bell", "--role", "assistant")
    run.id("apply", "Acme Analytics", "Data Analyst")
    first = run.id("interview", "schedule", "Acme Analytics", "2026-05-06T10:00")
    run.ok("interview", "reschedule", first, "2026-05-07T10:00")
    run.ok("interview", "cancel", "Acme Analytics")  # an application: its latest interview
    second = run.id("interview", "schedule", "Acme Analytics", "2026-05-08T10:00", "--with", "Dana")
    run.ok("interview", "held", "Acme Analytics", "--latest")
    run.ok("interview", "met", second, "Ari Bell")
    run.ok("person", "card", "Dana", "--cell-phone", "+1 555 0101", "--interview", second)
    interviews = run.json("status")[0]["interviews"]
    assert [(i["id"], i["status"]) for i in interviews] == [
        (first, "cancelled"),
        (second, "held"),
    ]
    assert interviews[0]["scheduled_for"] == "2026-05-07T10:00:00+02:00"
    people = run.json("person", "list")
    dana = next(p for p in people if p["name"] == "Dana Reyes")
    assert dana["contact_points"][0]["direct"] is True


def test_feedback_requests_can_be_drafted_sent_declined_or_left_unanswered(run: Cli) -> None:
    run.id("org", "add", "Acme Analytics")
    run.id("person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme Analytics")
    run.id("apply", "Acme Analytics", "Data Analyst")
    run.ok("decision", "Acme Analytics", "rejected")
    first = run.id("feedback", "request", "Acme Analytics", "Dana", "--draft")
    run.ok("feedback", "sent", "Acme Analytics", "--latest")
    run.ok("feedback", "no-response", first)
    second = run.id("feedback", "request", "Acme Analytics", "Dana", "--channel", "video")
    run.ok("feedback", "declined", second)
    statuses = [r["status"] for r in run.json("status")[0]["feedback_requests"]]
    assert statuses == ["no_response", "declined"]


def test_a_bare_date_is_noon_that_day_in_your_time_zone(run: Cli) -> None:
    run.id("org", "add", "Acme Analytics")
    run.id("apply", "Acme Analytics", "Data Analyst", "--at", "2026-05-01")
    run.id("apply", "Acme Analytics", "Analyst II", "--at", "2026-05-02T08:30")
    run.id("apply", "Acme Analytics", "Analyst III", "--at", "2026-05-02T08:30Z")
    applied = [a["application"]["applied_at"] for a in run.json("status")]
    assert applied == [
        "2026-05-01T12:00:00+02:00",
        "2026-05-02T08:30:00+02:00",  # naive: Berlin wall-clock time, so 06:30 UTC
        "2026-05-02T08:30:00+00:00",
    ]


def test_recording_commands_print_only_the_new_id_on_stdout(run: Cli) -> None:
    result = run.ok("org", "add", "Acme Analytics")
    assert result.stdout.strip().startswith("org_")
    assert "added" in result.stderr
    assert [o["name"] for o in run.json("org", "list")] == ["Acme Analytics"]
    assert "Acme Analytics" in run.ok("org", "list").stdout


def test_the_workspace_option_keeps_searches_apart(run: Cli) -> None:
    run.ok("--workspace", "alex", "org", "add", "Acme Analytics")
    assert run.json("org", "list") == []
    assert len(run.json("--workspace", "alex", "org", "list")) == 1
    run.env["AFTERVIEW_WORKSPACE"] = "alex"
    assert len(run.json("org", "list")) == 1
