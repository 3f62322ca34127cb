"""afterview-postgres: afterview's event logs and outboxes in a PostgreSQL database.

Open it with a URL such as ``postgresql://coach:secret@db.internal/afterview?pool_max=20``.
"""

from __future__ import annotations

from afterview_postgres.schema import LATEST as SCHEMA_VERSION
from afterview_postgres.store import PostgresStore, PostgresWorkspaceStore
from afterview_postgres.url import POOL_OPTIONS, mask_url

__version__ = "0.1.0"

__all__ = [
    "POOL_OPTIONS",
    "SCHEMA_VERSION",
    "PostgresStore",
    "PostgresWorkspaceStore",
    "__version__",
    "mask_url",
]
