"""Every event survives the trip through JSON; every malformed record is refused with its path."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview import events as ev
from afterview.errors import DataError
from afterview.serialization import (
    UPGRADES,
    ExportDocument,
    dumps_event,
    event_from_dict,
    event_to_dict,
    export_from_json,
    export_to_json,
    loads_event,
)
from afterview.testing.strategies import event_of, events

AT = "2026-05-04T09:00:00+02:00"


def org_record(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type": "OrganizationAdded",
        "version": 1,
        "at": AT,
        "organization_id": "org_1",
        "name": "Acme Analytics",
        "board_url": None,
    }
    record.update(changes)
    return record


def export_with(fourth: Any) -> str:
    """An export whose events 0-2 are fine and event 3 is ``fourth``."""
    return json.dumps(
        {
            "format": "afterview-export",
            "version": 1,
            "workspace": "default",
            "exported_at": AT,
            "events": [org_record(organization_id=f"org_{i}") for i in range(3)] + [fourth],
        }
    )


# --- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", list(ev.EVENT_TYPES.values()), ids=list(ev.EVENT_TYPES))
def test_every_event_type_has_a_strategy(cls: type[ev.Event]) -> None:
    # Strategies are derived from the fields' types: a new event whose fields no strategy
    # covers fails here with LookupError.
    @given(event_of(cls))
    @settings(max_examples=5)
    def draws(event: ev.Event) -> None:
        assert type(event) is cls

    draws()


@given(events())
def test_any_event_survives_json_text(event: ev.Event) -> None:
    text = dumps_event(event)
    again = loads_event(text)
    assert again == event
    assert type(again) is type(event)
    assert dumps_event(again) == text


@given(events())
def test_any_event_survives_the_dict_form(event: ev.Event) -> None:
    record = event_to_dict(event)
    assert record["type"] == type(event).__name__
    assert record["version"] == type(event).schema_version
    assert event_from_dict(json.loads(json.dumps(record))) == event


@given(events())
def test_datetimes_keep_their_utc_offset(event: ev.Event) -> None:
    assert loads_event(dumps_event(event)).at.utcoffset() == event.at.utcoffset()


@given(st.lists(events(), max_size=6))
def test_an_export_survives_json(events_: list[ev.Event]) -> None:
    document = ExportDocument(
        workspace="default", exported_at=datetime(2026, 5, 4, tzinfo=UTC), events=tuple(events_)
    )
    assert export_from_json(export_to_json(document)) == document


# --- refused records --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record", "path", "words"),
    [
        (org_record(type="MeetingHappened"), "$.events[3].type", "unknown event type"),
        ({k: v for k, v in org_record().items() if k != "type"}, "$.events[3].type", "type"),
        (org_record(colour="blue"), "$.events[3]", "colour"),
        ({k: v for k, v in org_record().items() if k != "name"}, "$.events[3].name", "missing"),
        (org_record(at="2026-05-04T09:00:00"), "$.events[3].at", "naive"),
        (org_record(at="next tuesday"), "$.events[3].at", "isoformat"),
        (org_record(at=1714800000), "$.events[3].at", "datetime"),
        (org_record(version=2), "$.events[3].version", "newer"),
        (org_record(version=0), "$.events[3].version", "positive integer"),
        (org_record(version="1"), "$.events[3].version", "positive integer"),
        (
            {
                "type": "ContactAdded",
                "version": 1,
                "at": AT,
                "person_id": "per_1",
                "role": "boss",
            },
            "$.events[3].role",
            "not a valid Role",
        ),
        ("not an object", "$.events[3]", "JSON object"),
        (
            {
                "type": "StayInTouchAgreed",
                "version": 1,
                "at": AT,
                "person_id": "per_1",
                "cadence_days": 0,
            },
            "$.events[3].cadence_days",
            "positive number of days",
        ),
        (
            {
                "type": "BusinessCardCollected",
                "version": 1,
                "at": AT,
                "person_id": "per_1",
                "points": [
                    {"kind": "email", "value": "d@example.org"},
                    {"kind": "email", "value": " "},
                ],
            },
            "$.events[3].points[1].value",
            "must not be empty",
        ),
    ],
    ids=[
        "unknown-type",
        "no-type",
        "unknown-key",
        "missing-field",
        "naive-datetime",
        "unparseable-datetime",
        "number-as-datetime",
        "newer-version",
        "version-zero",
        "version-as-text",
        "wrong-enum-value",
        "not-an-object",
        "validator-of-the-event",
        "validator-of-a-nested-value",
    ],
)
def test_a_bad_event_in_an_export_is_refused_with_its_path(
    record: Any, path: str, words: str
) -> None:
    with pytest.raises(DataError) as caught:
        export_from_json(export_with(record))
    assert caught.value.path == path
    assert words in str(caught.value)
    assert path in str(caught.value)


def test_malformed_json_is_a_data_error() -> None:
    with pytest.raises(DataError, match="not valid JSON"):
        loads_event('{"type": "OrganizationAdded",')
    with pytest.raises(DataError, match="not valid JSON"):
        export_from_json("[1, 2")
    with pytest.raises(DataError, match="not valid JSON"):
        loads_event(b"\xff\xfe{")


@pytest.mark.parametrize(
    ("document", "path"),
    [
        ({"format": "something-else", "version": 1}, "$.format"),
        ({"format": "afterview-export", "version": 99}, "$.version"),
        (
            {
                "format": "afterview-export",
                "version": 1,
                "workspace": "",
                "exported_at": AT,
                "events": [],
            },
            "$.workspace",
        ),
        (
            {
                "format": "afterview-export",
                "version": 1,
                "workspace": "w",
                "exported_at": "2026-05-04T09:00:00",
                "events": [],
            },
            "$.exported_at",
        ),
        (
            {
                "format": "afterview-export",
                "version": 1,
                "workspace": "w",
                "exported_at": AT,
                "events": {},
            },
            "$.events",
        ),
        (
            {
                "format": "afterview-export",
                "version": 1,
                "workspace": "w",
                "exported_at": AT,
                "events": [],
                "extra": 1,
            },
            "$",
        ),
    ],
    ids=[
        "foreign-format",
        "future-export-version",
        "no-workspace",
        "naive-export-time",
        "events-not-a-list",
        "unknown-key",
    ],
)
def test_a_bad_export_envelope_is_refused_with_its_path(
    document: dict[str, Any], path: str
) -> None:
    with pytest.raises(DataError) as caught:
        export_from_json(json.dumps(document))
    assert caught.value.path == path


def test_an_export_must_be_an_object() -> None:
    with pytest.raises(DataError, match="JSON object"):
        export_from_json("[]")


def test_a_naive_datetime_is_refused_when_reading_a_single_event() -> None:
    with pytest.raises(DataError) as caught:
        loads_event(json.dumps(org_record(at="2026-05-04T09:00:00")))
    assert caught.value.path == "$.at"


# --- schema upgrades ----------------------------------------------------------------------------

V1_THANK_YOU = {
    "type": "ThankYouSent",
    "version": 1,
    "sent_at": AT,
    "note_id": "thx_1",
    "interview_id": "int_1",
    "person_id": "per_1",
    "delivered_at": None,
}


@pytest.mark.parametrize(
    ("handwritten", "medium"), [(True, "handwritten"), (False, "email")], ids=["card", "email"]
)
def test_a_version_1_thank_you_is_read_as_version_2(handwritten: bool, medium: str) -> None:
    event = loads_event(json.dumps({**V1_THANK_YOU, "handwritten": handwritten}))
    assert event == ev.ThankYouSent(
        at=datetime.fromisoformat(AT),
        note_id="thx_1",
        interview_id="int_1",
        person_id="per_1",
        medium=ev.ThankYouMedium(medium),
    )
    assert event_to_dict(event)["version"] == 2
    assert "sent_at" not in event_to_dict(event)


def test_every_older_schema_version_has_an_upgrade() -> None:
    for tag, cls in ev.EVENT_TYPES.items():
        for version in range(1, cls.schema_version):
            assert (tag, version) in UPGRADES


def test_a_version_1_thank_you_without_its_date_cannot_be_upgraded() -> None:
    record = {k: v for k, v in V1_THANK_YOU.items() if k != "sent_at"}
    with pytest.raises(DataError, match="cannot be upgraded"):
        export_from_json(export_with({**record, "handwritten": True}))


def test_a_version_1_thank_you_in_an_export_with_a_naive_date_names_its_path() -> None:
    record = {**V1_THANK_YOU, "handwritten": False, "sent_at": "2026-05-04T09:00:00"}
    with pytest.raises(DataError) as caught:
        export_from_json(export_with(record))
    assert caught.value.path == "$.events[3].at"


# --- optional fields added later ----------------------------------------------------------------


@pytest.mark.parametrize(
    "record",
    [
        {
            "type": "InterviewScheduled",
            "version": 1,
            "at": AT,
            "interview_id": "int_1",
            "application_id": "app_1",
            "scheduled_for": AT,
            "format": "video",
            "interviewers": [],
            "external_ref": "itv@ats.example",
        },
        {
            "type": "InterviewRescheduled",
            "version": 1,
            "at": AT,
            "interview_id": "int_1",
            "scheduled_for": AT,
        },
    ],
    ids=["scheduled", "rescheduled"],
)
def test_an_interview_recorded_before_revisions_were_kept_is_read_without_one(
    record: dict[str, Any],
) -> None:
    event = loads_event(json.dumps(record))

    assert isinstance(event, ev.InterviewScheduled | ev.InterviewRescheduled)
    assert event.revision is None


def test_a_negative_interview_revision_is_refused_with_its_path() -> None:
    record = {
        "type": "InterviewRescheduled",
        "version": 1,
        "at": AT,
        "interview_id": "int_1",
        "scheduled_for": AT,
        "revision": -1,
    }

    with pytest.raises(DataError, match="revision must be zero or more") as caught:
        loads_event(json.dumps(record))
    assert caught.value.path == "$.revision"
