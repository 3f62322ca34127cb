"""Lever for afterview: public job sites and the Data API importer."""

from __future__ import annotations

from afterview import DEFAULT_REASONS, Http, ReasonTable
from afterview_lever.board import POSTINGS_API, LeverBoard
from afterview_lever.data_api import LeverImporter
from afterview_lever.plugin import LeverPlugin, plugin

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
