"""The model's vocabulary: what each role, channel and decision means to the playbook."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from afterview.errors import DataError
from afterview.model import (
    Application,
    Channel,
    ContactPoint,
    ContactPointKind,
    DecisionKind,
    FeedbackRequestStatus,
    Interview,
    Organization,
    Person,
    Role,
)
from conftest import T0


def test_only_interviewers_and_hiring_managers_judge_the_candidate() -> None:
    assert {r for r in Role if r.interviews} == {Role.INTERVIEWER, Role.HIRING_MANAGER}


def test_hr_recruiters_reception_and_assistants_are_gatekeepers() -> None:
    assert {r for r in Role if r.gatekeeper} == {
        Role.HR,
        Role.RECRUITER,
        Role.RECEPTIONIST,
        Role.ASSISTANT,
    }


def test_voice_channels_are_phone_video_and_in_person() -> None:
    assert {c for c in Channel if c.voice} == {Channel.PHONE, Channel.VIDEO, Channel.IN_PERSON}


def test_only_a_position_on_hold_leaves_the_application_open() -> None:
    assert {k for k in DecisionKind if not k.final} == {DecisionKind.ON_HOLD}


def test_hold_and_elimination_are_about_the_position_not_the_candidate() -> None:
    assert {k for k in DecisionKind if k.about_the_position} == {
        DecisionKind.ON_HOLD,
        DecisionKind.ELIMINATED,
    }


def test_open_feedback_requests_are_drafted_sent_or_scheduled() -> None:
    assert {s for s in FeedbackRequestStatus if s.open} == {
        FeedbackRequestStatus.DRAFTED,
        FeedbackRequestStatus.SENT,
        FeedbackRequestStatus.SCHEDULED,
    }


def test_a_direct_voice_line_is_a_direct_phone_not_a_direct_email() -> None:
    email = ContactPoint(ContactPointKind.EMAIL, "d@example.org", direct=True)
    switchboard = ContactPoint(ContactPointKind.WORK_PHONE, "+1 555 0000")
    cell = ContactPoint(ContactPointKind.CELL_PHONE, "+1 555 0101", direct=True)
    assert not Person(
        "p", Role.INTERVIEWER, contact_points=(email, switchboard)
    ).has_direct_voice_line()
    assert Person("p", Role.INTERVIEWER, contact_points=(switchboard, cell)).has_direct_voice_line()


def test_a_mailing_address_is_recognised() -> None:
    address = ContactPoint(ContactPointKind.MAILING_ADDRESS, "1 Main St")
    assert Person("p", Role.OTHER, contact_points=(address,)).has_mailing_address()
    assert not Person("p", Role.OTHER).has_mailing_address()


def test_everyone_met_lists_interviewers_then_others_once_each() -> None:
    interview = Interview(
        "i", "a", T0, interviewers=("dana", "lee"), people_met=("sam", "dana", "kim")
    )
    assert interview.everyone == ("dana", "lee", "sam", "kim")


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_blank_organization_names_and_contact_details_are_refused(blank: str) -> None:
    with pytest.raises(DataError, match="name must not be empty"):
        Organization("o", blank)
    with pytest.raises(DataError, match="value must not be empty"):
        ContactPoint(ContactPointKind.EMAIL, blank)


def test_entities_refuse_naive_datetimes_with_a_hint() -> None:
    with pytest.raises(DataError, match=r"add a UTC offset") as caught:
        Application("a", "o", "Analyst", datetime(2026, 5, 4, 9, 0))
    assert caught.value.path == "$.applied_at"


@pytest.mark.parametrize("moment", ["2026-05-04T09:00:00+00:00", date(2026, 5, 4), 1777885200])
def test_entities_refuse_what_is_not_a_datetime(moment: object) -> None:
    with pytest.raises(DataError, match="must be a timezone-aware datetime, not ") as caught:
        Application("a", "o", "Analyst", moment)  # type: ignore[arg-type]
    assert caught.value.path == "$.applied_at"


def test_any_utc_offset_is_accepted() -> None:
    moment = datetime(2026, 5, 4, 9, 0, tzinfo=timezone(timedelta(hours=-3, minutes=-30)))
    assert Application("a", "o", "Analyst", moment).applied_at == moment
