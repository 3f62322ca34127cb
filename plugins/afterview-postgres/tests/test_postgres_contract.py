"""The conformance kit, unchanged, against the PostgreSQL store."""

from __future__ import annotations

import pytest

from afterview import PluginManager
from afterview.testing import DurableStoreContract, WakeupIndexContract

pytest_plugins = ["afterview.testing.plugin", "afterview_pg_fixtures"]


class TestPostgresStoreContract(DurableStoreContract, WakeupIndexContract):
    @pytest.fixture
    def afterview_store_url(self, pg_url: str) -> str:
        return pg_url

    @pytest.fixture
    def afterview_plugin_manager(self, postgres_plugins: PluginManager) -> PluginManager:
        return postgres_plugins
