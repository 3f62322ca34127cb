"""Reminders delivered for real through apprise, to an HTTP server and an SMTP server on
127.0.0.1: what arrives, what happens when the server fails, and that no secret leaks."""

from __future__ import annotations

import email
import email.policy
import importlib
import json
import logging
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import afterview_apprise.plugin
import pytest
from afterview_apprise import AppriseNotifier
from aiosmtpd.controller import Controller

from afterview import DispatchReport, PluginError, PluginManager, Settings, Workspace
from afterview.store import OutboxStatus

HELD = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
MORNING_AFTER = HELD + timedelta(days=1)
SECRET = "pa55-w0rd-xyz"


# --- a JSON endpoint ---------------------------------------------------------------------------


class JsonInbox:
    def __init__(self) -> None:
        self.posts: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.status = 200


@pytest.fixture
def json_inbox() -> Iterator[tuple[JsonInbox, int]]:
    inbox = JsonInbox()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            body = json.loads(self.rfile.read(length))
            if inbox.status == 200:
                inbox.posts.append((dict(self.headers), body))
            self.send_response(inbox.status)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test asserts on what arrived instead."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield inbox, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- an SMTP server ------------------------------------------------------------------------------


class MailInbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def mail_inbox() -> Iterator[tuple[MailInbox, int]]:
    inbox = MailInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


# --- a workspace with two thank-you reminders due -------------------------------------------------


@pytest.fixture
def ws() -> Iterator[Workspace]:
    pm = PluginManager(load_entry_points=False)
    pm.register(afterview_apprise.plugin, name="apprise")
    workspace = Workspace.open(
        "memory://", name="jo", settings=Settings(select=("AV301",)), plugin_manager=pm
    )
    org = workspace.add_organization("Acme Analytics", at=HELD)
    app = workspace.submit_application(org, "Data Analyst", at=HELD)
    dana = workspace.add_contact("Dana Reyes", "interviewer", organization=org, at=HELD)
    rita = workspace.add_contact("Rita Moss", "receptionist", organization=org, at=HELD)
    interview = workspace.schedule_interview(app, HELD, interviewers=[dana], at=HELD)
    workspace.record_interview_held(interview, people_met=[rita], at=HELD)
    yield workspace
    workspace.close()


def keys(ws: Workspace) -> list[str]:
    return sorted(i.key for i in ws.store.workspace(ws.name).outbox_items())


def test_a_reminder_arrives_as_a_json_post_carrying_its_key(
    ws: Workspace, json_inbox: tuple[JsonInbox, int]
) -> None:
    inbox, port = json_inbox

    report = ws.dispatch(MORNING_AFTER, [f"apprise:json://127.0.0.1:{port}/"])

    assert report == DispatchReport(queued=2, delivered=2)
    assert sorted(h["X-Afterview-Key"] for h, _ in inbox.posts) == keys(ws)
    messages = sorted(body["message"] for _, body in inbox.posts)
    assert messages[0].startswith("Send a thank-you note to Dana Reyes (interviewer)")
    assert messages[1].startswith("Send a thank-you note to Rita Moss (receptionist)")
    for headers, body in inbox.posts:
        assert body["title"] == "AV301 thank-everyone-met: due 2026-05-05 23:59"
        assert headers["X-Afterview-Key"] in body["message"]


def test_a_reminder_arrives_by_email_carrying_its_key(
    ws: Workspace, mail_inbox: tuple[MailInbox, int]
) -> None:
    inbox, port = mail_inbox
    url = (
        f"apprise:mailto://127.0.0.1:{port}"
        "?from=afterview@example.org&to=jo@example.org&mode=insecure"
    )

    report = ws.dispatch(MORNING_AFTER, [url])

    assert report == DispatchReport(queued=2, delivered=2)
    assert sorted(str(m["X-Afterview-Key"]) for m in inbox.messages) == keys(ws)
    for message in inbox.messages:
        assert message["Subject"] == "AV301 thank-everyone-met: due 2026-05-05 23:59"
        assert message["To"] == "jo@example.org"
        text = message.get_body(("plain",))
        assert text is not None
        content = text.get_content()
        assert "Send a thank-you note to" in content
        assert str(message["X-Afterview-Key"]) in content


