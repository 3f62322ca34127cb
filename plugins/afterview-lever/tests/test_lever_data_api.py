"""Importing a candidate's history from Lever's Data API, served on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from afterview_lever import LeverPlugin
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from afterview import DataError, DecisionKind, InterviewStatus, PluginManager, Workspace

pytest_plugins = ["afterview.testing.http"]

NOW = datetime(2026, 6, 20, 9, 0, tzinfo=UTC)
API_KEY = "lever-key-9f8e7d"
BASIC = {"Authorization": "Basic " + base64.b64encode(f"{API_KEY}:".encode()).decode()}
JUNE_1 = 1780300800000  # 2026-06-01T08:00:00Z in epoch milliseconds
DAY = 86_400_000


def opportunity(opp_id: str, posting: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": opp_id,
        "name": "Candidate",
        "contact": "c-77",
        "stage": "offer",
        "createdAt": JUNE_1 - 20 * DAY,
        "updatedAt": JUNE_1,
        "archived": None,
        "applications": [{"id": f"a-{opp_id}", "posting": posting, "type": "user"}],
        **extra,
    }


def interview(interview_id: str, user: str, *, date: int = JUNE_1) -> dict[str, Any]:
    return {
        "id": interview_id,
        "panel": f"panel-{interview_id}",
        "subject": "On-site interview",
        "date": date,
        "duration": 60,
        "location": "Porto office",
        "createdAt": date - 7 * DAY,
        "canceledAt": None,
        "interviewers": [{"id": user, "email": f"{user}@acme.example", "name": f"User {user}"}],
    }


POSTINGS = [
    {"id": "p-analyst", "text": "Data Analyst", "state": "published"},
    {"id": "p-eng", "text": "Analytics Engineer", "state": "published"},
]
REASONS = [
    {"id": "r-under", "text": "Underqualified", "status": "non-hired"},
    {"id": "r-timing", "text": "Timing", "status": "non-hired"},
    {"id": "r-hired", "text": "Hired", "status": "hired"},
]
PAGES = [
    [
        opportunity("o1", "p-analyst", archived={"reason": "r-under", "archivedAt": JUNE_1 + DAY}),
        opportunity("o2", "p-eng", archivedReason="r-timing", archivedAt=JUNE_1 + 2 * DAY),
    ],
    [
        opportunity("o3", "p-eng"),
        opportunity("o4", "p-analyst", createdAt="last week"),
    ],
    [
        opportunity("o5", "p-analyst", archived={"reason": "r-hired", "archivedAt": JUNE_1}),
    ],
]
INTERVIEWS = {"o1": [interview("i1", "u-dana")], "o3": [interview("i3", "u-sam")]}


def listing(data: list[Any], nxt: str | None = None) -> dict[str, Any]:
    return {"data": data, "hasNext": nxt is not None, **({"next": nxt} if nxt else {})}


def serve_lever(ats_server: HTTPServer) -> None:
    ats_server.expect_request("/v1/postings", headers=BASIC).respond_with_json(listing(POSTINGS))
    ats_server.expect_request("/v1/archive_reasons", headers=BASIC).respond_with_json(
        listing(REASONS)
    )
    offsets = [None, "0.1780.o3", "0.1780.o5"]
    for number, page in enumerate(PAGES):
        query = {"contact_id": "c-77", "expand": "applications", "limit": "2"}
        if offsets[number]:
            query["offset"] = str(offsets[number])
        nxt = offsets[number + 1] if number + 1 < len(offsets) else None
        ats_server.expect_request(
            "/v1/opportunities", query_string=query, headers=BASIC
        ).respond_with_json(listing(page, nxt))
    for opp in ("o1", "o2", "o3", "o4", "o5"):
        ats_server.expect_request(f"/v1/opportunities/{opp}/interviews").respond_with_json(
            listing(INTERVIEWS.get(opp, []))
        )


def lever_url(ats_server: HTTPServer) -> str:
    base = ats_server.url_for("/").rstrip("/")
    return f"lever://{API_KEY}@acme?contact=c-77&name=Acme&api={base}"


@pytest.fixture
def lever(slept: list[float]) -> LeverPlugin:
    return LeverPlugin(sleep=slept.append, timeout=10.0, clock=lambda: NOW, page_size=2)


@pytest.fixture
def ws(lever: LeverPlugin) -> Iterator[Workspace]:
    pm = PluginManager(load_entry_points=False)
    pm.register(lever, name="lever")
    with Workspace.open("memory://", plugin_manager=pm, clock=lambda: NOW) as workspace:
        yield workspace


def test_a_contacts_opportunities_import_across_three_pages(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_lever(ats_server)

    report = ws.import_from(lever_url(ats_server))

    state = ws.state
    assert (report.imported, report.skipped, report.failed) == (5, 0, 1)
    assert report.problems[0].external_ref == "o4"
    assert "createdAt" in report.problems[0].reason
    assert state.organizations["lv-org-acme"].board_url == "lever-postings://acme"
    assert state.applications["lv-app-o3"].role_title == "Analytics Engineer"
    assert state.applications["lv-app-o1"].applied_at == datetime(2026, 5, 12, 8, 0, tzinfo=UTC)
    assert state.interviews["lv-int-i1"].interviewers == ("lv-per-u-dana",)
    assert state.interviews["lv-int-i3"].status is InterviewStatus.HELD
    kinds = {a: d.kind for a, d in state.decisions.items()}
    assert kinds == {
        "lv-app-o1": DecisionKind.REJECTED,  # nested archived{reason, archivedAt}
        "lv-app-o2": DecisionKind.ON_HOLD,  # flat archivedReason / archivedAt
        "lv-app-o5": DecisionKind.OFFER,
    }
    assert state.decisions["lv-app-o1"].reason == "Underqualified"
    ats_server.check_assertions()


def test_an_offset_that_leads_back_stops_the_import_instead_of_paging_forever(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    ats_server.expect_request("/v1/postings").respond_with_json(listing(POSTINGS))
    ats_server.expect_request("/v1/archive_reasons").respond_with_json(listing(REASONS))
    served: list[int] = []

    def same_page(_request: Request) -> Response:
        served.append(1)
        # After a dozen pages, say there is no more, so that a reader that never notices ends.
        page = listing(PAGES[0], "0.1780.o3" if len(served) < 12 else None)
        return Response(json.dumps(page), content_type="application/json")

    ats_server.expect_request("/v1/opportunities").respond_with_handler(same_page)
    for opp in ("o1", "o2"):
        ats_server.expect_request(f"/v1/opportunities/{opp}/interviews").respond_with_json(
            listing([])
        )

    report = ws.import_from(lever_url(ats_server))

    assert report.stopped is not None
    assert "already read" in report.stopped
    assert len(served) == 2


def test_importing_twice_adds_nothing(ws: Workspace, ats_server: HTTPServer) -> None:
    serve_lever(ats_server)
    ws.import_from(lever_url(ats_server))
    version = ws.state.version

    second = ws.import_from(lever_url(ats_server))

    assert (second.imported, second.skipped, second.failed) == (0, 5, 1)
    assert ws.state.version == version


def test_a_server_error_is_retried(
    ws: Workspace, ats_server: HTTPServer, slept: list[float]
) -> None:
    ats_server.expect_oneshot_request("/v1/opportunities/o3/interviews").respond_with_data(
        "oops", status=503
    )
    serve_lever(ats_server)

    report = ws.import_from(lever_url(ats_server))

    assert slept == [1.0]
    assert "lv-int-i3" in ws.state.interviews
    assert report.imported == 5


def test_the_api_key_never_reaches_the_report_or_a_log(
    ws: Workspace, ats_server: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    ats_server.expect_request("/v1/postings").respond_with_json(
        {"code": "Unauthorized"}, status=401
    )
    caplog.set_level(logging.DEBUG)

    report = ws.import_from(lever_url(ats_server))

    assert report.stopped is not None
    assert "HTTP 401" in report.stopped
    assert ws.events() == []
    assert API_KEY not in report.source + report.stopped + caplog.text
    assert report.source.startswith("lever://***@acme?")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("lever://acme?contact=c-77", "API key"),
        ("lever://key@acme", "contact"),
        ("lever://key@acme?contact=c-77&region=mars", "unknown Lever region"),
    ],
)
def test_an_incomplete_url_is_refused_before_anything_is_stored(
    ws: Workspace, url: str, message: str
) -> None:
    with pytest.raises(DataError, match=message):
        ws.import_from(url)
    assert ws.events() == []


def test_an_imported_history_gives_the_playbook_something_to_advise(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_lever(ats_server)
    ws.import_from(lever_url(ats_server))

    codes = {advice.code for advice in ws.agenda(NOW)}

    assert "AV301" in codes  # o3's interview was held and the opportunity is still open
    if any(rule.code.startswith("AV4") for rule in ws.rules):
        assert any(code.startswith("AV4") for code in codes)
