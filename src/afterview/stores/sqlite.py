"""The ``sqlite:///path`` store: every workspace of a person or a small team in one SQLite file.

The URL is ``sqlite:///`` followed by the path, as SQLAlchemy writes it: four slashes in all for an
absolute path (``sqlite:////home/me/afterview.sqlite``), three for a path relative to the working
directory (``sqlite:///afterview.sqlite``), and ``sqlite:///~/afterview.sqlite`` under the home
directory. A typo must not quietly start an empty store somewhere else, so the file's directory
must exist — only the default data directory (:func:`afterview.config.default_data_dir`) is
created — and the error names the path it resolved to. A database file the process may not
write is opened read-only: it can be read, and a write fails with a :class:`StoreError`.

Options go in the query string:

* ``synchronous`` — ``FULL`` (the default: an append that returned survives a power cut) or
  ``NORMAL`` (faster; the last appends may be lost on a power cut, never half of one).
* ``busy_timeout`` — milliseconds to wait for another writer (default 10000).

How the guarantees are met:

* Each write runs in ``BEGIN IMMEDIATE``, so writers queue up instead of failing half-way.
* The primary key ``(workspace, position)`` is the optimistic concurrency check: two writers can
  never both store an event at the same position.
* The file (and SQLite's ``-wal``/``-shm`` files, which inherit its mode) is readable by its owner
  only; ``secure_delete`` is on, and :meth:`SQLiteWorkspaceStore.redact` vacuums the file and
  truncates the write-ahead log so that no copy of redacted text stays on disk.
* The schema is migrated by ``PRAGMA user_version`` inside the migrating transaction.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Collection, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final
from urllib.parse import parse_qs

from afterview.errors import (
    AfterviewError,
    ConcurrencyError,
    CorruptRecordError,
    DataError,
    NotFoundError,
    StoreError,
)
from afterview.hookspecs import hookimpl
from afterview.masking import mask_url
from afterview.private_dirs import make_private_dirs
from afterview.store import (
    OutboxItem,
    OutboxStatus,
    Snapshot,
    StoredEvent,
    WakeupEntry,
    validate_workspace_name,
)

__all__ = ["SQLiteStore", "SQLiteWorkspaceStore", "path_from_url"]

PREFIX: Final = "sqlite:///"
DEFAULT_BUSY_TIMEOUT_MS: Final = 10_000
SYNCHRONOUS_MODES: Final = ("EXTRA", "FULL", "NORMAL", "OFF")

log = logging.getLogger("afterview.stores.sqlite")

#: Schema migrations; ``PRAGMA user_version`` is the number of them applied.
MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    (
        """
        CREATE TABLE events (
            workspace TEXT NOT NULL,
            position INTEGER NOT NULL CHECK (position > 0),
            data TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (workspace, position)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE outbox (
            workspace TEXT NOT NULL,
            key TEXT NOT NULL,
            channel TEXT NOT NULL,
            payload TEXT NOT NULL,
            due TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at TEXT,
            lease_until TEXT,
            last_error TEXT,
            delivered_at TEXT,
            -- when the item is next claimable: its retry time once it failed, else its due time
            ready_at TEXT NOT NULL,
            PRIMARY KEY (workspace, key)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX outbox_claimable ON outbox (status, ready_at)",
    ),
    (
        # One key per person whose personal fields are sealed (afterview.sealing); forget
        # deletes the row, and with it the only way to read what was sealed.
        """
        CREATE TABLE keys (
            workspace TEXT NOT NULL,
            subject TEXT NOT NULL,
            key BLOB NOT NULL,
            PRIMARY KEY (workspace, subject)
        ) WITHOUT ROWID
        """,
    ),
    (
        # One snapshot of each workspace's folded state (afterview.snapshot), sealed by the
        # core; a cache of the log that redact and forget remove.
        """
        CREATE TABLE snapshots (
            workspace TEXT NOT NULL PRIMARY KEY,
            position INTEGER NOT NULL CHECK (position > 0),
            fold_version INTEGER NOT NULL,
            data BLOB NOT NULL
        )
        """,
    ),
    (
        # The wake-up index (afterview.store.WakeupIndex). ``visit_at`` is when a round must
        # next look at the workspace: '' (before any time) once its log grew, else ``wake_at``,
        # NULL for never. "IF NOT EXISTS", so that this step may run in any order among others.
        """
        CREATE TABLE IF NOT EXISTS wakeups (
            workspace TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            indexed_version INTEGER NOT NULL DEFAULT 0,
            wake_at TEXT,
            agenda TEXT NOT NULL DEFAULT '[]',
            visit_at TEXT,
            lease_owner TEXT,
            lease_until TEXT
        ) WITHOUT ROWID
        """,
        "CREATE INDEX IF NOT EXISTS wakeups_visit ON wakeups (visit_at)",
        """
        INSERT OR IGNORE INTO wakeups (workspace, version, visit_at)
        SELECT workspace, max(position), '' FROM events GROUP BY workspace
        """,
    ),
    (
        # The agenda the command line keeps between runs (afterview.cli.kept_agenda), sealed
        # under the snapshot's key; a cache that redact and forget remove with the snapshot.
        # "IF NOT EXISTS", as above.
        """
        CREATE TABLE IF NOT EXISTS kept_agendas (
            workspace TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            data BLOB NOT NULL
        )
        """,
    ),
)

