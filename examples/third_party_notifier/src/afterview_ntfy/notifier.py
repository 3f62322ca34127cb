"""Reminders as ntfy messages: one POST of the reminder's text to the topic's URL.

``ntfy://:TOKEN@ntfy.example.org/afterview-jo`` posts to ``https://ntfy.example.org/afterview-jo``
with ``Authorization: Bearer TOKEN``; the token never appears in :attr:`NtfyNotifier.url`, a
``repr`` or an error (``afterview.mask_url``). ``notify()`` runs in the dispatcher's worker thread
with a timeout: it raises on any failure, and the outbox retries later.

A reminder may be delivered twice (after a crash between delivery and acknowledgement); the
message carries its idempotency key in the ``X-Afterview-Key`` header, for a relay that wants to
drop repeats.
"""

from __future__ import annotations

import base64
import urllib.parse

from afterview import Notification, PluginError, mask_url

__all__ = ["NtfyNotifier"]

#: Seconds to wait for the server; the dispatcher's own timeout is longer.
TIMEOUT = 10


class NtfyNotifier:
    def __init__(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        scheme = {"ntfy": "https", "ntfy+http": "http"}.get(parts.scheme)
        topic = parts.path.strip("/")
        if scheme is None or not parts.hostname or not topic or "/" in topic:
            raise PluginError(f"not an ntfy URL: {mask_url(url)!r} (expected ntfy://HOST/TOPIC)")
        host = parts.hostname if parts.port is None else f"{parts.hostname}:{parts.port}"
        self._url = url
        self._endpoint = f"{scheme}://{host}/{urllib.parse.quote(topic)}"
        self._headers: dict[str, str] = {}
        if parts.password:
            self._headers["Authorization"] = f"Bearer {parts.password}"
        elif parts.username:
            basic = base64.b64encode(f"{parts.username}:".encode()).decode("ascii")
            self._headers["Authorization"] = f"Basic {basic}"

    def __repr__(self) -> str:
        return f"<NtfyNotifier {self.url!r}>"

    @property
    def url(self) -> str:
        return mask_url(self._url)

    def notify(self, notification: Notification) -> bool:
        import urllib.error
        import urllib.request

        request = urllib.request.Request(
            self._endpoint,
            data=notification.body.encode("utf-8"),
            method="POST",
            headers={
                **self._headers,
                # HTTP headers are Latin-1: the title goes as RFC 2047 UTF-8 when it needs to.
                "Title": _header_text(notification.title),
                "Tags": notification.code,
                "X-Afterview-Key": notification.key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                status: int = response.status
        except urllib.error.HTTPError as exc:
            exc.close()  # the error holds the response, and its socket, open
            raise PluginError(f"ntfy at {self.url!r} answered HTTP {exc.code}") from None
        except OSError as exc:
            raise PluginError(f"ntfy at {self.url!r} unreachable: {type(exc).__name__}") from None
        return 200 <= status < 300


def _header_text(text: str) -> str:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return "=?UTF-8?B?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="
    return text
