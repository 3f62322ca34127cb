"""The ``console:`` notifier: reminders printed to standard output (``console:stderr`` for
standard error), one block per reminder. Handy under cron, which mails a job's output.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from afterview.errors import DataError
from afterview.hookspecs import hookimpl
from afterview.masking import mask_url
from afterview.reminders.notifier import Notification

__all__ = ["ConsoleNotifier"]

SCHEME = "console:"
_STREAMS = {"": "stdout", "stdout": "stdout", "stderr": "stderr"}


class ConsoleNotifier:
    """Prints each reminder. It cannot deduplicate: a retried delivery prints again."""

    def __init__(self, url: str = SCHEME) -> None:
        stream = _STREAMS.get(url[len(SCHEME) :]) if url.startswith(SCHEME) else None
        if stream is None:
            raise DataError(
                f"a console notifier URL is 'console:' or 'console:stderr', not {mask_url(url)!r}"
            )
        self._url = url
        self._stream = stream

    def __repr__(self) -> str:
        return f"<ConsoleNotifier {self._url!r}>"

    @property
    def url(self) -> str:
        return self._url

    def _out(self) -> TextIO:
        # Looked up at each call, so a redirected stream (a test, a wrapper) is honoured.
        stream: TextIO = getattr(sys, self._stream)
        return stream

    def notify(self, notification: Notification) -> bool:
        out = self._out()
        out.write(f"[{notification.workspace}] {notification.title}\n")
        for line in notification.body.splitlines() or [""]:
            out.write(f"    {line}\n")
        out.flush()
        return True


@hookimpl
def afterview_open_notifier(url: str) -> ConsoleNotifier | None:
    if not url.startswith(SCHEME) or url[len(SCHEME) :] not in _STREAMS:
        return None
    return ConsoleNotifier(url)


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"notifier": [SCHEME, f"{SCHEME}stderr"]}
