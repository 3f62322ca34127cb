"""The afterview hooks: ``greenhouse-board://`` job boards and ``greenhouse://`` importers.

Registered through the ``afterview`` entry-point group as :data:`plugin`. Tests and embedders can
register their own :class:`GreenhousePlugin` with a different sleep, timeout or reason table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from afterview import AtsPlugin
from afterview_greenhouse.board import BOARD_SCHEME

# Every afterview command registers this plugin; httpx (through afterview.ats.http), authlib and
# the importer load only when a URL of ours is opened.
if TYPE_CHECKING:
    from afterview_greenhouse.board import GreenhouseBoard
    from afterview_greenhouse.harvest import HarvestImporter

__all__ = ["GreenhousePlugin", "plugin"]


class GreenhousePlugin(AtsPlugin, job_board=[BOARD_SCHEME], importer=["greenhouse://"]):
    """Opens Greenhouse boards and Harvest importers with these HTTP settings."""

    logger_name = "afterview.greenhouse"

    def open_job_board(self, url: str) -> GreenhouseBoard:
        from afterview_greenhouse.board import GreenhouseBoard

        return GreenhouseBoard(url, http=self.http())

    def open_importer(self, url: str, clock: Callable[[], datetime] | None) -> HarvestImporter:
        from afterview_greenhouse.harvest import HarvestImporter

        return HarvestImporter(
            url,
            http=self.http(),
            reasons=self.reasons,
            # The workspace's clock (``--now``) when afterview passes one.
            clock=clock or self.clock,
            page_size=self.page_size,
        )


#: The instance the ``afterview`` entry point registers.
plugin = GreenhousePlugin()
