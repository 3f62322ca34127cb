"""Registering the PostgreSQL plugin is cheap: psycopg and its pool load only when a
``postgresql://`` store is opened or a public name that needs them is first used."""

from __future__ import annotations

from typing import Any

import afterview_postgres
import pytest

from afterview.testing.imports import modules_seen

pytest_plugins = ["afterview_pg_fixtures"]

HEAVY = ("psycopg", "psycopg_pool")


def fresh(code: str, *args: str) -> dict[str, Any]:
    return modules_seen(code, watch=HEAVY, args=args)


def test_loading_the_entry_point_leaves_psycopg_unimported() -> None:
    seen = fresh(
        """
        import afterview_postgres.plugin
        seen("entry point")
        import afterview_postgres
        seen("package")
        afterview_postgres.mask_url, afterview_postgres.POOL_OPTIONS
        seen("URL helpers used")
        """
    )
    assert seen == {"entry point": [], "package": [], "URL helpers used": []}


def test_psycopg_loads_when_a_postgres_store_is_opened_and_not_before(pg_url: str) -> None:
    seen = fresh(
        """
        from afterview import PluginManager, UnclaimedURLError
        import afterview_postgres.plugin
        pm = PluginManager(load_entry_points=False, builtins=False)
        pm.register(afterview_postgres.plugin, name="postgres")
        seen("registered")
        try:
            pm.open_store("memory://")
        except UnclaimedURLError:
            seen("another plugin's URL refused")
        store = pm.open_store(sys.argv[1])
        seen("store opened")
        SEEN["store"] = store.__class__.__name__  # through afterview's wrapper, as isinstance
        store.close()
        """,
        pg_url,
    )
    assert seen == {
        "registered": [],
        "another plugin's URL refused": [],
        "store opened": ["psycopg", "psycopg_pool"],
        "store": "PostgresStore",
    }


def test_every_public_name_is_still_importable_from_the_package() -> None:
    for name in afterview_postgres.__all__:
        assert getattr(afterview_postgres, name) is not None
    assert set(afterview_postgres.__all__) <= set(dir(afterview_postgres))
    from afterview_postgres.schema import LATEST

    assert afterview_postgres.SCHEMA_VERSION == LATEST


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="'Store'"):
        afterview_postgres.Store  # noqa: B018
