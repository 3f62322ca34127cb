"""afterview as an iCalendar file: the scheduled interviews, the agenda's advice and the
stay-in-touch plans.

Each item's ``UID`` is its reminder key (for an interview, its id), the same whatever file it is
written to, so a calendar application that subscribes to (or
re-imports) the file updates an item in place instead of showing it twice. An item whose content
changed keeps its ``UID`` and gets a higher ``SEQUENCE``: the previous file's ``SEQUENCE`` and a
content hash (``X-AFTERVIEW-HASH``) are read back to know. Files are replaced atomically (a
temporary file in the same directory, then :func:`os.replace`), so a reader never sees half a
calendar.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import attrs
import icalendar

from afterview import (
    DataError,
    InterviewStatus,
    Notification,
    idempotency_key,
    make_private_dirs,
    mask_url,
)

if TYPE_CHECKING:
    from afterview import Advice, Interview, StayInTouchPlan, Workspace

__all__ = [
    "ERASED_SUMMARY",
    "PRODID",
    "CalendarItem",
    "CalendarReport",
    "IcsNotifier",
    "erase_from_calendar",
    "recurrence",
    "write_calendar",
]

PRODID = "-//afterview//afterview-ics//EN"
HASH_PROPERTY = "X-AFTERVIEW-HASH"
#: What an item about a forgotten person reads once erased.
ERASED_SUMMARY = "A reminder about a contact you asked to forget"
#: A stay-in-touch occurrence is a half-hour slot with a reminder an hour before.
TOUCH_DURATION = timedelta(minutes=30)
TOUCH_ALARM = timedelta(hours=1)
#: A stay-in-touch slot starts at this local time on a working day (Monday to Friday) of the
#: job seeker's time zone.
TOUCH_TIME = time(10)
#: An interview is shown an hour long: invitations are not kept, so neither is their end.
INTERVIEW_DURATION = timedelta(hours=1)
#: What the calendar's UIDs say the channel is: the same for every file, so that writing the
#: same workspace to another path (a synced folder, a new disk) updates rather than replaces.
CHANNEL = "calendar"


@attrs.frozen(kw_only=True)
class CalendarItem:
    """One event (or to-do) of the calendar, before it is written.

    ``due`` is a deadline: an all-day event on its date, or a to-do's ``DUE``. ``start`` is a
    timed slot: a stay-in-touch slot (recurring on ``cadence_days``), or an appointment such as
    an interview when ``duration`` is set (always an event, even in a calendar of to-dos).
    """

    uid: str
    summary: str = attrs.field(repr=False)
    description: str = attrs.field(default="", repr=False)
    due: datetime | None = None
    start: datetime | None = None
    cadence_days: int | None = None
    duration: timedelta | None = None

    def content_hash(self, todo: bool) -> str:
        """What, when it changes, makes a calendar application take the item as updated."""
        parts = (
            "todo" if todo else "event",
            self.summary,
            self.description,
            self.due.isoformat() if self.due else "",
            self.start.isoformat() if self.start else "",
            str(self.cadence_days or ""),
            str(self.duration or ""),
        )
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


@attrs.frozen
class CalendarReport:
    """What writing the calendar changed, by item count."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0


