"""``afterview remind``, ``outbox`` and ``calendar`` as a person (or cron) runs them."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from afterview import (
    NotFoundError,
    Notification,
    PluginManager,
    Settings,
    UnclaimedURLError,
    Workspace,
    hookimpl,
)
from afterview.cli.commands.remind import COMMANDS
from afterview.cli.context import NOW, CliState
from conftest import T0, Clock

SECRET = "s3cret-t0ken"
MORNING_AFTER = "2026-05-05T09:00:00+00:00"


@click.group()
@click.option("--store", "store_url")
@click.option("--now", "fixed_now", type=NOW)
@click.pass_context
def root(ctx: click.Context, store_url: str, fixed_now: datetime | None) -> None:
    """The global options the ``afterview`` group gives every command."""
    state = ctx.ensure_object(CliState)
    state.store_url = store_url
    state.fixed_now = fixed_now
    ctx.call_on_close(state.close)


for _command in COMMANDS:
    root.add_command(_command)


class Run:
    def __init__(self, tmp_path: Path) -> None:
        self.store = f"memory://remind-{uuid.uuid4().hex}"
        settings = tmp_path / "settings.toml"
        settings.write_text('[playbook]\nselect = ["AV301"]\n', encoding="utf-8")
        self.env = {"AFTERVIEW_CONFIG": str(settings), "NO_COLOR": "1", "COLUMNS": "250"}

    def __call__(self, *args: str, now: str = MORNING_AFTER) -> Result:
        return CliRunner(env=self.env).invoke(
            root, ["--store", self.store, "--now", now, *args], catch_exceptions=True
        )


@pytest.fixture
def run(tmp_path: Path) -> Run:
    runner = Run(tmp_path)
    with Workspace.open(runner.store, plugin_manager=PluginManager(load_entry_points=False)) as ws:
        org = ws.add_organization("Acme Analytics", at=T0)
        app = ws.submit_application(org, "Data Analyst", at=T0)
        dana = ws.add_contact("Dana Reyes", "interviewer", organization=org, at=T0)
        interview = ws.schedule_interview(app, T0, interviewers=[dana], at=T0)
        ws.record_interview_held(interview, at=T0)
    return runner


def test_remind_prints_due_reminders_and_a_one_line_summary(run: Run) -> None:
    first = run("remind", "--notify", "console:")
    second = run("remind", "--notify", "console:")

    assert first.exit_code == 0, first.output
    assert first.output == (
        "[default] AV301 thank-everyone-met: due 2026-05-05 23:59\n"
        "    Send a thank-you note to Dana Reyes (interviewer)\n"
        "reminders: 1 queued, 1 delivered, 0 failed, 0 dead\n"
    )
    assert second.output == "reminders: 0 queued, 0 delivered, 0 failed, 0 dead\n"


def test_remind_delivers_to_the_console_when_no_notifier_is_configured(run: Run) -> None:
    result = run("remind")

    assert result.exit_code == 0, result.output
    assert "Send a thank-you note to Dana Reyes" in result.output
    assert result.output.endswith("reminders: 1 queued, 1 delivered, 0 failed, 0 dead\n")


def test_a_failing_notifier_shows_in_the_outbox_with_its_secret_masked(run: Run) -> None:
    # Nothing listens on port 1 of 127.0.0.1: the connection is refused at once.
    url = f"apprise:json://jo:{SECRET}@127.0.0.1:1/"

    reminded = run("remind", "--notify", url)
    listed = run("outbox", "--status", "failed", "--json")

    assert reminded.stdout == "reminders: 1 queued, 0 delivered, 1 failed, 0 dead\n"
    (row,) = json.loads(listed.output)
    assert row["status"] == "failed"
    assert row["attempts"] == 1
    assert row["channel"].startswith("apprise:json://***@")
    # Why it failed, in the outbox and on remind's stderr for cron's mail, once each.
    assert row["last_error"].endswith("(Connection refused)")
    assert reminded.stderr == f"afterview: warning: not delivered: {row['last_error']}\n"
    assert SECRET not in reminded.output + listed.output


def test_dead_reminders_are_listed_and_retried(run: Run) -> None:
    url = "apprise:json://127.0.0.1:1/"
    run("remind", "--notify", url, "--max-attempts", "1")

    listed = run("outbox", "--status", "dead")
    retried = run("outbox", "--retry-dead")
    pending = run("outbox", "--status", "dead")

    assert "dead" in listed.output
    assert "default|AV301|" in listed.output
    assert retried.output == "1 reminder(s) pending again; 'afterview remind' delivers them\n"
    assert pending.output == "no dead reminders\n"
    # Pending, as the message says; the reason it failed before is still there to read.
    (row,) = json.loads(run("outbox", "--json").output)
    assert (row["status"], row["attempts"]) == ("pending", 0)
    assert "Connection refused" in row["last_error"]
    assert "default|AV301|" in run("outbox", "--status", "pending").output
    assert run("outbox", "--status", "failed").output == "no failed reminders\n"


def test_one_reminder_is_retried_by_its_key(run: Run) -> None:
    run("remind", "--notify", "apprise:json://127.0.0.1:1/", "--max-attempts", "1")
    (row,) = json.loads(run("outbox", "--json").output)

    retried = run("outbox", "--retry", row["key"])

    assert retried.exit_code == 0, retried.output
    assert json.loads(run("outbox", "--json").output)[0]["attempts"] == 0


def test_retrying_an_unknown_key_is_not_found(run: Run) -> None:
    result = run("outbox", "--retry", "default|AV999|nothing")

    assert isinstance(result.exception, NotFoundError)


def test_retry_and_retry_dead_together_is_a_usage_error(run: Run) -> None:
    result = run("outbox", "--retry", "k", "--retry-dead")

    assert result.exit_code == 2
    assert "use --retry KEY or --retry-dead, not both" in result.output


def test_an_unknown_notifier_url_queues_nothing(run: Run) -> None:
    result = run("remind", "--notify", "pager:now")

    assert isinstance(result.exception, UnclaimedURLError)
    assert run("outbox").output == "the outbox is empty\n"


def test_calendar_writes_the_agenda_to_an_ics_file(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "afterview.ics"

    first = run("calendar", str(path))
    again = run("calendar", str(path))

    assert first.output == f"{path}: 1 added, 0 changed, 0 unchanged, 0 removed\n"
    assert again.output == f"{path}: 0 added, 0 changed, 1 unchanged, 0 removed\n"
    assert b"SUMMARY:Send a thank-you note to Dana Reyes (interviewer)" in path.read_bytes()


class CountingNotifiers:
    """Claims ``count:`` URLs with notifiers that refuse every delivery; counts each opening."""

    def __init__(self) -> None:
        self.opened: dict[str, int] = {}

    @hookimpl
    def afterview_open_notifier(self, url: str) -> CountingNotifier | None:
        if not url.startswith("count:"):
            return None
        self.opened[url] = self.opened.get(url, 0) + 1
        return CountingNotifier(url)


class CountingNotifier:
    def __init__(self, url: str) -> None:
        self._url = url

    @property
    def url(self) -> str:
        return self._url.replace(SECRET, "***")

    def notify(self, notification: Notification) -> bool:
        return False


def test_listing_the_outbox_opens_each_channel_once(clock: Clock) -> None:
    plugins = PluginManager(load_entry_points=False)
    counting = CountingNotifiers()
    plugins.register(counting, name="counting")
    ws = Workspace.open(
        f"memory://outbox-{uuid.uuid4().hex}",
        plugin_manager=plugins,
        settings=Settings(select=("AV301",)),
        clock=clock,
    )
    org = ws.add_organization("Acme Analytics", at=T0)
    app = ws.submit_application(org, "Data Analyst", at=T0)
    met = [ws.add_contact(f"Person {n}", "interviewer", organization=org, at=T0) for n in range(6)]
    interview = ws.schedule_interview(app, T0, interviewers=met, at=T0)
    ws.record_interview_held(interview, at=T0)
    channels = (f"count:alerts?token={SECRET}", "count:desk")
    ws.dispatch(datetime.fromisoformat(MORNING_AFTER), channels)
    counting.opened.clear()

    result = CliRunner(env={"NO_COLOR": "1"}).invoke(
        root, ["--now", MORNING_AFTER, "outbox", "--json"], obj=CliState(_workspace=ws)
    )

    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 12  # six people thanked, on two channels
    assert sorted({r["channel"] for r in rows}) == ["count:alerts?token=***", "count:desk"]
    assert counting.opened == dict.fromkeys(channels, 1)
    assert SECRET not in result.output


def test_remind_all_reminds_every_workspace_in_one_round_then_visits_none(run: Run) -> None:
    with Workspace.open(
        run.store, name="ben", plugin_manager=PluginManager(load_entry_points=False)
    ) as ws:
        org = ws.add_organization("Contoso", at=T0)
        app = ws.submit_application(org, "Planner", at=T0)
        sam = ws.add_contact("Sam Rivera", "interviewer", organization=org, at=T0)
        interview = ws.schedule_interview(app, T0, interviewers=[sam], at=T0)
        ws.record_interview_held(interview, at=T0)

    first = run("remind", "--all", "--notify", "console:")
    second = run("remind", "--all", "--notify", "console:")

    assert first.exit_code == 0, first.output
    assert "[ben] AV301 thank-everyone-met: due 2026-05-05 23:59" in first.output
    assert "[default] AV301 thank-everyone-met: due 2026-05-05 23:59" in first.output
    assert first.output.endswith(
        "reminders: 2 workspace(s) visited, 2 queued, 2 delivered, 0 failed, 0 dead\n"
    )
    assert second.output == (
        "reminders: 0 workspace(s) visited, 0 queued, 0 delivered, 0 failed, 0 dead\n"
    )


def test_remind_all_full_visits_every_workspace_even_when_none_is_due(run: Run) -> None:
    run("remind", "--all", "--notify", "console:")

    full = run("remind", "--all", "--full", "--notify", "console:")
    alone = run("remind", "--full", "--notify", "console:")

    assert full.exit_code == 0, full.output
    assert full.output == (
        "reminders: 1 workspace(s) visited, 0 queued, 0 delivered, 0 failed, 0 dead\n"
    )
    assert alone.exit_code == 2
    assert "--full goes with --all" in alone.output


def test_remind_all_on_a_store_scoped_to_other_workspaces_opens_no_default_one(run: Run) -> None:
    with Workspace.open(
        run.store, name="ben", plugin_manager=PluginManager(load_entry_points=False)
    ) as ws:
        org = ws.add_organization("Contoso", at=T0)
        app = ws.submit_application(org, "Planner", at=T0)
        sam = ws.add_contact("Sam Rivera", "interviewer", organization=org, at=T0)
        interview = ws.schedule_interview(app, T0, interviewers=[sam], at=T0)
        ws.record_interview_held(interview, at=T0)
    scoped = f"{run.store}?workspaces=ben,cy"  # two: no one workspace the scope stands for

    result = CliRunner(env=run.env).invoke(
        root,
        ["--store", scoped, "--now", MORNING_AFTER, "remind", "--all", "--notify", "console:"],
        catch_exceptions=True,
    )

    assert result.exit_code == 0, result.output
    assert "[ben] AV301 thank-everyone-met" in result.output
    assert result.output.endswith(
        "1 workspace(s) visited, 1 queued, 1 delivered, 0 failed, 0 dead\n"
    )