_OUTBOX_COLUMNS: Final = (
    "workspace, key, channel, payload, due, status, attempts, next_attempt_at, lease_until, "
    "last_error, delivered_at"
)


def _ts(moment: datetime) -> str:
    """A UTC timestamp whose text sorts in time order, so SQL can compare it."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _opt_ts(moment: datetime | None) -> str | None:
    return None if moment is None else _ts(moment)


def _parse_ts(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _item_from_row(row: Sequence[object]) -> OutboxItem:
    (workspace, key, channel, payload, due, status, attempts, next_at, lease, error, done) = row
    return OutboxItem(
        workspace=str(workspace),
        key=str(key),
        channel=str(channel),
        payload=str(payload),
        due=datetime.fromisoformat(str(due)),
        status=OutboxStatus(str(status)),
        attempts=int(str(attempts)),
        next_attempt_at=_parse_ts(None if next_at is None else str(next_at)),
        lease_until=_parse_ts(None if lease is None else str(lease)),
        last_error=None if error is None else str(error),
        delivered_at=_parse_ts(None if done is None else str(done)),
    )


def path_from_url(url: str) -> tuple[Path, dict[str, str]]:
    """Split a ``sqlite:///…`` URL into the database path and its options.

    :raises StoreError: not a ``sqlite:///`` URL, no path, or an unknown or bad option.
    """
    if not url.startswith(PREFIX):
        raise StoreError(f"not a SQLite store URL: {mask_url(url)!r} (expected {PREFIX}PATH)")
    raw_path, _, query = url[len(PREFIX) :].partition("?")
    if not raw_path:
        raise StoreError(f"SQLite store URL {mask_url(url)!r} has no path: use {PREFIX}PATH")
    options: dict[str, str] = {}
    for name, values in parse_qs(query, keep_blank_values=True, strict_parsing=False).items():
        if name not in {"synchronous", "busy_timeout"}:
            raise StoreError(
                f"unknown option {name!r} in SQLite store URL {mask_url(url)!r}; "
                "known: busy_timeout, synchronous"
            )
        options[name] = values[-1]
    synchronous = options.get("synchronous", "FULL").upper()
    if synchronous not in SYNCHRONOUS_MODES:
        raise StoreError(
            f"synchronous={options['synchronous']!r} in {mask_url(url)!r}: use one of "
            + ", ".join(SYNCHRONOUS_MODES)
        )
    options["synchronous"] = synchronous
    busy = options.get("busy_timeout", str(DEFAULT_BUSY_TIMEOUT_MS))
    if not busy.isdigit():
        raise StoreError(
            f"busy_timeout={busy!r} in {mask_url(url)!r}: use a whole number of milliseconds"
        )
    options["busy_timeout"] = busy
    return Path(raw_path).expanduser(), options


class SQLiteWorkspaceStore:
    """One workspace's rows in a :class:`SQLiteStore`; every query is scoped to its name."""

    def __init__(self, store: SQLiteStore, name: str) -> None:
        self._store = store
        self._name = name

    def __repr__(self) -> str:
        return f"<SQLiteWorkspaceStore {self._name!r} in {self._store.url!r}>"

    @property
    def name(self) -> str:
        return self._name

    # --- the event log -------------------------------------------------------------------------

    def version(self) -> int:
        with self._store._reading(f"read the version of workspace {self._name!r}") as conn:
            return _version(conn, self._name)

    def append(
        self, records: Sequence[str], *, expected_version: int, recorded_at: datetime
    ) -> int:
        stamp = _ts(recorded_at)
        with self._store._writing(f"append to workspace {self._name!r}") as conn:
            actual = _version(conn, self._name)
            # Refuse a gap as well as an overlap; the primary key below refuses an overlap even
            # if a writer bypassed this check.
            if actual != expected_version:
                raise ConcurrencyError(self._name, expected_version, actual)
            try:
                conn.executemany(
                    "INSERT INTO events (workspace, position, data, recorded_at) "
                    "VALUES (?, ?, ?, ?)",
                    (
                        (self._name, expected_version + i + 1, data, stamp)
                        for i, data in enumerate(records)
                    ),
                )
            except sqlite3.IntegrityError as exc:
                if exc.sqlite_errorname != "SQLITE_CONSTRAINT_PRIMARYKEY":
                    raise
                raise ConcurrencyError(self._name, expected_version) from None
            if records:
                # In the same transaction: a round that reads the index cannot miss the events.
                conn.execute(
                    "INSERT INTO wakeups (workspace, version, visit_at) VALUES (?, ?, '') "
                    "ON CONFLICT (workspace) DO UPDATE SET "
                    "version = max(version, excluded.version), visit_at = ''",
                    (self._name, expected_version + len(records)),
                )
            return expected_version + len(records)

    def read(self, after: int = 0) -> Iterator[StoredEvent]:
        where = "FROM events WHERE workspace = ? AND position > ? ORDER BY position"
        with self._store._reading(f"read workspace {self._name!r}") as conn:
            try:
                rows = conn.execute(
                    f"SELECT position, data, recorded_at {where}", (self._name, max(after, 0))
                ).fetchall()
            except sqlite3.OperationalError:
                # Some row's text is not UTF-8: fetch the text as bytes, to say which row.
                rows = conn.execute(
                    f"SELECT position, typeof(data), CAST(data AS BLOB), recorded_at {where}",
                    (self._name, max(after, 0)),
                ).fetchall()
                return self._decode_bytes(rows)
        return self._decode(rows)

    def _decode(self, rows: list[tuple[int, object, object]]) -> Iterator[StoredEvent]:
        stamps: dict[object, datetime] = {}  # a batch shares one time: parse it once
        for position, data, recorded_at in rows:
            if type(data) is not str:
                # Text comes back as str; anything else was not stored as text.
                kind = "blob" if isinstance(data, bytes) else type(data).__name__
                raise CorruptRecordError(self._name, position, f"stored as {kind}, not text")
            stamp = stamps.get(recorded_at)
            if stamp is None:
                stamp = stamps[recorded_at] = self._stamp(position, recorded_at)
            yield StoredEvent(position, data, stamp)

    def _decode_bytes(self, rows: list[tuple[int, str, bytes, object]]) -> Iterator[StoredEvent]:
        for position, kind, data, recorded_at in rows:
            if kind != "text":
                raise CorruptRecordError(self._name, position, f"stored as {kind}, not text")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise CorruptRecordError(self._name, position, "not UTF-8 text") from None
            yield StoredEvent(position, text, self._stamp(position, recorded_at))

    def _stamp(self, position: int, recorded_at: object) -> datetime:
        try:
            stamp = datetime.fromisoformat(str(recorded_at))
        except ValueError:
            stamp = None
        if stamp is None or stamp.utcoffset() is None:
            raise CorruptRecordError(self._name, position, "bad recorded_at time")
        return stamp

    def redact(self, replacements: Mapping[int, str]) -> None:
        if not replacements:
            return
        with self._store._writing(f"redact workspace {self._name!r}") as conn:
            version = _version(conn, self._name)
            for position in replacements:
                if not 1 <= position <= version:
                    raise NotFoundError(f"workspace {self._name!r} has no event #{position}")
            conn.executemany(
                "UPDATE events SET data = ? WHERE workspace = ? AND position = ?",
                ((data, self._name, position) for position, data in replacements.items()),
            )
            # Folded from the old text: it goes with it, and so does the kept agenda.
            conn.execute("DELETE FROM snapshots WHERE workspace = ?", (self._name,))
            conn.execute("DELETE FROM kept_agendas WHERE workspace = ?", (self._name,))
        self._store._purge_old_copies()

    # --- the snapshot ----------------------------------------------------------------------------

    def snapshot_get(self) -> Snapshot | None:
        with self._store._reading(f"read the snapshot of workspace {self._name!r}") as conn:
            row = conn.execute(
                "SELECT position, fold_version, data FROM snapshots WHERE workspace = ?",
                (self._name,),
            ).fetchone()
        if row is None:
            return None
        return Snapshot(int(row[0]), int(row[1]), bytes(row[2]))

    def snapshot_put(self, snapshot: Snapshot) -> bool:
        with self._store._writing(f"keep a snapshot of workspace {self._name!r}") as conn:
            version = _version(conn, self._name)
            if not 1 <= snapshot.position <= version:
                raise DataError(
                    f"a snapshot at position {snapshot.position} is outside the log of "
                    f"workspace {self._name!r} ({version} events)"
                )
            cursor = conn.execute(
                "INSERT INTO snapshots (workspace, position, fold_version, data) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (workspace) DO UPDATE SET "
                "position = excluded.position, fold_version = excluded.fold_version, "
                "data = excluded.data WHERE excluded.position >= snapshots.position",
                (self._name, snapshot.position, snapshot.fold_version, bytes(snapshot.data)),
            )
            return cursor.rowcount == 1

    def snapshot_delete(self) -> bool:
        with self._store._writing(f"delete the snapshot of workspace {self._name!r}") as conn:
            deleted = conn.execute(
                "DELETE FROM snapshots WHERE workspace = ?", (self._name,)
            ).rowcount
            # Sealed under the same key, which is destroyed next: it goes too.
            deleted += conn.execute(
                "DELETE FROM kept_agendas WHERE workspace = ?", (self._name,)
            ).rowcount
        if deleted:
            # As for a key: no copy left in free pages or the write-ahead log.
            self._store._purge_old_copies()
        return deleted > 0

    # --- the kept agenda --------------------------------------------------------------------------

    def kept_agenda_put(self, data: bytes, *, version: int, subject: str, key: bytes) -> bool:
        """Keep ``data`` (an agenda worked out at log ``version``, sealed with ``key``, the key
        of ``subject``) as the workspace's kept agenda (:mod:`afterview.cli.kept_agenda`).

        Nothing is written, and the answer is ``False``, when the log has moved past
        ``version`` or the key is no longer ``subject``'s: a ``forget`` that ran meanwhile
        destroyed it, and what it sealed must not be stored under a key that lives on.
        """
        with self._store._writing(f"keep the agenda of workspace {self._name!r}") as conn:
            row = conn.execute(
                "SELECT key FROM keys WHERE workspace = ? AND subject = ?", (self._name, subject)
            ).fetchone()
            if _version(conn, self._name) != version or row is None or bytes(row[0]) != key:
                return False
            conn.execute(
                "INSERT INTO kept_agendas (workspace, version, data) VALUES (?, ?, ?) "
                "ON CONFLICT (workspace) DO UPDATE SET version = excluded.version, "
                "data = excluded.data",
                (self._name, version, bytes(data)),
            )
        return True

    def kept_agenda_delete(self) -> bool:
        """Remove the kept agenda; whether there was one."""
        with self._store._writing(f"drop the kept agenda of workspace {self._name!r}") as conn:
            deleted = conn.execute(
                "DELETE FROM kept_agendas WHERE workspace = ?", (self._name,)
            ).rowcount
        if deleted:
            self._store._purge_old_copies()
        return deleted > 0

    # --- the outbox ------------------------------------------------------------------------------

    def outbox_redact(
        self, replacements: Mapping[str, str], errors: Mapping[str, str] | None = None
    ) -> None:
        errors = errors or {}
        if not replacements and not errors:
            return
        with self._store._writing(f"redact the outbox of workspace {self._name!r}") as conn:
            for key in [*replacements, *errors]:
                found = conn.execute(
                    "SELECT 1 FROM outbox WHERE workspace = ? AND key = ?", (self._name, key)
                ).fetchone()
                if found is None:
                    raise NotFoundError(f"no outbox item {key!r} in workspace {self._name!r}")
            conn.executemany(
                "UPDATE outbox SET payload = ? WHERE workspace = ? AND key = ?",
                ((payload, self._name, key) for key, payload in replacements.items()),
            )
            conn.executemany(
                "UPDATE outbox SET last_error = ? WHERE workspace = ? AND key = ?",
                ((error, self._name, key) for key, error in errors.items()),
            )
        self._store._purge_old_copies()

    # --- the key table ---------------------------------------------------------------------------

    def key_get(self, subject: str) -> bytes | None:
        with self._store._reading(f"read a key of workspace {self._name!r}") as conn:
            row = conn.execute(
                "SELECT key FROM keys WHERE workspace = ? AND subject = ?", (self._name, subject)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def key_create(self, subject: str, key: bytes) -> bytes:
        with self._store._writing(f"store a key of workspace {self._name!r}") as conn:
            conn.execute(
                "INSERT INTO keys (workspace, subject, key) VALUES (?, ?, ?) "
                "ON CONFLICT (workspace, subject) DO NOTHING",
                (self._name, subject, bytes(key)),
            )
            row = conn.execute(
                "SELECT key FROM keys WHERE workspace = ? AND subject = ?", (self._name, subject)
            ).fetchone()
        return bytes(row[0])

    def key_destroy(self, subject: str) -> bool:
        with self._store._writing(f"destroy a key of workspace {self._name!r}") as conn:
            deleted = conn.execute(
                "DELETE FROM keys WHERE workspace = ? AND subject = ?", (self._name, subject)
            ).rowcount
        # secure_delete zeroes the row in its page; the vacuum and checkpoint also drop the
        # copies the write-ahead log and free pages held.
        self._store._purge_old_copies()
        return deleted > 0

    def outbox_put(self, item: OutboxItem) -> bool:
        return self.outbox_put_new([item]) == 1

    def outbox_put_new(self, items: Sequence[OutboxItem]) -> int:
        if not items:
            return 0
        with self._store._writing(f"add to the outbox of workspace {self._name!r}") as conn:
            before = conn.total_changes
            conn.executemany(
                f"INSERT INTO outbox ({_OUTBOX_COLUMNS}, ready_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (workspace, key) DO NOTHING",
                (
                    (
                        self._name,
                        item.key,
                        item.channel,
                        item.payload,
                        _ts(item.due),
                        item.status.value,
                        item.attempts,
                        _opt_ts(item.next_attempt_at),
                        _opt_ts(item.lease_until),
                        item.last_error,
                        _opt_ts(item.delivered_at),
                        _ts(item.next_attempt_at or item.due),
                    )
                    for item in items
                ),
            )
            return conn.total_changes - before

    def outbox_claim(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        with self._store._writing(f"claim from the outbox of workspace {self._name!r}") as conn:
            return _claim(conn, now, lease, limit, workspace=self._name)

    def _get(self, conn: sqlite3.Connection, key: str) -> OutboxItem:
        row = conn.execute(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE workspace = ? AND key = ?",
            (self._name, key),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no outbox item {key!r} in workspace {self._name!r}")
        return _item_from_row(row)

    def outbox_ack(self, key: str, *, now: datetime) -> None:
        with self._store._writing(f"acknowledge in the outbox of workspace {self._name!r}") as conn:
            self._get(conn, key)
            conn.execute(
                "UPDATE outbox SET status = ?, attempts = attempts + 1, delivered_at = ?, "
                "lease_until = NULL WHERE workspace = ? AND key = ?",
                (OutboxStatus.DELIVERED.value, _ts(now), self._name, key),
            )

    def outbox_fail(
        self, key: str, *, now: datetime, retry_at: datetime, error: str, max_attempts: int
    ) -> OutboxItem:
        with self._store._writing(
            f"record a failure in the outbox of workspace {self._name!r}"
        ) as conn:
            item = self._get(conn, key)
            attempts = item.attempts + 1
            status = OutboxStatus.DEAD if attempts >= max_attempts else item.status
            conn.execute(
                "UPDATE outbox SET attempts = ?, status = ?, next_attempt_at = ?, ready_at = ?, "
                "lease_until = NULL, last_error = ? WHERE workspace = ? AND key = ?",
                (attempts, status.value, _ts(retry_at), _ts(retry_at), error, self._name, key),
            )
            return self._get(conn, key)

    def outbox_items(self, status: OutboxStatus | None = None) -> list[OutboxItem]:
        with self._store._reading(f"list the outbox of workspace {self._name!r}") as conn:
            rows = conn.execute(
                f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE workspace = ? "
                "AND (? IS NULL OR status = ?) ORDER BY due, key",
                (
                    self._name,
                    None if status is None else status.value,
                    None if status is None else status.value,
                ),
            ).fetchall()
        return [_item_from_row(row) for row in rows]

    def outbox_retry(self, key: str, *, now: datetime) -> OutboxItem:
        with self._store._writing(f"retry in the outbox of workspace {self._name!r}") as conn:
            self._get(conn, key)
            conn.execute(
                "UPDATE outbox SET status = ?, attempts = 0, next_attempt_at = ?, ready_at = ?, "
                "lease_until = NULL WHERE workspace = ? AND key = ?",
                (OutboxStatus.PENDING.value, _ts(now), _ts(now), self._name, key),
            )
            return self._get(conn, key)


def _version(conn: sqlite3.Connection, workspace: str) -> int:
    row = conn.execute(
        "SELECT coalesce(max(position), 0) FROM events WHERE workspace = ?", (workspace,)
    ).fetchone()
    return int(row[0])


def _claim(
    conn: sqlite3.Connection,
    now: datetime,
    lease: timedelta,
    limit: int,
    *,
    workspace: str | None,
    among: Collection[str] | None = None,
) -> list[OutboxItem]:
    stamp = _ts(now)
    # ``among`` goes as one JSON array, so any number of names make one parameter.
    names = None if among is None else json.dumps(sorted(among))
    rows = conn.execute(
        "SELECT workspace, key FROM outbox "
        "WHERE status = ? AND ready_at <= ? AND (lease_until IS NULL OR lease_until <= ?) "
        "AND (? IS NULL OR workspace = ?) "
        "AND (? IS NULL OR workspace IN (SELECT value FROM json_each(?))) "
        "ORDER BY ready_at, workspace, key LIMIT ?",
        (
            OutboxStatus.PENDING.value,
            stamp,
            stamp,
            workspace,
            workspace,
            names,
            names,
            max(limit, 0),
        ),
    ).fetchall()
    conn.executemany(
        "UPDATE outbox SET lease_until = ? WHERE workspace = ? AND key = ?",
        ((_ts(now + lease), ws, key) for ws, key in rows),
    )
    claimed: list[OutboxItem] = []
    for ws, key in rows:
        row = conn.execute(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE workspace = ? AND key = ?", (ws, key)
        ).fetchone()
        claimed.append(_item_from_row(row))
    return claimed


class SQLiteStore:
    """A SQLite database file holding any number of workspaces.

    One connection, guarded by a lock, serves every thread of the process; other processes
    open their own and wait for each other through SQLite's locks.
    """

    def __init__(self, url: str) -> None:
        self._url = mask_url(url)
        path, options = path_from_url(url)
        self._path = path
        self._raw_path = url[len(PREFIX) :].partition("?")[0]
        self._read_only = False
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = self._open(
            path, synchronous=options["synchronous"], busy_timeout=int(options["busy_timeout"])
        )

    def __repr__(self) -> str:
        return f"<SQLiteStore {self._url!r}>"

    @property
    def url(self) -> str:
        return self._url

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def read_only(self) -> bool:
        """Whether the file was opened for reading only (this process may not write it)."""
        return self._read_only

    # --- opening ---------------------------------------------------------------------------------

    def _open(self, path: Path, *, synchronous: str, busy_timeout: int) -> sqlite3.Connection:
        if path.is_dir():
            raise StoreError(f"cannot open SQLite store {path}: it is a directory, not a file")
        if path.is_file() and not os.access(path, os.R_OK | os.W_OK):
            self._read_only = True
            return self._open_read_only(path, busy_timeout=busy_timeout)
        try:
            self._make_directory(path)
            # Create the file owner-only before SQLite opens it: SQLite would honour the umask,
            # and gives its -wal and -shm files the mode of the database file.
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass  # an existing store keeps the mode it has
            else:
                # The mode given to open() is filtered through the umask too.
                os.fchmod(fd, 0o600)
                os.close(fd)
        except OSError as exc:
            raise StoreError(f"cannot open SQLite store {path}: {exc.strerror or exc}") from None
        try:
            conn = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=busy_timeout / 1000
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite store {path}: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {busy_timeout}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"SQLite store {path}: cannot use write-ahead logging ({mode})")
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            self._migrate(conn, path)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(
                f"cannot open SQLite store {path}: {exc} (is it an afterview database?)"
            ) from None
        except BaseException:
            conn.close()
            raise
        return conn

    def _make_directory(self, path: Path) -> None:
        """Create the database's directory if it is the default data directory; any other
        missing directory is a typo until proven otherwise."""
        directory = path.parent
        if directory.is_dir():
            return
        from afterview.config import default_data_dir  # only when the directory is missing

        if directory.absolute() == default_data_dir().absolute():
            make_private_dirs(directory)
            return
        where = str(directory.absolute())
        hint = ""
        if not self._raw_path.startswith(("/", "~")):
            hint = (
                f"; '{PREFIX}{self._raw_path}' is relative to the working directory, an "
                f"absolute path takes four slashes: '{PREFIX}/{self._raw_path}'"
            )
        raise StoreError(
            f"cannot open SQLite store {path.absolute()}: directory {where} does not exist "
            f"(create it first){hint}"
        )

    def _open_read_only(self, path: Path, *, busy_timeout: int) -> sqlite3.Connection:
        """Open a database file this process may not write, for reading only."""
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot open SQLite store {path}: permission denied")
        # Without write access to the directory SQLite cannot make the -shm file a WAL
        # database needs; "immutable" reads the file as it is, which is all a reader can do.
        writable_dir = os.access(path.parent, os.W_OK | os.X_OK)
        flags = "mode=ro" if writable_dir else "mode=ro&immutable=1"
        uri = f"{path.absolute().as_uri()}?{flags}"
        try:
            conn = sqlite3.connect(
                uri,
                uri=True,
                isolation_level=None,
                check_same_thread=False,
                timeout=busy_timeout / 1000,
            )
            conn.execute(f"PRAGMA busy_timeout = {busy_timeout}")
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open SQLite store {path} read-only: {exc} (is it an afterview database?)"
            ) from None
        if current != len(MIGRATIONS):
            conn.close()
            raise StoreError(
                f"SQLite store {path} is read-only and has schema version {current}; this "
                f"afterview reads version {len(MIGRATIONS)} (make the file writable to upgrade it)"
            )
        return conn

    @staticmethod
    def _migrate(conn: sqlite3.Connection, path: Path) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if current > len(MIGRATIONS):
                raise StoreError(
                    f"SQLite store {path} has schema version {current}, newer than this "
                    f"afterview knows ({len(MIGRATIONS)}); upgrade afterview"
                )
            for statements in MIGRATIONS[current:]:
                for statement in statements:
                    conn.execute(statement)
            if current < len(MIGRATIONS):
                conn.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # --- transactions ----------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"SQLite store {self._path} is closed")
        return self._conn

    @contextlib.contextmanager
    def _reading(self, what: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._connection()
            try:
                yield conn
            except sqlite3.Error as exc:
                raise StoreError(f"cannot {what} in SQLite store {self._path}: {exc}") from None

    @contextlib.contextmanager
    def _writing(self, what: str) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction: committed if the block succeeds, else undone."""
        with self._lock:
            conn = self._connection()
            self._refuse_if_read_only(what)
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except AfterviewError:
                raise
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(f"cannot {what} in SQLite store {self._path}: {exc}") from None

    def _refuse_if_read_only(self, what: str) -> None:
        if self._read_only:
            raise StoreError(
                f"cannot {what}: SQLite store {self._path} is read-only (this user may not "
                "write the file); reading works, writing needs write permission"
            )

    def _purge_old_copies(self) -> None:
        """Leave no copy of replaced text in free pages or the write-ahead log."""
        with self._lock:
            conn = self._connection()
            self._refuse_if_read_only("vacuum")
            try:
                conn.execute("VACUUM")
                busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.Error as exc:
                raise StoreError(
                    f"redacted, but could not vacuum SQLite store {self._path}: {exc}"
                ) from None
            if busy:
                log.warning(
                    "SQLite store %s: another process is reading; the write-ahead log will be "
                    "truncated at its next checkpoint",
                    self._path,
                )

    # --- the Store protocol -----------------------------------------------------------------------

    def workspace(self, name: str) -> SQLiteWorkspaceStore:
        return SQLiteWorkspaceStore(self, validate_workspace_name(name))

    def workspaces(self) -> list[str]:
        with self._reading("list the workspaces") as conn:
            rows = conn.execute("SELECT DISTINCT workspace FROM events ORDER BY workspace")
            return [str(row[0]) for row in rows]

    def claim_due(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        with self._writing("claim from the outbox of every workspace") as conn:
            return _claim(conn, now, lease, limit, workspace=None)

    def claim_due_among(
        self, workspaces: Collection[str], now: datetime, *, lease: timedelta, limit: int
    ) -> list[OutboxItem]:
        """Like :meth:`claim_due`, for the items of ``workspaces`` only (for scoped stores)."""
        with self._writing("claim from the outbox of some workspaces") as conn:
            return _claim(conn, now, lease, limit, workspace=None, among=workspaces)

    # --- the wake-up index (see afterview.store.WakeupIndex) -------------------------------------

    def wakeup_claim(self, now: datetime, *, owner: str, lease: timedelta, limit: int) -> list[str]:
        stamp = _ts(now)
        with self._writing("claim workspaces from the wake-up index") as conn:
            rows = conn.execute(
                "SELECT workspace FROM wakeups WHERE visit_at <= ? AND version > 0 "
                "AND (lease_until IS NULL OR lease_until <= ?) "
                "ORDER BY visit_at, workspace LIMIT ?",
                (stamp, stamp, max(limit, 0)),
            ).fetchall()
            names = [str(row[0]) for row in rows]
            conn.executemany(
                "UPDATE wakeups SET lease_owner = ?, lease_until = ? WHERE workspace = ?",
                ((owner, _ts(now + lease), name) for name in names),
            )
        return names

    def wakeup_record(
        self,
        workspace: str,
        *,
        version: int,
        wake_at: datetime | None,
        agenda: Sequence[tuple[datetime, str]],
        owner: str | None = None,
    ) -> bool:
        validate_workspace_name(workspace)
        wake = _opt_ts(wake_at)
        summary = json.dumps([[_ts(due), code] for due, code in agenda])
        with self._writing(f"record workspace {workspace!r} in the wake-up index") as conn:
            conn.execute(
                "INSERT INTO wakeups (workspace, version, visit_at) VALUES (?, 0, NULL) "
                "ON CONFLICT (workspace) DO NOTHING",
                (workspace,),
            )
            if owner is not None:
                conn.execute(
                    "UPDATE wakeups SET lease_owner = NULL, lease_until = NULL "
                    "WHERE workspace = ? AND lease_owner = ?",
                    (workspace, owner),
                )
            changed = conn.execute(
                "UPDATE wakeups SET indexed_version = ?, wake_at = ?, agenda = ?, "
                "visit_at = CASE WHEN version > ? THEN '' ELSE ? END "
                "WHERE workspace = ? AND indexed_version <= ?",
                (version, wake, summary, version, wake, workspace, version),
            ).rowcount
        return changed == 1

    def wakeup_entries(self, workspaces: Collection[str] | None = None) -> list[WakeupEntry]:
        names = None if workspaces is None else json.dumps(sorted(workspaces))
        with self._reading("read the wake-up index") as conn:
            rows = conn.execute(
                "SELECT workspace, version, indexed_version, wake_at, agenda FROM wakeups "
                "WHERE version > 0 "
                "AND (? IS NULL OR workspace IN (SELECT value FROM json_each(?))) "
                "ORDER BY workspace",
                (names, names),
            ).fetchall()
        return [
            WakeupEntry(
                workspace=str(ws),
                version=int(version),
                indexed_version=int(indexed),
                wake_at=_parse_ts(wake),
                agenda=tuple((datetime.fromisoformat(d), str(c)) for d, c in json.loads(agenda)),
            )
            for ws, version, indexed, wake, agenda in rows
        ]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(sqlite3.Error):
                    # Fold the write-ahead log back into the file, so that it is self-contained.
                    if not self._read_only:
                        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.close()
                self._conn = None


@hookimpl
def afterview_open_store(url: str) -> SQLiteStore | None:
    if not url.startswith(PREFIX):
        return None
    return SQLiteStore(url)


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"store": [PREFIX]}
