"""Interview invitations (``.ics``, as applicant tracking systems and calendars send them) read
into a workspace.

Each ``VEVENT`` is one interview, known by its ``UID`` (kept as the interview's
``external_ref``), so importing the same invitation twice changes nothing. An update that moves
the time reschedules the interview; ``METHOD:CANCEL`` or ``STATUS:CANCELLED`` cancels it. The
interview keeps the ``SEQUENCE`` (revision) of the invitation last applied, so a copy older than
that, arriving late, is reported and changes nothing.

A recurring invitation with an end (``RRULE`` with ``COUNT`` or ``UNTIL``) is one interview per
occurrence, each known by its ``UID`` and its original start (``RECURRENCE-ID``): an override of
one occurrence changes that interview only. A series without an end is refused.

The interviewers are the people on the invitation (organizer and attendees), matched to people
already in the workspace by email, or added. Not people you met, so left out: the job seeker's
own addresses (``own_emails`` in the settings), rooms, resources and groups (``CUTYPE``),
attendees who declined (``PARTSTAT=DECLINED``) and the no-reply addresses scheduling tools send
from. An invitation for an interview already entered by hand (same application, same start)
is matched to it instead of adding a second one.

Everything is read and checked before anything is recorded, and what an invitation changes is
recorded in one atomic append: a bad invitation stores nothing.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import attrs
import icalendar

from afterview import (
    ContactPoint,
    ContactPointKind,
    DataError,
    DetailSource,
    Interview,
    InterviewFormat,
    InterviewStatus,
    Role,
    new_id,
)
from afterview import events as ev

if TYPE_CHECKING:
    from afterview import Workspace

__all__ = ["ImportAction", "InvitationImport", "InvitationOutcome", "import_invitation"]

#: A finite series longer than this is not an interview loop but a mistake (or a course).
MAX_OCCURRENCES = 12

#: Methods (RFC 5546) that send an event to its attendees; no METHOD is a published file.
_INVITING = frozenset({"PUBLISH", "REQUEST", "ADD", "CANCEL"})

#: Calendar user types (RFC 5545 ``CUTYPE``) that are not a person.
_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE", "GROUP"})

#: Local parts scheduling tools and calendar services send from: nobody reads them.
_NO_REPLY = re.compile(
    r"(no[-_.]?reply|do[-_.]?not[-_.]?reply|notifications?|calendar[-_.]?notifications?"
    r"|mailer[-_.]?daemon|scheduling|scheduler|invites?|unknownorganizer)([-_.+].*)?"
)
#: Domains that are calendars or rooms, never a person (Google Calendar's resources and groups).
_NOT_PERSON_DOMAINS = ("resource.calendar.google.com", "group.calendar.google.com")

#: Properties that carry a video meeting's link, by the calendars that write them.
_CONFERENCE_PROPERTIES = (
    "X-GOOGLE-CONFERENCE",  # Google Calendar (Meet)
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",  # Outlook / Exchange (Teams)
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",  # Outlook / Exchange (other providers)
)
#: Hosts of video meetings, when a link is all an invitation has.
_MEETING_HOSTS = (
    "zoom.us",
    "zoom.com",
    "meet.google.com",
    "teams.microsoft.com",
    "teams.live.com",
    "webex.com",
    "whereby.com",
    "bluejeans.com",
    "gotomeeting.com",
    "chime.aws",
    "facetime.apple.com",
    "meet.jit.si",
)
#: Hosts of maps: a link to one says where the building is, not that the interview is a call.
_MAP_HOSTS = ("maps.google.", "google.com/maps", "goo.gl/maps", "maps.apple.com", "bing.com/maps")
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


class ImportAction(enum.StrEnum):
    SCHEDULED = "scheduled"
    RESCHEDULED = "rescheduled"
    CANCELLED = "cancelled"
    UNCHANGED = "unchanged"
    IGNORED = "ignored"
    #: Its ``SEQUENCE`` is below the revision already recorded: a late copy, left unapplied.
    OUTDATED = "outdated"
    #: An interview entered by hand at the same time: it now comes from this invitation.
    MATCHED = "matched"


@attrs.frozen(kw_only=True)
class InvitationOutcome:
    """What became of one ``VEVENT``, or one occurrence of a recurring one."""

    uid: str
    action: ImportAction
    interview_id: str | None = None
    people_added: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: The occurrence's original start (``RECURRENCE-ID``); None for an event that does not recur.
    occurrence: datetime | None = None


@attrs.frozen
class InvitationImport:
    """What importing an invitation did, one outcome per ``VEVENT`` (or occurrence) in file
    order, and ``notes`` about the invitation as a whole."""

    outcomes: tuple[InvitationOutcome, ...]
    notes: tuple[str, ...] = ()

    @property
    def warnings(self) -> tuple[str, ...]:
        return (*self.notes, *(w for o in self.outcomes for w in o.warnings))


@attrs.frozen(kw_only=True)
class _Guest:
    email: str = attrs.field(repr=False)
    name: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class _Invite:
    uid: str
    #: The RECURRENCE-ID of an occurrence, None for an event that does not recur.
    occurrence: datetime | None
    sequence: int
    start: datetime
    cancelled: bool
    format: InterviewFormat
    guests: tuple[_Guest, ...] = attrs.field(repr=False)
    #: Occurrences of this UID that the file's series holds (set on each occurrence of a series
    #: sent whole): a recorded occurrence missing from them was removed from the series.
    series: frozenset[str] | None = None

    @property
    def key(self) -> str:
        """The interview's ``external_ref``: the UID, and the occurrence's original start."""
        return occurrence_key(self.uid, self.occurrence)

    @property
    def label(self) -> str:
        if self.occurrence is None:
            return self.uid
        return f"{self.uid} (occurrence of {self.occurrence.isoformat()})"


def occurrence_key(uid: str, occurrence: datetime | None) -> str:
    """``UID``, or ``UID#20260512T120000Z`` for one occurrence of a recurring invitation."""
    if occurrence is None:
        return uid
    return f"{uid}#{occurrence.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def _address(value: object) -> tuple[str, str] | None:
    """The email and name of an ``ORGANIZER`` or ``ATTENDEE``; Apple Calendar may give a
    ``urn:uuid:`` address with the email in the ``EMAIL`` parameter."""
    params = getattr(value, "params", {})
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    if "@" not in text:
        text = str(params.get("EMAIL", "")).strip().removeprefix("mailto:")
    if "@" not in text:
        return None
    email = text.lower()
    name = str(params.get("CN", "")).strip().strip('"')
    if not name or name.lower() == email:
        name = email.partition("@")[0]
    return email, name


