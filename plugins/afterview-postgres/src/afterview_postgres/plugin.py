"""The hooks afterview calls: open ``postgresql://`` and ``postgres://`` store URLs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from afterview import hookimpl
from afterview_postgres.url import SCHEMES

# psycopg and its pool (through afterview_postgres.store) load when a PostgreSQL URL is opened,
# not when every afterview command registers this plugin.
if TYPE_CHECKING:
    from afterview_postgres.store import PostgresStore

__all__ = ["afterview_open_store", "afterview_url_schemes"]


@hookimpl
def afterview_open_store(url: str) -> PostgresStore | None:
    if not url.startswith(SCHEMES):
        return None
    from afterview_postgres.store import PostgresStore

    return PostgresStore(url)


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"store": list(SCHEMES)}
