"""What the services under the facade need from a workspace, as a protocol.

The reminder dispatcher, the ATS import and the opening watch never take the
:class:`~afterview.workspace.Workspace` class itself: they take a :class:`Journal` — a named
event log with its folded state and a way to append — and, where they need one, an opener
from the plugin host, passed as a plain callable. A :class:`~afterview.workspace.Workspace` is a
``Journal``; so is anything else that keeps the same promises, which is how the services are
tested on their own and reused across many workspaces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from afterview.events import Event
    from afterview.fold import State

__all__ = ["Journal"]


class Journal(Protocol):
    """One workspace's event log, as the services see it."""

    @property
    def name(self) -> str:
        """The workspace's name."""
        ...

    @property
    def state(self) -> State:
        """The folded state, brought up to date with the store first. Read it, never change it."""
        ...

    def record(self, *events: Event) -> int:
        """Validate ``events`` against the state and append them atomically; return the version.

        :raises EventRejected: an event does not fit; nothing was stored.
        :raises ConcurrencyError: another writer appended first; nothing was stored.
        """
        ...
