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

OAuth2 client credentials (:meth:`Http.use_client_credentials`) are authlib's
(``afterview[oauth]``): its httpx client asks the token endpoint for a token, authenticates
there, places the bearer token and keeps track of when it expires. This client asks for a new
token before each request once authlib counts the old one expired (a minute early), and once
more when the API refuses a token with a 401 before then (a server that revoked it, or whose
clock runs ahead); token requests are retried like any other.

The retry loop is this module's own: httpx-retries clamps a long ``Retry-After`` and retries
early, stamina takes waits as given and neither lets a test record the waits of one client;
``docs/ats.md`` has the comparison.

Needs ``httpx``, which the core does not: install ``afterview[http]``.
"""

from __future__ import annotations

import base64
import email.utils
import json
import logging
import sys
import time
import warnings
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Self, cast

import attrs
import httpx

from afterview.errors import PluginError

if TYPE_CHECKING:
    from authlib.integrations.httpx_client import OAuth2Client

__all__ = ["ClientCredentials", "Http", "Sleep"]

Sleep = Callable[[float], None]


@attrs.frozen
class ClientCredentials:
    """An OAuth2 client-credentials grant (RFC 6749, section 4.4): the token endpoint, the
    client's id and secret (sent with HTTP Basic), and any other fields the token request
    carries (Greenhouse's ``sub``)."""

    token_url: str
    client_id: str = attrs.field(repr=False)
    client_secret: str = attrs.field(repr=False)
    form: Mapping[str, str] = attrs.field(factory=dict)


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
        # The library the client is built on: httpx, or the httpx2 fork that authlib's OAuth2
        # client is built on when it is installed (the MCP SDK brings it). Both have the same
        # API; their exceptions and sentinels are their own.
        self._lib: Any = httpx
        self.timeout = timeout
        self.credentials: ClientCredentials | None = None
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.max_bytes = max_bytes
        self.sleep = sleep
        self.log = logging.getLogger(logger)

    def close(self) -> None:
        self.client.close()

    def use_client_credentials(self, credentials: ClientCredentials) -> None:
        """Authenticate every request with a bearer token of this grant, fetched on the first
        request and again when it expires (needs ``afterview[oauth]``, which brings authlib)."""
        self.client.close()
        self.client = _oauth2_client(credentials, self.timeout)
        self._lib = _library_of(self.client)
        self.credentials = credentials

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
        renewed_after_refusal = False
        for attempt in range(1, self.max_attempts + 1):
            last = attempt == self.max_attempts
            try:
                fresh = self._authorize()
                with self.client.stream(
                    method,
                    url,
                    params=params,
                    headers=headers,
                    data=data,
                    # The OAuth2 client signs only the requests left to the client's own
                    # authentication, which ``auth=None`` is not.
                    auth=self._lib.USE_CLIENT_DEFAULT if auth is None else auth,
                ) as response:
                    status = response.status_code
                    if status == 401 and self.credentials and not fresh:
                        if renewed_after_refusal or last:
                            again = ", even with a new token" if renewed_after_refusal else ""
                            raise PluginError(f"{where}: HTTP 401{again}")
                        # Refused before authlib counted it expired: revoked, or the server's
                        # clock runs ahead. One new token, then the request again.
                        renewed_after_refusal = True
                        cast("OAuth2Client", self.client).token = None
                        self.log.info("%s: HTTP 401, asking for a new token", where)
                        continue
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
                        said = _masked(_said(body), self._secrets(headers, auth, data))
                        raise PluginError(f"{where}: HTTP {status}" + (f": {said}" if said else ""))
            except _TokenEndpointBusy as busy:
                if last:
                    raise PluginError(f"{busy.where}: {busy} after {attempt} attempts") from None
                wait = self._backoff(attempt)
                self.log.info("%s: %s, retrying in %.1fs", busy.where, busy, wait)
                self.sleep(wait)
                continue
            except (self._lib.TimeoutException, self._lib.TransportError) as exc:
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

    def authorize(self) -> None:
        """Fetch the grant's token now if there is none, with the retries of any request (a
        refused grant raises :class:`PluginError` before anything else is read); nothing
        without credentials."""
        for attempt in range(1, self.max_attempts + 1):
            try:
                self._authorize()
                return
            except (
                _TokenEndpointBusy,
                self._lib.TimeoutException,
                self._lib.TransportError,
            ) as exc:
                what = str(exc) if isinstance(exc, _TokenEndpointBusy) else type(exc).__name__
                where = exc.where if isinstance(exc, _TokenEndpointBusy) else "the token request"
                if attempt == self.max_attempts:
                    raise PluginError(f"{where}: {what} after {attempt} attempts") from None
                wait = self._backoff(attempt)
                self.log.info("%s: %s, retrying in %.1fs", where, what, wait)
                self.sleep(wait)

    def _authorize(self) -> bool:
        """Fetch a token when there is none or it expires within a minute; whether it did.

        authlib renews an expired client-credentials token by itself, but without the extra
        form fields of the grant (Greenhouse's ``sub``): it is asked here, with them, first
        (authlib's own check counts a token expired a few seconds later than this one)."""
        credentials = self.credentials
        if credentials is None:
            return False
        client = cast("OAuth2Client", self.client)
        token = client.token
        if token and not token.is_expired(leeway=_TOKEN_LEEWAY):
            return False
        from authlib.integrations.base_client import OAuthError

        token_where = f"POST {httpx.URL(credentials.token_url).copy_with(query=None)}"
        try:
            client.fetch_token(
                credentials.token_url, grant_type="client_credentials", **credentials.form
            )
        except self._lib.HTTPStatusError as exc:
            status = exc.response.status_code
            if status == 429 or status >= 500:
                raise _TokenEndpointBusy(token_where, f"HTTP {status}") from None
            raise PluginError(f"{token_where}: HTTP {status}") from None
        except OAuthError as exc:
            # "invalid_client: Client authentication failed", as a refusal elsewhere reads.
            said = ": ".join(str(part) for part in (exc.error, exc.description) if part)
            said = _masked(said, self._secrets(None, None, None))
            answered = getattr(client, "afterview_token_status", None)
            raise PluginError(
                f"{token_where}: "
                + (f"HTTP {answered}" if answered else "refused")
                + (f": {said}" if said else "")
            ) from None
        except ValueError:
            raise PluginError(f"{token_where}: the response is not a token") from None
        if not client.token or not client.token.get("access_token"):
            raise PluginError(f"{token_where}: the response has no access token")
        return True

    def _secrets(
        self,
        headers: Mapping[str, str] | None,
        auth: tuple[str, str] | None,
        data: Mapping[str, str] | None,
    ) -> list[str]:
        found = _secrets(headers, auth, data)
        credentials = self.credentials
        if credentials is not None:
            token = getattr(self.client, "token", None) or {}
            extra = [credentials.client_id, credentials.client_secret]
            extra += [str(token[k]) for k in ("access_token", "refresh_token") if token.get(k)]
            found = sorted({*found, *(v for v in extra if len(v) >= 8)}, key=len, reverse=True)
        return found

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


def _library_of(client: object) -> Any:
    """The module (httpx or httpx2) whose ``Client`` ``client`` is built on."""
    for cls in type(client).__mro__:
        top = cls.__module__.partition(".")[0]
        if top in ("httpx", "httpx2"):
            return sys.modules[top]
    raise PluginError(f"an HTTP client afterview does not know: {type(client).__name__}")


#: A token that expires within this many seconds is replaced before a request.
_TOKEN_LEEWAY = 60


class _TokenEndpointBusy(Exception):
    """The token endpoint answered 429 or 5xx: retried like any other request."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(what)
        self.where = where


def _oauth2_client(credentials: ClientCredentials, timeout: float) -> OAuth2Client:
    try:
        with warnings.catch_warnings():
            # authlib prefers the httpx2 fork and says so on import when it finds httpx alone;
            # either serves (see ``_library_of``). Its module of warnings sets them to
            # "always" when imported: ignored here after that, and the filters restored after.
            import authlib.deprecate  # noqa: F401

            warnings.simplefilter("ignore", DeprecationWarning)
            from authlib.integrations.httpx_client import OAuth2Client
    except ImportError:
        raise PluginError(
            "OAuth2 client credentials need authlib: pip install 'afterview[oauth]'"
        ) from None
    client = OAuth2Client(
        client_id=credentials.client_id,
        client_secret=credentials.client_secret,
        token_endpoint_auth_method="client_secret_basic",
        token_endpoint=credentials.token_url,
        grant_type="client_credentials",
        leeway=_TOKEN_LEEWAY - 5,
        timeout=timeout,
        headers={"Accept": "application/json"},
    )

    def note_status(response: httpx.Response) -> httpx.Response:
        # authlib's error for a refused grant says what the body said, not the status.
        client.afterview_token_status = response.status_code
        return response

    client.register_compliance_hook("access_token_response", note_status)
    return client


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