def _is_person(value: object, email: str) -> bool:
    params = getattr(value, "params", {})
    if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in _NOT_PEOPLE:
        return False
    if str(params.get("PARTSTAT", "")).upper() == "DECLINED":
        return False
    local, _, domain = email.partition("@")
    return not (_NO_REPLY.fullmatch(local) or domain.endswith(_NOT_PERSON_DOMAINS))


def _guests(event: icalendar.Component, own: frozenset[str]) -> tuple[_Guest, ...]:
    found: dict[str, _Guest] = {}
    attendees = event.get("ATTENDEE", [])
    candidates: list[object] = [event.get("ORGANIZER")] if "ORGANIZER" in event else []
    candidates += attendees if isinstance(attendees, list) else [attendees]
    for candidate in candidates:
        address = _address(candidate)
        if address is None:
            continue
        email, name = address
        if email not in own and _is_person(candidate, email):
            found.setdefault(email, _Guest(email=email, name=name))
    return tuple(found.values())


def _moment(
    event: icalendar.Component, name: str, uid: str, default_timezone: tzinfo | None
) -> datetime:
    value = event.decoded(name)
    if not isinstance(value, datetime):
        if isinstance(value, date):
            raise DataError(f"invitation {uid!r} is an all-day event; an interview needs a time")
        raise DataError(f"invitation {uid!r} has a {name} that is not a date-time")
    if value.tzinfo is None or value.utcoffset() is None:
        zone_name = event[name].params.get("TZID")
        if zone_name:
            raise DataError(
                f"invitation {uid!r} gives its time in the zone {str(zone_name)!r}, which is "
                "not a time zone known here and which the invitation does not define "
                "(no VTIMEZONE): ask the sender for an invitation with the time zone included"
            )
        if default_timezone is None:
            raise DataError(
                f"invitation {uid!r} has a floating time (no time zone); "
                "pass default_timezone to say which zone it is in"
            )
        value = value.replace(tzinfo=default_timezone)
    return value


def _sequence(event: icalendar.Component, uid: str) -> int:
    # RFC 5545: an event without SEQUENCE is at revision 0.
    if "SEQUENCE" not in event:
        return 0
    value = event.decoded("SEQUENCE")
    if not isinstance(value, int) or value < 0:
        raise DataError(f"invitation {uid!r} has a SEQUENCE that is not a whole number >= 0")
    return value


def _hosts(text: str, hosts: Iterable[str]) -> bool:
    return any(host in text.lower() for host in hosts)


