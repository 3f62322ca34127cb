"""The conformance kit: the tests every store reruns, and fakes for testing with afterview.

* :class:`StoreContract` / :class:`DurableStoreContract` — subclass one in a test module to run
  the whole store suite against a backend; enable the fixtures with
  ``pytest_plugins = ["afterview.testing.plugin"]`` (see ``docs/plugins.md``).
* :class:`WakeupIndexContract` — the wake-up index and bulk outbox contract, for stores that
  keep the index (see ``docs/platforms.md``).
* :func:`store_model_machine` — the hypothesis state machine the contract runs, for reuse.
* :class:`RuleContract` — subclass it and set ``rules`` to check your playbook rules: determinism,
  known subjects, and that their ``resolved_by`` events resolve their advice.
* :class:`NotifierContract`, :class:`ImporterContract`, :class:`ObserverContract` — the same
  for a notifier, an ATS importer, an ``afterview_events_appended`` observer.
* :class:`FakeNotifier` — a notifier that records deliveries and fails on demand.
* ``afterview.testing.strategies`` — hypothesis strategies for events and workspaces.
* ``afterview.testing.imports`` — :func:`modules_seen`, to check in a fresh interpreter that a
  plugin registers without importing its heavy libraries.
* ``afterview.testing.http`` — ``ats_server`` / ``slept`` fixtures for ATS plugins (needs
  pytest-httpserver).

This package needs the ``testing`` extra (pytest and hypothesis):
``pip install "afterview[testing]"``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

# The kit's assertions are rewritten by pytest, so a failure shows the values that differed.
pytest.register_assert_rewrite(
    "afterview.testing.contract",
    "afterview.testing.plugin",
    "afterview.testing.snapshots",
    "afterview.testing.wakeup",
    "afterview.testing.rules",
    "afterview.testing.adapters",
)

from afterview.testing.adapters import (  # noqa: E402 - after the rewrite registration
    ImporterContract,
    NotifierContract,
    ObserverContract,
)
from afterview.testing.contract import (  # noqa: E402
    DurableStoreContract,
    StoreContract,
    store_model_machine,
)
from afterview.testing.fakes import FakeDeliveryError, FakeNotifier  # noqa: E402
from afterview.testing.rules import RuleContract, RuleContractError  # noqa: E402
from afterview.testing.snapshots import SnapshotContract  # noqa: E402
from afterview.testing.wakeup import WakeupIndexContract  # noqa: E402

__all__ = [
    "DurableStoreContract",
    "FakeDeliveryError",
    "FakeNotifier",
    "ImporterContract",
    "NotifierContract",
    "ObserverContract",
    "RuleContract",
    "RuleContractError",
    "SnapshotContract",
    "StoreContract",
    "WakeupIndexContract",
    "store_model_machine",
]


def __getattr__(name: str) -> ModuleType:
    # Loaded on first use, so that the store suite works without the strategies' imports.
    if name == "strategies":
        return importlib.import_module("afterview.testing.strategies")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
