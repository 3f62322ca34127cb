"""Applicant tracking systems: ``ats-import`` a candidate's history, ``watch`` job boards."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from afterview.ats.importing import ImportReport
from afterview.cli.context import reported_here, state_of
from afterview.cli.render import console, echo_json, json_option, rich_console, table, text
from afterview.errors import PluginError

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["COMMANDS", "PARTIAL_EXIT", "register"]

#: ``ats-import`` exits with this when records were left out, so that a cron job notices.
PARTIAL_EXIT = 7


def _progress_console() -> Console:
    """Progress goes to stderr, and only on a terminal, so pipes and files stay clean."""
    out = rich_console(stderr=True)
    out.quiet = not out.is_terminal
    return out


@click.command(
    "ats-import",
    epilog="""\b
Examples:
  afterview ats-import 'greenhouse://ID:SECRET@acme?candidate=7001&name=Acme'
  afterview ats-import 'lever://API_KEY@acme?contact=c-77' --json
""",
)
@click.argument("url", metavar="URL")
@json_option
@click.pass_context
def ats_import(ctx: click.Context, url: str, as_json: bool) -> None:
    """Import a candidate's applications, interviews and decisions from an ATS.

    URL is claimed by an importer plugin (see 'afterview plugins'). Importing again adds
    what changed there since (an interview moved or cancelled, a new decision) and nothing
    else; a record that cannot be read is listed, the rest are imported, and the command
    exits with 7.
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn

    ws = state_of().workspace()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=_progress_console(),
        transient=True,
    ) as progress:
        task = progress.add_task("importing…", total=None)

        def show(report: ImportReport) -> None:
            progress.update(
                task,
                description=f"importing… {report.records} record(s): {report.imported} imported, "
                f"{report.updated} updated, {report.skipped} already here, "
                f"{report.failed} failed",
            )

        with reported_here("afterview.ats.importing"):
            report = ws.import_from(url, progress=show)
    if as_json:
        echo_json(report)
    else:
        out = console()
        out.print(
            f"{report.imported} imported, {report.updated} updated, {report.skipped} skipped "
            f"(already here), {report.failed} failed; {report.events_added} event(s) added"
            + (f"; {report.notes} note(s)" if report.notes else "")
        )
        lost = [(p.external_ref, p.reason) for p in report.problems if p.lost]
        notes = [(p.external_ref, p.reason) for p in report.problems if not p.lost]
        if lost:
            out.print(table("Not imported", ["record", "why"], lost))
        if notes:
            out.print(table("Notes (nothing lost)", ["record", "what"], notes))
    if report.stopped is not None:
        # What came before is stored; running the same import again resumes where it stopped.
        raise PluginError(f"the import stopped early: {report.stopped}")
    if report.failed:
        ctx.exit(PARTIAL_EXIT)


@click.command(
    epilog="""\b
Examples:
  afterview org add "Acme" --board-url greenhouse-board://acme
  afterview watch
""",
)
@json_option
def watch(as_json: bool) -> None:
    """Check the job boards of organizations whose contacts left the door open.

    An organization is watched when a contact said yes to considering you for a similar role
    (postings sharing a word with that role are reported) or yes/maybe to other roles (every
    posting is). New postings are recorded, so each is reported once.
    """
    cli_state = state_of()
    ws = cli_state.workspace()
    with reported_here("afterview.ats.watch"):
        report = ws.watch(cli_state.now())
    if as_json:
        echo_json(report)
        return
    out = console()
    state = ws.state
    if report.new:
        out.print(
            table(
                "New openings",
                ["organization", "title", "department", "location", "url"],
                [
                    (
                        state.organizations[p.organization_id].name,
                        p.title,
                        p.department,
                        p.location,
                        p.url,
                    )
                    for p in report.new
                ],
            )
        )
    for closed in report.closed:
        posting = state.postings[closed.posting_id]
        organization = state.organizations[posting.organization_id].name
        out.print(text(f"closed: {posting.title} ({organization})"))
    out.print(f"{len(report.checked)} board(s) checked, {len(report.new)} new opening(s)")
    err = console(stderr=True)
    for failure in report.failures:
        name = state.organizations[failure.organization_id].name
        err.print(text(f"afterview: warning: the board of {name} failed: {failure.error}"))
    for org in report.without_board:
        name = state.organizations[org].name
        err.print(text(f"afterview: warning: {name} is watched but has no board URL"))


COMMANDS = (ats_import, watch)


def register(group: click.Group) -> None:
    """Add these commands to ``group`` (the root ``afterview`` command)."""
    for command in COMMANDS:
        group.add_command(command)
