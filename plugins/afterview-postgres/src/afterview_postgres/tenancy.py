"""Tenancy: which database role may reach which workspaces.

The table ``afterview_grants`` holds ``(role, workspace)`` pairs; ``'*'`` stands for every
workspace. Row-level security on every table with a ``workspace`` column (schema migration 2)
lets a role see and write only the rows of the workspaces granted to it, so a connection as a
tenant's or a coach's role is held to them even running raw SQL. These functions read and change
the grants; changing them takes the role that owns the tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import psycopg
from psycopg.rows import TupleRow

from afterview import DataError
from afterview.store import validate_workspace_name

__all__ = [
    "EVERY_WORKSPACE",
    "grant",
    "granted",
    "granted_with_events",
    "revoke",
    "unrestricted",
]

#: The grant that reaches every workspace.
EVERY_WORKSPACE: Final = "*"

Connection = psycopg.Connection[TupleRow]

_ME: Final = "pg_catalog.to_regrole(pg_catalog.quote_ident(CURRENT_USER))"


def unrestricted(conn: Connection) -> bool:
    """Whether the connected role reaches every workspace: a superuser, a role that bypasses
    row-level security, or one granted ``'*'``."""
    row = conn.execute(
        "SELECT r.rolsuper OR r.rolbypassrls OR EXISTS (SELECT FROM afterview_grants g"
        f" WHERE g.role = {_ME} AND g.workspace = '*')"
        " FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER"
    ).fetchone()
    return bool(row and row[0])


def granted(conn: Connection, names: Iterable[str] | None = None) -> frozenset[str]:
    """The workspaces granted to the connected role (of ``names``, when given), ``'*'``
    included if it has it."""
    wanted = None if names is None else sorted(set(names))
    rows = conn.execute(
        f"SELECT workspace FROM afterview_grants WHERE role = {_ME}"
        " AND (%(names)s::text[] IS NULL OR workspace = ANY(%(names)s::text[]))",
        {"names": wanted},
    ).fetchall()
    return frozenset(str(r[0]) for r in rows)


def granted_with_events(conn: Connection) -> list[str]:
    """The workspaces granted to the connected role that hold events, sorted (not ``'*'``)."""
    rows = conn.execute(
        f"SELECT g.workspace FROM afterview_grants g WHERE g.role = {_ME}"
        " AND EXISTS (SELECT FROM afterview_events e WHERE e.workspace = g.workspace)"
    ).fetchall()
    return sorted(str(r[0]) for r in rows)


def _workspaces(workspaces: Iterable[str]) -> list[str]:
    names = sorted({w if w == EVERY_WORKSPACE else validate_workspace_name(w) for w in workspaces})
    if not names:
        raise DataError("name at least one workspace (or '*' for every workspace)")
    return names


def _role(conn: Connection, role: str) -> int:
    row = conn.execute(
        "SELECT pg_catalog.to_regrole(pg_catalog.quote_ident(%s))::oid", (role,)
    ).fetchone()
    if not row or row[0] is None:
        raise DataError(f"there is no database role {role!r}: create it first (CREATE ROLE)")
    return int(str(row[0]))


def grant(conn: Connection, role: str, workspaces: Iterable[str]) -> None:
    """Let ``role`` reach ``workspaces`` (``'*'``: every workspace); granting twice is harmless.

    :raises DataError: no such role, or an invalid workspace name.
    """
    names = _workspaces(workspaces)
    oid = _role(conn, role)
    conn.execute(
        "INSERT INTO afterview_grants (role, workspace)"
        " SELECT %s::oid::regrole, w FROM unnest(%s::text[]) AS w ON CONFLICT DO NOTHING",
        (oid, names),
    )


def revoke(conn: Connection, role: str, workspaces: Iterable[str]) -> None:
    """Take ``workspaces`` (``'*'``: the grant of every workspace) away from ``role``.

    :raises DataError: no such role, or an invalid workspace name.
    """
    names = _workspaces(workspaces)
    oid = _role(conn, role)
    conn.execute(
        "DELETE FROM afterview_grants WHERE role = %s::oid::regrole AND workspace = ANY(%s)",
        (oid, names),
    )
