"""``afterview inbox``: read mail into proposals, list them, accept or drop them, added through
the ``afterview_cli_commands`` hook.

Click is imported here, and this module only when the command line asks the plugin for its
commands; imap-tools only when an IMAP folder is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from afterview import Workspace
    from afterview.cli.context import CliState
    from afterview_mail.proposals import Proposal, ProposalBook

__all__ = ["inbox"]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date like 2026-04-01") from None


def _moment(text: str, zone: tzinfo) -> datetime:
    """An ISO 8601 date-time; without an offset, wall-clock time in the job seeker's zone."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date-time like 2026-05-12T14:00") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


@contextmanager
def _book(state: CliState) -> Iterator[tuple[Workspace, ProposalBook]]:
    from afterview_mail.proposals import ProposalBook, book_path

    workspace = state.workspace()
    with ProposalBook.open(book_path(workspace.store.url, workspace.name)) as book:
        yield workspace, book


def _line(workspace: Workspace, proposal: Proposal, zone: tzinfo) -> str:
    state = workspace.state
    application = state.applications.get(proposal.application_id or "")
    organization = state.organizations.get(proposal.organization_id or "")
    if application is not None:
        about = f"{state.organizations[application.organization_id].name}, {application.role_title}"
    elif organization is not None:
        about = f"{organization.name} (which application?)"
    else:
        about = "-"
    when = ""
    if proposal.received_at is not None:
        when = f"{proposal.received_at.astimezone(zone):%Y-%m-%d} "
    return (
        f"{proposal.number:>3}  {when}{proposal.kind:<10} {proposal.confidence:.2f}  {about}\n"
        f"     from {proposal.sender}\n"
        f"     \u201c{proposal.evidence}\u201d"
    )


def _list(state: CliState, every: bool) -> None:
    with _book(state) as (workspace, book):
        shown = book.proposals if every else book.pending()
        if not shown:
            click.echo("No proposals." if every else "No proposals waiting.")
            return
        for proposal in shown:
            status = "" if not every else f"  [{proposal.status}]"
            click.echo(_line(workspace, proposal, state.zone) + status)


@click.group(
    invoke_without_command=True,
    epilog="""\b
Examples:
  afterview inbox read imaps://me@mail.example.com/Jobs
  afterview inbox read mbox:~/Mail/jobs.mbox --since 2026-04-01
  afterview inbox                     # what was read, waiting for you
  afterview inbox accept 1 3
  afterview inbox reject 2
  afterview inbox --auto              # record what mail.toml allows
""",
)
@click.option("--all", "every", is_flag=True, help="List decided proposals too.")
@click.option(
    "--auto",
    is_flag=True,
    help="Accept the waiting proposals of the kinds and confidence mail.toml allows.",
)
@click.pass_context
def inbox(ctx: click.Context, every: bool, auto: bool) -> None:
    """Mail read into proposals you accept or drop (afterview-mail).

    Without a subcommand: list the proposals waiting for you.
    """
    if ctx.invoked_subcommand is not None:
        return
    from afterview.cli import invocation

    state = invocation()
    if auto:
        _auto(state)
    _list(state, every)


def _auto(state: CliState) -> None:
    from afterview_mail.inbox import auto_accept
    from afterview_mail.settings import load_mail_settings

    settings = load_mail_settings(state.config.path)
    if not settings.auto_kinds:
        click.echo(
            "afterview: warning: mail.toml allows no kinds for --auto; nothing recorded", err=True
        )
        return
    with _book(state) as (workspace, book):
        for done in auto_accept(workspace, book, settings, zone=state.zone):
            click.echo(f"accepted {done.proposal.number}: {done.recorded}")


@inbox.command("read")
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--since",
    metavar="DATE",
    help="Only messages sent on or after this day (ISO 8601), e.g. 2026-04-01.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    metavar="N",
    help="Processes that read a large folder alongside this one (0: none). By default "
    "AFTERVIEW_MAIL_WORKERS, else one fewer than the processors, for 2,000 messages or more.",
)
def read_command(sources: tuple[str, ...], since: str | None, workers: int | None) -> None:
    """Read mail from each SOURCE into proposals; nothing is recorded yet.

    SOURCE is imaps://user@host/FOLDER (password from the URL, AFTERVIEW_IMAP_PASSWORD or the
    keyring; ?auth=xoauth2 with AFTERVIEW_IMAP_TOKEN), mbox:PATH, maildir:PATH or eml:PATH.
    An IMAP folder is read from where the last read stopped.
    """
    from afterview.cli import invocation
    from afterview_mail.inbox import read_inbox

    state = invocation()
    day = None if since is None else _day(since)
    with _book(state) as (workspace, book):
        for source in sources:
            report = read_inbox(workspace, source, book, since=day, workers=workers)
            click.echo(
                f"{report.read} read, {len(report.proposed)} proposed, "
                f"{report.known} already proposed, {report.unrelated} unrelated"
                + (f", {report.unreadable} unreadable" if report.unreadable else "")
            )
            for proposal in report.proposed:
                click.echo(_line(workspace, proposal, state.zone))


@inbox.command("accept")
@click.argument("numbers", nargs=-1, required=True, type=int, metavar="N...")
@click.option(
    "--application",
    "-a",
    metavar="REF",
    help="The application, when the message did not say which: its id or organization.",
)
@click.option(
    "--at",
    "when",
    metavar="DATE",
    help="The interview's time, for an invitation that came without a calendar file.",
)
def accept_command(numbers: tuple[int, ...], application: str | None, when: str | None) -> None:
    """Record proposals N... as events: a decision, an interview, a touchpoint."""
    from afterview.cli import invocation
    from afterview_mail.inbox import accept

    state = invocation()
    at = None if when is None else _moment(when, state.zone)
    with _book(state) as (workspace, book):
        for number in numbers:
            done = accept(workspace, book, number, application=application, at=at, zone=state.zone)
            click.echo(f"accepted {number}: {done.recorded}")


@inbox.command("reject")
@click.argument("numbers", nargs=-1, required=True, type=int, metavar="N...")
def reject_command(numbers: tuple[int, ...]) -> None:
    """Drop proposals N...: nothing is recorded, and the message is not proposed again."""
    from afterview.cli import invocation
    from afterview_mail.inbox import reject

    state = invocation()
    with _book(state) as (_, book):
        for number in numbers:
            reject(book, number)
            click.echo(f"dropped {number}")
