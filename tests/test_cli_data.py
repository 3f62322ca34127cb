"""Export, import and forget from the command line."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from afterview.cli.main import ENVIRONMENT, NOT_FOUND, REFUSED
from cli_support import Cli, fails


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    cli.id("org", "add", "Acme Analytics")
    cli.id(
        "person",
        "add",
        "Dana Reyes",
        "--role",
        "interviewer",
        "--org",
        "Acme Analytics",
        "--cell-phone",
        "+1 555 0101",
        "--notes",
        "likes cycling",
    )
    cli.id("person", "add", "Sam Ortiz", "--role", "receptionist", "--org", "Acme Analytics")
    cli.id("apply", "Acme Analytics", "Data Analyst")
    return cli


def test_an_export_file_is_private_and_imports_into_a_new_workspace(
    run: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "search.json"
    result = run.ok("export", "-o", str(target))
    assert "5 event(s) written" in result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "imported" in run.ok("--workspace", "restored", "import", str(target)).stderr
    assert run.events("restored") == run.events() == 5
    again = run.ok("--workspace", "restored", "import", str(target))
    assert "0 event(s) imported" in again.stderr
    assert run.events("restored") == 5


def test_import_of_a_file_with_json_prints_its_summary_as_json(run: Cli, tmp_path: Path) -> None:
    target = tmp_path / "search.json"
    run.ok("export", "-o", str(target))
    summary = json.loads(run.ok("--workspace", "restored", "import", str(target), "--json").stdout)
    assert summary == {"workspace": "restored", "events_added": 5}


def test_export_to_stdout_and_for_one_person(run: Cli) -> None:
    everything = json.loads(run.ok("export").stdout)
    assert everything["format"] == "afterview-export"
    assert len(everything["events"]) == 5
    about_sam = json.loads(run.ok("export", "--person", "Sam").stdout)
    assert [e["type"] for e in about_sam["events"]] == ["ContactAdded"]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not an afterview export"),
        (
            '{"format": "afterview-export", "version": 1, "workspace": "w", '
            '"exported_at": "2026-05-04T09:00:00+00:00", "events": [{"type": "Nope"}]}',
            "$.events[0]",
        ),
    ],
)
def test_a_corrupted_export_is_refused_before_anything_is_stored(
    run: Cli, tmp_path: Path, content: str, says: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert says in fails(run("--workspace", "restored", "import", str(bad)), REFUSED)
    assert run.events("restored") == 0


def test_a_truncated_export_stores_nothing(run: Cli, tmp_path: Path) -> None:
    good = run.ok("export").stdout
    bad = tmp_path / "cut.json"
    bad.write_text(good[: len(good) // 2], encoding="utf-8")
    fails(run("--workspace", "restored", "import", str(bad)), REFUSED)
    assert run.events("restored") == 0


def test_import_into_a_workspace_with_other_events_is_refused(run: Cli, tmp_path: Path) -> None:
    target = tmp_path / "search.json"
    run.ok("export", "-o", str(target))
    run.id("--workspace", "other", "org", "add", "Globex")
    assert "already holds events" in fails(
        run("--workspace", "other", "import", str(target)), REFUSED
    )
    assert run.events("other") == 1


def test_an_unclaimed_import_url_is_refused_without_showing_its_key(run: Cli) -> None:
    before = run.events()
    line = fails(run("import", "bamboohr://S3CRET-KEY@acme?contact=7"), ENVIRONMENT)
    assert "bamboohr://" in line
    assert "S3CRET-KEY" not in line
    assert run.events() == before


def test_forget_removes_the_person_from_every_later_export(run: Cli) -> None:
    result = run.ok("forget", "Dana Reyes", "--yes")
    assert "rewritten" in result.stderr
    exported = run.ok("export").stdout
    assert "Dana" not in exported
    assert "555 0101" not in exported
    assert "cycling" not in exported
    assert "Sam Ortiz" in exported


def test_forget_asks_first_and_changes_nothing_when_declined(run: Cli) -> None:
    before = run.events()
    result = run("forget", "Dana Reyes", input="n\n")
    assert result.exit_code == 130
    assert "Dana Reyes" in run.ok("export").stdout
    assert run.events() == before


def test_forget_an_unknown_person(run: Cli) -> None:
    fails(run("forget", "Nobody", "--yes"), NOT_FOUND)


def test_an_export_to_a_missing_directory_fails_without_leaving_a_file(
    run: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "search.json"
    assert "No such file or directory" in fails(run("export", "-o", str(target)), ENVIRONMENT)
    assert not target.parent.exists()


def test_an_export_replaces_an_older_file_whole(run: Cli, tmp_path: Path) -> None:
    target = tmp_path / "search.json"
    target.write_text("old content that is longer than nothing" * 1000, encoding="utf-8")
    run.ok("export", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "afterview-export"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
