"""The hooks afterview calls: open ``postgresql://`` and ``postgres://`` store URLs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from afterview import hookimpl
from afterview_postgres.store import PostgresStore
from afterview_postgres.url import SCHEMES

__all__ = ["afterview_open_store", "afterview_url_schemes"]


@hookimpl
def afterview_open_store(url: str) -> PostgresStore | None:
    if not url.startswith(SCHEMES):
        return None
    return PostgresStore(url)


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"store": list(SCHEMES)}
