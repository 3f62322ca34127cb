"""Contracts for notifiers, importers and observers: what afterview relies on from each.

Subclass one in a test module and say how to make your adapter::

    from afterview.testing import NotifierContract

    class TestMyNotifier(NotifierContract):
        def make_notifier(self, tmp_path):
            return MyNotifier(f"mine:///{tmp_path}/sent.jsonl")

Each assertion says which rule of the contract failed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from afterview.ats.protocols import ImportedRecord, Importer, ImportProblem, close_quietly
from afterview.masking import mask_url
from afterview.plugin_manager import PluginManager
from afterview.reminders.notifier import Notification, Notifier
from afterview.serialization import dumps_event
from afterview.workspace import Workspace

__all__ = ["ImporterContract", "NotifierContract", "ObserverContract", "sample_notification"]

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def sample_notification(key: str = "k-1", *, body: str = "Call Dana Reyes") -> Notification:
    """A reminder as the dispatcher hands it to a notifier."""
    return Notification(
        key=key,
        workspace="contract",
        code="AV401",
        title="Ask for a feedback call",
        body=body,
        due=T0 + timedelta(days=1),
        subjects=("application:app_1", "person:per_1"),
    )


def _ids() -> Callable[[str], str]:
    counter = itertools.count(1)
    return lambda prefix: f"{prefix}_{next(counter)}"


class NotifierContract:
    """What every notifier does. Define :meth:`make_notifier`."""

    def make_notifier(self, tmp_path: Path) -> Notifier:
        raise NotImplementedError("define make_notifier(self, tmp_path) on your contract class")

    @pytest.fixture
    def notifier(self, tmp_path: Path) -> Iterator[Notifier]:
        made = self.make_notifier(tmp_path)
        yield made
        close_quietly(made)

    def test_it_meets_the_notifier_protocol(self, notifier: Notifier) -> None:
        assert isinstance(notifier, Notifier), (
            "notifier contract, protocol: it needs a 'url' property and notify(notification)"
        )

    def test_its_url_shows_no_secret(self, notifier: Notifier) -> None:
        assert mask_url(notifier.url) == notifier.url, (
            "notifier contract, masked URL: 'url' is logged and shown, so it must hold no "
            "password or token (return afterview.mask_url(url))"
        )

    def test_it_delivers_a_notification(self, notifier: Notifier) -> None:
        assert notifier.notify(sample_notification()) is not False, (
            "notifier contract, delivery: notify returned False for a plain notification"
        )

    def test_delivering_one_key_again_is_harmless(self, notifier: Notifier) -> None:
        # The outbox delivers at least once: a retry after a lost acknowledgement repeats a key.
        notifier.notify(sample_notification("k-again"))
        assert notifier.notify(sample_notification("k-again")) is not False, (
            "notifier contract, retries: delivering the same key twice must not fail"
        )

    def test_its_repr_shows_no_reminder(self, notifier: Notifier) -> None:
        notifier.notify(sample_notification(body="Call Dana Reyes on 555-0199"))
        assert "Dana Reyes" not in repr(notifier), (
            "notifier contract, privacy: repr must not show what was delivered"
        )


class ImporterContract:
    """What every ATS importer does. Define :meth:`make_importer`; it is opened twice."""

    def make_importer(self, tmp_path: Path) -> Importer:
        raise NotImplementedError("define make_importer(self, tmp_path) on your contract class")

    def _records(self, tmp_path: Path) -> list[object]:
        importer = self.make_importer(tmp_path)
        try:
            return list(importer.records())
        finally:
            close_quietly(importer)

    def test_it_meets_the_importer_protocol(self, tmp_path: Path) -> None:
        importer = self.make_importer(tmp_path)
        close_quietly(importer)
        assert isinstance(importer, Importer), (
            "importer contract, protocol: it needs a 'url' property and records()"
        )
        assert mask_url(importer.url) == importer.url, (
            "importer contract, masked URL: 'url' is logged, so it must hold no credential"
        )

    def test_it_yields_records_or_problems_of_valid_events(self, tmp_path: Path) -> None:
        records = self._records(tmp_path)
        assert records, "importer contract, records: give make_importer some records to read"
        for item in records:
            assert isinstance(item, ImportedRecord | ImportProblem), (
                f"importer contract, records: records() yielded a {type(item).__name__}"
            )
            if isinstance(item, ImportedRecord):
                assert item.external_ref, "importer contract, records: a record without its ref"
                for event in item.events:
                    dumps_event(event)

    def test_a_second_import_adds_nothing(self, tmp_path: Path) -> None:
        ws = Workspace.open("memory://", plugin_manager=PluginManager(load_entry_points=False))
        first = self._import(ws, tmp_path)
        assert (first.imported > 0, first.failed) == (True, 0), (
            f"importer contract, import: the first import must import every record ({first})"
        )
        version = ws.state.version
        second = self._import(ws, tmp_path)
        assert (second.imported, ws.state.version) == (0, version), (
            "importer contract, idempotence: a second import of the same history added events "
            "(derive every id from the ATS's own ids)"
        )

    def _import(self, ws: Workspace, tmp_path: Path) -> Any:
        from afterview.ats.importing import import_records

        importer = self.make_importer(tmp_path)
        try:
            return import_records(ws, importer, now=T0)
        finally:
            close_quietly(importer)


class ObserverContract:
    """What every ``afterview_events_appended`` observer does. Define :meth:`make_plugin`: the
    plugin object (or module) that holds the hook."""

    def make_plugin(self, tmp_path: Path) -> object:
        raise NotImplementedError("define make_plugin(self, tmp_path) on your contract class")

    def _workspace(self, tmp_path: Path) -> tuple[Workspace, PluginManager]:
        pm = PluginManager(load_entry_points=False)
        pm.register(self.make_plugin(tmp_path), name="under-test")
        return Workspace.open("memory://", plugin_manager=pm, ids=_ids()), pm

    def test_it_registers_without_problems(self, tmp_path: Path) -> None:
        _, pm = self._workspace(tmp_path)
        assert [p.problem for p in pm.problems()] == [], (
            "observer contract, registration: the plugin has problems (a misspelled or unmarked "
            "hook?)"
        )
        hooks = {i.name: i.hooks for i in pm.plugins()}["under-test"]
        assert "afterview_events_appended" in hooks, (
            "observer contract, registration: no afterview_events_appended hook was found"
        )

    def test_it_observes_every_append_without_failing(self, tmp_path: Path) -> None:
        ws, _ = self._workspace(tmp_path)
        organization = ws.add_organization("Acme Analytics")
        assert ws.observer_failures == [], (
            f"observer contract, observing: it failed on an append: {ws.observer_failures}"
        )
        person = ws.add_contact("Dana Reyes", "interviewer", organization=organization)
        ws.forget(person)
        assert ws.observer_failures == [], (
            f"observer contract, observing: it failed on an append: {ws.observer_failures}"
        )
