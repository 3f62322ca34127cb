"""Hooks: the ``ics:///path/file.ics`` notifier."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from afterview import hookimpl
from afterview_ics.calendar import IcsNotifier

__all__ = ["SCHEME"]

SCHEME = "ics://"


@hookimpl
def afterview_open_notifier(url: str) -> IcsNotifier | None:
    if not url.startswith(SCHEME):
        return None
    return IcsNotifier(url)


@hookimpl
def afterview_url_schemes() -> Mapping[str, Sequence[str]]:
    return {"notifier": [SCHEME]}
