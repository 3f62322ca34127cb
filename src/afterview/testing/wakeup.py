"""The wake-up index contract as tests, for stores that keep the index
(:class:`afterview.store.WakeupIndex`) and add outbox items in bulk (``outbox_put_new``).

Subclass :class:`WakeupIndexContract` beside :class:`~afterview.testing.StoreContract`::

    class TestMyStore(DurableStoreContract, WakeupIndexContract):
        pass

The tests share the backend with others: each starts by marking every entry of the index as
looked at, so that only its own workspaces are stale.
"""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

from afterview.store import Store, WakeupEntry, WakeupIndex
from afterview.testing.contract import LEASE, T0, fresh_workspace_name, item, records

__all__ = ["WakeupIndexContract"]

HOUR = timedelta(hours=1)


def _index(store: Store) -> WakeupIndex:
    assert isinstance(store, WakeupIndex), f"{store!r} keeps no wake-up index"
    return store


def _quiet(index: WakeupIndex) -> None:
    """Mark every entry looked at for good, so that claims see only what a test makes."""
    for entry in index.wakeup_entries():
        if entry.stale(T0 + 1000 * HOUR) or entry.wake_at is not None:
            index.wakeup_record(entry.workspace, version=entry.version, wake_at=None, agenda=())


def _owner() -> str:
    return f"dispatcher-{uuid.uuid4().hex[:8]}"


def _claim_all(index: WakeupIndex, at: timedelta = timedelta(0), owner: str = "") -> list[str]:
    return index.wakeup_claim(T0 + at, owner=owner or _owner(), lease=LEASE, limit=10_000)


