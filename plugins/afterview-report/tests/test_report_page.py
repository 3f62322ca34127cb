"""The report page: everything on it comes from the workspace, nothing from the web, and what
users typed is shown as text."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from afterview_report import render_index, render_report
from afterview_report.page import index_row
from afterview_report_fixtures import NOW, Elements, demo_workspace

from afterview import NotFoundError, PluginManager, Workspace

CHARTS = (
    "funnel",
    "rejections",
    "answers-by-channel",
    "answers-by-role",
    "criticism",
    "praise",
    "actions",
)


def test_the_demo_report_has_every_section_and_every_chart_with_its_table() -> None:
    page = Elements(render_report(demo_workspace(), NOW, NOW.tzinfo or NOW.astimezone().tzinfo))

    figures = {a["id"]: a for a in page.named("figure")}
    assert list(figures) == [f"chart-{name}" for name in CHARTS]
    # Every chart drawn is labelled by its caption and followed by a table of its figures.
    svgs = page.named("svg")
    assert len(svgs) == len(CHARTS)
    assert {s["aria-labelledby"] for s in svgs} == {f"{n}-title" for n in CHARTS}
    assert all(s["role"] == "img" for s in svgs)
    assert len(page.named("table")) == 1 + len(CHARTS)  # this week's agenda, then the charts
    assert [a["id"] for a in page.named("section") if "id" in a] == [
        "week",
        "patterns",
        "applications",
    ]
    text = " ".join(page.text)
    for step in ("Applied", "Interview held", "Thank-you note to", "Decision: rejected"):
        assert step in text
    for step in ("Feedback call asked of", "Feedback: negative", "Action planned", "Touchpoint"):
        assert step in text
    assert "Brightwater Analytics" in text
    assert "Nothing due this week." not in text


def test_the_page_names_no_web_address_and_loads_nothing() -> None:
    html = render_report(demo_workspace(), NOW, NOW.tzinfo)  # type: ignore[arg-type]
    page = Elements(html)

    assert not re.search(r"(?i)https?:|//[a-z0-9.-]+\.[a-z]{2,}", html)
    linked = [
        value
        for _, attributes in page.tags
        for key, value in attributes.items()
        if key in ("src", "href", "xlink:href", "action", "srcset", "data", "poster")
    ]
    assert linked == []
    assert page.named("script") == []
    assert page.named("link") == []
    assert "@import" not in html
    assert "url(" not in html


def test_the_same_workspace_gives_the_same_page_byte_for_byte() -> None:
    ws = demo_workspace()
    assert render_report(ws, NOW, NOW.tzinfo) == render_report(ws, NOW, NOW.tzinfo)  # type: ignore[arg-type]


def hostile_workspace() -> Workspace:
    ws = Workspace.open(
        "memory://", name="hostile", plugin_manager=PluginManager(load_entry_points=False)
    )
    at = NOW - timedelta(days=30)
    org = ws.add_organization("<script>alert('org')</script>", at=at)
    person = ws.add_contact(
        "Robert'); DROP TABLE people;--", "interviewer", organization=org, at=at
    )
    app = ws.submit_application(org, "<img src=x onerror=alert(1)>", at=at)
    interview = ws.schedule_interview(app, at + timedelta(days=2), interviewers=[person], at=at)
    ws.record_interview_held(interview, nobody_else=True, at=at + timedelta(days=2))
    ws.record_decision(app, "rejected", person=person, at=at + timedelta(days=5))
    ws.record_feedback(
        app,
        "negative",
        "skill",
        "said </li><script>alert(2)</script>",
        person=person,
        themes=["<script>alert('theme')</script>"],
        at=at + timedelta(days=6),
    )
    return ws


def test_names_users_typed_are_shown_as_text_never_as_markup() -> None:
    html = render_report(hostile_workspace(), NOW, NOW.tzinfo)  # type: ignore[arg-type]
    page = Elements(html)

    assert page.named("script") == []
    assert page.named("img") == []
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    text = "".join(page.text)
    assert "<script>alert('org')</script>" in text
    assert "Robert'); DROP TABLE people;--" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "said </li><script>alert(2)</script>" in text
    assert "<script>alert('theme')</script>" in text  # in the criticism table and the chart


def test_a_forgotten_person_shows_as_forgotten_and_nothing_of_them_remains() -> None:
    ws = demo_workspace()
    before = render_report(ws, NOW, NOW.tzinfo)  # type: ignore[arg-type]
    assert "Marcus Lee" in before

    person = ws.person("Marcus Lee")
    ws.forget(person.id, at=NOW)
    after = render_report(ws, NOW, NOW.tzinfo)  # type: ignore[arg-type]

    assert "Marcus" not in after
    assert "Lee" not in after.replace("Sleep", "")
    assert person.id not in after
    assert "a forgotten contact" in after


def test_person_limits_the_page_to_one_contacts_history() -> None:
    ws = demo_workspace()
    html = render_report(ws, NOW, NOW.tzinfo, person="Marcus Lee")  # type: ignore[arg-type]
    page = Elements(html)
    text = " ".join(page.text)

    assert page.named("svg") == []  # the whole search's charts are not theirs
    assert [a.get("aria-label", "") for a in page.named("section") if "aria-label" in a] == [
        "Harbor & Finch Logistics: Operations Coordinator"
    ]
    assert "Marcus Lee" in text
    assert "Priya Raman" not in text
    assert "Brightwater" not in text


def test_an_unknown_person_is_a_not_found_error() -> None:
    with pytest.raises(NotFoundError):
        render_report(demo_workspace(), NOW, NOW.tzinfo, person="Nobody Atall")  # type: ignore[arg-type]


def test_the_index_has_a_row_per_job_seeker_linking_to_their_page() -> None:
    rows = [
        index_row(demo_workspace(), NOW, "demo.html"),
        index_row(hostile_workspace(), NOW, "hostile.html"),
    ]
    page = Elements(render_index(rows, NOW, NOW.tzinfo))  # type: ignore[arg-type]

    assert [a["href"] for a in page.named("a")] == ["demo.html", "hostile.html"]
    assert [r.applied for r in rows] == [3, 1]
    # The demo: Elena's open "which other roles?" (overdue), research and a rehearsal this week.
    assert (rows[0].due_this_week, rows[0].overdue) == (3, 1)
    assert rows[1].last_activity == NOW - timedelta(days=24)
