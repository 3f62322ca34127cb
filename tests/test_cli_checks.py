"""The traps a real week hits, run through the installed ``afterview`` console script: store URL
typos, validation, the words errors use, exit codes as documented, and finding one's bearings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import unwritable

NOW = "2026-05-04T09:00:00+02:00"
DOCS = Path(__file__).parent.parent / "docs" / "cli.md"


def _console_script() -> list[str]:
    script = Path(sys.executable).with_name("afterview")
    return [str(script)] if script.exists() else [sys.executable, "-m", "afterview.cli"]


class Afterview:
    """The console script, with a SQLite store, a settings file and a data directory of its own."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.db = tmp_path / "afterview.sqlite"
        self.settings = tmp_path / "settings.toml"
        self.settings.touch()
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("AFTERVIEW_") and key != "XDG_DATA_HOME"
        }
        self.env |= {
            "AFTERVIEW_STORE": f"sqlite:///{self.db}",
            "AFTERVIEW_CONFIG": str(self.settings),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "NO_COLOR": "1",
            "COLUMNS": "200",
        }

    def __call__(
        self, *args: str, env: dict[str, str] | None = None, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_console_script(), "--now", NOW, *args],
            capture_output=True,
            text=True,
            env=self.env | (env or {}),
            cwd=self.tmp,
            input=stdin,
            check=False,
        )

    def ok(self, *args: str) -> str:
        result = self(*args)
        assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
        return result.stdout

    def fails(self, code: int, *args: str, env: dict[str, str] | None = None) -> str:
        """Run a failing command: one ``afterview: error:`` line and exit ``code``."""
        result = self(*args, env=env)
        lines = result.stderr.splitlines()
        assert result.returncode == code, (result.returncode, result.stderr)
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("afterview: error: "), result.stderr
        return lines[0]

    def events(self) -> int:
        return len(json.loads(self.ok("export"))["events"])


@pytest.fixture
def av(tmp_path: Path) -> Afterview:
    return Afterview(tmp_path)


def _met_at_acme(av: Afterview) -> None:
    av.ok("org", "add", "Acme Analytics")
    av.ok("person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme Analytics")
    av.ok("person", "add", "Sam Ortiz", "--role", "receptionist", "--org", "Acme Analytics")
    av.ok("apply", "Acme Analytics", "Data Analyst", "--at", "2026-04-20")
    av.ok("interview", "schedule", "Acme Analytics", "2026-05-01T10:00+02:00", "--with", "Dana")


# --- 5. store URL typos ---------------------------------------------------------------------------


def test_three_slashes_and_a_missing_directory_name_the_resolved_path_and_make_nothing(
    av: Afterview,
) -> None:
    line = av.fails(6, "--store", "sqlite:///tmp/x.sqlite", "status")
    assert f"directory {av.tmp / 'tmp'} does not exist" in line
    assert "'sqlite:////tmp/x.sqlite'" in line  # how to write the absolute path
    line = av.fails(6, "--store", f"sqlite:///{av.tmp / 'typo' / 'x.sqlite'}", "status")
    assert f"directory {av.tmp / 'typo'} does not exist" in line
    assert not (av.tmp / "tmp").exists()
    assert not (av.tmp / "typo").exists()


def test_the_default_data_directory_is_the_one_created_unasked(av: Afterview) -> None:
    av.env.pop("AFTERVIEW_STORE")
    av.ok("org", "add", "Acme Analytics")
    assert (av.tmp / "data" / "afterview" / "afterview.sqlite").is_file()


def test_a_store_this_user_may_not_write_is_read_and_a_write_is_a_clear_error(
    av: Afterview,
) -> None:
    av.ok("org", "add", "Acme Analytics")
    with unwritable(av.db):
        assert "Acme Analytics" in av.ok("org", "list")
        assert json.loads(av.ok("info", "--json"))["read_only"] is True
        line = av.fails(6, "org", "add", "Globex")
        assert "is read-only" in line
    assert av.events() == 1


# --- 6. validation -------------------------------------------------------------------------------


def test_a_thank_you_dated_before_the_interview_is_refused(av: Afterview) -> None:
    _met_at_acme(av)
    av.ok("interview", "held", "Acme Analytics", "--at", "2026-05-01T11:00+02:00")
    before = av.events()
    line = av.fails(4, "thank", "Acme Analytics", "Dana", "--at", "2026-04-30")
    assert "before the interview" in line
    assert av.events() == before


