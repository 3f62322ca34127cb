"""``afterview report``, run as a person runs it: a real process and a SQLite store."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from afterview_report_fixtures import Elements

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def afterview(tmp_path: Path) -> Run:
    env = {
        **os.environ,
        "AFTERVIEW_STORE": f"sqlite:///{tmp_path / 'afterview.sqlite'}",
        "NO_COLOR": "1",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "afterview.cli", "--now", "2026-05-04T09:00+02:00", *args],
            env=env,
            cwd=tmp_path,
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


def test_the_report_is_written_readable_by_its_owner_only(afterview: Run, tmp_path: Path) -> None:
    assert afterview("demo").returncode == 0
    target = tmp_path / "search.html"
    target.write_text("old")
    target.chmod(0o644)

    result = afterview("--workspace", "demo", "report", "-o", str(target))

    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(Elements(target.read_text(encoding="utf-8")).named("svg")) == 7
    assert result.stderr == f"report of workspace 'demo' written to {target}\n"


def test_person_writes_one_contacts_history(afterview: Run, tmp_path: Path) -> None:
    afterview("demo")
    result = afterview("--workspace", "demo", "report", "--person", "Marcus Lee")

    page = (tmp_path / "afterview-report.html").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert "<h1>Marcus Lee</h1>" in page


def test_all_writes_a_page_per_workspace_and_an_index(afterview: Run, tmp_path: Path) -> None:
    afterview("demo")
    afterview("--workspace", "jo", "org", "add", "Acme")
    result = afterview("report", "--all", "-o", "reports")

    folder = tmp_path / "reports"
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["demo.html", "index.html", "jo.html"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    index = Elements((folder / "index.html").read_text(encoding="utf-8"))
    assert [a["href"] for a in index.named("a")] == ["demo.html", "jo.html"]
    back = Elements((folder / "demo.html").read_text(encoding="utf-8"))
    assert back.named("a")[0]["href"] == "index.html"


def test_the_folders_made_for_all_pages_are_0700_whatever_the_umask(
    afterview: Run, tmp_path: Path
) -> None:
    afterview("demo")
    old = os.umask(0o000)
    try:
        result = afterview("report", "--all", "-o", "reports/2026/may")
    finally:
        os.umask(old)

    assert result.returncode == 0, result.stderr
    made = [tmp_path / "reports", tmp_path / "reports" / "2026", tmp_path / "reports/2026/may"]
    assert [stat.S_IMODE(d.stat().st_mode) for d in made] == [0o700] * 3


def test_all_takes_no_person(afterview: Run) -> None:
    result = afterview("report", "--all", "--person", "Dana")
    assert result.returncode == 2
    assert "--all reports every workspace; it takes no --person" in result.stderr


def test_the_command_is_listed_with_the_plugin_that_brings_it(afterview: Run) -> None:
    assert "report" in afterview("--help").stdout
    assert "afterview-report" in afterview("report", "--help").stdout
