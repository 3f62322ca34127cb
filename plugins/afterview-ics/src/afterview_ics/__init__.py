"""afterview and calendars: the agenda and stay-in-touch plans as an iCalendar file, reminders
to an ``ics:///…`` file, and interview invitations imported.

Importing this package is cheap: icalendar loads when a public name is first used (PEP 562), so
registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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

#: Where each public name lives.
_EXPORTS: dict[str, str] = {
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
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "ERASED_SUMMARY",
    "CalendarItem",
    "CalendarReport",
    "IcsNotifier",
    "ImportAction",
    "InvitationImport",
    "InvitationOutcome",
    "erase_from_calendar",
    "import_invitation",
    "recurrence",
    "write_calendar",
]
