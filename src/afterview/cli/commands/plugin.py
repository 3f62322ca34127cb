"""``plugin new``: the project of a new plugin, to start from."""

from __future__ import annotations

from pathlib import Path

import click

from afterview.cli.render import shown

__all__ = ["COMMANDS"]


@click.group()
def plugin() -> None:
    """For plugin authors: write a new plugin project (plugin new NAME --kind KIND)."""


@plugin.command(
    "new",
    epilog="\b\nExamples:\n  afterview plugin new ntfy --kind notifier"
    "\n  afterview plugin new team-audit --kind observer --directory ../team-audit",
)
@click.argument("name")
@click.option(
    "--kind",
    type=click.Choice(["store", "notifier", "rule", "importer", "observer"]),
    required=True,
    help="What the plugin adds.",
)
@click.option(
    "--directory",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write it (default: ./afterview-NAME); must be new or empty.",
)
def new(name: str, kind: str, directory: Path | None) -> None:
    """Write a plugin project: its package with the entry point, a README, and a test that runs
    afterview's contract for KIND. Its tests pass as written: change the code from there."""
    from afterview.cli.plugin_template import PluginProject, write_plugin_project

    target = directory or Path(PluginProject(name, kind).dist)
    for path in write_plugin_project(target, name, kind):
        click.echo(shown(path))
    click.echo(
        f"Next: cd {shown(target)} && python -m pip install -e '.[test]' && python -m pytest",
        err=True,
    )


COMMANDS = (plugin,)
