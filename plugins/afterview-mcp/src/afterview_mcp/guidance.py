"""Resources and prompts: the playbook's rules with their rationale, a summary of the workspace,
and two conversations an assistant can start — preparing a feedback call, and a weekly review.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import timedelta
from typing import Annotated, Any

from mcp import MCPError
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError
from mcp.types import INVALID_PARAMS
from pydantic import Field

from afterview import AfterviewError, NotFoundError
from afterview_mcp.session import Session, explain
from afterview_mcp.views import advice_out, application_out, insights_out, person_name

__all__ = ["PLAYBOOK_URI", "SUMMARY_URI", "register_guidance"]

PLAYBOOK_URI = "afterview://playbook"
SUMMARY_URI = "afterview://workspace/summary"


def register_guidance(server: MCPServer[Any], session: Session, tool_of: Mapping[str, str]) -> None:
    """Add the resources and prompts to ``server``."""
    from afterview.wording import event_words

    ws = session.workspace

    def rule_text(code: str) -> str:
        for rule in ws.rules:
            if rule.code == code:
                settled = ", ".join(
                    event_words(t) + (f" ({tool_of[t]})" if t in tool_of else "")
                    for t in rule.resolved_by
                )
                lines = [f"## {rule.code} {rule.name}", "", rule.rationale, ""]
                if rule.settings:
                    lines.append(f"Settings: {', '.join(rule.settings)}.")
                if settled:
                    lines.append(f"Settled by: {settled}.")
                return "\n".join(lines).rstrip() + "\n"
        raise ResourceNotFoundError(f"no rule {code!r}; {PLAYBOOK_URI} lists them")

    @server.resource(
        PLAYBOOK_URI,
        name="playbook",
        title="The playbook",
        description="Every rule afterview applies, with its code, why a coach says so, the "
        "settings it reads and the facts that settle it.",
        mime_type="text/markdown",
    )
    def playbook() -> str:
        head = (
            "# The afterview playbook\n\n"
            "What to do after an interview: thank everyone met by the next day; after a "
            "rejection, ask the interviewer for a short call (never reasons in writing, never "
            "about the other candidate); sort what you hear into behaviours and skills; ask "
            "the three follow-up questions when the feedback is good; then keep in touch.\n\n"
        )
        return head + "\n".join(rule_text(rule.code) for rule in ws.rules)

    @server.resource(
        "afterview://playbook/{code}",
        name="playbook-rule",
        title="One rule of the playbook",
        description="One rule by its code (AV301…): its rationale, settings and what settles it.",
        mime_type="text/markdown",
    )
    def playbook_rule(code: str) -> str:
        return rule_text(code.upper())

    @server.resource(
        SUMMARY_URI,
        name="workspace-summary",
        title="Workspace summary",
        description="The workspace at a glance: counts, the funnel, what is overdue and due this "
        "week.",
        mime_type="application/json",
    )
    def summary() -> str:
        return json.dumps(workspace_summary(), indent=2, ensure_ascii=False)

    def workspace_summary() -> dict[str, Any]:
        now = session.now()
        agenda = list(ws.agenda(now))
        state = ws.state
        week = now + timedelta(days=7)
        insights = insights_out(ws.insights(now))
        return {
            "workspace": ws.name,
            "now": session.shown(now).isoformat(),
            "organizations": len(state.organizations),
            "people": sum(1 for p in state.people.values() if not p.forgotten),
            "applications": len(state.applications),
            "open_applications": sum(1 for a in state.applications if a not in state.decisions),
            "funnel": insights.funnel.model_dump(),
            "overdue": sum(1 for a in agenda if a.due < now),
            "due_this_week": sum(1 for a in agenda if now <= a.due <= week),
            "next": [
                advice_out(session, state, a, now, tool_of).model_dump(mode="json")
                for a in agenda[:5]
            ],
        }

    @server.prompt(
        name="prepare_feedback_call",
        title="Prepare my feedback call",
        description="Get ready for the call with the interviewer after a decision: what was "
        "recorded, the call script, and how to sort and act on what you hear.",
    )
    def prepare_feedback_call(
        application: Annotated[
            str, Field(description="The application (organization name or id).")
        ],
        person: Annotated[
            str | None,
            Field(description="Whom you will talk to (default: the person of the last request)."),
        ] = None,
    ) -> str:
        try:
            state = ws.state
            application_id = ws.application_id(application)
            if person is None:
                requests = state.requests_of(application_id)
                if not requests:
                    raise NotFoundError(
                        f"application {application!r} has no feedback request yet; name the "
                        "person, or record the request with the request_feedback_call tool"
                    )
                person = requests[-1].person_id
            script = ws.draft_call_script(application_id, person)
            who = person_name(state, ws.person(person).id)
            record = application_out(session, state, application_id).model_dump_json(indent=2)
        except AfterviewError as exc:
            # A bad argument, told as such: any other error reaches the client as an opaque
            # internal error.
            raise MCPError(code=INVALID_PARAMS, message=explain(exc, None, dict(tool_of))) from None
        rules = "\n".join(
            rule_text(rule.code) for rule in ws.rules if rule.code[:3] in ("AV4", "AV5")
        )
        return (
            f"Help me prepare my feedback call with {who} about this application. Keep to the "
            "playbook below: the call is to learn how I can improve, never to ask about the "
            "other candidate or to argue the decision. Rehearse the script with me, then, "
            "after the call, help me sort each point into a behaviour to change or a skill to "
            "learn and record it (record_feedback, then plan_action); if the feedback is good, "
            "make sure I asked the three follow-up questions and record the answers "
            "(record_follow_up_answer). Show me what you record.\n\n"
            f"What is recorded about the application:\n```json\n{record}\n```\n\n"
            f"The call script afterview drafted:\n\n{script}\n\n"
            f"The rules that apply:\n\n{rules}"
        )

    @server.prompt(
        name="weekly_review",
        title="Weekly review",
        description="Go over the week: what is overdue, what is due in the next seven days, "
        "and the patterns across applications.",
    )
    def weekly_review() -> str:
        now = session.now()
        agenda = list(ws.agenda(now))
        state = ws.state
        week = [
            advice_out(session, state, a, now, tool_of).model_dump(mode="json")
            for a in agenda
            if a.due <= now + timedelta(days=7)
        ]
        patterns = insights_out(ws.insights(now)).model_dump(mode="json")
        return (
            "Let us do my weekly job-search review with afterview. First the overdue items, "
            "most urgent first, then what is due this week: for each, say why it matters (its "
            "rule in the playbook resource) and help me do it or plan it; record what I have "
            "done with the recording tools and show me each record. Then look at the patterns "
            "and tell me the one thing to change next week.\n\n"
            f"Due by {session.shown(now + timedelta(days=7)):%Y-%m-%d} ({len(week)} items):\n"
            f"```json\n{json.dumps(week, indent=2, ensure_ascii=False)}\n```\n\n"
            f"Patterns:\n```json\n{json.dumps(patterns, indent=2, ensure_ascii=False)}\n```"
        )
