"""The job seeker's own day: "by the end of the next day" ends at midnight where they live.

Times are recorded as a UTC clock records them (``Workspace.open`` defaults to one), and the
settings say where the job seeker lives. Each story crosses a daylight-saving change or lives far
from UTC, where the UTC date of an interview is not its local date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from afterview import Advice, PluginManager, Settings, SettingsError, Workspace
from afterview.config import load_config
from afterview.playbook.helpers import end_of_day
from afterview.timezones import system_zone

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # UTC-11


def local(zone: ZoneInfo, wall_clock: str) -> datetime:
    """A wall-clock time where the job seeker lives, as the UTC clock records it."""
    return datetime.fromisoformat(wall_clock).replace(tzinfo=zone).astimezone(UTC)


def last_second(zone: ZoneInfo, year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 23, 59, 59, tzinfo=zone)


def workspace_in(zone: ZoneInfo) -> Workspace:
    return Workspace.open(
        "memory://",
        settings=Settings(timezone=zone.key),
        plugin_manager=PluginManager(load_entry_points=False),
    )


def interview_held(ws: Workspace, held_at: datetime, *, on_site: bool = False) -> dict[str, str]:
    """Dana interviewed the job seeker at ``held_at``; nothing was decided yet."""
    before = held_at - timedelta(days=3)
    org = ws.add_organization("Acme Analytics", at=before)
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org, at=before)
    app = ws.submit_application(org, "Data Analyst", at=before)
    interview = ws.schedule_interview(
        app,
        held_at,
        interviewers=[dana],
        format="on_site" if on_site else "video",
        at=before,
    )
    ws.record_interview_held(interview, at=held_at)
    return {"dana": dana, "app": app, "interview": interview}


def due_of(ws: Workspace, code: str, now: datetime) -> datetime:
    (item,) = [a for a in ws.agenda(now) if a.code == code]
    return item.due


def agenda_codes(ws: Workspace, now: datetime) -> list[str]:
    return [a.code for a in ws.agenda(now)]


def assert_local_end_of_day(due: datetime, zone: ZoneInfo, day: date) -> None:
    """The deadline is the instant of 23:59:59 on ``day`` where the job seeker lives."""
    assert due == last_second(zone, day.year, day.month, day.day)
    shown = due.astimezone(zone)
    assert (shown.date(), shown.time()) == (day, time(23, 59, 59))


# --- daylight-saving changes ---------------------------------------------------------------


def test_berlin_saturday_interview_thanked_by_sunday_midnight_as_clocks_spring_forward() -> None:
    # 28 March 2026, 15:00 CET; the clocks go from 02:00 to 03:00 on Sunday the 29th.
    with workspace_in(BERLIN) as ws:
        held_at = local(BERLIN, "2026-03-28T15:00")
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(hours=2))
    assert_local_end_of_day(due, BERLIN, date(2026, 3, 29))
    assert due == datetime(2026, 3, 29, 21, 59, 59, tzinfo=UTC)  # CEST, two hours ahead


def test_berlin_late_saturday_interview_thanked_by_sunday_midnight_as_clocks_fall_back() -> None:
    # 24 October 2026, 23:30 CEST (21:30 UTC); on Sunday the 25th 03:00 becomes 02:00 again.
    with workspace_in(BERLIN) as ws:
        held_at = local(BERLIN, "2026-10-24T23:30")
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(minutes=20))
    assert_local_end_of_day(due, BERLIN, date(2026, 10, 25))
    assert due == datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC)  # CET, one hour ahead


def test_new_york_saturday_evening_interview_already_sunday_in_utc_is_due_sunday_night() -> None:
    # 7 March 2026, 19:30 EST is 00:30 UTC on the 8th; DST starts on Sunday the 8th.
    with workspace_in(NEW_YORK) as ws:
        held_at = local(NEW_YORK, "2026-03-07T19:30")
        assert held_at.date() == date(2026, 3, 8)
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(hours=1))
    assert_local_end_of_day(due, NEW_YORK, date(2026, 3, 8))
    assert due == datetime(2026, 3, 9, 3, 59, 59, tzinfo=UTC)  # EDT, four hours behind


def test_in_new_york_a_halloween_evening_interview_is_due_at_the_end_of_the_longer_sunday() -> None:
    # 31 October 2026, 20:00 EDT is midnight UTC; Sunday 1 November has 25 hours.
    with workspace_in(NEW_YORK) as ws:
        held_at = local(NEW_YORK, "2026-10-31T20:00")
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(hours=1))
    assert_local_end_of_day(due, NEW_YORK, date(2026, 11, 1))
    assert due == datetime(2026, 11, 2, 4, 59, 59, tzinfo=UTC)  # EST, five hours behind


def test_in_new_york_the_advice_is_still_open_at_eleven_on_sunday_night_after_the_change() -> None:
    with workspace_in(NEW_YORK) as ws:
        held_at = local(NEW_YORK, "2026-03-07T19:30")
        interview_held(ws, held_at)
        late_sunday = local(NEW_YORK, "2026-03-08T23:00")
        (item,) = [a for a in ws.agenda(late_sunday) if a.code == "AV301"]
    assert item.due > late_sunday  # not overdue yet: the local day is not over


# --- far from UTC --------------------------------------------------------------------------


def test_auckland_morning_interview_still_yesterday_in_utc_is_due_end_of_local_next_day() -> None:
    # Tuesday 5 May 2026, 09:00 NZST is 21:00 UTC on Monday the 4th.
    with workspace_in(AUCKLAND) as ws:
        held_at = local(AUCKLAND, "2026-05-05T09:00")
        assert held_at.date() == date(2026, 5, 4)
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(hours=3))
    assert_local_end_of_day(due, AUCKLAND, date(2026, 5, 6))


def test_in_auckland_a_note_delivered_late_on_the_local_next_evening_is_on_time() -> None:
    with workspace_in(AUCKLAND) as ws:
        held_at = local(AUCKLAND, "2026-05-05T09:00")
        ids = interview_held(ws, held_at)
        delivered = local(AUCKLAND, "2026-05-06T23:30")  # Wednesday evening, 11:30 UTC
        ws.send_thank_you(ids["interview"], ids["dana"], delivered_at=delivered, at=delivered)
        codes = agenda_codes(ws, delivered + timedelta(days=1))
    assert "AV303" not in codes  # no lesson about late notes


def test_in_auckland_a_note_delivered_the_local_day_after_the_deadline_is_late() -> None:
    with workspace_in(AUCKLAND) as ws:
        held_at = local(AUCKLAND, "2026-05-05T09:00")
        ids = interview_held(ws, held_at)
        delivered = local(AUCKLAND, "2026-05-07T00:30")  # Thursday, just after midnight
        ws.send_thank_you(ids["interview"], ids["dana"], delivered_at=delivered, at=delivered)
        codes = agenda_codes(ws, delivered + timedelta(days=1))
    assert "AV303" in codes


def test_on_kiritimati_an_evening_interview_is_due_at_the_end_of_the_local_next_day() -> None:
    # UTC+14: Tuesday 5 May 2026, 21:00 local is 07:00 UTC the same Tuesday.
    with workspace_in(KIRITIMATI) as ws:
        held_at = local(KIRITIMATI, "2026-05-05T21:00")
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(hours=1))
    assert_local_end_of_day(due, KIRITIMATI, date(2026, 5, 6))
    assert due == datetime(2026, 5, 6, 9, 59, 59, tzinfo=UTC)


def test_kiritimati_morning_interview_still_yesterday_in_utc_is_due_the_local_next_day() -> None:
    # 08:00 local on Tuesday the 5th is 18:00 UTC on Monday the 4th.
    with workspace_in(KIRITIMATI) as ws:
        held_at = local(KIRITIMATI, "2026-05-05T08:00")
        assert held_at.date() == date(2026, 5, 4)
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(hours=1))
    assert_local_end_of_day(due, KIRITIMATI, date(2026, 5, 6))


def test_pago_pago_evening_interview_already_tomorrow_in_utc_is_due_the_local_next_day() -> None:
    # UTC-11: Tuesday 5 May 2026, 18:00 local is 05:00 UTC on Wednesday the 6th.
    with workspace_in(PAGO_PAGO) as ws:
        held_at = local(PAGO_PAGO, "2026-05-05T18:00")
        assert held_at.date() == date(2026, 5, 6)
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(hours=1))
    assert_local_end_of_day(due, PAGO_PAGO, date(2026, 5, 6))
    assert due == datetime(2026, 5, 7, 10, 59, 59, tzinfo=UTC)


def test_in_pago_pago_the_people_met_are_written_down_before_local_midnight_the_same_day() -> None:
    with workspace_in(PAGO_PAGO) as ws:
        held_at = local(PAGO_PAGO, "2026-05-05T18:00")
        interview_held(ws, held_at, on_site=True)
        due = due_of(ws, "AV202", held_at + timedelta(hours=1))
    assert_local_end_of_day(due, PAGO_PAGO, date(2026, 5, 5))


# --- the setting ---------------------------------------------------------------------------


def test_without_a_time_zone_setting_the_day_ends_at_midnight_on_the_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    with Workspace.open("memory://", plugin_manager=PluginManager(load_entry_points=False)) as ws:
        held_at = local(AUCKLAND, "2026-05-05T09:00")
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(hours=3))
    assert_local_end_of_day(due, AUCKLAND, date(2026, 5, 6))


def test_the_time_zone_setting_wins_over_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    assert Settings(timezone="America/New_York").zone() == NEW_YORK


@pytest.mark.parametrize(
    ("variable", "zone"),
    [
        ("Europe/Berlin", BERLIN),
        (":America/New_York", NEW_YORK),
        ("UTC", ZoneInfo("UTC")),
    ],
)
def test_the_machine_zone_is_read_from_tz(
    monkeypatch: pytest.MonkeyPatch, variable: str, zone: ZoneInfo
) -> None:
    monkeypatch.setenv("TZ", variable)
    assert system_zone() == zone
    assert Settings().zone() == zone


def test_a_tz_naming_a_zone_file_by_its_path_is_that_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path("/usr/share/zoneinfo/Pacific/Kiritimati")
    if not path.is_file():
        pytest.skip("no system zone files on this machine")
    monkeypatch.setenv("TZ", str(path))
    assert system_zone() == KIRITIMATI


@pytest.mark.parametrize("variable", ["Mars/Olympus", "CET-1CEST,M3.5.0,M10.5.0/3", "../etc"])
def test_a_tz_that_names_no_zone_is_passed_over_for_the_machine_files(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.delenv("TZ")
    from_the_files = system_zone()
    monkeypatch.setenv("TZ", variable)
    assert system_zone() == from_the_files


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("Europe/Berln", "unknown time zone 'Europe/Berln' (did you mean Europe/Berlin?)"),
        ("europe/berlin", "did you mean Europe/Berlin?"),
        ("Auckland", "did you mean Pacific/Auckland?"),
        ("Mars/Olympus", "unknown time zone 'Mars/Olympus'; use an IANA name"),
        ("Europe", "unknown time zone 'Europe'"),
        ("", "unknown time zone ''"),
        (2, "must be an IANA time zone name such as Europe/Berlin, got 2"),
    ],
    ids=["typo", "case", "city", "unknown", "a-region", "empty", "a-number"],
)
def test_an_unknown_time_zone_is_a_settings_error_naming_the_source(
    value: object, words: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_mapping({"timezone": value}, source="settings.toml [playbook]")
    assert str(caught.value).startswith("settings.toml [playbook]: setting timezone")
    assert words in str(caught.value)


def test_the_settings_file_sets_the_time_zone(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[playbook]\ntimezone = "Pacific/Pago_Pago"\n', encoding="utf-8")
    config = load_config({"AFTERVIEW_CONFIG": str(path)})
    assert config.settings.timezone == "Pacific/Pago_Pago"
    assert config.settings.zone() == PAGO_PAGO


def test_a_bad_time_zone_in_the_settings_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[playbook]\ntimezone = "Europe/Berln"\n', encoding="utf-8")
    with pytest.raises(SettingsError, match=r"settings\.toml \[playbook\]: .*Europe/Berlin\?"):
        load_config({"AFTERVIEW_CONFIG": str(path)})


# --- the last second of a day --------------------------------------------------------------


def test_in_nuuk_the_saturday_the_clocks_skip_its_last_hour_ends_at_22_59_59() -> None:
    # Greenland springs forward at 23:00 local on the last Saturday of March: Saturday 28 March
    # 2026 has no 23:00-23:59, and a wall-clock 23:59:59 would already be Sunday.
    nuuk = ZoneInfo("America/Nuuk")
    with workspace_in(nuuk) as ws:
        held_at = local(nuuk, "2026-03-27T16:00")
        interview_held(ws, held_at)
        due = due_of(ws, "AV301", held_at + timedelta(hours=1))
    assert due.astimezone(nuuk).replace(tzinfo=None) == datetime(2026, 3, 28, 22, 59, 59)
    assert (due + timedelta(seconds=1)).astimezone(nuuk).date() == date(2026, 3, 29)
    assert due.isoformat() == "2026-03-28T22:59:59-02:00"


# --- properties ----------------------------------------------------------------------------

# Years where every zone's days exist: Samoa skipped 30 December 2011 altogether.
moments = st.datetimes(
    min_value=datetime(2012, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
)
zones = st.timezones()
NUUK_SPRING = datetime(2026, 3, 27, 18, 0, tzinfo=UTC)


def assert_last_second_of(due: datetime, day: date, zone: ZoneInfo) -> None:
    """``due`` is the last second of ``day`` on the wall clocks of ``zone``: 23:59:59, unless a
    daylight-saving change skips the end of that day."""
    shown = due.astimezone(UTC).astimezone(zone)  # what a clock in that zone reads then
    next_second = (due.astimezone(UTC) + timedelta(seconds=1)).astimezone(zone)
    assert shown.date() == day
    assert next_second.date() == day + timedelta(days=1)
    if shown.time() != time(23, 59, 59):
        assert next_second.utcoffset() != shown.utcoffset()  # the clocks jumped at midnight


@example(moment=NUUK_SPRING, zone=ZoneInfo("America/Nuuk"), days=1)
@example(moment=datetime(2026, 3, 28, 23, 30, tzinfo=UTC), zone=ZoneInfo("Europe/Berlin"), days=1)
@given(moment=moments, zone=zones, days=st.integers(min_value=1, max_value=10))
def test_a_deadline_is_the_last_second_of_the_right_local_day_and_after_the_moment(
    moment: datetime, zone: ZoneInfo, days: int
) -> None:
    due = end_of_day(moment, days, zone)
    assert due.utcoffset() == due.astimezone(zone).utcoffset()  # shown as the local time
    assert_last_second_of(due, moment.astimezone(zone).date() + timedelta(days=days), zone)
    assert due > moment


@given(moment=moments, zone=zones)
def test_the_same_day_deadline_is_the_last_second_of_that_local_day(
    moment: datetime, zone: ZoneInfo
) -> None:
    due = end_of_day(moment, 0, zone)
    assert_last_second_of(due, moment.astimezone(zone).date(), zone)
    assert due > moment - timedelta(seconds=1)


@settings(max_examples=40, deadline=None)
@example(held_at=NUUK_SPRING, zone=ZoneInfo("America/Nuuk"))
@given(held_at=moments, zone=zones)
def test_every_interview_is_thanked_by_the_end_of_the_local_next_day(
    held_at: datetime, zone: ZoneInfo
) -> None:
    with workspace_in(zone) as ws:
        interview_held(ws, held_at)
        items: list[Advice] = [a for a in ws.agenda(held_at) if a.code == "AV301"]
    assert items
    for item in items:
        assert_last_second_of(item.due, held_at.astimezone(zone).date() + timedelta(days=1), zone)
        assert item.due > held_at


def test_advice_names_an_interviews_day_in_the_job_seekers_zone() -> None:
    # 22:30 UTC on Wednesday 6 May is 12:30 on Thursday 7 May in Kiritimati (UTC+14).
    ws = workspace_in(ZoneInfo("Pacific/Kiritimati"))
    at = datetime(2026, 5, 1, 9, tzinfo=UTC)
    org = ws.add_organization("Acme", at=at)
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org, at=at)
    app = ws.submit_application(org, "Analyst", at=at)
    ws.schedule_interview(app, datetime(2026, 5, 6, 22, 30, tzinfo=UTC), interviewers=[dana], at=at)
    messages = [a.message for a in ws.agenda(datetime(2026, 5, 2, 9, tzinfo=UTC))]
    dated = [m for m in messages if " May" in m]
    assert dated
    assert all("Thursday 7 May" in m for m in dated), dated
