"""The afterview hooks: ``lever-postings://`` job sites and ``lever://`` importers.

Registered through the ``afterview`` entry-point group as :data:`plugin`. Tests and embedders can
register their own :class:`LeverPlugin` with a different sleep, timeout or reason table.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from afterview import hookimpl
from afterview_lever.board import BOARD_SCHEME, LeverBoard

# Every afterview command registers this plugin; httpx (through afterview.http) and the importer
# load only when a URL of ours is opened.
if TYPE_CHECKING:
    from afterview import Http, ReasonTable
    from afterview.http import Sleep
    from afterview_lever.data_api import LeverImporter

__all__ = ["LeverPlugin", "plugin"]


class LeverPlugin:
    """Opens Lever job sites and Data API importers with these HTTP settings."""

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
            logger="afterview.lever",
        )

    @hookimpl
    def afterview_open_job_board(self, url: str) -> LeverBoard | None:
        if not url.startswith(BOARD_SCHEME):
            return None
        return LeverBoard(url, http=self._http(), page_size=self.page_size)

    @hookimpl
    def afterview_open_importer(self, url: str) -> LeverImporter | None:
        if not url.startswith("lever://"):
            return None
        from afterview_lever.data_api import LeverImporter

        return LeverImporter(
            url,
            http=self._http(),
            reasons=self.reasons,
            clock=self.clock,
            page_size=self.page_size,
        )

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"job board": [BOARD_SCHEME], "importer": ["lever://"]}


#: The instance the ``afterview`` entry point registers.
plugin = LeverPlugin()
