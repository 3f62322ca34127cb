"""Shared fixtures: a fixed clock, a machine set to UTC, deterministic ids, a memory workspace."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from afterview import PluginManager, Workspace

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def counting_ids() -> Callable[[str], str]:
    counter = itertools.count(1)
    return lambda prefix: f"{prefix}_{next(counter)}"


@pytest.fixture(autouse=True)
def machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs as if on a machine set to UTC, wherever it really runs: the job seeker's
    zone defaults to the system's, and a test that wants another zone says so."""
    monkeypatch.setenv("TZ", "UTC")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def plugin_manager() -> PluginManager:
    """A plugin manager with only afterview's built-ins, isolated from installed plugins."""
    return PluginManager(load_entry_points=False)


@pytest.fixture
def ws(clock: Clock, plugin_manager: PluginManager) -> Iterator[Workspace]:
    workspace = Workspace.open(
        "memory://", plugin_manager=plugin_manager, clock=clock, ids=counting_ids()
    )
    yield workspace
    workspace.close()