def test_a_touchpoint_in_the_future_is_refused(av: Afterview) -> None:
    _met_at_acme(av)
    before = av.events()
    assert "in the future" in av.fails(4, "touch", "Dana", "--at", "2026-06-01")
    assert av.events() == before


def test_an_email_that_is_not_one_is_refused(av: Afterview) -> None:
    _met_at_acme(av)
    before = av.events()
    assert "not one" in av.fails(4, "person", "card", "Dana", "--email", "dana.acme.example")
    assert "not one" in av.fails(
        4, "person", "add", "Lee", "--role", "hr", "--email", "lee@localhost"
    )
    assert av.events() == before


def test_a_missing_settings_file_named_by_afterview_config_is_an_error(av: Afterview) -> None:
    missing = av.tmp / "setings.toml"
    line = av.fails(6, "agenda", env={"AFTERVIEW_CONFIG": str(missing)})
    assert f"{missing}, which does not exist" in line


def test_an_ignore_or_select_naming_no_rule_is_a_warning(av: Afterview) -> None:
    av.settings.write_text('[playbook]\nignore = ["AV999"]\nselect = ["AV1"]\n')
    result = av("agenda")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "afterview: warning: ignore = 'AV999' in the settings file names no rule; "
        "'afterview rules' lists them"
    ]


# --- 8. consistent words --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["hiring-manager", "Hiring_Manager", "hiring manager"])
def test_choices_take_the_spelling_users_type(av: Afterview, role: str) -> None:
    av.ok("person", "add", "Kim Lee", "--role", role)
    people = json.loads(av.ok("person", "list", "--json"))
    assert [p["role"] for p in people] == ["hiring_manager"]


def test_behavior_is_behaviour(av: Afterview) -> None:
    av.ok("org", "add", "Acme Analytics")
    av.ok("apply", "Acme Analytics", "Data Analyst")
    av.ok("action", "add", "Behavior-Change", "Open with the result", "--due", "2026-05-20")
    av.ok("feedback", "add", "Acme Analytics", "negative", "behavior", "Long answers")
    export = json.loads(av.ok("export"))["events"]
    assert {e.get("kind") for e in export} >= {"behaviour_change"}
    assert {e.get("category") for e in export} >= {"behaviour"}


def test_a_refusal_names_records_and_the_command_to_run_first(av: Afterview) -> None:
    _met_at_acme(av)
    line = av.fails(4, "thank", "Acme Analytics", "Dana")
    assert "ThankYouSent" not in line
    assert "int_" not in line
    assert (
        "the interview for Data Analyst at Acme Analytics on 2026-05-01 has not been held" in line
    )
    assert "'afterview interview held REF'" in line
    av.ok("interview", "held", "Acme Analytics", "--at", "2026-05-01T11:00+02:00")
    line = av.fails(4, "thank", "Acme Analytics", "Sam")
    assert "per_" not in line
    assert "int_" not in line
    assert "Sam Ortiz was not met at the interview for Data Analyst at Acme Analytics" in line
    assert "'afterview interview met REF PERSON'" in line


def test_rules_code_shows_the_command_that_resolves_the_advice(av: Afterview) -> None:
    assert "command: afterview thank REF PERSON" in av.ok("rules", "av301")
    rule = json.loads(av.ok("rules", "AV301", "--json"))
    assert rule["resolved_by_commands"] == ["afterview thank REF PERSON"]


def _documented_exit_codes() -> dict[int, str]:
    docs = DOCS.read_text(encoding="utf-8")
    section = docs.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^\| (\d+) \| (.+) \|$", section, re.M)}


