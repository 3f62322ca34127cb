"""afterview and calendars: the agenda and stay-in-touch plans as an iCalendar file, reminders
to an ``ics:///…`` file, and interview invitations imported."""

from afterview_ics.calendar import (
    CalendarItem,
    CalendarReport,
    IcsNotifier,
    recurrence,
    write_calendar,
)
from afterview_ics.invitation import (
    ImportAction,
    InvitationImport,
    InvitationOutcome,
    import_invitation,
)

__all__ = [
    "CalendarItem",
    "CalendarReport",
    "IcsNotifier",
    "ImportAction",
    "InvitationImport",
    "InvitationOutcome",
    "import_invitation",
    "recurrence",
    "write_calendar",
]