def _meeting_link(text: str) -> bool:
    """Whether ``text`` is, or holds, a link to a video meeting (and not to a map)."""
    for url in _URL.findall(text):
        if _hosts(url, _MAP_HOSTS):
            continue
        if _hosts(urlsplit(url).netloc + urlsplit(url).path, _MEETING_HOSTS):
            return True
    return False


def _conference(event: icalendar.Component) -> InterviewFormat | None:
    """The format the conference properties say, if they say one.

    RFC 7986 ``CONFERENCE`` names its features (``VIDEO``, ``AUDIO``, ``PHONE``…); a ``tel:``
    one alone is a phone call. Google Calendar and Outlook write their own properties.
    """
    if any(str(event.get(name, "")).strip() for name in _CONFERENCE_PROPERTIES):
        return InterviewFormat.VIDEO
    conferences = event.get("CONFERENCE", [])
    conferences = conferences if isinstance(conferences, list) else [conferences]
    phone = False
    for conference in conferences:
        features = str(getattr(conference, "params", {}).get("FEATURE", "")).upper()
        uri = str(conference).strip().lower()
        if "VIDEO" in features or "SCREEN" in features:
            return InterviewFormat.VIDEO
        if uri.startswith("tel:") or "PHONE" in features:
            phone = True
        elif uri.startswith(("http://", "https://")):
            return InterviewFormat.VIDEO
    return InterviewFormat.PHONE if phone else None


def _format(event: icalendar.Component) -> InterviewFormat:
    """Video, phone or on-site, from the conference properties, then the location.

    The description is read only when there is no location, and only for a link to a meeting
    host: an on-site invitation often has a map link, or a dial-in, in its description.
    """
    conference = _conference(event)
    if conference is not None:
        return conference
    location = str(event.get("LOCATION", "")).strip()
    summary = str(event.get("SUMMARY", "")).lower()
    phone_words = ("tel:", "phone", "call you")
    if location:
        if location.lower().startswith(("http://", "https://")):
            return (
                InterviewFormat.ON_SITE if _hosts(location, _MAP_HOSTS) else InterviewFormat.VIDEO
            )
        if _meeting_link(location) or _hosts(location, ("microsoft teams meeting", "zoom meeting")):
            return InterviewFormat.VIDEO
        if any(word in location.lower() for word in phone_words):
            return InterviewFormat.PHONE
        return InterviewFormat.ON_SITE
    if _meeting_link(str(event.get("URL", ""))) or _meeting_link(str(event.get("DESCRIPTION", ""))):
        return InterviewFormat.VIDEO
    if any(word in summary for word in phone_words):
        return InterviewFormat.PHONE
    return InterviewFormat.ON_SITE


def _method(calendar: icalendar.Calendar) -> str:
    method = str(calendar.get("METHOD", "PUBLISH")).strip().upper()
    if method == "REPLY":
        raise DataError(
            "this is a reply to an invitation (METHOD:REPLY): it says whether someone accepted, "
            "not when you meet; import the invitation itself"
        )
    if method not in _INVITING:
        raise DataError(
            f"METHOD:{method} is not an invitation; import one sent with METHOD:REQUEST, "
            "PUBLISH or CANCEL"
        )
    return method


def _finite(master: icalendar.Component, uid: str) -> None:
    rules = master.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules]:
        if "COUNT" not in rule and "UNTIL" not in rule:
            raise DataError(
                f"invitation {uid!r} repeats without end (RRULE with neither COUNT nor UNTIL): "
                "an interview happens once, or a few times; add its dates one by one"
            )


def _series(
    calendar: icalendar.Calendar, components: list[icalendar.Component], uid: str
) -> list[icalendar.Component]:
    """The occurrences of a recurring event, overrides applied, each with its
    ``RECURRENCE-ID``."""
    import recurring_ical_events  # type: ignore[import-untyped]

    alone = icalendar.Calendar()
    for timezone in calendar.walk("VTIMEZONE"):
        alone.add_component(timezone)
    for component in components:
        alone.add_component(component)
    occurrences: list[icalendar.Component] = []
    for occurrence in recurring_ical_events.of(alone).all():
        occurrences.append(occurrence)
        if len(occurrences) > MAX_OCCURRENCES:
            raise DataError(
                f"invitation {uid!r} repeats more than {MAX_OCCURRENCES} times; "
                "that is not an interview"
            )
    return occurrences


