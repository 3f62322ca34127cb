"""Tenants in one database: a role reaches only the workspaces granted to it, even in raw SQL.

Every test runs against the real server, as real roles: the tables' owner (which migrates and
grants), a coach granted two workspaces, a job seeker granted one, and a stranger granted none.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import attrs
import psycopg
import psycopg.errors
import pytest
from afterview_postgres import PostgresStore
from afterview_postgres.schema import MIGRATIONS

from afterview import (
    DataError,
    OutboxItem,
    PluginManager,
    ScopedStore,
    ScopeError,
    StoreError,
    Workspace,
    dumps_event,
)
from afterview import events as ev

if TYPE_CHECKING:
    from afterview_pg_fixtures import Server

pytest_plugins = ["afterview_pg_fixtures"]

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=5)
PASSWORD = "tenant-pw"
WORKSPACES = ("alice", "bob", "carol", "dave")


@attrs.define
class Tenancy:
    """A database and its roles; ``url(role)`` connects as one of them."""

    server_url: str
    database: str
    roles: dict[str, str]  # short name -> role name

    def url(self, who: str, query: str = "") -> str:
        parts = urlsplit(self.server_url)
        netloc = f"{self.roles[who]}:{PASSWORD}@{parts.hostname}:{parts.port}"
        return urlunsplit((parts.scheme, netloc, f"/{self.database}", query, ""))

    def sql(self, who: str) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.url(who), autocommit=True)


def _create_roles(admin_url: str, database: str, names: tuple[str, ...]) -> dict[str, str]:
    suffix = uuid.uuid4().hex[:8]
    roles = {name: f"av_{name}_{suffix}" for name in names}
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for role in roles.values():
            conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
        conn.execute(f'ALTER DATABASE "{database}" OWNER TO {roles["owner"]}')
    return roles


def _drop_roles(admin_url: str, roles: dict[str, str]) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for role in roles.values():
            conn.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.fixture
def tenancy(postgres_server: Server) -> Iterator[Tenancy]:
    """An empty database owned by a role of its own, and a coach, a job seeker, a stranger."""
    database = postgres_server.create_database()
    admin_url = postgres_server.admin_url
    roles = _create_roles(admin_url, database, ("owner", "coach", "carol", "stranger", "app"))
    try:
        yield Tenancy(admin_url, database, roles)
    finally:
        postgres_server.drop_database(database)
        _drop_roles(admin_url, roles)


def reminder(key: str, due: datetime) -> OutboxItem:
    return OutboxItem(
        key=key,
        workspace="-",
        channel="apprise:mailto://me:SECRET@mail.example",
        payload='{"title": "call back"}',
        due=due,
    )


@pytest.fixture
def platform(tenancy: Tenancy) -> Tenancy:
    """Four workspaces with events and reminders, written by the owner; the coach is granted
    alice and bob, carol's role carol."""
    owner = PostgresStore(tenancy.url("owner"))
    try:
        for n, name in enumerate(WORKSPACES):
            handle = owner.workspace(name)
            event = ev.OrganizationAdded(at=T0, organization_id=f"org_{name}", name=f"Org {name}")
            handle.append([dumps_event(event)], expected_version=0, recorded_at=T0)
            # Carol's and dave's reminders are the earliest: a leaking claim takes them first.
            early = name in ("carol", "dave")
            handle.outbox_put(reminder(f"r-{name}", T0 - timedelta(hours=(10 if early else 1) + n)))
        owner.grant(tenancy.roles["coach"], ["alice", "bob"])
        owner.grant(tenancy.roles["carol"], ["carol"])
    finally:
        owner.close()
    return tenancy


def workspace_tables(conn: psycopg.Connection[tuple[object, ...]]) -> list[str]:
    """Every afterview table holding workspaces' rows: whatever a migration adds is included."""
    rows = conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
        " WHERE a.attname = 'workspace' AND NOT a.attisdropped AND c.relkind IN ('r', 'p')"
        " AND c.relname LIKE 'afterview%%' AND c.relname <> 'afterview_grants'"
        " AND c.relnamespace = 'public'::regnamespace ORDER BY 1"
    ).fetchall()
    return [str(r[0]) for r in rows]


def seen(conn: psycopg.Connection[tuple[object, ...]], table: str) -> set[str]:
    return {str(r[0]) for r in conn.execute(f"SELECT DISTINCT workspace FROM {table}")}


