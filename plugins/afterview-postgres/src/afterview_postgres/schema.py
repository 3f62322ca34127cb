"""The database schema and its versioned migrations.

``afterview_schema`` holds the version applied. Every store that opens takes a transaction-level
advisory lock before reading it, so processes starting together migrate once, one after another;
a migration is applied with its version bump in one transaction, so it happens entirely or not.
"""

from __future__ import annotations

from typing import Final, LiteralString

import psycopg
import psycopg.errors

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
    # 2: tenancy. Which role may reach which workspaces, enforced by row-level security on every
    # table with a workspace column (see afterview_postgres.tenancy and docs/postgres.md).
    """
    CREATE TABLE afterview_grants (
        -- A role, by OID: a typo is refused when granting, and a renamed role keeps its grants.
        role      regrole NOT NULL,
        -- A workspace name, or '*' for every workspace (no workspace name contains '*').
        workspace text    NOT NULL CHECK (workspace <> ''),
        PRIMARY KEY (role, workspace)
    );
    -- Not forced: the tables' owner manages every role's grants; any other role reads its own.
    ALTER TABLE afterview_grants ENABLE ROW LEVEL SECURITY;
    CREATE POLICY afterview_own_grants ON afterview_grants FOR SELECT
        USING (role = pg_catalog.to_regrole(pg_catalog.quote_ident(CURRENT_USER)));
    GRANT SELECT ON afterview_grants, afterview_schema TO PUBLIC;

    -- Whoever used the tables before keeps every workspace: their owner, the roles granted
    -- privileges on them, and the role migrating. Delete a '*' grant to scope such a role.
    INSERT INTO afterview_grants (role, workspace)
    SELECT DISTINCT who::regrole, '*' FROM (
        SELECT c.relowner AS who FROM pg_catalog.pg_class c
            WHERE c.oid = 'afterview_events'::regclass
        UNION SELECT a.grantee FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a
            WHERE c.oid IN ('afterview_events'::regclass, 'afterview_outbox'::regclass)
            AND a.grantee <> 0
        UNION SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER
    ) AS roles;

    -- Row-level security for a table with a workspace column: a row is visible to, and may
    -- be written by, a role with a grant for its workspace (or '*'). Forced, so the owner is
    -- held to its grants too; only superusers and BYPASSRLS roles pass without one. Every name
    -- in the policy is resolved now, so a role's search_path cannot redirect it later.
    CREATE FUNCTION afterview_isolate(target regclass) RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $isolate$
    DECLARE
        -- The grants table of the target's schema, by its qualified name.
        grants text := format('%I.afterview_grants', (SELECT n.nspname FROM pg_namespace n
                              JOIN pg_class c ON c.relnamespace = n.oid WHERE c.oid = target));
        me     text := 'pg_catalog.to_regrole(pg_catalog.quote_ident(CURRENT_USER))';
        reach  text;
    BEGIN
        reach := format(
            'EXISTS (SELECT FROM %1$s g WHERE g.role = %2$s AND g.workspace = ''*'')'
            ' OR workspace = ANY (ARRAY(SELECT g.workspace FROM %1$s g WHERE g.role = %2$s))',
            grants, me);
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
        EXECUTE format('DROP POLICY IF EXISTS afterview_workspace_scope ON %s', target);
        EXECUTE format(
            'CREATE POLICY afterview_workspace_scope ON %s USING (%s) WITH CHECK (%s)',
            target, reach, reach);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO PUBLIC', target);
    END
    $isolate$;
    REVOKE EXECUTE ON FUNCTION afterview_isolate(regclass) FROM PUBLIC;

    -- Every afterview table holding workspaces' rows, whichever migration created it.
    SELECT afterview_isolate(c.oid) FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace'
        WHERE c.relkind IN ('r', 'p') AND c.relname LIKE 'afterview\\_%'
        AND c.relname <> 'afterview_grants' AND NOT a.attisdropped
        AND c.relnamespace = (SELECT g.relnamespace FROM pg_catalog.pg_class g
                              WHERE g.oid = 'afterview_grants'::regclass);
    """,
    # 3: crypto-shredding.
    """
    -- One key per person whose personal fields are sealed (afterview.sealing); forget deletes
    -- the row, and with it the only way to read what was sealed, in the heap, WAL and backups.
    CREATE TABLE afterview_keys (
        workspace text  NOT NULL,
        subject   text  NOT NULL,
        key       bytea NOT NULL,
        PRIMARY KEY (workspace, subject)
    );
    -- Held to each role's grants like every table with a workspace column (migration 2).
    SELECT afterview_isolate('afterview_keys'::regclass);
    """,
    # 4: snapshots.
    """
    -- One snapshot of each workspace's folded state (afterview.snapshot), sealed by the core:
    -- a cache of the log, which redact and forget remove.
    CREATE TABLE afterview_snapshots (
        workspace    text    NOT NULL PRIMARY KEY,
        position     bigint  NOT NULL CHECK (position > 0),
        fold_version integer NOT NULL,
        data         bytea   NOT NULL
    );
    -- Sealed bytes do not compress: spare TOAST the attempt.
    ALTER TABLE afterview_snapshots ALTER COLUMN data SET STORAGE EXTERNAL;
    SELECT afterview_isolate('afterview_snapshots'::regclass);
    """,
    # 5: the wake-up index (afterview.store.WakeupIndex).
    """
    CREATE TABLE afterview_wakeups (
        workspace       text        PRIMARY KEY,
        -- The log's length, kept by the trigger below in the appending transaction itself.
        version         bigint      NOT NULL DEFAULT 0,
        -- The length the entry was worked out at by the last visit, and what it found.
        indexed_version bigint      NOT NULL DEFAULT 0,
        wake_at         timestamptz,
        agenda          text        NOT NULL DEFAULT '[]',
        lease_owner     text,
        lease_until     timestamptz,
        -- When a round must next look: at once when the log grew, else at the wake-up time
        -- (NULL: never, until the next append).
        visit_at        timestamptz GENERATED ALWAYS AS (
            CASE WHEN version > indexed_version THEN '-infinity'::timestamptz ELSE wake_at END
        ) STORED
    );
    -- A round reads this index only: an idle round over any number of workspaces is one probe.
    CREATE INDEX afterview_wakeups_visit ON afterview_wakeups (visit_at, workspace)
        WHERE visit_at IS NOT NULL;
    SELECT afterview_isolate('afterview_wakeups'::regclass);

    -- Every append marks its workspace stale, whoever appends and however: a statement-level
    -- trigger, so a batch of events costs one upsert. The search path is fixed now, so that a
    -- role's own cannot redirect the upsert.
    CREATE FUNCTION afterview_mark_appended() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $mark$
    BEGIN
        INSERT INTO afterview_wakeups AS w (workspace, version)
        SELECT a.workspace, max(a.position) FROM afterview_appended a GROUP BY a.workspace
        ON CONFLICT (workspace) DO UPDATE SET version = greatest(w.version, excluded.version);
        RETURN NULL;
    END
    $mark$;
    CREATE TRIGGER afterview_events_wakeup AFTER INSERT ON afterview_events
        REFERENCING NEW TABLE AS afterview_appended
        FOR EACH STATEMENT EXECUTE FUNCTION afterview_mark_appended();

    -- The workspaces already there are all stale: the first round visits each once.
    INSERT INTO afterview_wakeups (workspace, version)
    SELECT workspace, max(position) FROM afterview_events GROUP BY workspace;
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
        before = schema_version(conn)
        if before == LATEST:
            # Nothing to do: a role without the right to create tables (a tenant's) gets here.
            return before
        if before > LATEST:
            raise StoreError(
                f"the database's afterview schema is version {before}, newer than this "
                f"afterview-postgres knows ({LATEST}); upgrade afterview-postgres"
            )
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS afterview_schema (version integer NOT NULL)")
            for script in MIGRATIONS[before:]:
                conn.execute(script)
        except psycopg.errors.InsufficientPrivilege:
            raise StoreError(
                f"the database's afterview schema is version {before} and needs migrating to "
                f"{LATEST}, which this role may not do: open the store once as the role that "
                "owns the afterview tables (or may create them)"
            ) from None
        if before == 0:
            conn.execute("INSERT INTO afterview_schema (version) VALUES (%s)", (LATEST,))
        elif before < LATEST:
            conn.execute("UPDATE afterview_schema SET version = %s", (LATEST,))
    return before
