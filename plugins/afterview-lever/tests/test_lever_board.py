"""A Lever job site, read page by page from a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from afterview_lever import LeverBoard, LeverPlugin
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from afterview import DataError, PluginManager, Workspace

pytest_plugins = ["afterview.testing.http"]

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def posting(posting_id: str, text: str, team: str = "Analytics") -> dict[str, Any]:
    """A posting shaped like the Postings API's documented example, with our own values."""
    return {
        "id": posting_id,
        "text": text,
        "categories": {
            "commitment": "Full-time",
            "department": "Data",
            "location": "Porto",
            "team": team,
        },
        "country": "PT",
        "createdAt": 1780000000000,
        "hostedUrl": f"https://jobs.lever.co/acme/{posting_id}",
        "applyUrl": f"https://jobs.lever.co/acme/{posting_id}/apply",
        "workplaceType": "hybrid",
        "descriptionPlain": "About the role",
    }


def serve_postings(ats_server: HTTPServer, *postings: dict[str, Any], limit: int = 2) -> None:
    ats_server.clear()
    items = list(postings)
    for skip in range(0, len(items) + 1, limit):
        ats_server.expect_request(
            "/v0/postings/acme",
            query_string={"mode": "json", "skip": str(skip), "limit": str(limit)},
        ).respond_with_json(items[skip : skip + limit])


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ws(clock: Clock) -> Iterator[Workspace]:
    pm = PluginManager(load_entry_points=False)
    pm.register(LeverPlugin(sleep=lambda _s: None, timeout=2.0, page_size=2), name="lever")
    with Workspace.open("memory://", plugin_manager=pm, clock=clock) as workspace:
        yield workspace


def site_url(ats_server: HTTPServer) -> str:
    return f"lever-postings://acme?api={ats_server.url_for('/').rstrip('/')}"


def test_every_page_of_the_site_is_read(ws: Workspace, ats_server: HTTPServer) -> None:
    serve_postings(
        ats_server,
        posting("p1", "Data Analyst"),
        posting("p2", "Data Engineer"),
        posting("p3", "Product Analyst"),
        posting("p4", "Recruiter", team="People"),
        posting("p5", "Analytics Lead"),
    )

    postings = ws.plugins.open_job_board(site_url(ats_server)).postings()

    assert [p.external_ref for p in postings] == ["p1", "p2", "p3", "p4", "p5"]
    assert postings[0].department == "Data / Analytics"
    assert postings[0].location == "Porto"
    assert postings[0].url == "https://jobs.lever.co/acme/p1"
    ats_server.check_assertions()


def test_a_server_that_ignores_skip_does_not_keep_the_reading_going(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    requests: list[str] = []

    def same_page(request: Request) -> Response:
        requests.append(request.query_string.decode())
        if len(requests) > 5:  # the reading should have stopped long before
            return Response("enough", status=404)
        return Response(
            json.dumps([posting("p1", "Data Analyst"), posting("p2", "Data Engineer")]),
            content_type="application/json",
        )

    ats_server.expect_request("/v0/postings/acme").respond_with_handler(same_page)

    postings = ws.plugins.open_job_board(site_url(ats_server)).postings()

    assert [p.external_ref for p in postings] == ["p1", "p2"]
    assert len(requests) == 2


def test_a_posting_that_disappears_and_reappears_is_reported_again(
    ws: Workspace, ats_server: HTTPServer, clock: Clock
) -> None:
    org = ws.add_organization("Acme", board_url=site_url(ats_server))
    app = ws.submit_application(org, "Product Analyst")
    sam = ws.add_contact("Sam", "hiring_manager", organization=org)
    ws.record_follow_up_answer(app, sam, "similar_role", "yes")

    serve_postings(ats_server, posting("p1", "Data Analyst"), posting("p2", "Recruiter", "People"))
    first = ws.watch()
    serve_postings(ats_server, posting("p2", "Recruiter", "People"))
    clock.now += timedelta(days=2)
    gone = ws.watch()
    serve_postings(ats_server, posting("p1", "Data Analyst"), posting("p2", "Recruiter", "People"))
    clock.now += timedelta(days=2)
    back = ws.watch()

    assert [p.external_ref for p in first.new] == ["p1"]
    assert [c.posting_id for c in gone.closed] == [first.new[0].posting_id]
    assert [p.external_ref for p in back.new] == ["p1"]
    assert back.new[0].posting_id != first.new[0].posting_id


def test_the_eu_region_reads_the_eu_host() -> None:
    assert LeverBoard("lever-postings://acme?region=eu").api == "https://api.eu.lever.co"
    assert LeverBoard("lever-postings://acme").api == "https://api.lever.co"


def test_an_unknown_region_is_refused() -> None:
    with pytest.raises(DataError, match="unknown Lever region 'mars'"):
        LeverBoard("lever-postings://acme?region=mars")
