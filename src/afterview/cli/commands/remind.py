"""``remind`` (deliver due reminders; made for cron), ``outbox`` (what is waiting, failed or
dead, and retrying it) and ``calendar`` (the agenda as an iCalendar file, with afterview-ics)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import click

from afterview.cli.context import CliState, choice_of, reported_here, state_of
from afterview.cli.render import (
    console,
    echo_json,
    json_option,
    moment,
    table,
    warn_rule_failures,
)
from afterview.errors import AfterviewError, PluginError
from afterview.reminders.outbox import OutboxView, outbox_view
from afterview.store import OutboxItem
from afterview.workspace import Workspace

__all__ = ["COMMANDS", "MAX_TIMEOUT", "calendar", "outbox", "remind"]

#: ``remind --all`` could not visit some workspace (a store or plugin error, as docs/cli.md's
#: code 6); the others were visited.
UNVISITED_EXIT = 6
#: The longest ``--timeout`` accepted, in seconds: a notifier that needs more is down.
MAX_TIMEOUT = 3600.0


def _finite(_ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    # FloatRange lets NaN through: every comparison with it is false.
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number of seconds", param=param)
    return value


@click.command(
    epilog="""\b
Examples:
  afterview remind
  afterview remind --notify console: --notify 'apprise:mailto://me:APP-PASSWORD@example.com'
  */15 * * * *  afterview remind      (a crontab line: every quarter hour)
  afterview --store postgresql://dispatch@db/afterview remind --all
""",
)
@click.option(
    "--notify",
    "notifiers",
    multiple=True,
    metavar="URL",
    help="A notifier URL (repeatable). Default: the workspace profile's, else 'notify' in the "
    "settings file, else console:.",
)
@click.option(
    "--max-attempts",
    type=click.IntRange(min=1),
    help="Failed attempts before a reminder is dead (default 8).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, max=MAX_TIMEOUT, min_open=True),
    callback=_finite,
    metavar="SECONDS",
    help=f"Give up on a notifier call after this long (default 30, at most {MAX_TIMEOUT:.0f}).",
)
@click.option(
    "--all",
    "every_workspace",
    is_flag=True,
    help="Every workspace of the store, in one round; run it from as many processes or "
    "machines as you like, they share the work.",
)
@click.option(
    "--full",
    is_flag=True,
    help="With --all: visit every workspace, not only those due a visit (once after changing "
    "the settings or the installed rules).",
)
def remind(
    notifiers: tuple[str, ...],
    max_attempts: int | None,
    timeout: float | None,
    every_workspace: bool,
    full: bool,
) -> None:
    """Queue the reminders due now and deliver them; print a one-line summary.

    Safe to run as often as you like: each reminder is queued once per notifier, delivered at
    least once, and retried with backoff when a notifier fails.
    """
    state = state_of()
    if every_workspace:
        _remind_all(state, notifiers, max_attempts, timeout, full)
        return
    if full:
        raise click.UsageError("--full goes with --all")
    with reported_here("afterview.reminders.dispatcher"):
        report = state.workspace().dispatch(
            state.now(),
            notifiers or None,
            max_attempts=max_attempts,
            timeout=None if timeout is None else timedelta(seconds=timeout),
        )
    warn_rule_failures(state.workspace().rule_failures)
    click.echo(f"reminders: {report}")
    for error in report.errors:
        # Why, for whoever reads cron's mail: the notifier's URL is shown masked.
        click.echo(f"afterview: warning: not delivered: {error}", err=True)


def _remind_all(
    state: CliState,
    notifiers: tuple[str, ...],
    max_attempts: int | None,
    timeout: float | None,
    full: bool,
) -> None:
    """``remind --all``: one round over the whole store (see :mod:`afterview.reminder_round`)."""
    # Loaded here: only this option needs them, and every other command starts without them.
    from afterview.plugin_manager import get_plugin_manager
    from afterview.reminder_round import remind_all
    from afterview.reminders.dispatcher import DispatchSettings

    plugins = get_plugin_manager()
    store = plugins.open_store(state.store_url or state.config.store_url)
    try:
        # The command names each workspace not visited and each failed delivery itself.
        with (
            reported_here("afterview.reminders.dispatcher"),
            reported_here("afterview.reminder_round"),
        ):
            report = remind_all(
                store,
                state.instant(),
                notifiers or None,
                settings=state.settings,
                dispatch_settings=DispatchSettings().replace(
                    max_attempts=max_attempts,
                    timeout=None if timeout is None else timedelta(seconds=timeout),
                ),
                plugin_manager=plugins,
                full=full,
            )
    finally:
        store.close()
    click.echo(f"reminders: {report}")
    for name, why in zip(report.failed, report.why, strict=True):
        # An UnclaimedURLError: a notifier its profile names that no plugin here opens.
        click.echo(f"afterview: warning: workspace {name!r} not visited: {why}", err=True)
    for error in report.dispatch.errors:
        click.echo(f"afterview: warning: not delivered: {error}", err=True)
    if report.failed:
        # For cron: a round that left someone out must not pass for a clean one. The others
        # were visited and their reminders delivered.
        click.get_current_context().exit(UNVISITED_EXIT)


def _shown_channel(ws: Workspace, channel: str) -> str:
    """The channel as its notifier shows it (secrets masked), never the raw URL."""
    try:
        return ws.plugins.open_notifier(channel).url
    except AfterviewError:
        return "(a notifier that is not installed)"


def _row(item: OutboxItem, shown: Mapping[str, str]) -> dict[str, Any]:
    return {
        "key": item.key,
        "status": outbox_view(item).value,
        "channel": shown[item.channel],
        "due": item.due,
        "attempts": item.attempts,
        "next_attempt_at": item.next_attempt_at,
        "last_error": item.last_error,
        "delivered_at": item.delivered_at,
    }


@click.command(
    epilog="""\b
