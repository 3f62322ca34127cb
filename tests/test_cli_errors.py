"""Bad input gets one line on stderr, a documented exit code, and nothing half-written."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from afterview.cli.main import (
    CONFLICT,
    ENVIRONMENT,
    EXIT_CODES,
    INTERNAL,
    NOT_FOUND,
    REFUSED,
    USAGE,
    cli,
    exit_code_for,
)
from afterview.errors import (
    ConcurrencyError,
    CorruptRecordError,
    DataError,
    EventRejected,
    NotFoundError,
    PluginError,
    SettingsError,
    StoreError,
    UnclaimedURLError,
)
from cli_support import Cli, fails

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    cli.id("org", "add", "Acme Analytics")
    cli.id("person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme Analytics")
    cli.id("apply", "Acme Analytics", "Data Analyst")
    return cli


BAD = [
    pytest.param(
        ("thank", "int_missing", "Dana"), NOT_FOUND, "no interview", id="unknown-interview"
    ),
    pytest.param(("thank", "Globex", "Dana"), NOT_FOUND, "no application", id="unknown-app"),
    pytest.param(
        ("feedback", "request", "Acme Analytics", "Nobody Here"),
        NOT_FOUND,
        "no person",
        id="unknown-person",
    ),
    pytest.param(("apply", "Globex", "Analyst"), NOT_FOUND, "no organization", id="unknown-org"),
    pytest.param(
        ("interview", "held", "Acme Analytics", "--latest"),
        NOT_FOUND,
        "no interview yet",
        id="no-interview-yet",
    ),
    pytest.param(
        ("feedback", "held", "Acme Analytics", "--latest"),
        NOT_FOUND,
        "no feedback request",
        id="no-request-yet",
    ),
    pytest.param(
        ("interview", "schedule", "Acme Analytics", "next tuesday"),
        USAGE,
        "ISO 8601",
        id="bad-date",
    ),
    pytest.param(("decision", "Acme Analytics", "maybe"), USAGE, "'maybe'", id="bad-choice"),
    pytest.param(
        ("feedback", "request", "Acme Analytics", "Dana"),
        REFUSED,
        "no decision yet",
        id="request-before-decision",
    ),
    pytest.param(("person", "card", "Dana"), REFUSED, "business card needs", id="empty-card"),
    pytest.param(
        ("person", "add", "Sam", "--role", "receptionist", "--email", " "),
        REFUSED,
        "business card needs",
        id="person-with-a-blank-card",
    ),
    pytest.param(
        ("stay-in-touch", "Dana", "--every", "7", "--end"),
        USAGE,
        "cannot be used together",
        id="contradictory-options",
    ),
    pytest.param(("stay-in-touch", "Dana", "--end"), REFUSED, "no stay-in-touch", id="no-plan"),
    pytest.param(("--workspace", "a b", "agenda"), REFUSED, "workspace name", id="bad-workspace"),
    pytest.param(("--store", "nosuch://x", "agenda"), ENVIRONMENT, "nosuch://", id="bad-store"),
    pytest.param(("agenda", "--bogus"), USAGE, "--bogus", id="unknown-option"),
]


@pytest.mark.parametrize(("args", "code", "says"), BAD)
def test_bad_input_is_one_line_an_exit_code_and_nothing_stored(
    run: Cli, args: tuple[str, ...], code: int, says: str
) -> None:
    before = run.events()
    line = fails(run(*args), code)
    assert says in line
    assert run.events() == before


def test_a_naive_now_is_refused_with_a_hint(run: Cli) -> None:
    line = fails(run("agenda", now="2026-05-04T09:00"), USAGE)
    assert "UTC offset" in line


def test_a_broken_settings_file_is_an_environment_error(run: Cli, tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text("[playbook]\nthank_you_days = 0\n", encoding="utf-8")
    assert "thank_you_days" in fails(run("agenda"), ENVIRONMENT)


def test_debug_adds_the_traceback(run: Cli) -> None:
    result = run("--debug", "apply", "Globex", "Analyst")
    assert result.exit_code == NOT_FOUND
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("afterview: error: no organization")


def test_a_bare_group_prints_its_help(run: Cli) -> None:
    result = run("interview")
    assert result.exit_code == USAGE
    assert "schedule" in result.stdout


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotFoundError("x"), NOT_FOUND),
        (DataError("x"), REFUSED),
        (EventRejected("T", "x"), REFUSED),
        (ConcurrencyError("w", 1, 2), CONFLICT),
        (StoreError("x"), ENVIRONMENT),
        (CorruptRecordError("w", 1, "x"), ENVIRONMENT),
        (PluginError("x"), ENVIRONMENT),
        (UnclaimedURLError("x"), ENVIRONMENT),
        (SettingsError("x"), ENVIRONMENT),
        (OSError("x"), ENVIRONMENT),
        (RuntimeError("x"), INTERNAL),
    ],
)
def test_every_error_kind_has_its_exit_code(error: BaseException, code: int) -> None:
    assert exit_code_for(error) == code


def test_the_exit_codes_are_documented() -> None:
    documented = {
        int(code): meaning
        for code, meaning in re.findall(
            r"^\| (\d+) \| (.+?) \|$", DOCS.read_text(encoding="utf-8"), re.MULTILINE
        )
    }
    assert set(documented) == set(EXIT_CODES)


def _commands(group: click.Group, prefix: str = "afterview") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_command_has_an_example_in_the_docs_and_in_its_help() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    commands = _commands(cli)
    assert len(commands) > 30
    for command in commands:
        assert f"{command} " in docs or f"{command}\n" in docs, command
        path = command.split()[1:]
        target: click.Command = cli
        for part in path:
            assert isinstance(target, click.Group)
            target = target.commands[part]
        assert "afterview" in (target.epilog or ""), command
