"""The PostgreSQL store: every workspace's log and outbox in two tables of one database.

Every statement is scoped to one workspace except :meth:`PostgresStore.claim_due` and
:meth:`PostgresStore.workspaces`, which serve a platform's dispatchers. Under all of them, the
database's row-level security holds the connected role to its grants (``tenancy.py``).
Connections come from a ``psycopg_pool`` pool that drops connections the server has closed
before lending them, so a server restart costs at most the operations that were in flight,
never the ones after it.
"""

from __future__ import annotations

import json
import selectors
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, Final, LiteralString

import psycopg
import psycopg.errors
from psycopg.conninfo import make_conninfo
from psycopg.rows import TupleRow
from psycopg_pool import ConnectionPool, PoolClosed, PoolTimeout

from afterview import (
    AfterviewError,
    ConcurrencyError,
    DataError,
    NotFoundError,
    OutboxItem,
    OutboxStatus,
    ScopeError,
    Snapshot,
    StoredEvent,
    StoreError,
    WakeupEntry,
    scrub_url,
)
from afterview.store import validate_workspace_name
from afterview_postgres import tenancy
from afterview_postgres.schema import migrate
from afterview_postgres.url import ConnectionSettings, parse_url

__all__ = ["PostgresStore", "PostgresWorkspaceStore"]

Connection = psycopg.Connection[TupleRow]

_COLUMNS: Final = (
    "workspace, key, channel, payload, due, status, attempts, next_attempt_at, lease_until, "
    "last_error, delivered_at"
)
# Pending, due by now, and not leased to a dispatcher that may still be working on it.
_CLAIMABLE: Final = (
    "status = 'pending' AND next_at <= %(now)s AND (lease_until IS NULL OR lease_until <= %(now)s)"
)


def _claim_sql(scope: LiteralString) -> LiteralString:
    # SKIP LOCKED lets concurrent dispatchers take disjoint batches instead of queueing.
    return (
        "WITH picked AS ("
        f" SELECT workspace, key FROM afterview_outbox WHERE {scope} {_CLAIMABLE}"
        " ORDER BY next_at, workspace, key LIMIT %(limit)s FOR UPDATE SKIP LOCKED)"
        " UPDATE afterview_outbox AS o SET lease_until = %(lease_until)s FROM picked"
        " WHERE o.workspace = picked.workspace AND o.key = picked.key"
        f" RETURNING {', '.join('o.' + c for c in _COLUMNS.split(', '))}, o.next_at"
    )


_CLAIM_ONE_WORKSPACE: Final = _claim_sql("workspace = %(workspace)s AND")
_CLAIM_ANY_WORKSPACE: Final = _claim_sql("")
_CLAIM_SOME_WORKSPACES: Final = _claim_sql("workspace = ANY(%(names)s::text[]) AND")


def _item(row: Sequence[Any]) -> OutboxItem:
    return OutboxItem(
        workspace=row[0],
        key=row[1],
        channel=row[2],
        payload=row[3],
        due=row[4],
        status=OutboxStatus(row[5]),
        attempts=row[6],
        next_attempt_at=row[7],
        lease_until=row[8],
        last_error=row[9],
        delivered_at=row[10],
    )


def _claimed(rows: Sequence[Sequence[Any]]) -> list[OutboxItem]:
    # RETURNING keeps no order; hand items out soonest first, like the claim query picked them.
    return [_item(r) for r in sorted(rows, key=lambda r: (r[11], r[0], r[1]))]


def _check_aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise DataError(f"{name} must be timezone-aware (got a naive datetime)", path=f"$.{name}")


