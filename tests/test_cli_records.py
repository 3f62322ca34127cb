"""Traps of a real week, through the installed command as a real process: the demo kept out of a
real search, duplicates reused, every record listed with its id, and feedback linked to its
call."""

from __future__ import annotations

import json
import subprocess

import pytest

from afterview import PluginManager, Workspace
from test_cli_process import Process


@pytest.fixture
def afterview(tmp_path: object) -> Process:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    return Process(tmp_path)


def _as(afterview: Process, workspace: str, *args: str) -> subprocess.CompletedProcess[str]:
    afterview.env["AFTERVIEW_WORKSPACE"] = workspace
    try:
        return afterview(*args)
    finally:
        afterview.env.pop("AFTERVIEW_WORKSPACE")


def _state(afterview: Process, workspace: str = "default") -> object:
    with Workspace.open(
        f"sqlite:///{afterview.db}",
        name=workspace,
        plugin_manager=PluginManager(load_entry_points=False),
    ) as ws:
        return ws.state


# --- 1. the demo stays out of a real search -----------------------------------------------------


def test_the_demo_never_records_into_the_workspace_set_in_the_environment(
    afterview: Process,
) -> None:
    assert _as(afterview, "alex", "org", "add", "Acme Analytics").returncode == 0
    before = afterview.events("alex")
    result = _as(afterview, "alex", "demo")
    assert result.returncode == 0, result.stderr
    assert afterview.events("alex") == before
    assert afterview.events("demo") > 0
    assert "'demo'" in result.stdout


def test_the_demo_refuses_a_named_workspace_that_holds_anything_else(afterview: Process) -> None:
    afterview.ok("--workspace", "alex", "org", "add", "Acme Analytics")
    result = afterview("--workspace", "alex", "demo")
    assert result.returncode == 4, (result.stdout, result.stderr)
    assert "afterview: error:" in result.stderr
    assert "alex" in result.stderr
    assert afterview.events("alex") == 1
    # An empty workspace named on the command line is the user's own choice.
    assert afterview("--workspace", "tryout", "demo").returncode == 0
    assert afterview.events("tryout") > 0


# --- 2. duplicates --------------------------------------------------------------------------------


def test_adding_an_organization_again_reuses_it_and_later_commands_work(
    afterview: Process,
) -> None:
    first = afterview.ok("org", "add", "Acme Analytics").strip()
    again = afterview("org", "add", "acme  analytics")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == first
    assert "already" in again.stderr
    accented = afterview("org", "add", "Acmé Analytics")
    assert accented.stdout.strip() == first
    assert afterview.events() == 1
    afterview.ok("apply", "Acme Analytics", "Data Analyst")


