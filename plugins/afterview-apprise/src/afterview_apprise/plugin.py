"""The ``apprise:`` notifier: ``apprise:mailto://…``, ``apprise:json://…``, ``apprise:tgram://…``
— anything apprise can reach.

apprise reports a failed delivery by returning ``False`` and saying why only in its log; this
notifier raises :class:`~afterview.PluginError` with what apprise logged instead ("HTTP Error
500", "Connection refused"), credentials masked, so the dispatcher retries and ``afterview
remind`` and ``afterview outbox`` show the reason. The URL it shows (in logs, errors, the outbox
view) is apprise's privacy form, with passwords and tokens masked, then masked again by
:func:`afterview.mask_url`; apprise's own log messages about these URLs are masked the same way.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

from afterview import Notification, PluginError, UrlPlugin, mask_url, scrub_url

# apprise is imported where it is used, not here: every afterview command registers this plugin,
# few open an apprise notifier.
if TYPE_CHECKING:
    import apprise

__all__ = ["KEY_HEADER", "SCHEME", "AppriseNotifier", "ApprisePlugin", "plugin"]

SCHEME = "apprise:"
#: Services that send headers (email, JSON/XML/form posts) carry the idempotency key in this
#: header, so a receiver can drop a repeated delivery.
KEY_HEADER = "X-Afterview-Key"


_URL_LIKE = re.compile(r"[^\s()<>'\"]*(?:://|@|%40|\?|#)[^\s()<>'\"]*", re.IGNORECASE)


def _mask_word(word: str) -> str:
    """A URL-like word of an apprise message, reduced to its scheme: apprise re-encodes, lowers
    and moves the parts of a URL it logs (a fragment becomes a query parameter, ``@`` becomes
    ``%40``), so no part of it can be known to be free of the secret."""
    shown = mask_url(word, scheme_only=True)
    return shown if shown.endswith("…") else "***"


#: How many apprise URLs' secrets the log filter keeps masking.
_WATCHED = 512


class _MaskSecrets(logging.Filter):
    """apprise logs the URLs it cannot use (``Unsupported URL: mailto//me:PW@…``) and parts of
    those it can: rewrite each of its records with the secrets of every apprise URL opened in
    this process masked, before any handler sees it."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        # The most recently opened URLs, oldest first: a long-running platform process opens
        # many, and apprise only logs about those in use, so the oldest are let go.
        self._urls: dict[str, None] = {}

    def watch(self, url: str) -> None:
        with self._lock:
            self._urls.pop(url, None)
            self._urls[url] = None
            while len(self._urls) > _WATCHED:
                del self._urls[next(iter(self._urls))]

    def filter(self, record: logging.LogRecord) -> bool:
        with self._lock:
            urls = sorted(self._urls, key=len, reverse=True)
        original = record.getMessage()
        # Every URL-like word shows its scheme only, then whatever is left of the secrets of
        # the URLs opened is hidden.
        message = _URL_LIKE.sub(lambda m: _mask_word(m.group()), original)
        for url in urls:
            message = scrub_url(message, url)
        if message != original:
            record.msg, record.args = message, None
        return True


_mask_secrets = _MaskSecrets()
logging.getLogger("apprise").addFilter(_mask_secrets)


def _asset() -> apprise.AppriseAsset:
    import apprise

    # Keep apprise's optional cache in memory: a reminder tool should not write files of its own
    # choosing into the user's data directory.
    return apprise.AppriseAsset(storage_mode="memory")


class AppriseNotifier:
    """Delivers through one apprise service."""

    def __init__(self, url: str) -> None:
        if not url.startswith(SCHEME):
            raise PluginError(f"an apprise notifier URL starts with {SCHEME!r}")
        self._target = url[len(SCHEME) :]
        _mask_secrets.watch(self._target)
        # apprise loads its service modules on first use, and some import standard modules
        # deprecated since Python 3.11 (imghdr): their warning is apprise's business, not the
        # user's. Done here, once, in the opening thread, since catch_warnings is process-wide.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            service = self._service()
        # apprise's privacy form hides what apprise knows to be secret (tokens in a path, say),
        # mask_url what looks secret; and apprise may have parsed a malformed URL into other
        # parts than mask_url did, so the secrets of the URL as given are hidden too.
        privacy = SCHEME + str(service.url(privacy=True))  # type: ignore[no-untyped-call]
        self._shown = scrub_url(mask_url(privacy), url)

    def _service(self) -> apprise.NotifyBase:
        import apprise

        service = apprise.Apprise.instantiate(self._target, asset=_asset())
        if service is None:
            shown = mask_url(self._target, scheme_only=True)
            scheme = shown.removesuffix("…").rstrip(":/") or "(none)"
            raise PluginError(
                f"apprise cannot use the URL after {SCHEME!r} (service {scheme!r}); "
                "see apprise's list of supported URLs"
            )
        return service

    def __repr__(self) -> str:
        return f"<AppriseNotifier {self._shown!r}>"

    @property
    def url(self) -> str:
        return self._shown

    def notify(self, notification: Notification) -> bool:
        # A fresh service object per message: the key header is per message, and a delivery the
        # dispatcher abandoned after its timeout must not share state with the next one.
        service = self._service()
        headers = getattr(service, "headers", None)
        if isinstance(headers, dict):
            headers[KEY_HEADER] = notification.key
        body = f"{notification.body}\n\n(afterview reminder {notification.key})"
        with _apprise_says() as said:
            if service.notify(body=body, title=notification.title):
                return True
        reason = _masked(" ".join(said), self._target, self._shown) or "apprise did not deliver"
        raise PluginError(reason)


class _ThisThread(logging.Handler):
    """Collects what apprise logs in one thread: why a delivery failed."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.thread = threading.get_ident()
        self.said: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            self.said.append(message)
        elif errno := _ERRNO.search(message):  # "Socket Exception: …[Errno 111] Connection refused"
            self.said.append(f"({errno.group(1)})")


_ERRNO = re.compile(r"\[Errno -?\d+\] ([^\"')]+)")


class _DebugWhileDelivering:
    """Lowers apprise's log level to debug while any delivery is under way (its socket errors
    are logged at debug level), and restores it after the last one, from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._before = logging.NOTSET

    def enter(self, logger: logging.Logger) -> None:
        with self._lock:
            if self._active == 0:
                self._before = logger.level
                logger.setLevel(logging.DEBUG)
            self._active += 1

    def leave(self, logger: logging.Logger) -> None:
        with self._lock:
            self._active -= 1
            if self._active == 0:
                logger.setLevel(self._before)


_DEBUG = _DebugWhileDelivering()


@contextlib.contextmanager
def _apprise_says() -> Iterator[list[str]]:
    """What apprise logs in this thread meanwhile."""
    logger = logging.getLogger("apprise")
    handler = _ThisThread()
    _DEBUG.enter(logger)
    logger.addHandler(handler)
    try:
        yield handler.said
    finally:
        logger.removeHandler(handler)
        _DEBUG.leave(logger)


def _masked(text: str, target: str, shown: str) -> str:
    """``text`` without any part of the URL that apprise's privacy form hides."""
    for part in sorted(set(re.split(r"[:/@?&=#]+", target)), key=len, reverse=True):
        if len(part) >= 4 and part not in shown:
            text = text.replace(part, "****")
    return text


class ApprisePlugin(UrlPlugin, notifier=[SCHEME]):
    """Opens ``apprise:`` notifiers."""

    def open_notifier(self, url: str) -> AppriseNotifier:
        return AppriseNotifier(url)


#: The instance the ``afterview`` entry point registers.
plugin = ApprisePlugin()
