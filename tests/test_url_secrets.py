"""No secret planted in a URL ever shows, whatever the URL's shape.

Each example builds a URL with a random token where a secret can sit (user, password, a query
parameter with a secret-ish name, a path after an ``@``, the fragment), under a scheme that may be
mistyped (``postgresql//``, ``apprise//mailto://``, ``greenhouse:``), and opens it through the
plugin host with every plugin installed, as a store, notifier, importer and job board. Whatever
happens — opened, refused, failed — the token must not be in an exception's message or repr
(nor any error it was raised from), the opened object's ``url``, ``repr`` or ``str``, or any log
record.
"""

from __future__ import annotations

import logging
import os
import string
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterview import AfterviewError, PluginManager, mask_url

SCHEMES = (
    "postgresql",
    "postgres",
    "sqlite",
    "memory",
    "console",
    "ics",
    "apprise:mailto",
    "apprise:json",
    "apprise:tgram",
    "apprise",
    "greenhouse",
    "greenhouse-board",
    "lever",
    "lever-postings",
    "nosuch",
)
#: Well-formed and mistyped separators between the scheme and the rest.
SEPARATORS = ("://", "//", ":", ":/", ":///", "", "::", "///")
HOSTS = ("127.0.0.1:1", "localhost:1", "acme", "")
SECRET_NAMES = (
    "password",
    "PASSWORD",
    "sslpassword",
    "SSLPassword",
    "pass%77ord",
    "api_key",
    "apiKey",
    "X-Api-Key",
    "token",
    "access_token",
    "client_secret",
    "Secret",
    "auth",
    "sig",
)
#: Options that get a URL past its plugin's first checks, so later code paths run too.
EXTRAS = ("", "candidate=1", "contact=1", "pool_timeout=1", "sslmode=disable", "to=a@b.example")

OPENERS: dict[str, Callable[[PluginManager, str], Any]] = {
    "store": PluginManager.open_store,
    "notifier": PluginManager.open_notifier,
    "importer": PluginManager.open_importer,
    "job board": PluginManager.open_job_board,
}

tokens = st.text(string.ascii_letters + string.digits, min_size=10, max_size=16).map(
    lambda t: "Zq" + t  # never a word any message could contain by chance
)


@st.composite
def planted(draw: st.DrawFn) -> tuple[str, str]:
    """A URL and the secret planted in it."""
    secret = draw(tokens)
    written = secret
    if draw(st.booleans()):  # percent-encode one character of it
        i = draw(st.integers(0, len(secret) - 1))
        written = secret[:i] + f"%{ord(secret[i]):02X}" + secret[i + 1 :]
    scheme = draw(st.sampled_from(SCHEMES))
    separator = draw(st.sampled_from(SEPARATORS))
    host = draw(st.sampled_from(HOSTS))
    user = draw(st.sampled_from(("coach", "me", "")))
    path = draw(st.sampled_from(("", "/av", "/tmp/x.ics", "/db/x")))
    extra = draw(st.sampled_from(EXTRAS))
    position = draw(
        st.sampled_from(("user", "password", "query", "path-after-@", "fragment", "repeated-@"))
    )
    query = extra
    fragment = ""
    if position == "user":
        authority = f"{written}@{host}"
    elif position == "password":
        authority = f"{user}:{written}@{host}"
    elif position == "repeated-@":
        around = draw(st.sampled_from(("x@{}", "{}@x", "{}@", "@{}", "a/{}", "{}?x", "{}#x")))
        authority = f"{user}:{around.format(written)}@{host}"
    else:
        authority = f"{user}:pw@{host}" if user and draw(st.booleans()) else host
        if position == "query":
            name = draw(st.sampled_from(SECRET_NAMES))
            pair = f"{name}={written}"
            query = "&".join(p for p in (extra, pair) if p)
            if draw(st.booleans()):
                query = "&".join(reversed(query.split("&")))
        elif position == "path-after-@":
            # After a host: with none, "scheme:/" + "/p@TOKEN" puts the token where the host is.
            authority = authority or "acme"
            template = draw(st.sampled_from(("{p}/x@{s}", "{p}@{s}", "{p}/@{s}/more", "/me@{s}")))
            path = template.format(p=path or "/p", s=written)
        else:
            fragment = draw(st.sampled_from(("#{}", "#token={}", "#x&{}")))
            fragment = fragment.format(written)
    url = f"{scheme}{separator}{authority}{path}" + (f"?{query}" if query else "") + fragment
    return url, secret


def shown_forms(secret: str) -> set[str]:
    return {secret, secret.lower(), secret.upper()}


