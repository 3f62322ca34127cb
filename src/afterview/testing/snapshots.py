"""The snapshot contract as tests: part of :class:`~afterview.testing.StoreContract`, so every
store that keeps snapshots (:class:`afterview.store.SnapshotStore`) is checked by it, and one
that keeps none has these tests skipped.

Two halves: the store's side (keep, replace, refuse, delete, forget with a redact), and the
workspace reading through the store (a state read from a snapshot and a tail equals the state
folded from the whole log, and a snapshot that cannot be used is ignored and written again).
"""

from __future__ import annotations

import itertools
import json
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from afterview.errors import DataError
from afterview.events import OrganizationAdded
from afterview.fold import FOLD_VERSION, State
from afterview.plugin_manager import PluginManager
from afterview.serialization import dumps_event
from afterview.snapshot import SnapshotPolicy, encode_state
from afterview.store import Snapshot, SnapshotStore, Store, WorkspaceStore
from afterview.testing.plugin import StoreFactory

# The kit's moment and names, as in afterview.testing.contract (which imports this module).
T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
_serial = itertools.count(1)


def _name() -> str:
    return f"contract-{uuid.uuid4().hex[:12]}"


def _records(count: int) -> list[str]:
    return [
        dumps_event(OrganizationAdded(at=T0, organization_id=f"org_s{n}", name=f"Org {n}"))
        for n in itertools.islice(_serial, count)
    ]


__all__ = ["SnapshotContract", "comparable"]

#: Any bytes, as sealed data is: NUL, every byte value, and a size that needs TOAST or overflow.
BLOB = bytes(range(256)) * 4096


def _snapshots(store: Store, name: str | None = None) -> WorkspaceStore:
    handle = store.workspace(name or _name())
    if not isinstance(handle, SnapshotStore):
        pytest.skip("this store keeps no snapshots (afterview.store.SnapshotStore)")
    return handle


def _with_log(store: Store, events: int) -> Any:
    handle: Any = _snapshots(store)
    handle.append(_records(events), expected_version=0, recorded_at=T0)
    return handle


def comparable(state: State) -> Any:
    """``state`` as plain data, sets sorted, every datetime with its UTC offset: two states
    are the same to the offset when these are equal."""
    plain = json.loads(encode_state(state))
    plain["deliveries_taken_as_sent"] = sorted(plain["deliveries_taken_as_sent"])
    return plain


def _quiet_plugins() -> PluginManager:
    return PluginManager(load_entry_points=False)


