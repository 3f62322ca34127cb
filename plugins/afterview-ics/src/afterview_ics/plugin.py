"""Hooks: the ``ics:///path/file.ics`` notifier, the ``invitation`` command, and erasing a
forgotten person from the calendars the notifier wrote."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from afterview import OutboxItem, UrlPlugin, hookimpl

# icalendar (through afterview_ics.calendar) loads when an ics:// URL is opened, not when every
# afterview command registers this plugin.
if TYPE_CHECKING:
    import click

    from afterview_ics.calendar import IcsNotifier

__all__ = ["SCHEME", "IcsPlugin", "plugin"]

SCHEME = "ics://"


class IcsPlugin(UrlPlugin, notifier=[SCHEME]):
    """Opens ``ics://`` notifiers, erases forgotten people from their files, and adds the
    ``invitation`` command."""

    def open_notifier(self, url: str) -> IcsNotifier:
        from afterview_ics.calendar import IcsNotifier

        return IcsNotifier(url)

    @hookimpl
    def afterview_contact_forgotten(
        self, reminders: Sequence[OutboxItem], names_them: Callable[[str], bool]
    ) -> None:
        """Rewrite each calendar a reminder about the person was delivered to: the outbox
        names every file this notifier wrote for them."""
        files: dict[str, set[str]] = {}
        for item in reminders:
            if self.claims("notifier", item.channel):
                files.setdefault(item.channel, set()).add(item.key)
        if not files:
            return
        from afterview_ics.calendar import IcsNotifier, erase_from_calendar

        for channel, keys in sorted(files.items()):
            erase_from_calendar(IcsNotifier(channel).path, keys, names_them)

    @hookimpl
    def afterview_cli_commands(self) -> Sequence[click.Command]:
        from afterview_ics.commands import invitation

        return [invitation]


#: The instance the ``afterview`` entry point registers.
plugin = IcsPlugin()
