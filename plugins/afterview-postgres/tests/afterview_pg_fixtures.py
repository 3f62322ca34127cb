"""A real PostgreSQL server for the plugin's tests, and a fresh database for each test.

A pytest plugin each test module enables with ``pytest_plugins`` (not a ``conftest.py``: the core's
tests import their own ``conftest`` by that name, and two would clash in one run).

The server is a throwaway cluster started once per session (``initdb`` + ``pg_ctl`` in a temporary
directory, 127.0.0.1 only) unless ``AFTERVIEW_POSTGRES_URL`` names an existing server to use; the
role in that URL must be allowed to create databases. Without PostgreSQL the tests skip, saying
how to run them, except when ``AFTERVIEW_REQUIRE_POSTGRES=1`` (as on CI): then they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import afterview_postgres.plugin
import psycopg
import pytest
from afterview_postgres import PostgresStore
from afterview_postgres.cluster import PostgresUnavailable, TemporaryCluster

from afterview import PluginManager

HOW_TO_RUN = (
    "install PostgreSQL's server (apt-get install postgresql: initdb and pg_ctl on PATH or in "
    "/usr/lib/postgresql/*/bin), or set AFTERVIEW_POSTGRES_URL to a server where the role may "
    "create databases"
)


class Server:
    """The server under test: a throwaway cluster, or an existing one from the environment."""

    def __init__(self, admin_url: str, cluster: TemporaryCluster | None) -> None:
        self.admin_url = admin_url
        self.cluster = cluster

    def __repr__(self) -> str:
        return f"<Server {self.cluster!r}>"

    def url(self, database: str, query: str = "") -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{database}", query, ""))

    def create_database(self) -> str:
        name = f"afterview_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    external = os.environ.get("AFTERVIEW_POSTGRES_URL")
    if external:
        yield Server(external, None)
        return
    try:
        cluster = TemporaryCluster().start()
    except PostgresUnavailable as exc:
        if os.environ.get("AFTERVIEW_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"AFTERVIEW_REQUIRE_POSTGRES=1 but PostgreSQL cannot run: {exc}")
        pytest.skip(
            f"no PostgreSQL server to test against ({exc}); to run these tests, {HOW_TO_RUN}"
        )
    try:
        yield Server(cluster.url(), cluster)
    finally:
        cluster.stop()


@pytest.fixture
def database(postgres_server: Server) -> Iterator[str]:
    """The name of a new, empty database, dropped after the test."""
    name = postgres_server.create_database()
    yield name
    postgres_server.drop_database(name)


@pytest.fixture
def pg_url(postgres_server: Server, database: str) -> str:
    """A store URL (with its password) for an empty database of its own."""
    return postgres_server.url(database)


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[PostgresStore]:
    opened = PostgresStore(pg_url)
    yield opened
    opened.close()


@pytest.fixture
def postgres_plugins() -> PluginManager:
    """afterview's built-ins plus this plugin, whatever else is installed."""
    manager = PluginManager(load_entry_points=False)
    manager.register(afterview_postgres.plugin, name="postgres")
    return manager
