"""Importing a candidate's history from Greenhouse Harvest v3, served on 127.0.0.1."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from afterview_greenhouse import GreenhousePlugin
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from afterview import DataError, DecisionKind, InterviewStatus, PluginManager, Workspace

pytest_plugins = ["afterview.testing.http"]

NOW = datetime(2026, 6, 20, 9, 0, tzinfo=UTC)
CLIENT_ID = "client-4242"
SECRET = "s3cr3t/with:odd@chars"
TOKEN = "jwt-access-token-value"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def application(
    app_id: int,
    job_id: int,
    *,
    status: str = "active",
    rejected_at: str | None = None,
    reason: int | None = None,
) -> dict[str, Any]:
    return {
        "id": app_id,
        "candidate_id": 7001,
        "job_id": job_id,
        "prospect": False,
        "status": status,
        "applied_at": "2026-05-02T08:30:00Z",
        "rejected_at": rejected_at,
        "rejection_reason_id": reason,
        "last_activity_at": "2026-06-10T12:00:00Z",
        "current_stage_id": 300 + app_id % 10,
    }


def interview(
    interview_id: int, app_id: int, user_id: int, *, status: str = "complete"
) -> dict[str, Any]:
    return {
        "id": interview_id,
        "application_id": app_id,
        "job_interview_id": 8800,
        "starts_at": "2026-06-03T14:00:00Z",
        "ends_at": "2026-06-03T15:00:00Z",
        "location": "Lisbon office",
        "video_conferencing_url": None,
        "status": status,
        "organizer_id": 9100,
        "created_at": "2026-05-25T09:00:00Z",
        "interviewers": [
            {
                "user_id": user_id,
                "name": f"Interviewer {user_id}",
                "email": f"u{user_id}@acme.example",
                "response_status": "accepted",
            }
        ],
    }


JOBS = [
    {"id": 4001, "name": "Data Analyst", "status": "open"},
    {"id": 4002, "name": "BI Developer", "status": "closed"},
    {"id": 4003, "name": "Data Engineer", "status": "open"},
]
REASONS = [
    {"id": 11, "name": "Lacking skill(s)", "type": {"id": 1, "name": "We rejected them"}},
    {"id": 12, "name": "Hiring freeze", "type": {"id": 3, "name": "None specified"}},
    {"id": 13, "name": "Accepted another job", "type": {"id": 2, "name": "They rejected us"}},
]
PAGES = [
    [
        application(5001, 4001, status="rejected", rejected_at="2026-06-10T12:00:00Z", reason=11),
        application(5002, 4002, status="rejected", rejected_at="2026-06-11T12:00:00Z", reason=12),
    ],
    [
        application(5003, 4003),
        {**application(5004, 4001), "applied_at": None},
    ],
    [
        application(5005, 4003, status="rejected", rejected_at="2026-06-12T12:00:00Z", reason=13),
    ],
]


def serve_harvest(ats_server: HTTPServer, *, pages: list[list[dict[str, Any]]] = PAGES) -> None:
    """Token, jobs, reasons, applications over three cursor pages, and interviews."""
    ats_server.expect_request(
        "/token", method="POST", data="grant_type=client_credentials&sub=9100"
    ).respond_with_json({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600})
    ats_server.expect_request("/v3/jobs", headers=BEARER).respond_with_json(JOBS)
    ats_server.expect_request("/v3/rejection_reasons", headers=BEARER).respond_with_json(REASONS)
    for number, page in enumerate(pages, start=1):
        query = (
            {"candidate_ids": "7001", "per_page": "2"} if number == 1 else {"cursor": f"c{number}"}
        )
        headers = {}
        if number < len(pages):
            nxt = ats_server.url_for(f"/v3/applications?cursor=c{number + 1}")
            headers["Link"] = f'<{nxt}>; rel="next"'
        ats_server.expect_request(
            "/v3/applications", query_string=query, headers=BEARER
        ).respond_with_json(page, headers=headers)
        ids = ",".join(str(a["id"]) for a in page)
        found = [
            interview(6000 + a["id"] % 100, a["id"], 9000 + a["id"] % 100)
            for a in page
            if a["id"] in (5001, 5003)
        ]
        ats_server.expect_request(
            "/v3/interviews", query_string={"application_ids": ids, "per_page": "2"}
        ).respond_with_json(found)


def harvest_url(ats_server: HTTPServer, **extra: str) -> str:
    base = ats_server.url_for("/").rstrip("/")
    query = "&".join(f"{k}={v}" for k, v in extra.items())
    return (
        f"greenhouse://{CLIENT_ID}:s3cr3t%2Fwith%3Aodd%40chars@acme?candidate=7001&name=Acme"
        f"&user=9100&api={base}&auth={base}" + (f"&{query}" if query else "")
    )


@pytest.fixture
def greenhouse(slept: list[float]) -> GreenhousePlugin:
    return GreenhousePlugin(sleep=slept.append, timeout=10.0, clock=lambda: NOW, page_size=2)


@pytest.fixture
def plugins(greenhouse: GreenhousePlugin) -> PluginManager:
    pm = PluginManager(load_entry_points=False)
    pm.register(greenhouse, name="greenhouse")
    return pm


@pytest.fixture
def ws(plugins: PluginManager) -> Iterator[Workspace]:
    with Workspace.open("memory://", plugin_manager=plugins, clock=lambda: NOW) as workspace:
        yield workspace


def test_a_candidates_history_imports_across_three_pages(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_harvest(ats_server)

    report = ws.import_from(harvest_url(ats_server))

    state = ws.state
    assert (report.imported, report.skipped, report.failed) == (5, 0, 1)
    assert report.problems[0].external_ref == "5004"
    assert "applied_at is missing" in report.problems[0].reason
    assert state.organizations["gh-org-acme"].board_url == "greenhouse-board://acme"
    assert {a.role_title for a in state.applications.values()} == {
        "Data Analyst",
        "BI Developer",
        "Data Engineer",
    }
    assert state.interviews["gh-int-6001"].interviewers == ("gh-per-9001",)
    assert state.interviews["gh-int-6001"].status is InterviewStatus.HELD
    assert state.people["gh-per-9001"].contact_points[0].direct
    kinds = {a: d.kind for a, d in state.decisions.items()}
    assert kinds == {
        "gh-app-5001": DecisionKind.REJECTED,
        "gh-app-5002": DecisionKind.ON_HOLD,
        "gh-app-5005": DecisionKind.WITHDRAWN,
    }
    assert state.decisions["gh-app-5001"].reason == "Lacking skill(s)"
    ats_server.check_assertions()


def test_a_cursor_that_leads_back_stops_the_import_instead_of_paging_forever(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_harvest(ats_server, pages=[])  # the token, the jobs and the reasons
    loop = ats_server.url_for("/v3/applications?cursor=loop")
    served: list[int] = []

    def same_page(_request: Request) -> Response:
        served.append(1)
        # After a dozen pages, stop linking, so that a reader that never notices ends anyway.
        headers = {"Link": f'<{loop}>; rel="next"'} if len(served) < 12 else {}
        return Response(json.dumps(PAGES[0]), headers=headers, content_type="application/json")

    ats_server.expect_request("/v3/applications").respond_with_handler(same_page)
    ats_server.expect_request("/v3/interviews").respond_with_json([])

    report = ws.import_from(harvest_url(ats_server))

    assert report.stopped is not None
    assert "already read" in report.stopped
    assert len(served) == 2


def test_importing_twice_adds_nothing(ws: Workspace, ats_server: HTTPServer) -> None:
    serve_harvest(ats_server)
    ws.import_from(harvest_url(ats_server))
    version = ws.state.version

    second = ws.import_from(harvest_url(ats_server))

    assert (second.imported, second.skipped, second.failed) == (0, 5, 1)
    assert ws.state.version == version


def test_a_server_error_is_retried(
    ws: Workspace, ats_server: HTTPServer, slept: list[float]
) -> None:
    ats_server.expect_oneshot_request("/v3/rejection_reasons").respond_with_data("oops", status=500)
    serve_harvest(ats_server)

    report = ws.import_from(harvest_url(ats_server))

    assert slept == [1.0]
    assert report.imported == 5


def test_a_failed_import_keeps_the_records_before_it_and_says_why(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    ats_server.expect_request("/v3/applications", query_string={"cursor": "c2"}).respond_with_data(
        "down", status=502
    )
    serve_harvest(ats_server)

    report = ws.import_from(harvest_url(ats_server))

    assert report.stopped is not None
    assert "HTTP 502 after 4 attempts" in report.stopped
    assert set(ws.state.applications) == {"gh-app-5001", "gh-app-5002"}


def test_refused_credentials_stop_the_import_and_never_show_the_secret(
    ws: Workspace, ats_server: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    ats_server.expect_request("/token").respond_with_json({"error": "invalid_client"}, status=401)
    caplog.set_level(logging.DEBUG)

    report = ws.import_from(harvest_url(ats_server))

    assert report.stopped is not None
    assert "HTTP 401" in report.stopped
    assert ws.events() == []
    shown = report.source + report.stopped + caplog.text
    assert "s3cr3t" not in shown
    assert TOKEN not in shown
    assert f"greenhouse://{CLIENT_ID}:***@acme" in report.source


def test_the_bearer_token_never_reaches_a_log(
    ws: Workspace, ats_server: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    serve_harvest(ats_server)
    caplog.set_level(logging.DEBUG)

    ws.import_from(harvest_url(ats_server))

    assert TOKEN not in caplog.text
    assert "s3cr3t" not in caplog.text
    assert "Interviewer 9001" not in caplog.text


def test_the_reason_table_can_be_overridden_from_a_file(
    ws: Workspace, ats_server: HTTPServer, tmp_path: Path
) -> None:
    table = tmp_path / "reasons.toml"
    table.write_text('"Hiring freeze" = "eliminated"\n"lacking skill" = "on_hold"\n')
    serve_harvest(ats_server)

    ws.import_from(harvest_url(ats_server, reasons=str(table)))

    assert ws.state.decisions["gh-app-5002"].kind is DecisionKind.ELIMINATED
    assert ws.state.decisions["gh-app-5001"].kind is DecisionKind.ON_HOLD


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('"Hiring freeze" = "paused"\n', "not one of"),
        ("not toml at all [", "cannot read"),
        ("reason = 3\n", "expected pairs"),
    ],
)
def test_a_bad_reason_table_is_refused_before_anything_is_stored(
    ws: Workspace, ats_server: HTTPServer, tmp_path: Path, content: str, message: str
) -> None:
    table = tmp_path / "reasons.toml"
    table.write_text(content)

    with pytest.raises(DataError, match=message):
        ws.import_from(harvest_url(ats_server, reasons=str(table)))
    assert ws.events() == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("greenhouse://acme?candidate=1", "client id and secret"),
        ("greenhouse://id:secret@acme", "candidate"),
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
    serve_harvest(ats_server)
    ws.import_from(harvest_url(ats_server))

    codes = {advice.code for advice in ws.agenda(NOW)}

    # The held interview of the undecided application: thank the interviewer.
    assert "AV301" in codes
    if any(rule.code.startswith("AV4") for rule in ws.rules):
        # A rejection: ask the interviewer for a feedback conversation.
        assert any(code.startswith("AV4") for code in codes)


def test_an_interview_with_a_malformed_interviewer_is_reported_with_its_application(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    page = [application(5003, 4003)]
    ats_server.expect_request(
        "/v3/interviews", query_string={"application_ids": "5003", "per_page": "2"}
    ).respond_with_json([{**interview(6003, 5003, 9003), "interviewers": ["Dana"]}])
    serve_harvest(ats_server, pages=[page])

    report = ws.import_from(harvest_url(ats_server))

    assert [(p.external_ref, p.reason) for p in report.problems] == [
        ("5003", "interview gh-int-6003: an interviewer is not an object")
    ]
    assert "Dana" not in report.problems[0].reason
    assert "gh-app-5003" not in ws.state.applications


def test_an_application_dated_out_of_range_is_reported_and_the_rest_imported(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    page = [{**application(5003, 4003), "applied_at": "9999-12-31T00:00:00Z"}]
    ats_server.expect_request(
        "/v3/interviews", query_string={"application_ids": "5003", "per_page": "2"}
    ).respond_with_json([])
    serve_harvest(ats_server, pages=[page])

    report = ws.import_from(harvest_url(ats_server))

    (problem,) = report.problems
    assert problem.external_ref == "5003"
    assert "out of range" in problem.reason
    assert "gh-app-5003" not in ws.state.applications