class PostgresWorkspaceStore:
    """One workspace's log and outbox: every statement filters on the workspace's name."""

    def __init__(self, store: PostgresStore, name: str) -> None:
        self._store = store
        self._name = name

    def __repr__(self) -> str:
        return f"<PostgresWorkspaceStore {self._name!r} in {self._store.url!r}>"

    @property
    def name(self) -> str:
        return self._name

    def _version(self, conn: Connection) -> int:
        row = conn.execute(
            "SELECT coalesce(max(position), 0) FROM afterview_events WHERE workspace = %s",
            (self._name,),
        ).fetchone()
        return int(row[0]) if row else 0

    def version(self) -> int:
        with self._store.connection(f"read the version of workspace {self._name!r}") as conn:
            return self._version(conn)

    def append(
        self, records: Sequence[str], *, expected_version: int, recorded_at: datetime
    ) -> int:
        _check_aware("recorded_at", recorded_at)
        for index, record in enumerate(records):
            if "\x00" in record:
                # PostgreSQL text cannot hold NUL; JSON escapes it, so only a bad record has one.
                raise DataError(f"record {index} contains a NUL character", path=f"$[{index}]")
        data = list(records)
        with self._store.connection(f"append to workspace {self._name!r}") as conn:
            if expected_version < 0:
                raise ConcurrencyError(self._name, expected_version, self._version(conn))
            if not data:
                actual = self._version(conn)
                if actual != expected_version:
                    raise ConcurrencyError(self._name, expected_version, actual)
                return actual
            try:
                # One statement, so one round trip and atomic without a transaction block: it
                # inserts nothing when the log is shorter than expected, and the primary key
                # refuses it when another writer already took the positions. The records go
                # as one binary array, which spares quoting them.
                inserted = conn.execute(
                    "INSERT INTO afterview_events (workspace, position, data, recorded_at)"
                    " SELECT %(ws)s, %(v)s + r.n, r.data, %(at)s"
                    " FROM unnest(%(data)b::text[]) WITH ORDINALITY AS r(data, n)"
                    " WHERE %(v)s = 0 OR EXISTS (SELECT 1 FROM afterview_events"
                    "  WHERE workspace = %(ws)s AND position = %(v)s)",
                    {"ws": self._name, "v": expected_version, "at": recorded_at, "data": data},
                ).rowcount
            except psycopg.errors.UniqueViolation:
                raise ConcurrencyError(self._name, expected_version, self._version(conn)) from None
            if inserted != len(data):
                raise ConcurrencyError(self._name, expected_version, self._version(conn))
            return expected_version + len(data)

    def read(self, after: int = 0) -> Iterator[StoredEvent]:
        with self._store.connection(f"read workspace {self._name!r}") as conn:
            rows = conn.execute(
                "SELECT position, data, recorded_at FROM afterview_events"
                " WHERE workspace = %s AND position > %s ORDER BY position",
                (self._name, max(after, 0)),
            ).fetchall()
        return (StoredEvent(int(p), d, at) for p, d, at in rows)

    def redact(self, replacements: Mapping[int, str]) -> None:
        if not replacements:
            return
        positions = sorted(replacements)
        with (
            self._store.connection(f"redact workspace {self._name!r}") as conn,
            conn.transaction(),
        ):
            found = conn.execute(
                "SELECT array_agg(position) FROM afterview_events"
                " WHERE workspace = %s AND position = ANY(%s)",
                (self._name, positions),
            ).fetchone()
            present = set(found[0] or ()) if found else set()
            missing = [p for p in positions if p not in present]
            if missing:
                raise NotFoundError(f"workspace {self._name!r} has no event #{missing[0]}")
            with conn.cursor() as cur:
                cur.executemany(
                    "UPDATE afterview_events SET data = %s WHERE workspace = %s AND position = %s",
                    [(replacements[p], self._name, p) for p in positions],
                )
            # Folded from the old text: it goes with it.
            dropped = conn.execute(
                "DELETE FROM afterview_snapshots WHERE workspace = %s", (self._name,)
            ).rowcount
        # An UPDATE leaves the old row version in the table's pages until VACUUM frees it.
        self._store.vacuum_events()
        if dropped:
            self._store.vacuum_snapshots()

    # --- the snapshot -----------------------------------------------------------------------

    def snapshot_get(self) -> Snapshot | None:
        with self._store.connection(f"read the snapshot of workspace {self._name!r}") as conn:
            row = conn.execute(
                "SELECT position, fold_version, data FROM afterview_snapshots WHERE workspace = %s",
                (self._name,),
            ).fetchone()
        return None if row is None else Snapshot(int(row[0]), int(row[1]), bytes(row[2]))

    def snapshot_put(self, snapshot: Snapshot) -> bool:
        with self._store.connection(f"keep a snapshot of workspace {self._name!r}") as conn:
            # One statement: kept only within the log, and never over a later snapshot.
            cursor = conn.execute(
                "INSERT INTO afterview_snapshots (workspace, position, fold_version, data)"
                " SELECT %(ws)s, %(p)s, %(v)s, %(data)s WHERE %(p)s > 0 AND EXISTS"
                " (SELECT 1 FROM afterview_events WHERE workspace = %(ws)s AND position = %(p)s)"
                " ON CONFLICT (workspace) DO UPDATE SET position = excluded.position,"
                " fold_version = excluded.fold_version, data = excluded.data"
                " WHERE excluded.position >= afterview_snapshots.position",
                {
                    "ws": self._name,
                    "p": snapshot.position,
                    "v": snapshot.fold_version,
                    "data": bytes(snapshot.data),
                },
            )
            if cursor.rowcount == 1:
                return True
            if not 1 <= snapshot.position <= self._version(conn):
                raise DataError(
                    f"a snapshot at position {snapshot.position} is outside the log of "
                    f"workspace {self._name!r}"
                )
            return False

    def snapshot_delete(self) -> bool:
        with self._store.connection(f"delete the snapshot of workspace {self._name!r}") as conn:
            deleted = conn.execute(
                "DELETE FROM afterview_snapshots WHERE workspace = %s", (self._name,)
            ).rowcount
        if deleted:
            # The deleted row stays in the table's pages until VACUUM frees it.
            self._store.vacuum_snapshots()
        return deleted > 0

    # --- outbox ---------------------------------------------------------------------------

    def outbox_redact(
        self, replacements: Mapping[str, str], errors: Mapping[str, str] | None = None
    ) -> None:
        errors = errors or {}
        if not replacements and not errors:
            return
        keys = sorted({*replacements, *errors})
        with (
            self._store.connection(f"redact the outbox of workspace {self._name!r}") as conn,
            conn.transaction(),
        ):
            found = conn.execute(
                "SELECT array_agg(key) FROM afterview_outbox"
                " WHERE workspace = %s AND key = ANY(%s)",
                (self._name, keys),
            ).fetchone()
            present = set(found[0] or ()) if found else set()
            missing = [k for k in keys if k not in present]
            if missing:
                raise NotFoundError(f"no outbox item {missing[0]!r} in workspace {self._name!r}")
            with conn.cursor() as cur:
                if replacements:
                    cur.executemany(
                        "UPDATE afterview_outbox SET payload = %s"
                        " WHERE workspace = %s AND key = %s",
                        [(replacements[k], self._name, k) for k in sorted(replacements)],
                    )
                if errors:
                    cur.executemany(
                        "UPDATE afterview_outbox SET last_error = %s"
                        " WHERE workspace = %s AND key = %s",
                        [(errors[k], self._name, k) for k in sorted(errors)],
                    )
        # As for events: the old row versions stay in the pages until VACUUM frees them.
        self._store.vacuum_outbox()

    # --- keys -----------------------------------------------------------------------------

    def key_get(self, subject: str) -> bytes | None:
        with self._store.connection(f"read a key of workspace {self._name!r}") as conn:
            row = conn.execute(
                "SELECT key FROM afterview_keys WHERE workspace = %s AND subject = %s",
                (self._name, subject),
            ).fetchone()
        return None if row is None else bytes(row[0])

    def key_create(self, subject: str, key: bytes) -> bytes:
        with self._store.connection(f"store a key of workspace {self._name!r}") as conn:
            # One statement: the first writer's key wins, and every writer gets that one back.
            row = conn.execute(
                "WITH added AS (INSERT INTO afterview_keys (workspace, subject, key)"
                " VALUES (%(ws)s, %(subject)s, %(key)s) ON CONFLICT DO NOTHING RETURNING key)"
                " SELECT key FROM added UNION ALL SELECT key FROM afterview_keys"
                " WHERE workspace = %(ws)s AND subject = %(subject)s LIMIT 1",
                {"ws": self._name, "subject": subject, "key": bytes(key)},
            ).fetchone()
            if row is None:
                # Another writer's key was committed after this statement's snapshot: it
                # is visible to the next one.
                row = conn.execute(
                    "SELECT key FROM afterview_keys WHERE workspace = %s AND subject = %s",
                    (self._name, subject),
                ).fetchone()
        if row is None:
            raise StoreError(f"a key of workspace {self._name!r} vanished while it was stored")
        return bytes(row[0])

    def key_destroy(self, subject: str) -> bool:
        with self._store.connection(f"destroy a key of workspace {self._name!r}") as conn:
            deleted = conn.execute(
                "DELETE FROM afterview_keys WHERE workspace = %s AND subject = %s",
                (self._name, subject),
            ).rowcount
        # The deleted row stays in the table's pages until VACUUM frees it.
        self._store.vacuum_keys()
        return deleted > 0

    def outbox_put(self, item: OutboxItem) -> bool:
        with self._store.connection(f"add to the outbox of workspace {self._name!r}") as conn:
            cursor = conn.execute(
                f"INSERT INTO afterview_outbox ({_COLUMNS})"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (workspace, key) DO NOTHING",
                (
                    self._name,
                    item.key,
                    item.channel,
                    item.payload,
                    item.due,
                    item.status.value,
                    item.attempts,
                    item.next_attempt_at,
                    item.lease_until,
                    item.last_error,
                    item.delivered_at,
                ),
            )
            return cursor.rowcount == 1

    def outbox_put_new(self, items: Sequence[OutboxItem]) -> int:
        if not items:
            return 0
        with self._store.connection(f"add to the outbox of workspace {self._name!r}") as conn:
            # One statement for the whole batch, the items as arrays: keys already queued
            # cost nothing more than the conflict check.
            return conn.execute(
                f"INSERT INTO afterview_outbox ({_COLUMNS})"
                " SELECT %(ws)s, t.* FROM unnest(%(keys)s::text[], %(channels)s::text[],"
                " %(payloads)s::text[], %(dues)s::timestamptz[], %(statuses)s::text[],"
                " %(attempts)s::integer[], %(retries)s::timestamptz[], %(leases)s::timestamptz[],"
                " %(errors)s::text[], %(delivered)s::timestamptz[]) AS t"
                " ON CONFLICT (workspace, key) DO NOTHING",
                {
                    "ws": self._name,
                    "keys": [i.key for i in items],
                    "channels": [i.channel for i in items],
                    "payloads": [i.payload for i in items],
                    "dues": [i.due for i in items],
                    "statuses": [i.status.value for i in items],
                    "attempts": [i.attempts for i in items],
                    "retries": [i.next_attempt_at for i in items],
                    "leases": [i.lease_until for i in items],
                    "errors": [i.last_error for i in items],
                    "delivered": [i.delivered_at for i in items],
                },
            ).rowcount

    def outbox_claim(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        _check_aware("now", now)
        if limit <= 0:
            return []
        with self._store.connection(f"claim from workspace {self._name!r}") as conn:
            rows = conn.execute(
                _CLAIM_ONE_WORKSPACE,
                {"workspace": self._name, "now": now, "limit": limit, "lease_until": now + lease},
            ).fetchall()
        return _claimed(rows)

    def _update(
        self, action: str, key: str, sql: LiteralString, params: dict[str, Any]
    ) -> OutboxItem:
        with self._store.connection(f"{action} outbox item in workspace {self._name!r}") as conn:
            row = conn.execute(
                f"UPDATE afterview_outbox SET {sql} WHERE workspace = %(workspace)s"
                f" AND key = %(key)s RETURNING {_COLUMNS}",
                {**params, "workspace": self._name, "key": key},
            ).fetchone()
        if row is None:
            raise NotFoundError(f"no outbox item {key!r} in workspace {self._name!r}")
        return _item(row)

    def outbox_ack(self, key: str, *, now: datetime) -> None:
        _check_aware("now", now)
        self._update(
            "acknowledge",
            key,
            "status = 'delivered', attempts = attempts + 1, delivered_at = %(now)s,"
            " lease_until = NULL",
            {"now": now},
        )

    def outbox_fail(
        self, key: str, *, now: datetime, retry_at: datetime, error: str, max_attempts: int
    ) -> OutboxItem:
        _check_aware("now", now)
        _check_aware("retry_at", retry_at)
        return self._update(
            "record a failed",
            key,
            "attempts = attempts + 1,"
            " status = CASE WHEN attempts + 1 >= %(max)s THEN 'dead' ELSE status END,"
            " next_attempt_at = %(retry_at)s, lease_until = NULL, last_error = %(error)s",
            {"max": max_attempts, "retry_at": retry_at, "error": error},
        )

    def outbox_items(self, status: OutboxStatus | None = None) -> list[OutboxItem]:
        wanted = None if status is None else status.value
        with self._store.connection(f"list the outbox of workspace {self._name!r}") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM afterview_outbox WHERE workspace = %(ws)s"
                " AND (%(status)s::text IS NULL OR status = %(status)s::text) ORDER BY due, key",
                {"ws": self._name, "status": wanted},
            ).fetchall()
        return [_item(r) for r in rows]

    def outbox_retry(self, key: str, *, now: datetime) -> OutboxItem:
        _check_aware("now", now)
        return self._update(
            "retry",
            key,
            "status = 'pending', attempts = 0, next_attempt_at = %(now)s, lease_until = NULL",
            {"now": now},
        )