def test_adding_a_person_again_reuses_them_and_a_namesake_elsewhere_is_asked_about(
    afterview: Process,
) -> None:
    afterview.ok("org", "add", "Acme Analytics")
    afterview.ok("org", "add", "Globex")
    dana = afterview.ok(
        "person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme Analytics"
    ).strip()
    again = afterview(
        "person", "add", "dana reyes", "--role", "interviewer", "--org", "Acme Analytics"
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == dana
    assert "already" in again.stderr
    count = afterview.events()
    # Another organization's Dana Reyes may be someone else: asked, and "no" stores nothing.
    elsewhere = subprocess.run(
        [
            *_argv(afterview),
            "person",
            "add",
            "Dana Reyes",
            "--role",
            "hr",
            "--org",
            "Globex",
        ],
        input="n\n",
        capture_output=True,
        text=True,
        env=afterview.env,
        check=False,
    )
    assert elsewhere.returncode == 130, elsewhere.stderr
    assert afterview.events() == count
    second = afterview.ok(
        "person", "add", "Dana Reyes", "--role", "hr", "--org", "Globex", "--new"
    ).strip()
    assert second != dana


def _argv(afterview: Process) -> list[str]:
    import sys

    from test_cli_process import NOW

    return [sys.executable, "-m", "afterview.cli", "--now", NOW]


def test_a_mistaken_record_is_renamed_corrected_and_removed_and_the_log_round_trips(
    afterview: Process, tmp_path: object
) -> None:
    acme = afterview.ok("org", "add", "Acme Analytcs").strip()
    afterview.ok("org", "rename", "Acme Analytcs", "Acme Analytics")
    afterview.ok("org", "correct", "Acme Analytics", "--board-url", "greenhouse-board://acme")
    dana = afterview.ok("person", "add", "Dana Reys", "--role", "interviewer").strip()
    afterview.ok(
        "person",
        "correct",
        dana,
        "--name",
        "Dana Reyes",
        "--org",
        "Acme Analytics",
        "--email",
        "dana@acme.example",
    )
    app = afterview.ok("apply", "Acme Analytics", "Data Analyst", "--at", "2062-04-20").strip()
    afterview.ok("correct-date", app, "2026-04-20")
    stray = afterview.ok("org", "add", "Initech").strip()
    afterview.ok("remove", stray)
    state = _state(afterview)
    organization = state.organizations[acme]  # type: ignore[attr-defined]
    assert (organization.name, organization.board_url) == (
        "Acme Analytics",
        "greenhouse-board://acme",
    )
    person = state.people[dana]  # type: ignore[attr-defined]
    assert (person.name, person.organization_id) == ("Dana Reyes", acme)
    assert [p.value for p in person.contact_points] == ["dana@acme.example"]
    assert state.applications[app].applied_at.year == 2026  # type: ignore[attr-defined]
    assert stray not in state.organizations  # type: ignore[attr-defined]
    # An organization something refers to is not removed.
    refused = afterview("remove", acme)
    assert refused.returncode == 4
    assert "application" in refused.stderr
    export = afterview.ok("export")
    afterview.env["AFTERVIEW_WORKSPACE"] = "restored"
    importing = subprocess.run(
        [*_argv(afterview), "import", "-"],
        input=export,
        capture_output=True,
        text=True,
        env=afterview.env,
        check=False,
    )
    afterview.env.pop("AFTERVIEW_WORKSPACE")
    assert importing.returncode == 0, importing.stderr
    restored = _state(afterview, "restored")
    assert restored.organizations == state.organizations  # type: ignore[attr-defined]
    assert restored.people == state.people  # type: ignore[attr-defined]
    assert restored.applications == state.applications  # type: ignore[attr-defined]


# --- 3. every record listed with its id -----------------------------------------------------------


def _story(afterview: Process) -> dict[str, str]:
    afterview.ok("org", "add", "Acme Analytics")
    ids = {
        "person": afterview.ok(
            "person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme Analytics"
        ).strip(),
        "application": afterview.ok("apply", "Acme Analytics", "Data Analyst").strip(),
    }
    ids["interview"] = afterview.ok(
        "interview", "schedule", "Acme Analytics", "2026-04-28T10:00", "--with", "Dana Reyes"
    ).strip()
    afterview.ok("interview", "held", "Acme Analytics", "--nobody-else", "--at", "2026-04-28T11:00")
    ids["thank_you"] = afterview.ok(
        "thank", "Acme Analytics", "Dana Reyes", "--medium", "email", "--at", "2026-04-28T18:00"
    ).strip()
    afterview.ok("decision", "Acme Analytics", "rejected", "--at", "2026-04-30")
    ids["request"] = afterview.ok(
        "feedback", "request", "Acme Analytics", "Dana Reyes", "--at", "2026-04-30T13:00"
    ).strip()
    afterview.ok("feedback", "held", "Acme Analytics", "--at", "2026-05-02T10:00")
    ids["feedback"] = afterview.ok(
        "feedback",
        "add",
        "Acme Analytics",
        "negative",
        "skill",
        "Little SQL reporting",
        "--at",
        "2026-05-02T11:00",
    ).strip()
    ids["action"] = afterview.ok(
        "action", "add", "skill_plan", "Send the article", "--due", "2026-06-01"
    ).strip()
    afterview.ok("stay-in-touch", "Dana Reyes")
    ids["touchpoint"] = afterview.ok("touch", "Dana Reyes", "--note", "hello").strip()
    return ids


def test_every_kind_of_record_is_listed_with_its_id_and_a_title_names_an_action(
    afterview: Process,
) -> None:
    ids = _story(afterview)
    listed = afterview.ok("list")
    for kind, record_id in ids.items():
        assert record_id in listed, kind
    for kind in (
        "organizations",
        "people",
        "applications",
        "interviews",
        "thank-yous",
        "feedback-requests",
        "feedback",
        "actions",
        "touchpoints",
    ):
        result = afterview("list", kind, "--json")
        assert result.returncode == 0, (kind, result.stderr)
        assert isinstance(json.loads(result.stdout), list)
    assert ids["action"] in afterview.ok("action", "list")
    assert ids["feedback"] in afterview.ok("feedback", "list")
    status = afterview.ok("status")
    for kind in ("interview", "thank_you", "request", "feedback", "action"):
        assert ids[kind] in status, kind
    afterview.ok("action", "done", "send the article")
    course = afterview.ok(
        "action", "add", "skill_plan", "SQL course", "--due", "2026-06-30", "--feedback", "sql"
    ).strip()
    state = _state(afterview)
    assert state.actions[ids["action"]].completed_at is not None  # type: ignore[attr-defined]
    assert state.actions[course].feedback_item_id == ids["feedback"]  # type: ignore[attr-defined]


# --- 4. feedback recorded the documented way answers its call -------------------------------------


def test_feedback_added_without_request_answers_the_only_open_call(afterview: Process) -> None:
    ids = _story(afterview)
    state = _state(afterview)
    item = state.feedback_items[ids["feedback"]]  # type: ignore[attr-defined]
    assert item.request_id == ids["request"]
    assert item.person_id == ids["person"]
    agenda = json.loads(afterview.ok("agenda", "--json"))
    assert not [a for a in agenda if a["code"] == "AV501"]
