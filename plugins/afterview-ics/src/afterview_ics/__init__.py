"""afterview and calendars: the agenda and stay-in-touch plans as an iCalendar file, reminders
to an ``ics:///…`` file, and interview invitations imported.

Importing this package is cheap: icalendar loads when a public name is first used (PEP 562), so
registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterview import lazy_exports

# Eager and cheap (the entry point imports it anyway): the package's ``plugin`` is then the
# registered instance rather than the submodule of the same name.
from afterview_ics.plugin import SCHEME, IcsPlugin, plugin

if TYPE_CHECKING:
    from afterview_ics.calendar import (
        ERASED_SUMMARY,
        CalendarItem,
        CalendarReport,
        IcsNotifier,
        erase_from_calendar,
        recurrence,
        write_calendar,
    )
    from afterview_ics.invitation import (
        ImportAction,
        InvitationImport,
        InvitationOutcome,
        import_invitation,
    )

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "ERASED_SUMMARY": "afterview_ics.calendar",
        "erase_from_calendar": "afterview_ics.calendar",
        "CalendarItem": "afterview_ics.calendar",
        "CalendarReport": "afterview_ics.calendar",
        "IcsNotifier": "afterview_ics.calendar",
        "recurrence": "afterview_ics.calendar",
        "write_calendar": "afterview_ics.calendar",
        "ImportAction": "afterview_ics.invitation",
        "InvitationImport": "afterview_ics.invitation",
        "InvitationOutcome": "afterview_ics.invitation",
        "import_invitation": "afterview_ics.invitation",
    },
)


__all__ = [
    "ERASED_SUMMARY",
    "SCHEME",
    "CalendarItem",
    "CalendarReport",
    "IcsNotifier",
    "IcsPlugin",
    "ImportAction",
    "InvitationImport",
    "InvitationOutcome",
    "erase_from_calendar",
    "import_invitation",
    "plugin",
    "recurrence",
    "write_calendar",
]
