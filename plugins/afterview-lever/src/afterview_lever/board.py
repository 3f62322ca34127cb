"""A Lever job site: ``lever-postings://SITE``.

Reads the public Postings API, ``GET {api}/v0/postings/{site}?mode=json``, page by page with
``skip`` and ``limit`` until a page comes back short. ``?region=eu`` reads the EU host
(``https://api.eu.lever.co``); ``?api=http://127.0.0.1:8080`` points at any other server.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, quote, urlsplit

from afterview import BoardPosting, DataError, PluginError, mask_url

# afterview.ats.http needs httpx: imported when a board is opened, so registering the plugin stays
# cheap.
if TYPE_CHECKING:
    from afterview import Http

__all__ = ["BOARD_SCHEME", "POSTINGS_API", "LeverBoard", "api_for"]

BOARD_SCHEME = "lever-postings://"
POSTINGS_API = {"global": "https://api.lever.co", "eu": "https://api.eu.lever.co"}


def api_for(query: dict[str, str]) -> str:
    """The base URL a query asks for: ``api`` if given, else the ``region``'s host."""
    if "api" in query:
        return query["api"].rstrip("/")
    region = query.get("region", "global")
    if region not in POSTINGS_API:
        raise DataError(f"unknown Lever region {region!r}; use one of {', '.join(POSTINGS_API)}")
    return POSTINGS_API[region]


class LeverBoard:
    """The published postings of one organization's Lever site."""

    def __init__(self, url: str, http: Http | None = None, *, page_size: int = 100) -> None:
        parts = urlsplit(url)
        if parts.scheme != "lever-postings" or not parts.netloc:
            raise DataError(
                f"not a Lever postings URL: {mask_url(url)!r} (expected {BOARD_SCHEME}SITE)"
            )
        self._url = mask_url(url)
        self.site = parts.netloc
        self.api = api_for({k: v[0] for k, v in parse_qs(parts.query).items()})
        if http is None:
            from afterview import Http

            http = Http(logger="afterview.lever")
        self.http = http
        self.page_size = page_size

    def __repr__(self) -> str:
        return f"<LeverBoard {self._url!r}>"

    def close(self) -> None:
        """Close the HTTP connections; afterview calls this when it is done with the adapter."""
        self.http.close()

    @property
    def url(self) -> str:
        return self._url

    def postings(self) -> Sequence[BoardPosting]:
        found: dict[str, BoardPosting] = {}
        skip = 0
        while True:
            page, _ = self.http.get_json(
                f"{self.api}/v0/postings/{quote(self.site, safe='')}",
                params={"mode": "json", "skip": skip, "limit": self.page_size},
            )
            if not isinstance(page, list):
                raise PluginError(f"Lever site {self.site!r}: the response is not a posting list")
            before = len(found)
            for posting in (_posting(item) for item in page):
                if posting is not None:
                    found.setdefault(posting.external_ref, posting)
            # A server (or a proxy) that ignores skip returns the same full page forever: a page
            # that brings nothing new ends the reading, as a short page does.
            if len(page) < self.page_size or len(found) == before:
                return list(found.values())
            skip += len(page)


def _posting(item: Any) -> BoardPosting | None:
    # A posting without an id or title cannot be matched or followed up; it is left out.
    if not isinstance(item, dict) or not item.get("id") or not item.get("text"):
        return None
    raw = item.get("categories")
    categories: dict[str, Any] = raw if isinstance(raw, dict) else {}
    # Department and team both say what a role is about; the watch matches either.
    area = [str(categories[k]) for k in ("department", "team") if categories.get(k)]
    created = item.get("createdAt")
    return BoardPosting(
        external_ref=str(item["id"]),
        title=str(item["text"]),
        url=item.get("hostedUrl"),
        location=categories.get("location"),
        department=" / ".join(dict.fromkeys(area)) or None,
        updated_at=datetime.fromtimestamp(created / 1000, UTC)
        if isinstance(created, int | float) and not isinstance(created, bool)
        else None,
    )
