"""The agenda kept between runs (afterview.cli.kept_agenda): printed only while it is still the
agenda, and then exactly as a freshly worked-out one.

Every invalidation is checked through the installed ``afterview`` script against a real SQLite
file. Whether a run printed the kept agenda is read from the store: a run that works the agenda
out keeps it again, sealed with a fresh nonce, so its row changes; a run that prints the kept one
leaves the row as it was.
"""

from __future__ import annotations

import contextlib
import io
import marshal
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

import click
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview import PluginManager, Workspace
from afterview import events as ev
from afterview.cli import kept_agenda
from afterview.cli.main import cli
from afterview.demo import record_demo
from afterview.playbook.agenda import next_wake
from afterview.sealing import KeyCache, seal_bytes

SCRIPT = str(Path(sys.executable).with_name("afterview"))
NOW = datetime(2026, 5, 4, 9, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def environment(tmp_path: Path) -> dict[str, str]:
    settings_file = tmp_path / "settings.toml"
    settings_file.touch()
    env = {
        **os.environ,
        "AFTERVIEW_CONFIG": str(settings_file),
        "TZ": "UTC",
        "NO_COLOR": "1",
        "COLUMNS": "200",
    }
    for name in (
        "AFTERVIEW_STORE",
        "AFTERVIEW_WORKSPACE",
        "AFTERVIEW_DEBUG",
        "AFTERVIEW_FORMAT",
        "AFTERVIEW_PLUGINS",
        "AFTERVIEW_DISABLE_PLUGINS",
        kept_agenda.SWITCH,
    ):
        env.pop(name, None)
    return env


def demo_store(path: Path, *workspaces: str) -> str:
    url = f"sqlite:///{path}"
    for name in workspaces:
        with Workspace.open(
            url, name=name, plugin_manager=PluginManager(load_entry_points=False)
        ) as ws:
            record_demo(ws, NOW)
    return url


class Afterview:
    """The ``afterview`` script on a SQLite file holding the demo story in ``default``."""

    def __init__(self, tmp_path: Path) -> None:
        self.db = tmp_path / "a.sqlite"
        self.url = demo_store(self.db, "default")
        self.env = environment(tmp_path)
        self.settings = Path(self.env["AFTERVIEW_CONFIG"])

    def run(
        self, *args: str, now: datetime | None = NOW, **env: str
    ) -> subprocess.CompletedProcess[str]:
        moment = ["--now", iso(now)] if now is not None else []
        return subprocess.run(
            [SCRIPT, "--store", self.url, *moment, *args],
            capture_output=True,
            text=True,
            env={**self.env, **env},
            check=False,
        )

    def ok(self, *args: str, now: datetime | None = NOW, **env: str) -> str:
        result = self.run(*args, now=now, **env)
        assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
        return result.stdout

    def agenda(self, *args: str, now: datetime = NOW, **env: str) -> str:
        """``afterview [--timezone ZONE] agenda [ARGS]``: a zone goes before the command."""
        zone = list(args[:2]) if args[:1] == ("--timezone",) else []
        result = self.run(*zone, "agenda", *args[len(zone) :], now=now, **env)
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        return result.stdout

    def fresh(self, *args: str, now: datetime = NOW, **env: str) -> str:
        """The agenda worked out, nothing kept read or written."""
        return self.agenda(*args, now=now, **{kept_agenda.SWITCH: "0", **env})

    def kept(self, workspace: str = "default") -> bytes | None:
        with contextlib.closing(sqlite3.connect(self.db)) as conn:
            row = conn.execute(
                "SELECT data FROM kept_agendas WHERE workspace = ?", (workspace,)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def served(self, *args: str, now: datetime = NOW, **env: str) -> str:
        """The agenda, asserting it was the kept one."""
        before = self.kept()
        assert before is not None
        out = self.agenda(*args, now=now, **env)
        assert self.kept() == before, "worked out again"
        return out

    def worked_out(self, *args: str, now: datetime = NOW, **env: str) -> str:
        """The agenda, asserting it was worked out again (and kept anew)."""
        before = self.kept()
        out = self.agenda(*args, now=now, **env)
        after = self.kept()
        assert after is not None
        assert after != before, "printed from the kept one"
        return out


@pytest.fixture
def afterview(tmp_path: Path) -> Afterview:
    return Afterview(tmp_path)


def test_the_second_run_prints_the_kept_agenda_as_a_fresh_one_would_in_every_format(
    afterview: Afterview,
) -> None:
    first = afterview.worked_out()
    assert "AV" in first
    assert afterview.served() == first == afterview.fresh()
    for args in (("--json",), ("--limit", "2"), ("--limit=3", "--json")):
        assert afterview.served(*args) == afterview.fresh(*args)
    table = {"AFTERVIEW_FORMAT": "table"}
    assert afterview.served(**table) == afterview.fresh(**table)
    later = NOW + timedelta(hours=1)  # the "when" column is worked out at each run
    assert afterview.served(now=later) == afterview.fresh(now=later)


def test_under_python_m_beside_the_store_the_kept_agenda_is_read(afterview: Afterview) -> None:
    # The working directory is then on sys.path, and the store's write-ahead log, made and
    # removed at each run, changes its modification time.
    command = [sys.executable, "-m", "afterview.cli", "--store", afterview.url, "--now", iso(NOW)]

    def run() -> str:
        return subprocess.run(
            [*command, "agenda"],
            capture_output=True,
            text=True,
            env=afterview.env,
            cwd=afterview.db.parent,
            check=True,
        ).stdout

    first = run()
    kept = afterview.kept()
    assert run() == first
    assert afterview.kept() == kept


def test_on_the_clock_the_kept_agenda_is_read_until_its_wake(afterview: Afterview) -> None:
    first = afterview.run("agenda", now=None)
    assert first.returncode == 0
    kept = afterview.kept()
    assert kept is not None
    again = afterview.run("agenda", now=None)
    assert again.returncode == 0
    assert again.stdout
    assert afterview.kept() == kept


def test_an_append_by_another_command_is_seen(afterview: Afterview) -> None:
    afterview.agenda()
    afterview.ok("action", "add", "skill_plan", "Learn window functions", "--due", "2026-05-06")
    out = afterview.worked_out()
    assert "Learn window functions" in out
    assert out == afterview.fresh()


def test_an_append_by_another_process_is_seen(afterview: Afterview) -> None:
    afterview.agenda()
    with Workspace.open(afterview.url, plugin_manager=PluginManager(load_entry_points=False)) as ws:
        ws.record(ev.OrganizationAdded(at=NOW, organization_id="org_new", name="Zeta Labs"))
    assert afterview.worked_out() == afterview.fresh()
    afterview.served()


def test_a_moment_past_the_wake_or_before_the_kept_one_works_it_out_again(
    afterview: Afterview,
) -> None:
    with Workspace.open(afterview.url) as ws:  # every installed plugin's rules, as the script
        wake = next_wake(ws.state, NOW, ws.settings, ws.rules)
    assert wake is not None
    assert wake > NOW + timedelta(seconds=2)
    afterview.agenda()
    # --now is given to the second here; a wake may fall a microsecond after one.
    just_before = wake.replace(microsecond=0) - timedelta(seconds=1)
    woken = wake if not wake.microsecond else just_before + timedelta(seconds=2)
    assert afterview.served(now=just_before) == afterview.fresh(now=just_before)
    assert afterview.worked_out(now=woken) == afterview.fresh(now=woken)
    assert afterview.worked_out(now=NOW) == afterview.fresh(now=NOW)  # before the kept moment


def test_a_change_to_the_settings_file_works_it_out_again(afterview: Afterview) -> None:
    first = afterview.agenda()
    code = first.splitlines()[0].split("\t")[3]
    afterview.settings.write_text("# a comment changes nothing but the bytes\n")
    assert afterview.worked_out() == first
    afterview.settings.write_text(f'[playbook]\nignore = ["{code}"]\n')
    out = afterview.worked_out()
    assert f"\t{code}\t" not in out
    assert out == afterview.fresh()


def test_another_time_zone_works_it_out_again(afterview: Afterview) -> None:
    first = afterview.agenda()
    tokyo = afterview.worked_out("--timezone", "Asia/Tokyo")
    assert tokyo != first
    assert tokyo == afterview.fresh("--timezone", "Asia/Tokyo")
    assert afterview.served("--timezone", "Asia/Tokyo") == tokyo
    assert afterview.worked_out(TZ="America/New_York") == afterview.fresh(TZ="America/New_York")


def test_a_plugin_disabled_or_chosen_works_it_out_again(afterview: Afterview) -> None:
    afterview.agenda()
    disabled = {"AFTERVIEW_DISABLE_PLUGINS": "ics"}
    assert afterview.worked_out(**disabled) == afterview.fresh(**disabled)
    afterview.served(**disabled)
    assert afterview.worked_out() == afterview.fresh()  # enabled again
    chosen = {"AFTERVIEW_PLUGINS": "apprise"}
    assert afterview.worked_out(**chosen) == afterview.fresh(**chosen)


def test_forget_removes_the_kept_agenda_and_destroys_its_key(afterview: Afterview) -> None:
    with Workspace.open(afterview.url, plugin_manager=PluginManager(load_entry_points=False)) as ws:
        person = next(p for p in ws.state.people.values() if p.name in afterview.agenda())
    kept = afterview.kept()
    assert kept is not None
    afterview.ok("forget", person.name, "--yes")
    assert afterview.kept() is None
    files = [afterview.db, afterview.db.with_name(afterview.db.name + "-wal")]
    assert not any(kept in f.read_bytes() for f in files if f.exists())
    out = afterview.worked_out()
    assert person.name not in out
    assert out == afterview.fresh()


def test_a_kept_agenda_that_does_not_read_is_worked_out_again(afterview: Afterview) -> None:
    first = afterview.agenda()
    with contextlib.closing(sqlite3.connect(afterview.db)) as conn, conn:
        conn.execute("UPDATE kept_agendas SET data = ?", (b"\x00" * 64,))
    assert afterview.worked_out() == first


def test_another_workspaces_kept_agenda_is_not_read(tmp_path: Path) -> None:
    afterview = Afterview(tmp_path)
    demo_store(afterview.db, "other")  # the same story: the same log version
    afterview.agenda()
    other = afterview.ok("--workspace", "other", "agenda")
    with contextlib.closing(sqlite3.connect(afterview.db)) as conn, conn:
        conn.execute(
            "UPDATE kept_agendas SET data = (SELECT data FROM kept_agendas WHERE workspace = "
            "'default') WHERE workspace = 'other'"
        )
    moved = afterview.kept("other")
    assert afterview.ok("--workspace", "other", "agenda") == other
    assert afterview.kept("other") != moved  # refused, worked out and kept again


def test_a_kept_agenda_of_another_format_is_not_read(afterview: Afterview) -> None:
    first = afterview.agenda()
    with Workspace.open(afterview.url, plugin_manager=PluginManager(load_entry_points=False)) as ws:
        handle = ws.sealed_outbox().inner
        version = ws.state.version
        sealed = seal_bytes(
            marshal.dumps((kept_agenda.FORMAT + 1, "?")),
            kept_agenda.SUBJECT,
            KeyCache(handle),  # type: ignore[arg-type]
            "default",
            kept_agenda.FIELD,
        )
    with contextlib.closing(sqlite3.connect(afterview.db)) as conn, conn:
        conn.execute("UPDATE kept_agendas SET data = ?, version = ?", (sealed, version))
    assert afterview.worked_out() == first


def test_turned_off_nothing_is_kept(afterview: Afterview) -> None:
    afterview.fresh()
    assert afterview.kept() is None


def test_a_run_that_warned_keeps_nothing(afterview: Afterview) -> None:
    afterview.settings.write_text('[playbook]\nignore = ["AV999"]\n')  # names no rule
    result = afterview.run("agenda")
    assert result.returncode == 0
    assert "names no rule" in result.stderr
    assert afterview.kept() is None
    assert "names no rule" in afterview.run("agenda").stderr  # warned again


def test_other_command_lines_are_left_to_click(afterview: Afterview) -> None:
    afterview.agenda()
    for args in (("agenda", "--until", "2026-06-01"), ("agenda", "--app", "Lindqvist Health")):
        before = afterview.kept()
        afterview.ok(*args)
        assert afterview.kept() != before  # worked out (and kept for the next plain run)
    usage = afterview.run("agenda", "--limit", "0")
    assert usage.returncode == 2
    assert usage.stderr.startswith("afterview: error: ")


TOKENS = (
    "agenda", "agenda", "--json", "--limit", "3", "0", "+2", "٣", "--limit=2", "--store",
    "sqlite:////x.sqlite", "--store=sqlite:////y", "--workspace", "w", "--workspace=agenda",
    "--now", "2026-05-04T09:00Z", "2026-05-04", "2026-05-04T09:00", "--now=2026-05-04T11:00+02:00",
    "--timezone", "UTC", "--format", "plain", "TABLE", " table", "--format=Plain", "--debug",
    "--until", "2026-06-01", "--app", "extra", "-h", "--help", "status", "--", "--json=1",
)  # fmt: skip


def _click_reads(argv: list[str]) -> tuple[object, ...] | None:
    """What click makes of ``afterview ARGV``: the root's options, the command and its own."""
    try:
        with cli.make_context("afterview", list(argv)) as ctx:
            rest = [*getattr(ctx, "_protected_args", ()), *ctx.args]
            name, command, args = cli.resolve_command(ctx, rest)
            assert command is not None
            with command.make_context(name, args, parent=ctx) as sub:
                return (ctx.params, name, sub.params)
    except (click.exceptions.ClickException, click.exceptions.Exit):
        return None


GLOBAL = (
    "--store sqlite:////x.sqlite", "--store=sqlite:////y", "--workspace w", "--workspace agenda",
    "--now 2026-05-04T09:00Z", "--now 2026-05-04", "--now=2026-05-04T11:00+02:00",
    "--timezone UTC", "--format plain", "--format TABLE", "--format= table", "--debug", "--json",
)  # fmt: skip
OWN = ("--json", "--limit 3", "--limit 0", "--limit=2", "--limit ٣", "--until 2026-06-01", "-h")
COMMAND_LINES = st.lists(st.sampled_from(TOKENS), max_size=7) | st.builds(
    lambda before, own: [w for o in [*before, "agenda", *own] for w in o.split(" ")],
    st.lists(st.sampled_from(GLOBAL), max_size=4),
    st.lists(st.sampled_from(OWN), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(argv=COMMAND_LINES, variable=st.sampled_from(["", "w2"]))
def test_a_command_line_is_read_as_click_reads_it_or_left_to_click(
    argv: list[str], variable: str
) -> None:
    env = {"AFTERVIEW_WORKSPACE": variable}
    with mock.patch.dict(os.environ, env):
        request = kept_agenda._request(argv, env)
        if request is None:
            return
        store, workspace, now, timezone, chosen, as_json, limit = request
        read = _click_reads(argv)
    assert read is not None, argv
    root, name, own = read
    assert name == "agenda"
    assert root == {
        "store_url": store,
        "workspace_name": workspace,
        "fixed_now": now,
        "timezone": timezone,
        "output_format": chosen,
        "debug": "--debug" in argv,
    }
    assert own == {"limit": limit, "until": None, "application": None, "as_json": as_json}


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "in 0m"),
        (59, "in 0m"),
        (3599, "in 59m"),
        (3600, "in 1h"),
        (86399, "in 23h"),
        (86400, "in 1d"),
        (-1, "overdue 0m"),
        (-7200, "overdue 2h"),
        (-3 * 86400 - 5, "overdue 3d"),
    ],
)
def test_the_when_column_counts_whole_minutes_hours_or_days(seconds: int, shown: str) -> None:
    now = datetime(2026, 5, 4, 9, tzinfo=UTC)
    assert kept_agenda.relative(now + timedelta(seconds=seconds), now) == shown


# --- equivalence: the kept agenda prints what a freshly worked-out one would ----------------------


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    tmp_path = tmp_path_factory.mktemp("kept")
    url = demo_store(tmp_path / "a.sqlite", "default")
    env = environment(tmp_path)
    return url, env


def _invoke(url: str, env: dict[str, str], argv: list[str]) -> str:
    result = CliRunner(env=env).invoke(cli, ["--store", url, *argv])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@settings(max_examples=30, deadline=None)
@given(
    start=st.integers(0, 90 * 86400),
    delay=st.integers(0, 30 * 86400) | st.just(0),
    as_json=st.booleans(),
    limit=st.none() | st.integers(1, 6),
    output=st.sampled_from(["plain", "table"]),
    zone=st.sampled_from([None, "Asia/Tokyo", "America/Los_Angeles"]),
)
def test_a_kept_agenda_prints_exactly_what_a_fresh_one_would(  # noqa: PLR0917 - hypothesis
    shared: tuple[str, dict[str, str]],
    start: int,
    delay: int,
    as_json: bool,
    limit: int | None,
    output: str,
    zone: str | None,
) -> None:
    url, env = shared
    kept_at = NOW + timedelta(seconds=start)
    asked_at = kept_at + timedelta(seconds=delay)
    options = ["--format", output] + (["--timezone", zone] if zone else [])
    command = ["agenda"] + (["--json"] if as_json else []) + (["--limit", str(limit)] * bool(limit))
    with mock.patch.dict(os.environ, env, clear=True):
        _invoke(url, env, [*options, "--now", iso(kept_at), "agenda"])  # worked out and kept
        argv = [*options, "--now", iso(asked_at), *command]
        fresh = _invoke(url, {**env, kept_agenda.SWITCH: "0"}, argv)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            served = kept_agenda.print_kept(["--store", url, *argv], os.environ)
    if delay == 0:
        assert served  # nothing can have changed
    if served:
        assert printed.getvalue() == fresh
