"""Fixtures for testing an ATS plugin against a real HTTP server on 127.0.0.1.

Enable them in a test module with ``pytest_plugins = ["afterview.testing.http"]``; they need
pytest-httpserver.

* ``ats_server`` — one server for the whole session, cleared of expectations before each test.
* ``slept`` — the waits :class:`afterview.Http` asked for; pass ``sleep=slept.append``.
"""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

__all__ = ["ats_server", "slept"]


@pytest.fixture
def ats_server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    """A real HTTP server on 127.0.0.1 with no expectations left from another test."""
    return httpserver_ipv4


@pytest.fixture
def slept() -> list[float]:
    """The waits the client asked for, recorded instead of slept."""
    return []
