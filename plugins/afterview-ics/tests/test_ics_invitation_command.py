"""``afterview invitation import FILE``, run as a person runs it: a real process, a SQLite
workspace, and a settings file that names the job seeker's own address."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

FILES = Path(__file__).parent / "invitations"

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def afterview(tmp_path: Path) -> Run:
    settings = tmp_path / "settings.toml"
    settings.write_text(
        '[playbook]\ntimezone = "Europe/Berlin"\nown_emails = ["jo.candidate@example.org"]\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "AFTERVIEW_CONFIG": str(settings),
        "AFTERVIEW_STORE": f"sqlite:///{tmp_path / 'afterview.sqlite'}",
        "NO_COLOR": "1",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "afterview.cli", "--now", "2026-05-01T09:00Z", *args],
            env=env,
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


def test_an_invitation_file_imports_from_the_command_line(afterview: Run) -> None:
    assert afterview("org", "add", "Acme Analytics").returncode == 0
    assert afterview("apply", "Acme Analytics", "Data Analyst").returncode == 0

    first = afterview(
        "invitation", "import", str(FILES / "google.ics"), "--application", "Acme Analytics"
    )
    again = afterview(
        "invitation", "import", str(FILES / "google.ics"), "--application", "Acme Analytics"
    )
    people = afterview("person", "list", "--json")

    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("scheduled: int_")
    assert first.stdout.endswith(" 2026-05-12 14:00, 1 people added\n")
    assert first.stderr == ""
    assert again.stdout.startswith("unchanged: int_")
    assert "Dana Reyes" in people.stdout
    assert "jo.candidate" not in people.stdout.lower()


def test_a_reply_is_refused_with_one_line_and_the_refusal_code(
    afterview: Run, tmp_path: Path
) -> None:
    reply = tmp_path / "reply.ics"
    reply.write_bytes(
        (FILES / "outlook.ics").read_bytes().replace(b"METHOD:REQUEST", b"METHOD:REPLY")
    )
    afterview("org", "add", "Acme Analytics")
    afterview("apply", "Acme Analytics", "Data Analyst")

    result = afterview("invitation", "import", str(reply), "--application", "Acme Analytics")

    assert result.returncode == 4
    assert result.stderr.startswith(
        "afterview: error: this is a reply to an invitation (METHOD:REPLY)"
    )
