"""afterview-postgres: afterview's event logs and outboxes in a PostgreSQL database.

Open it with a URL such as ``postgresql://coach:secret@db.internal/afterview?pool_max=20``.

Importing this package is cheap: psycopg loads when a store is opened or a name that needs it is
first used (PEP 562), so registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from afterview_postgres.url import POOL_OPTIONS, mask_url

if TYPE_CHECKING:
    from afterview_postgres.schema import LATEST as SCHEMA_VERSION
    from afterview_postgres.store import PostgresStore, PostgresWorkspaceStore

__version__ = "0.1.0"

#: Each lazily loaded public name: its module and its name there.
_EXPORTS: dict[str, tuple[str, str]] = {
    "SCHEMA_VERSION": ("afterview_postgres.schema", "LATEST"),
    "PostgresStore": ("afterview_postgres.store", "PostgresStore"),
    "PostgresWorkspaceStore": ("afterview_postgres.store", "PostgresWorkspaceStore"),
}


def __getattr__(name: str) -> Any:
    where = _EXPORTS.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = where
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "POOL_OPTIONS",
    "SCHEMA_VERSION",
    "PostgresStore",
    "PostgresWorkspaceStore",
    "__version__",
    "mask_url",
]