def recurrence(cadence_days: int) -> dict[str, object]:
    """The ``RRULE`` of a stay-in-touch cadence: weekly when it is whole weeks, else daily."""
    if cadence_days % 7 == 0:
        return {"FREQ": "WEEKLY", "INTERVAL": cadence_days // 7}
    return {"FREQ": "DAILY", "INTERVAL": cadence_days}


def _component(
    item: CalendarItem, *, todo: bool, sequence: int, stamp: datetime
) -> icalendar.Component:
    # Times are written in UTC: a fixed UTC offset would be written as a TZID with no VTIMEZONE
    # to define it, which calendar applications reject or read as floating local time.
    todo = todo and item.duration is None  # an appointment is an event in any calendar
    component: icalendar.Component = icalendar.Todo() if todo else icalendar.Event()
    component.add("UID", item.uid)
    component.add("DTSTAMP", stamp.astimezone(UTC))
    component.add("SEQUENCE", sequence)
    component.add("SUMMARY", item.summary)
    if item.description:
        component.add("DESCRIPTION", item.description)
    if item.start is not None:
        start = item.start.astimezone(UTC)
        component.add("DTSTART", start)
        if todo:
            component.add("DUE", start + TOUCH_DURATION)
        else:
            component.add("DTEND", start + (item.duration or TOUCH_DURATION))
        if item.cadence_days is not None:
            component.add("RRULE", recurrence(item.cadence_days))
        alarm = icalendar.Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("DESCRIPTION", item.summary)
        alarm.add("TRIGGER", -TOUCH_ALARM)
        component.add_component(alarm)
    elif item.due is not None:
        if todo:
            component.add("DUE", item.due.astimezone(UTC))
        else:
            day: date = item.due.date()
            component.add("DTSTART", day)
            component.add("DTEND", day + timedelta(days=1))
    component.add(HASH_PROPERTY, item.content_hash(todo))
    return component


def _read(path: Path) -> icalendar.Calendar | None:
    """The calendar at ``path``, ``None`` when there is no file.

    :raises DataError: the file is not an iCalendar file (it is left untouched).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise DataError(f"{path} is not an iCalendar file, refusing to replace it: {exc}") from None
    if not isinstance(calendar, icalendar.Calendar):
        raise DataError(f"{path} is not an iCalendar file, refusing to replace it")
    return calendar


def _new_calendar() -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("X-WR-CALNAME", "afterview")
    return calendar


def _by_uid(calendar: icalendar.Calendar | None) -> dict[str, icalendar.Component]:
    if calendar is None:
        return {}
    return {
        str(c["UID"]): c
        for c in calendar.subcomponents
        if c.name in ("VEVENT", "VTODO") and "UID" in c
    }


def _write_atomically(path: Path, calendar: icalendar.Calendar) -> None:
    # The calendar names the people met: a directory made for it is the owner's alone.
    make_private_dirs(path.parent)
    try:
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = None  # a new file stays readable by its owner only, as mkstemp makes it
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            # The replacement takes the old file's permissions: a calendar shared with a group
            # (or served by a web server) stays shared.
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as out:
            out.write(calendar.to_ical())
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _merge(
    previous: Mapping[str, icalendar.Component],
    items: Iterable[CalendarItem],
    *,
    todo: bool,
    now: datetime,
) -> tuple[list[icalendar.Component], CalendarReport]:
    components: list[icalendar.Component] = []
    added = changed = unchanged = 0
    for item in items:
        old = previous.get(item.uid)
        if old is None:
            components.append(_component(item, todo=todo, sequence=0, stamp=now))
            added += 1
        elif str(old.get(HASH_PROPERTY, "")) == item.content_hash(todo):
            components.append(old)  # byte for byte as before: nothing to update
            unchanged += 1
        else:
            sequence = int(old.get("SEQUENCE", 0)) + 1
            components.append(_component(item, todo=todo, sequence=sequence, stamp=now))
            changed += 1
    return components, CalendarReport(added, changed, unchanged)


# --- what goes in the calendar --------------------------------------------------------------


def _advice_item(workspace: Workspace, advice: Advice, channel: str) -> CalendarItem:
    return CalendarItem(
        uid=idempotency_key(workspace.name, advice, channel),
        summary=advice.message,
        description=f"{advice.code} {advice.name}",
        due=advice.due,
    )


def working_slot(moment: datetime, zone: tzinfo) -> datetime:
    """:data:`TOUCH_TIME` on the day of ``moment`` in ``zone``, moved from a weekend to the
    Monday after."""
    day = moment.astimezone(zone).date()
    if day.weekday() >= 5:
        day += timedelta(days=7 - day.weekday())
    return datetime.combine(day, TOUCH_TIME, tzinfo=zone)


def _interview_item(workspace: Workspace, interview: Interview) -> CalendarItem:
    state = workspace.state
    application = state.applications[interview.application_id]
    organization = state.organizations[application.organization_id].name
    names = [
        state.people[p].name or "someone"
        for p in interview.interviewers
        if p in state.people and not state.people[p].forgotten
    ]
    met = f"With {', '.join(names)}. " if names else ""
    return CalendarItem(
        uid=f"{workspace.name}|interview:{interview.id}|{CHANNEL}",
        summary=f"Interview: {application.role_title} at {organization}",
        description=f"{met}Format: {interview.format.value.replace('_', '-')}.",
        start=interview.scheduled_for,
        duration=INTERVIEW_DURATION,
    )


def _plan_item(workspace: Workspace, plan: StayInTouchPlan, channel: str) -> CalendarItem:
    person = workspace.state.people[plan.person_id]
    since = plan.since.date().isoformat()
    return CalendarItem(
        uid=f"{workspace.name}|stay-in-touch|person:{plan.person_id}|{since}|{channel}",
        summary=f"Get in touch with {person.name or 'a contact'}",
        description=(
            "A short, useful note: news of your search, an article they would like, "
            "thanks for their advice. Ask whether they have heard of openings."
        ),
        start=working_slot(
            plan.since + timedelta(days=plan.cadence_days), workspace.settings.zone()
        ),
        cadence_days=plan.cadence_days,
    )


def calendar_items(workspace: Workspace, now: datetime) -> list[CalendarItem]:
    """The scheduled interviews, the agenda's advice and the running stay-in-touch plans of
    people not forgotten."""
    channel = CHANNEL
    state = workspace.state
    items = [
        _interview_item(workspace, interview)
        for interview in sorted(state.interviews.values(), key=lambda i: (i.scheduled_for, i.id))
        if interview.status is InterviewStatus.SCHEDULED
    ]
    items += [_advice_item(workspace, advice, channel) for advice in workspace.agenda(now)]
    items += [
        _plan_item(workspace, plan, channel)
        for plan in sorted(state.plans.values(), key=lambda p: p.person_id)
        if plan.ended_at is None and not state.people[plan.person_id].forgotten
    ]
    return items


def write_calendar(
    workspace: Workspace, path: str | os.PathLike[str], now: datetime, *, todo: bool = False
) -> CalendarReport:
    """Write the workspace's scheduled interviews, agenda and stay-in-touch plans to ``path``:
    events, or to-dos with ``todo=True`` (interviews stay events). Items no longer on the agenda
    (done, or resolved) and interviews no longer scheduled leave the file.

    :raises DataError: ``path`` holds something that is not an iCalendar file.
    """
    target = Path(path)
    previous = _by_uid(_read(target))
    components, report = _merge(previous, calendar_items(workspace, now), todo=todo, now=now)
    kept = {str(c["UID"]) for c in components}
    calendar = _new_calendar()
    for component in components:
        calendar.add_component(component)
    _write_atomically(target, calendar)
    return attrs.evolve(report, removed=len(set(previous) - kept))


# --- forgetting a person -------------------------------------------------------------------


def _texts(component: icalendar.Component) -> list[str]:
    texts = [str(component.get(name, "")) for name in ("SUMMARY", "DESCRIPTION", "LOCATION")]
    texts += [str(alarm.get("DESCRIPTION", "")) for alarm in component.walk("VALARM")]
    return texts


def erase_from_calendar(
    path: str | os.PathLike[str],
    uids: Iterable[str],
    names_them: Callable[[str], bool],
    *,
    now: datetime | None = None,
) -> int:
    """Blank every item of the calendar at ``path`` whose UID is in ``uids`` or whose text
    ``names_them``; return how many were blanked. The file is replaced atomically, and a blanked
    item keeps its UID with a higher ``SEQUENCE``, so that a subscribed calendar application
    replaces its copy instead of keeping it.

    :raises DataError: ``path`` holds something that is not an iCalendar file.
    """
    target = Path(path)
    wanted = set(uids)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    with IcsNotifier.lock_for(target):
        calendar = _read(target)
        if calendar is None:
            return 0
        erased = 0
        for component in calendar.subcomponents:
            if component.name not in ("VEVENT", "VTODO"):
                continue
            uid = str(component.get("UID", ""))
            texts = _texts(component)
            if ERASED_SUMMARY in texts[0] or not (
                uid in wanted or any(names_them(t) for t in texts if t)
            ):
                continue
            sequence = int(component.get("SEQUENCE", 0) or 0)
            for name in (
                "SUMMARY",
                "DESCRIPTION",
                "LOCATION",
                "DTSTAMP",
                "SEQUENCE",
                HASH_PROPERTY,
            ):
                component.pop(name, None)
            component.subcomponents = [c for c in component.subcomponents if c.name != "VALARM"]
            component.add("SUMMARY", ERASED_SUMMARY)
            component.add("DTSTAMP", stamp)
            component.add("SEQUENCE", sequence + 1)
            erased += 1
        if erased:
            _write_atomically(target, calendar)
    return erased


# --- the notifier ---------------------------------------------------------------------------


class IcsNotifier:
    """``ics:///path/to/file.ics``: each reminder becomes (or updates) one event of the file,
    its UID the reminder key, so a repeated delivery changes nothing."""

    _locks: ClassVar[dict[Path, threading.Lock]] = {}
    _locks_guard: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def lock_for(cls, path: Path) -> threading.Lock:
        """The lock every writer of ``path`` in this process holds."""
        with cls._locks_guard:
            return cls._locks.setdefault(path, threading.Lock())

    def __init__(self, url: str) -> None:
        path = url.removeprefix("ics://")
        if not path.startswith("/") or path == "/":
            raise DataError(
                f"an ics notifier URL names an absolute file, like ics:///home/me/afterview.ics; "
                f"got {mask_url(url)!r}"
            )
        self._url = mask_url(url)
        self.path = Path(path)
        self._lock = self.lock_for(self.path)

    def __repr__(self) -> str:
        return f"<IcsNotifier {self._url!r}>"

    @property
    def url(self) -> str:
        return self._url

    def notify(self, notification: Notification) -> bool:
        item = CalendarItem(
            uid=notification.key,
            summary=notification.body.splitlines()[0] if notification.body else notification.title,
            description=notification.title,
            due=notification.due,
        )
        # Read-modify-write: one writer at a time per file within this process.
        with self._lock:
            calendar = _read(self.path) or _new_calendar()
            previous = _by_uid(calendar)
            components, report = _merge(previous, [item], todo=False, now=datetime.now(UTC))
            if report.unchanged:
                return True
            fresh = _new_calendar()
            for component in calendar.subcomponents:
                if str(component.get("UID", "")) != item.uid:
                    fresh.add_component(component)
            fresh.add_component(components[0])
            _write_atomically(self.path, fresh)
        return True
