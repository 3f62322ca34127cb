"""Importing a candidate's history from Greenhouse Harvest v3, served on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator
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
    job_id: int | None,
    *,
    status: str = "in_process",
    rejected_at: str | None = None,
) -> dict[str, Any]:
    """An application as Harvest v3 lists it: no reason on it, ``created_at`` for applied."""
    return {
        "id": app_id,
        "candidate_id": 7001,
        "job_id": job_id,
        "job_post_id": None,
        "prospect": False,
        "status": status,
        "created_at": "2026-05-02T08:30:00Z",
        "updated_at": "2026-06-10T12:00:00Z",
        "rejected_at": rejected_at,
        "last_activity_at": "2026-06-10T12:00:00Z",
        "stage_id": 300 + app_id % 10,
        "stage_name": "Face to face",
        "prospective_job_ids": [],
    }


def interview(interview_id: int, app_id: int, *, status: str = "complete") -> dict[str, Any]:
    """A v3 interview: times of its own, and no panel (that is ``/v3/interviewers``)."""
    return {
        "id": interview_id,
        "application_id": app_id,
        "job_id": 4001,
        "job_interview_id": 8800,
        "starts_at": "2026-06-03T14:00:00Z",
        "ends_at": "2026-06-03T15:00:00Z",
        "all_day_start_on": None,
        "all_day_end_on": None,
        "location": "Lisbon office",
        "video_conferencing_url": None,
        "status": status,
        "organizer_id": 9100,
        "created_at": "2026-05-25T09:00:00Z",
        "updated_at": "2026-05-25T09:00:00Z",
        "scheduled_at": "2026-05-25T09:00:00Z",
        "external_event_id": f"evt-{interview_id}",
    }


def interviewer(
    row_id: int, interview_id: int, user_id: int | None, *, response: str = "accepted"
) -> dict[str, Any]:
    return {
        "id": row_id,
        "interview_id": interview_id,
        "user_id": user_id,
        "scorecard_id": 70000 + row_id,
        "email": f"u{user_id}@acme.example" if user_id is not None else "guest@other.example",
        "response_status": response,
    }


def user(user_id: int) -> dict[str, Any]:
    return {
        "id": user_id,
        "first_name": "Interviewer",
        "last_name": str(user_id),
        "name": f"Interviewer {user_id}",
        "primary_email": f"u{user_id}@acme.example",
        "deactivated": False,
    }


def rejection(detail_id: int, app_id: int, reason: int | None, at: str) -> dict[str, Any]:
    return {
        "id": detail_id,
        "application_id": app_id,
        "rejected_by_id": 9100,
        "rejection_reason_id": reason,
        "rejection_note_id": None,
        "rejected_at": at,
        "question_custom_fields": {},
    }


JOBS = [
    {"id": 4001, "name": "Data Analyst", "status": "open"},
    {"id": 4002, "name": "BI Developer", "status": "closed"},
    {"id": 4003, "name": "Data Engineer", "status": "open"},
]
WE = {"id": 1, "key": "WE_REJECTED_THEM", "name": "We rejected them"}
THEY = {"id": 2, "key": "THEY_REJECTED_US", "name": "They rejected us"}
NONE = {"id": 3, "key": "NONE_SPECIFIED", "name": "None specified"}
REASONS = [
    {"id": 11, "name": "Lacking skill(s)", "type": WE},
    {"id": 12, "name": "Hiring freeze", "type": NONE},
    {"id": 13, "name": "Accepted another job", "type": THEY},
]
#: Greenhouse's built-in reasons: listed only with ``include_defaults=true``.
BUILT_IN_REASONS = [{"id": 51, "name": "Position filled (internal move)", "type": NONE}]
PAGES = [
    [
        application(5001, 4001, status="rejected", rejected_at="2026-06-10T12:00:00Z"),
        application(5002, 4002, status="rejected", rejected_at="2026-06-11T12:00:00Z"),
    ],
    [
        application(5003, 4003),
        {**application(5004, 4001), "created_at": None},
    ],
    [
        application(5005, 4003, status="rejected", rejected_at="2026-06-12T12:00:00Z"),
    ],
]
INTERVIEWS = [interview(6001, 5001), interview(6003, 5003)]
INTERVIEWERS = [interviewer(1, 6001, 9001), interviewer(3, 6003, 9003)]
USERS = [user(9001), user(9003)]
DETAILS = [
    rejection(801, 5001, 11, "2026-06-10T12:00:00Z"),
    rejection(802, 5002, 12, "2026-06-11T12:00:00Z"),
    rejection(805, 5005, 13, "2026-06-12T12:00:00Z"),
]


def _filtered(rows: list[dict[str, Any]], by: str, key: str) -> Any:
    """A v3 list endpoint answering only the rows whose ``key`` is in the ``by`` ids."""

    def respond(request: Request) -> Response:
        assert request.headers.get("Authorization") == f"Bearer {TOKEN}"
        assert request.args.get("per_page") == "2"
        wanted = set(request.args.get(by, "").split(","))
        found = [row for row in rows if str(row.get(key)) in wanted]
        return Response(json.dumps(found), content_type="application/json")

    return respond


def serve_harvest(
    ats_server: HTTPServer,
    *,
    pages: list[list[dict[str, Any]]] = PAGES,
    interviews: list[dict[str, Any]] = INTERVIEWS,
    interviewers: list[dict[str, Any]] = INTERVIEWERS,
    users: list[dict[str, Any]] = USERS,
    details: list[dict[str, Any]] = DETAILS,
) -> None:
    """Token, jobs, reasons, applications over cursor pages, and what they refer to."""
    ats_server.expect_request(
        "/token", method="POST", data="grant_type=client_credentials&sub=9100"
    ).respond_with_json({"access_token": TOKEN, "token_type": "Bearer", "expires_in": 3600})
    ats_server.expect_request("/v3/jobs", headers=BEARER).respond_with_json(JOBS)
    ats_server.expect_request(
        "/v3/rejection_reasons",
        query_string={"include_defaults": "true", "per_page": "2"},
        headers=BEARER,
    ).respond_with_json(REASONS + BUILT_IN_REASONS)
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
    ats_server.expect_request("/v3/interviews").respond_with_handler(
        _filtered(interviews, "application_ids", "application_id")
    )
    ats_server.expect_request("/v3/interviewers").respond_with_handler(
        _filtered(interviewers, "interview_ids", "interview_id")
    )
    ats_server.expect_request("/v3/users").respond_with_handler(_filtered(users, "ids", "id"))
    ats_server.expect_request("/v3/rejection_details").respond_with_handler(
        _filtered(details, "application_ids", "application_id")
    )


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
    assert "created_at is missing" in report.problems[0].reason
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
    assert "greenhouse://***@acme" in report.source


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


def only(app: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return [[app]]


def test_a_hiring_freeze_kept_in_the_rejection_details_is_on_hold_not_a_rejection(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    # v3 keeps the reason out of the application: it is in /v3/rejection_details.
    serve_harvest(
        ats_server,
        pages=only(application(5002, 4002, status="rejected", rejected_at="2026-06-11T12:00:00Z")),
    )

    report = ws.import_from(harvest_url(ats_server))

    assert report.problems == ()
    decision = ws.state.decisions["gh-app-5002"]
    assert (decision.kind, decision.reason) == (DecisionKind.ON_HOLD, "Hiring freeze")
    assert "AV401" not in {advice.code for advice in ws.agenda(NOW)}


def test_reasons_are_requested_with_greenhouses_built_in_ones(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_harvest(
        ats_server,
        pages=only(application(5002, 4002, status="rejected", rejected_at="2026-06-11T12:00:00Z")),
        details=[rejection(802, 5002, 51, "2026-06-11T12:00:00Z")],
    )

    report = ws.import_from(harvest_url(ats_server))

    assert report.problems == ()
    decision = ws.state.decisions["gh-app-5002"]
    assert decision.kind is DecisionKind.ELIMINATED
    assert decision.reason == "Position filled (internal move)"


def test_a_rejection_with_no_details_is_reported_and_never_recorded_as_a_plain_rejection(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    # A mixed payload: a v1-style reason id on the application, nothing in rejection_details.
    mixed = {
        **application(5002, 4002, status="rejected", rejected_at="2026-06-11T12:00:00Z"),
        "rejection_reason_id": 11,
    }
    serve_harvest(ats_server, pages=only(mixed), details=[])

    report = ws.import_from(harvest_url(ats_server))

    assert "gh-app-5002" in ws.state.applications
    assert "gh-app-5002" not in ws.state.decisions
    assert [(p.external_ref, p.reason) for p in report.problems] == [
        (
            "5002",
            "the decision: Greenhouse has no rejection details for it, so its reason is unknown; "
            "the rest was imported",
        )
    ]


def test_an_unknown_reason_leaves_out_the_decision_only(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_harvest(
        ats_server,
        pages=only(application(5001, 4001, status="rejected", rejected_at="2026-06-10T12:00:00Z")),
        details=[rejection(801, 5001, 99, "2026-06-10T12:00:00Z")],
    )

    report = ws.import_from(harvest_url(ats_server))

    assert ws.state.interviews["gh-int-6001"].status is InterviewStatus.HELD
    assert "gh-app-5001" not in ws.state.decisions
    assert [p.reason for p in report.problems] == [
        "the decision: rejection reason 99 is not one Greenhouse listed; the rest was imported"
    ]


def test_a_harvest_v1_payload_stops_the_import_saying_which_shape_it_is(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    v1 = {
        "id": 5001,
        "candidate_id": 7001,
        "prospect": False,
        "applied_at": "2026-05-02T08:30:00Z",
        "rejected_at": "2026-06-10T12:00:00Z",
        "last_activity_at": "2026-06-10T12:00:00Z",
        "status": "rejected",
        "rejection_reason": {"id": 12, "name": "Hiring freeze", "type": NONE},
        "jobs": [{"id": 4001, "name": "Data Analyst"}],
    }
    serve_harvest(ats_server, pages=only(v1))

    report = ws.import_from(harvest_url(ats_server))

    assert report.stopped is not None
    assert "Harvest v1/v2 applications (`jobs`, `applied_at`, `rejection_reason`" in report.stopped
    assert "Harvest v3 only" in report.stopped
    assert ws.state.applications == {}


def test_an_all_day_interview_is_reported_and_the_rest_of_the_application_imported(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    all_day = {
        **interview(6002, 5001),
        "starts_at": None,
        "ends_at": None,
        "all_day_start_on": "2026-06-05",
        "all_day_end_on": "2026-06-05",
    }
    serve_harvest(
        ats_server,
        pages=only(application(5001, 4001, status="rejected", rejected_at="2026-06-10T12:00:00Z")),
        interviews=[interview(6001, 5001), all_day],
    )

    report = ws.import_from(harvest_url(ats_server))

    assert set(ws.state.interviews) == {"gh-int-6001"}
    assert ws.state.decisions["gh-app-5001"].kind is DecisionKind.REJECTED
    assert [(p.external_ref, p.reason) for p in report.problems] == [
        (
            "5001",
            "interview 6002 is an all-day event on 2026-06-05 with no start time: add it by "
            "hand with its time; the rest was imported",
        )
    ]
    # A note, not a lost record: a cron job's `ats-import` does not fail for it.
    assert (report.failed, report.notes) == (0, 1)
    assert not report.problems[0].lost


def test_an_interviewer_with_no_greenhouse_user_is_reported_and_the_rest_imported(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    # An outside attendee: v3 gives no user_id for them.
    serve_harvest(
        ats_server,
        pages=only(application(5003, 4003)),
        interviewers=[interviewer(3, 6003, 9003), interviewer(4, 6003, None)],
    )

    report = ws.import_from(harvest_url(ats_server))

    assert ws.state.interviews["gh-int-6003"].interviewers == ("gh-per-9003",)
    assert ws.state.people["gh-per-9003"].name == "Interviewer 9003"
    assert [p.reason for p in report.problems] == [
        "interview 6003: an interviewer with no Greenhouse user; the rest was imported"
    ]
    assert "guest@other.example" not in repr(report)


def test_interviewers_who_declined_are_not_people_you_met(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_harvest(
        ats_server,
        pages=only(application(5003, 4003)),
        interviewers=[
            interviewer(3, 6003, 9003),
            interviewer(4, 6003, 9004, response="declined"),
            interviewer(5, 6003, 9005, response="tentative"),
        ],
        users=[user(9003), user(9004), user(9005)],
    )

    report = ws.import_from(harvest_url(ats_server))

    assert report.problems == ()
    assert ws.state.interviews["gh-int-6003"].interviewers == ("gh-per-9003", "gh-per-9005")
    assert "gh-per-9004" not in ws.state.people


def test_a_prospect_is_reported_and_its_job_post_is_not_an_opening(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    prospect = {
        **application(5009, None),
        "prospect": True,
        "job_post_id": 2201,
        "prospective_job_ids": [4001],
        "stage_id": None,
        "stage_name": None,
    }
    serve_harvest(ats_server, pages=only(prospect))

    report = ws.import_from(harvest_url(ats_server))

    assert ws.state.applications == {}
    assert ws.state.postings == {}
    assert [p.external_ref for p in report.problems] == ["5009"]
    assert report.problems[0].reason.startswith("a prospect, not an application")
    assert (report.failed, report.notes) == (0, 1)


def test_the_import_is_dated_by_the_workspace_clock_not_the_machines(
    ats_server: HTTPServer,
) -> None:
    serve_harvest(ats_server, pages=only(application(5003, 4003)))
    pm = PluginManager(load_entry_points=False)
    # No clock of its own: the workspace's (``--now``) must reach the importer.
    pm.register(GreenhousePlugin(sleep=lambda _s: None, page_size=2), name="greenhouse")
    earlier = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

    with Workspace.open("memory://", plugin_manager=pm, clock=lambda: earlier) as ws:
        ws.import_from(harvest_url(ats_server))
        added = [e for e in ws.events() if type(e).__name__ == "OrganizationAdded"]

    assert [e.at for e in added] == [earlier]


def test_an_application_dated_out_of_range_is_reported_and_the_rest_imported(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    far = {**application(5003, 4003), "created_at": "9999-12-31T00:00:00Z"}
    serve_harvest(ats_server, pages=[[far, application(5001, 4001)]])

    report = ws.import_from(harvest_url(ats_server))

    (problem,) = report.problems
    assert problem.external_ref == "5003"
    assert "out of range" in problem.reason
    assert "gh-app-5003" not in ws.state.applications
    assert "gh-app-5001" in ws.state.applications


class Tokens:
    """A token endpoint issuing ``token-1``, ``token-2``… and the check the API makes of them:
    each lives ``lifetime`` seconds on the server's clock, and one can be revoked early."""

    def __init__(self, expires_in: int, lifetime: float) -> None:
        self.expires_in = expires_in
        self.lifetime = lifetime
        self.issued: dict[str, float] = {}
        self.revoked: set[str] = set()
        self.refused = 0

    def issue(self, request: Request) -> Response:
        assert request.form.get("sub") == "9100"  # a renewed token acts as the same user
        token = f"token-{len(self.issued) + 1}"
        self.issued[token] = time.monotonic()
        body = {"access_token": token, "token_type": "Bearer", "expires_in": self.expires_in}
        return Response(json.dumps(body), content_type="application/json")

    def bearer(self, request: Request) -> str | None:
        """The request's token while it is valid, else None."""
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        issued = self.issued.get(token)
        if issued is None or token in self.revoked:
            return None
        return token if time.monotonic() - issued <= self.lifetime else None


