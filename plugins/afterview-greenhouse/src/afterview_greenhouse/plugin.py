"""The afterview hooks: ``greenhouse-board://`` job boards and ``greenhouse://`` importers.

Registered through the ``afterview`` entry-point group as :data:`plugin`. Tests and embedders can
register their own :class:`GreenhousePlugin` with a different sleep, timeout or reason table.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from afterview import hookimpl
from afterview_greenhouse.board import BOARD_SCHEME, GreenhouseBoard

# Every afterview command registers this plugin; httpx (through afterview.http) and the importer
# load only when a URL of ours is opened.
if TYPE_CHECKING:
    from afterview import Http, ReasonTable
    from afterview.http import Sleep
    from afterview_greenhouse.harvest import HarvestImporter

__all__ = ["GreenhousePlugin", "plugin"]


class GreenhousePlugin:
    """Opens Greenhouse boards and Harvest importers with these HTTP settings."""

    def __init__(
        self,
        *,
        sleep: Sleep = time.sleep,
        timeout: float = 20.0,
        max_attempts: int = 4,
        max_bytes: int = 20 * 1024 * 1024,
        reasons: ReasonTable | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        page_size: int = 100,
    ) -> None:
        self.sleep = sleep
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.max_bytes = max_bytes
        self.reasons = reasons
        self.clock = clock
        self.page_size = page_size

    def _http(self) -> Http:
        from afterview.http import Http

        return Http(
            timeout=self.timeout,
            max_attempts=self.max_attempts,
            max_bytes=self.max_bytes,
            sleep=self.sleep,
            logger="afterview.greenhouse",
        )

    @hookimpl
    def afterview_open_job_board(self, url: str) -> GreenhouseBoard | None:
        if not url.startswith(BOARD_SCHEME):
            return None
        return GreenhouseBoard(url, http=self._http())

    @hookimpl
    def afterview_open_importer(self, url: str) -> HarvestImporter | None:
        if not url.startswith("greenhouse://"):
            return None
        from afterview_greenhouse.harvest import HarvestImporter

        return HarvestImporter(
            url,
            http=self._http(),
            reasons=self.reasons,
            clock=self.clock,
            page_size=self.page_size,
        )

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"job board": [BOARD_SCHEME], "importer": ["greenhouse://"]}


#: The instance the ``afterview`` entry point registers.
plugin = GreenhousePlugin()
