"""Interview invitations (``.ics``, as applicant tracking systems and calendars send them) read
into a workspace.

Each ``VEVENT`` is one interview, known by its ``UID`` (kept as the interview's
``external_ref``), so importing the same invitation twice changes nothing. An update that moves
the time reschedules the interview; ``METHOD:CANCEL`` or ``STATUS:CANCELLED`` cancels it. The
interview keeps the ``SEQUENCE`` (revision) of the invitation last applied, so a copy older than
that, arriving late, is reported and changes nothing. The organizer and attendees become the
interviewers: matched to people already in the workspace by email, or added, without the job
seeker's own address.

Everything is read and checked before anything is recorded, and what an invitation changes is
recorded in one atomic append: a bad invitation stores nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

import attrs
import icalendar

from afterview import (
    ContactPoint,
    ContactPointKind,
    DataError,
    DetailSource,
    InterviewFormat,
    InterviewStatus,
    Role,
    new_id,
)
from afterview import events as ev

if TYPE_CHECKING:
    from afterview import Workspace

__all__ = ["ImportAction", "InvitationImport", "InvitationOutcome", "import_invitation"]


class ImportAction(enum.StrEnum):
    SCHEDULED = "scheduled"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    UNCHANGED = "unchanged"
    IGNORED = "ignored"
    #: Its ``SEQUENCE`` is below the revision already recorded: a late copy, left unapplied.
    OUTDATED = "outdated"


@attrs.frozen(kw_only=True)
class InvitationOutcome:
    """What became of one ``VEVENT``."""

    uid: str
    action: ImportAction
    interview_id: str | None = None
    people_added: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@attrs.frozen
class InvitationImport:
    """What importing an invitation did, one outcome per ``VEVENT`` in file order."""

    outcomes: tuple[InvitationOutcome, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(w for o in self.outcomes for w in o.warnings)


@attrs.frozen(kw_only=True)
class _Guest:
    email: str = attrs.field(repr=False)
    name: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class _Invite:
    uid: str
    sequence: int
    start: datetime
    cancelled: bool
    format: InterviewFormat
    guests: tuple[_Guest, ...] = attrs.field(repr=False)


def _address(value: object) -> _Guest | None:
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    if "@" not in text:
        return None
    params = getattr(value, "params", {})
    name = str(params.get("CN", "")).strip() or text.partition("@")[0]
    return _Guest(email=text.lower(), name=name)


def _guests(event: icalendar.Component, own_email: str | None) -> tuple[_Guest, ...]:
    found: dict[str, _Guest] = {}
    attendees = event.get("ATTENDEE", [])
    candidates: list[object] = [event.get("ORGANIZER")] if "ORGANIZER" in event else []
    candidates += attendees if isinstance(attendees, list) else [attendees]
    own = (own_email or "").strip().lower()
    for candidate in candidates:
        guest = _address(candidate)
        if guest is not None and guest.email != own:
            found.setdefault(guest.email, guest)
    return tuple(found.values())


def _start(event: icalendar.Component, uid: str, default_timezone: tzinfo | None) -> datetime:
    if "DTSTART" not in event:
        raise DataError(f"invitation {uid!r} has no start time (DTSTART)")
    start = event.decoded("DTSTART")
    if not isinstance(start, datetime):
        if isinstance(start, date):
            raise DataError(f"invitation {uid!r} is an all-day event; an interview needs a time")
        raise DataError(f"invitation {uid!r} has a DTSTART that is not a date-time")
    if start.tzinfo is None or start.utcoffset() is None:
        if default_timezone is None:
            raise DataError(
                f"invitation {uid!r} has a floating time (no time zone); "
                "pass default_timezone to say which zone it is in"
            )
        start = start.replace(tzinfo=default_timezone)
    return start


def _sequence(event: icalendar.Component, uid: str) -> int:
    # RFC 5545: an event without SEQUENCE is at revision 0.
    if "SEQUENCE" not in event:
        return 0
    value = event.decoded("SEQUENCE")
    if not isinstance(value, int) or value < 0:
        raise DataError(f"invitation {uid!r} has a SEQUENCE that is not a whole number >= 0")
    return value


def _format(event: icalendar.Component) -> InterviewFormat:
    where = " ".join(str(event.get(p, "")) for p in ("LOCATION", "URL", "DESCRIPTION")).lower()
    if any(k in where for k in ("http://", "https://", "video", "zoom", "meet.", "teams")):
        return InterviewFormat.VIDEO
    if any(k in where for k in ("phone", "call you", "tel:")):
        return InterviewFormat.PHONE
    return InterviewFormat.ON_SITE


def _parse(
    ics: bytes | str, own_email: str | None, default_timezone: tzinfo | None
) -> list[_Invite]:
    try:
        calendar = icalendar.Calendar.from_ical(ics)
    except ValueError as exc:
        raise DataError(f"not an iCalendar invitation: {exc}") from None
    if not isinstance(calendar, icalendar.Calendar):
        raise DataError("not an iCalendar invitation: expected one VCALENDAR")
    method = str(calendar.get("METHOD", "PUBLISH")).upper()
    events = calendar.walk("VEVENT")
    if not events:
        raise DataError("the invitation holds no event (VEVENT)")
    invites = []
    for event in events:
        uid = str(event.get("UID", "")).strip()
        if not uid:
            raise DataError("an event of the invitation has no UID; it cannot be tracked")
        invites.append(
            _Invite(
                uid=uid,
                sequence=_sequence(event, uid),
                start=_start(event, uid, default_timezone),
                cancelled=method == "CANCEL" or str(event.get("STATUS", "")).upper() == "CANCELLED",
                format=_format(event),
                guests=_guests(event, own_email),
            )
        )
    return invites


def _person_by_email(workspace: Workspace) -> dict[str, str]:
    found: dict[str, str] = {}
    for person in workspace.state.people.values():
        if person.forgotten:
            continue
        for point in person.contact_points:
            if point.kind is ContactPointKind.EMAIL:
                found.setdefault(point.value.strip().lower(), person.id)
    return found


@attrs.define
class _Plan:
    """The events an invitation adds, built in full before any of them is recorded."""

    workspace: Workspace
    application_id: str
    organization: str
    now: datetime
    known: dict[str, str]
    events: list[ev.Event] = attrs.Factory(list)
    #: Interviews this invitation has handled, by UID (a file may name one twice).
    handled: dict[str, str] = attrs.Factory(dict)

    def interviewers(self, guests: Iterable[_Guest]) -> tuple[list[str], list[str]]:
        """Person ids for the guests, and the ids of those added now."""
        ids: list[str] = []
        added: list[str] = []
        for guest in guests:
            person_id = self.known.get(guest.email)
            if person_id is None:
                person_id = new_id("per")
                self.events.append(
                    ev.ContactAdded(
                        at=self.now,
                        person_id=person_id,
                        role=Role.INTERVIEWER,
                        organization_id=self.organization,
                        name=guest.name,
                    )
                )
                point = ContactPoint(ContactPointKind.EMAIL, guest.email, True, DetailSource.ATS)
                self.events.append(
                    ev.ContactDetailsAdded(at=self.now, person_id=person_id, points=(point,))
                )
                self.known[guest.email] = person_id
                added.append(person_id)
            ids.append(person_id)
        return ids, added


def import_invitation(
    workspace: Workspace,
    ics: bytes | str,
    *,
    application: str,
    own_email: str | None = None,
    default_timezone: tzinfo | None = None,
) -> InvitationImport:
    """Schedule, reschedule or cancel interviews of ``application`` from an invitation.

    Every change the invitation makes is recorded in one atomic append: all of it, or (on an
    error) none of it.

    :param own_email: the job seeker's address, left out of the interviewers.
    :param default_timezone: the zone of floating times (those with neither ``TZID`` nor ``Z``).
    :raises DataError: not an invitation, an event without ``UID`` or time, or a floating time
        with no ``default_timezone``; nothing was recorded.
    :raises NotFoundError: ``application`` matches no application; nothing was recorded.
    :raises EventRejected: the invitation does not fit the workspace (for example the
        application is already decided); nothing was recorded.
    """
    invites = _parse(ics, own_email, default_timezone)
    application_id = workspace.application_id(application)
    plan = _Plan(
        workspace=workspace,
        application_id=application_id,
        organization=workspace.state.applications[application_id].organization_id,
        now=workspace.clock(),
        known=_person_by_email(workspace),
    )
    outcomes = [_apply(plan, invite) for invite in invites]
    workspace.record(*plan.events)
    return InvitationImport(tuple(outcomes))


def _apply(plan: _Plan, invite: _Invite) -> InvitationOutcome:
    if invite.uid in plan.handled:
        return InvitationOutcome(
            uid=invite.uid,
            action=ImportAction.IGNORED,
            interview_id=plan.handled[invite.uid],
            warnings=(f"{invite.uid}: the invitation holds this event twice; the first counts",),
        )
    existing = next(
        (i for i in plan.workspace.state.interviews.values() if i.external_ref == invite.uid),
        None,
    )
    if existing is None:
        if invite.cancelled:
            return InvitationOutcome(
                uid=invite.uid,
                action=ImportAction.IGNORED,
                warnings=(f"{invite.uid}: cancelled before it was imported; nothing to do",),
            )
        ids, added = plan.interviewers(invite.guests)
        interview_id = new_id("int")
        plan.events.append(
            ev.InterviewScheduled(
                at=plan.now,
                interview_id=interview_id,
                application_id=plan.application_id,
                scheduled_for=invite.start,
                format=invite.format,
                interviewers=tuple(ids),
                external_ref=invite.uid,
                revision=invite.sequence,
            )
        )
        plan.handled[invite.uid] = interview_id
        warnings = (
            ()
            if ids
            else (f"{invite.uid}: the invitation names no interviewer; add them once you know",)
        )
        return InvitationOutcome(
            uid=invite.uid,
            action=ImportAction.SCHEDULED,
            interview_id=interview_id,
            people_added=tuple(added),
            warnings=warnings,
        )
    plan.handled[invite.uid] = existing.id
    if existing.status is not InterviewStatus.SCHEDULED:
        changed = invite.cancelled or existing.scheduled_for != invite.start
        return InvitationOutcome(
            uid=invite.uid,
            action=ImportAction.UNCHANGED,
            interview_id=existing.id,
            warnings=(f"{invite.uid}: the interview is already {existing.status}; left as is",)
            if changed and not (invite.cancelled and existing.status is InterviewStatus.CANCELLED)
            else (),
        )
    recorded = existing.revision
    if recorded is not None and invite.sequence < recorded:
        return InvitationOutcome(
            uid=invite.uid,
            action=ImportAction.OUTDATED,
            interview_id=existing.id,
            warnings=(
                f"{invite.uid}: revision {invite.sequence} is older than what is recorded "
                f"({recorded}); left as is",
            ),
        )
    if invite.cancelled:
        plan.events.append(ev.InterviewCancelled(at=plan.now, interview_id=existing.id))
        return InvitationOutcome(
            uid=invite.uid, action=ImportAction.CANCELLED, interview_id=existing.id
        )
    moved = existing.scheduled_for != invite.start
    if moved or recorded != invite.sequence:
        # A newer revision at the same time is still recorded, so that a copy between the two
        # revisions arriving later cannot move the interview.
        plan.events.append(
            ev.InterviewRescheduled(
                at=plan.now,
                interview_id=existing.id,
                scheduled_for=invite.start,
                revision=invite.sequence,
            )
        )
    return InvitationOutcome(
        uid=invite.uid,
        action=ImportAction.RESCHEDULED if moved else ImportAction.UNCHANGED,
        interview_id=existing.id,
    )
