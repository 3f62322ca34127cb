"""``action`` (what you will change or learn), ``touch`` and ``stay-in-touch``."""

from __future__ import annotations

from datetime import datetime

import click

from afterview.cli.commands.records import print_listing
from afterview.cli.context import DATE, DUE, check_not_future, choice_of, state_of
from afterview.cli.render import json_option, recorded
from afterview.model import ActionKind, Channel

__all__ = ["COMMANDS"]

at_option = click.option("--at", type=DATE, help="When it happened (default: now).")


@click.group()
def action() -> None:
    """Actions: behaviour changes, learning plans, applications to other roles."""


@action.command(
    "add",
    epilog="""\b
Example:
  afterview action add skill_plan "Finish an SQL reporting course" --due 2026-06-15 \\
      --feedback fbk_3f9c2a7b1d0e
""",
)
@click.argument("kind", type=choice_of(ActionKind))
@click.argument("title")
@click.option(
    "--due",
    type=DUE,
    required=True,
    help="When it should be done; a bare date means by the end of that day.",
)
@click.option(
    "--feedback",
    "feedback_item",
    metavar="FEEDBACK",
    help="The feedback it answers: its id, or what was said (a unique part will do).",
)
@click.option("--app", "application", metavar="APPLICATION", help="The application it is about.")
@click.option("--person", metavar="PERSON", help="The person it is about.")
@at_option
def action_add(
    *,
    kind: str,
    title: str,
    due: datetime,
    feedback_item: str | None,
    application: str | None,
    person: str | None,
    at: datetime | None,
) -> None:
    """Plan an action; prints its id."""
    ws = state_of().workspace()
    action_id = ws.plan_action(
        kind.lower(),
        title,
        due,
        feedback_item=feedback_item,
        application=application,
        person=person,
        at=at,
    )
    recorded("action planned", action_id)


@action.command(
    "done",
    epilog="""\b
Examples:
  afterview action done act_3f9c2a7b1d0e
  afterview action done "Send the article"
""",
)
@click.argument("action_id", metavar="ACTION")
@at_option
def action_done(action_id: str, at: datetime | None) -> None:
    """Mark an action done: ACTION is its id or its title (a unique part will do)."""
    state_of().workspace().complete_action(action_id, at=at)
    recorded("action done")


@action.command("list", epilog="\b\nExample:\n  afterview action list")
@json_option
def action_list(as_json: bool) -> None:
    """Actions, with their ids: those to do first, by due date."""
    print_listing(["actions"], as_json)


@click.command(
    epilog="""\b
Example:
  afterview touch "Dana Reyes" --channel email --note "Sent the article we discussed"
""",
)
@click.argument("person", metavar="PERSON")
@click.option(
    "--channel",
    type=choice_of(Channel),
    default="email",
    show_default=True,
)
@click.option("--about-posting", is_flag=True, help="The contact was about an open position.")
@click.option("--note", help="What it was about.")
@at_option
def touch(
    person: str, channel: str, about_posting: bool, note: str | None, at: datetime | None
) -> None:
    """Log a touchpoint with someone you keep in touch with."""
    check_not_future(at, "a touchpoint")
    ws = state_of().workspace()
    touchpoint_id = ws.log_touchpoint(
        person, channel.lower(), about_posting=about_posting, note=note, at=at
    )
    recorded("touchpoint logged", touchpoint_id)


@click.command(
    "stay-in-touch",
    epilog="""\b
Examples:
  afterview stay-in-touch "Dana Reyes" --every 42
  afterview stay-in-touch "Dana Reyes" --end
""",
)
@click.argument("person", metavar="PERSON")
@click.option(
    "--every",
    "cadence_days",
    type=click.IntRange(min=1),
    metavar="DAYS",
    help="Cadence in days (default: the stay_in_touch_days setting).",
)
@click.option("--end", is_flag=True, help="End the plan.")
@at_option
def stay_in_touch(person: str, cadence_days: int | None, end: bool, at: datetime | None) -> None:
    """PERSON agreed to stay in touch: reminders on a cadence."""
    ws = state_of().workspace()
    if end:
        if cadence_days is not None:
            raise click.UsageError("--every and --end cannot be used together")
        ws.end_stay_in_touch(person, at=at)
        recorded("stay-in-touch plan ended")
        return
    ws.agree_stay_in_touch(person, cadence_days=cadence_days, at=at)
    recorded("stay-in-touch plan started")


COMMANDS = (action, touch, stay_in_touch)
