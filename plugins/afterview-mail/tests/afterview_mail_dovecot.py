"""The ``dovecot`` fixture: one throwaway Dovecot (:mod:`afterview_mail_server`) for the session.

A pytest plugin each test module enables with ``pytest_plugins = ["afterview_mail_dovecot"]``.
Without Dovecot the tests skip, saying how to run them, except when
``AFTERVIEW_REQUIRE_DOVECOT=1`` (as on CI): then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from afterview_mail_server import DovecotUnavailable, TemporaryDovecot

HOW_TO_RUN = "install Dovecot's IMAP server (apt-get install dovecot-imapd)"


@pytest.fixture(scope="session")
def dovecot() -> Iterator[TemporaryDovecot]:
    try:
        server = TemporaryDovecot().start()
    except DovecotUnavailable as exc:
        if os.environ.get("AFTERVIEW_REQUIRE_DOVECOT") == "1":
            pytest.fail(f"AFTERVIEW_REQUIRE_DOVECOT=1 but Dovecot cannot run: {exc}")
        pytest.skip(f"no Dovecot to test against ({exc}); to run these tests, {HOW_TO_RUN}")
    try:
        yield server
    finally:
        server.stop()
