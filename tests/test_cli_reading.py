"""Read commands: the agenda, insights, the rules, plugins, drafts and the linter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from afterview.cli.main import NOT_FOUND, REFUSED
from cli_support import Cli, fails


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def test_a_new_workspace_has_an_empty_agenda(run: Cli) -> None:
    assert run.json("agenda") == []
    assert "agenda is empty" in run.ok("agenda").stdout


def test_rules_list_every_code_with_its_name_and_rationale(run: Cli) -> None:
    rules = run.json("rules")
    codes = [r["code"] for r in rules]
    assert codes == sorted(codes)
    assert "AV301" in codes
    assert all(r["rationale"] and r["selected"] for r in rules)
    assert "AV301" in run.ok("rules").stdout


def test_one_rule_in_full(run: Cli) -> None:
    rule = run.json("rules", "av301")
    assert rule["name"] == "thank-everyone-met"
    assert "thank_you_days" in rule["settings"]
    out = run.ok("rules", "AV301").stdout
    assert "thank-everyone-met" in out
    assert "receptionist" in out


def test_rules_honour_the_settings_file(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text('[playbook]\nignore = ["AV3"]\n', encoding="utf-8")
    assert run.json("rules", "AV301")["selected"] is False


def test_an_unknown_rule_is_not_found(run: Cli) -> None:
    assert "AV999" in fails(run("rules", "AV999"), NOT_FOUND)


def test_plugins_lists_the_built_ins_with_their_hooks(run: Cli) -> None:
    plugins = {p["name"]: p for p in run.json("plugins")}
    assert plugins["memory"]["url_schemes"] == {"store": ["memory://"]}
    assert "afterview_rules" in plugins["playbook"]["hooks"]
    assert "memory" in run.ok("plugins").stdout


def _decided(run: Cli) -> None:
    run.id("org", "add", "Acme Analytics")
    run.id("person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme Analytics")
    run.id("person", "add", "Sam Ortiz", "--role", "receptionist", "--org", "Acme Analytics")
    run.id("apply", "Acme Analytics", "Data Analyst")
    run.id("interview", "schedule", "Acme Analytics", "2026-05-01T10:00", "--with", "Dana")
    run.ok(
        "interview",
        "held",
        "Acme Analytics",
        "--latest",
        "--met",
        "Sam",
        "--at",
        "2026-05-01T11:00",
    )
    run.ok("decision", "Acme Analytics", "rejected", "--at", "2026-05-03")


def test_insights_draw_the_funnel_and_the_recurring_themes(run: Cli) -> None:
    _decided(run)
    run.id(
        "feedback", "add", "Acme Analytics", "negative", "behaviour", "--theme", "concise answers"
    )
    data = run.json("insights")
    assert data["funnel"] == {"applied": 1, "interviewed": 1, "decided": 1, "offer": 0}
    out = run.ok("insights").stdout
    assert "Funnel" in out
    assert "█" in out
    assert "What to work on (recurring criticism)" in out
    assert "concise answers" in out
    assert "What to lead with" not in out


def test_drafts_are_printed_ready_to_adapt_and_pass_the_linter(run: Cli, tmp_path: Path) -> None:
    _decided(run)
    request = run.ok("draft", "request", "Acme Analytics", "Dana Reyes").stdout
    script = run.ok("draft", "script", "Acme Analytics", "Dana").stdout
    note = run.ok("draft", "thanks", "Acme Analytics", "Sam", "--latest").stdout
    assert request.strip()
    assert script.strip()
    assert note.strip()
    assert run.ok("lint", "-", input=request).stdout == ""


def test_lint_reports_each_finding_with_line_and_column_and_exits_1(
    run: Cli, tmp_path: Path
) -> None:
    draft = tmp_path / "request.txt"
    draft.write_text("Hello Dana,\nWhat did the other candidate have?\n", encoding="utf-8")
    result = run("lint", str(draft))
    assert result.exit_code == 1
    assert f"{draft}:2:10: AV451" in result.stdout
    findings = json.loads(run("lint", str(draft), "--json").stdout)
    assert findings[0]["code"] == "AV451"
    assert findings[0]["excerpt"] == "the other candidate"


def test_lint_of_a_clean_text_exits_0(run: Cli) -> None:
    result = run.ok("lint", "-", input="Could we talk for ten minutes about how I can improve?")
    assert result.stdout == ""
    assert json.loads(run.ok("lint", "-", "--json", input="Thank you.").stdout) == []


def test_lint_of_a_file_that_is_not_utf8_is_refused_in_one_line(run: Cli, tmp_path: Path) -> None:
    draft = tmp_path / "latin1.txt"
    draft.write_bytes("Merci beaucoup, Hélène".encode("latin-1"))
    assert "not UTF-8" in fails(run("lint", str(draft)), REFUSED)
