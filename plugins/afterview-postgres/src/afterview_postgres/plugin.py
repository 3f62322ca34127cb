"""The hooks afterview calls: open ``postgresql://`` and ``postgres://`` store URLs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterview import UrlPlugin
from afterview_postgres.url import SCHEMES

# psycopg and its pool (through afterview_postgres.store) load when a PostgreSQL URL is opened,
# not when every afterview command registers this plugin.
if TYPE_CHECKING:
    from afterview_postgres.store import PostgresStore

__all__ = ["PostgresPlugin", "plugin"]


class PostgresPlugin(UrlPlugin, store=SCHEMES):
    """Opens PostgreSQL stores."""

    def open_store(self, url: str) -> PostgresStore:
        from afterview_postgres.store import PostgresStore

        return PostgresStore(url)


#: The instance the ``afterview`` entry point registers.
plugin = PostgresPlugin()
