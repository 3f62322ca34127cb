"""What ATS plugins share: their HTTP settings and the client made from them.

Subclass :class:`AtsPlugin` (a :class:`~afterview.UrlPlugin`), set
:attr:`~AtsPlugin.logger_name` and the URL prefixes it claims, and say how to open each kind; the
keyword arguments (sleep, timeout, retries, size cap, reason table, clock, page size) are then
the same for every ATS, and tests or embedders register an instance with their own::

    class AcmeAtsPlugin(AtsPlugin):
        logger_name = "afterview.acme"
        schemes = {"importer": ["acme://"]}

        def open_importer(self, url: str, clock: Clock) -> AcmeImporter:
            return AcmeImporter(url, http=self.http(), reasons=self.reasons, clock=clock)

Importing this module does not import httpx: :meth:`AtsPlugin.http` does, when a URL of the
plugin's is opened.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from afterview.url_plugin import UrlPlugin

if TYPE_CHECKING:
    from afterview.ats.http import Http, Sleep
    from afterview.ats.reasons import ReasonTable

__all__ = ["AtsPlugin"]


def _utcnow() -> datetime:
    return datetime.now(UTC)


class AtsPlugin(UrlPlugin):
    """HTTP settings shared by an ATS plugin's job boards and importers.

    ``clock`` stands in for the workspace's when an importer hook is called without one (by
    pluggy directly, say): afterview always passes its own."""

    #: The logger its HTTP client reports retries under, e.g. ``"afterview.greenhouse"``.
    logger_name: ClassVar[str] = "afterview.ats.http"

    def __init__(
        self,
        *,
        sleep: Sleep = time.sleep,
        timeout: float = 20.0,
        max_attempts: int = 4,
        max_bytes: int = 20 * 1024 * 1024,
        reasons: ReasonTable | None = None,
        clock: Callable[[], datetime] = _utcnow,
        page_size: int = 100,
    ) -> None:
        self.sleep = sleep
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.max_bytes = max_bytes
        self.reasons = reasons
        self.clock = clock
        self.page_size = page_size

    def http(self) -> Http:
        """A new client with these settings (needs the ``afterview[http]`` extra)."""
        from afterview.ats.http import Http

        return Http(
            timeout=self.timeout,
            max_attempts=self.max_attempts,
            max_bytes=self.max_bytes,
            sleep=self.sleep,
            logger=self.logger_name,
        )
