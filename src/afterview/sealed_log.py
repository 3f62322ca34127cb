"""A workspace's store as the workspace uses it: personal data sealed on the way in, opened on the
way out (see :mod:`afterview.sealing`).

:class:`SealedLog` wraps the backend's :class:`~afterview.store.WorkspaceStore` and is one itself,
so the facade and the services it hands the log to (the dispatcher, the outbox functions) read
and write plaintext while the backend only ever holds ciphertext of anyone's personal data:

* events: each personal field, under the keys of the people who own it;
* reminders in the outbox: the text, under the keys of the people it is about or names;
* a failed delivery's error message, under the same keys (it may quote the reminder).

Keys come from a :class:`~afterview.store.Keyring`: the backend's own key table, or an external
key store passed to the workspace.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

import attrs

from afterview import events as ev
from afterview.errors import DataError
from afterview.fold import State
from afterview.naming import NameMatcher
from afterview.redaction import (
    ERASED_ERROR,
    ERASED_REMINDER,
    PERSONAL_FIELDS,
    field_owners,
    name_matcher,
)
from afterview.sealing import (
    KeyCache,
    open_bytes,
    open_fields,
    open_records,
    open_text,
    seal_bytes,
    seal_fields,
    seal_text,
)
from afterview.serialization import dumps_event, event_to_dict, loads_event
from afterview.store import (
    Keyring,
    OutboxItem,
    OutboxStatus,
    Snapshot,
    SnapshotStore,
    StoredEvent,
    WorkspaceStore,
)

log = logging.getLogger("afterview.sealed_log")

#: The keyring subject whose key seals the workspace's snapshot. ``forget`` destroys it, so a
#: snapshot that held the person, wherever a copy of it lies, can no longer be read.
SNAPSHOT_SUBJECT: Final = "workspace:snapshot"

__all__ = ["SNAPSHOT_SUBJECT", "SealedLog"]

_BLANKS: Final = {
    cls: {field: [] if value == () else value for field, value in fields.items()}
    for cls, fields in PERSONAL_FIELDS.items()
}


def _people(subjects: Sequence[str]) -> list[str]:
    return [s.removeprefix("person:") for s in subjects if s.startswith("person:")]


class SealedLog:
    """A :class:`~afterview.store.WorkspaceStore` sealing personal data into ``inner``.

    :param state: the workspace's folded state as it is (not refreshed: reading it must not
        read the log), used to know who a text names.
    """

    def __init__(self, inner: WorkspaceStore, keyring: Keyring, state: Callable[[], State]) -> None:
        self.inner = inner
        self.keyring = keyring
        self._state = state
        # Who each claimed reminder concerns, so that its error is sealed for them too.
        self._owners: dict[str, tuple[str, ...]] = {}

    def __repr__(self) -> str:
        return f"<SealedLog {self.inner!r}>"

    @property
    def name(self) -> str:
        return self.inner.name

    def _keys(self) -> KeyCache:
        return KeyCache(self.keyring)

    # --- events ---------------------------------------------------------------------------

    def seal_event(
        self, event: ev.Event, state: State, matcher: NameMatcher, keys: KeyCache
    ) -> str:
        """The stored form of ``event``: its personal fields sealed for their owners."""
        # Refuses text no store can keep (a lone surrogate) with its path, sealed or not.
        plain = dumps_event(event)
        owners = field_owners(event, state, matcher)
        if not owners:
            return plain
        record = seal_fields(event_to_dict(event), owners, _BLANKS[type(event)], keys, self.name)
        return json.dumps(record, separators=(",", ":"), ensure_ascii=False)

    def append_events(
        self,
        events: Sequence[ev.Event],
        state: State,
        *,
        expected_version: int,
        recorded_at: datetime,
    ) -> int:
        """Seal and append ``events``; ``state`` is the state with them applied, so that a
        contact added in the same batch owns the texts that name them."""
        keys, matcher = self._keys(), name_matcher(state)
        records = [self.seal_event(e, state, matcher, keys) for e in events]
        return self.inner.append(
            records, expected_version=expected_version, recorded_at=recorded_at
        )

    def _seal_records(self, records: Mapping[int, str] | Sequence[str]) -> Any:
        state = self._state()
        keys, matcher = self._keys(), name_matcher(state)
        if isinstance(records, Mapping):
            return {
                p: self.seal_event(loads_event(t), state, matcher, keys) for p, t in records.items()
            }
        return [self.seal_event(loads_event(t), state, matcher, keys) for t in records]

    def version(self) -> int:
        return self.inner.version()

    def append(
        self, records: Sequence[str], *, expected_version: int, recorded_at: datetime
    ) -> int:
        sealed: list[str] = self._seal_records(records)
        return self.inner.append(sealed, expected_version=expected_version, recorded_at=recorded_at)

    def read(self, after: int = 0) -> Iterator[StoredEvent]:
        return open_records(self.inner.read(after), self._keys(), self.name)

    def redact(self, replacements: Mapping[int, str]) -> None:
        self.inner.redact(self._seal_records(replacements))

    # --- the snapshot ----------------------------------------------------------------------

    def _snapshots(self) -> SnapshotStore | None:
        return self.inner if isinstance(self.inner, SnapshotStore) else None

    @staticmethod
    def _snapshot_field(position: int, fold_version: int) -> str:
        # Bound into the seal: a snapshot cannot be relabelled with another position or version.
        return f"snapshot@{position}/v{fold_version}"

    def snapshot_load(self) -> State | None:
        """The state the workspace's snapshot holds, or ``None`` when there is none it can use:
        of another fold version, sealed with a destroyed key, or not readable (logged)."""
        from afterview.fold import FOLD_VERSION

        store = self._snapshots()
        if store is None:
            return None
        snapshot = store.snapshot_get()
        if snapshot is None or snapshot.fold_version != FOLD_VERSION:
            return None
        from afterview.snapshot import decode_state

        field = self._snapshot_field(snapshot.position, snapshot.fold_version)
        try:
            plain = open_bytes(snapshot.data, SNAPSHOT_SUBJECT, self._keys(), self.name, field)
            if plain is None:
                return None
            state = decode_state(plain)
        except DataError as exc:
            log.warning("workspace %r: snapshot ignored, folding the log: %s", self.name, exc)
            return None
        if state.version != snapshot.position:
            log.warning("workspace %r: snapshot ignored, its position is wrong", self.name)
            return None
        return state

    def snapshot_save(self, state: State) -> bool:
        """Seal ``state`` and keep it as the workspace's snapshot; return whether it was kept
        (``False`` for a store without snapshots, or when one at a later position is held)."""
        from afterview.fold import FOLD_VERSION
        from afterview.snapshot import encode_state

        store = self._snapshots()
        if store is None or state.version < 1:
            return False
        field = self._snapshot_field(state.version, FOLD_VERSION)
        sealed = seal_bytes(encode_state(state), SNAPSHOT_SUBJECT, self._keys(), self.name, field)
        return store.snapshot_put(Snapshot(state.version, FOLD_VERSION, sealed))

    def snapshot_drop(self) -> None:
        """Remove the snapshot and destroy its key: every copy of it, a backup's too, becomes
        unreadable. The next snapshot is sealed with a new key."""
        store = self._snapshots()
        if store is not None:
            store.snapshot_delete()
        # Looked up first: destroying a key rewrites a SQLite file whole (VACUUM).
        if self.keyring.key_get(SNAPSHOT_SUBJECT) is not None:
            self.keyring.key_destroy(SNAPSHOT_SUBJECT)

    # --- the outbox -----------------------------------------------------------------------

    def _seal_payload(self, payload: str, keys: KeyCache) -> str:
        try:
            record = json.loads(payload)
        except ValueError:
            return payload  # not a reminder of ours: passed on as it is
        if not isinstance(record, dict) or not isinstance(record.get("body"), str):
            return payload
        subjects = record.get("subjects") or []
        owners = _people([str(s) for s in subjects])
        owners += name_matcher(self._state()).named_in(record["body"])
        who = tuple(dict.fromkeys(owners))
        if not who:
            return payload
        sealed = seal_fields(record, {"body": who}, {"body": ERASED_REMINDER}, keys, self.name)
        return json.dumps(sealed, ensure_ascii=False)

    def _open(self, item: OutboxItem, keys: KeyCache) -> OutboxItem:
        payload, owners = item.payload, ()
        if '"sealed":' in payload:
            try:
                record = json.loads(payload)
                owners = tuple(record["sealed"]["body"]["by"])
                payload = json.dumps(open_fields(record, keys, self.name), ensure_ascii=False)
            except (ValueError, KeyError, TypeError, DataError):
                payload = item.payload
        error = item.last_error
        if error is not None:
            error, _ = open_text(error, keys, self.name, "last_error", ERASED_ERROR)
        self._owners[item.key] = owners
        return attrs.evolve(item, payload=payload, last_error=error)

    def _opened(self, items: list[OutboxItem]) -> list[OutboxItem]:
        keys = self._keys()
        return [self._open(i, keys) for i in items]

    def open_items(self, items: list[OutboxItem]) -> list[OutboxItem]:
        """Items of this workspace claimed some other way (a round claiming across the store),
        opened as :meth:`outbox_claim` opens its own: ready for the notifier."""
        return self._opened(items)

    def outbox_put_new(self, items: Sequence[OutboxItem]) -> int:
        from afterview.store import put_new

        keys = self._keys()
        return put_new(
            self.inner,
            [attrs.evolve(i, payload=self._seal_payload(i.payload, keys)) for i in items],
        )

    def outbox_put(self, item: OutboxItem) -> bool:
        return self.inner.outbox_put(
            attrs.evolve(item, payload=self._seal_payload(item.payload, self._keys()))
        )

    def outbox_redact(
        self, replacements: Mapping[str, str], errors: Mapping[str, str] | None = None
    ) -> None:
        if errors:
            self.inner.outbox_redact(replacements, errors)
        else:
            self.inner.outbox_redact(replacements)

    def outbox_claim(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        return self._opened(self.inner.outbox_claim(now, lease=lease, limit=limit))

    def outbox_ack(self, key: str, *, now: datetime) -> None:
        self.inner.outbox_ack(key, now=now)

    def outbox_fail(
        self, key: str, *, now: datetime, retry_at: datetime, error: str, max_attempts: int
    ) -> OutboxItem:
        owners = self._owners.get(key, ()) + name_matcher(self._state()).named_in(error)
        keys = self._keys()
        sealed = seal_text(error, tuple(dict.fromkeys(owners)), keys, self.name, "last_error")
        failed = self.inner.outbox_fail(
            key, now=now, retry_at=retry_at, error=sealed, max_attempts=max_attempts
        )
        return self._open(failed, keys)

    def outbox_items(self, status: OutboxStatus | None = None) -> list[OutboxItem]:
        return self._opened(self.inner.outbox_items(status))

    def outbox_retry(self, key: str, *, now: datetime) -> OutboxItem:
        return self._open(self.inner.outbox_retry(key, now=now), self._keys())

    # --- keys -----------------------------------------------------------------------------

    def key_get(self, subject: str) -> bytes | None:
        return self.keyring.key_get(subject)

    def key_create(self, subject: str, key: bytes) -> bytes:
        return self.keyring.key_create(subject, key)

    def key_destroy(self, subject: str) -> bool:
        return self.keyring.key_destroy(subject)