def error_texts(error: BaseException) -> Iterator[str]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield str(current)
        yield repr(current)
        yield from (str(a) for a in current.args)
        current = current.__cause__ or current.__context__


@contextmanager
def in_scratch_directory() -> Iterator[None]:
    """A relative SQLite path ("sqlite:SECRET@…") creates its file where we stand."""
    before = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)
        try:
            yield
        finally:
            os.chdir(before)


@pytest.fixture(scope="module")
def every_plugin() -> PluginManager:
    pm = PluginManager(environ={})
    names = {info.name for info in pm.plugins() if info.loaded}
    assert {"postgres", "apprise", "ics", "greenhouse", "lever"} <= names, names
    return pm


EXAMPLES: list[str] = []


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(planted(), st.sampled_from(sorted(OPENERS)))
def test_no_secret_planted_in_a_url_ever_shows(
    every_plugin: PluginManager,
    caplog: pytest.LogCaptureFixture,
    example: tuple[str, str],
    kind: str,
) -> None:
    url, secret = example
    EXAMPLES.append(url)
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    shown: list[str] = []
    with in_scratch_directory():
        try:
            opened = OPENERS[kind](every_plugin, url)
        except Exception as exc:
            shown.extend(error_texts(exc))
        else:
            shown.extend((opened.url, repr(opened), str(opened)))
            close = getattr(opened, "close", None)
            if close is not None:
                close()
    for record in caplog.records:
        shown.append(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            shown.extend(error_texts(record.exc_info[1]))
    shown.append(caplog.text)
    shown.append(mask_url(url))
    shown.append(mask_url(url, scheme_only=True))
    for text in shown:
        for form in shown_forms(secret):
            assert form not in text, (url, text)
            assert form not in unquote(text), (url, text)


def test_report_how_many_urls_were_tried() -> None:
    # Runs after the property (same module, file order): the count goes in the test report.
    print(f"\n{len(EXAMPLES)} planted URLs opened, {len(set(EXAMPLES))} distinct")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql//user:PW@host/db", "postgresql//***@host/db"),
        ("apprise//mailto://me:PW@example.com", "apprise//***"),
        ("greenhouse//ID:KEY@acme", "greenhouse//***@acme"),
        ("postgresql://coach:s3cr%40t@db:5432/av", "postgresql://***@db:5432/av"),
        (
            "postgresql://db/av?sslpassword=x&sslmode=require&Api-Key=y",
            "postgresql://db/av?sslpassword=***&sslmode=require&Api-Key=***",
        ),
        ("postgresql://db/av?pass%77ord=x", "postgresql://db/av?pass%77ord=***"),
        ("json://host/hook#TOKEN", "json://host/hook#***"),
        ("json://u@host/p@TOKEN", "json://***"),
        ("lever://KEY@acme?contact=7", "lever://***@acme?contact=7"),
        ("greenhouse://ID%3AKEY%40acme?candidate=1", "greenhouse://***%40acme?candidate=1"),
        ("sqlite:///home/me/afterview.db", "sqlite:///home/me/afterview.db"),
        ("console:", "console:"),
    ],
)
def test_mask_url_hides_secrets_in_any_shape(url: str, shown: str) -> None:
    assert mask_url(url) == shown


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("pushover://TOKEN/CHAT", "pushover://…"),
        ("postgresql//user:PW@host/db", "postgresql//…"),
        ("greenhouse:ID:KEY@acme", "***@acme"),
        ("afterview.db", "afterview.db"),
    ],
)
def test_an_unclaimed_url_shows_its_scheme_only(url: str, shown: str) -> None:
    assert mask_url(url, scheme_only=True) == shown


@pytest.mark.parametrize(
    "url",
    [
        "postgresql//user:Zq3xPW77@host/db",
        "apprise//mailto://me:Zq3xPW77@example.com",
        "greenhouse//ID:Zq3xPW77@acme",
    ],
)
def test_a_mistyped_scheme_names_no_secret_in_the_error(
    every_plugin: PluginManager, url: str
) -> None:
    for kind, opener in OPENERS.items():
        with pytest.raises(AfterviewError) as raised:
            opener(every_plugin, url)
        assert "Zq3xPW77" not in str(raised.value), kind


def test_an_sslpassword_never_shows_in_the_store_url_or_error(every_plugin: PluginManager) -> None:
    url = "postgresql://coach@127.0.0.1:1/av?sslpassword=Zq3xPW77&connect_timeout=1"
    with pytest.raises(AfterviewError) as raised:
        every_plugin.open_store(url)
    assert "Zq3xPW77" not in "".join(error_texts(raised.value))
    assert "sslpassword=***" in str(raised.value)