def test_a_failing_endpoint_is_retried_and_nothing_is_lost(
    ws: Workspace, json_inbox: tuple[JsonInbox, int]
) -> None:
    inbox, port = json_inbox
    url = f"apprise:json://127.0.0.1:{port}/"
    inbox.status = 500

    failing = ws.dispatch(MORNING_AFTER, [url])
    errors = {i.last_error for i in ws.outbox("failed")}
    inbox.status = 200
    recovered = ws.dispatch(MORNING_AFTER + timedelta(hours=1), [url])

    assert failing == DispatchReport(queued=2, failed=2)
    shown = ws.plugins.open_notifier(url).url
    assert shown.startswith(f"apprise:json://127.0.0.1:{port}/")
    # Why, as apprise said it: the HTTP status the endpoint answered.
    (error,) = errors
    # (Words of other apprise URLs opened in this process may be masked in it: not asserted.)
    assert error.startswith(f"{shown}: PluginError: Failed to send ")
    assert "500" in error.removeprefix(shown)
    assert recovered == DispatchReport(delivered=2)
    assert sorted(h["X-Afterview-Key"] for h, _ in inbox.posts) == keys(ws)
    assert {i.status for i in ws.store.workspace("jo").outbox_items()} == {OutboxStatus.DELIVERED}


def test_a_password_stays_out_of_logs_errors_and_listings(
    ws: Workspace, json_inbox: tuple[JsonInbox, int], caplog: pytest.LogCaptureFixture
) -> None:
    inbox, port = json_inbox
    url = f"apprise:json://jo:{SECRET}@127.0.0.1:{port}/"
    inbox.status = 500
    caplog.set_level(logging.DEBUG)

    report = ws.dispatch(MORNING_AFTER, [url])
    notifier = ws.plugins.open_notifier(url)

    assert report.failed == 2
    assert SECRET not in notifier.url
    assert notifier.url.startswith("apprise:json://***@")
    assert SECRET not in repr(notifier)
    for item in ws.store.workspace("jo").outbox_items():
        assert SECRET not in item.key
        assert SECRET not in (item.last_error or "")
        assert SECRET not in repr(item)
    apprise_records = [r for r in caplog.records if r.name.startswith("apprise")]
    assert apprise_records, "apprise's own log was captured"
    assert all(SECRET not in r.getMessage() for r in caplog.records)


def test_a_refused_connection_says_so_without_the_password(ws: Workspace) -> None:
    # Nothing listens on port 1 of 127.0.0.1: the connection is refused at once.
    url = f"apprise:json://jo:{SECRET}@127.0.0.1:1/"

    report = ws.dispatch(MORNING_AFTER, [url])

    assert report.failed == 2
    (error,) = report.errors
    assert "Connection refused" in error
    assert SECRET not in error
    assert {i.last_error for i in ws.outbox("failed")} == {error}


def test_the_server_sees_the_password_it_needs(
    ws: Workspace, json_inbox: tuple[JsonInbox, int]
) -> None:
    inbox, port = json_inbox

    ws.dispatch(MORNING_AFTER, [f"apprise:json://jo:{SECRET}@127.0.0.1:{port}/"])

    assert len(inbox.posts) == 2
    assert all(h["Authorization"].startswith("Basic ") for h, _ in inbox.posts)


def test_an_url_apprise_cannot_use_is_a_plugin_error_and_nothing_is_queued(
    ws: Workspace,
) -> None:
    with pytest.raises(PluginError, match=r"apprise cannot use the URL .*service 'nosuch'"):
        ws.dispatch(MORNING_AFTER, [f"apprise:nosuch://jo:{SECRET}@host/"])

    assert keys(ws) == []


def test_the_plugin_is_found_through_its_entry_point() -> None:
    pm = PluginManager(environ={})

    notifier = pm.open_notifier("apprise:json://127.0.0.1:9/")

    assert isinstance(notifier, AppriseNotifier)
    assert "apprise:" in pm.claimed_schemes("notifier")


def test_the_log_filter_keeps_masking_the_latest_urls_without_growing_for_ever() -> None:
    # The module, not the package's ``plugin`` (the registered instance).
    apprise_plugin = importlib.import_module("afterview_apprise.plugin")

    watcher = apprise_plugin._MaskSecrets()
    urls = [f"json://user:pw-{n:04d}@127.0.0.1/" for n in range(apprise_plugin._WATCHED + 100)]
    for url in urls:
        watcher.watch(url)
    watcher.watch(urls[150])  # opened again: the most recent once more

    record = logging.LogRecord("apprise", logging.INFO, __file__, 1, "%s", (urls[-1],), None)
    watcher.filter(record)

    assert len(watcher._urls) == apprise_plugin._WATCHED
    assert list(watcher._urls)[-1] == urls[150]
    assert urls[99] not in watcher._urls
    assert "pw-" not in record.getMessage()
