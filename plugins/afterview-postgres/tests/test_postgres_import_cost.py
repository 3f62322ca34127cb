"""Registering the PostgreSQL plugin is cheap: psycopg and its pool load only when a
``postgresql://`` store is opened or a public name that needs them is first used."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import afterview_postgres
import pytest

pytest_plugins = ["afterview_pg_fixtures"]

HEAVY = ("psycopg", "psycopg_pool")


def fresh(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a new interpreter; ``seen(label)`` notes which heavy modules are loaded."""
    prelude = textwrap.dedent(
        f"""\
        import json, sys
        SEEN = {{}}
        def seen(label):
            SEEN[label] = [m for m in {HEAVY!r} if m in sys.modules]
        """
    )
    program = prelude + textwrap.dedent(code) + "\nprint(json.dumps(SEEN))\n"
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", program, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    seen: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return seen


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
        SEEN["store"] = type(store).__name__
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