def test_representative_failures_exit_with_the_documented_codes(av: Afterview) -> None:
    documented = _documented_exit_codes()
    _met_at_acme(av)
    (av.tmp / "request.txt").write_text("Could you tell me why I was rejected?\n")
    runs: list[tuple[int, tuple[str, ...], str | None]] = [
        (1, ("lint", "request.txt"), None),
        (2, ("agenda", "--no-such-option"), None),
        (2, ("apply", "Acme Analytics", "Analyst", "--at", "yesterday"), None),
        (3, ("apply", "Initech", "Analyst"), None),
        (3, ("action", "done", "act_000000000000"), None),
        (3, ("feedback", "held", "fbr_000000000000"), None),
        (3, ("rules", "AV999"), None),
        (4, ("thank", "Acme Analytics", "Dana"), None),
        (4, ("action", "add", "other", "Far away", "--due", "0001-01-01"), None),
        (6, ("--store", "nothing://here", "status"), None),
        (6, ("--store", "sqlite:///no/such/dir/x.sqlite", "status"), None),
        (130, ("forget", "Sam Ortiz"), "n\n"),
    ]
    for code, args, stdin in runs:
        assert code in documented, code
        result = av(*args, stdin=stdin)
        assert result.returncode == code, (args, result.returncode, result.stderr)
    assert {code for code, _, _ in runs} >= set(documented) - {0, 5, 7, 70}


# --- 9. where am I -------------------------------------------------------------------------------


def test_info_shows_the_store_workspace_settings_file_zone_and_thresholds(av: Afterview) -> None:
    av.settings.write_text('[playbook]\nthank_you_days = 2\ntimezone = "Europe/Berlin"\n')
    secret = f"sqlite:///{av.db}?busy_timeout=500"
    data = json.loads(av.ok("--store", secret, "--workspace", "alex", "info", "--json"))
    assert data["store"] == secret
    assert data["workspace"] == "alex"
    assert data["settings_file"] == str(av.settings)
    assert data["settings_file_exists"] is True
    assert data["timezone"] == "Europe/Berlin"
    assert data["thresholds"]["thank_you_days"] == 2
    shown = av.ok("info")
    assert str(av.settings) in shown
    assert "thank_you_days" in shown


def test_workspaces_are_listed_and_the_current_one_marked(av: Afterview) -> None:
    av.ok("--workspace", "alex", "org", "add", "Acme Analytics")
    av.ok("--workspace", "sam", "org", "add", "Globex")
    assert av.ok("--workspace", "sam", "workspaces").splitlines() == ["alex", "sam\tcurrent"]


def test_help_documents_the_environment_groups_commands_and_completion(av: Afterview) -> None:
    out = av.ok("--help")
    for name in (
        "AFTERVIEW_CONFIG",
        "AFTERVIEW_STORE",
        "AFTERVIEW_WORKSPACE",
        "AFTERVIEW_DEBUG",
        "AFTERVIEW_PLUGINS",
        "AFTERVIEW_DISABLE_PLUGINS",
        "NO_COLOR",
        "_AFTERVIEW_COMPLETE=bash_source afterview",
    ):
        assert name in out, name
    assert out.index("Record what happened:") < out.index("  thank ") < out.index("See what to do:")


def test_the_shell_completes_names_from_the_workspace(av: Afterview) -> None:
    _met_at_acme(av)

    def complete(*words: str) -> list[str]:
        result = subprocess.run(
            _console_script(),
            capture_output=True,
            text=True,
            env=av.env
            | {
                "_AFTERVIEW_COMPLETE": "bash_complete",
                "COMP_WORDS": " ".join(["afterview", *words]),
                "COMP_CWORD": str(len(words)),
            },
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return [line.split(",", 1)[1] for line in result.stdout.splitlines()]

    assert complete("touch", "Da") == ["Dana Reyes"]
    assert complete("apply", "Ac") == ["Acme Analytics"]
    assert complete("thank", "") == ["Acme Analytics"]
    assert complete("person", "add", "X", "--role", "hiring") == ["hiring_manager"]


def test_agenda_takes_a_limit_a_date_and_an_application(av: Afterview) -> None:
    av.ok("demo")
    demo = ["--workspace", "demo"]
    every = json.loads(av.ok(*demo, "agenda", "--json"))
    assert len(every) >= 3
    assert json.loads(av.ok(*demo, "agenda", "--json", "--limit", "2")) == every[:2]
    first_due = every[0]["due"]
    until = first_due[:10]
    limited = json.loads(av.ok(*demo, "agenda", "--json", "--until", until))
    assert limited
    assert all(a["due"][:10] <= until for a in limited)
    assert len(limited) < len(every)
    one = json.loads(av.ok(*demo, "agenda", "--json", "--app", "Lindqvist Health"))
    assert one
    assert len(one) < len(every)
