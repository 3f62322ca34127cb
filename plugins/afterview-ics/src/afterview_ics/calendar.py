"""afterview as an iCalendar file: the agenda's advice and the stay-in-touch plans.

Each item's ``UID`` is its reminder key, so a calendar application that subscribes to (or
re-imports) the file updates an item in place instead of showing it twice. An item whose content
changed keeps its ``UID`` and gets a higher ``SEQUENCE``: the previous file's ``SEQUENCE`` and a
content hash (``X-AFTERVIEW-HASH``) are read back to know. Files are replaced atomically (a
temporary file in the same directory, then :func:`os.replace`), so a reader never sees half a
calendar.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import attrs
import icalendar

from afterview import DataError, Notification, idempotency_key, mask_url

if TYPE_CHECKING:
    from afterview import Advice, StayInTouchPlan, Workspace

__all__ = [
    "PRODID",
    "CalendarItem",
    "CalendarReport",
    "IcsNotifier",
    "recurrence",
    "write_calendar",
]

PRODID = "-//afterview//afterview-ics//EN"
HASH_PROPERTY = "X-AFTERVIEW-HASH"
#: A stay-in-touch occurrence is a half-hour slot with a reminder an hour before.
TOUCH_DURATION = timedelta(minutes=30)
TOUCH_ALARM = timedelta(hours=1)


@attrs.frozen(kw_only=True)
class CalendarItem:
    """One event (or to-do) of the calendar, before it is written.

    ``due`` is a deadline: an all-day event on its date, or a to-do's ``DUE``. ``start`` is a
    timed, recurring stay-in-touch slot.
    """

    uid: str
    summary: str = attrs.field(repr=False)
    description: str = attrs.field(default="", repr=False)
    due: datetime | None = None
    start: datetime | None = None
    cadence_days: int | None = None

    def content_hash(self, todo: bool) -> str:
        """What, when it changes, makes a calendar application take the item as updated."""
        parts = (
            "todo" if todo else "event",
            self.summary,
            self.description,
            self.due.isoformat() if self.due else "",
            self.start.isoformat() if self.start else "",
            str(self.cadence_days or ""),
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
            component.add("DTEND", start + TOUCH_DURATION)
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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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
        start=plan.since + timedelta(days=plan.cadence_days),
        cadence_days=plan.cadence_days,
    )


def calendar_items(workspace: Workspace, path: Path, now: datetime) -> list[CalendarItem]:
    """The agenda's advice and the running stay-in-touch plans of people not forgotten."""
    channel = f"ics://{path.absolute()}"
    state = workspace.state
    items = [_advice_item(workspace, advice, channel) for advice in workspace.agenda(now)]
    items += [
        _plan_item(workspace, plan, channel)
        for plan in sorted(state.plans.values(), key=lambda p: p.person_id)
        if plan.ended_at is None and not state.people[plan.person_id].forgotten
    ]
    return items


def write_calendar(
    workspace: Workspace, path: str | os.PathLike[str], now: datetime, *, todo: bool = False
) -> CalendarReport:
    """Write the workspace's agenda and stay-in-touch plans to ``path``: events, or to-dos with
    ``todo=True``. Items no longer on the agenda (done, or resolved) leave the file.

    :raises DataError: ``path`` holds something that is not an iCalendar file.
    """
    target = Path(path)
    previous = _by_uid(_read(target))
    components, report = _merge(
        previous, calendar_items(workspace, target, now), todo=todo, now=now
    )
    kept = {str(c["UID"]) for c in components}
    calendar = _new_calendar()
    for component in components:
        calendar.add_component(component)
    _write_atomically(target, calendar)
    return attrs.evolve(report, removed=len(set(previous) - kept))


# --- the notifier ---------------------------------------------------------------------------


class IcsNotifier:
    """``ics:///path/to/file.ics``: each reminder becomes (or updates) one event of the file,
    its UID the reminder key, so a repeated delivery changes nothing."""

    _locks: ClassVar[dict[Path, threading.Lock]] = {}
    _locks_guard: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, url: str) -> None:
        path = url.removeprefix("ics://")
        if not path.startswith("/") or path == "/":
            raise DataError(
                f"an ics notifier URL names an absolute file, like ics:///home/me/afterview.ics; "
                f"got {mask_url(url)!r}"
            )
        self._url = mask_url(url)
        self.path = Path(path)
        with self._locks_guard:
            self._lock = self._locks.setdefault(self.path, threading.Lock())

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
