"""The hooks: afterview imports this module when a workspace opens."""

from __future__ import annotations

from collections.abc import Sequence

from afterview import Event, Journal, hookimpl


class AuditPlugin:
    """The plugin object: the observer is made on the first append, not at import."""

    def __init__(self, observer: object | None = None) -> None:
        self._observer = observer

    @hookimpl
    def afterview_events_appended(self, workspace: Journal, events: Sequence[Event]) -> None:
        from afterview_audit.observer import AuditObserver

        if self._observer is None:
            self._observer = AuditObserver()
        assert isinstance(self._observer, AuditObserver)
        self._observer.events_appended(workspace, events)


plugin = AuditPlugin()