class SnapshotContract:
    """What a store keeping snapshots does. Needs the ``store`` fixture of
    :mod:`afterview.testing.plugin`."""

    # --- the store's side --------------------------------------------------------------------

    def test_a_new_workspace_has_no_snapshot(self, store: Store) -> None:
        assert _snapshots(store).snapshot_get() is None  # type: ignore[attr-defined]

    def test_a_snapshot_comes_back_byte_for_byte(self, store: Store) -> None:
        handle = _with_log(store, 3)
        assert handle.snapshot_put(Snapshot(2, FOLD_VERSION, BLOB)) is True
        assert handle.snapshot_get() == Snapshot(2, FOLD_VERSION, BLOB)

    def test_a_later_snapshot_replaces_an_earlier_one_and_never_the_reverse(
        self, store: Store
    ) -> None:
        handle = _with_log(store, 5)
        assert handle.snapshot_put(Snapshot(2, FOLD_VERSION, b"two")) is True
        assert handle.snapshot_put(Snapshot(4, FOLD_VERSION + 1, b"four")) is True
        assert handle.snapshot_get() == Snapshot(4, FOLD_VERSION + 1, b"four")
        assert handle.snapshot_put(Snapshot(3, FOLD_VERSION, b"three")) is False
        assert handle.snapshot_get() == Snapshot(4, FOLD_VERSION + 1, b"four")
        assert handle.snapshot_put(Snapshot(4, FOLD_VERSION, b"again")) is True
        assert handle.snapshot_get() == Snapshot(4, FOLD_VERSION, b"again")

    @pytest.mark.parametrize("position", [0, -1, 4])
    def test_a_snapshot_outside_the_log_is_refused_and_nothing_is_kept(
        self, store: Store, position: int
    ) -> None:
        handle = _with_log(store, 3)
        with pytest.raises(DataError):
            handle.snapshot_put(Snapshot(position, FOLD_VERSION, b"x"))
        assert handle.snapshot_get() is None
        empty: Any = _snapshots(store)
        with pytest.raises(DataError):
            empty.snapshot_put(Snapshot(1, FOLD_VERSION, b"x"))
        assert empty.snapshot_get() is None

    def test_each_workspace_has_its_own_snapshot(self, store: Store) -> None:
        mine, theirs = _with_log(store, 2), _with_log(store, 2)
        mine.snapshot_put(Snapshot(2, FOLD_VERSION, b"mine"))
        assert theirs.snapshot_get() is None
        theirs.snapshot_put(Snapshot(1, FOLD_VERSION, b"theirs"))
        assert mine.snapshot_get() == Snapshot(2, FOLD_VERSION, b"mine")
        assert theirs.snapshot_delete() is True
        assert mine.snapshot_get() == Snapshot(2, FOLD_VERSION, b"mine")

    def test_delete_removes_the_snapshot(self, store: Store) -> None:
        handle = _with_log(store, 2)
        assert handle.snapshot_delete() is False
        handle.snapshot_put(Snapshot(2, FOLD_VERSION, b"x"))
        assert handle.snapshot_delete() is True
        assert handle.snapshot_get() is None
        assert handle.snapshot_delete() is False

    def test_a_redact_removes_the_snapshot_folded_from_the_old_records(self, store: Store) -> None:
        handle = _with_log(store, 3)
        handle.snapshot_put(Snapshot(3, FOLD_VERSION, b"x"))
        handle.redact({1: _records(1)[0]})
        assert handle.snapshot_get() is None

    def test_a_snapshot_is_there_for_the_next_opener_of_the_store(
        self, afterview_store_factory: StoreFactory
    ) -> None:
        first = afterview_store_factory()
        name = _name()
        handle: Any = _snapshots(first, name)
        handle.append(_records(2), expected_version=0, recorded_at=T0)
        handle.snapshot_put(Snapshot(2, FOLD_VERSION, BLOB))
        first.close()
        reopened = afterview_store_factory()
        try:
            assert _snapshots(reopened, name).snapshot_get() == Snapshot(2, FOLD_VERSION, BLOB)  # type: ignore[attr-defined]
        finally:
            reopened.close()

    # --- a workspace reading through the store --------------------------------------------------

    def _story(self, store: Store, name: str, policy: SnapshotPolicy) -> State:
        from afterview.workspace import Workspace

        ws = Workspace(store, name, plugin_manager=_quiet_plugins(), snapshots=policy)
        paris = timezone(timedelta(hours=2))
        acme = ws.add_organization("Acme Analytics", at=T0)
        for n in range(6):
            person = ws.add_contact(f"Person {n}", "interviewer", organization=acme, at=T0)
            app = ws.submit_application(acme, f"Role {n}", at=T0.astimezone(paris))
            interview = ws.schedule_interview(
                app, T0 + timedelta(days=n + 1), interviewers=[person], at=T0
            )
            ws.record_interview_held(interview, at=T0 + timedelta(days=n + 1))
        return ws.state

    def test_a_state_read_from_a_snapshot_and_its_tail_is_the_state_of_the_whole_log(
        self, store: Store
    ) -> None:
        from afterview.workspace import Workspace

        name = _name()
        handle: Any = _snapshots(store, name)
        written = self._story(store, name, SnapshotPolicy(min_tail=10, share=0.0))
        kept = handle.snapshot_get()
        assert kept is not None, "the workspace wrote no snapshot"
        assert 10 <= kept.position < written.version, "the snapshot should leave a tail"
        assert b"Person 1" not in kept.data, "the snapshot is stored sealed"

        from_snapshot = Workspace(store, name, plugin_manager=_quiet_plugins())
        from_log = Workspace(
            store, name, plugin_manager=_quiet_plugins(), snapshots=SnapshotPolicy(enabled=False)
        )
        assert comparable(from_snapshot.state) == comparable(from_log.state)
        assert comparable(from_log.state) == comparable(written)

    @pytest.mark.parametrize(
        "spoil",
        [
            lambda s: Snapshot(s.position, s.fold_version, b"not a snapshot"),
            lambda s: Snapshot(s.position, s.fold_version, s.data[:-1] + bytes([s.data[-1] ^ 1])),
            lambda s: Snapshot(s.position, s.fold_version + 1, s.data),
            lambda s: Snapshot(s.position - 1, s.fold_version, s.data),
        ],
        ids=["garbage", "tampered", "another-fold-version", "relabelled"],
    )
    def test_a_snapshot_that_cannot_be_used_is_ignored_and_written_again(
        self, store: Store, spoil: Any
    ) -> None:
        from afterview.workspace import Workspace

        name = _name()
        handle: Any = _snapshots(store, name)
        written = self._story(store, name, SnapshotPolicy(min_tail=10, share=0.0))
        good = handle.snapshot_get()
        handle.snapshot_delete()
        handle.snapshot_put(spoil(good))

        reader = Workspace(
            store, name, plugin_manager=_quiet_plugins(), snapshots=SnapshotPolicy(min_tail=10)
        )
        assert comparable(reader.state) == comparable(written)
        rewritten = handle.snapshot_get()
        assert rewritten.position == written.version
        assert rewritten.fold_version == FOLD_VERSION
