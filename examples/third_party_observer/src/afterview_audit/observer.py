"""An audit trail: one JSON line per stored event, in one file per workspace (replace with
what your observer does).

The observer runs right after events are stored; if it raises, the events stay stored and the
failure is reported (``Workspace.observer_failures``), so it cannot lose the job seeker's data.
It writes the event's type and time only: events carry personal data (names, notes, contact
details) that an audit trail has no need to copy, and that ``forget`` could not erase here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from afterview import Event, Journal, safe_file_name

__all__ = ["AuditObserver"]


class AuditObserver:
    """Appends to ``directory/<workspace>.jsonl``; the file name is safe whatever the
    workspace's name (``..``, ``CON``, two names differing only in case)."""

    def __init__(self, directory: Path | None = None) -> None:
        default = os.environ.get("AUDIT_DIR", "~/.local/share/afterview-audit")
        self.directory = Path(directory or default).expanduser()

    def __repr__(self) -> str:
        return f"<AuditObserver {str(self.directory)!r}>"

    def events_appended(self, workspace: Journal, events: Sequence[Event]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{safe_file_name(workspace.name)}.jsonl"
        with path.open("a", encoding="utf-8") as out:
            for event in events:
                out.write(json.dumps({"type": event.type, "at": event.at.isoformat()}) + "\n")
