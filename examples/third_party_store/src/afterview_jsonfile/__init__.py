"""``jsonfile:///path``: an example afterview store keeping every workspace in one JSON file.

Each operation reads the file, changes the document and writes it back atomically (a new file
renamed over the old one), while holding an exclusive ``flock`` on a lock file beside it, so two
processes never interleave. Reads see every completed write of any process.

It uses only afterview's public API: the protocols, ``OutboxItem``, the errors, ``hookimpl``,
and the workspace-name check every store applies.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import attrs

from afterview import (
    ConcurrencyError,
    NotFoundError,
    OutboxItem,
    OutboxStatus,
    StoredEvent,
    StoreError,
    hookimpl,
)
from afterview.store import validate_workspace_name

__all__ = ["JsonFileStore", "afterview_open_store", "afterview_url_schemes"]

PREFIX = "jsonfile:///"
Document = dict[str, Any]
_TIMES = ("due", "next_attempt_at", "lease_until", "delivered_at")


def _item_to_json(item: OutboxItem) -> dict[str, Any]:
    raw = attrs.asdict(item)
    raw["status"] = item.status.value
    for name in _TIMES:
        raw[name] = None if raw[name] is None else raw[name].isoformat()
    return raw


def _item_from_json(raw: Mapping[str, Any]) -> OutboxItem:
    values = dict(raw)
    values["status"] = OutboxStatus(values["status"])
    for name in _TIMES:
        values[name] = None if values[name] is None else datetime.fromisoformat(values[name])
    return OutboxItem(**values)


def _ready(item: OutboxItem) -> datetime:
    return item.next_attempt_at or item.due


def _claimable(item: OutboxItem, now: datetime) -> bool:
    return (
        item.status is OutboxStatus.PENDING
        and _ready(item) <= now
        and (item.lease_until is None or item.lease_until <= now)
    )


class JsonFileWorkspaceStore:
    def __init__(self, store: JsonFileStore, name: str) -> None:
        self._store = store
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def _events(self, doc: Document) -> list[list[str]]:
        events: list[list[str]] = doc["events"].setdefault(self._name, [])
        return events

    def _outbox(self, doc: Document) -> dict[str, Any]:
        outbox: dict[str, Any] = doc["outbox"].setdefault(self._name, {})
        return outbox

    def version(self) -> int:
        with self._store.reading() as doc:
            return len(self._events(doc))

    def append(
        self, records: Sequence[str], *, expected_version: int, recorded_at: datetime
    ) -> int:
        with self._store.writing() as doc:
            events = self._events(doc)
            if len(events) != expected_version:
                raise ConcurrencyError(self._name, expected_version, len(events))
            events.extend([data, recorded_at.isoformat()] for data in records)
            return len(events)

    def read(self, after: int = 0) -> Iterator[StoredEvent]:
        with self._store.reading() as doc:
            events = list(self._events(doc))
        for position, (data, recorded_at) in enumerate(events, 1):
            if position > after:
                yield StoredEvent(position, data, datetime.fromisoformat(recorded_at))

    def redact(self, replacements: Mapping[int, str]) -> None:
        with self._store.writing() as doc:
            events = self._events(doc)
            for position in replacements:
                if not 1 <= position <= len(events):
                    raise NotFoundError(f"workspace {self._name!r} has no event #{position}")
            for position, data in replacements.items():
                events[position - 1][0] = data

    def outbox_put(self, item: OutboxItem) -> bool:
        with self._store.writing() as doc:
            outbox = self._outbox(doc)
            if item.key in outbox:
                return False
            outbox[item.key] = _item_to_json(attrs.evolve(item, workspace=self._name))
            return True

    def outbox_redact(
        self, replacements: Mapping[str, str], errors: Mapping[str, str] | None = None
    ) -> None:
        with self._store.writing() as doc:
            outbox = self._outbox(doc)
            for key in [*replacements, *(errors or {})]:
                if key not in outbox:
                    raise NotFoundError(f"no outbox item {key!r} in workspace {self._name!r}")
            for key, payload in replacements.items():
                outbox[key]["payload"] = payload
            for key, error in (errors or {}).items():
                outbox[key]["last_error"] = error

    # --- keys: one per person, destroyed when they are forgotten ----------------------------

    def _keys(self, doc: Document) -> dict[str, str]:
        keys: dict[str, str] = doc.setdefault("keys", {}).setdefault(self._name, {})
        return keys

    def key_get(self, subject: str) -> bytes | None:
        with self._store.reading() as doc:
            key = self._keys(doc).get(subject)
        return None if key is None else base64.b64decode(key)

    def key_create(self, subject: str, key: bytes) -> bytes:
        with self._store.writing() as doc:
            stored = self._keys(doc).setdefault(subject, base64.b64encode(key).decode("ascii"))
        return base64.b64decode(stored)

    def key_destroy(self, subject: str) -> bool:
        # The file is rewritten whole and replaced, so the old copy is unlinked (a filesystem
        # may keep its blocks until reused: the guarantee is only as good as the disk's).
        with self._store.writing() as doc:
            return self._keys(doc).pop(subject, None) is not None

    def outbox_claim(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        with self._store.writing() as doc:
            return self._store.claim(doc, now, lease, limit, only=self._name)

    def _change(self, key: str, **changes: Any) -> OutboxItem:
        with self._store.writing() as doc:
            outbox = self._outbox(doc)
            if key not in outbox:
                raise NotFoundError(f"no outbox item {key!r} in workspace {self._name!r}")
            item = _item_from_json(outbox[key])
            resolved = {k: v(item) if callable(v) else v for k, v in changes.items()}
            changed = attrs.evolve(item, **resolved)
            outbox[key] = _item_to_json(changed)
            return changed

    def outbox_ack(self, key: str, *, now: datetime) -> None:
        self._change(
            key,
            status=OutboxStatus.DELIVERED,
            attempts=lambda i: i.attempts + 1,
            delivered_at=now,
            lease_until=None,
        )

    def outbox_fail(
        self, key: str, *, now: datetime, retry_at: datetime, error: str, max_attempts: int
    ) -> OutboxItem:
        return self._change(
            key,
            attempts=lambda i: i.attempts + 1,
            status=lambda i: OutboxStatus.DEAD if i.attempts + 1 >= max_attempts else i.status,
            next_attempt_at=retry_at,
            lease_until=None,
            last_error=error,
        )

    def outbox_items(self, status: OutboxStatus | None = None) -> list[OutboxItem]:
        with self._store.reading() as doc:
            items = [_item_from_json(raw) for raw in self._outbox(doc).values()]
        chosen = [i for i in items if status is None or i.status is status]
        return sorted(chosen, key=lambda i: (i.due, i.key))

    def outbox_retry(self, key: str, *, now: datetime) -> OutboxItem:
        return self._change(
            key, status=OutboxStatus.PENDING, attempts=0, next_attempt_at=now, lease_until=None
        )


class JsonFileStore:
    """Every workspace in one JSON file."""

    def __init__(self, url: str) -> None:
        if not url.startswith(PREFIX) or len(url) == len(PREFIX):
            raise StoreError(f"not a JSON file store URL: {url!r} (expected {PREFIX}PATH)")
        self._url = url
        self._path = Path(url[len(PREFIX) :]).expanduser()
        self._lock_path = self._path.with_name(self._path.name + ".lock")
        self._thread_lock = threading.Lock()
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {self._path.parent}: {exc.strerror}") from None

    def __repr__(self) -> str:
        return f"<JsonFileStore {self._url!r}>"

    @property
    def url(self) -> str:
        return self._url

    @contextlib.contextmanager
    def _locked(self) -> Iterator[Document]:
        with self._thread_lock:
            fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                try:
                    text = self._path.read_text(encoding="utf-8")
                except FileNotFoundError:
                    text = '{"events": {}, "outbox": {}}'
                try:
                    yield json.loads(text)
                except json.JSONDecodeError as exc:
                    raise StoreError(f"{self._path} is not a JSON store: {exc}") from None
            finally:
                os.close(fd)  # closing releases the flock

    @contextlib.contextmanager
    def reading(self) -> Iterator[Document]:
        with self._locked() as doc:
            yield doc

    @contextlib.contextmanager
    def writing(self) -> Iterator[Document]:
        """Yield the document; write it back only if the block succeeds."""
        with self._locked() as doc:
            yield doc
            temporary = self._path.with_name(self._path.name + ".new")
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(doc, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self._path)

    def claim(
        self, doc: Document, now: datetime, lease: timedelta, limit: int, *, only: str | None
    ) -> list[OutboxItem]:
        candidates = [
            _item_from_json(raw)
            for workspace, outbox in doc["outbox"].items()
            if only is None or workspace == only
            for raw in outbox.values()
        ]
        due = sorted(
            (i for i in candidates if _claimable(i, now)),
            key=lambda i: (_ready(i), i.workspace, i.key),
        )[: max(limit, 0)]
        claimed = [attrs.evolve(i, lease_until=now + lease) for i in due]
        for item in claimed:
            doc["outbox"][item.workspace][item.key] = _item_to_json(item)
        return claimed

    def workspace(self, name: str) -> JsonFileWorkspaceStore:
        return JsonFileWorkspaceStore(self, validate_workspace_name(name))

    def workspaces(self) -> list[str]:
        with self.reading() as doc:
            return sorted(name for name, events in doc["events"].items() if events)

    def claim_due(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        with self.writing() as doc:
            return self.claim(doc, now, lease, limit, only=None)

    def close(self) -> None:
        """Nothing stays open between operations."""


@hookimpl
def afterview_open_store(url: str) -> JsonFileStore | None:
    return JsonFileStore(url) if url.startswith(PREFIX) else None


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"store": [PREFIX]}
