"""``afterview report``: the search on one HTML page, added through the
``afterview_cli_commands`` hook.

Jinja2 and pygal load when the command runs, not when the command line lists it.
"""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["report"]


@click.command(
    epilog="""\b
Examples:
  afterview report                         # afterview-report.html, this workspace
  afterview report -o ~/search.html
  afterview report --person "Dana Reyes"   # one contact's history, before a call
  afterview report --all -o reports/       # every workspace of the store, and an index
The file is created readable by you only; it opens from disk, offline, in any browser.
""",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The file to write (with --all: the folder). Default: afterview-report.html "
    "(with --all: afterview-report/).",
)
@click.option("--person", metavar="PERSON", help="Only one contact's history: id or name.")
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="Every workspace of the store: a page each and an index.html linking them.",
)
def report(output: Path | None, person: str | None, every: bool) -> None:
    """Write the search as one self-contained HTML page: this week, charts, each application's
    story (afterview-report)."""
    from afterview.cli import invocation
    from afterview_report.files import write_private
    from afterview_report.page import index_row, render_index, render_report

    state = invocation()
    now = state.now()
    if every:
        if person is not None:
            raise click.UsageError("--all reports every workspace; it takes no --person")
        from afterview import Workspace, make_private_dirs

        folder = output or Path("afterview-report")
        # Every folder made for the pages is the owner's alone, parents too, whatever the umask.
        make_private_dirs(folder)
        opened = state.workspace()
        rows = []
        for name in sorted(opened.store.workspaces()):
            ws = (
                opened
                if name == opened.name
                else Workspace(
                    opened.store,
                    name,
                    settings=state.settings,
                    plugin_manager=opened.plugins,
                    clock=state.now,
                )
            )
            page = f"{name}.html"
            write_private(
                folder / page, render_report(ws, now, state.zone, index_href="index.html")
            )
            rows.append(index_row(ws, now, page))
        write_private(folder / "index.html", render_index(rows, now, state.zone))
        click.echo(f"{len(rows)} report(s) and an index written to {folder}", err=True)
        return
    path = output or Path("afterview-report.html")
    workspace = state.workspace()
    write_private(path, render_report(workspace, now, state.zone, person=person))
    click.echo(f"report of workspace {workspace.name!r} written to {path}", err=True)
