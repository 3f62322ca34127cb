"""Invitations shaped as Google Calendar, Outlook/Exchange and Apple Calendar write them: only
people become interviewers, the format comes from the conference properties and the location,
replies and endless series are refused, occurrences are interviews of their own, and an
interview entered by hand is matched rather than doubled.

The files in ``invitations/`` follow each calendar's structure and property names, with our own
values.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from afterview_ics import ImportAction, import_invitation

from afterview import (
    DataError,
    InterviewFormat,
    InterviewStatus,
    PluginManager,
    Settings,
    Workspace,
)

AT = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
ME = "jo.candidate@example.org"
MAY_12_AT_2 = datetime(2026, 5, 12, 14, 0, tzinfo=BERLIN)
FILES = Path(__file__).parent / "invitations"


class Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}_{self.n}"


def workspace(settings: Settings) -> Workspace:
    ws = Workspace.open(
        "memory://",
        plugin_manager=PluginManager(load_entry_points=False),
        settings=settings,
        clock=lambda: AT,
        ids=Ids(),
    )
    org = ws.add_organization("Acme Analytics")
    ws.submit_application(org, "Data Analyst")
    return ws


@pytest.fixture
def ws() -> Iterator[Workspace]:
    """A workspace whose settings know the job seeker's address."""
    with workspace(Settings(own_emails=("Jo.Candidate@Example.org",))) as opened:
        yield opened


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def interviewers(ws: Workspace, interview_id: str | None) -> list[str]:
    interview = ws.state.interviews[interview_id or ""]
    return [ws.state.people[p].name for p in interview.interviewers]


def vevent(*lines: str, method: str = "REQUEST", timezones: str = "") -> bytes:
    """One VEVENT in a VCALENDAR, the properties given in order."""
    body = "".join(f"{line}\r\n" for line in lines)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ATS Example//EN\r\n"
        f"METHOD:{method}\r\n{timezones}BEGIN:VEVENT\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


PEOPLE = (
    "ORGANIZER;CN=Sam Recruiter:mailto:sam@acme.example",
    "ATTENDEE;CN=Dana Reyes:mailto:dana@acme.example",
    f"ATTENDEE;CN=Jo Candidate:mailto:{ME}",
)


# --- who is an interviewer ------------------------------------------------------------------


def test_a_google_invitation_names_only_the_people_you_meet(ws: Workspace) -> None:
    # The organizer is the scheduling tool's no-reply address, one attendee declined, one is
    # the meeting room, and one is the job seeker (own_emails in the settings).
    result = import_invitation(ws, read("google.ics"), application="Acme Analytics")

    (outcome,) = result.outcomes
    interview = ws.state.interviews[outcome.interview_id or ""]
    assert outcome.action is ImportAction.SCHEDULED
    assert interviewers(ws, outcome.interview_id) == ["Dana Reyes"]
    assert interview.scheduled_for == MAY_12_AT_2
    assert interview.format is InterviewFormat.VIDEO
    assert result.warnings == ()


def test_an_outlook_invitation_leaves_out_the_room_and_reads_the_windows_zone(
    ws: Workspace,
) -> None:
    result = import_invitation(ws, read("outlook.ics"), application="Acme Analytics")

    (outcome,) = result.outcomes
    interview = ws.state.interviews[outcome.interview_id or ""]
    assert interviewers(ws, outcome.interview_id) == ["Sam Recruiter", "Dana Reyes"]
    assert interview.scheduled_for == MAY_12_AT_2
    assert interview.format is InterviewFormat.VIDEO  # Teams


def test_an_apple_invitation_on_site_with_map_links_is_on_site(ws: Workspace) -> None:
    # Apple Calendar gives the job seeker a urn:uuid address with the email in EMAIL=.
    result = import_invitation(ws, read("apple.ics"), application="Acme Analytics")

    (outcome,) = result.outcomes
    interview = ws.state.interviews[outcome.interview_id or ""]
    assert interviewers(ws, outcome.interview_id) == ["Sam Recruiter", "Dana Reyes"]
    assert interview.format is InterviewFormat.ON_SITE
    assert interview.scheduled_for == MAY_12_AT_2


def test_without_own_emails_the_import_says_you_may_have_become_an_interviewer() -> None:
    with workspace(Settings()) as bare:
        result = import_invitation(bare, read("outlook.ics"), application="Acme Analytics")

        assert "Jo Candidate" in interviewers(bare, result.outcomes[0].interview_id)
        assert result.notes == (
            "no own_emails in the settings: if your own address is on the invitation, you were "
            "added as an interviewer; set own_emails and forget that contact",
        )


