"""Greenhouse for afterview: public job boards and the Harvest v3 importer."""

from __future__ import annotations

from afterview_greenhouse._http import Http
from afterview_greenhouse.board import BOARD_API, GreenhouseBoard
from afterview_greenhouse.harvest import AUTH_API, HARVEST_API, HarvestImporter
from afterview_greenhouse.plugin import GreenhousePlugin, plugin
from afterview_greenhouse.reasons import DEFAULT_REASONS, ReasonTable

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