class PostgresStore:
    """Many workspaces in one PostgreSQL database, migrated to the current schema on open.

    :param url: ``postgresql://user:password@host:port/database?pool_min=1&pool_max=10``; the
        ``pool_*`` options are afterview's, every other query parameter goes to libpq.
    :raises StoreError: the server cannot be reached, refuses the login, or migrating failed.
    """

    def __init__(self, url: str) -> None:
        self._settings: ConnectionSettings = parse_url(url)
        self._pool: ConnectionPool[Connection] | None = None
        with self._errors("connect"):
            # One direct connection first: it reports the server's reason for refusing us (the
            # pool would only report a timeout), and it runs the migrations.
            conninfo = self._settings.conninfo
            if "connect_timeout=" not in conninfo:  # the URL's own, when it has one, wins
                conninfo = make_conninfo(
                    conninfo, connect_timeout=max(1, int(self._settings.pool_timeout))
                )
            with psycopg.connect(conninfo) as conn:
                migrate(conn)
                # A role limited to some workspaces is refused the others by the API too.
                self._unrestricted = tenancy.unrestricted(conn)
            pool: ConnectionPool[Connection] = ConnectionPool(
                self._settings.conninfo,
                min_size=self._settings.pool_min,
                max_size=self._settings.pool_max,
                timeout=self._settings.pool_timeout,
                open=False,
                kwargs={"autocommit": True},
                check=_check_idle,
                configure=_configure,
                name="afterview",
            )
            try:
                pool.open(wait=self._settings.pool_min > 0, timeout=self._settings.pool_timeout)
            except BaseException:
                pool.close()  # stop its reconnecting threads
                raise
            self._pool = pool

    def __repr__(self) -> str:
        return f"<PostgresStore {self.url!r}>"

    @property
    def url(self) -> str:
        return self._settings.url

    @property
    def pool(self) -> ConnectionPool[Connection]:
        if self._pool is None:
            raise StoreError(f"PostgreSQL store {self.url!r} is closed")
        return self._pool

    def _scrub(self, text: str) -> str:
        text = scrub_url(text, self._settings.raw)
        password = self._settings.password
        return text.replace(password, "***") if password else text

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn the driver's and the pool's errors into :class:`StoreError` without secrets."""
        try:
            yield
        except AfterviewError:
            raise
        except (psycopg.Error, PoolTimeout, PoolClosed) as exc:
            detail = str(exc).strip() or type(exc).__name__
            clean = self._scrub(detail)
            error = StoreError(f"PostgreSQL store {self.url!r} cannot {action}: {clean}")
            if clean == detail:
                raise error from exc
        else:
            return
        # The original message held a secret: raised past the handler, so that it is not even
        # kept as the context of this one.
        raise error

    @contextmanager
    def connection(self, action: str) -> Iterator[Connection]:
        """A pooled connection in autocommit mode: each statement is its own transaction, and
        several statements that must stand or fall together go in ``conn.transaction()``."""
        with self._errors(action), self.pool.connection() as conn:
            yield conn

    def vacuum_events(self) -> None:
        """``VACUUM`` the events table (outside any transaction, as PostgreSQL requires)."""
        with self.connection("vacuum the events table") as conn:
            conn.execute("VACUUM afterview_events")

    def vacuum_outbox(self) -> None:
        """``VACUUM`` the outbox table, after a payload was redacted."""
        with self.connection("vacuum the outbox table") as conn:
            conn.execute("VACUUM afterview_outbox")

    def vacuum_keys(self) -> None:
        """``VACUUM`` the key table, after a key was destroyed."""
        with self.connection("vacuum the key table") as conn:
            conn.execute("VACUUM afterview_keys")

    def vacuum_snapshots(self) -> None:
        """``VACUUM`` the snapshot table, after a snapshot was deleted or dropped by a redact."""
        with self.connection("vacuum the snapshot table") as conn:
            conn.execute("VACUUM afterview_snapshots")

    def workspace(self, name: str) -> PostgresWorkspaceStore:
        """The handle for workspace ``name``.

        :raises ScopeError: the connected role has no grant for ``name`` (row-level security
            would hide its rows and refuse writes to it).
        """
        validate_workspace_name(name)
        if not self._unrestricted:
            with self.connection(f"check the grant of workspace {name!r}") as conn:
                if not tenancy.granted(conn, [name, tenancy.EVERY_WORKSPACE]):
                    raise ScopeError(name, "the database role has no grant for it")
        return PostgresWorkspaceStore(self, name)

    @property
    def scope(self) -> frozenset[str] | None:
        """The workspaces the connected role is granted, or None when it reaches every one."""
        if self._unrestricted:
            return None
        with self.connection("read the role's grants") as conn:
            names = tenancy.granted(conn)
        return None if tenancy.EVERY_WORKSPACE in names else names

    def grant(self, role: str, workspaces: Iterable[str]) -> None:
        """Let database role ``role`` reach ``workspaces`` (``"*"``: every one). Takes a
        connection as the role that owns the afterview tables.

        :raises DataError: no such role, or an invalid workspace name.
        :raises StoreError: this connection's role may not change grants.
        """
        with self.connection(f"grant workspaces to role {role!r}") as conn:
            tenancy.grant(conn, role, workspaces)

    def revoke(self, role: str, workspaces: Iterable[str]) -> None:
        """Take ``workspaces`` away from database role ``role``; see :meth:`grant`."""
        with self.connection(f"revoke workspaces from role {role!r}") as conn:
            tenancy.revoke(conn, role, workspaces)

    def workspaces(self) -> list[str]:
        if not self._unrestricted:
            with self.connection("list workspaces") as conn:
                # A role held to its grants: probe the log of each granted workspace only
                # (row-level security would hide the others anyway, after reading them).
                return tenancy.granted_with_events(conn)
        with self.connection("list workspaces") as conn:
            # A loose index scan: one probe of the primary key per workspace, not a full scan.
            rows = conn.execute(
                "WITH RECURSIVE names(name) AS ("
                " SELECT min(workspace) FROM afterview_events"
                " UNION ALL SELECT (SELECT min(workspace) FROM afterview_events"
                "  WHERE workspace > names.name) FROM names WHERE names.name IS NOT NULL)"
                " SELECT name FROM names WHERE name IS NOT NULL"
            ).fetchall()
        return [str(r[0]) for r in rows]

    def claim_due(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        _check_aware("now", now)
        if limit <= 0:
            return []
        with self.connection("claim due outbox items") as conn:
            rows = conn.execute(
                _CLAIM_ANY_WORKSPACE, {"now": now, "limit": limit, "lease_until": now + lease}
            ).fetchall()
        return _claimed(rows)

    def claim_due_among(
        self, workspaces: Collection[str], now: datetime, *, lease: timedelta, limit: int
    ) -> list[OutboxItem]:
        """Like :meth:`claim_due`, for the items of ``workspaces`` only (for scoped stores)."""
        _check_aware("now", now)
        names = sorted(workspaces)
        if limit <= 0 or not names:
            return []
        with self.connection("claim due outbox items of some workspaces") as conn:
            rows = conn.execute(
                _CLAIM_SOME_WORKSPACES,
                {"names": names, "now": now, "limit": limit, "lease_until": now + lease},
            ).fetchall()
        return _claimed(rows)

    # --- the wake-up index (see afterview.store.WakeupIndex) -------------------------------------

    def wakeup_claim(self, now: datetime, *, owner: str, lease: timedelta, limit: int) -> list[str]:
        _check_aware("now", now)
        if limit <= 0:
            return []
        with self.connection("claim workspaces from the wake-up index") as conn:
            # SKIP LOCKED: dispatchers claiming at once take disjoint batches, none waits.
            rows = conn.execute(
                "WITH picked AS (SELECT workspace FROM afterview_wakeups"
                " WHERE visit_at <= %(now)s AND version > 0"
                " AND (lease_until IS NULL OR lease_until <= %(now)s)"
                " ORDER BY visit_at, workspace LIMIT %(limit)s FOR UPDATE SKIP LOCKED)"
                " UPDATE afterview_wakeups AS w"
                " SET lease_owner = %(owner)s, lease_until = %(until)s"
                " FROM picked WHERE w.workspace = picked.workspace"
                # visit_at may be -infinity, which Python has no datetime for.
                " RETURNING w.workspace, w.version > w.indexed_version, w.wake_at",
                {"now": now, "limit": limit, "owner": owner, "until": now + lease},
            ).fetchall()
        # RETURNING keeps no order: the changed first, then by wake-up time, as picked.
        rows.sort(key=lambda r: (not r[1], r[2] or now, r[0]))
        return [str(r[0]) for r in rows]

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
        if wake_at is not None:
            _check_aware("wake_at", wake_at)
        summary = json.dumps([[due.isoformat(), code] for due, code in agenda])
        with self.connection(f"record workspace {workspace!r} in the wake-up index") as conn:
            # One statement: news older than the entry's changes nothing but the lease.
            row = conn.execute(
                # ``old`` reads the entry as the statement found it (the statement's snapshot);
                # the update itself decides on the row it locks.
                "WITH old AS (SELECT indexed_version FROM afterview_wakeups"
                "  WHERE workspace = %(ws)s)"
                " INSERT INTO afterview_wakeups AS w (workspace, indexed_version, wake_at, agenda)"
                " VALUES (%(ws)s, %(v)s, %(wake)s, %(agenda)s)"
                " ON CONFLICT (workspace) DO UPDATE SET"
                "  indexed_version = CASE WHEN w.indexed_version <= %(v)s"
                "   THEN %(v)s ELSE w.indexed_version END,"
                "  wake_at = CASE WHEN w.indexed_version <= %(v)s"
                "   THEN excluded.wake_at ELSE w.wake_at END,"
                "  agenda = CASE WHEN w.indexed_version <= %(v)s"
                "   THEN excluded.agenda ELSE w.agenda END,"
                "  lease_owner = CASE WHEN w.lease_owner = %(owner)s"
                "   THEN NULL ELSE w.lease_owner END,"
                "  lease_until = CASE WHEN w.lease_owner = %(owner)s"
                "   THEN NULL ELSE w.lease_until END"
                " RETURNING (SELECT coalesce(max(indexed_version), 0) FROM old) <= %(v)s",
                {"ws": workspace, "v": version, "wake": wake_at, "agenda": summary, "owner": owner},
            ).fetchone()
        return bool(row and row[0])

    def wakeup_entries(self, workspaces: Collection[str] | None = None) -> list[WakeupEntry]:
        names = None if workspaces is None else sorted(workspaces)
        with self.connection("read the wake-up index") as conn:
            rows = conn.execute(
                "SELECT workspace, version, indexed_version, wake_at, agenda"
                " FROM afterview_wakeups WHERE version > 0"
                " AND (%(names)s::text[] IS NULL OR workspace = ANY(%(names)s::text[]))"
                " ORDER BY workspace",
                {"names": names},
            ).fetchall()
        return [
            WakeupEntry(
                workspace=str(r[0]),
                version=int(r[1]),
                indexed_version=int(r[2]),
                wake_at=r[3],
                agenda=tuple(
                    (datetime.fromisoformat(due), str(code)) for due, code in json.loads(r[4])
                ),
            )
            for r in rows
        ]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def _configure(conn: Connection) -> None:
    # Timestamps come back in UTC whatever the server's or the role's default time zone.
    conn.execute("SET TIME ZONE 'UTC'")


def _check_idle(conn: Connection) -> None:
    """Refuse a pooled connection the server has hung up on, without a round trip.

    An idle connection has nothing to read unless the server closed it (a restart or an
    administrator's terminate sends a last message, then EOF): such a connection is dropped
    before it is lent, and the pool opens a fresh one.
    """
    # A selector, not select.select(): that one refuses descriptors past FD_SETSIZE (1024),
    # which a busy process's sockets easily are.
    with selectors.DefaultSelector() as selector:
        selector.register(conn.fileno(), selectors.EVENT_READ)
        readable = selector.select(timeout=0)
    if readable:
        conn.close()  # closed, the pool discards it instead of lending it again
        raise psycopg.OperationalError("the server closed this idle connection")