@pytest.mark.parametrize(
    "attendee",
    [
        "ATTENDEE;CUTYPE=ROOM;CN=Room 4:mailto:room4@acme.example",
        "ATTENDEE;CUTYPE=GROUP;CN=Data team:mailto:data-team@acme.example",
        "ATTENDEE;PARTSTAT=DECLINED;CN=Lee Park:mailto:lee@acme.example",
        "ATTENDEE;CN=Scheduling:mailto:noreply@ats.example",
        "ATTENDEE;CN=Acme:mailto:do-not-reply+itv-4@ats.example",
        "ATTENDEE;CN=Calendar:mailto:acme_abc@group.calendar.google.com",
    ],
    ids=["room", "group", "declined", "noreply", "do-not-reply", "google-group-calendar"],
)
def test_rooms_groups_declines_and_no_reply_senders_are_not_interviewers(
    ws: Workspace, attendee: str
) -> None:
    ics = vevent(
        "UID:itv-1@ats.example",
        "DTSTART:20260512T120000Z",
        "ORGANIZER;CN=Sam Recruiter:mailto:sam@acme.example",
        attendee,
    )

    result = import_invitation(ws, ics, application="Acme Analytics")

    assert interviewers(ws, result.outcomes[0].interview_id) == ["Sam Recruiter"]


# --- what is an invitation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "message"),
    [
        ("REPLY", r"a reply to an invitation \(METHOD:REPLY\)"),
        ("COUNTER", "METHOD:COUNTER is not an invitation"),
    ],
)
def test_a_reply_is_not_an_invitation(ws: Workspace, method: str, message: str) -> None:
    reply = vevent(
        "UID:itv-1@ats.example",
        "DTSTART:20260512T120000Z",
        "ORGANIZER:mailto:sam@acme.example",
        "ATTENDEE;PARTSTAT=ACCEPTED;CN=Dana Reyes:mailto:dana@acme.example",
        method=method,
    )
    version = ws.state.version

    with pytest.raises(DataError, match=message):
        import_invitation(ws, reply, application="Acme Analytics")

    assert ws.state.version == version


