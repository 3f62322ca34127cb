"""Hooks: the ``ics:///path/file.ics`` notifier, the ``invitation`` command, and erasing a
forgotten person from the calendars the notifier wrote."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from afterview import OutboxItem, hookimpl

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
def afterview_contact_forgotten(
    reminders: Sequence[OutboxItem], names_them: Callable[[str], bool]
) -> None:
    """Rewrite each calendar a reminder about the person was delivered to: the outbox names
    every file this notifier wrote for them."""
    files: dict[str, set[str]] = {}
    for item in reminders:
        if item.channel.startswith(SCHEME):
            files.setdefault(item.channel, set()).add(item.key)
    if not files:
        return
    from afterview_ics.calendar import IcsNotifier, erase_from_calendar

    for channel, keys in sorted(files.items()):
        erase_from_calendar(IcsNotifier(channel).path, keys, names_them)


@hookimpl
def afterview_cli_commands() -> Sequence[click.Command]:
    from afterview_ics.commands import invitation

    return [invitation]
