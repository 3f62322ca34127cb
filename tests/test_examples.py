"""Every script in examples/ runs to completion and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run_example(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_example_is_covered_here() -> None:
    scripts = {p.name for p in EXAMPLES.glob("*.py")}
    assert scripts == {
        "library_basics.py",
        "custom_rule_plugin.py",
        "coach_many_workspaces.py",
        "export_import.py",
    }


def test_library_example_moves_from_preparation_to_the_feedback_request() -> None:
    out = run_example("library_basics.py")
    before, _, after = out.partition("After the rejection:")
    assert "AV1" in before
    assert "AV4" in after
    assert "Priya" in out


def test_custom_rule_example_adds_its_advice_to_the_agenda() -> None:
    out = run_example("custom_rule_plugin.py")
    assert "ACME101" in out
    assert "Logistics Planner" in out


def test_coach_example_lists_every_job_seeker_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coach.sqlite'}"
    first = run_example("coach_many_workspaces.py", url)
    second = run_example("coach_many_workspaces.py", url)
    assert first == second
    for name in ("ana", "ben", "chloe"):
        assert sum(line.startswith(name) for line in first.splitlines()) == 1


@pytest.mark.parametrize("script", ["export_import.py"])
def test_export_import_example_round_trips_and_forgets(script: str) -> None:
    out = run_example(script)
    assert "importing the same file again added 0" in out
    assert "forgot Priya" in out