def serve_with_tokens(
    ats_server: HTTPServer,
    tokens: Tokens,
    *,
    on_page: Callable[[int], None] = lambda _number: None,
) -> list[tuple[str, str]]:
    """The same Harvest data as :func:`serve_harvest`, with ``tokens`` checked on every call;
    returns the (path, token) of each request served."""
    served: list[tuple[str, str]] = []
    by = {
        "/v3/interviews": (INTERVIEWS, "application_ids", "application_id"),
        "/v3/interviewers": (INTERVIEWERS, "interview_ids", "interview_id"),
        "/v3/users": (USERS, "ids", "id"),
        "/v3/rejection_details": (DETAILS, "application_ids", "application_id"),
    }

    def api(request: Request) -> Response:
        token = tokens.bearer(request)
        if token is None:
            tokens.refused += 1
            return Response('{"error": "invalid_token"}', status=401)
        headers: dict[str, str] = {}
        if request.path == "/v3/jobs":
            data: Any = JOBS
        elif request.path == "/v3/rejection_reasons":
            data = REASONS + BUILT_IN_REASONS
        elif request.path == "/v3/applications":
            number = int(request.args.get("cursor", "c1")[1:])
            on_page(number)
            data = PAGES[number - 1]
            if number < len(PAGES):
                nxt = ats_server.url_for(f"/v3/applications?cursor=c{number + 1}")
                headers["Link"] = f'<{nxt}>; rel="next"'
        else:
            rows, ids, key = by[request.path]
            wanted = set(request.args.get(ids, "").split(","))
            data = [row for row in rows if str(row.get(key)) in wanted]
        served.append((request.path, token))
        return Response(json.dumps(data), headers=headers, content_type="application/json")

    ats_server.expect_request("/token", method="POST").respond_with_handler(tokens.issue)
    ats_server.expect_request(re.compile("^/v3/")).respond_with_handler(api)
    return served


