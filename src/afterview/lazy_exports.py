"""Public names of a package that load when first used (PEP 562), in one call.

A plugin's ``__init__.py`` is imported by every afterview command that loads plugins, so it
should import nothing heavy; its public names can still all be importable from the package::

    from typing import TYPE_CHECKING

    from afterview import lazy_exports

    if TYPE_CHECKING:  # what type checkers and editors see
        from afterview_acme.board import AcmeBoard

    __getattr__, __dir__ = lazy_exports(
        __name__,
        {
            "AcmeBoard": "afterview_acme.board",  # the attribute of the same name
            "SCHEMA_VERSION": "afterview_acme.schema:LATEST",  # or another attribute
        },
    )

    __all__ = ["AcmeBoard", "SCHEMA_VERSION"]

Each name is imported on its first use and then kept in the package's namespace, so later uses
cost a dictionary look-up.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package`` (its ``__name__``), whose names in
    ``exports`` live in other modules: ``"module"`` for the attribute of the same name there,
    ``"module:attribute"`` for another.

    :raises ValueError: an entry that names no module.
    """
    where: dict[str, tuple[str, str]] = {}
    for name, target in exports.items():
        module, _, attribute = target.partition(":")
        if not module:
            raise ValueError(f"lazy export {name!r} names no module: {target!r}")
        where[name] = (module, attribute or name)

    def __getattr__(name: str) -> Any:
        found = where.get(name)
        if found is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute = found
        value = getattr(importlib.import_module(module), attribute)
        sys.modules[package].__dict__[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        namespace = sys.modules[package].__dict__
        return sorted(set(namespace) | set(namespace.get("__all__", ())) | set(where))

    return __getattr__, __dir__
