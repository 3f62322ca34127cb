"""The afterview hooks: ``lever-postings://`` job sites and ``lever://`` importers.

Registered through the ``afterview`` entry-point group as :data:`plugin`. Tests and embedders can
register their own :class:`LeverPlugin` with a different sleep, timeout or reason table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from afterview import AtsPlugin, hookimpl
from afterview_lever.board import BOARD_SCHEME, LeverBoard

# Every afterview command registers this plugin; httpx (through afterview.ats.http) and the importer
# load only when a URL of ours is opened.
if TYPE_CHECKING:
    from datetime import datetime

    from afterview_lever.data_api import LeverImporter

__all__ = ["LeverPlugin", "plugin"]


class LeverPlugin(AtsPlugin):
    """Opens Lever job sites and Data API importers with these HTTP settings."""

    logger_name = "afterview.lever"

    @hookimpl
    def afterview_open_job_board(self, url: str) -> LeverBoard | None:
        if not url.startswith(BOARD_SCHEME):
            return None
        return LeverBoard(url, http=self.http(), page_size=self.page_size)

    @hookimpl
    def afterview_open_importer(
        self, url: str, clock: Callable[[], datetime] | None
    ) -> LeverImporter | None:
        if not url.startswith("lever://"):
            return None
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

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"job board": [BOARD_SCHEME], "importer": ["lever://"]}


#: The instance the ``afterview`` entry point registers.
plugin = LeverPlugin()
