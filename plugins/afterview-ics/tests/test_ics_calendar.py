"""The calendar file: advice as events or to-dos, stay-in-touch plans as recurring events, read
back with icalendar and expanded with recurring_ical_events."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import afterview_ics.plugin
import attrs
import icalendar
import pytest
import recurring_ical_events
from afterview_ics import CalendarReport, IcsNotifier, recurrence, write_calendar

from afterview import DataError, Notification, PluginManager, Settings, Workspace

HELD = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
NOW = HELD + timedelta(hours=3)
#: Stay-in-touch slots are at 10:00 in the job seeker's zone (UTC here) on the plan's days.
SLOT = HELD.replace(hour=10)


class Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}_{self.n}"


@pytest.fixture
def ws() -> Iterator[Workspace]:
    pm = PluginManager(load_entry_points=False)
    pm.register(afterview_ics.plugin, name="ics")
    workspace = Workspace.open(
        "memory://",
        name="jo",
        settings=Settings(select=("AV301",), timezone="UTC"),
        plugin_manager=pm,
        clock=lambda: NOW,
        ids=Ids(),
    )
    org = workspace.add_organization("Acme Analytics", at=HELD)
    app = workspace.submit_application(org, "Data Analyst", at=HELD)
    dana = workspace.add_contact("Dana Reyes", "interviewer", organization=org, at=HELD)
    rita = workspace.add_contact("Rita Moss", "receptionist", organization=org, at=HELD)
    interview = workspace.schedule_interview(app, HELD, interviewers=[dana], at=HELD)
    workspace.record_interview_held(interview, people_met=[rita], at=HELD)
    workspace.agree_stay_in_touch(dana, cadence_days=14, at=HELD)
    workspace.agree_stay_in_touch(rita, cadence_days=10, at=HELD)
    yield workspace
    workspace.close()


def read(path: Path) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert isinstance(calendar, icalendar.Calendar)
    return calendar


def by_summary(
    calendar: icalendar.Calendar, name: str = "VEVENT"
) -> dict[str, icalendar.Component]:
    return {str(c["SUMMARY"]): c for c in calendar.walk(name)}


def test_times_with_a_utc_offset_are_written_so_that_every_calendar_can_read_them(
    tmp_path: Path,
) -> None:
    lisbon_summer = timezone(timedelta(hours=1))
    held = HELD.astimezone(lisbon_summer)
    pm = PluginManager(load_entry_points=False)
    pm.register(afterview_ics.plugin, name="ics")
    with Workspace.open(
        "memory://", plugin_manager=pm, settings=Settings(timezone="UTC"), clock=lambda: held
    ) as workspace:
        org = workspace.add_organization("Acme Analytics")
        dana = workspace.add_contact("Dana Reyes", "interviewer", organization=org)
        workspace.agree_stay_in_touch(dana, cadence_days=14)
        for todo, name in ((False, "events.ics"), (True, "todo.ics")):
            path = tmp_path / name
            write_calendar(workspace, path, held, todo=todo)

            calendar = read(path)
            defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
            used = {
                str(prop.params["TZID"])
                for component in calendar.walk()
                for prop in component.values()
                if hasattr(prop, "params") and "TZID" in prop.params
            }
            assert used <= defined, f"TZID {used - defined} has no VTIMEZONE"
            (item,) = calendar.walk("VTODO" if todo else "VEVENT")
            assert item.decoded("DTSTART") == SLOT + timedelta(days=14)


def test_advice_becomes_all_day_events_whose_uid_is_the_reminder_key(
    ws: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "afterview.ics"

    report = write_calendar(ws, path, NOW)

    events = by_summary(read(path))
    assert report == CalendarReport(added=4)
    dana = events["Send a thank-you note to Dana Reyes (interviewer)"]
    assert dana.decoded("DTSTART") == date(2026, 5, 5)
    assert dana.decoded("DTEND") == date(2026, 5, 6)
    assert str(dana["UID"]) == "jo|AV301|interview:int_5,person:per_3|2026-05-05|calendar"
    assert int(dana["SEQUENCE"]) == 0
    assert "Send a thank-you note to Rita Moss (receptionist)" in events


def test_stay_in_touch_plans_recur_on_their_cadence(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "afterview.ics"
    write_calendar(ws, path, NOW)
    calendar = read(path)

    dana = by_summary(calendar)["Get in touch with Dana Reyes"]
    rita = by_summary(calendar)["Get in touch with Rita Moss"]
    occurrences = recurring_ical_events.of(calendar).between(HELD, HELD + timedelta(days=60))

    assert dict(dana["RRULE"]) == {"FREQ": ["WEEKLY"], "INTERVAL": [2]}
    assert dict(rita["RRULE"]) == {"FREQ": ["DAILY"], "INTERVAL": [10]}
    starts: dict[str, list[datetime]] = {}
    for occurrence in occurrences:
        if str(occurrence["SUMMARY"]).startswith("Get in touch"):
            starts.setdefault(str(occurrence["SUMMARY"]), []).append(occurrence["DTSTART"].dt)
    assert starts["Get in touch with Dana Reyes"] == [
        SLOT + timedelta(days=14 * k) for k in (1, 2, 3, 4)
    ]
    assert starts["Get in touch with Rita Moss"] == [
        SLOT + timedelta(days=10 * k) for k in (1, 2, 3, 4, 5)
    ]  # the window's end is exclusive: day 60 falls outside
    (alarm,) = dana.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(hours=1)
    assert str(alarm["ACTION"]) == "DISPLAY"


@pytest.mark.parametrize(
    ("days", "rule"), [(7, ("WEEKLY", 1)), (42, ("WEEKLY", 6)), (3, ("DAILY", 3))]
)
def test_cadences_in_whole_weeks_recur_weekly(days: int, rule: tuple[str, int]) -> None:
    assert recurrence(days) == {"FREQ": rule[0], "INTERVAL": rule[1]}


def test_writing_again_with_nothing_new_changes_no_byte(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "afterview.ics"
    write_calendar(ws, path, NOW)
    before = path.read_bytes()

    report = write_calendar(ws, path, NOW + timedelta(hours=1))

    assert report == CalendarReport(unchanged=4)
    assert path.read_bytes() == before


def test_a_changed_item_keeps_its_uid_and_raises_its_sequence(
    ws: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "afterview.ics"
    write_calendar(ws, path, NOW)
    uid = str(by_summary(read(path))["Get in touch with Dana Reyes"]["UID"])

    ws.agree_stay_in_touch("Dana Reyes", cadence_days=21, at=HELD + timedelta(hours=1))
    report = write_calendar(ws, path, NOW)
    dana = by_summary(read(path))["Get in touch with Dana Reyes"]

    assert report == CalendarReport(changed=1, unchanged=3)
    assert str(dana["UID"]) == uid
    assert int(dana["SEQUENCE"]) == 1
    assert dict(dana["RRULE"]) == {"FREQ": ["WEEKLY"], "INTERVAL": [3]}


def test_done_advice_and_ended_plans_leave_the_calendar(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "afterview.ics"
    write_calendar(ws, path, NOW)

    ws.send_thank_you("int_5", "Dana Reyes")
    ws.end_stay_in_touch("Rita Moss")
    report = write_calendar(ws, path, NOW)

    assert report == CalendarReport(unchanged=2, removed=2)
    assert sorted(by_summary(read(path))) == [
        "Get in touch with Dana Reyes",
        "Send a thank-you note to Rita Moss (receptionist)",
    ]


def test_on_request_advice_becomes_to_dos_with_a_due_time(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "afterview.ics"

    write_calendar(ws, path, NOW, todo=True)

    todos = by_summary(read(path), "VTODO")
    assert read(path).walk("VEVENT") == []
    dana = todos["Send a thank-you note to Dana Reyes (interviewer)"]
    assert dana.decoded("DUE") == datetime(2026, 5, 5, 23, 59, 59, tzinfo=UTC)


def test_a_file_that_is_not_a_calendar_is_never_overwritten(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "notes.ics"
    path.write_text("my own notes, not a calendar\n", encoding="utf-8")

    with pytest.raises(DataError, match="is not an iCalendar file, refusing to replace it"):
        write_calendar(ws, path, NOW)

    assert path.read_text(encoding="utf-8") == "my own notes, not a calendar\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.ics"]


def test_reminders_dispatched_to_an_ics_file_become_events(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "reminders.ics"
    url = f"ics://{path}"

    report = ws.dispatch(HELD + timedelta(days=1), [url])

    events = by_summary(read(path))
    keys = sorted(i.key for i in ws.store.workspace("jo").outbox_items())
    assert report.delivered == 2
    assert sorted(str(e["UID"]) for e in events.values()) == keys


def test_forget_rewrites_the_calendars_the_notifier_wrote_and_a_rerun_changes_nothing(
    ws: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "reminders.ics"
    url = f"ics://{path}"
    dana = ws.person("Dana Reyes").id
    ws.plan_action("other", "Send Dana the article", due=HELD + timedelta(hours=1), at=HELD)
    ws.settings = Settings(select=("AV301", "AV601"))
    ws.dispatch(HELD + timedelta(days=1), [url])
    before = path.read_bytes()
    assert b"Dana" in before
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in read(path).walk("VEVENT")}
    assert any("Rita" in s for s in summaries.values())

    ws.forget("Dana Reyes")

    after = path.read_bytes()
    assert b"Dana" not in after
    assert b"Reyes" not in after
    events = {str(e["UID"]): e for e in read(path).walk("VEVENT")}
    assert set(events) == set(summaries)  # same UIDs: subscribers replace their copies
    for uid, summary in summaries.items():
        if "Dana" in summary:
            assert str(events[uid]["SUMMARY"]) == afterview_ics.ERASED_SUMMARY
            assert int(events[uid]["SEQUENCE"]) == 1
        else:
            assert str(events[uid]["SUMMARY"]) == summary  # Rita's reminder stays
    ws.forget(dana)  # run again: nothing left to change
    assert path.read_bytes() == after


def test_the_directories_made_for_a_calendar_are_its_owners_alone_whatever_the_umask(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cal" / "jo" / "reminders.ics"
    reminder = Notification(
        key="jo|AV301|person:per_1|2026-05-05|ics",
        workspace="jo",
        code="AV301",
        title="AV301 thank-everyone-met: due 2026-05-05 23:59",
        body="Send a thank-you note to Dana Reyes (interviewer)",
        due=datetime(2026, 5, 5, 23, 59, 59, tzinfo=UTC),
    )
    old = os.umask(0o000)
    try:
        IcsNotifier(f"ics://{path}").notify(reminder)
    finally:
        os.umask(old)

    made = [tmp_path / "cal", tmp_path / "cal" / "jo"]
    assert [stat.S_IMODE(d.stat().st_mode) for d in made] == [0o700, 0o700]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_ics_notifier_shows_a_repeated_delivery_once_and_an_update_as_a_new_sequence(
    tmp_path: Path,
) -> None:
    path = tmp_path / "reminders.ics"
    notifier = IcsNotifier(f"ics://{path}")
    first = Notification(
        key="jo|AV301|person:per_1|2026-05-05|ics",
        workspace="jo",
        code="AV301",
        title="AV301 thank-everyone-met: due 2026-05-05 23:59",
        body="Send a thank-you note to Dana Reyes (interviewer)",
        due=datetime(2026, 5, 5, 23, 59, 59, tzinfo=UTC),
    )

    assert notifier.notify(first) is True
    assert notifier.notify(first) is True
    once = read(path).walk("VEVENT")
    notifier.notify(attrs.evolve(first, body="Send a thank-you note to Dana"))
    updated = read(path).walk("VEVENT")

    assert [int(e["SEQUENCE"]) for e in once] == [0]
    assert [(int(e["SEQUENCE"]), str(e["SUMMARY"])) for e in updated] == [
        (1, "Send a thank-you note to Dana")
    ]


@pytest.mark.parametrize("url", ["ics://relative.ics", "ics://", "ics:///"])
def test_an_ics_url_must_name_an_absolute_file(url: str) -> None:
    pm = PluginManager(load_entry_points=False)
    pm.register(afterview_ics.plugin, name="ics")

    with pytest.raises(DataError, match="an ics notifier URL names an absolute file"):
        pm.open_notifier(url)


def test_the_plugin_is_found_through_its_entry_point(tmp_path: Path) -> None:
    pm = PluginManager(environ={})

    notifier = pm.open_notifier(f"ics://{tmp_path}/a.ics")

    assert isinstance(notifier, IcsNotifier)
    assert "ics://" in pm.claimed_schemes("notifier")


# --- what a calendar is for: interviews, one identity wherever it is written -----------------


def test_scheduled_interviews_are_in_the_calendar(ws: Workspace, tmp_path: Path) -> None:
    monday = datetime(2026, 5, 11, 13, 0, tzinfo=UTC)
    interview = ws.schedule_interview(
        "Acme Analytics", monday, interviewers=["Dana Reyes"], format="video", at=NOW
    )
    path = tmp_path / "afterview.ics"

    write_calendar(ws, path, NOW, todo=True)
    event = by_summary(read(path))["Interview: Data Analyst at Acme Analytics"]
    ws.cancel_interview(interview)
    report = write_calendar(ws, path, NOW, todo=True)

    assert str(event["UID"]) == f"jo|interview:{interview}|calendar"
    assert event.decoded("DTSTART") == monday
    assert event.decoded("DTEND") == monday + timedelta(hours=1)
    assert str(event["DESCRIPTION"]) == "With Dana Reyes. Format: video."
    assert report.removed == 1
    assert "Interview: Data Analyst at Acme Analytics" not in by_summary(read(path))


def test_the_same_calendar_written_to_another_path_is_the_same_calendar(
    ws: Workspace, tmp_path: Path
) -> None:
    first, moved = tmp_path / "a" / "afterview.ics", tmp_path / "b" / "afterview.ics"
    write_calendar(ws, first, NOW)
    moved.parent.mkdir()
    moved.write_bytes(first.read_bytes())

    report = write_calendar(ws, moved, NOW)

    assert report == CalendarReport(unchanged=4)
    assert moved.read_bytes() == first.read_bytes()


def test_rewriting_a_calendar_keeps_its_permissions(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "shared.ics"
    write_calendar(ws, path, NOW)
    new_file_mode = stat.S_IMODE(path.stat().st_mode)
    path.chmod(0o644)  # shared with a web server that serves it to the calendar app

    ws.send_thank_you("int_5", "Dana Reyes")
    write_calendar(ws, path, NOW)

    assert new_file_mode == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_stay_in_touch_slots_fall_in_working_hours_of_the_job_seekers_zone(
    tmp_path: Path,
) -> None:
    # Agreed late on a Thursday evening in Tokyo: 14 days on is a Thursday, 10:00 Tokyo time;
    # 10 days on is a Sunday, so the slot opens on the Monday after.
    tokyo = ZoneInfo("Asia/Tokyo")
    agreed = datetime(2026, 5, 7, 23, 30, tzinfo=tokyo)
    pm = PluginManager(load_entry_points=False)
    with Workspace.open(
        "memory://",
        plugin_manager=pm,
        settings=Settings(timezone="Asia/Tokyo"),
        clock=lambda: agreed,
    ) as workspace:
        org = workspace.add_organization("Acme Analytics")
        workspace.add_contact("Dana Reyes", "interviewer", organization=org)
        workspace.add_contact("Rita Moss", "receptionist", organization=org)
        workspace.agree_stay_in_touch("Dana Reyes", cadence_days=14)
        workspace.agree_stay_in_touch("Rita Moss", cadence_days=10)
        path = tmp_path / "afterview.ics"
        write_calendar(workspace, path, agreed)

    events = by_summary(read(path))
    starts = {name: events[name].decoded("DTSTART").astimezone(tokyo) for name in events}
    assert starts == {
        "Get in touch with Dana Reyes": datetime(2026, 5, 21, 10, 0, tzinfo=tokyo),
        "Get in touch with Rita Moss": datetime(2026, 5, 18, 10, 0, tzinfo=tokyo),
    }
