"""afterview-postgres: afterview's event logs and outboxes in a PostgreSQL database.

Open it with a URL such as ``postgresql://coach:secret@db.internal/afterview?pool_max=20``.

Importing this package is cheap: psycopg loads when a store is opened or a name that needs it is
first used (PEP 562), so registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterview import lazy_exports

# Eager and cheap (the entry point imports it anyway): the package's ``plugin`` is then the
# registered instance rather than the submodule of the same name.
from afterview_postgres.plugin import PostgresPlugin, plugin
from afterview_postgres.url import POOL_OPTIONS, mask_url

if TYPE_CHECKING:
    from afterview_postgres.schema import LATEST as SCHEMA_VERSION
    from afterview_postgres.store import PostgresStore, PostgresWorkspaceStore

__version__ = "0.1.0"

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "SCHEMA_VERSION": "afterview_postgres.schema:LATEST",
        "PostgresStore": "afterview_postgres.store",
        "PostgresWorkspaceStore": "afterview_postgres.store",
    },
)


__all__ = [
    "POOL_OPTIONS",
    "SCHEMA_VERSION",
    "PostgresPlugin",
    "PostgresStore",
    "PostgresWorkspaceStore",
    "__version__",
    "mask_url",
    "plugin",
]
