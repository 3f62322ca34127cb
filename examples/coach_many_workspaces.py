"""A coach's view: many job seekers' workspaces in one store, and what is due for each.

Each job seeker has a workspace of their own; a handle opened for one can never read another's.
The platform's reminder rounds (``afterview remind --all``, or ``remind_all``) keep the store's
wake-up index current; the coach's caseload is read from that index, so it costs the same for
three job seekers as for thousands: only a workspace that changed since the last round is
folded again.

Run it: python examples/coach_many_workspaces.py [STORE_URL]
(default: a SQLite file in a temporary directory)
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from afterview import PluginManager, Workspace, caseload, remind_all

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
# A reminder round with no notifier: it only brings the index up to date. A platform runs
# ``afterview remind --all`` from cron instead, which also sends the reminders.
remind_all(store, now, notifiers=[], plugin_manager=plugins)

print(f"{'job seeker':<12}{'due now':>8}{'later':>8}   next")
for seeker in caseload(store, now, plugin_manager=plugins):
    first = seeker.next[1] if seeker.next else "-"
    print(f"{seeker.workspace:<12}{seeker.due:>8}{seeker.later:>8}   {first}")
store.close()
