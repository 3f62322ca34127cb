"""The pytest plugin of the conformance kit: the fixtures :class:`StoreContract` runs on.

Enable it in a ``conftest.py`` and say how to reach the backend, by URL::

    pytest_plugins = ["afterview.testing.plugin"]

    @pytest.fixture
    def afterview_store_url(tmp_path):
        return f"mystore:///{tmp_path}/store"

or, for a store not installed as a plugin, by a factory that opens it (every call must reach
the same data, so that reopening can be tested)::

    @pytest.fixture
    def afterview_store_factory(tmp_path):
        return lambda: MyStore(tmp_path / "store")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from afterview.plugin_manager import PluginManager
from afterview.store import Store
from afterview.testing.fakes import FakeNotifier

__all__ = [
    "afterview_fake_notifier",
    "afterview_plugin_manager",
    "afterview_store_factory",
    "afterview_store_url",
    "store",
]

StoreFactory = Callable[[], Store]


@pytest.fixture
def afterview_plugin_manager() -> PluginManager:
    """The plugin manager that opens :func:`afterview_store_url`: every installed plugin."""
    return PluginManager()


@pytest.fixture
def afterview_store_url() -> str:
    """The URL of the backend under test; a backend's ``conftest.py`` overrides this."""
    pytest.fail(
        "the afterview conformance kit needs a backend: define a fixture "
        "'afterview_store_url' (returning a URL) or 'afterview_store_factory' in your conftest.py"
    )


@pytest.fixture
def afterview_store_factory(
    afterview_store_url: str, afterview_plugin_manager: PluginManager
) -> Iterator[StoreFactory]:
    """Opens the backend; each call returns a new connection to the same data."""
    opened: list[Store] = []

    def open_store() -> Store:
        opened.append(afterview_plugin_manager.open_store(afterview_store_url))
        return opened[-1]

    yield open_store
    for each in opened:
        each.close()


@pytest.fixture
def store(afterview_store_factory: StoreFactory) -> Iterator[Store]:
    """An open connection to the backend under test, closed after the test."""
    opened = afterview_store_factory()
    yield opened
    opened.close()


@pytest.fixture
def afterview_fake_notifier() -> FakeNotifier:
    """A notifier that records deliveries and fails when told to."""
    return FakeNotifier()
