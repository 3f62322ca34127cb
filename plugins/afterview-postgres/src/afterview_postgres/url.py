"""Parsing ``postgresql://`` URLs: the pool options afterview reads, the rest for libpq."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import attrs

from afterview import DataError, mask_url

__all__ = ["SCHEMES", "ConnectionSettings", "mask_url", "parse_url"]

SCHEMES = ("postgresql://", "postgres://")

#: Query parameters read by afterview (the others go to libpq unchanged).
POOL_OPTIONS = {
    "pool_min": "connections kept open (default 1)",
    "pool_max": "most connections open at once (default 10)",
    "pool_timeout": "seconds to wait for a free connection, and for the first one (default 30)",
}


@attrs.frozen
class ConnectionSettings:
    """What a URL asks for. ``conninfo`` holds the password: it is never shown, and neither is
    ``raw``, the URL as given (kept to find its secrets in a driver's messages)."""

    url: str
    conninfo: str = attrs.field(repr=False)
    raw: str = attrs.field(repr=False)
    password: str | None = attrs.field(repr=False)
    pool_min: int = 1
    pool_max: int = 10
    pool_timeout: float = 30.0


def _join(scheme: str, netloc: str, path: str, query: str) -> str:
    # Not urlunsplit: it drops the "//" of an empty host (postgresql:///db, a local socket).
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")


def _number(name: str, raw: str, url: str, kind: type[int] | type[float]) -> float:
    try:
        value = kind(raw)
    except ValueError:
        raise DataError(f"{name}={raw!r} in {mask_url(url)!r} is not a number") from None
    if value <= 0 and not (name == "pool_min" and value == 0):
        raise DataError(f"{name}={raw!r} in {mask_url(url)!r} must be positive")
    return value


def parse_url(url: str) -> ConnectionSettings:
    """Split a store URL into libpq's connection string and the pool's options.

    :raises DataError: not a PostgreSQL URL, or a pool option that is not a usable number.
    """
    if not url.startswith(SCHEMES):
        raise DataError(f"{mask_url(url)!r} is not a postgresql:// or postgres:// URL")
    parts = urlsplit(url)
    ours: dict[str, str] = {}
    theirs: list[tuple[str, str]] = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in POOL_OPTIONS:
            ours[key] = value
        else:
            theirs.append((key, value))
    pool_min = int(_number("pool_min", ours.get("pool_min", "1"), url, int))
    pool_max = int(_number("pool_max", ours.get("pool_max", "10"), url, int))
    if pool_max < max(pool_min, 1):
        raise DataError(f"pool_max must be at least pool_min (and 1) in {mask_url(url)!r}")
    timeout = _number("pool_timeout", ours.get("pool_timeout", "30"), url, float)
    password = parts.password
    query_password = dict(theirs).get("password")
    conninfo = _join(parts.scheme, parts.netloc, parts.path, urlencode(theirs, quote_via=quote))
    return ConnectionSettings(
        url=mask_url(url),
        conninfo=conninfo,
        raw=url,
        password=unquote(password) if password else query_password,
        pool_min=pool_min,
        pool_max=pool_max,
        pool_timeout=timeout,
    )
