"""Greenhouse for afterview: public job boards and the Harvest v3 importer.

Importing this package is cheap: the names that need httpx load when first used (PEP 562), so
registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Eager: the entry point imports this module anyway (it is cheap), and importing it here makes
# the package's ``plugin`` the instance rather than the submodule of the same name.
from afterview_greenhouse.plugin import GreenhousePlugin, plugin

if TYPE_CHECKING:
    from afterview import DEFAULT_REASONS, Http, ReasonTable
    from afterview_greenhouse.board import BOARD_API, GreenhouseBoard
    from afterview_greenhouse.harvest import AUTH_API, HARVEST_API, HarvestImporter

#: Where each lazily loaded public name lives.
_EXPORTS: dict[str, str] = {
    "DEFAULT_REASONS": "afterview",
    "Http": "afterview",
    "ReasonTable": "afterview",
    "BOARD_API": "afterview_greenhouse.board",
    "GreenhouseBoard": "afterview_greenhouse.board",
    "AUTH_API": "afterview_greenhouse.harvest",
    "HARVEST_API": "afterview_greenhouse.harvest",
    "HarvestImporter": "afterview_greenhouse.harvest",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "AUTH_API",
    "BOARD_API",
    "DEFAULT_REASONS",
    "HARVEST_API",
    "GreenhouseBoard",
    "GreenhousePlugin",
    "HarvestImporter",
    "Http",
    "ReasonTable",
    "plugin",
]
