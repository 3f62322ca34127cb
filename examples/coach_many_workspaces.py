"""A coach's view: many job seekers' workspaces in one store, and what is due for each.

Each job seeker has a workspace of their own; a handle opened for one can never read another's.
The coach walks the store's workspaces and counts what is due.

Run it: python examples/coach_many_workspaces.py [STORE_URL]
(default: a SQLite file in a temporary directory)
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from afterview import PluginManager, Workspace

now = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
plugins = PluginManager()
url = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{Path(tempfile.mkdtemp()) / 'coach.sqlite'}"

clients = {
    "ana": ("Northwind Labs", "Product Analyst", "rejected"),
    "ben": ("Contoso Freight", "Logistics Planner", "offer"),
    "chloe": ("Fabrikam Health", "UX Researcher", None),
}
for name, (organization, role, decision) in clients.items():
    ws = Workspace.open(url, name=name, plugin_manager=plugins, clock=lambda: now)
    if ws.state.version:  # already recorded by an earlier run
        continue
    org = ws.add_organization(organization, at=now - timedelta(days=20))
    interviewer = ws.add_contact("Sam Rivera", "interviewer", organization=org)
    app = ws.submit_application(org, role, at=now - timedelta(days=20))
    interview = ws.schedule_interview(
        app, now - timedelta(days=8), interviewers=[interviewer], at=now - timedelta(days=15)
    )
    ws.record_interview_held(interview, at=now - timedelta(days=8))
    if decision:
        ws.record_decision(app, decision, at=now - timedelta(days=4))

store = plugins.open_store(url)
print(f"{'job seeker':<12}{'due now':>8}{'later':>8}   next")
for name in store.workspaces():
    ws = Workspace(store, name, plugin_manager=plugins, clock=lambda: now)
    agenda = ws.agenda(now)
    due = [a for a in agenda if a.due <= now]
    upcoming = len(agenda) - len(due)
    first = agenda[0].code + " " + agenda[0].name if agenda else "-"
    print(f"{name:<12}{len(due):>8}{upcoming:>8}   {first}")
