"""Your data: ``export``, ``import``, ``forget``, and the ``demo`` story."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from afterview.cli.commands.reading import print_agenda, print_insights
from afterview.cli.context import state_of
from afterview.cli.render import (
    console,
    echo_json,
    json_option,
    recorded,
    rich_console,
    shown,
    warn_rule_failures,
)
from afterview.demo import record_demo
from afterview.errors import UnclaimedURLError
from afterview.model import Person
from afterview.salvage import SkippedRecord
from afterview.serialization import export_from_json, export_to_json
from afterview.workspace import Workspace

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["COMMANDS"]


def _spinner_console() -> Console:
    """Where progress goes: stderr, and only on a terminal, so pipes and files stay clean."""
    out = rich_console(stderr=True)
    out.quiet = not out.is_terminal
    return out


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` atomically, readable by the owner only: an export holds personal data."""
    # mkstemp creates the file 0600; the rename makes a half-written export impossible.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@click.command(
    epilog="""\b
Examples:
  afterview export -o search.json
  afterview export --person "Dana Reyes"
  afterview export --salvage -o rescued.json
  afterview --workspace rescued import rescued.json
With -o the file is created readable by you only; with '> FILE' the shell creates it, with the
permissions your umask gives.
""",
)
@click.option("--person", metavar="PERSON", help="Only the events about one person.")
@click.option(
    "--salvage",
    is_flag=True,
    help="Read past corrupt records: export every record that can be read, and name the others.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (created readable by you only) instead of stdout.",
)
def export(person: str | None, salvage: bool, output: Path | None) -> None:
    """Everything held about the workspace (or a person), as JSON."""
    cli_state = state_of()
    ws = cli_state.workspace()
    if salvage and person is not None:
        raise click.UsageError("--salvage exports the whole workspace; it takes no --person")
    err = _spinner_console()
    skipped: tuple[SkippedRecord, ...] = ()
    with err.status(f"Exporting workspace {ws.name!r}…"):
        if salvage:
            rescued = ws.salvage(now=cli_state.now())
            document, skipped = rescued.document, rescued.skipped
        else:
            document = ws.export(person, now=cli_state.now())
        text = export_to_json(document)
    for record in skipped:
        click.echo(f"afterview: warning: {shown(record)}", err=True)
    if salvage:
        click.echo(f"salvaged {len(document.events)} event(s); {len(skipped)} left out", err=True)
    if output is None:
        click.echo(text)
        return
    _write_private(output, text + "\n")
    click.echo(f"{len(document.events)} event(s) written to {output}", err=True)


@click.command(
    "import",
    epilog="""\b
Examples:
  afterview --workspace restored import search.json
  afterview import "lever://API_KEY@acme?contact=CONTACT_ID"
A file is checked whole before anything is stored; importing the same file twice adds nothing.
A URL that an importer plugin claims (see 'afterview plugins') imports from that ATS, like
'afterview ats-import URL'.
""",
)
@click.argument("source", metavar="FILE|URL")
@json_option
@click.pass_context
def import_(ctx: click.Context, source: str, as_json: bool) -> None:
    """Load an export file (or '-' for stdin) into the workspace, or import from an ATS URL."""
    ws = state_of().workspace()
    scheme, sep, _ = source.partition("://")
    claimed = ws.plugins.claimed_schemes("importer")
    if sep and any(prefix.startswith(f"{scheme}:") for prefix in claimed):
        from afterview.cli.commands.ats import ats_import

        ctx.invoke(ats_import, url=source, as_json=as_json)
        return
    if sep and not Path(source).exists():
        # Not a file: an ATS URL whose plugin is missing. Its user part may be an API key, so
        # only the scheme is named.
        raise UnclaimedURLError(
            f"no installed plugin imports {scheme}:// URLs; importer URLs claimed: "
            f"{', '.join(claimed) or '(none)'}"
        )
    err = _spinner_console()
    with click.open_file(source, "rb") as file, err.status("Checking the export…"):
        document = export_from_json(file.read())
    with err.status(f"Importing {len(document.events)} event(s)…"):
        added = ws.import_export(document)
    if as_json:
        echo_json({"workspace": ws.name, "events_added": added})
        return
    recorded(f"{added} event(s) imported into workspace {ws.name!r}")


@click.command(
    epilog="""\b
Example:
  afterview forget "Dana Reyes" --yes
""",
)
@click.argument("person", metavar="PERSON")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def forget(person: str, yes: bool) -> None:
    """Remove a person's personal data from the workspace and from the store's files.

    PERSON is the id or the whole name (case and accents do not matter); a part of a name is
    not enough.
    """
    ws = state_of().workspace()
    # A forget cut short left the name blank in the state; forget_target still finds it.
    target_id, target_name = ws.forget_target(person)
    who = _whom(ws, ws.state.people[target_id], target_name)
    if yes:
        click.echo(f"forgetting {who}", err=True)
    else:
        click.confirm(f"Forget {who}? This cannot be undone", abort=True, err=True)
    rewritten = ws.forget(target_id)
    recorded(f"forgotten; {rewritten} stored event(s) rewritten")


def _whom(ws: Workspace, person: Person, name: str | None) -> str:
    """``Joanna Smith (interviewer at Acme Analytics, per_1a2b)``: enough to be sure."""
    organization = ws.state.organizations.get(person.organization_id or "")
    where = f" at {organization.name}" if organization is not None else ""
    name = name or person.name or "a person with no name"
    return shown(f"{name} ({person.role}{where}, {person.id})")


@click.command(
    epilog="""\b
Examples:
  afterview demo
  afterview --store memory:// --now 2026-05-04T09:00+02:00 demo
Records into the workspace 'demo', whatever AFTERVIEW_WORKSPACE says, unless --workspace
names another; a workspace that holds anything else is refused. Running it again only prints.
""",
)
@json_option
@click.pass_context
def demo(ctx: click.Context, as_json: bool) -> None:
    """Record a made-up story of three applications, then show the agenda and insights."""
    cli_state = state_of()
    root = ctx.find_root()
    if root.get_parameter_source("workspace_name") is not click.core.ParameterSource.COMMANDLINE:
        # AFTERVIEW_WORKSPACE names the user's real search: the story never goes there.
        cli_state.workspace_name = None
    ws = cli_state.workspace(default_name="demo")
    now = cli_state.now()
    added = record_demo(ws, now)
    advice = ws.agenda(now)
    warn_rule_failures(advice.failures)
    insights = ws.insights()
    if as_json:
        echo_json({"recorded": added, "workspace": ws.name, "agenda": advice, "insights": insights})
        return
    out = console()
    if added:
        out.print(f"Recorded the demo story in workspace {ws.name!r} ({ws.store.url}).")
    else:
        out.print(f"The demo story is already in workspace {ws.name!r}; nothing recorded.")
    print_agenda(out, advice, now, cli_state.zone)
    print_insights(out, insights)
    out.print(f"Try: afterview --workspace {ws.name} status")


COMMANDS = (export, import_, forget, demo)
