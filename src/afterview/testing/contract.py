"""The store contract as tests: every backend reruns this whole suite unchanged.

Subclass :class:`StoreContract` (or :class:`DurableStoreContract` for a backend whose data
outlives the process) in a test module, with :mod:`afterview.testing.plugin` enabled::

    from afterview.testing import DurableStoreContract

    class TestMyStore(DurableStoreContract):
        pass

Each test works in workspaces of its own, with fresh random names, so a backend may keep one
database for the whole session.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import ClassVar

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from afterview.errors import ConcurrencyError, DataError, NotFoundError, ScopeError
from afterview.events import OrganizationAdded
from afterview.scope import ScopedStore
from afterview.serialization import dumps_event
from afterview.store import OutboxItem, OutboxStatus, Store, StoredEvent, WorkspaceStore
from afterview.testing.plugin import StoreFactory
from afterview.testing.snapshots import SnapshotContract

__all__ = ["T0", "DurableStoreContract", "StoreContract", "store_model_machine"]

#: The moment the kit's scenarios start.
T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)


def fresh_workspace_name() -> str:
    return f"contract-{uuid.uuid4().hex[:12]}"


_serial = itertools.count(1)


def records(count: int) -> list[str]:
    """``count`` real serialized events, each distinct."""
    return [
        dumps_event(OrganizationAdded(at=T0, organization_id=f"org_{n}", name=f"Organization {n}"))
        for n in itertools.islice(_serial, count)
    ]


def item(key: str, *, due: datetime = T0, channel: str = "console:") -> OutboxItem:
    return OutboxItem(
        key=key, workspace="set-by-the-store", channel=channel, payload='{"n": 1}', due=due
    )


def data(handle: WorkspaceStore, after: int = 0) -> list[str]:
    return [stored.data for stored in handle.read(after)]


class StoreContract(SnapshotContract):
    """What every store does (and :class:`SnapshotContract`, for one keeping snapshots).
    Needs the ``store`` fixture of :mod:`afterview.testing.plugin`."""

    #: How hard the state machine test works; raise it for a nightly run.
    state_machine_settings: ClassVar[settings] = settings(
        max_examples=30,
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )

    # --- the event log -----------------------------------------------------------------------

    def test_a_new_workspace_is_empty(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        assert handle.version() == 0, "store contract, version: a new workspace holds no event"
        assert list(handle.read()) == [], "store contract, read: a new workspace holds no event"

    def test_a_handle_is_named_after_its_workspace(self, store: Store) -> None:
        name = fresh_workspace_name()
        assert store.workspace(name).name == name, (
            "store contract, name: WorkspaceStore.name is the name given to Store.workspace"
        )

    def test_appended_records_come_back_in_order_with_positions(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        batch = records(3)
        assert handle.append(batch, expected_version=0, recorded_at=T0) == 3
        assert list(handle.read()) == [
            StoredEvent(position, text, T0) for position, text in enumerate(batch, 1)
        ]
        assert handle.version() == 3

    def test_an_append_continues_after_the_last_position(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        first, second = records(2), records(1)
        handle.append(first, expected_version=0, recorded_at=T0)
        later = T0 + timedelta(hours=1)
        assert handle.append(second, expected_version=2, recorded_at=later) == 3
        stored = list(handle.read())
        assert [s.position for s in stored] == [1, 2, 3]
        assert [s.data for s in stored] == first + second
        assert stored[2].recorded_at == later
        assert all(s.recorded_at.utcoffset() is not None for s in stored), "naive recorded_at"

    def test_reading_after_a_position_skips_what_came_before(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        batch = records(4)
        handle.append(batch, expected_version=0, recorded_at=T0)
        assert data(handle, after=2) == batch[2:]
        assert [s.position for s in handle.read(after=2)] == [3, 4]
        assert data(handle, after=4) == []

    def test_an_empty_append_changes_nothing(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        handle.append(records(1), expected_version=0, recorded_at=T0)
        assert handle.append([], expected_version=1, recorded_at=T0) == 1
        assert handle.version() == 1

    def test_an_append_at_a_stale_version_is_refused_and_stores_nothing(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        batch = records(2)
        handle.append(batch, expected_version=0, recorded_at=T0)
        with pytest.raises(ConcurrencyError) as raised:
            handle.append(records(2), expected_version=1, recorded_at=T0)
        assert raised.value.workspace == handle.name
        assert raised.value.expected == 1
        assert handle.version() == 2
        assert data(handle) == batch

    def test_an_append_ahead_of_the_log_is_refused_and_stores_nothing(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        with pytest.raises(ConcurrencyError):
            handle.append(records(1), expected_version=3, recorded_at=T0)
        assert handle.version() == 0
        assert data(handle) == []

    def test_competing_writers_never_interleave_their_batches(
        self, afterview_store_factory: StoreFactory
    ) -> None:
        name = fresh_workspace_name()
        first = afterview_store_factory().workspace(name)
        second = afterview_store_factory().workspace(name)
        winner, loser = records(3), records(3)
        first.append(winner, expected_version=0, recorded_at=T0)
        with pytest.raises(ConcurrencyError):
            second.append(loser, expected_version=0, recorded_at=T0)
        assert data(first) == winner
        assert data(second) == winner

    def test_a_writer_sees_another_writers_events(
        self, afterview_store_factory: StoreFactory
    ) -> None:
        name = fresh_workspace_name()
        first = afterview_store_factory().workspace(name)
        second = afterview_store_factory().workspace(name)
        batch = records(2)
        first.append(batch, expected_version=0, recorded_at=T0)
        assert second.version() == 2
        assert second.append(records(1), expected_version=2, recorded_at=T0) == 3
        assert first.version() == 3

    # --- workspaces ------------------------------------------------------------------------------

    def test_a_workspace_never_sees_another_workspaces_events(self, store: Store) -> None:
        mine, theirs = (store.workspace(fresh_workspace_name()) for _ in range(2))
        my_records, their_records = records(2), records(3)
        mine.append(my_records, expected_version=0, recorded_at=T0)
        theirs.append(their_records, expected_version=0, recorded_at=T0)
        assert data(mine) == my_records
        assert data(theirs) == their_records
        assert (mine.version(), theirs.version()) == (2, 3)

    def test_a_workspace_never_sees_or_touches_another_workspaces_outbox(
        self, store: Store
    ) -> None:
        mine, theirs = (store.workspace(fresh_workspace_name()) for _ in range(2))
        theirs.outbox_put(item("shared-key"))
        assert mine.outbox_items() == []
        assert mine.outbox_claim(T0, lease=LEASE, limit=10) == []
        for touch in (
            lambda: mine.outbox_ack("shared-key", now=T0),
            lambda: mine.outbox_retry("shared-key", now=T0),
            lambda: mine.outbox_fail("shared-key", now=T0, retry_at=T0, error="x", max_attempts=1),
        ):
            with pytest.raises(NotFoundError):
                touch()
        (untouched,) = theirs.outbox_items()
        assert untouched.status is OutboxStatus.PENDING
        assert untouched.attempts == 0
        # The same key in two workspaces is two items.
        assert mine.outbox_put(item("shared-key")) is True, (
            "store contract, put: a key is kept per workspace"
        )
        assert [i.workspace for i in mine.outbox_items()] == [mine.name], (
            "store contract, put: the stored item's workspace is the handle's name, whatever "
            "the item said"
        )

    def test_workspaces_lists_those_holding_events_in_order(self, store: Store) -> None:
        names = sorted(fresh_workspace_name() for _ in range(3))
        for name in reversed(names):
            store.workspace(name).append(records(1), expected_version=0, recorded_at=T0)
        empty = store.workspace(fresh_workspace_name())
        empty.outbox_put(item("k"))
        listed = store.workspaces()
        assert listed == sorted(listed)
        assert set(names) <= set(listed)
        assert empty.name not in listed

    @pytest.mark.parametrize("bad", ["", "has space", "slash/y", "x" * 201, "semi;colon"])
    def test_a_bad_workspace_name_is_refused(self, store: Store, bad: str) -> None:
        with pytest.raises(DataError, match="invalid workspace name"):
            store.workspace(bad)

    # --- redaction -------------------------------------------------------------------------------

    def test_redact_replaces_exactly_the_given_positions(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        other = store.workspace(fresh_workspace_name())
        batch, others = records(4), records(2)
        handle.append(batch, expected_version=0, recorded_at=T0)
        other.append(others, expected_version=0, recorded_at=T0)
        replacement = records(2)
        handle.redact({2: replacement[0], 4: replacement[1]})
        assert data(handle) == [batch[0], replacement[0], batch[2], replacement[1]]
        assert [s.position for s in handle.read()] == [1, 2, 3, 4]
        assert data(other) == others

    def test_redacting_a_missing_position_is_refused_and_changes_nothing(
        self, store: Store
    ) -> None:
        handle = store.workspace(fresh_workspace_name())
        batch = records(2)
        handle.append(batch, expected_version=0, recorded_at=T0)
        with pytest.raises(NotFoundError):
            handle.redact({1: records(1)[0], 3: records(1)[0]})
        assert data(handle) == batch

    # --- the outbox ------------------------------------------------------------------------------

    def test_outbox_redact_replaces_exactly_the_given_payloads(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        other = store.workspace(fresh_workspace_name())
        for key in ("a", "b", "c"):
            handle.outbox_put(item(key))
        other.outbox_put(item("a"))
        (claimed,) = handle.outbox_claim(
            T0 + timedelta(days=1), lease=timedelta(minutes=5), limit=1
        )
        handle.outbox_ack(claimed.key, now=T0 + timedelta(days=1))
        handle.outbox_redact({"a": '{"redacted": 1}', "c": '{"redacted": 3}'})
        payloads = {i.key: i.payload for i in handle.outbox_items()}
        assert payloads == {"a": '{"redacted": 1}', "b": item("b").payload, "c": '{"redacted": 3}'}
        statuses = {i.key: i.status for i in handle.outbox_items()}
        assert statuses["a"] is OutboxStatus.DELIVERED  # redaction changes the text, not the status
        assert [i.payload for i in other.outbox_items()] == [item("a").payload]

    def test_outbox_redact_of_an_unknown_key_is_refused_and_changes_nothing(
        self, store: Store
    ) -> None:
        handle = store.workspace(fresh_workspace_name())
        handle.outbox_put(item("a"))
        with pytest.raises(NotFoundError):
            handle.outbox_redact({"a": "{}", "missing": "{}"})
        assert [i.payload for i in handle.outbox_items()] == [item("a").payload]

    def test_outbox_redact_replaces_the_given_error_messages(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        for key in ("a", "b"):
            handle.outbox_put(item(key))
        for claimed in handle.outbox_claim(T0, lease=LEASE, limit=2):
            handle.outbox_fail(
                claimed.key, now=T0, retry_at=T0 + LEASE, error="quoting Dana", max_attempts=5
            )
        handle.outbox_redact({"a": '{"redacted": 1}'}, {"a": "(erased)", "b": "(erased)"})
        by_key = {i.key: i for i in handle.outbox_items()}
        assert by_key["a"].payload == '{"redacted": 1}'
        assert by_key["b"].payload == item("b").payload
        assert [by_key[k].last_error for k in "ab"] == ["(erased)", "(erased)"]
        assert [by_key[k].attempts for k in "ab"] == [1, 1]
        with pytest.raises(NotFoundError):
            handle.outbox_redact({}, {"missing": "(erased)"})

    # --- keys ------------------------------------------------------------------------------------

    def test_a_key_is_kept_per_workspace_and_subject_and_the_first_one_wins(
        self, store: Store
    ) -> None:
        handle = store.workspace(fresh_workspace_name())
        other = store.workspace(fresh_workspace_name())
        first, second = bytes(range(32)), bytes(range(1, 33))
        assert handle.key_get("per_1") is None
        assert handle.key_create("per_1", first) == first
        assert handle.key_create("per_1", second) == first  # a racing writer gets the first
        assert handle.key_get("per_1") == first
        assert handle.key_get("per_2") is None
        assert other.key_get("per_1") is None
        assert other.key_create("per_1", second) == second
        assert handle.key_get("per_1") == first

    def test_a_destroyed_key_is_gone_and_only_that_one(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        other = store.workspace(fresh_workspace_name())
        key = bytes(range(32))
        for subject in ("per_1", "per_2"):
            handle.key_create(subject, key)
        other.key_create("per_1", key)
        assert handle.key_destroy("per_1") is True
        assert handle.key_get("per_1") is None
        assert handle.key_destroy("per_1") is False
        assert handle.key_get("per_2") == key
        assert other.key_get("per_1") == key

    def test_putting_an_item_twice_keeps_the_first(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        assert handle.outbox_put(item("k", channel="first:")) is True
        assert handle.outbox_put(item("k", channel="second:")) is False
        (kept,) = handle.outbox_items()
        assert kept == attrs.evolve(item("k", channel="first:"), workspace=handle.name)

    def test_only_due_items_are_claimed_earliest_first_up_to_the_limit(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        handle.outbox_put(item("later", due=T0 + timedelta(hours=1)))
        handle.outbox_put(item("b", due=T0 - timedelta(minutes=1)))
        handle.outbox_put(item("a", due=T0 - timedelta(minutes=1)))
        handle.outbox_put(item("first", due=T0 - timedelta(hours=1)))
        claimed = handle.outbox_claim(T0, lease=LEASE, limit=2)
        assert [i.key for i in claimed] == ["first", "a"]
        assert all(i.lease_until == T0 + LEASE for i in claimed)
        assert [i.key for i in handle.outbox_claim(T0, lease=LEASE, limit=10)] == ["b"]

    def test_a_claimed_item_is_not_claimed_again_until_its_lease_runs_out(
        self, store: Store
    ) -> None:
        handle = store.workspace(fresh_workspace_name())
        handle.outbox_put(item("k"))
        assert [i.key for i in handle.outbox_claim(T0, lease=LEASE, limit=1)] == ["k"]
        almost = T0 + LEASE - timedelta(seconds=1)
        assert handle.outbox_claim(almost, lease=LEASE, limit=1) == []
        again = handle.outbox_claim(T0 + LEASE, lease=LEASE, limit=1)
        assert [(i.key, i.lease_until) for i in again] == [("k", T0 + 2 * LEASE)]

    def test_an_acknowledged_item_is_delivered_and_never_claimed_again(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        handle.outbox_put(item("k"))
        handle.outbox_claim(T0, lease=LEASE, limit=1)
        done_at = T0 + timedelta(seconds=3)
        handle.outbox_ack("k", now=done_at)
        (delivered,) = handle.outbox_items(OutboxStatus.DELIVERED)
        assert (delivered.attempts, delivered.delivered_at, delivered.lease_until) == (
            1,
            done_at,
            None,
        ), "store contract, ack: one more attempt, delivered_at = now, and the lease cleared"
        assert handle.outbox_items(OutboxStatus.PENDING) == []
        assert handle.outbox_claim(T0 + timedelta(days=1), lease=LEASE, limit=1) == []

    def test_a_failed_item_waits_for_its_retry_time(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        handle.outbox_put(item("k"))
        handle.outbox_claim(T0, lease=LEASE, limit=1)
        retry_at = T0 + timedelta(minutes=30)
        failed = handle.outbox_fail(
            "k", now=T0, retry_at=retry_at, error="mail server down", max_attempts=5
        )
        assert (failed.status, failed.attempts, failed.last_error) == (
            OutboxStatus.PENDING,
            1,
            "mail server down",
        )
        assert (failed.next_attempt_at, failed.lease_until) == (retry_at, None), (
            "store contract, fail: next_attempt_at = retry_at and the lease cleared"
        )
        assert handle.outbox_items() == [failed]
        assert handle.outbox_claim(retry_at - timedelta(seconds=1), lease=LEASE, limit=1) == []
        assert [i.key for i in handle.outbox_claim(retry_at, lease=LEASE, limit=1)] == ["k"]

    def test_an_item_is_dead_after_its_last_attempt_and_can_be_retried(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        handle.outbox_put(item("k"))
        statuses = []
        for attempt in range(3):
            now = T0 + timedelta(hours=attempt)
            handle.outbox_claim(now, lease=LEASE, limit=1)
            failed = handle.outbox_fail(
                "k", now=now, retry_at=now + timedelta(minutes=10), error="no", max_attempts=3
            )
            statuses.append(failed.status)
        assert statuses == [OutboxStatus.PENDING, OutboxStatus.PENDING, OutboxStatus.DEAD]
        assert [i.key for i in handle.outbox_items(OutboxStatus.DEAD)] == ["k"]
        assert handle.outbox_claim(T0 + timedelta(days=9), lease=LEASE, limit=1) == []
        later = T0 + timedelta(days=10)
        retried = handle.outbox_retry("k", now=later)
        assert (retried.status, retried.attempts, retried.lease_until) == (
            OutboxStatus.PENDING,
            0,
            None,
        ), "store contract, retry: pending again, attempts reset, the lease cleared"
        assert retried.next_attempt_at == later, "store contract, retry: next attempt is now"
        assert [i.key for i in handle.outbox_claim(later, lease=LEASE, limit=1)] == ["k"]

    @pytest.mark.parametrize("action", ["ack", "fail", "retry"])
    def test_an_unknown_outbox_key_is_not_found_and_nothing_is_stored(
        self, store: Store, action: str
    ) -> None:
        handle = store.workspace(fresh_workspace_name())
        handle.outbox_put(item("known"))
        actions: dict[str, Callable[[], object]] = {
            "ack": lambda: handle.outbox_ack("unknown", now=T0),
            "fail": lambda: handle.outbox_fail(
                "unknown", now=T0, retry_at=T0, error="x", max_attempts=1
            ),
            "retry": lambda: handle.outbox_retry("unknown", now=T0),
        }
        with pytest.raises(NotFoundError, match="unknown"):
            actions[action]()
        assert [(i.key, i.attempts) for i in handle.outbox_items()] == [("known", 0)]

    def test_outbox_items_are_listed_by_due_time_then_key(self, store: Store) -> None:
        handle = store.workspace(fresh_workspace_name())
        for key, hours in [("c", 1), ("b", 2), ("a", 1)]:
            handle.outbox_put(item(key, due=T0 + timedelta(hours=hours)))
        assert [i.key for i in handle.outbox_items()] == ["a", "c", "b"]
        handle.outbox_ack("b", now=T0)
        assert [i.key for i in handle.outbox_items(OutboxStatus.PENDING)] == ["a", "c"]

    def test_claim_due_leases_the_earliest_items_of_every_workspace(self, store: Store) -> None:
        one, two = (store.workspace(fresh_workspace_name()) for _ in range(2))
        # Far in the past, so that items other tests left in a shared backend come later.
        early = datetime(2000, 1, 1, tzinfo=UTC)
        one.outbox_put(item("k1", due=early + timedelta(minutes=2)))
        two.outbox_put(item("k2", due=early + timedelta(minutes=1)))
        one.outbox_put(item("k3", due=early + timedelta(minutes=3)))
        claimed = store.claim_due(early + timedelta(minutes=3), lease=LEASE, limit=2)
        assert [(i.workspace, i.key) for i in claimed] == [(two.name, "k2"), (one.name, "k1")], (
            "store contract, claim order: claim_due leases the earliest ready items of every "
            "workspace first"
        )
        assert store.claim_due(early + timedelta(minutes=4), lease=LEASE, limit=2) == [
            attrs.evolve(one.outbox_items()[1], lease_until=early + timedelta(minutes=4) + LEASE)
        ]

    # --- scoped handles ----------------------------------------------------------------------

    def test_a_scoped_store_refuses_every_other_workspace_and_touches_nothing(
        self, store: Store
    ) -> None:
        mine, theirs = fresh_workspace_name(), fresh_workspace_name()
        their_records = records(2)
        store.workspace(theirs).append(their_records, expected_version=0, recorded_at=T0)
        store.workspace(theirs).outbox_put(item("k"))
        scoped = ScopedStore(store, {mine})
        for name in (theirs, fresh_workspace_name()):
            with pytest.raises(ScopeError) as raised:
                scoped.workspace(name)
            assert raised.value.workspace == name
        with pytest.raises(DataError, match="invalid workspace name"):
            scoped.workspace("has space")
        handle = scoped.workspace(mine)
        assert handle.name == mine
        handle.append(records(1), expected_version=0, recorded_at=T0)
        assert data(store.workspace(theirs)) == their_records
        assert [i.lease_until for i in store.workspace(theirs).outbox_items()] == [None]

    def test_a_scoped_store_lists_only_its_own_workspaces(self, store: Store) -> None:
        inside, empty, outside = (fresh_workspace_name() for _ in range(3))
        for name in (inside, outside):
            store.workspace(name).append(records(1), expected_version=0, recorded_at=T0)
        scoped = ScopedStore(store, {inside, empty})
        assert scoped.workspaces() == [inside]
        assert scoped.scope == frozenset({inside, empty})
        assert {inside, outside} <= set(store.workspaces())

    def test_a_scoped_claim_due_leases_only_the_scopes_items_earliest_first(
        self, store: Store
    ) -> None:
        one, two, other = (fresh_workspace_name() for _ in range(3))
        early = datetime(2000, 1, 1, tzinfo=UTC)
        # The other workspace's item is the earliest of all: a leak would claim it first.
        store.workspace(other).outbox_put(item("k0", due=early))
        store.workspace(one).outbox_put(item("k1", due=early + timedelta(minutes=2)))
        store.workspace(two).outbox_put(item("k2", due=early + timedelta(minutes=1)))
        store.workspace(one).outbox_put(item("k3", due=early + timedelta(minutes=3)))
        coach = ScopedStore(store, {one, two})
        now = early + timedelta(minutes=3)
        claimed = coach.claim_due(now, lease=LEASE, limit=2)
        assert [(i.workspace, i.key) for i in claimed] == [(two, "k2"), (one, "k1")]
        assert [(i.workspace, i.key) for i in coach.claim_due(now, lease=LEASE, limit=5)] == [
            (one, "k3")
        ]
        assert coach.claim_due(now, lease=LEASE, limit=5) == []
        (untouched,) = store.workspace(other).outbox_items()
        assert untouched.lease_until is None

    def test_closing_a_scoped_store_leaves_the_store_it_wraps_open(self, store: Store) -> None:
        name = fresh_workspace_name()
        scoped = ScopedStore(store, {name})
        scoped.close()
        store.workspace(name).append(records(1), expected_version=0, recorded_at=T0)
        assert store.workspace(name).version() == 1

    def test_closing_twice_is_harmless(self, afterview_store_factory: StoreFactory) -> None:
        opened = afterview_store_factory()
        opened.close()
        opened.close()

    # --- against a model -------------------------------------------------------------------------

    def test_agrees_with_a_simple_model_under_random_operations(self, store: Store) -> None:
        machine = store_model_machine(lambda: store.workspace(fresh_workspace_name()))
        run_state_machine_as_test(machine, settings=self.state_machine_settings)


class DurableStoreContract(StoreContract):
    """What a store whose data outlives the connection does, on top of :class:`StoreContract`."""

    def test_everything_survives_closing_and_reopening(
        self, afterview_store_factory: StoreFactory
    ) -> None:
        first = afterview_store_factory()
        name = fresh_workspace_name()
        batch = records(3)
        first.workspace(name).append(batch, expected_version=0, recorded_at=T0)
        first.workspace(name).outbox_put(item("k"))
        first.workspace(name).outbox_claim(T0, lease=LEASE, limit=1)
        first.workspace(name).key_create("per_1", bytes(range(32)))
        first.close()

        reopened = afterview_store_factory().workspace(name)
        assert data(reopened) == batch
        assert reopened.key_get("per_1") == bytes(range(32))
        assert [(i.key, i.lease_until) for i in reopened.outbox_items()] == [("k", T0 + LEASE)]
        assert reopened.append(records(1), expected_version=3, recorded_at=T0) == 4


def store_model_machine(
    open_workspace: Callable[[], WorkspaceStore],
) -> type[RuleBasedStateMachine]:
    """A state machine driving a fresh workspace of a store and a plain model side by side.

    :param open_workspace: returns a new, empty workspace handle for each run.
    """

    keys = st.sampled_from(["k0", "k1", "k2", "k3"])
    minutes = st.integers(min_value=0, max_value=90).map(lambda m: timedelta(minutes=m))

    class StoreAgreesWithModel(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.handle = open_workspace()
            self.now = T0
            self.log: list[str] = []
            self.outbox: dict[str, OutboxItem] = {}

        def ready(self, entry: OutboxItem) -> datetime:
            return entry.next_attempt_at or entry.due

        def claimable(self, entry: OutboxItem) -> bool:
            return (
                entry.status is OutboxStatus.PENDING
                and self.ready(entry) <= self.now
                and (entry.lease_until is None or entry.lease_until <= self.now)
            )

        @rule(step=minutes)
        def time_passes(self, step: timedelta) -> None:
            self.now += step

        @rule(count=st.integers(0, 3), offset=st.sampled_from([0, 0, 0, -1, 1, -5]))
        def append(self, count: int, offset: int) -> None:
            batch = records(count)
            expected = len(self.log) + offset
            if offset == 0:
                version = self.handle.append(batch, expected_version=expected, recorded_at=self.now)
                self.log += batch
                assert version == len(self.log), (
                    "store contract, append: returns the new version, the number of events"
                )
            else:
                with pytest.raises(ConcurrencyError):
                    # store contract, append: a stale or future expected version is a conflict
                    self.handle.append(batch, expected_version=expected, recorded_at=self.now)

        @rule(after=st.integers(0, 12))
        def read(self, after: int) -> None:
            assert data(self.handle, after) == self.log[after:], (
                "store contract, read: the records after a position, in order"
            )

        @rule(key=keys, due=minutes)
        def put(self, key: str, due: timedelta) -> None:
            new = attrs.evolve(item(key, due=T0 + due), workspace=self.handle.name)
            assert self.handle.outbox_put(new) is (key not in self.outbox), (
                "store contract, put: True for a new key; False, and nothing changed, for a key "
                "already there"
            )
            self.outbox.setdefault(key, new)

        @rule(limit=st.integers(1, 3), lease=minutes)
        def claim(self, limit: int, lease: timedelta) -> None:
            due = sorted(
                (e for e in self.outbox.values() if self.claimable(e)),
                key=lambda e: (self.ready(e), e.key),
            )[:limit]
            expected = [attrs.evolve(e, lease_until=self.now + lease) for e in due]
            assert self.handle.outbox_claim(self.now, lease=lease, limit=limit) == expected, (
                "store contract, claim order: at most limit pending items, ready (next attempt, "
                "else due, by now) and not leased, by ready time then key, each leased until "
                "now + lease"
            )
            self.outbox.update((e.key, e) for e in expected)

        @precondition(lambda self: bool(self.outbox))
        @rule(data=st.data())
        def ack(self, data: st.DataObject) -> None:
            key = data.draw(st.sampled_from(sorted(self.outbox)))
            self.handle.outbox_ack(key, now=self.now)
            entry = self.outbox[key]
            self.outbox[key] = attrs.evolve(
                entry,
                status=OutboxStatus.DELIVERED,
                attempts=entry.attempts + 1,
                delivered_at=self.now,
                lease_until=None,
            )
            acknowledged = [i for i in self.handle.outbox_items() if i.key == key]
            assert acknowledged == [self.outbox[key]], (
                "store contract, ack: delivered, one more attempt, delivered_at = now, lease "
                "cleared"
            )

        @precondition(lambda self: bool(self.outbox))
        @rule(data=st.data(), wait=minutes, max_attempts=st.integers(1, 3))
        def fail(self, data: st.DataObject, wait: timedelta, max_attempts: int) -> None:
            key = data.draw(st.sampled_from(sorted(self.outbox)))
            entry = self.outbox[key]
            attempts = entry.attempts + 1
            expected = attrs.evolve(
                entry,
                attempts=attempts,
                status=OutboxStatus.DEAD if attempts >= max_attempts else entry.status,
                next_attempt_at=self.now + wait,
                lease_until=None,
                last_error=f"failure {attempts}",
            )
            failed = self.handle.outbox_fail(
                key,
                now=self.now,
                retry_at=self.now + wait,
                error=f"failure {attempts}",
                max_attempts=max_attempts,
            )
            assert failed == expected, (
                "store contract, fail: one more attempt, last_error, next attempt at retry_at, "
                "lease cleared, dead once attempts reach max_attempts"
            )
            self.outbox[key] = expected

        @precondition(lambda self: bool(self.outbox))
        @rule(data=st.data())
        def retry(self, data: st.DataObject) -> None:
            key = data.draw(st.sampled_from(sorted(self.outbox)))
            expected = attrs.evolve(
                self.outbox[key],
                status=OutboxStatus.PENDING,
                attempts=0,
                next_attempt_at=self.now,
                lease_until=None,
            )
            assert self.handle.outbox_retry(key, now=self.now) == expected, (
                "store contract, retry: pending, attempts 0, next attempt now, lease cleared"
            )
            self.outbox[key] = expected

        @invariant()
        def same_version(self) -> None:
            assert self.handle.version() == len(self.log), (
                "store contract, version: the number of events appended"
            )

        @invariant()
        def same_outbox(self) -> None:
            expected = sorted(self.outbox.values(), key=lambda e: (e.due, e.key))
            assert self.handle.outbox_items() == expected, (
                "store contract, outbox: every item as put and changed since, by due time then key"
            )

    return StoreAgreesWithModel
