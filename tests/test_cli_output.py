"""Tables on a terminal, whole tab-separated rows in a pipe: the installed ``afterview`` script
run as a real process, its stdout a pipe or a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

NOW = "2026-05-04T09:00:00+02:00"
SCRIPT = str(Path(sys.executable).with_name("afterview"))
#: Longer than any terminal column: a box table would fold or cut it.
LONG_NAME = "Very long organization name that goes well past eighty columns of a terminal\tInc"
BOX = set("│┃━─┏┡└╇")


class Afterview:
    def __init__(self, tmp_path: Path) -> None:
        (tmp_path / "settings.toml").write_text("")  # a settings file named must exist
        self.env = {
            **os.environ,
            "AFTERVIEW_STORE": f"sqlite:///{tmp_path / 'afterview.sqlite'}",
            "AFTERVIEW_CONFIG": str(tmp_path / "settings.toml"),
            "AFTERVIEW_WORKSPACE": "demo",
            "COLUMNS": "80",
            "TZ": "Europe/Berlin",
        }
        for name in ("AFTERVIEW_DEBUG", "AFTERVIEW_FORMAT", "NO_COLOR", "FORCE_COLOR"):
            self.env.pop(name, None)

    def piped(self, *args: str, **env: str) -> str:
        result = subprocess.run(
            [SCRIPT, "--now", NOW, *args],
            capture_output=True,
            text=True,
            env={**self.env, **env},
            check=False,
        )
        assert result.returncode == 0, (result.returncode, result.stderr)
        return result.stdout

    def on_terminal(self, *args: str) -> str:
        """Run with stdout (and stderr) a pseudo-terminal; what it printed there."""
        controller, terminal = pty.openpty()
        process = subprocess.Popen(
            [SCRIPT, "--now", NOW, *args],
            stdin=subprocess.DEVNULL,
            stdout=terminal,
            stderr=terminal,
            env=self.env,
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(controller)
        assert process.wait(timeout=60) == 0
        return b"".join(chunks).decode()


@pytest.fixture(scope="module")
def afterview(tmp_path_factory: pytest.TempPathFactory) -> Afterview:
    run = Afterview(tmp_path_factory.mktemp("output"))
    run.piped("demo")
    run.piped("org", "add", LONG_NAME)
    run.piped("remind", "--notify", "console:")
    return run


def rows(output: str, columns: int) -> list[list[str]]:
    """Every line of ``output`` split at tabs, each with exactly ``columns`` cells."""
    assert output.endswith("\n")
    assert not BOX & set(output), output
    assert "\x1b" not in output  # no colour
    lines = [line.split("\t") for line in output.splitlines()]
    assert lines
    assert all(len(cells) == columns for cells in lines), lines
    return lines


#: Every table command: its words, its columns, and a whole value one of its rows must hold.
TABLES = {
    "agenda": (
        ("agenda",),
        5,
        "Elena Sorensen thinks other roles at Lindqvist Health could suit you: ask which ones, "
        "and whom to talk to there, then plan your application as an action (kind "
        "apply_other_role)",
    ),
    "org list": (("org", "list"), 3, LONG_NAME.replace("\t", "\\x09")),
    "person list": (("person", "list"), 6, "Harbor & Finch Logistics"),
    "rules": (("rules",), 6, "research-the-interviewers"),
    "plugins": (("plugins",), 7, "job board: greenhouse-board://, importer: greenhouse://"),
    "outbox": (
        ("outbox",),
        6,
        "demo|AV607|application:",  # the start of a key; the whole key is checked below
    ),
}


@pytest.mark.parametrize("name", TABLES)
def test_a_table_in_a_pipe_is_whole_tab_separated_rows(afterview: Afterview, name: str) -> None:
    words, columns, value = TABLES[name]
    found = rows(afterview.piped(*words), columns)
    assert any(cell.startswith(value) for row in found for cell in row), found


def test_an_outbox_key_in_a_pipe_is_whole_and_retries(afterview: Afterview) -> None:
    (key, status, channel, *_), *_ = rows(afterview.piped("outbox"), 6)
    assert (status, channel) == ("delivered", "console:")
    assert key.startswith("demo|AV607|application:app_")
    assert key.endswith("|console:")
    assert "reminder(s) pending again" in afterview.piped("outbox", "--retry", key)


def test_insights_in_a_pipe_are_rows_of_numbers_without_bars(afterview: Afterview) -> None:
    output = afterview.piped("insights")
    assert "█" not in output
    assert "applied\t3\n" in output
    assert not BOX & set(output)


def test_format_table_draws_tables_in_a_pipe_and_plain_prints_rows(afterview: Afterview) -> None:
    assert "┃" in afterview.piped("--format", "table", "agenda")
    assert "┃" in afterview.piped("agenda", AFTERVIEW_FORMAT="table")
    rows(afterview.piped("agenda", AFTERVIEW_FORMAT="plain"), 5)


def test_a_reader_that_leaves_early_ends_the_command_quietly(afterview: Afterview) -> None:
    process = subprocess.Popen(
        [SCRIPT, "--now", NOW, "rules"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=afterview.env,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # as `afterview rules | head -0` would
    with process.stderr:
        assert process.stderr.read() == b""
    assert process.wait(timeout=60) == 141


@pytest.mark.parametrize("name", ["agenda", "org list", "rules"])
def test_a_table_on_a_terminal_stays_a_table(afterview: Afterview, name: str) -> None:
    words, _, _ = TABLES[name]
    output = afterview.on_terminal(*words)
    assert "┃" in output
    assert "━" in output
    assert "\t" not in output


def test_an_id_in_a_pipe_is_printed_alone(afterview: Afterview) -> None:
    assert afterview.piped("org", "add", "Single Value Ltd").startswith("org_")
    assert afterview.piped("org", "add", "Another Value Ltd").count("\n") == 1
