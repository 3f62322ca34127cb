"""Lazy command loading: ``afterview --help`` lists what loading every command module would
list, from the index and from the plugin-command cache; the cache follows what is installed."""

from __future__ import annotations

import importlib
import os
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import afterview.cli.commands
from afterview.cli.commands import INDEX
from afterview.cli.main import cli
from afterview.plugin_manager import reset_plugin_manager

SCRIPT = str(Path(sys.executable).with_name("afterview"))


@pytest.fixture(autouse=True)
def fresh_plugin_manager() -> Iterator[None]:
    """The help runs here with AFTERVIEW_PLUGINS=none; the process-wide plugin manager they
    may build must not outlive them into other modules' tests."""
    reset_plugin_manager()
    yield
    reset_plugin_manager()


def defined_commands() -> dict[str, tuple[str, click.Command]]:
    found: dict[str, tuple[str, click.Command]] = {}
    for module_info in pkgutil.iter_modules(afterview.cli.commands.__path__):
        module = importlib.import_module(f"afterview.cli.commands.{module_info.name}")
        for command in getattr(module, "COMMANDS", ()):
            assert command.name is not None
            found[command.name] = (module_info.name, command)
    return found


def test_the_index_names_every_command_its_module_and_its_help() -> None:
    defined = defined_commands()
    assert set(INDEX) == set(defined)
    for name, (module, command) in defined.items():
        assert INDEX[name] == (module, command.get_short_help_str(limit=10**6)), name


def test_help_from_the_index_is_the_help_of_the_loaded_commands() -> None:
    env = {"COLUMNS": "100", "AFTERVIEW_PLUGINS": "none"}
    lazy = CliRunner(env=env).invoke(cli, ["--help"])
    assert lazy.exit_code == 0
    ctx = click.Context(cli)
    for name in INDEX:
        cli.get_command(ctx, name)
    assert set(INDEX) <= set(cli.commands)
    loaded = CliRunner(env=env).invoke(cli, ["--help"])
    assert lazy.stdout == loaded.stdout


def run_help(cache: Path, **env: str) -> str:
    result = subprocess.run(
        [SCRIPT, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache), **env},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_plugin_commands_are_listed_from_a_cache_that_follows_the_installation(
    tmp_path: Path,
) -> None:
    assert "invitation" in run_help(tmp_path)
    (written,) = (tmp_path / "afterview").glob("plugin-commands-*.json")
    assert "invitation" in written.read_text()
    assert written.stat().st_mode & 0o777 == 0o600
    assert "invitation" in run_help(tmp_path)
    # Turning the plugin off changes the key: the listing follows at once.
    assert "invitation" not in run_help(tmp_path, AFTERVIEW_DISABLE_PLUGINS="ics")
    assert "invitation" in run_help(tmp_path)


def test_an_unreadable_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    run_help(tmp_path)
    (written,) = (tmp_path / "afterview").glob("plugin-commands-*.json")
    written.write_text("{not json")
    assert "invitation" in run_help(tmp_path)
    assert written.read_text().startswith("{")
    assert "invitation" in written.read_text()