def test_a_token_that_expires_halfway_is_renewed_and_the_import_goes_on(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    # authlib counts a token expired a minute early: one that says 61 s lasts about one for
    # the client, and the server holds it to that.
    tokens = Tokens(expires_in=61, lifetime=1.0)
    paused_at: list[int] = []

    def pause_on_the_second_page(number: int) -> None:
        if number == 2:
            time.sleep(1.5)  # the token issued before this is now past its life
            paused_at.append(len(tokens.issued))

    served = serve_with_tokens(ats_server, tokens, on_page=pause_on_the_second_page)

    report = ws.import_from(harvest_url(ats_server))

    assert report.stopped is None
    assert (report.imported, report.skipped, report.failed) == (5, 0, 1)
    assert len(tokens.issued) >= 2
    pages = [i for i, (path, _) in enumerate(served) if path == "/v3/applications"]
    after_pause = served[pages[1] + 1 :]  # what follows the page that paused
    assert after_pause, served
    assert all(int(token.split("-")[1]) > paused_at[0] for _, token in after_pause), served


def test_a_token_the_server_revokes_halfway_is_renewed_once_and_the_import_goes_on(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    tokens = Tokens(expires_in=3600, lifetime=3600)

    def revoke_after_the_first_page(number: int) -> None:
        if number == 1:
            tokens.revoked.add("token-1")

    served = serve_with_tokens(ats_server, tokens, on_page=revoke_after_the_first_page)

    report = ws.import_from(harvest_url(ats_server))

    assert report.stopped is None
    assert report.imported == 5
    assert list(tokens.issued) == ["token-1", "token-2"]
    assert tokens.refused == 1  # the request after the revocation, and none with the new one
    assert served[-1][1] == "token-2"


def test_an_api_that_refuses_every_new_token_stops_the_import_without_looping(
    ws: Workspace, ats_server: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    tokens = Tokens(expires_in=3600, lifetime=-1.0)  # every token is refused
    serve_with_tokens(ats_server, tokens)
    caplog.set_level(logging.DEBUG)

    report = ws.import_from(harvest_url(ats_server))

    assert report.stopped is not None
    assert "HTTP 401" in report.stopped
    assert len(tokens.issued) == 2
    shown = report.stopped + caplog.text
    assert "s3cr3t" not in shown
    assert "token-1" not in shown
    assert "token-2" not in shown


def test_a_busy_token_endpoint_is_retried_like_any_request(
    ws: Workspace, ats_server: HTTPServer, slept: list[float]
) -> None:
    ats_server.expect_oneshot_request("/token").respond_with_data("busy", status=503)
    serve_harvest(ats_server)

    report = ws.import_from(harvest_url(ats_server))

    assert report.stopped is None
    assert report.imported == 5
    assert slept == [1.0]
