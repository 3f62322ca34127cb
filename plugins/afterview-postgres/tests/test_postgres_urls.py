"""Opening a store from a URL: pool options, masked passwords, clear errors."""

from __future__ import annotations

import logging
import socket
from typing import Any

import afterview_postgres.plugin
import psycopg
import pytest
from afterview_postgres import PostgresStore, mask_url

from afterview import DataError, PluginManager, StoreError

pytest_plugins = ["afterview_pg_fixtures"]

PASSWORD = "throwaway-secret"  # the throwaway cluster's; see afterview_postgres.cluster


def has_schema(url: str) -> bool:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT to_regclass('afterview_schema') IS NOT NULL").fetchone()
        return bool(row and row[0])


def chain(error: BaseException) -> str:
    """The error's message with every cause's and context's."""
    parts = []
    current: BaseException | None = error
    while current is not None:
        parts.append(f"{type(current).__name__}: {current}")
        current = current.__cause__ or current.__context__
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("postgresql://coach:s3cr%40t@db:5432/av", "postgresql://***@db:5432/av"),
        ("postgres://coach@db/av?pool_max=5", "postgres://***@db/av?pool_max=5"),
        (
            "postgresql:///av?password=s3cret&sslmode=require",
            "postgresql:///av?password=***&sslmode=require",
        ),
        ("postgresql://db/av", "postgresql://db/av"),
    ],
)
def test_a_password_never_shows_in_a_masked_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_the_store_shows_its_url_with_the_password_masked(pg_url: str) -> None:
    assert PASSWORD in pg_url
    store = PostgresStore(pg_url + "?pool_max=3&pool_min=2&application_name=afterview-test")
    try:
        for shown in (store.url, repr(store), repr(store.workspace("w"))):
            assert PASSWORD not in shown
            assert "://***@" in shown
        assert (store.pool.min_size, store.pool.max_size) == (2, 3)
        with store.connection("read the application name") as conn:
            row = conn.execute("SHOW application_name").fetchone()
        assert row == ("afterview-test",)  # libpq's own parameters pass through
    finally:
        store.close()


@pytest.mark.parametrize(
    "query",
    ["pool_max=lots", "pool_min=-1", "pool_max=0", "pool_min=5&pool_max=2", "pool_timeout=soon"],
)
def test_a_bad_pool_option_is_a_data_error_and_the_database_is_untouched(
    pg_url: str, query: str
) -> None:
    with pytest.raises(DataError) as raised:
        PostgresStore(f"{pg_url}?{query}")
    assert PASSWORD not in str(raised.value)
    assert "pool_" in str(raised.value)
    assert not has_schema(pg_url)


def test_a_wrong_password_is_a_store_error_that_does_not_repeat_it(
    postgres_server: Any, database: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    wrong = "not-the-password-0451"
    url = postgres_server.url(database).replace(PASSWORD, wrong)
    with pytest.raises(StoreError, match="password authentication failed") as raised:
        PostgresStore(url)
    assert wrong not in chain(raised.value)
    assert "://***@" in str(raised.value)
    assert wrong not in caplog.text
    assert not has_schema(postgres_server.url(database))


def test_an_unreachable_server_is_a_store_error_naming_the_masked_url(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port once the socket is closed.
    url = f"postgresql://coach:hunter2@127.0.0.1:{port}/av?connect_timeout=2"
    with pytest.raises(StoreError, match="cannot connect") as raised:
        PostgresStore(url)
    assert "hunter2" not in chain(raised.value)
    assert f"postgresql://***@127.0.0.1:{port}/av" in str(raised.value)
    assert "hunter2" not in caplog.text


def test_the_plugin_claims_both_schemes_and_leaves_other_urls_alone(pg_url: str) -> None:
    manager = PluginManager(load_entry_points=False)
    manager.register(afterview_postgres.plugin, name="postgres")
    assert {"postgresql://", "postgres://"} <= set(manager.claimed_schemes("store"))
    assert afterview_postgres.plugin.afterview_open_store("memory://") is None
    assert afterview_postgres.plugin.afterview_open_store("postgresqlx://db") is None
    with pytest.raises(StoreError) as raised:
        manager.open_store(pg_url.replace(PASSWORD, "wrong-one-77"))
    assert "wrong-one-77" not in chain(raised.value)


def test_the_installed_distribution_registers_the_plugin() -> None:
    assert "postgres" in {info.name for info in PluginManager().plugins() if info.loaded}


def test_a_closed_store_says_so_and_closing_again_is_harmless(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    handle = store.workspace("w")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        handle.version()
