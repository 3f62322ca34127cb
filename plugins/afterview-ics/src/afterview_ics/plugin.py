"""Hooks: the ``ics:///path/file.ics`` notifier and the ``invitation`` command."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from afterview import hookimpl

# icalendar (through afterview_ics.calendar) loads when an ics:// URL is opened, not when every
# afterview command registers this plugin.
if TYPE_CHECKING:
    import click

    from afterview_ics.calendar import IcsNotifier

__all__ = ["SCHEME"]

SCHEME = "ics://"


@hookimpl
def afterview_open_notifier(url: str) -> IcsNotifier | None:
    if not url.startswith(SCHEME):
        return None
    from afterview_ics.calendar import IcsNotifier

    return IcsNotifier(url)


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"notifier": [SCHEME]}


@hookimpl
def afterview_cli_commands() -> Sequence[click.Command]:
    from afterview_ics.commands import invitation

    return [invitation]
