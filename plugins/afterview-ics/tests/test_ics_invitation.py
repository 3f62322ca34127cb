"""Interview invitations as applicant tracking systems and calendars send them become interviews
with the people on them; updates reschedule, cancellations cancel, repeats change nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from afterview_ics import ImportAction, import_invitation

from afterview import (
    DataError,
    EventRejected,
    InterviewFormat,
    InterviewStatus,
    NotFoundError,
    PluginManager,
    Role,
    Workspace,
)
from afterview import events as ev
from afterview.fold import fold

AT = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
ME = "jo.candidate@example.org"


def invitation(
    *,
    method: str = "REQUEST",
    uid: str = "itv-7f3a@ats.example",
    sequence: int = 0,
    start: str = "DTSTART;TZID=Europe/Berlin:20260512T140000",
    people: str = (
        "ORGANIZER;CN=Sam Recruiter:mailto:sam@acme.example\r\n"
        "ATTENDEE;CN=Dana Reyes;ROLE=REQ-PARTICIPANT:mailto:Dana.Reyes@acme.example\r\n"
        f"ATTENDEE;CN=Jo Candidate:mailto:{ME}\r\n"
    ),
    extra: str = "",
    events: int = 1,
    second_start: str | None = None,
) -> bytes:
    body = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:{uid if n == 0 else f'second-{uid}'}\r\n"
        f"SEQUENCE:{sequence}\r\n"
        "DTSTAMP:20260501T090000Z\r\n"
        f"{second_start if n and second_start else start}\r\n"
        "DTEND;TZID=Europe/Berlin:20260512T150000\r\n"
        "SUMMARY:Interview: Data Analyst\r\n"
        "LOCATION:https://zoom.example/j/123\r\n"
        f"{people}{extra}"
        "END:VEVENT\r\n"
        for n in range(events)
    )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ATS Example//EN\r\n"
        f"METHOD:{method}\r\n{body}END:VCALENDAR\r\n"
    ).encode()


class Ids:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}_{self.n}"


@pytest.fixture
def ws() -> Iterator[Workspace]:
    workspace = Workspace.open(
        "memory://",
        plugin_manager=PluginManager(load_entry_points=False),
        clock=lambda: AT,
        ids=Ids(),
    )
    org = workspace.add_organization("Acme Analytics")
    workspace.submit_application(org, "Data Analyst")
    yield workspace
    workspace.close()


def emails(ws: Workspace, person_id: str) -> list[str]:
    return [p.value for p in ws.state.people[person_id].contact_points]


def test_an_invitation_becomes_an_interview_with_the_people_on_it(ws: Workspace) -> None:
    result = import_invitation(ws, invitation(), application="Acme Analytics", own_email=ME)

    (outcome,) = result.outcomes
    interview = ws.state.interviews[outcome.interview_id or ""]
    assert outcome.action is ImportAction.SCHEDULED
    assert interview.external_ref == "itv-7f3a@ats.example"
    assert interview.scheduled_for == datetime(2026, 5, 12, 14, 0, tzinfo=BERLIN)
    assert interview.format is InterviewFormat.VIDEO
    names = [ws.state.people[p].name for p in interview.interviewers]
    assert names == ["Sam Recruiter", "Dana Reyes"]
    assert [emails(ws, p) for p in interview.interviewers] == [
        ["sam@acme.example"],
        ["dana.reyes@acme.example"],
    ]
    assert {ws.state.people[p].role for p in interview.interviewers} == {Role.INTERVIEWER}
    assert outcome.people_added == interview.interviewers
    assert result.warnings == ()


def test_importing_the_same_invitation_again_changes_nothing(ws: Workspace) -> None:
    import_invitation(ws, invitation(), application="Acme Analytics", own_email=ME)
    version = ws.state.version

    again = import_invitation(ws, invitation(), application="Acme Analytics", own_email=ME)

    assert [o.action for o in again.outcomes] == [ImportAction.UNCHANGED]
    assert ws.state.version == version
    assert len(ws.state.interviews) == 1
    assert len(ws.state.people) == 2


def test_people_already_known_are_matched_by_email(ws: Workspace) -> None:
    dana = ws.add_contact("Dana R.", "hiring_manager")
    ws.collect_business_card(dana, email="dana.reyes@ACME.example")

    result = import_invitation(ws, invitation(), application="Acme Analytics", own_email=ME)

    interview = ws.state.interviews[result.outcomes[0].interview_id or ""]
    assert dana in interview.interviewers
    assert dana not in result.outcomes[0].people_added
    assert ws.state.people[dana].name == "Dana R."


def test_an_update_that_moves_the_time_reschedules(ws: Workspace) -> None:
    first = import_invitation(ws, invitation(), application="Acme Analytics", own_email=ME)

    moved = import_invitation(
        ws,
        invitation(sequence=1, start="DTSTART;TZID=Europe/Berlin:20260513T100000"),
        application="Acme Analytics",
        own_email=ME,
    )

    interview_id = first.outcomes[0].interview_id or ""
    assert [(o.action, o.interview_id) for o in moved.outcomes] == [
        (ImportAction.RESCHEDULED, interview_id)
    ]
    assert ws.state.interviews[interview_id].scheduled_for == datetime(
        2026, 5, 13, 10, 0, tzinfo=BERLIN
    )


@pytest.mark.parametrize(
    "cancellation",
    [invitation(method="CANCEL", sequence=2), invitation(sequence=2, extra="STATUS:CANCELLED\r\n")],
    ids=["method-cancel", "status-cancelled"],
)
def test_a_cancellation_cancels_the_interview(ws: Workspace, cancellation: bytes) -> None:
    first = import_invitation(ws, invitation(), application="Acme Analytics", own_email=ME)

    result = import_invitation(ws, cancellation, application="Acme Analytics", own_email=ME)
    again = import_invitation(ws, cancellation, application="Acme Analytics", own_email=ME)

    interview_id = first.outcomes[0].interview_id or ""
    assert [o.action for o in result.outcomes] == [ImportAction.CANCELLED]
    assert ws.state.interviews[interview_id].status is InterviewStatus.CANCELLED
    assert [(o.action, o.warnings) for o in again.outcomes] == [(ImportAction.UNCHANGED, ())]


def test_a_cancellation_of_an_unknown_interview_is_ignored_with_a_warning(
    ws: Workspace,
) -> None:
    version = ws.state.version

    result = import_invitation(ws, invitation(method="CANCEL"), application="Acme Analytics")

    assert [o.action for o in result.outcomes] == [ImportAction.IGNORED]
    assert result.warnings == (
        "itv-7f3a@ats.example: cancelled before it was imported; nothing to do",
    )
    assert ws.state.version == version


def test_an_invitation_without_attendees_schedules_with_a_warning(ws: Workspace) -> None:
    result = import_invitation(
        ws,
        invitation(people=f"ORGANIZER:mailto:{ME}\r\n"),
        application="Acme Analytics",
        own_email=ME,
    )

    (outcome,) = result.outcomes
    assert outcome.action is ImportAction.SCHEDULED
    assert ws.state.interviews[outcome.interview_id or ""].interviewers == ()
    assert result.warnings == (
        "itv-7f3a@ats.example: the invitation names no interviewer; add them once you know",
    )


def test_every_event_of_an_invitation_is_handled(ws: Workspace) -> None:
    result = import_invitation(ws, invitation(events=2), application="Acme Analytics", own_email=ME)

    assert [(o.uid, o.action) for o in result.outcomes] == [
        ("itv-7f3a@ats.example", ImportAction.SCHEDULED),
        ("second-itv-7f3a@ats.example", ImportAction.SCHEDULED),
    ]
    assert len(ws.state.interviews) == 2
    assert len(ws.state.people) == 2  # the same people, added once


def test_a_floating_time_is_refused_unless_a_zone_is_given(ws: Workspace) -> None:
    floating = invitation(start="DTSTART:20260512T140000")
    version = ws.state.version

    with pytest.raises(DataError, match=r"floating time .* pass default_timezone"):
        import_invitation(ws, floating, application="Acme Analytics", own_email=ME)
    assert ws.state.version == version

    result = import_invitation(
        ws, floating, application="Acme Analytics", own_email=ME, default_timezone=BERLIN
    )
    interview = ws.state.interviews[result.outcomes[0].interview_id or ""]
    assert interview.scheduled_for == datetime(2026, 5, 12, 14, 0, tzinfo=BERLIN)


def test_a_utc_time_is_kept(ws: Workspace) -> None:
    result = import_invitation(
        ws, invitation(start="DTSTART:20260512T120000Z"), application="Acme Analytics"
    )

    interview = ws.state.interviews[result.outcomes[0].interview_id or ""]
    assert interview.scheduled_for == datetime(2026, 5, 12, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ics", "message"),
    [
        (b"this is not a calendar", "not an iCalendar invitation"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "holds no event"),
        (invitation(uid=""), "has no UID"),
        (invitation(start="DTSTART;VALUE=DATE:20260512"), "all-day event"),
        (invitation(start="SUMMARY:no start"), "has no start time"),
        (
            invitation(events=2, second_start="DTSTART:20260512T140000"),
            "floating time",
        ),
    ],
    ids=["garbage", "no-event", "no-uid", "all-day", "no-start", "second-event-floating"],
)
def test_a_bad_invitation_is_a_data_error_and_records_nothing(
    ws: Workspace, ics: bytes, message: str
) -> None:
    version = ws.state.version

    with pytest.raises(DataError, match=message):
        import_invitation(ws, ics, application="Acme Analytics", own_email=ME)

    assert ws.state.version == version


def test_an_unknown_application_is_not_found_and_records_nothing(ws: Workspace) -> None:
    version = ws.state.version

    with pytest.raises(NotFoundError, match="no application matches 'Globex'"):
        import_invitation(ws, invitation(), application="Globex", own_email=ME)

    assert ws.state.version == version


def test_an_invitation_that_does_not_fit_records_nobody_from_it(ws: Workspace) -> None:
    ws.record_decision("Acme Analytics", "withdrawn")
    version, people = ws.state.version, len(ws.state.people)

    with pytest.raises(EventRejected, match="already decided"):
        import_invitation(ws, invitation(), application="Acme Analytics", own_email=ME)

    assert ws.state.version == version
    assert len(ws.state.people) == people


def test_two_events_of_one_invitation_share_their_guests(ws: Workspace) -> None:
    version = ws.state.version

    result = import_invitation(
        ws,
        invitation(events=2, second_start="DTSTART;TZID=Europe/Berlin:20260513T140000"),
        application="Acme Analytics",
        own_email=ME,
    )

    assert [o.action for o in result.outcomes] == [ImportAction.SCHEDULED] * 2
    assert len(ws.state.people) == 2  # the same guests, added once
    assert ws.state.version == version + 6  # two people, their emails, two interviews


# --- revisions: an invitation's SEQUENCE ------------------------------------------------------

MAY_12_AT_2 = "DTSTART;TZID=Europe/Berlin:20260512T140000"
MAY_13_AT_10 = "DTSTART;TZID=Europe/Berlin:20260513T100000"
MAY_14_AT_9 = "DTSTART;TZID=Europe/Berlin:20260514T090000"


def test_the_interview_keeps_the_revision_of_its_invitation(ws: Workspace) -> None:
    first = import_invitation(ws, invitation(sequence=3), application="Acme Analytics")
    interview_id = first.outcomes[0].interview_id or ""
    assert ws.state.interviews[interview_id].revision == 3

    import_invitation(ws, invitation(sequence=5, start=MAY_13_AT_10), application="Acme Analytics")

    assert ws.state.interviews[interview_id].revision == 5
    refolded = fold(ws.events())
    assert refolded.interviews[interview_id].revision == 5
    assert refolded.interviews[interview_id].scheduled_for == datetime(
        2026, 5, 13, 10, 0, tzinfo=BERLIN
    )


@pytest.mark.parametrize("late_start", [MAY_12_AT_2, MAY_13_AT_10, MAY_14_AT_9])
def test_an_older_copy_arriving_after_a_newer_one_changes_nothing(
    ws: Workspace, late_start: str
) -> None:
    first = import_invitation(ws, invitation(sequence=0), application="Acme Analytics")
    import_invitation(ws, invitation(sequence=2, start=MAY_13_AT_10), application="Acme Analytics")
    version = ws.state.version

    late = import_invitation(
        ws, invitation(sequence=1, start=late_start), application="Acme Analytics"
    )

    interview_id = first.outcomes[0].interview_id or ""
    assert [(o.action, o.interview_id) for o in late.outcomes] == [
        (ImportAction.OUTDATED, interview_id)
    ]
    assert late.warnings == (
        "itv-7f3a@ats.example: revision 1 is older than what is recorded (2); left as is",
    )
    assert ws.state.version == version
    interview = ws.state.interviews[interview_id]
    assert interview.scheduled_for == datetime(2026, 5, 13, 10, 0, tzinfo=BERLIN)
    assert interview.revision == 2


def test_the_same_revision_again_is_idempotent(ws: Workspace) -> None:
    import_invitation(ws, invitation(sequence=4, start=MAY_13_AT_10), application="Acme Analytics")
    version = ws.state.version

    again = import_invitation(
        ws, invitation(sequence=4, start=MAY_13_AT_10), application="Acme Analytics"
    )

    assert [(o.action, o.warnings) for o in again.outcomes] == [(ImportAction.UNCHANGED, ())]
    assert ws.state.version == version


def test_a_move_at_the_same_revision_still_reschedules(ws: Workspace) -> None:
    # Some calendars move an event without raising SEQUENCE; the newest copy read wins.
    first = import_invitation(ws, invitation(sequence=1), application="Acme Analytics")

    moved = import_invitation(
        ws, invitation(sequence=1, start=MAY_13_AT_10), application="Acme Analytics"
    )

    interview = ws.state.interviews[first.outcomes[0].interview_id or ""]
    assert [o.action for o in moved.outcomes] == [ImportAction.RESCHEDULED]
    assert interview.scheduled_for == datetime(2026, 5, 13, 10, 0, tzinfo=BERLIN)
    assert interview.revision == 1


def test_a_newer_revision_at_the_same_time_is_remembered(ws: Workspace) -> None:
    first = import_invitation(ws, invitation(sequence=0), application="Acme Analytics")
    same_time = import_invitation(ws, invitation(sequence=3), application="Acme Analytics")

    late = import_invitation(
        ws, invitation(sequence=2, start=MAY_14_AT_9), application="Acme Analytics"
    )

    interview = ws.state.interviews[first.outcomes[0].interview_id or ""]
    assert [o.action for o in same_time.outcomes] == [ImportAction.UNCHANGED]
    assert [o.action for o in late.outcomes] == [ImportAction.OUTDATED]
    assert interview.scheduled_for == datetime(2026, 5, 12, 14, 0, tzinfo=BERLIN)
    assert interview.revision == 3


@pytest.mark.parametrize(
    "old_cancellation",
    [invitation(method="CANCEL", sequence=1), invitation(sequence=1, extra="STATUS:CANCELLED\r\n")],
    ids=["method-cancel", "status-cancelled"],
)
def test_a_cancellation_older_than_the_recorded_revision_does_not_cancel(
    ws: Workspace, old_cancellation: bytes
) -> None:
    first = import_invitation(ws, invitation(sequence=2), application="Acme Analytics")
    version = ws.state.version

    result = import_invitation(ws, old_cancellation, application="Acme Analytics")

    assert [o.action for o in result.outcomes] == [ImportAction.OUTDATED]
    assert ws.state.version == version
    interview = ws.state.interviews[first.outcomes[0].interview_id or ""]
    assert interview.status is InterviewStatus.SCHEDULED


def test_an_interview_imported_before_revisions_were_kept_takes_the_next_one(
    ws: Workspace,
) -> None:
    ws.record(
        ev.InterviewScheduled(
            at=AT,
            interview_id="int_old",
            application_id=ws.application_id("Acme Analytics"),
            scheduled_for=datetime(2026, 5, 12, 14, 0, tzinfo=BERLIN),
            external_ref="itv-7f3a@ats.example",
        )
    )

    result = import_invitation(
        ws, invitation(sequence=1, start=MAY_13_AT_10), application="Acme Analytics"
    )

    assert [o.action for o in result.outcomes] == [ImportAction.RESCHEDULED]
    assert ws.state.interviews["int_old"].revision == 1


def test_one_file_holding_two_revisions_of_a_known_event_applies_the_first(
    ws: Workspace,
) -> None:
    first = import_invitation(ws, invitation(sequence=0), application="Acme Analytics")
    newer, older = (
        invitation(sequence=n, start=start) for n, start in ((3, MAY_13_AT_10), (2, MAY_14_AT_9))
    )
    # The older copy's VEVENT appended after the newer one's, in one VCALENDAR.
    vevent = older[older.index(b"BEGIN:VEVENT") : older.index(b"END:VCALENDAR")]
    two = newer.replace(b"END:VCALENDAR", vevent + b"END:VCALENDAR")

    result = import_invitation(ws, two, application="Acme Analytics")

    interview = ws.state.interviews[first.outcomes[0].interview_id or ""]
    assert [o.action for o in result.outcomes] == [ImportAction.RESCHEDULED, ImportAction.IGNORED]
    assert interview.scheduled_for == datetime(2026, 5, 13, 10, 0, tzinfo=BERLIN)
    assert interview.revision == 3


@pytest.mark.parametrize("sequence", ["-1", "two", ""])
def test_a_sequence_that_is_not_a_revision_is_a_data_error_and_records_nothing(
    ws: Workspace, sequence: str
) -> None:
    version = ws.state.version
    ics = invitation().replace(b"SEQUENCE:0", f"SEQUENCE:{sequence}".encode())

    with pytest.raises(DataError, match="SEQUENCE that is not a whole number"):
        import_invitation(ws, ics, application="Acme Analytics")

    assert ws.state.version == version
    assert ws.state.interviews == {}


def test_the_fold_refuses_to_move_an_interview_back_to_an_older_revision(ws: Workspace) -> None:
    first = import_invitation(ws, invitation(sequence=2), application="Acme Analytics")
    interview_id = first.outcomes[0].interview_id or ""
    version = ws.state.version

    with pytest.raises(EventRejected, match="at revision 2; revision 1 is older"):
        ws.record(
            ev.InterviewRescheduled(
                at=AT,
                interview_id=interview_id,
                scheduled_for=datetime(2026, 5, 14, 9, 0, tzinfo=BERLIN),
                revision=1,
            )
        )

    assert ws.state.version == version
    assert ws.state.interviews[interview_id].revision == 2


def test_a_reschedule_without_a_revision_keeps_the_recorded_one(ws: Workspace) -> None:
    first = import_invitation(ws, invitation(sequence=2), application="Acme Analytics")
    interview_id = first.outcomes[0].interview_id or ""

    ws.reschedule_interview(interview_id, datetime(2026, 5, 14, 9, 0, tzinfo=BERLIN))

    assert ws.state.interviews[interview_id].revision == 2
