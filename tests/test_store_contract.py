"""Both built-in stores pass the whole conformance kit, exactly as a third party's store would."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from afterview import PluginManager
from afterview.testing import DurableStoreContract, StoreContract, WakeupIndexContract

pytest_plugins = ["afterview.testing.plugin"]


@pytest.fixture
def afterview_plugin_manager() -> PluginManager:
    return PluginManager(load_entry_points=False)


class TestMemoryStore(StoreContract, WakeupIndexContract):
    @pytest.fixture
    def afterview_store_url(self) -> str:
        # A named store: every opening in one test reaches the same data.
        return f"memory://contract-{uuid.uuid4().hex}"


class TestSQLiteStore(DurableStoreContract, WakeupIndexContract):
    @pytest.fixture
    def afterview_store_url(self, tmp_path: Path) -> str:
        return f"sqlite:///{tmp_path}/contract.sqlite"
