"""The ``memory://`` store: everything in this process's memory, gone when it ends.

``memory://`` opens a new, empty store each time; ``memory://NAME`` opens the store of that name,
shared by everything in the process that opens the same URL (handy in tests and notebooks).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta

import attrs

from afterview.errors import ConcurrencyError, DataError, NotFoundError
from afterview.hookspecs import hookimpl
from afterview.masking import mask_url
from afterview.store import (
    OutboxItem,
    OutboxStatus,
    Snapshot,
    StoredEvent,
    WakeupEntry,
    validate_workspace_name,
)

__all__ = ["MemoryStore", "MemoryWorkspaceStore"]

SCHEME = "memory"


class MemoryWorkspaceStore:
    def __init__(self, name: str, lock: threading.RLock) -> None:
        self._name = name
        self._lock = lock
        self._log: list[StoredEvent] = []
        self._outbox: dict[str, OutboxItem] = {}
        self._keys: dict[str, bytes] = {}
        # The wake-up index entry: the log's own length is its version.
        self._wakeup = WakeupEntry(workspace=name, version=0)
        self._wakeup_lease: tuple[str, datetime] | None = None
        self._snapshot: Snapshot | None = None

    def __repr__(self) -> str:
        return f"<MemoryWorkspaceStore {self._name!r} version={len(self._log)}>"

    @property
    def name(self) -> str:
        return self._name

    def version(self) -> int:
        return len(self._log)

    def append(
        self, records: Sequence[str], *, expected_version: int, recorded_at: datetime
    ) -> int:
        with self._lock:
            if len(self._log) != expected_version:
                raise ConcurrencyError(self._name, expected_version, len(self._log))
            start = len(self._log)
            self._log.extend(
                StoredEvent(start + i + 1, data, recorded_at) for i, data in enumerate(records)
            )
            return len(self._log)

    def read(self, after: int = 0) -> Iterator[StoredEvent]:
        with self._lock:
            snapshot = self._log[max(after, 0) :]
        return iter(snapshot)

    def redact(self, replacements: Mapping[int, str]) -> None:
        with self._lock:
            for position in replacements:
                if not 1 <= position <= len(self._log):
                    raise NotFoundError(f"workspace {self._name!r} has no event #{position}")
            for position, data in replacements.items():
                self._log[position - 1] = attrs.evolve(self._log[position - 1], data=data)
            if replacements:
                self._snapshot = None

    # --- the snapshot -----------------------------------------------------------------------

    def snapshot_get(self) -> Snapshot | None:
        with self._lock:
            return self._snapshot

    def snapshot_put(self, snapshot: Snapshot) -> bool:
        with self._lock:
            if not 1 <= snapshot.position <= len(self._log):
                raise DataError(
                    f"a snapshot at position {snapshot.position} is outside the log of "
                    f"workspace {self._name!r} ({len(self._log)} events)"
                )
            if self._snapshot is not None and self._snapshot.position > snapshot.position:
                return False
            self._snapshot = attrs.evolve(snapshot, data=bytes(snapshot.data))
            return True

    def snapshot_delete(self) -> bool:
        with self._lock:
            held, self._snapshot = self._snapshot, None
            return held is not None

    # --- outbox ---------------------------------------------------------------------------

    def outbox_put_new(self, items: Sequence[OutboxItem]) -> int:
        with self._lock:
            return sum(self.outbox_put(item) for item in items)

    def outbox_put(self, item: OutboxItem) -> bool:
        with self._lock:
            if item.key in self._outbox:
                return False
            self._outbox[item.key] = attrs.evolve(item, workspace=self._name)
            return True

    def outbox_redact(
        self, replacements: Mapping[str, str], errors: Mapping[str, str] | None = None
    ) -> None:
        with self._lock:
            for key in [*replacements, *(errors or {})]:
                self._get(key)
            for key, payload in replacements.items():
                self._outbox[key] = attrs.evolve(self._outbox[key], payload=payload)
            for key, error in (errors or {}).items():
                self._outbox[key] = attrs.evolve(self._outbox[key], last_error=error)

    # --- keys -----------------------------------------------------------------------------

    def key_get(self, subject: str) -> bytes | None:
        with self._lock:
            return self._keys.get(subject)

    def key_create(self, subject: str, key: bytes) -> bytes:
        with self._lock:
            return self._keys.setdefault(subject, bytes(key))

    def key_destroy(self, subject: str) -> bool:
        with self._lock:
            return self._keys.pop(subject, None) is not None

    def outbox_claim(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        with self._lock:
            due = sorted(
                (i for i in self._outbox.values() if _claimable(i, now)),
                key=lambda i: (_next(i), i.key),
            )[: max(limit, 0)]
            claimed = [attrs.evolve(i, lease_until=now + lease) for i in due]
            for item in claimed:
                self._outbox[item.key] = item
            return claimed

    def _get(self, key: str) -> OutboxItem:
        try:
            return self._outbox[key]
        except KeyError:
            raise NotFoundError(f"no outbox item {key!r} in workspace {self._name!r}") from None

    def outbox_ack(self, key: str, *, now: datetime) -> None:
        with self._lock:
            item = self._get(key)
            self._outbox[key] = attrs.evolve(
                item,
                status=OutboxStatus.DELIVERED,
                attempts=item.attempts + 1,
                delivered_at=now,
                lease_until=None,
            )

    def outbox_fail(
        self, key: str, *, now: datetime, retry_at: datetime, error: str, max_attempts: int
    ) -> OutboxItem:
        with self._lock:
            item = self._get(key)
            attempts = item.attempts + 1
            failed = attrs.evolve(
                item,
                attempts=attempts,
                status=OutboxStatus.DEAD if attempts >= max_attempts else item.status,
                next_attempt_at=retry_at,
                lease_until=None,
                last_error=error,
            )
            self._outbox[key] = failed
            return failed

    def outbox_items(self, status: OutboxStatus | None = None) -> list[OutboxItem]:
        with self._lock:
            items = [i for i in self._outbox.values() if status is None or i.status is status]
        return sorted(items, key=lambda i: (i.due, i.key))

    def outbox_retry(self, key: str, *, now: datetime) -> OutboxItem:
        with self._lock:
            item = attrs.evolve(
                self._get(key),
                status=OutboxStatus.PENDING,
                attempts=0,
                next_attempt_at=now,
                lease_until=None,
            )
            self._outbox[key] = item
            return item


def _next(item: OutboxItem) -> datetime:
    return item.next_attempt_at or item.due


def _claimable(item: OutboxItem, now: datetime) -> bool:
    return (
        item.status is OutboxStatus.PENDING
        and _next(item) <= now
        and (item.lease_until is None or item.lease_until <= now)
    )


class MemoryStore:
    """A store in this process's memory."""

    def __init__(self, url: str = "memory://") -> None:
        self._url = mask_url(url)
        self._lock = threading.RLock()
        self._workspaces: dict[str, MemoryWorkspaceStore] = {}

    def __repr__(self) -> str:
        return f"<MemoryStore {self._url!r}>"

    @property
    def url(self) -> str:
        return self._url

    def workspace(self, name: str) -> MemoryWorkspaceStore:
        validate_workspace_name(name)
        with self._lock:
            if name not in self._workspaces:
                self._workspaces[name] = MemoryWorkspaceStore(name, self._lock)
            return self._workspaces[name]

    def workspaces(self) -> list[str]:
        with self._lock:
            return sorted(n for n, w in self._workspaces.items() if w.version())

    def claim_due(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        return self._claim(None, now, lease=lease, limit=limit)

    def claim_due_among(
        self, workspaces: Collection[str], now: datetime, *, lease: timedelta, limit: int
    ) -> list[OutboxItem]:
        """Like :meth:`claim_due`, for the items of ``workspaces`` only (for scoped stores)."""
        return self._claim(frozenset(workspaces), now, lease=lease, limit=limit)

    def _claim(
        self, among: frozenset[str] | None, now: datetime, *, lease: timedelta, limit: int
    ) -> list[OutboxItem]:
        with self._lock:
            # The earliest due first, whichever workspace holds it, so none is starved.
            due = sorted(
                (
                    (_next(item), name, item.key)
                    for name, log in self._workspaces.items()
                    if among is None or name in among
                    for item in log._outbox.values()
                    if _claimable(item, now)
                )
            )[: max(limit, 0)]
            claimed: list[OutboxItem] = []
            for _, name, key in due:
                log = self._workspaces[name]
                item = attrs.evolve(log._outbox[key], lease_until=now + lease)
                log._outbox[key] = item
                claimed.append(item)
            return claimed

    # --- the wake-up index ---------------------------------------------------------------------

    def _entry(self, log: MemoryWorkspaceStore) -> WakeupEntry:
        return attrs.evolve(log._wakeup, version=len(log._log))

    def wakeup_claim(self, now: datetime, *, owner: str, lease: timedelta, limit: int) -> list[str]:
        with self._lock:
            ready: list[tuple[datetime, str]] = []
            for name, log in self._workspaces.items():
                entry = self._entry(log)
                if not entry.version or not entry.stale(now):
                    continue
                if log._wakeup_lease is not None and log._wakeup_lease[1] > now:
                    continue
                changed = entry.version > entry.indexed_version
                ready.append((EARLIEST if changed else entry.wake_at or EARLIEST, name))
            picked = [name for _, name in sorted(ready)[: max(limit, 0)]]
            for name in picked:
                self._workspaces[name]._wakeup_lease = (owner, now + lease)
            return picked

    def wakeup_record(
        self,
        workspace: str,
        *,
        version: int,
        wake_at: datetime | None,
        agenda: Sequence[tuple[datetime, str]],
        owner: str | None = None,
    ) -> bool:
        log = self.workspace(workspace)
        with self._lock:
            if owner is not None and log._wakeup_lease and log._wakeup_lease[0] == owner:
                log._wakeup_lease = None
            if version < log._wakeup.indexed_version:
                return False
            log._wakeup = WakeupEntry(
                workspace=workspace,
                version=0,
                indexed_version=version,
                wake_at=wake_at,
                agenda=tuple(agenda),
            )
            return True

    def wakeup_entries(self, workspaces: Collection[str] | None = None) -> list[WakeupEntry]:
        with self._lock:
            return [
                self._entry(log)
                for name, log in sorted(self._workspaces.items())
                if log._log and (workspaces is None or name in workspaces)
            ]

    def close(self) -> None:
        """Nothing to release; the data stays for other openers of a named store."""


#: Sorts before any moment: a workspace whose log changed is visited before any that woke.
EARLIEST = datetime.min.replace(tzinfo=UTC)

_named: dict[str, MemoryStore] = {}
_named_lock = threading.Lock()


@hookimpl
def afterview_open_store(url: str) -> MemoryStore | None:
    if not url.startswith(f"{SCHEME}://"):
        return None
    name = url[len(SCHEME) + 3 :]
    if not name:
        return MemoryStore(url)
    with _named_lock:
        return _named.setdefault(name, MemoryStore(url))


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"store": [f"{SCHEME}://"]}
