"""A Greenhouse job board: ``greenhouse-board://BOARD_TOKEN``.

Reads ``GET {api}/v1/boards/{token}/jobs?content=true`` from the public Job Board API (no
credentials). ``api`` defaults to ``https://boards-api.greenhouse.io`` and can be pointed elsewhere
with a query parameter, e.g. ``greenhouse-board://acme?api=http://127.0.0.1:8080``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

from afterview import BoardPosting, DataError, PluginError, mask_url

# afterview.ats.http needs httpx: imported when a board is opened, so registering the plugin stays
# cheap.
if TYPE_CHECKING:
    from afterview import Http

__all__ = ["BOARD_API", "BOARD_SCHEME", "GreenhouseBoard"]

BOARD_SCHEME = "greenhouse-board://"
BOARD_API = "https://boards-api.greenhouse.io"


class GreenhouseBoard:
    """The open jobs of one organization's Greenhouse board."""

    def __init__(self, url: str, http: Http | None = None) -> None:
        parts = urlsplit(url)
        if parts.scheme != "greenhouse-board" or not parts.netloc:
            raise DataError(
                f"not a Greenhouse board URL: {mask_url(url)!r} (expected {BOARD_SCHEME}TOKEN)"
            )
        self._url = mask_url(url)
        self.token = parts.netloc
        query = parse_qs(parts.query)
        self.api = query.get("api", [BOARD_API])[0].rstrip("/")
        if http is None:
            from afterview import Http

            http = Http(logger="afterview.greenhouse")
        self.http = http

    def __repr__(self) -> str:
        return f"<GreenhouseBoard {self._url!r}>"

    def close(self) -> None:
        """Close the HTTP connections; afterview calls this when it is done with the adapter."""
        self.http.close()

    @property
    def url(self) -> str:
        return self._url

    def postings(self) -> Sequence[BoardPosting]:
        body, _ = self.http.get_json(
            f"{self.api}/v1/boards/{quote(self.token, safe='')}/jobs", params={"content": "true"}
        )
        jobs = body.get("jobs") if isinstance(body, dict) else None
        if not isinstance(jobs, list):
            raise PluginError(f"Greenhouse board {self.token!r}: the response has no job list")
        return [p for p in (_posting(job) for job in jobs) if p is not None]


def _posting(job: Any) -> BoardPosting | None:
    # A job without an id or title cannot be matched or followed up; it is left out.
    if not isinstance(job, dict) or job.get("id") is None or not job.get("title"):
        return None
    location = job.get("location")
    departments = job.get("departments") or []
    updated = job.get("updated_at")
    try:
        updated_at = datetime.fromisoformat(updated) if isinstance(updated, str) else None
    except ValueError:
        updated_at = None
    if updated_at is not None and updated_at.tzinfo is None:
        updated_at = None
    return BoardPosting(
        external_ref=str(job["id"]),
        title=str(job["title"]),
        url=job.get("absolute_url"),
        location=location.get("name") if isinstance(location, dict) else None,
        department=", ".join(
            str(d["name"]) for d in departments if isinstance(d, dict) and d.get("name")
        )
        or None,
        updated_at=updated_at,
    )
