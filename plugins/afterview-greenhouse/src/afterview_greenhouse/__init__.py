"""Greenhouse for afterview: public job boards and the Harvest v3 importer."""

from __future__ import annotations

from afterview import DEFAULT_REASONS, Http, ReasonTable
from afterview_greenhouse.board import BOARD_API, GreenhouseBoard
from afterview_greenhouse.harvest import AUTH_API, HARVEST_API, HarvestImporter
from afterview_greenhouse.plugin import GreenhousePlugin, plugin

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
