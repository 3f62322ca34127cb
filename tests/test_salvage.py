"""One corrupt row no longer takes the whole workspace with it: a salvage export keeps every
record that can be read, names the others by position, and imports into a new workspace."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import afterview
from afterview import CorruptRecordError, PluginManager, Workspace
from afterview.serialization import export_from_json
from cli_support import fails
from conftest import T0, Clock, counting_ids


def _story(url: str, plugins: PluginManager, clock: Clock) -> None:
    with Workspace.open(
        url, name="jo", plugin_manager=plugins, clock=clock, ids=counting_ids()
    ) as ws:
        acme = ws.add_organization("Acme")  # 1
        globex = ws.add_organization("Globex")  # 2
        ws.add_contact("Dana Reyes", "interviewer", organization=acme)  # 3
        app = ws.submit_application(globex, "Analyst")  # 4
        ws.schedule_interview(app, T0)  # 5
        ws.add_contact("Kim Lo", "hr", organization=acme)  # 6


def _corrupt(path: Path, position: int, data: object) -> None:
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE events SET data = ? WHERE workspace = 'jo' AND position = ?", (data, position)
        )
    db.close()


@pytest.fixture
def broken(tmp_path: Path, plugin_manager: PluginManager, clock: Clock) -> Path:
    """A SQLite workspace whose 2nd record is not JSON and whose 6th is stored as a blob."""
    path = tmp_path / "av.sqlite"
    _story(f"sqlite:///{path}", plugin_manager, clock)
    _corrupt(path, 2, '{"type": "OrganizationAdded", "at": tru')
    _corrupt(path, 6, b"\xff\xfe not text")
    return path


def test_a_corrupt_row_blocks_export_but_a_salvage_keeps_the_rest(
    broken: Path, plugin_manager: PluginManager, clock: Clock
) -> None:
    with Workspace.open(
        f"sqlite:///{broken}", name="jo", plugin_manager=plugin_manager, clock=clock
    ) as ws:
        with pytest.raises(CorruptRecordError):
            ws.export()
        rescued = ws.salvage()
    skip = afterview.SkipReason
    assert rescued.records == 6
    assert [(s.position, s.reason) for s in rescued.skipped] == [
        (2, skip.UNREADABLE),
        # The application was at Globex, whose record was the unreadable one...
        (4, skip.DOES_NOT_FIT),
        # ... and so was the interview of that application.
        (5, skip.DOES_NOT_FIT),
        (6, skip.UNREADABLE),
    ]
    assert str(rescued.skipped[0]).startswith("event #2 is unreadable: ")
    assert [e.type for e in rescued.document.events] == ["OrganizationAdded", "ContactAdded"]
    assert not rescued.complete
    # What was kept imports cleanly into a new workspace.
    with Workspace.open("memory://", plugin_manager=plugin_manager, clock=clock) as fresh:
        assert fresh.import_export(rescued.document) == 2
        assert [p.name for p in fresh.state.people.values()] == ["Dana Reyes"]


def test_a_sound_workspace_salvages_whole(
    tmp_path: Path, plugin_manager: PluginManager, clock: Clock
) -> None:
    url = f"sqlite:///{tmp_path / 'av.sqlite'}"
    _story(url, plugin_manager, clock)
    with Workspace.open(url, name="jo", plugin_manager=plugin_manager, clock=clock) as ws:
        rescued = ws.salvage()
        assert rescued.complete
        assert rescued.document.events == ws.export().events


def test_the_cli_salvages_to_a_file_and_names_the_bad_positions(
    broken: Path, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    from afterview.cli.main import cli

    (tmp_path / "s.toml").touch()
    runner = CliRunner(env={"AFTERVIEW_CONFIG": str(tmp_path / "s.toml"), "COLUMNS": "200"})
    store = ["--store", f"sqlite:///{broken}", "--workspace", "jo"]
    status = runner.invoke(cli, [*store, "status"])
    line = fails(status, 6)
    assert "event #2 is corrupt" in line
    assert "'afterview export --salvage' saves every other record" in line
    fails(runner.invoke(cli, [*store, "export"]), 6)

    out = tmp_path / "rescued.json"
    result = runner.invoke(cli, [*store, "export", "--salvage", "-o", str(out)])
    assert result.exit_code == 0, result.output
    warnings = [w for w in result.stderr.splitlines() if w.startswith("afterview: warning:")]
    assert [w.split(" ")[3] for w in warnings] == ["#2", "#4", "#5", "#6"]
    assert "salvaged 2 event(s); 4 left out" in result.stderr
    document = export_from_json(out.read_text(encoding="utf-8"))
    assert len(document.events) == 2
    assert json.loads(out.read_text())["workspace"] == "jo"

    imported = runner.invoke(
        cli, ["--store", f"sqlite:///{broken}", "--workspace", "new", "import", str(out)]
    )
    assert imported.exit_code == 0, imported.output
    assert (
        runner.invoke(
            cli, ["--store", f"sqlite:///{broken}", "--workspace", "new", "status"]
        ).exit_code
        == 0
    )
