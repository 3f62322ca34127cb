"""Input of the wrong shape is refused with one typed line and nothing stored: wrong JSON types,
undecodable text, documents nested beyond reason, blank names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from afterview import DataError, Workspace
from afterview import events as ev
from afterview.serialization import event_to_dict, export_from_json, loads_event
from cli_support import Cli, fails
from conftest import T0

AT = T0.isoformat()


def _export(*records: dict[str, Any]) -> str:
    return json.dumps(
        {
            "format": "afterview-export",
            "version": 1,
            "workspace": "w",
            "exported_at": AT,
            "events": list(records),
        }
    )


CONTACT = {"type": "ContactAdded", "version": 1, "at": AT, "person_id": "per_1", "role": "hr"}
FEEDBACK = {
    "type": "FeedbackRecorded",
    "version": 1,
    "at": AT,
    "item_id": "fbi_1",
    "application_id": "app_1",
    "sentiment": "negative",
    "category": "skill",
}
STAY = {"type": "StayInTouchAgreed", "version": 1, "at": AT, "person_id": "per_1"}
HELD = {"type": "InterviewHeld", "version": 2, "at": AT, "interview_id": "int_1"}


@pytest.mark.parametrize(
    ("record", "path", "words"),
    [
        ({**CONTACT, "name": ["x"]}, "$.events[0].name", "expected a string, got a list"),
        ({**CONTACT, "name": 7}, "$.events[0].name", "expected a string, got a whole number"),
        ({**CONTACT, "person_id": 1.5}, "$.events[0].person_id", "expected a string, got a number"),
        ({**CONTACT, "title": {"a": 1}}, "$.events[0].title", "expected a string, got an object"),
        ({**FEEDBACK, "themes": "abc"}, "$.events[0].themes", "expected a list, got a string"),
        ({**FEEDBACK, "themes": [1]}, "$.events[0].themes[0]", "expected a string"),
        ({**STAY, "cadence_days": 1.5}, "$.events[0].cadence_days", "expected a whole number"),
        ({**STAY, "cadence_days": True}, "$.events[0].cadence_days", "got true or false"),
        ({**STAY, "cadence_days": "42"}, "$.events[0].cadence_days", "got a string"),
        ({**HELD, "nobody_else": 1}, "$.events[0].nobody_else", "expected true or false"),
        ({**HELD, "people_met": "per_1"}, "$.events[0].people_met", "expected a list"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_a_wrong_json_type_is_refused_with_its_path(
    record: dict[str, Any], path: str, words: str
) -> None:
    with pytest.raises(DataError) as caught:
        export_from_json(_export(record))
    assert caught.value.path == path
    assert words in str(caught.value)
    assert f"@ {path}" in str(caught.value)


def test_right_types_still_read() -> None:
    document = export_from_json(
        _export(
            {**CONTACT, "name": "Dana Reyes"},
            {**FEEDBACK, "themes": ["sql", "pace"]},
            {**STAY, "cadence_days": 42},
            {**HELD, "nobody_else": True, "people_met": ["per_1"]},
        )
    )
    contact, feedback, stay, held = document.events
    assert isinstance(contact, ev.ContactAdded)
    assert contact.name == "Dana Reyes"
    assert isinstance(feedback, ev.FeedbackRecorded)
    assert feedback.themes == ("sql", "pace")
    assert isinstance(stay, ev.StayInTouchAgreed)
    assert stay.cadence_days == 42
    assert isinstance(held, ev.InterviewHeld)
    assert held.people_met == ("per_1",)


# --- undecodable text and deep documents ------------------------------------------------------

SURROGATE = "Dana \udcff Reyes"


def test_a_lone_surrogate_in_a_name_is_refused_and_nothing_is_stored(ws: Workspace) -> None:
    org = ws.add_organization("Acme")
    with pytest.raises(DataError, match="not valid Unicode text") as caught:
        ws.add_contact(SURROGATE, "interviewer", organization=org)
    assert caught.value.path == "$.name"
    with pytest.raises(DataError, match="not valid Unicode text"):
        ws.add_organization(SURROGATE)
    assert len(ws.events()) == 1


def test_a_lone_surrogate_in_any_text_is_refused_with_its_path(ws: Workspace) -> None:
    org = ws.add_organization("Acme")
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    with pytest.raises(DataError, match="not valid Unicode text") as caught:
        ws.log_touchpoint(dana, note=f"called {SURROGATE}")
    assert caught.value.path == "$.note"
    with pytest.raises(DataError, match="not valid Unicode text") as caught:
        ws.collect_business_card(dana, email="dana\udcff@acme.example")
    assert caught.value.path == "$.points[0].value"
    assert len(ws.events()) == 2


def test_a_lone_surrogate_on_the_command_line_is_one_line(tmp_path: Path) -> None:
    run = Cli(tmp_path)
    run.ok("org", "add", "Acme")
    # What Python makes of the byte 0xff in argv on a UTF-8 system.
    line = fails(run("person", "add", SURROGATE, "--role", "hr", "--org", "Acme"), 4)
    assert "name is not valid Unicode text" in line
    fails(run("person", "add", "Dana", "--role", "hr", "--notes", SURROGATE), 4)
    assert run.events() == 1


@pytest.mark.parametrize("depth", [100_000, 10_000])
def test_a_deeply_nested_document_is_one_data_error(depth: int) -> None:
    deep = "[" * depth + "]" * depth
    with pytest.raises(DataError, match="nested too deeply"):
        export_from_json(deep)
    with pytest.raises(DataError, match="nested too deeply"):
        loads_event(deep)
    nested_field = '{"events": ' + deep + "}"
    with pytest.raises(DataError):
        export_from_json(nested_field)


def test_importing_a_deeply_nested_file_stores_nothing(tmp_path: Path) -> None:
    run = Cli(tmp_path)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    line = fails(run("import", str(deep)), 4)
    assert "nested too deeply" in line
    nested = tmp_path / "nested.json"
    event = {**event_to_dict(ev.OrganizationAdded(at=T0, organization_id="o", name="A"))}
    event["name"] = json.loads("[" * 500 + "]" * 500)
    nested.write_text(_export(event))
    assert "expected a string, got a list" in fails(run("import", str(nested)), 4)
    assert run.events() == 0


# --- blank names --------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u3000"])
def test_blank_names_and_titles_are_refused(ws: Workspace, blank: str) -> None:
    org = ws.add_organization("Acme")
    with pytest.raises(DataError, match="must not be empty or only whitespace"):
        ws.add_organization(blank)
    with pytest.raises(DataError, match="must not be empty or only whitespace"):
        ws.add_contact(blank, "interviewer", organization=org)
    with pytest.raises(DataError, match="must not be empty or only whitespace"):
        ws.add_contact("Dana Reyes", "interviewer", title=blank)
    with pytest.raises(DataError, match="role_title must not be empty or only whitespace"):
        ws.submit_application(org, blank)
    with pytest.raises(DataError, match="title must not be empty or only whitespace"):
        ws.plan_action("other", blank, T0)
    assert len(ws.events()) == 1


def test_an_imported_whitespace_name_is_refused_a_forgotten_persons_empty_one_reads() -> None:
    with pytest.raises(DataError, match="name must not be empty") as caught:
        export_from_json(_export({**CONTACT, "name": "   "}))
    assert caught.value.path == "$.events[0].name"
    # How a forgotten person (or one an ATS did not name) is stored.
    (contact,) = export_from_json(_export({**CONTACT, "name": ""})).events
    assert isinstance(contact, ev.ContactAdded)
    assert contact.name == ""


@pytest.mark.parametrize("blank", ["", "   "])
def test_the_cli_refuses_blank_names(tmp_path: Path, blank: str) -> None:
    run = Cli(tmp_path)
    assert "name must not be empty" in fails(run("org", "add", blank), 4)
    assert "name must not be empty" in fails(run("person", "add", blank, "--role", "hr"), 4)
    assert run.events() == 0
