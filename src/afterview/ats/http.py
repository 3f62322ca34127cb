"""HTTP with the manners an ATS expects: bounded retries, rate limits, a cap on response size.

* 429 — wait for ``Retry-After`` (seconds or an HTTP date), or back off exponentially when the
  server sends none; a wait longer than ``max_wait`` gives up rather than hang.
* 5xx, timeouts and broken connections — retried with exponential backoff, ``max_attempts`` in all.
* A body larger than ``max_bytes`` is refused before it is read in full.
* A refusal (4xx) says what the server said: the ``message``, ``error_description`` or
  ``error`` of a JSON body, and its ``errors`` list, as Greenhouse, Lever and OAuth servers
  write them; or a short plain-text body.

Errors name the request's path, never its credentials: these live in headers, not in URLs, and
any credential the server's message quotes back is masked.

Needs ``httpx``, which the core does not: install ``afterview[http]``.
"""

from __future__ import annotations

import base64
import email.utils
import json
import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, Self

import httpx

from afterview.errors import PluginError

__all__ = ["Http", "Sleep"]

Sleep = Callable[[float], None]


class Http:
    """A small JSON client over :class:`httpx.Client`; ``sleep`` is injectable for tests.

    ``logger`` names the log retries are written to, so a plugin's show under its own name.
    """

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_attempts: int = 4,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        max_bytes: int = 20 * 1024 * 1024,
        sleep: Sleep = time.sleep,
        logger: str = "afterview.ats.http",
    ) -> None:
        self.client = httpx.Client(timeout=timeout, headers={"Accept": "application/json"})
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.log = logging.getLogger(logger)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def request_json(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        data: Mapping[str, str] | None = None,
    ) -> tuple[Any, httpx.Headers]:
        """The decoded JSON body and the response headers; raises :class:`PluginError`."""
        where = f"{method} {httpx.URL(url).copy_with(query=None)}"
        for attempt in range(1, self.max_attempts + 1):
            last = attempt == self.max_attempts
            try:
                with self.client.stream(
                    method, url, params=params, headers=headers, auth=auth, data=data
                ) as response:
                    status = response.status_code
                    if status == 429 or status >= 500:
                        wait = self._retry_after(response) if status == 429 else None
                        if last:
                            raise PluginError(f"{where}: HTTP {status} after {attempt} attempts")
                        wait = self._backoff(attempt) if wait is None else wait
                        if wait > self.max_wait:
                            raise PluginError(
                                f"{where}: rate limited, the server asks to wait {wait:.0f}s; "
                                "try again later"
                            )
                        self.log.info("%s: HTTP %d, retrying in %.1fs", where, status, wait)
                        self.sleep(wait)
                        continue
                    body = self._read(response, where)
                    if status >= 400:
                        said = _masked(_said(body), _secrets(headers, auth, data))
                        raise PluginError(f"{where}: HTTP {status}" + (f": {said}" if said else ""))
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                if last:
                    raise PluginError(
                        f"{where}: {type(exc).__name__} after {attempt} attempts"
                    ) from None
                wait = self._backoff(attempt)
                self.log.info("%s: %s, retrying in %.1fs", where, type(exc).__name__, wait)
                self.sleep(wait)
                continue
            try:
                return json.loads(body), response.headers
            except ValueError:
                raise PluginError(f"{where}: the response is not JSON") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def get_json(self, url: str, **kwargs: Any) -> tuple[Any, httpx.Headers]:
        return self.request_json("GET", url, **kwargs)

    def _read(self, response: httpx.Response, where: str) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            raise PluginError(f"{where}: the response is larger than {self.max_bytes} bytes")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise PluginError(f"{where}: the response is larger than {self.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    def _backoff(self, attempt: int) -> float:
        return float(self.backoff * 2 ** (attempt - 1))

    @staticmethod
    def _retry_after(response: httpx.Response) -> float | None:
        value = response.headers.get("Retry-After")
        if value is None:
            return None
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())


#: How much of a server's message an error keeps: enough to act on, short enough for one line.
_SAID_LIMIT = 300


def _said(body: bytes) -> str:
    """What a refusal's body says, on one line; empty when it says nothing readable."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        # A short plain-text reason is worth showing; an HTML error page is not.
        data = None if text.startswith("<") or len(text) > _SAID_LIMIT else text
    parts: list[str] = []
    _collect(data, parts)
    said = " ".join("; ".join(dict.fromkeys(p for p in parts if p)).split())
    return said if len(said) <= _SAID_LIMIT else said[: _SAID_LIMIT - 1] + "…"


def _collect(data: Any, parts: list[str], field: str | None = None) -> None:
    """Gather the messages of an error body: ``{"message": …}``, ``{"error": …,
    "error_description": …}``, ``{"errors": [{"message": …, "field": …}, …]}``, a list of
    strings, or ``{"errors": {"field": ["message", …]}}``."""
    if isinstance(data, str):
        parts.append(f"{field}: {data}" if field else data)
    elif isinstance(data, list):
        for item in data[:5]:
            _collect(item, parts, field)
    elif isinstance(data, dict):
        found = False
        for key in ("message", "error_description", "error", "detail"):
            value = data.get(key)
            if isinstance(value, str | dict):
                _collect(value, parts, field or _text(data.get("field")))
                found = True
        errors = data.get("errors")
        if isinstance(errors, list):
            _collect(errors, parts)
        elif isinstance(errors, dict):
            for name, value in list(errors.items())[:5]:
                _collect(value, parts, str(name))
        elif not found and isinstance(data.get("code"), str):
            parts.append(data["code"])


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _secrets(
    headers: Mapping[str, str] | None,
    auth: tuple[str, str] | None,
    data: Mapping[str, str] | None,
) -> list[str]:
    """Every credential the request carried, longest first, each also without its scheme
    (``Bearer …``)."""
    found = [*(auth or ()), *(data or {}).values()]
    if auth is not None:  # as the Basic header carries it
        found.append(base64.b64encode(":".join(auth).encode()).decode())
    for value in (headers or {}).values():
        found.append(value)
        found.append(value.partition(" ")[2])
    # Short values (a grant type, "Bearer") are not secrets and would mask ordinary words.
    return sorted({v for v in found if len(v) >= 8}, key=len, reverse=True)


def _masked(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    return text
