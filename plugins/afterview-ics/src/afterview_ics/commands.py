"""``afterview invitation import FILE``: the command line's way to :func:`import_invitation`,
added through the ``afterview_cli_commands`` hook.

Click is imported here, and this module only when the command line asks the plugin for its
commands; icalendar only when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from afterview import DataError

__all__ = ["invitation"]


@click.group()
def invitation() -> None:
    """Calendar invitations: import an interview's .ics file (afterview-ics)."""


@invitation.command(
    "import",
    epilog="""\b
Examples:
  afterview invitation import interview.ics --application "Acme Analytics"
  afterview invitation import - --application app_12 < invite.ics
""",
)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option(
    "--application",
    "-a",
    required=True,
    metavar="REF",
    help="The application the interview belongs to: its id, or its organization's name.",
)
@click.option(
    "--me",
    "own",
    multiple=True,
    metavar="EMAIL",
    help="Your own address on the invitation (repeatable), besides own_emails in the settings.",
)
def import_command(file: Path, application: str, own: tuple[str, ...]) -> None:
    """Schedule, move or cancel interviews from an invitation FILE (.ics; - reads stdin).

    The people on the invitation become the interviewers, except you (own_emails in the
    settings), rooms, people who declined and no-reply senders. Importing the same file again
    changes nothing; an update moves the interview, a cancellation cancels it. A time without
    a zone is read in your time zone.
    """
    from afterview.cli import invocation
    from afterview_ics.invitation import import_invitation

    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read {file}: {exc.strerror or exc}") from None
    state = invocation()
    workspace = state.workspace()
    result = import_invitation(
        workspace,
        data,
        application=application,
        own_emails=(*state.settings.own_emails, *own),
        default_timezone=state.zone,
    )
    for outcome in result.outcomes:
        interview = workspace.state.interviews.get(outcome.interview_id or "")
        when = (
            f" {interview.scheduled_for.astimezone(state.zone):%Y-%m-%d %H:%M}" if interview else ""
        )
        added = f", {len(outcome.people_added)} people added" if outcome.people_added else ""
        click.echo(f"{outcome.action}: {outcome.interview_id or outcome.uid}{when}{added}")
    for warning in result.warnings:
        click.echo(f"afterview: warning: {warning}", err=True)
