"""Drafts: a feedback-call request, a call script and thank-you notes, in our own words."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import timedelta

import pytest

from afterview import NotFoundError, State, Workspace
from afterview.drafts import call_script, feedback_call_request, thank_you_note
from afterview.linter import lint
from conftest import T0

# Phrases the linter flags, plus a few that drafts must never contain even where the linter's
# patterns would not see them.
NEVER = [
    "other candidate",
    "successful applicant",
    "person you hired",
    "someone else",
    "why did",
    "why i",
    "why was",
    "reason",
    "in writing",
    "reply with",
    "unfair",
    "your process",
    "discriminat",
    "wasted my time",
]


def _contact(ws: Workspace, name: str | None, role: str, org: str) -> str:
    # ``None``: a person whose name was not caught.
    return ws.add_contact(name, role, organization=org)


def build(ws: Workspace, *, names: bool = True) -> dict[str, str]:
    org = ws.add_organization("Acme Analytics")
    ids = {
        "org": org,
        "dana": _contact(ws, "Dana Reyes" if names else None, "interviewer", org),
        "kim": _contact(ws, "Kim Lo" if names else None, "receptionist", org),
        "sam": _contact(ws, "Sam Ode" if names else None, "assistant", org),
        "pat": _contact(ws, "Pat Lee" if names else None, "hr", org),
        "lee": _contact(ws, "Lee Park" if names else None, "hiring_manager", org),
    }
    for kind in ("rejected", "on_hold", "eliminated"):
        app = ws.submit_application(org, f"Analyst ({kind})" if names else "Analyst")
        interview = ws.schedule_interview(app, T0, interviewers=[ids["dana"], ids["lee"]])
        ws.record_interview_held(
            interview,
            people_met=[ids["kim"], ids["sam"], ids["pat"]],
            at=T0 + timedelta(hours=1),
        )
        ws.record_decision(app, kind, at=T0 + timedelta(days=2))
        ids[kind] = app
        ids[f"interview_{kind}"] = interview
    return ids


def every_draft(ws: Workspace, ids: dict[str, str]) -> list[str]:
    state = ws.state
    people = ["dana", "kim", "sam", "pat", "lee"]
    drafts = []
    for kind, who in itertools.product(("rejected", "on_hold", "eliminated"), people):
        drafts.append(feedback_call_request(state, ids[kind], ids[who]))
        drafts.append(call_script(state, ids[kind], ids[who]))
        drafts.append(thank_you_note(state, ids[f"interview_{kind}"], ids[who]))
    return drafts


@pytest.mark.parametrize("names", [True, False], ids=["named", "names-unknown"])
def test_no_draft_trips_the_linter_or_contains_a_flagged_phrase(ws: Workspace, names: bool) -> None:
    drafts = every_draft(ws, build(ws, names=names))
    assert len(drafts) == 45
    for text in drafts:
        assert lint(text) == [], text
        for phrase in NEVER:
            assert phrase not in text.lower(), (phrase, text)


def test_the_feedback_request_asks_the_interviewer_for_a_short_call(ws: Workspace) -> None:
    ids = build(ws)
    text = ws.draft_feedback_request(ids["rejected"], ids["dana"])
    assert text.startswith("Dear Dana Reyes,")
    assert "Analyst (rejected)" in text
    assert "Acme Analytics" in text
    assert "10 to 15 minutes" in text
    assert "call" in text


@pytest.mark.parametrize("kind", ["on_hold", "eliminated"])
def test_a_stopped_position_asks_to_be_considered_when_it_reopens(ws: Workspace, kind: str) -> None:
    ids = build(ws)
    text = ws.draft_feedback_request(ids[kind], ids["dana"])
    assert "considered" in text
    assert "opens again" in text
    assert "do better" not in text


def test_drafts_without_names_stay_graceful(ws: Workspace) -> None:
    ids = build(ws, names=False)
    text = feedback_call_request(ws.state, ids["rejected"], ids["dana"])
    assert text.startswith("Hello,\n")
    assert "  " not in text
    assert "the Analyst role" in text


def test_a_forgotten_person_is_not_named_in_a_draft(ws: Workspace) -> None:
    ids = build(ws)
    ws.forget(ids["dana"])
    for text in (
        ws.draft_feedback_request(ids["rejected"], ids["dana"]),
        ws.draft_call_script(ids["rejected"], ids["dana"]),
        ws.draft_thank_you(ids["interview_rejected"], ids["dana"]),
    ):
        assert "Dana" not in text


def test_the_call_script_thanks_asks_listens_sorts_and_closes(ws: Workspace) -> None:
    ids = build(ws)
    script = ws.draft_call_script(ids["rejected"], ids["dana"])
    headings = re.findall(r"^\d\. (.+)$", script, flags=re.MULTILINE)
    assert headings == [
        "Thank them",
        "Ask how you can improve",
        "Listen",
        "Sort each point as you note it",
        "If the feedback is positive, ask the three questions",
        "Close",
    ]
    assert "Behaviour:" in script
    assert "Skill:" in script
    assert "similar position" in script
    assert "other roles" in script
    assert "stay in touch" in script


def test_the_on_hold_call_script_says_you_are_still_interested(ws: Workspace) -> None:
    ids = build(ws)
    script = ws.draft_call_script(ids["on_hold"], ids["dana"])
    assert "2. Say you are still interested" in script
    assert "reopens" in script


@pytest.mark.parametrize("who", ["kim", "sam"])
def test_front_desk_staff_are_thanked_for_their_welcome(ws: Workspace, who: str) -> None:
    ids = build(ws)
    note = ws.draft_thank_you(ids["interview_rejected"], ids[who])
    assert "welcome" in note
    assert "conversation" not in note
    assert "Monday 4 May" in note


@pytest.mark.parametrize("who", ["dana", "lee"])
def test_interviewers_are_thanked_for_the_conversation(ws: Workspace, who: str) -> None:
    ids = build(ws)
    note = ws.draft_thank_you(ids["interview_rejected"], ids[who])
    assert "conversation" in note
    assert "Analyst (rejected)" in note
    assert "Acme Analytics" in note


@pytest.mark.parametrize(
    "call",
    [
        lambda s, ids: feedback_call_request(s, "app_missing", ids["dana"]),
        lambda s, ids: feedback_call_request(s, ids["rejected"], "per_missing"),
        lambda s, ids: call_script(s, "app_missing", ids["dana"]),
        lambda s, ids: thank_you_note(s, "int_missing", ids["dana"]),
        lambda s, ids: thank_you_note(s, ids["interview_rejected"], "per_missing"),
    ],
)
def test_unknown_ids_are_a_not_found_error_and_store_nothing(
    ws: Workspace, call: Callable[[State, dict[str, str]], str]
) -> None:
    ids = build(ws)
    version = ws.state.version
    with pytest.raises(NotFoundError, match="_missing"):
        call(ws.state, ids)
    assert ws.state.version == version
