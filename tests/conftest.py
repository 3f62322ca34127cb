"""Shared fixtures: a fixed clock, a machine set to UTC, deterministic ids, a memory workspace."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

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


@contextlib.contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """``path`` made unwritable for this user: by its mode, or for root, which ignores modes,
    by the immutable attribute."""
    if os.geteuid() != 0:
        path.chmod(0o400)
        yield
        path.chmod(0o600)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], check=False).returncode:
        pytest.skip("running as root, and the file cannot be made immutable here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)
