"""``afterview watch``: new openings at organizations whose contacts left the door open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from afterview import PluginManager, Workspace
from afterview.cli.commands.ats import COMMANDS, register
from afterview.cli.main import cli
from afterview.plugin_manager import get_plugin_manager
from cli_support import Cli
from test_watch import Board, Boards, BrokenBoard, posting


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Cli]:
    """The ``afterview`` command with ``watch`` and ``ats-import`` on it."""
    missing = [c.name for c in COMMANDS if c.name not in cli.commands]
    register(cli)
    yield Cli(tmp_path)
    for name in missing:
        assert name is not None
        cli.commands.pop(name)


@pytest.fixture
def boards() -> Iterator[Boards]:
    plugin = Boards()
    pm = get_plugin_manager()
    pm.register(plugin, name="test-cli-boards")
    yield plugin
    pm.unregister("test-cli-boards")


def seed(run: Cli, *names: str) -> None:
    with Workspace.open(run.store, plugin_manager=PluginManager(load_entry_points=False)) as ws:
        for name in names:
            org = ws.add_organization(name, board_url=f"test-board://{name}")
            app = ws.submit_application(org, "Data Analyst")
            person = ws.add_contact(f"Contact at {name}", "interviewer", organization=org)
            ws.record_follow_up_answer(app, person, "similar_role", "yes")


def test_watch_lists_new_openings_once(run: Cli, boards: Boards) -> None:
    seed(run, "Acme")
    boards.add(Board("test-board://Acme", [posting("1", "Data Analyst II")]))

    first = run.ok("watch")
    second = run.ok("watch")

    assert "Data Analyst II" in first.stdout
    assert "1 board(s) checked, 1 new opening(s)" in first.stdout
    assert "1 board(s) checked, 0 new opening(s)" in second.stdout
    assert run.events() == 5  # four recorded by seed(), one PostingSeen


def test_watch_warns_about_a_broken_board_and_checks_the_rest(run: Cli, boards: Boards) -> None:
    seed(run, "Broken", "Fine")
    boards.add(BrokenBoard("test-board://Broken"))
    boards.add(Board("test-board://Fine", [posting("1", "Data Analyst")]))

    result = run.ok("watch")

    assert "the board of Broken failed: ConnectionError: board unreachable" in result.stderr
    assert "1 board(s) checked, 1 new opening(s)" in result.stdout


def test_watch_json_reports_the_new_posting(run: Cli, boards: Boards) -> None:
    seed(run, "Acme")
    boards.add(Board("test-board://Acme", [posting("1", "Data Analyst")]))

    report = run.json("watch")

    assert [p["title"] for p in report["new"]] == ["Data Analyst"]
    assert report["failures"] == []