def test_a_zone_is_used_when_defined_and_named_when_neither_known_nor_defined(
    ws: Workspace,
) -> None:
    # Outlook names a zone it built itself and sends its VTIMEZONE along; without it, the zone
    # is unknown, which is not the same as a time given with no zone at all.
    custom = (
        "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10\r\n"
        "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3\r\n"
        "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    )
    lines = ("DTSTART;TZID=Customized Time Zone:20260512T140000", *PEOPLE)

    with pytest.raises(DataError, match="'Customized Time Zone', which is not a time zone known"):
        import_invitation(ws, vevent("UID:itv-0@ats.example", *lines), application="Acme Analytics")
    result = import_invitation(
        ws, vevent("UID:itv-1@ats.example", *lines, timezones=custom), application="Acme Analytics"
    )

    interview = ws.state.interviews[result.outcomes[0].interview_id or ""]
    assert interview.scheduled_for == MAY_12_AT_2


# --- recurring invitations ------------------------------------------------------------------

SERIES = (
    "UID:loop-3@ats.example",
    "SEQUENCE:0",
    "DTSTART;TZID=Europe/Berlin:20260512T140000",
    "DTEND;TZID=Europe/Berlin:20260512T150000",
    *PEOPLE,
)


def test_a_series_without_end_is_refused_clearly(ws: Workspace) -> None:
    with pytest.raises(DataError, match="repeats without end"):
        import_invitation(ws, vevent(*SERIES, "RRULE:FREQ=WEEKLY"), application="Acme Analytics")
    assert ws.state.interviews == {}


def test_a_finite_series_is_one_interview_per_occurrence(ws: Workspace) -> None:
    result = import_invitation(
        ws, vevent(*SERIES, "RRULE:FREQ=DAILY;COUNT=2"), application="Acme Analytics"
    )

    assert [o.action for o in result.outcomes] == [ImportAction.SCHEDULED] * 2
    starts = sorted(i.scheduled_for for i in ws.state.interviews.values())
    assert starts == [MAY_12_AT_2, datetime(2026, 5, 13, 14, 0, tzinfo=BERLIN)]
    assert len(ws.state.people) == 2  # Sam and Dana, once


def test_an_override_alone_moves_its_occurrence_and_nothing_else(ws: Workspace) -> None:
    first = import_invitation(
        ws, vevent(*SERIES, "RRULE:FREQ=DAILY;COUNT=2"), application="Acme Analytics"
    )
    day_one, day_two = (o.interview_id or "" for o in first.outcomes)

    # Google sends only the changed occurrence when one day of a series moves.
    moved = import_invitation(
        ws,
        vevent(
            "UID:loop-3@ats.example",
            "SEQUENCE:1",
            "RECURRENCE-ID;TZID=Europe/Berlin:20260513T140000",
            "DTSTART;TZID=Europe/Berlin:20260513T160000",
            *PEOPLE,
        ),
        application="Acme Analytics",
    )

    assert [(o.action, o.interview_id) for o in moved.outcomes] == [
        (ImportAction.RESCHEDULED, day_two)
    ]
    assert ws.state.interviews[day_one].scheduled_for == MAY_12_AT_2
    assert ws.state.interviews[day_two].scheduled_for == datetime(2026, 5, 13, 16, 0, tzinfo=BERLIN)


def test_an_override_of_one_occurrence_never_moves_an_interview_imported_whole(
    ws: Workspace,
) -> None:
    whole = import_invitation(ws, vevent(*SERIES), application="Acme Analytics")
    interview_id = whole.outcomes[0].interview_id or ""

    import_invitation(
        ws,
        vevent(
            "UID:loop-3@ats.example",
            "SEQUENCE:1",
            "RECURRENCE-ID;TZID=Europe/Berlin:20260519T140000",
            "DTSTART;TZID=Europe/Berlin:20260520T090000",
            *PEOPLE,
        ),
        application="Acme Analytics",
    )

    assert ws.state.interviews[interview_id].scheduled_for == MAY_12_AT_2


def test_a_series_sent_with_one_occurrence_removed_cancels_that_one(ws: Workspace) -> None:
    first = import_invitation(
        ws, vevent(*SERIES, "RRULE:FREQ=DAILY;COUNT=3"), application="Acme Analytics"
    )
    ids = [o.interview_id or "" for o in first.outcomes]

    update = vevent(
        *(line.replace("SEQUENCE:0", "SEQUENCE:1") for line in SERIES),
        "RRULE:FREQ=DAILY;COUNT=3",
        "EXDATE;TZID=Europe/Berlin:20260513T140000",
    )
    result = import_invitation(ws, update, application="Acme Analytics")

    assert [ws.state.interviews[i].status for i in ids] == [
        InterviewStatus.SCHEDULED,
        InterviewStatus.CANCELLED,
        InterviewStatus.SCHEDULED,
    ]
    assert ImportAction.CANCELLED in [o.action for o in result.outcomes]


# --- video, phone or on site ----------------------------------------------------------------


#: Properties of an invitation, and the format they make.
FORMATS = {
    "google-meet": (("X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",), "video"),
    "teams": (
        ("X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/1",),
        "video",
    ),
    "rfc7986-video": (
        ("CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Join:https://video.example/r/42",),
        "video",
    ),
    "rfc7986-phone": (
        ("CONFERENCE;VALUE=URI;FEATURE=PHONE;LABEL=Dial in:tel:+49-30-555-0100",),
        "phone",
    ),
    "location-meeting-url": (("LOCATION:https://acme.zoom.us/j/5550100",), "video"),
    "location-map-url": (("LOCATION:https://maps.google.com/?q=Markgrafenstr.+12",), "on_site"),
    "address-with-map-link": (
        (
            "LOCATION:Acme Analytics\\, Markgrafenstraße 12\\, Berlin",
            "DESCRIPTION:Map: https://www.google.com/maps/place/Markgrafenstra%C3%9Fe+12",
        ),
        "on_site",
    ),
    "address-with-backup-link": (
        (
            "LOCATION:Reception\\, 3rd floor",
            "DESCRIPTION:Video backup if needed: https://acme.zoom.us/j/5550100",
        ),
        "on_site",
    ),
    "only-a-meeting-link": (("DESCRIPTION:Join: https://acme.zoom.us/j/5550100",), "video"),
    "phone": (("LOCATION:Phone - we will call you",), "phone"),
}


def test_the_format_comes_from_the_conference_and_the_location(ws: Workspace) -> None:
    found = {}
    for n, (case, (lines, _)) in enumerate(FORMATS.items()):
        ics = vevent(f"UID:itv-{n}@ats.example", f"DTSTART:202605{10 + n}T120000Z", *PEOPLE, *lines)
        result = import_invitation(ws, ics, application="Acme Analytics")
        found[case] = ws.state.interviews[result.outcomes[0].interview_id or ""].format.value

    assert found == {case: expected for case, (_, expected) in FORMATS.items()}


# --- an interview entered by hand -----------------------------------------------------------


def test_an_invitation_for_an_interview_entered_by_hand_matches_it(ws: Workspace) -> None:
    earlier = ws.schedule_interview(
        "Acme Analytics", datetime(2026, 5, 12, 9, 0, tzinfo=BERLIN), at=AT
    )
    by_hand = ws.schedule_interview(
        "Acme Analytics", MAY_12_AT_2.astimezone(UTC), format="video", at=AT
    )

    result = import_invitation(ws, read("outlook.ics"), application="Acme Analytics")
    again = import_invitation(ws, read("outlook.ics"), application="Acme Analytics")

    assert [(o.action, o.interview_id) for o in result.outcomes] == [
        (ImportAction.MATCHED, by_hand)
    ]
    assert [o.action for o in again.outcomes] == [ImportAction.UNCHANGED]
    assert list(ws.state.interviews) == [earlier, by_hand]
    assert ws.state.interviews[earlier].external_ref is None
    assert interviewers(ws, by_hand) == ["Sam Recruiter", "Dana Reyes"]

    moved = (
        read("outlook.ics")
        .replace(b"SEQUENCE:0", b"SEQUENCE:1")
        .replace(b"20260512T140000", b"20260513T100000")
    )
    import_invitation(ws, moved, application="Acme Analytics")
    assert ws.state.interviews[by_hand].scheduled_for == datetime(2026, 5, 13, 10, 0, tzinfo=BERLIN)