Examples:
  afterview outbox --status dead
  afterview outbox --retry 'default|AV301|interview:int_1,person:per_2|2026-05-05|console:'
  afterview outbox --retry-dead
""",
)
@click.option(
    "--status",
    type=choice_of(OutboxView),
    help="Only items waiting (pending), waiting after a failure (failed), dead or delivered.",
)
@click.option("--retry", "retry_key", metavar="KEY", help="Make one item pending again.")
@click.option("--retry-dead", is_flag=True, help="Make every dead item pending again.")
@json_option
def outbox(status: str | None, retry_key: str | None, retry_dead: bool, as_json: bool) -> None:
    """List the reminders in the outbox, or retry failed and dead ones."""
    if retry_key is not None and retry_dead:
        raise click.UsageError("use --retry KEY or --retry-dead, not both")
    state = state_of()
    ws = state.workspace()
    if retry_key is not None or retry_dead:
        retried = (
            [ws.retry_reminder(retry_key, state.now())]
            if retry_key is not None
            else ws.retry_dead_reminders(state.now())
        )
        click.echo(f"{len(retried)} reminder(s) pending again; 'afterview remind' delivers them")
        return
    items = ws.outbox(status)
    # Opening a notifier can be slow (plugins import libraries, read files): once per channel,
    # not once per row, since an outbox holds many items for few channels.
    shown = {channel: _shown_channel(ws, channel) for channel in {i.channel for i in items}}
    rows = [_row(item, shown) for item in items]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("the outbox is empty" if status is None else f"no {status} reminders")
        return
    console().print(
        table(
            None,
            ["key", "status", "channel", "attempts", "next attempt", "last error"],
            (
                [
                    r["key"],
                    r["status"],
                    r["channel"],
                    r["attempts"],
                    moment(r["next_attempt_at"], state.zone) if r["next_attempt_at"] else "",
                    r["last_error"] or "",
                ]
                for r in rows
            ),
        )
    )


@click.command(
    epilog="""\b
Examples:
  afterview calendar ~/afterview.ics
  afterview calendar --todo ~/afterview-todo.ics
""",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--todo", is_flag=True, help="Write to-dos (VTODO) instead of events.")
def calendar(file: Path, todo: bool) -> None:
    """Write the agenda and stay-in-touch plans to an iCalendar FILE (needs afterview-ics).

    Subscribe to the file in your calendar application; writing it again updates the items in
    place rather than adding copies.
    """
    try:
        from afterview_ics import write_calendar  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        from afterview.cli.install_hints import plugin_install_hint

        raise PluginError(
            "the calendar command needs the afterview-ics plugin, which is not installed; "
            + plugin_install_hint("afterview-ics")
        ) from None
    state = state_of()
    report = write_calendar(state.workspace(), file, state.now(), todo=todo)
    click.echo(
        f"{file}: {report.added} added, {report.changed} changed, "
        f"{report.unchanged} unchanged, {report.removed} removed"
    )


COMMANDS = (remind, outbox, calendar)
