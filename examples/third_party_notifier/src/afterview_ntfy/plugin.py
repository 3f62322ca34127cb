"""The hooks: ``ntfy://HOST/TOPIC`` (HTTPS) and ``ntfy+http://HOST:PORT/TOPIC`` (a server of
your own on a trusted network)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from afterview import hookimpl

if TYPE_CHECKING:
    from afterview_ntfy.notifier import NtfyNotifier

SCHEMES = ("ntfy://", "ntfy+http://")


@hookimpl
def afterview_open_notifier(url: str) -> NtfyNotifier | None:
    if not url.startswith(SCHEMES):
        return None  # another plugin's URL
    from afterview_ntfy.notifier import NtfyNotifier

    return NtfyNotifier(url)


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"notifier": list(SCHEMES)}
