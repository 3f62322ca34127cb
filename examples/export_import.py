"""Export a workspace to JSON and import it elsewhere; export one person's data; forget them.

Run it: python examples/export_import.py
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from afterview import Workspace, export_from_json, export_to_json

now = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
source = Workspace.open("memory://", name="ana", clock=lambda: now)
org = source.add_organization("Northwind Labs")
priya = source.add_contact("Priya Natarajan", "interviewer", organization=org)
app = source.submit_application(org, "Product Analyst")
interview = source.schedule_interview(app, now + timedelta(days=3), interviewers=[priya])

text = export_to_json(source.export())
print(f"exported {len(source.events())} events, {len(text)} characters of JSON")

target = Workspace.open("memory://", name="ana-copy", clock=lambda: now)
added = target.import_export(export_from_json(text))
again = target.import_export(export_from_json(text))
print(f"imported {added} events; importing the same file again added {again}")
assert target.agenda(now) == source.agenda(now)

about_priya = source.export(person="Priya")
print(f"{len(about_priya.events)} events are about Priya")

rewritten = source.forget("Priya Natarajan")  # forget wants the whole name, or the id
print(f"forgot Priya: {rewritten} stored event(s) rewritten")
assert "Priya" not in export_to_json(source.export())
