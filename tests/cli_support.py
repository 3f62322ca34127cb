"""Helpers for the command-line tests: run ``afterview`` in-process against a named memory store."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from afterview import PluginManager, Workspace
from afterview.cli.main import cli

NOW = "2026-05-04T09:00:00+02:00"


class Cli:
    """``afterview --store memory://<unique> --now NOW …`` with a settings file of our own, on
    a machine set to Berlin time (NOW is a spring morning there)."""

    def __init__(self, tmp_path: Path) -> None:
        self.store = f"memory://cli-{uuid.uuid4().hex}"
        (tmp_path / "settings.toml").touch()  # AFTERVIEW_CONFIG must name a file that exists
        self.env = {
            "AFTERVIEW_CONFIG": str(tmp_path / "settings.toml"),
            "AFTERVIEW_STORE": None,
            "AFTERVIEW_WORKSPACE": None,
            "AFTERVIEW_DEBUG": None,
            "NO_COLOR": "1",
            # CliRunner's stdout is not a terminal; these tests read the tables a person sees
            # (test_cli_output.py runs the real script in a pipe and on a pseudo-terminal).
            "AFTERVIEW_FORMAT": "table",
            "COLUMNS": "200",
            "TZ": "Europe/Berlin",
        }

    def __call__(self, *args: str, input: str | None = None, now: str | None = NOW) -> Result:
        prefix = ["--store", self.store] + (["--now", now] if now else [])
        return CliRunner(env=self.env).invoke(cli, [*prefix, *args], input=input)

    def ok(self, *args: str, input: str | None = None) -> Result:
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.exit_code, result.output, result.exception)
        return result

    def id(self, *args: str) -> str:
        """Run a recording command and return the id it printed on stdout."""
        return self.ok(*args).stdout.strip()

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json").stdout)

    def events(self, workspace: str = "default") -> int:
        with Workspace.open(
            self.store, name=workspace, plugin_manager=PluginManager(load_entry_points=False)
        ) as ws:
            return len(ws.events())


def fails(result: Result, code: int) -> str:
    """Assert a one-line ``afterview: error:`` and the exit code; return the line."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("afterview: error: ")
    assert "Traceback" not in result.output
    return lines[0]
