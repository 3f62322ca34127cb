"""Scoped stores: a handle on a store that reaches only some of its workspaces.

A platform keeping many job seekers' workspaces in one store gives each job seeker a handle
scoped to their own workspace, and each coach a handle scoped to their clients' workspaces.
Everything reached through a scoped handle stays inside its scope: opening another workspace
raises :class:`~afterview.errors.ScopeError`, :meth:`ScopedStore.workspaces` lists only the
scope's, and :meth:`ScopedStore.claim_due` claims only their reminders.

Get one from any store, or from a store URL with the ``workspaces`` parameter (a comma-separated
list; every store URL accepts it, and afterview takes it off before the backend sees the URL)::

    ScopedStore(store, {"alice"})
    Workspace.open("sqlite:///afterview.sqlite?workspaces=alice")
    PluginManager().open_store("postgresql://coach@db/afterview?workspaces=alice,bob")

This is a guard inside one process, against mistakes in the code that holds the handle; it is no
boundary against code that can open the store URL without the parameter. PostgreSQL adds a
boundary in the database itself (roles and row-level security, see ``docs/postgres.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import datetime, timedelta
from typing import Final, Protocol, runtime_checkable
from urllib.parse import quote, unquote_plus

from afterview.errors import DataError, ScopeError
from afterview.store import OutboxItem, OutboxStatus, Store, WorkspaceStore
from afterview.store import validate_workspace_name as _validate

__all__ = [
    "SCOPE_PARAMETER",
    "ClaimsAmong",
    "ScopedStore",
    "only_workspace",
    "split_scope",
    "with_scope",
]

#: The query parameter of a store URL naming the workspaces a handle may reach.
SCOPE_PARAMETER: Final = "workspaces"


@runtime_checkable
class ClaimsAmong(Protocol):
    """A store that can claim due items of a set of workspaces in one step (optional).

    A :class:`ScopedStore` uses it for :meth:`ScopedStore.claim_due` when the store it wraps
    has it; otherwise it looks at each workspace of its scope in turn.
    """

    def claim_due_among(
        self, workspaces: Collection[str], now: datetime, *, lease: timedelta, limit: int
    ) -> list[OutboxItem]:
        """Like :meth:`Store.claim_due`, only for items of ``workspaces``."""
        ...


def _names(workspaces: Iterable[str]) -> frozenset[str]:
    names = frozenset(_validate(name) for name in workspaces)
    if not names:
        raise DataError("a scoped store needs at least one workspace")
    return names


class ScopedStore:
    """A :class:`~afterview.store.Store` that reaches only the workspaces of its scope.

    :param store: the store to wrap.
    :param workspaces: the names it may reach (at least one).
    :param owned: whether :meth:`close` closes ``store`` too (true when opened from a URL;
        a platform wrapping its shared store per request keeps it open).
    :raises DataError: no workspace, or an invalid name.
    """

    def __init__(self, store: Store, workspaces: Iterable[str], *, owned: bool = False) -> None:
        self._store = store
        self._scope = _names(workspaces)
        self._owned = owned

    def __repr__(self) -> str:
        return f"<ScopedStore of {len(self._scope)} workspace(s) in {self._store.url!r}>"

    @property
    def scope(self) -> frozenset[str]:
        """The names of the workspaces this handle may reach."""
        return self._scope

    @property
    def url(self) -> str:
        return with_scope(self._store.url, self._scope)

    def _check(self, name: str) -> str:
        _validate(name)
        if name not in self._scope:
            raise ScopeError(name)
        return name

    def workspace(self, name: str) -> WorkspaceStore:
        """The handle for ``name``.

        :raises ScopeError: ``name`` is not in the scope.
        """
        return self._store.workspace(self._check(name))

    def workspaces(self) -> list[str]:
        return [name for name in self._store.workspaces() if name in self._scope]

    def claim_due(self, now: datetime, *, lease: timedelta, limit: int) -> list[OutboxItem]:
        """Lease due outbox items of the scope's workspaces only, earliest first."""
        return self.claim_due_among(self._scope, now, lease=lease, limit=limit)

    def claim_due_among(
        self, workspaces: Collection[str], now: datetime, *, lease: timedelta, limit: int
    ) -> list[OutboxItem]:
        names = self._scope.intersection(workspaces)
        if not names or limit <= 0:
            return []
        if isinstance(self._store, ClaimsAmong):
            return self._store.claim_due_among(names, now, lease=lease, limit=limit)
        return _claim_one_by_one(self._store, names, now, lease=lease, limit=limit)

    def close(self) -> None:
        if self._owned:
            self._store.close()


def _ready(item: OutboxItem) -> datetime:
    return item.next_attempt_at or item.due


def _claim_one_by_one(
    store: Store, names: Collection[str], now: datetime, *, lease: timedelta, limit: int
) -> list[OutboxItem]:
    """Claim across ``names`` with only the per-workspace protocol.

    The earliest due items are picked first (so no workspace is starved), then each workspace
    is asked for as many as were picked from it: never more than ``limit`` are leased.
    """
    candidates = sorted(
        (_ready(item), name, item.key)
        for name in names
        for item in store.workspace(name).outbox_items(OutboxStatus.PENDING)
        if _ready(item) <= now and (item.lease_until is None or item.lease_until <= now)
    )[:limit]
    claimed: list[OutboxItem] = []
    for name, count in sorted(Counter(name for _, name, _ in candidates).items()):
        claimed += store.workspace(name).outbox_claim(now, lease=lease, limit=count)
    return sorted(claimed, key=lambda item: (_ready(item), item.workspace, item.key))


def split_scope(url: str) -> tuple[str, frozenset[str] | None]:
    """Take the ``workspaces`` parameter off a store URL: the URL without it, and the names.

    The rest of the URL is kept byte for byte. The parameter may repeat; the names add up.

    :raises DataError: the parameter is there but names no workspace, or an invalid one.
    """
    base, question, rest = url.partition("?")
    if not question:
        return url, None
    query, hash_sign, fragment = rest.partition("#")
    kept: list[str] = []
    names: list[str] = []
    found = False
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if unquote_plus(key) != SCOPE_PARAMETER:
            kept.append(part)
            continue
        found = True
        for name in unquote_plus(value).split(","):
            if not name.strip():
                raise DataError(
                    f"the store URL's {SCOPE_PARAMETER!r} parameter has an empty name: "
                    "list workspaces separated by commas, e.g. workspaces=alice,bob"
                )
            names.append(name.strip())
    if not found:
        return url, None
    remaining = "&".join(p for p in kept if p)
    stripped = base + (f"?{remaining}" if remaining else "") + (hash_sign + fragment)
    return stripped, _names(names)


def with_scope(url: str, workspaces: Iterable[str]) -> str:
    """``url`` with a ``workspaces`` parameter naming ``workspaces`` (sorted)."""
    value = ",".join(quote(name, safe="@") for name in sorted(workspaces))
    return f"{url}{'&' if '?' in url else '?'}{SCOPE_PARAMETER}={value}"


def only_workspace(store: Store) -> str | None:
    """The one workspace a store handle is scoped to, if it is scoped to exactly one."""
    scope = getattr(store, "scope", None)
    if isinstance(scope, frozenset) and len(scope) == 1:
        (name,) = scope
        return str(name)
    return None