# --- raw SQL ---------------------------------------------------------------------------------


def test_raw_sql_as_each_role_sees_only_its_workspaces_in_every_table(platform: Tenancy) -> None:
    with platform.sql("owner") as conn:
        tables = workspace_tables(conn)
        assert {"afterview_events", "afterview_outbox"} <= set(tables)
        assert all(seen(conn, t) == set(WORKSPACES) for t in ("afterview_events",))
    expected = {"coach": {"alice", "bob"}, "carol": {"carol"}, "stranger": set(), "app": set()}
    for who, reach in expected.items():
        with platform.sql(who) as conn:
            for table in tables:
                assert seen(conn, table) <= reach, (who, table)
            assert seen(conn, "afterview_events") == reach, who
            assert seen(conn, "afterview_outbox") == reach, who
            # It sees its own grants, and nobody else's.
            grants = conn.execute("SELECT role::text FROM afterview_grants").fetchall()
            assert {str(r[0]) for r in grants} <= {platform.roles[who]}


def test_raw_sql_as_a_coach_cannot_write_into_another_workspace(platform: Tenancy) -> None:
    with platform.sql("coach") as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO afterview_events VALUES ('carol', 2, '{}', now())")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO afterview_outbox (workspace, key, channel, payload, due)"
                " VALUES ('dave', 'x', 'console:', '{}', now())"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE afterview_events SET workspace = 'carol' WHERE workspace = 'bob'")
        for statement in (
            "UPDATE afterview_events SET data = 'x' WHERE workspace = 'carol'",
            "DELETE FROM afterview_events WHERE workspace = 'carol'",
            "UPDATE afterview_outbox SET lease_until = now() WHERE workspace <> 'alice'"
            " AND workspace <> 'bob'",
        ):
            assert conn.execute(statement).rowcount == 0, statement
        for statement in (
            "INSERT INTO afterview_grants VALUES (current_user::regrole, '*')",
            "TRUNCATE afterview_events",
            "ALTER TABLE afterview_events DISABLE ROW LEVEL SECURITY",
            "DROP POLICY afterview_workspace_scope ON afterview_events",
            f"SET ROLE {platform.roles['owner']}",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        # Turning row security off makes a query fail rather than see more.
        conn.execute("SET row_security = off")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("SELECT count(*) FROM afterview_events")
    with platform.sql("owner") as conn:
        rows = conn.execute(
            "SELECT workspace, position, data <> 'x', lease_until IS NULL FROM afterview_events"
            " JOIN afterview_outbox USING (workspace) ORDER BY 1"
        ).fetchall()
        assert rows == [(name, 1, True, True) for name in WORKSPACES]


def test_a_temporary_grants_table_on_the_search_path_grants_nothing(platform: Tenancy) -> None:
    with platform.sql("stranger") as conn:
        conn.execute("CREATE TEMP TABLE afterview_grants (role regrole, workspace text)")
        conn.execute("INSERT INTO afterview_grants VALUES (current_user::regrole, '*')")
        conn.execute("SET search_path = pg_temp, public")
        assert conn.execute("SELECT count(*) FROM public.afterview_events").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM afterview_grants").fetchone() == (1,)


def test_every_table_with_a_workspace_column_is_under_forced_row_security(
    tenancy: Tenancy,
) -> None:
    PostgresStore(tenancy.url("owner")).close()
    with tenancy.sql("owner") as conn:
        tables = workspace_tables(conn)
        for table in tables:
            row = conn.execute(
                "SELECT c.relrowsecurity, c.relforcerowsecurity,"
                " (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid"
                "  AND p.polname = 'afterview_workspace_scope')"
                " FROM pg_class c WHERE c.oid = %s::regclass",
                (table,),
            ).fetchone()
            assert row == (True, True, 1), (
                f"{table} has a workspace column but no tenant isolation: its migration must "
                f"run SELECT afterview_isolate('{table}')"
            )


# --- the afterview API -------------------------------------------------------------------------


def test_the_api_as_a_coachs_role_refuses_other_workspaces(platform: Tenancy) -> None:
    plugins = PluginManager(load_entry_points=False)
    import afterview_postgres.plugin

    plugins.register(afterview_postgres.plugin, name="postgres")
    coach = plugins.open_store(platform.url("coach"))
    try:
        assert coach.workspaces() == ["alice", "bob"]
        assert getattr(coach, "scope", None) == {"alice", "bob"}
        for name in ("carol", "dave", "erin"):
            with pytest.raises(ScopeError, match="no grant"):
                coach.workspace(name)
        assert len(list(coach.workspace("bob").read())) == 1
    finally:
        coach.close()
    with pytest.raises(ScopeError):
        Workspace.open(platform.url("coach"), name="carol", plugin_manager=plugins)
    # A role granted one workspace opens it without naming it.
    with Workspace.open(platform.url("carol"), plugin_manager=plugins) as ws:
        assert ws.name == "carol"
        assert "org_carol" in ws.state.organizations
    # The URL parameter narrows a coach's handle further, in the process.
    narrowed = plugins.open_store(platform.url("coach", "workspaces=alice"))
    try:
        assert isinstance(narrowed, ScopedStore)
        with pytest.raises(ScopeError):
            narrowed.workspace("bob")
        assert narrowed.workspaces() == ["alice"]
    finally:
        narrowed.close()


def test_claim_due_as_a_coach_claims_only_the_coachs_reminders(platform: Tenancy) -> None:
    coach = PostgresStore(platform.url("coach"))
    try:
        claimed = coach.claim_due(T0, lease=LEASE, limit=10)
        assert sorted((i.workspace, i.key) for i in claimed) == [
            ("alice", "r-alice"),
            ("bob", "r-bob"),
        ]
        assert coach.claim_due(T0 + 2 * LEASE, lease=LEASE, limit=10) != []
    finally:
        coach.close()
    with platform.sql("owner") as conn:
        untouched = conn.execute(
            "SELECT workspace FROM afterview_outbox WHERE lease_until IS NULL ORDER BY 1"
        ).fetchall()
        assert untouched == [("carol",), ("dave",)]


def test_a_grant_reaches_an_open_store_at_once_and_so_does_a_revoke(platform: Tenancy) -> None:
    owner = PostgresStore(platform.url("owner"))
    coach = PostgresStore(platform.url("coach"))
    role = platform.roles["coach"]
    try:
        owner.grant(role, ["dave"])
        assert [e.position for e in coach.workspace("dave").read()] == [1]
        handle = coach.workspace("dave")
        owner.revoke(role, ["dave"])
        assert list(handle.read()) == []  # the database hides it from the open handle
        with pytest.raises(ScopeError):
            coach.workspace("dave")
        with pytest.raises(StoreError):
            handle.outbox_put(reminder("sneaky", T0))
    finally:
        coach.close()
        owner.close()


def test_only_the_owner_changes_grants_and_only_for_real_roles(platform: Tenancy) -> None:
    owner = PostgresStore(platform.url("owner"))
    coach = PostgresStore(platform.url("coach"))
    try:
        with pytest.raises(DataError, match="no database role"):
            owner.grant("no_such_role_here", ["alice"])
        with pytest.raises(DataError, match="invalid workspace name"):
            owner.grant(platform.roles["stranger"], ["bad name"])
        with pytest.raises(StoreError, match="permission denied"):
            coach.grant(platform.roles["coach"], ["*"])
        assert coach.scope == frozenset({"alice", "bob"})
    finally:
        coach.close()
        owner.close()


def test_a_database_from_before_tenancy_keeps_its_roles_access_to_everything(
    tenancy: Tenancy,
) -> None:
    """Upgrading must not lock out a deployment's existing application role."""
    app = tenancy.roles["app"]
    with tenancy.sql("owner") as conn:
        conn.execute("CREATE TABLE afterview_schema (version integer NOT NULL)")
        conn.execute("INSERT INTO afterview_schema VALUES (1)")
        conn.execute(MIGRATIONS[0])
        conn.execute(f"GRANT SELECT, INSERT, UPDATE ON afterview_events, afterview_outbox TO {app}")
        conn.execute("INSERT INTO afterview_events VALUES ('old', 1, '{}', now())")
    PostgresStore(tenancy.url("owner")).close()  # migrates
    with tenancy.sql("app") as conn:
        assert seen(conn, "afterview_events") == {"old"}
    with tenancy.sql("stranger") as conn:
        assert seen(conn, "afterview_events") == set()


def test_a_tenant_role_cannot_migrate_and_says_who_can(tenancy: Tenancy) -> None:
    with pytest.raises(StoreError, match="owns the afterview tables"):
        PostgresStore(tenancy.url("stranger"))