@attrs.frozen(kw_only=True)
class _Reader:
    """What reading each ``VEVENT`` of one invitation shares."""

    own: frozenset[str] = attrs.field(repr=False)
    default_timezone: tzinfo | None
    #: ``METHOD:CANCEL``: every event of the file is cancelled.
    cancelling: bool

    def moment(self, component: icalendar.Component, name: str, uid: str) -> datetime:
        return _moment(component, name, uid, self.default_timezone)

    def invite(self, component: icalendar.Component, uid: str) -> _Invite:
        if "DTSTART" not in component:
            raise DataError(f"invitation {uid!r} has no start time (DTSTART)")
        recurrence = component.get("RECURRENCE-ID")
        return _Invite(
            uid=uid,
            occurrence=None if recurrence is None else self.moment(component, "RECURRENCE-ID", uid),
            sequence=_sequence(component, uid),
            start=self.moment(component, "DTSTART", uid),
            cancelled=self.cancelling or str(component.get("STATUS", "")).upper() == "CANCELLED",
            format=_format(component),
            guests=_guests(component, self.own),
        )


def _parse(ics: bytes | str, own: frozenset[str], default_timezone: tzinfo | None) -> list[_Invite]:
    try:
        calendar = icalendar.Calendar.from_ical(ics)
    except ValueError as exc:
        raise DataError(f"not an iCalendar invitation: {exc}") from None
    if not isinstance(calendar, icalendar.Calendar):
        raise DataError("not an iCalendar invitation: expected one VCALENDAR")
    reader = _Reader(
        own=own, default_timezone=default_timezone, cancelling=_method(calendar) == "CANCEL"
    )
    events = calendar.walk("VEVENT")
    if not events:
        raise DataError("the invitation holds no event (VEVENT)")
    by_uid: dict[str, list[icalendar.Component]] = {}
    for event in events:
        uid = str(event.get("UID", "")).strip()
        if not uid:
            raise DataError("an event of the invitation has no UID; it cannot be tracked")
        by_uid.setdefault(uid, []).append(event)
    invites: list[_Invite] = []
    read_whole: set[str] = set()
    for event in events:
        uid = str(event["UID"]).strip()
        masters = [c for c in by_uid[uid] if "RRULE" in c and "RECURRENCE-ID" not in c]
        if not masters:
            invites.append(reader.invite(event, uid))
            continue
        if uid in read_whole:
            continue  # the series was read whole at its first component
        read_whole.add(uid)
        for master in masters:
            _finite(master, uid)
            reader.moment(master, "DTSTART", uid)  # a clear error before expanding
        parts = [reader.invite(c, uid) for c in _series(calendar, by_uid[uid], uid)]
        keys = frozenset(p.key for p in parts)
        invites += [attrs.evolve(p, series=keys) for p in parts]
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
    #: Interviews this invitation has handled, by key (a file may name one twice).
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

    def recorded(self, invite: _Invite) -> Interview | None:
        """The interview this invitation (or occurrence) was imported as before, if any."""
        interviews = self.workspace.state.interviews.values()
        found = next((i for i in interviews if i.external_ref == invite.key), None)
        if found is None and invite.occurrence is not None:
            # Imported whole, before occurrences were told apart: the override of its first
            # occurrence is the same interview; any other occurrence is not.
            found = next(
                (
                    i
                    for i in interviews
                    if i.external_ref == invite.uid and i.scheduled_for == invite.occurrence
                ),
                None,
            )
        return found

    def entered_by_hand(self, invite: _Invite) -> Interview | None:
        """An interview of the same application at the same time that no record describes."""
        return next(
            (
                i
                for i in self.workspace.state.interviews_of(self.application_id)
                if i.external_ref is None
                and i.status is not InterviewStatus.CANCELLED
                and i.scheduled_for == invite.start
                and i.id not in self.handled.values()
            ),
            None,
        )


def import_invitation(
    workspace: Workspace,
    ics: bytes | str,
    *,
    application: str,
    own_email: str | None = None,
    own_emails: Iterable[str] | None = None,
    default_timezone: tzinfo | None = None,
) -> InvitationImport:
    """Schedule, reschedule or cancel interviews of ``application`` from an invitation.

    Every change the invitation makes is recorded in one atomic append: all of it, or (on an
    error) none of it.

    :param own_emails: the job seeker's addresses, left out of the interviewers; default: the
        workspace's ``own_emails`` setting.
    :param own_email: one more such address.
    :param default_timezone: the zone of floating times (those with neither ``TZID`` nor ``Z``).
    :raises DataError: not an invitation (a reply, say), an event without ``UID`` or time, a
        series without end, a time zone neither known nor defined, or a floating time with no
        ``default_timezone``; nothing was recorded.
    :raises NotFoundError: ``application`` matches no application; nothing was recorded.
    :raises EventRejected: the invitation does not fit the workspace (for example the
        application is already decided); nothing was recorded.
    """
    addresses = workspace.settings.own_emails if own_emails is None else tuple(own_emails)
    own = frozenset(a.strip().lower() for a in (*addresses, own_email or "") if a.strip())
    invites = _parse(ics, own, default_timezone)
    application_id = workspace.application_id(application)
    plan = _Plan(
        workspace=workspace,
        application_id=application_id,
        organization=workspace.state.applications[application_id].organization_id,
        now=workspace.clock(),
        known=_person_by_email(workspace),
    )
    outcomes = [_apply(plan, invite) for invite in invites]
    outcomes += _removed_from_series(plan, invites)
    notes: tuple[str, ...] = ()
    if not own and any(o.people_added for o in outcomes):
        notes = (
            "no own_emails in the settings: if your own address is on the invitation, you were "
            "added as an interviewer; set own_emails and forget that contact",
        )
    workspace.record(*plan.events)
    return InvitationImport(tuple(outcomes), notes)


