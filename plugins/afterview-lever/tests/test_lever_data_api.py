"""Importing a candidate's history from Lever's Data API, served on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import logging
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from afterview_lever import LeverPlugin
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from afterview import (
    DataError,
    DecisionKind,
    InterviewFormat,
    InterviewStatus,
    PluginManager,
    Workspace,
)
from afterview.cli.main import cli

pytest_plugins = ["afterview.testing.http"]

NOW = datetime(2026, 6, 20, 9, 0, tzinfo=UTC)
API_KEY = "lever-key-9f8e7d"
BASIC = {"Authorization": "Basic " + base64.b64encode(f"{API_KEY}:".encode()).decode()}
JUNE_1 = 1780300800000  # 2026-06-01T08:00:00Z in epoch milliseconds
DAY = 86_400_000


def opportunity(opp_id: str, posting: str | None, **extra: Any) -> dict[str, Any]:
    """An opportunity as ``GET /opportunities?expand=applications`` documents it: the flat
    ``archivedAt`` / ``archiveReason`` pair (null while active) and one expanded application."""
    application = {"id": f"a-{opp_id}", "opportunityId": opp_id, "type": "user", "posting": posting}
    return {
        "id": opp_id,
        "name": "Candidate",
        "contact": "c-77",
        "stage": "offer",
        "origin": "applied",
        "sourcedBy": None,
        "createdAt": JUNE_1 - 20 * DAY,
        "updatedAt": JUNE_1,
        "archivedAt": None,
        "archiveReason": None,
        "applications": [application] if posting else [],
        **extra,
    }


def interview(
    interview_id: str,
    user: str,
    *,
    date: int = JUNE_1,
    location: str = "Porto office",
    postings: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "id": interview_id,
        "panel": f"panel-{interview_id}",
        "subject": "On-site interview",
        "timezone": "Europe/Lisbon",
        "date": date,
        "duration": 60,
        "location": location,
        "createdAt": date - 7 * DAY,
        "canceledAt": None,
        "postings": list(postings),
        "interviewers": [{"id": user, "email": f"{user}@acme.example", "name": f"User {user}"}],
    }


POSTINGS = [
    {"id": "p-analyst", "text": "Data Analyst", "state": "published"},
    {"id": "p-eng", "text": "Analytics Engineer", "state": "published"},
]
# As GET /archive_reasons documents them: ``status`` is active or inactive, ``type`` is hired or
# non-hired.
REASONS = [
    {"id": "r-under", "text": "Underqualified", "status": "active", "type": "non-hired"},
    {"id": "r-timing", "text": "Timing", "status": "active", "type": "non-hired"},
    {"id": "r-hired", "text": "Hired", "status": "active", "type": "hired"},
    {"id": "r-joined", "text": "Joined the data team", "status": "inactive", "type": "hired"},
]
PAGES = [
    [
        opportunity("o1", "p-analyst", archived={"reason": "r-under", "archivedAt": JUNE_1 + DAY}),
        opportunity("o2", "p-eng", archiveReason="r-timing", archivedAt=JUNE_1 + 2 * DAY),
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
        "lv-app-o2": DecisionKind.ON_HOLD,  # flat archiveReason / archivedAt
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


# --- the shapes Lever documents ---------------------------------------------------------------


def serve_one_page(
    ats_server: HTTPServer,
    opportunities: list[dict[str, Any]],
    interviews: dict[str, list[dict[str, Any]]] | None = None,
) -> None:
    """The postings, the archive reasons and a single page of opportunities."""
    ats_server.expect_request("/v1/postings").respond_with_json(listing(POSTINGS))
    ats_server.expect_request("/v1/archive_reasons").respond_with_json(listing(REASONS))
    ats_server.expect_request("/v1/opportunities").respond_with_json(listing(opportunities))
    for opp in opportunities:
        ats_server.expect_request(f"/v1/opportunities/{opp['id']}/interviews").respond_with_json(
            listing((interviews or {}).get(opp["id"], []))
        )


def test_an_interview_moved_then_cancelled_in_lever_follows_on_the_next_imports(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    opp = [opportunity("o20", "p-analyst")]
    later = JUNE_1 + 30 * DAY  # after NOW: still to come
    serve_one_page(ats_server, opp, {"o20": [interview("i20", "u-dana", date=later)]})
    ws.import_from(lever_url(ats_server))

    ats_server.clear()
    moved = interview("i20", "u-dana", date=later + 2 * DAY)
    serve_one_page(ats_server, opp, {"o20": [moved]})
    ws.import_from(lever_url(ats_server))
    assert ws.state.interviews["lv-int-i20"].scheduled_for == datetime(2026, 7, 3, 8, 0, tzinfo=UTC)

    ats_server.clear()
    serve_one_page(ats_server, opp, {"o20": [{**moved, "canceledAt": JUNE_1 + 5 * DAY}]})
    report = ws.import_from(lever_url(ats_server))
    version = ws.state.version
    again = ws.import_from(lever_url(ats_server))

    assert report.updated == 1
    assert ws.state.interviews["lv-int-i20"].status is InterviewStatus.CANCELLED
    assert (again.imported, again.updated, again.failed) == (0, 0, 0)
    assert ws.state.version == version


def test_an_interview_cancelled_before_the_first_import_is_not_added(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    cancelled = {**interview("i21", "u-dana"), "canceledAt": JUNE_1 - DAY}
    serve_one_page(ats_server, [opportunity("o21", "p-analyst")], {"o21": [cancelled]})

    ws.import_from(lever_url(ats_server))

    assert "lv-int-i21" not in ws.state.interviews
    assert "lv-app-o21" in ws.state.applications


def test_a_reason_of_type_hired_is_an_offer_never_a_rejection(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_one_page(
        ats_server,
        [
            opportunity("o6", "p-analyst", archiveReason="r-hired", archivedAt=JUNE_1 + DAY),
            # The wording is the account's own; the type alone says it was a hire.
            opportunity("o7", "p-eng", archived={"reason": "r-joined", "archivedAt": JUNE_1}),
        ],
        {"o6": [interview("i6", "u-dana")], "o7": [interview("i7", "u-sam")]},
    )

    ws.import_from(lever_url(ats_server))

    decisions = ws.state.decisions
    assert decisions["lv-app-o6"].kind is DecisionKind.OFFER
    assert decisions["lv-app-o6"].reason == "Hired"
    assert decisions["lv-app-o7"].kind is DecisionKind.OFFER
    codes = {advice.code for advice in ws.agenda(NOW)}
    assert "AV401" not in codes  # nobody is asked how they could improve on a hire
    assert "AV701" not in codes


def test_the_flat_archive_fields_of_the_documented_example_give_the_decision(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    serve_one_page(
        ats_server,
        [
            opportunity("o8", "p-analyst", archiveReason="r-under", archivedAt=JUNE_1 + 3 * DAY),
            opportunity("o9", "p-eng"),  # active: both fields are null
        ],
    )

    report = ws.import_from(lever_url(ats_server))

    assert (report.imported, report.failed) == (3, 0)
    decision = ws.state.decisions["lv-app-o8"]
    assert (decision.kind, decision.reason) == (DecisionKind.REJECTED, "Underqualified")
    assert decision.at == datetime(2026, 6, 4, 8, 0, tzinfo=UTC)
    assert "lv-app-o9" not in ws.state.decisions


@pytest.mark.parametrize(
    ("location", "kind"),
    [
        ("Call - (555) 014-2290", InterviewFormat.PHONE),  # the documented example's form
        ("+351 21 555 0199", InterviewFormat.PHONE),
        ("Phone screen", InterviewFormat.PHONE),
        ("https://video.example.net/r/acme-42", InterviewFormat.VIDEO),
        ("Zoom", InterviewFormat.VIDEO),
        ("Microsoft Teams meeting", InterviewFormat.VIDEO),
        ("Zoom call", InterviewFormat.VIDEO),
        ("Meeting room Douro, 3rd floor", InterviewFormat.ON_SITE),
        ("Porto office", InterviewFormat.ON_SITE),
    ],
)
def test_the_interview_location_says_phone_video_or_on_site(
    ws: Workspace, ats_server: HTTPServer, location: str, kind: InterviewFormat
) -> None:
    serve_one_page(
        ats_server,
        [opportunity("o10", "p-analyst")],
        {"o10": [interview("i10", "u-dana", location=location)]},
    )

    ws.import_from(lever_url(ats_server))

    assert ws.state.interviews["lv-int-i10"].format is kind


def test_an_opportunity_listing_its_applications_as_ids_is_imported_with_its_posting(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    # The documented example of an opportunity names its one application by id.
    listed = opportunity("o11", None, applications=["a-o11"])
    serve_one_page(ats_server, [listed], {"o11": [interview("i11", "u-dana")]})
    expanded = opportunity("o11", "p-eng")
    ats_server.expect_request(
        "/v1/opportunities/o11", query_string={"expand": "applications"}
    ).respond_with_json({"data": expanded})

    report = ws.import_from(lever_url(ats_server))

    assert (report.imported, report.failed) == (2, 0)
    assert ws.state.applications["lv-app-o11"].role_title == "Analytics Engineer"
    assert ws.state.interviews["lv-int-i11"].application_id == "lv-app-o11"


def test_a_sourced_opportunity_without_a_posting_is_imported_with_what_is_known(
    ws: Workspace, ats_server: HTTPServer
) -> None:
    sourced = {"origin": "sourced", "sourcedBy": "u-rita"}
    serve_one_page(
        ats_server,
        [
            # No posting anywhere: the role is not known, the rest is.
            opportunity("o12", None, archiveReason="r-under", archivedAt=JUNE_1, **sourced),
            opportunity("o15", None, **sourced),
            # No application, but its interview was booked for a posting.
            opportunity("o13", None, **sourced),
        ],
        {
            "o15": [interview("i15", "u-dana", date=JUNE_1 + 20 * DAY)],
            "o13": [interview("i13", "u-sam", postings=("p-analyst",))],
        },
    )

    report = ws.import_from(lever_url(ats_server))

    state = ws.state
    assert (report.imported, report.failed) == (4, 0)
    assert state.applications["lv-app-o12"].role_title == ""
    assert state.decisions["lv-app-o12"].reason == "Underqualified"
    assert state.interviews["lv-int-i15"].application_id == "lv-app-o15"
    assert state.applications["lv-app-o13"].role_title == "Data Analyst"
    # The advice about a role whose title is not known still reads as a sentence.
    advice = {a.code: a.message for a in ws.agenda(NOW)}
    assert advice["AV409"].startswith("Acme turned down your application before any interview")
    assert advice["AV204"].startswith("For the interview at Acme:")


# --- the workspace's clock ---------------------------------------------------------------------

#: A workspace clock well before any real date the tests run on.
THEN = datetime(2021, 3, 1, 9, 0, tzinfo=UTC)
MARCH_5 = 1614931200000  # 2021-03-05T08:00:00Z


def test_an_interview_after_the_workspace_clock_is_scheduled_not_held(
    ats_server: HTTPServer, slept: list[float]
) -> None:
    serve_one_page(
        ats_server,
        [opportunity("o14", "p-analyst", createdAt=MARCH_5 - 30 * DAY)],
        {
            "o14": [
                interview("i14", "u-dana", date=MARCH_5 - 7 * DAY),
                interview("i15", "u-sam", date=MARCH_5),
            ]
        },
    )
    pm = PluginManager(load_entry_points=False)
    # The plugin keeps the wall clock; the workspace says it is 1 March 2021.
    pm.register(LeverPlugin(sleep=slept.append, page_size=2), name="lever")

    with Workspace.open("memory://", plugin_manager=pm, clock=lambda: THEN) as ws:
        ws.import_from(lever_url(ats_server))
        interviews = ws.state.interviews

    assert interviews["lv-int-i14"].status is InterviewStatus.HELD
    assert interviews["lv-int-i15"].status is InterviewStatus.SCHEDULED


def test_the_command_lines_now_reaches_the_installed_lever_importer(
    ats_server: HTTPServer, tmp_path: Path
) -> None:
    serve_one_page(
        ats_server,
        [opportunity("o16", "p-analyst", createdAt=MARCH_5 - 30 * DAY)],
        {"o16": [interview("i16", "u-dana", date=MARCH_5)]},
    )
    store = f"memory://lever-cli-{uuid.uuid4().hex}"
    (tmp_path / "settings.toml").touch()
    env = {
        "AFTERVIEW_CONFIG": str(tmp_path / "settings.toml"),
        "AFTERVIEW_STORE": None,
        "AFTERVIEW_WORKSPACE": None,
        "AFTERVIEW_PLUGINS": None,
        "AFTERVIEW_DISABLE_PLUGINS": None,
        "NO_COLOR": "1",
    }
    now = ["--store", store, "--now", "2021-03-01T09:00:00Z"]

    result = CliRunner(env=env).invoke(cli, [*now, "ats-import", lever_url(ats_server)])

    assert result.exit_code == 0, result.output
    with Workspace.open(store, plugin_manager=PluginManager(load_entry_points=False)) as ws:
        assert ws.state.interviews["lv-int-i16"].status is InterviewStatus.SCHEDULED
