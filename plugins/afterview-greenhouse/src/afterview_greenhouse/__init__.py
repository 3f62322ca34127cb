"""Greenhouse for afterview: public job boards and the Harvest v3 importer.

Importing this package is cheap: the names that need httpx load when first used (PEP 562), so
registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterview import lazy_exports

# Eager: the entry point imports this module anyway (it is cheap), and importing it here makes
# the package's ``plugin`` the instance rather than the submodule of the same name.
from afterview_greenhouse.plugin import GreenhousePlugin, plugin

if TYPE_CHECKING:
    from afterview import DEFAULT_REASONS, Http, ReasonTable
    from afterview_greenhouse.board import BOARD_API, GreenhouseBoard
    from afterview_greenhouse.harvest import AUTH_API, HARVEST_API, HarvestImporter

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "DEFAULT_REASONS": "afterview",
        "Http": "afterview",
        "ReasonTable": "afterview",
        "BOARD_API": "afterview_greenhouse.board",
        "GreenhouseBoard": "afterview_greenhouse.board",
        "AUTH_API": "afterview_greenhouse.harvest",
        "HARVEST_API": "afterview_greenhouse.harvest",
        "HarvestImporter": "afterview_greenhouse.harvest",
    },
)

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
