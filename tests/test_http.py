"""The HTTP client ATS plugins share, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import email.utils
import logging
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from afterview import Http, PluginError

pytest_plugins = ["afterview.testing.http"]


@pytest.fixture
def http(slept: list[float]) -> Iterator[Http]:
    client = Http(sleep=slept.append, timeout=10.0)
    yield client
    client.close()


def test_a_json_body_and_its_headers_are_returned(ats_server: HTTPServer, http: Http) -> None:
    ats_server.expect_request("/jobs", query_string={"page": "2"}).respond_with_json(
        [{"id": 1}], headers={"X-Next": "3"}
    )

    body, headers = http.get_json(ats_server.url_for("/jobs"), params={"page": 2})

    assert body == [{"id": 1}]
    assert headers["X-Next"] == "3"


def test_a_rate_limit_is_waited_out_as_the_server_asks(
    ats_server: HTTPServer, http: Http, slept: list[float]
) -> None:
    ats_server.expect_oneshot_request("/jobs").respond_with_json(
        {"message": "slow down"}, status=429, headers={"Retry-After": "7"}
    )
    ats_server.expect_request("/jobs").respond_with_json([])

    assert http.get_json(ats_server.url_for("/jobs"))[0] == []
    assert slept == [7.0]


def test_a_retry_after_date_in_the_past_means_retry_at_once(
    ats_server: HTTPServer, http: Http, slept: list[float]
) -> None:
    ats_server.expect_oneshot_request("/jobs").respond_with_json(
        {}, status=429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}
    )
    ats_server.expect_request("/jobs").respond_with_json([])

    assert http.get_json(ats_server.url_for("/jobs"))[0] == []
    assert slept == [0.0]


def test_a_retry_after_date_in_the_future_is_waited_until(
    ats_server: HTTPServer, http: Http, slept: list[float]
) -> None:
    when = datetime.now(UTC) + timedelta(seconds=30)
    ats_server.expect_oneshot_request("/jobs").respond_with_json(
        {}, status=429, headers={"Retry-After": email.utils.format_datetime(when, usegmt=True)}
    )
    ats_server.expect_request("/jobs").respond_with_json([])

    http.get_json(ats_server.url_for("/jobs"))

    # The header has whole seconds and the clock moved on, so the wait is a little under 30 s.
    assert len(slept) == 1
    assert 0 < slept[0] <= 30


def test_a_rate_limit_without_retry_after_backs_off_exponentially(
    ats_server: HTTPServer, http: Http, slept: list[float]
) -> None:
    for _ in range(2):
        ats_server.expect_ordered_request("/jobs").respond_with_json(
            {"code": "TooManyRequests"}, status=429
        )
    ats_server.expect_request("/jobs").respond_with_json([])

    assert http.get_json(ats_server.url_for("/jobs"))[0] == []
    assert slept == [1.0, 2.0]


def test_a_rate_limit_asking_for_a_long_wait_stops_instead_of_hanging(
    ats_server: HTTPServer, http: Http, slept: list[float]
) -> None:
    ats_server.expect_request("/jobs").respond_with_json(
        {}, status=429, headers={"Retry-After": "3600"}
    )

    with pytest.raises(PluginError, match="wait 3600s"):
        http.get_json(ats_server.url_for("/jobs"))
    assert slept == []


def test_a_server_error_is_retried(ats_server: HTTPServer, http: Http, slept: list[float]) -> None:
    ats_server.expect_oneshot_request("/jobs").respond_with_data("oops", status=500)
    ats_server.expect_request("/jobs").respond_with_json(["ok"])

    assert http.get_json(ats_server.url_for("/jobs"))[0] == ["ok"]
    assert slept == [1.0]


def test_a_server_that_keeps_failing_is_reported_after_bounded_retries(
    ats_server: HTTPServer, http: Http, slept: list[float]
) -> None:
    ats_server.expect_request("/jobs").respond_with_data("down", status=503)

    with pytest.raises(PluginError, match=r"GET http://127\.0\.0\.1:\d+/jobs: HTTP 503 after 4"):
        http.get_json(ats_server.url_for("/jobs"))
    assert slept == [1.0, 2.0, 4.0]


def test_a_client_error_is_reported_at_once(
    ats_server: HTTPServer, http: Http, slept: list[float]
) -> None:
    ats_server.expect_request("/jobs").respond_with_json({"error": "nope"}, status=404)

    with pytest.raises(PluginError, match=r"/jobs: HTTP 404: nope$"):
        http.get_json(ats_server.url_for("/jobs"))
    assert slept == []


@pytest.mark.parametrize(
    ("body", "said"),
    [
        # Greenhouse Harvest: a message, and per-field errors on a validation failure.
        (
            {
                "message": "Validation error",
                "errors": [{"field": "per_page", "message": "Too big"}],
            },
            "Validation error; per_page: Too big",
        ),
        ({"message": "Invalid credentials"}, "Invalid credentials"),
        # Lever: a code and a message; the message is what a person reads.
        ({"code": "UnauthorizedError", "message": "Invalid API key"}, "Invalid API key"),
        ({"code": "ResourceNotFound"}, "ResourceNotFound"),
        # An OAuth 2.0 token endpoint (RFC 6749, section 5.2).
        (
            {"error": "invalid_client", "error_description": "Client authentication failed"},
            "Client authentication failed; invalid_client",
        ),
        ({"errors": ["candidate_ids is not a list of ids"]}, "candidate_ids is not a list of ids"),
        ({"errors": {"per_page": ["must be at most 500"]}}, "per_page: must be at most 500"),
    ],
)
def test_a_refusal_says_what_the_server_said(
    ats_server: HTTPServer, http: Http, body: dict[str, object], said: str
) -> None:
    ats_server.expect_request("/jobs").respond_with_json(body, status=422)

    with pytest.raises(PluginError) as raised:
        http.get_json(ats_server.url_for("/jobs"))

    assert str(raised.value).endswith(f"/jobs: HTTP 422: {said}")


def test_a_refusal_never_repeats_the_credentials_the_server_quotes(
    ats_server: HTTPServer, http: Http
) -> None:
    ats_server.expect_request("/token", method="POST").respond_with_json(
        {"message": "key lever-key-123 or secret basic-secret-9 refused (bGV2ZXIta2V5LTEyMzo=)"},
        status=401,
    )
    ats_server.expect_request("/jobs").respond_with_json(
        {"error": "token tok-abcdefgh expired"}, status=401
    )

    with pytest.raises(PluginError) as basic:
        http.request_json(
            "POST",
            ats_server.url_for("/token"),
            auth=("lever-key-123", ""),
            data={"client_secret": "basic-secret-9"},
        )
    with pytest.raises(PluginError) as bearer:
        http.get_json(ats_server.url_for("/jobs"), headers={"Authorization": "Bearer tok-abcdefgh"})

    assert str(basic.value).endswith(": HTTP 401: key *** or secret *** refused (***)")
    assert str(bearer.value).endswith(": HTTP 401: token *** expired")


def test_an_html_refusal_is_only_its_status_a_short_text_one_is_shown(
    ats_server: HTTPServer, http: Http
) -> None:
    ats_server.expect_request("/html").respond_with_data(
        "<html><body>Forbidden</body></html>", status=403, content_type="text/html"
    )
    ats_server.expect_request("/text").respond_with_data("Rate plan exceeded", status=403)

    with pytest.raises(PluginError, match=r"/html: HTTP 403$"):
        http.get_json(ats_server.url_for("/html"))
    with pytest.raises(PluginError, match=r"/text: HTTP 403: Rate plan exceeded$"):
        http.get_json(ats_server.url_for("/text"))


def test_a_request_that_times_out_is_retried(ats_server: HTTPServer, slept: list[float]) -> None:
    def too_slow(_request: Request) -> Response:
        # Just longer than the client's 0.5 s read timeout, so the retry is answered soon after.
        time.sleep(0.6)
        return Response("[]", content_type="application/json")

    ats_server.expect_oneshot_request("/jobs").respond_with_handler(too_slow)
    ats_server.expect_request("/jobs").respond_with_json(["ok"])

    with Http(sleep=slept.append, timeout=0.5) as http:
        assert http.get_json(ats_server.url_for("/jobs"))[0] == ["ok"]
    assert slept == [1.0]


def test_a_server_that_cannot_be_reached_is_reported_after_bounded_retries(
    slept: list[float],
) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago, so nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]

    with (
        Http(sleep=slept.append, max_attempts=2) as http,
        pytest.raises(PluginError, match="ConnectError after 2 attempts"),
    ):
        http.get_json(f"http://127.0.0.1:{port}/jobs")
    assert slept == [1.0]


def test_a_response_larger_than_the_cap_is_refused_by_its_declared_length(
    ats_server: HTTPServer, slept: list[float]
) -> None:
    ats_server.expect_request("/jobs").respond_with_data("[" + "1," * 600 + "1]")

    with (
        Http(sleep=slept.append, max_bytes=1000) as http,
        pytest.raises(PluginError, match="larger than 1000 bytes"),
    ):
        http.get_json(ats_server.url_for("/jobs"))
    assert slept == []


def test_a_streamed_response_larger_than_the_cap_is_refused_while_it_is_read(
    ats_server: HTTPServer, slept: list[float]
) -> None:
    def endless(_request: Request) -> Response:
        # No Content-Length: only counting the bytes as they arrive can stop it.
        return Response((b"1," * 100 for _ in range(100)), content_type="application/json")

    ats_server.expect_request("/jobs").respond_with_handler(endless)

    with (
        Http(sleep=slept.append, max_bytes=1000) as http,
        pytest.raises(PluginError, match="larger than 1000 bytes"),
    ):
        http.get_json(ats_server.url_for("/jobs"))


def test_a_body_that_is_not_json_is_an_error(ats_server: HTTPServer, http: Http) -> None:
    ats_server.expect_request("/jobs").respond_with_data("<html>maintenance</html>")

    with pytest.raises(PluginError, match="the response is not JSON"):
        http.get_json(ats_server.url_for("/jobs"))


def test_an_error_names_the_path_but_never_the_query_or_the_credentials(
    ats_server: HTTPServer, http: Http
) -> None:
    ats_server.expect_request("/token", method="POST").respond_with_json({}, status=401)

    with pytest.raises(PluginError) as raised:
        http.request_json(
            "POST",
            ats_server.url_for("/token") + "?key=query-secret",
            auth=("client", "basic-secret"),
            data={"grant_type": "client_credentials"},
        )

    assert raised.value.args[0].endswith("/token: HTTP 401")
    assert "query-secret" not in str(raised.value)
    assert "basic-secret" not in str(raised.value)


@pytest.mark.parametrize("logger", [None, "afterview.some-ats"])
def test_retries_are_logged_under_the_name_the_plugin_chose(
    ats_server: HTTPServer, slept: list[float], caplog: pytest.LogCaptureFixture, logger: str | None
) -> None:
    ats_server.expect_oneshot_request("/jobs").respond_with_data("oops", status=502)
    ats_server.expect_request("/jobs").respond_with_json([])
    caplog.set_level(logging.INFO)

    with Http(sleep=slept.append, **({"logger": logger} if logger else {})) as http:
        http.get_json(ats_server.url_for("/jobs"))

    ours = [r for r in caplog.records if r.name.startswith("afterview")]
    assert [(r.name, r.getMessage().split(": ", 1)[1]) for r in ours] == [
        (logger or "afterview.ats.http", "HTTP 502, retrying in 1.0s")
    ]


def test_importing_afterview_does_not_need_httpx() -> None:
    code = "import sys, afterview\nprint('httpx' in sys.modules)\n"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
