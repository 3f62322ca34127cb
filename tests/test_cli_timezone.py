"""The command line lives in the job seeker's time zone: dates typed, deadlines and times shown.

``Cli`` runs on a machine set to Berlin time unless a test moves it (``run.env["TZ"]``); the
settings file and ``--timezone`` name the zone explicitly.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from cli_support import Cli, fails

USAGE = 2
ENVIRONMENT = 6


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def lives_in(tmp_path: Path, zone: str) -> None:
    (tmp_path / "settings.toml").write_text(f'[playbook]\ntimezone = "{zone}"\n', "utf-8")


def planned_due(run: Cli) -> str:
    export: dict[str, Any] = json.loads(run.ok("export").stdout)
    (planned,) = [e for e in export["events"] if e["type"] == "ActionPlanned"]
    due: str = planned["due"]
    return due


def interview_held(run: Cli, at: str, now: str) -> None:
    run("org", "add", "Acme Analytics", now=now)
    run("person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme", now=now)
    run("apply", "Acme Analytics", "Data Analyst", now=now)
    run("interview", "schedule", "Acme Analytics", at, "--with", "Dana", now=now)
    result = run("interview", "held", "Acme Analytics", "--at", at, now=now)
    assert result.exit_code == 0, result.output


def test_a_bare_due_date_lasts_until_the_end_of_that_day(run: Cli) -> None:
    run.ok("action", "add", "skill_plan", "Finish the SQL course", "--due", "2026-05-10")
    assert planned_due(run) == "2026-05-10T23:59:59+02:00"


def test_a_due_date_after_the_clocks_go_back_ends_at_midnight_winter_time(run: Cli) -> None:
    # Typed on a May morning (+02:00); Berlin is back on +01:00 by 26 October.
    run.ok("action", "add", "skill_plan", "Finish the SQL course", "--due", "2026-10-26")
    assert planned_due(run) == "2026-10-26T23:59:59+01:00"


def test_a_time_without_offset_is_read_on_your_wall_clock_not_in_the_offset_of_now(
    run: Cli,
) -> None:
    # A Saturday before the clocks go forward; the interview is on the Monday after.
    now = "2026-03-28T09:00+01:00"
    run("org", "add", "Acme Analytics", now=now)
    run("apply", "Acme Analytics", "Data Analyst", now=now)
    run("interview", "schedule", "Acme Analytics", "2026-03-30T10:00", now=now)
    status = run.json("status")
    assert status[0]["interviews"][0]["scheduled_for"] == "2026-03-30T10:00:00+02:00"


def test_an_interview_on_a_bare_date_is_at_noon_your_time(run: Cli) -> None:
    run.ok("--timezone", "Pacific/Kiritimati", "org", "add", "Acme Analytics")
    run.ok("--timezone", "Pacific/Kiritimati", "apply", "Acme Analytics", "Data Analyst")
    run.ok("--timezone", "Pacific/Kiritimati", "interview", "schedule", "Acme", "2026-05-05")
    (row,) = run.json("status")
    assert row["interviews"][0]["scheduled_for"] == "2026-05-05T12:00:00+14:00"
    shown = run.ok("--timezone", "Pacific/Kiritimati", "status").stdout
    assert "Tue 05 May 2026 12:00" in shown


def test_times_are_shown_in_your_zone_even_when_now_is_written_in_utc(
    run: Cli, tmp_path: Path
) -> None:
    run.env["TZ"] = "Pacific/Pago_Pago"  # UTC-11
    now = "2026-05-06T06:00Z"
    run("org", "add", "Acme Analytics", now=now)
    run("apply", "Acme Analytics", "Data Analyst", now=now)
    run("interview", "schedule", "Acme Analytics", "2026-05-06T05:00Z", now=now)
    shown = run("status", now=now).stdout
    assert "Tue 05 May 2026 18:00" in shown


def test_on_a_utc_server_the_agenda_shows_the_note_due_at_midnight_in_new_york(
    run: Cli, tmp_path: Path
) -> None:
    run.env["TZ"] = "UTC"
    lives_in(tmp_path, "America/New_York")
    # Saturday 7 March 2026, 19:30 EST, is already Sunday in UTC; the clocks spring forward
    # that Sunday, so the note is due at 23:59:59 EDT.
    now = "2026-03-08T01:00Z"
    interview_held(run, "2026-03-07T19:30", now)
    shown = run("agenda", now=now).stdout
    (line,) = [line for line in shown.splitlines() if "AV301" in line]
    assert "Sun 08 Mar 2026 23:59" in line
    result = run("agenda", "--json", now=now)
    (item,) = [a for a in json.loads(result.stdout) if a["code"] == "AV301"]
    due = datetime.fromisoformat(item["due"])
    assert due == datetime(2026, 3, 9, 3, 59, 59, tzinfo=UTC)
    assert item["due"] == "2026-03-08T23:59:59-04:00"


def test_in_auckland_a_morning_interview_is_due_at_the_end_of_the_local_next_day(
    run: Cli,
) -> None:
    now = "2026-05-05T12:00+12:00"
    interview_held(run, "2026-05-05T09:00", now)
    shown = run("--timezone", "Pacific/Auckland", "agenda", now=now).stdout
    (line,) = [line for line in shown.splitlines() if "AV301" in line]
    assert "Wed 06 May 2026 23:59" in line


def test_the_timezone_option_wins_over_the_settings_file(run: Cli, tmp_path: Path) -> None:
    lives_in(tmp_path, "Pacific/Auckland")
    run.ok("org", "add", "Acme Analytics")
    run.ok("apply", "Acme Analytics", "Data Analyst")
    run.ok("interview", "schedule", "Acme Analytics", "2026-05-06T08:00Z")
    assert "Wed 06 May 2026 20:00" in run.ok("status").stdout  # NZST, from the file
    assert "Wed 06 May 2026 10:00" in run.ok("--timezone", "Europe/Berlin", "status").stdout


def test_an_unknown_time_zone_on_the_command_line_is_a_usage_error_with_a_suggestion(
    run: Cli,
) -> None:
    line = fails(run("--timezone", "Europe/Berln", "agenda"), USAGE)
    assert "unknown time zone 'Europe/Berln' (did you mean Europe/Berlin?)" in line


def test_an_unknown_time_zone_in_the_settings_file_is_an_environment_error(
    run: Cli, tmp_path: Path
) -> None:
    lives_in(tmp_path, "Mars/Olympus")
    line = fails(run("action", "add", "skill_plan", "SQL", "--due", "2026-05-10"), ENVIRONMENT)
    assert "settings.toml [playbook]: setting timezone: unknown time zone 'Mars/Olympus'" in line
    assert run.events() == 0