class WakeupIndexContract:
    """What a store keeping the wake-up index does. Needs the ``store`` fixture."""

    def test_an_append_makes_the_workspace_stale_and_claimable(self, store: Store) -> None:
        index = _index(store)
        _quiet(index)
        name = fresh_workspace_name()
        assert _claim_all(index) == []
        store.workspace(name).append(records(2), expected_version=0, recorded_at=T0)
        (entry,) = index.wakeup_entries([name])
        assert (entry.version, entry.indexed_version) == (2, 0)
        assert entry.stale(T0)
        assert _claim_all(index) == [name]

    def test_a_recorded_visit_sleeps_until_its_wake_up_time(self, store: Store) -> None:
        index = _index(store)
        _quiet(index)
        name = fresh_workspace_name()
        store.workspace(name).append(records(1), expected_version=0, recorded_at=T0)
        owner = _owner()
        assert _claim_all(index, owner=owner) == [name]
        agenda = [(T0 + HOUR, "AV301"), (T0 + 2 * HOUR, "AV601")]
        assert index.wakeup_record(name, version=1, wake_at=T0 + HOUR, agenda=agenda, owner=owner)
        assert _claim_all(index) == []
        assert _claim_all(index, HOUR - timedelta(microseconds=1)) == []
        assert _claim_all(index, HOUR) == [name]
        (entry,) = index.wakeup_entries([name])
        assert entry == WakeupEntry(
            workspace=name, version=1, indexed_version=1, wake_at=T0 + HOUR, agenda=tuple(agenda)
        )
        assert all(moment.utcoffset() is not None for moment, _ in entry.agenda)

    def test_a_workspace_that_never_wakes_is_claimed_only_after_an_append(
        self, store: Store
    ) -> None:
        index = _index(store)
        _quiet(index)
        name = fresh_workspace_name()
        handle = store.workspace(name)
        handle.append(records(1), expected_version=0, recorded_at=T0)
        index.wakeup_record(name, version=1, wake_at=None, agenda=())
        assert _claim_all(index, 10_000 * HOUR) == []
        handle.append(records(1), expected_version=1, recorded_at=T0)
        assert _claim_all(index) == [name]

    def test_an_append_during_a_visit_keeps_the_workspace_stale(self, store: Store) -> None:
        index = _index(store)
        _quiet(index)
        name = fresh_workspace_name()
        handle = store.workspace(name)
        handle.append(records(1), expected_version=0, recorded_at=T0)
        owner = _owner()
        assert _claim_all(index, owner=owner) == [name]
        handle.append(records(1), expected_version=1, recorded_at=T0)  # while it is visited
        index.wakeup_record(name, version=1, wake_at=T0 + HOUR, agenda=(), owner=owner)
        assert _claim_all(index) == [name]

    def test_older_news_never_overwrites_a_later_visit(self, store: Store) -> None:
        index = _index(store)
        _quiet(index)
        name = fresh_workspace_name()
        store.workspace(name).append(records(3), expected_version=0, recorded_at=T0)
        assert index.wakeup_record(name, version=3, wake_at=T0 + HOUR, agenda=())
        assert not index.wakeup_record(name, version=2, wake_at=T0, agenda=[(T0, "AV301")])
        (entry,) = index.wakeup_entries([name])
        assert (entry.indexed_version, entry.wake_at, entry.agenda) == (3, T0 + HOUR, ())

    def test_a_leased_workspace_waits_for_its_lease_and_the_owner_releases_it(
        self, store: Store
    ) -> None:
        index = _index(store)
        _quiet(index)
        name = fresh_workspace_name()
        store.workspace(name).append(records(1), expected_version=0, recorded_at=T0)
        first, second = _owner(), _owner()
        assert _claim_all(index, owner=first) == [name]
        assert _claim_all(index, LEASE - timedelta(microseconds=1), owner=second) == []
        # The first dispatcher died: once its lease runs out, another takes over.
        assert _claim_all(index, LEASE, owner=second) == [name]
        # The first one's late report ends no lease but its own.
        index.wakeup_record(name, version=0, wake_at=None, agenda=(), owner=first)
        assert _claim_all(index, LEASE + timedelta(seconds=1)) == []
        index.wakeup_record(name, version=1, wake_at=T0 + LEASE, agenda=(), owner=second)
        assert _claim_all(index, LEASE + timedelta(seconds=1)) == [name]

    def test_the_most_overdue_come_first_and_the_limit_holds(self, store: Store) -> None:
        index = _index(store)
        _quiet(index)
        names = [fresh_workspace_name() for _ in range(3)]
        for hours, name in zip((3, 1, 2), names, strict=True):
            store.workspace(name).append(records(1), expected_version=0, recorded_at=T0)
            index.wakeup_record(name, version=1, wake_at=T0 + hours * HOUR, agenda=())
        changed = fresh_workspace_name()
        store.workspace(changed).append(records(1), expected_version=0, recorded_at=T0)
        got = index.wakeup_claim(T0 + 5 * HOUR, owner=_owner(), lease=LEASE, limit=3)
        assert got == [changed, names[1], names[2]]

    def test_concurrent_claimers_share_the_workspaces_without_overlap(self, store: Store) -> None:
        index = _index(store)
        _quiet(index)
        names = {fresh_workspace_name() for _ in range(24)}
        for name in names:
            store.workspace(name).append(records(1), expected_version=0, recorded_at=T0)
        taken: list[list[str]] = [[] for _ in range(4)]

        def claimer(mine: list[str]) -> None:
            owner = _owner()
            while got := index.wakeup_claim(T0, owner=owner, lease=LEASE, limit=2):
                mine.extend(got)

        threads = [threading.Thread(target=claimer, args=(t,)) for t in taken]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        every = [name for mine in taken for name in mine]
        assert sorted(every) == sorted(names)

    def test_entries_list_the_asked_workspaces_that_hold_events(self, store: Store) -> None:
        index = _index(store)
        a, b, empty = (fresh_workspace_name() for _ in range(3))
        store.workspace(a).append(records(1), expected_version=0, recorded_at=T0)
        store.workspace(b).append(records(2), expected_version=0, recorded_at=T0)
        got = index.wakeup_entries([a, b, empty])
        assert [(e.workspace, e.version) for e in got] == sorted([(a, 1), (b, 2)])

    def test_putting_many_items_adds_only_the_new_keys(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        put_new = getattr(handle, "outbox_put_new", None)
        assert put_new is not None, "the store adds outbox items only one by one"
        assert put_new([item("a"), item("b")]) == 2
        assert put_new([item("b"), item("c"), item("a")]) == 1
        assert put_new([]) == 0
        assert [i.key for i in handle.outbox_items()] == ["a", "b", "c"]
        assert {i.workspace for i in handle.outbox_items()} == {handle.name}
