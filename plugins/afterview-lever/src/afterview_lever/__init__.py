"""Lever for afterview: public job sites and the Data API importer.

Importing this package is cheap: the names that need httpx load when first used (PEP 562), so
registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from afterview import lazy_exports

# Eager: the entry point imports this module anyway (it is cheap), and importing it here makes
# the package's ``plugin`` the instance rather than the submodule of the same name.
from afterview_lever.plugin import LeverPlugin, plugin

if TYPE_CHECKING:
    from afterview import DEFAULT_REASONS, Http, ReasonTable
    from afterview_lever.board import POSTINGS_API, LeverBoard
    from afterview_lever.data_api import LeverImporter

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "DEFAULT_REASONS": "afterview",
        "Http": "afterview",
        "ReasonTable": "afterview",
        "POSTINGS_API": "afterview_lever.board",
        "LeverBoard": "afterview_lever.board",
        "LeverImporter": "afterview_lever.data_api",
    },
)

__all__ = [
    "DEFAULT_REASONS",
    "POSTINGS_API",
    "Http",
    "LeverBoard",
    "LeverImporter",
    "LeverPlugin",
    "ReasonTable",
    "plugin",
]
