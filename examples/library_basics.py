"""Use afterview as a library: record an interview and a rejection, then read the agenda.

Run it: python examples/library_basics.py
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from afterview import Workspace

start = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
ws = Workspace.open("memory://", name="ana", clock=lambda: start)

org = ws.add_organization("Northwind Labs")
priya = ws.add_contact("Priya Natarajan", "interviewer", organization=org)
tom = ws.add_contact("Tom Okafor", "receptionist", organization=org)
app = ws.submit_application(org, "Product Analyst", at=start)
interview_day = start + timedelta(days=2, hours=1)
interview = ws.schedule_interview(app, interview_day, interviewers=[priya], at=start)

print("Before the interview:")
for advice in ws.agenda(start):
    print(f"  {advice.due:%a %d %b %H:%M}  {advice.code}  {advice.message}")

ws.record_interview_held(interview, people_met=[tom], at=interview_day)
ws.collect_business_card(priya, work_phone="+1 555 0100", interview=interview, at=interview_day)
ws.send_thank_you(interview, priya, medium="handwritten", at=interview_day + timedelta(hours=3))
ws.send_thank_you(interview, tom, medium="handwritten", at=interview_day + timedelta(hours=3))
decision_day = interview_day + timedelta(days=6)
ws.record_decision(app, "rejected", reason="another candidate was selected", at=decision_day)

print("\nAfter the rejection:")
for advice in ws.agenda(decision_day + timedelta(hours=1)):
    print(f"  {advice.due:%a %d %b %H:%M}  {advice.code}  {advice.message}")

print("\nA request to start from:\n")
print(ws.draft_feedback_request(app, priya))
