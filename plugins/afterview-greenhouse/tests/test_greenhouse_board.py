"""A Greenhouse job board, read from a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from afterview_greenhouse import GreenhousePlugin
from pytest_httpserver import HTTPServer

from afterview import PluginError, PluginManager, Workspace

pytest_plugins = ["afterview.testing.http"]

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def job(job_id: int, title: str, department: str = "Analytics") -> dict[str, Any]:
    """A job shaped like the Job Board API's documented example, with our own values."""
    return {
        "id": job_id,
        "internal_job_id": job_id + 100000,
        "title": title,
        "updated_at": "2026-05-28T10:15:00-04:00",
        "requisition_id": f"REQ-{job_id}",
        "location": {"name": "Lisbon, Portugal"},
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{job_id}",
        "departments": [{"id": 77, "name": department, "child_ids": [], "parent_id": None}],
        "offices": [{"id": 8, "name": "Lisbon", "location": "Lisbon, Portugal"}],
        "content": "&lt;p&gt;About the role&lt;/p&gt;",
    }


def serve_jobs(ats_server: HTTPServer, *jobs: dict[str, Any]) -> None:
    ats_server.clear()
    ats_server.expect_request(
        "/v1/boards/acme/jobs", query_string={"content": "true"}
    ).respond_with_json({"jobs": list(jobs), "meta": {"total": len(jobs)}})


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ws(slept: list[float], clock: Clock) -> Iterator[Workspace]:
    pm = PluginManager(load_entry_points=False)
    pm.register(GreenhousePlugin(sleep=slept.append, timeout=10.0), name="greenhouse")
    with Workspace.open("memory://", plugin_manager=pm, clock=clock) as workspace:
        yield workspace


def board_url(ats_server: HTTPServer) -> str:
    return f"greenhouse-board://acme?api={ats_server.url_for('/').rstrip('/')}"


def test_the_board_lists_open_jobs_with_department_and_location(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_jobs(ats_server, job(4001, "Data Analyst"), {"id": 4002})

    postings = ws.plugins.open_job_board(board_url(ats_server)).postings()

    assert [(p.external_ref, p.title, p.department, p.location) for p in postings] == [
        ("4001", "Data Analyst", "Analytics", "Lisbon, Portugal")
    ]
    assert postings[0].url == "https://boards.greenhouse.io/acme/jobs/4001"
    assert postings[0].updated_at == datetime(2026, 5, 28, 14, 15, tzinfo=UTC)


def test_a_posting_that_disappears_and_reappears_is_reported_again(
    ws: Workspace, ats_server: HTTPServer, clock: Clock
) -> None:
    org = ws.add_organization("Acme", board_url=board_url(ats_server))
    app = ws.submit_application(org, "Data Analyst")
    dana = ws.add_contact("Dana", "interviewer", organization=org)
    ws.record_follow_up_answer(app, dana, "similar_role", "yes")

    serve_jobs(ats_server, job(4001, "Senior Data Analyst"), job(4002, "Recruiter", "People"))
    first = ws.watch()
    again = ws.watch()
    serve_jobs(ats_server, job(4002, "Recruiter", "People"))
    clock.now += timedelta(days=1)
    gone = ws.watch()
    serve_jobs(ats_server, job(4001, "Senior Data Analyst"))
    clock.now += timedelta(days=1)
    back = ws.watch()

    assert [p.title for p in first.new] == ["Senior Data Analyst"]
    assert again.new == ()
    assert again.closed == ()
    assert [c.posting_id for c in gone.closed] == [first.new[0].posting_id]
    assert [p.external_ref for p in back.new] == ["4001"]
    assert back.new[0].posting_id != first.new[0].posting_id


def test_a_response_that_is_not_a_board_is_an_error(ws: Workspace, ats_server: HTTPServer) -> None:
    ats_server.expect_request("/v1/boards/acme/jobs").respond_with_json({"error": "nope"})

    with pytest.raises(PluginError, match="no job list"):
        ws.plugins.open_job_board(board_url(ats_server)).postings()


def test_a_board_response_larger_than_the_cap_is_refused(ats_server: HTTPServer) -> None:
    pm = PluginManager(load_entry_points=False)
    pm.register(GreenhousePlugin(max_bytes=1000), name="greenhouse")
    serve_jobs(ats_server, *(job(i, "Data Analyst") for i in range(20)))

    with pytest.raises(PluginError, match="larger than 1000 bytes"):
        pm.open_job_board(board_url(ats_server)).postings()
