"""The database schema and its versioned migrations.

``afterview_schema`` holds the version applied. Every store that opens takes a transaction-level
advisory lock before reading it, so processes starting together migrate once, one after another;
a migration is applied with its version bump in one transaction, so it happens entirely or not.
"""

from __future__ import annotations

from typing import Final, LiteralString

import psycopg

from afterview import StoreError

__all__ = ["LATEST", "MIGRATIONS", "migrate", "schema_version"]

#: Key of the advisory lock held while migrating (an arbitrary constant: "afterview" in ASCII).
LOCK_KEY: Final = 0x6166746572766965

#: Migration ``n`` (1-based) takes the schema from version ``n - 1`` to ``n``. Append only.
MIGRATIONS: Final[tuple[LiteralString, ...]] = (
    """
    CREATE TABLE afterview_events (
        workspace   text        NOT NULL,
        position    bigint      NOT NULL CHECK (position > 0),
        data        text        NOT NULL,
        recorded_at timestamptz NOT NULL,
        -- The key is the optimistic concurrency check: two writers cannot fill one position.
        PRIMARY KEY (workspace, position)
    );
    CREATE TABLE afterview_outbox (
        workspace       text        NOT NULL,
        key             text        NOT NULL,
        channel         text        NOT NULL,
        payload         text        NOT NULL,
        due             timestamptz NOT NULL,
        status          text        NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until     timestamptz,
        last_error      text,
        delivered_at    timestamptz,
        -- When the item is next due: its retry time, else its due time.
        next_at         timestamptz GENERATED ALWAYS AS (coalesce(next_attempt_at, due)) STORED,
        PRIMARY KEY (workspace, key)
    );
    -- Claiming reads pending items in next_at order; only pending rows are indexed, so the
    -- index stays as small as the backlog however many delivered items accumulate.
    CREATE INDEX afterview_outbox_pending ON afterview_outbox (next_at, workspace, key)
        WHERE status = 'pending';
    """,
    """
    -- One key per person whose personal fields are sealed (afterview.sealing); forget deletes
    -- the row, and with it the only way to read what was sealed, in the heap, WAL and backups.
    CREATE TABLE afterview_keys (
        workspace text  NOT NULL,
        subject   text  NOT NULL,
        key       bytea NOT NULL,
        PRIMARY KEY (workspace, subject)
    );
    """,
)
LATEST: Final = len(MIGRATIONS)


def schema_version(conn: psycopg.Connection[tuple[object, ...]]) -> int:
    """The schema version of the connected database (0 before the first migration)."""
    exists = conn.execute("SELECT to_regclass('afterview_schema') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT version FROM afterview_schema").fetchone()
    return int(str(row[0])) if row else 0


def migrate(conn: psycopg.Connection[tuple[object, ...]]) -> int:
    """Bring the database to :data:`LATEST`; return the version it was at before.

    :raises StoreError: the database was migrated by a newer afterview-postgres.
    """
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        conn.execute("CREATE TABLE IF NOT EXISTS afterview_schema (version integer NOT NULL)")
        before = schema_version(conn)
        if before > LATEST:
            raise StoreError(
                f"the database's afterview schema is version {before}, newer than this "
                f"afterview-postgres knows ({LATEST}); upgrade afterview-postgres"
            )
        for script in MIGRATIONS[before:]:
            conn.execute(script)
        if before == 0:
            conn.execute("INSERT INTO afterview_schema (version) VALUES (%s)", (LATEST,))
        elif before < LATEST:
            conn.execute("UPDATE afterview_schema SET version = %s", (LATEST,))
    return before
