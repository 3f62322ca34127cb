"""Lever for afterview: public job sites and the Data API importer.

Importing this package is cheap: the names that need httpx load when first used (PEP 562), so
registering the plugin does not slow down every afterview command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Eager: the entry point imports this module anyway (it is cheap), and importing it here makes
# the package's ``plugin`` the instance rather than the submodule of the same name.
from afterview_lever.plugin import LeverPlugin, plugin

if TYPE_CHECKING:
    from afterview import DEFAULT_REASONS, Http, ReasonTable
    from afterview_lever.board import POSTINGS_API, LeverBoard
    from afterview_lever.data_api import LeverImporter

#: Where each lazily loaded public name lives.
_EXPORTS: dict[str, str] = {
    "DEFAULT_REASONS": "afterview",
    "Http": "afterview",
    "ReasonTable": "afterview",
    "POSTINGS_API": "afterview_lever.board",
    "LeverBoard": "afterview_lever.board",
    "LeverImporter": "afterview_lever.data_api",
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
    "DEFAULT_REASONS",
    "POSTINGS_API",
    "Http",
    "LeverBoard",
    "LeverImporter",
    "LeverPlugin",
    "ReasonTable",
    "plugin",
]
