"""``info`` and ``workspaces``: where this command line reads and writes, and with what settings."""

from __future__ import annotations

from typing import Any

import attrs
import click

from afterview.cli.context import state_of
from afterview.cli.render import console, echo_json, json_option, shown, table, text
from afterview.masking import mask_url

__all__ = ["COMMANDS"]

#: Settings that are not thresholds: shown on their own lines, not in the thresholds table.
_NOT_THRESHOLDS = frozenset({"timezone", "own_emails", "select", "ignore", "plugins"})


@click.command(epilog="\b\nExamples:\n  afterview info\n  afterview --workspace alex info --json")
@json_option
def info(as_json: bool) -> None:
    """Where am I: the store, the workspace, the settings file, the time zone, the thresholds."""
    cli_state = state_of()
    config = cli_state.config
    ws = cli_state.workspace()
    # The workspace's profile over the settings file (and --timezone over both).
    settings = ws.settings
    path = config.path
    plugin_settings = {
        name: attrs.asdict(value)  # type: ignore[arg-type] # an attrs class, checked on load
        for name, value in ws.plugins.plugin_settings(settings).items()
    }
    unused = sorted(set(settings.plugins) - set(plugin_settings))
    data: dict[str, Any] = {
        "store": mask_url(ws.store.url),
        "read_only": bool(getattr(ws.store, "read_only", False)),
        "workspace": ws.name,
        "events": ws.state.version,
        "settings_file": None if path is None else str(path.absolute()),
        "settings_file_exists": path is not None and path.is_file(),
        "timezone": str(cli_state.zone),
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "thresholds": {
            a.name: getattr(settings, a.name)
            for a in attrs.fields(type(settings))
            if a.name not in _NOT_THRESHOLDS
        },
        "plugins": plugin_settings,
        "unused_plugin_tables": unused,
    }
    if as_json:
        echo_json(data)
        return
    out = console()
    exists = "" if data["settings_file_exists"] else " (not there: defaults apply)"
    rows = [
        ("store", text(data["store"] + (" (read-only)" if data["read_only"] else ""))),
        ("workspace", text(f"{ws.name} ({ws.state.version} events)")),
        ("settings file", text(f"{data['settings_file']}{exists}")),
        ("time zone", text(data["timezone"])),
        ("select", text(", ".join(settings.select) or "every rule")),
        ("ignore", text(", ".join(settings.ignore) or "-")),
    ]
    rows += [(name, text(value)) for name, value in data["thresholds"].items()]
    rows += [
        (shown(f"plugins.{plugin}.{field}"), text(value))
        for plugin, values in plugin_settings.items()
        for field, value in values.items()
    ]
    rows += [(shown(f"plugins.{name}"), text("no installed plugin reads it")) for name in unused]
    out.print(table("afterview", ("setting", "value"), rows))


@click.command(epilog="\b\nExamples:\n  afterview workspaces\n  afterview workspaces --json")
@json_option
def workspaces(as_json: bool) -> None:
    """The workspaces in the store (each one job search); the current one is marked."""
    cli_state = state_of()
    ws = cli_state.workspace()
    names = ws.store.workspaces()
    if as_json:
        echo_json({"current": ws.name, "workspaces": names})
        return
    if not names:
        click.echo(f"No workspace holds anything yet; the current one is {ws.name!r}.", err=True)
        return
    for name in names:
        click.echo(f"{name}\tcurrent" if name == ws.name else name)


COMMANDS = (info, workspaces)
