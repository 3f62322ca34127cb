"""afterview's notifier contract against a real HTTP server on 127.0.0.1, and what ntfy gets."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from afterview_ntfy.notifier import NtfyNotifier

from afterview import PluginError
from afterview.testing import NotifierContract
from afterview.testing.adapters import sample_notification

Received = list[tuple[str, dict[str, str], str]]


@pytest.fixture
def ntfy_server() -> Iterator[tuple[str, Received]]:
    """A stand-in ntfy server: it keeps every POST (path, headers, body) and answers 200."""
    received: Received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
            received.append((self.path, dict(self.headers), body))
            self.send_response(404 if self.path == "/missing" else 200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


class TestNtfyNotifier(NotifierContract):
    @pytest.fixture(autouse=True)
    def _server(self, ntfy_server: tuple[str, Received]) -> None:
        self.host = ntfy_server[0]

    def make_notifier(self, tmp_path: Path) -> NtfyNotifier:
        return NtfyNotifier(f"ntfy+http://:s3cret@{self.host}/afterview-jo")


def test_a_reminder_is_one_post_to_the_topic(ntfy_server: tuple[str, Received]) -> None:
    host, received = ntfy_server
    notifier = NtfyNotifier(f"ntfy+http://:s3cret@{host}/afterview-jo")
    assert notifier.notify(sample_notification("k-1", body="Call Dana")) is True
    ((path, headers, body),) = received
    assert (path, body) == ("/afterview-jo", "Call Dana")
    assert headers["Authorization"] == "Bearer s3cret"
    assert (headers["Tags"], headers["X-Afterview-Key"]) == ("AV401", "k-1")
    assert "s3cret" not in notifier.url
    assert "s3cret" not in repr(notifier)


def test_a_refusal_is_an_error_without_the_token(ntfy_server: tuple[str, Received]) -> None:
    host, _ = ntfy_server
    with pytest.raises(PluginError, match="HTTP 404") as raised:
        NtfyNotifier(f"ntfy+http://:s3cret@{host}/missing").notify(sample_notification())
    assert "s3cret" not in str(raised.value)


def test_a_url_without_a_topic_is_refused() -> None:
    with pytest.raises(PluginError, match="not an ntfy URL"):
        NtfyNotifier("ntfy://:s3cret@ntfy.example.org/")
