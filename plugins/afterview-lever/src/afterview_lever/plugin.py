"""The afterview hooks: ``lever-postings://`` job sites and ``lever://`` importers.

Registered through the ``afterview`` entry-point group as :data:`plugin`. Tests and embedders can
register their own :class:`LeverPlugin` with a different sleep, timeout or reason table.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from afterview import AtsPlugin
from afterview_lever.board import BOARD_SCHEME, LeverBoard

# Every afterview command registers this plugin; httpx (through afterview.ats.http) and the importer
# load only when a URL of ours is opened.
if TYPE_CHECKING:
    from afterview_lever.data_api import LeverImporter

__all__ = ["LeverPlugin", "plugin"]


class LeverPlugin(AtsPlugin, job_board=[BOARD_SCHEME], importer=["lever://"]):
    """Opens Lever job sites and Data API importers with these HTTP settings."""

    logger_name = "afterview.lever"

    def open_job_board(self, url: str) -> LeverBoard:
        return LeverBoard(url, http=self.http(), page_size=self.page_size)

    def open_importer(self, url: str, clock: Callable[[], datetime] | None) -> LeverImporter:
        from afterview_lever.data_api import LeverImporter

        return LeverImporter(
            url,
            http=self.http(),
            reasons=self.reasons,
            # The workspace's clock (``--now``) decides which interviews are over; this plugin's
            # own is for an importer opened outside a workspace.
            clock=clock if clock is not None else self.clock,
            page_size=self.page_size,
        )


#: The instance the ``afterview`` entry point registers.
plugin = LeverPlugin()
