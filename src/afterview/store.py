"""The storage contract every backend meets: an event log and an outbox per workspace.

A :class:`Store` is a connection to one backend (a SQLite file, a PostgreSQL database, memory)
holding many workspaces. :meth:`Store.workspace` returns a :class:`WorkspaceStore`, a handle
scoped to exactly one workspace: nothing reached through it can read or write another.

Records are opaque JSON text to a store; the core serializes and validates them. The contract is
checked by the conformance kit, :mod:`afterview.testing`, which every backend reruns.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

import attrs

from afterview.model import aware

__all__ = [
    "KEY_METHODS",
    "SNAPSHOT_METHODS",
    "Keyring",
    "OutboxItem",
    "OutboxStatus",
    "Snapshot",
    "SnapshotStore",
    "Store",
    "StoredEvent",
    "WakeupEntry",
    "WakeupIndex",
    "WorkspaceStore",
    "put_new",
    "validate_workspace_name",
]


@attrs.frozen
class StoredEvent:
    """One record of a workspace's log: its 1-based position and the event's JSON text.

    ``recorded_at`` must be timezone-aware; the conformance kit checks that stores keep it so.
    (No validator here: stores build one of these per row read, a hot path.)
    """

    position: int
    data: str = attrs.field(repr=False)
    recorded_at: datetime


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    DEAD = "dead"


@attrs.frozen(kw_only=True)
class OutboxItem:
    """A delivery waiting in (or done by) the outbox.

    ``key`` is the idempotency key: putting an item whose key is already there changes nothing.
    ``channel`` names the notifier it goes to; ``payload`` is JSON text for that notifier.
    """

    key: str
    workspace: str
    # A notifier URL may hold a secret: kept for delivery, never shown.
    channel: str = attrs.field(repr=False)
    payload: str = attrs.field(repr=False)
    due: datetime = attrs.field(validator=aware)
    status: OutboxStatus = OutboxStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = attrs.field(default=None, validator=aware)
    lease_until: datetime | None = attrs.field(default=None, validator=aware)
    last_error: str | None = None
    delivered_at: datetime | None = attrs.field(default=None, validator=aware)


@attrs.frozen
class Snapshot:
    """A workspace's folded state at a log position, as the core encoded (and sealed) it.

    ``fold_version`` is the version of the fold that made it
    (:data:`afterview.fold.FOLD_VERSION`); the core ignores a snapshot of another version.
    ``data`` is opaque bytes to a store.
    """

    position: int
    fold_version: int
    data: bytes = attrs.field(repr=False)


def validate_workspace_name(name: str) -> str:
    """Check a workspace name: 1 to 200 letters, digits, ``-``, ``_``, ``.`` or ``@``."""
    from afterview.errors import DataError

    allowed = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@")
    if not name or len(name) > 200 or not set(name) <= allowed:
        raise DataError(
            f"invalid workspace name {name!r}: use 1 to 200 letters, digits, '-', '_', '.', '@'"
        )
    return name


#: The key API: what a keyring (and so every workspace store) offers.
KEY_METHODS = ("key_get", "key_create", "key_destroy")


@runtime_checkable
class Keyring(Protocol):
    """One workspace's encryption keys, one per subject (a person's id): see
    :mod:`afterview.sealing`. Every :class:`WorkspaceStore` is one (its key table); an external
    key store can be one too.

    Keys are 32 random bytes, made by the caller. A key never leaves through a repr or a log.
    """

    def key_get(self, subject: str) -> bytes | None:
        """The key of ``subject``, or ``None`` when it has none (never made, or destroyed)."""
        ...

    def key_create(self, subject: str, key: bytes) -> bytes:
        """Store ``key`` for ``subject`` unless it has one; return the key it has now (another
        writer's, when two raced)."""
        ...

    def key_destroy(self, subject: str) -> bool:
        """Delete the key of ``subject``, leaving no copy in the backend's files where it can
        (as :meth:`WorkspaceStore.redact` does); return whether there was one. Whatever was
        sealed with it can never be read again."""
        ...


@runtime_checkable
class WorkspaceStore(Protocol):
    """One workspace's log and outbox."""

    @property
    def name(self) -> str: ...

    def version(self) -> int:
        """Number of events in the log (0 for a new workspace)."""
        ...

    def append(
        self, records: Sequence[str], *, expected_version: int, recorded_at: datetime
    ) -> int:
        """Append ``records`` atomically after ``expected_version``; return the new version.

        :raises ConcurrencyError: the log is not at ``expected_version``; nothing was stored.
        """
        ...

    def read(self, after: int = 0) -> Iterator[StoredEvent]:
        """The records after position ``after``, in order."""
        ...

    def redact(self, replacements: Mapping[int, str]) -> None:
        """Replace the records at the given positions, leaving no copy of the old text behind
        in the backend's files (free pages, write-ahead log) where the backend can ensure it."""
        ...

    def outbox_put(self, item: OutboxItem) -> bool:
        """Add ``item`` unless its key is present; return whether it was added."""
        ...

    def outbox_redact(
        self, replacements: Mapping[str, str], errors: Mapping[str, str] | None = None
    ) -> None:
        """Replace the payloads of the outbox items with the given keys, whatever their status,
        and the ``last_error`` of the items keyed in ``errors``, leaving no copy of the old text
        behind where the backend can ensure it (as :meth:`redact` does for events). Used by
        ``forget``: a reminder's text, and an error quoting it, may name the person.

        :raises NotFoundError: a key is not in this workspace's outbox; nothing was changed.
        """
        ...

    def outbox_claim(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        """Lease up to ``limit`` pending items due by ``now`` whose lease has run out."""
        ...

    def outbox_ack(self, key: str, *, now: datetime) -> None:
        """Mark a claimed item delivered."""
        ...

    def outbox_fail(
        self, key: str, *, now: datetime, retry_at: datetime, error: str, max_attempts: int
    ) -> OutboxItem:
        """Record a failed attempt: retry at ``retry_at``, or dead after ``max_attempts``."""
        ...

    def outbox_items(self, status: OutboxStatus | None = None) -> list[OutboxItem]:
        """Every outbox item (of one status), ordered by due time then key."""
        ...

    def outbox_retry(self, key: str, *, now: datetime) -> OutboxItem:
        """Make a dead or failed item pending again, due now, with its attempts reset."""
        ...

    # --- the key table (see Keyring) ----------------------------------------------------------

    def key_get(self, subject: str) -> bytes | None:
        """See :meth:`Keyring.key_get`."""
        ...

    def key_create(self, subject: str, key: bytes) -> bytes:
        """See :meth:`Keyring.key_create`."""
        ...

    def key_destroy(self, subject: str) -> bool:
        """See :meth:`Keyring.key_destroy`."""
        ...


#: The snapshot API: what a store handle offers to keep a workspace's folded state.
SNAPSHOT_METHODS = ("snapshot_get", "snapshot_put", "snapshot_delete")


@runtime_checkable
class SnapshotStore(Protocol):
    """A workspace handle that keeps, beside the log, one snapshot of the folded state, so that
    a reader decodes it and folds only the events after it (see :mod:`afterview.snapshot`).

    Optional: a store without it works, each reader folding the whole log. The log stays the
    truth; a snapshot is a cache the core may ignore and rebuild at any time.
    """

    def snapshot_get(self) -> Snapshot | None:
        """The workspace's snapshot, or ``None`` when it has none."""
        ...

    def snapshot_put(self, snapshot: Snapshot) -> bool:
        """Keep ``snapshot``, replacing the one held unless that one is at a later position;
        return whether it was kept.

        :raises DataError: its position is not within the log (below 1, or past its end).
        """
        ...

    def snapshot_delete(self) -> bool:
        """Remove the workspace's snapshot, leaving no copy in the backend's files where it can
        (as :meth:`WorkspaceStore.redact` does); return whether there was one.

        :meth:`WorkspaceStore.redact` removes it too, in the same transaction as the rewrite:
        a snapshot must never outlive the records it was folded from.
        """
        ...


@runtime_checkable
class Store(Protocol):
    """A storage backend holding many workspaces."""

    @property
    def url(self) -> str:
        """The URL it was opened with, with any password masked."""
        ...

    def workspace(self, name: str) -> WorkspaceStore:
        """The handle for workspace ``name`` (created on first append).

        :raises ScopeError: this store handle may not reach ``name`` (a scoped handle, see
            :mod:`afterview.scope`, or a database role without a grant for it).
        """
        ...

    def workspaces(self) -> list[str]:
        """Names of the workspaces that hold at least one event, sorted."""
        ...

    def claim_due(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        """Lease due outbox items across all workspaces, for a platform's dispatchers."""
        ...

    def close(self) -> None: ...


# --- the wake-up index (optional: a store without it is visited workspace by workspace) ------


@attrs.frozen(kw_only=True)
class WakeupEntry:
    """What the wake-up index knows of one workspace.

    ``version`` is the log's length as appends left it; ``indexed_version`` the length the
    entry was last worked out at (0: never). ``wake_at`` is when its agenda may next change, or
    a reminder next fall due, with no new event (``None``: never). ``agenda`` is the advice of
    that moment as ``(due, rule code)`` pairs, in due order: no text, so nobody's personal
    data is in the index.
    """

    workspace: str
    version: int
    indexed_version: int = 0
    wake_at: datetime | None = attrs.field(default=None, validator=aware)
    agenda: tuple[tuple[datetime, str], ...] = ()

    def stale(self, now: datetime) -> bool:
        """Whether the workspace must be looked at again: its log grew, or its time came."""
        return self.version > self.indexed_version or (
            self.wake_at is not None and self.wake_at <= now
        )


@runtime_checkable
class WakeupIndex(Protocol):
    """A store's index of when each workspace next needs a reminder round to look at it.

    Every append marks the workspace's entry stale (its ``version`` grows) in the same
    transaction as the events, so a round that visits only the stale entries misses nothing.
    Entries are claimed with a lease, so several dispatchers share a round: one that dies
    holds its workspaces only until the lease runs out.
    """

    def wakeup_claim(self, now: datetime, *, owner: str, lease: timedelta, limit: int) -> list[str]:
        """Lease up to ``limit`` workspaces that are stale at ``now`` (see
        :meth:`WakeupEntry.stale`) and not leased to another owner, most overdue first; return
        their names."""
        ...

    def wakeup_record(
        self,
        workspace: str,
        *,
        version: int,
        wake_at: datetime | None,
        agenda: Sequence[tuple[datetime, str]],
        owner: str | None = None,
    ) -> bool:
        """Record what a visit of ``workspace`` at log ``version`` found, and end ``owner``'s
        lease on it. Older news is ignored: nothing changes, and the answer is ``False``, when
        the entry was already worked out at a later version."""
        ...

    def wakeup_entries(self, workspaces: Collection[str] | None = None) -> list[WakeupEntry]:
        """The entries of ``workspaces`` (all, when ``None``), by workspace name."""
        ...


def put_new(outbox: WorkspaceStore, items: Sequence[OutboxItem]) -> int:
    """Add the items whose keys are not in the outbox yet; return how many were added.

    A store with ``outbox_put_new`` does it in one statement, however many items are already
    queued; any other is asked item by item.
    """
    bulk = getattr(outbox, "outbox_put_new", None)
    if bulk is not None:
        return int(bulk(items))
    return sum(outbox.outbox_put(item) for item in items)