def _removed_from_series(plan: _Plan, invites: list[_Invite]) -> list[InvitationOutcome]:
    """Cancel recorded occurrences of a series that the series, sent whole, no longer holds
    (an ``EXDATE`` added, a ``COUNT`` lowered)."""
    outcomes = []
    for uid, keys in {i.uid: i.series for i in invites if i.series is not None}.items():
        assert keys is not None
        for interview in plan.workspace.state.interviews.values():
            ref = interview.external_ref or ""
            if (
                ref.startswith(f"{uid}#")
                and ref not in keys
                and interview.status is InterviewStatus.SCHEDULED
            ):
                plan.events.append(ev.InterviewCancelled(at=plan.now, interview_id=interview.id))
                outcomes.append(
                    InvitationOutcome(
                        uid=uid, action=ImportAction.CANCELLED, interview_id=interview.id
                    )
                )
    return outcomes


def _apply(plan: _Plan, invite: _Invite) -> InvitationOutcome:
    return attrs.evolve(_applied(plan, invite), occurrence=invite.occurrence)


def _applied(plan: _Plan, invite: _Invite) -> InvitationOutcome:
    if invite.key in plan.handled:
        return InvitationOutcome(
            uid=invite.uid,
            action=ImportAction.IGNORED,
            interview_id=plan.handled[invite.key],
            warnings=(f"{invite.label}: the invitation holds this event twice; the first counts",),
        )
    existing = plan.recorded(invite)
    if existing is None:
        return _new(plan, invite)
    plan.handled[invite.key] = existing.id
    if existing.status is not InterviewStatus.SCHEDULED:
        changed = invite.cancelled or existing.scheduled_for != invite.start
        return InvitationOutcome(
            uid=invite.uid,
            action=ImportAction.UNCHANGED,
            interview_id=existing.id,
            warnings=(f"{invite.label}: the interview is already {existing.status}; left as is",)
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
                f"{invite.label}: revision {invite.sequence} is older than what is recorded "
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


def _new(plan: _Plan, invite: _Invite) -> InvitationOutcome:
    """An invitation the workspace has not seen: a new interview, or one entered by hand."""
    if invite.cancelled:
        return InvitationOutcome(
            uid=invite.uid,
            action=ImportAction.IGNORED,
            warnings=(f"{invite.label}: cancelled before it was imported; nothing to do",),
        )
    by_hand = plan.entered_by_hand(invite)
    ids, added = plan.interviewers(invite.guests)
    if by_hand is not None:
        plan.events.append(
            ev.InterviewLinked(
                at=plan.now,
                interview_id=by_hand.id,
                external_ref=invite.key,
                revision=invite.sequence,
                interviewers=tuple(p for p in ids if p not in by_hand.interviewers),
            )
        )
        plan.handled[invite.key] = by_hand.id
        return InvitationOutcome(
            uid=invite.uid,
            action=ImportAction.MATCHED,
            interview_id=by_hand.id,
            people_added=tuple(added),
        )
    interview_id = new_id("int")
    plan.events.append(
        ev.InterviewScheduled(
            at=plan.now,
            interview_id=interview_id,
            application_id=plan.application_id,
            scheduled_for=invite.start,
            format=invite.format,
            interviewers=tuple(ids),
            external_ref=invite.key,
            revision=invite.sequence,
        )
    )
    plan.handled[invite.key] = interview_id
    warnings = (
        ()
        if ids
        else (f"{invite.label}: the invitation names no interviewer; add them once you know",)
    )
    return InvitationOutcome(
        uid=invite.uid,
        action=ImportAction.SCHEDULED,
        interview_id=interview_id,
        people_added=tuple(added),
        warnings=warnings,
    )
