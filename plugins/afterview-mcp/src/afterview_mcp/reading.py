"""The tools that only read: the agenda, insights, status, people, drafts and the linter.

They are exposed with or without ``--read-only``, and none of them changes the workspace.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.types import ToolAnnotations
from pydantic import Field

from afterview_mcp.outputs import (
    AgendaOut,
    ApplicationOut,
    DraftOut,
    InsightsOut,
    LintOut,
    PeopleOut,
    StatusOut,
)
from afterview_mcp.session import Session
from afterview_mcp.views import (
    advice_out,
    application_out,
    findings_out,
    insights_out,
    person_out,
)

__all__ = ["READING_TOOLS", "register_reading"]

#: The reading tools, in the order they are listed.
READING_TOOLS = (
    "agenda",
    "insights",
    "status",
    "people",
    "draft_feedback_request",
    "draft_call_script",
    "draft_thank_you",
    "lint_text",
)

_READ = ToolAnnotations(read_only_hint=True, open_world_hint=False)

Application = Annotated[
    str,
    Field(
        description="An application: its id, the organization's name, or "
        '"Organization/Role title" when there are two at one organization.'
    ),
]
PersonRef = Annotated[
    str,
    Field(description="A person: their id, name, or a part of the name only they have."),
]


def register_reading(
    server: MCPServer[Any],
    session: Session,
    guard: Callable[[Callable[..., Any]], Callable[..., Any]],
    tool_of: Mapping[str, str],
) -> None:
    """Add the reading tools to ``server``."""
    ws = session.workspace

    def agenda(
        until: Annotated[
            str | None,
            Field(description="Only what is due by then: an ISO 8601 date (the whole day counts)."),
        ] = None,
        application: Annotated[
            str | None, Field(description="Only what concerns this application (name or id).")
        ] = None,
        limit: Annotated[int | None, Field(ge=1, description="At most this many items.")] = None,
    ) -> AgendaOut:
        """What to do next, by due time then priority, from the playbook's rules: thank-you
        notes, feedback calls, follow-up questions, actions, keeping in touch. Each item says
        why (its rule code), what it is about and which fact settles it."""
        from afterview.lookup import records_of_application

        now = session.now()
        items = list(ws.agenda(now))
        failures = [f"{f.code} ({f.name})" for f in ws.rule_failures]
        state = ws.state
        if application is not None:
            related = records_of_application(state, ws.application_id(application))
            items = [a for a in items if any(s.id in related for s in a.subjects)]
        if until is not None:
            cutoff = session.moment(until, "until", due=True)
            items = [a for a in items if a.due <= cutoff]
        if limit is not None:
            items = items[:limit]
        return AgendaOut(
            workspace=ws.name,
            now=session.shown(now),
            count=len(items),
            items=[advice_out(session, state, a, now, tool_of) for a in items],
            failed_rules=failures,
        )

    def insights() -> InsightsOut:
        """Patterns across every application: where the search stalls (the funnel, where
        rejections happen), which feedback requests get answers, recurring criticism and
        praise, actions done, thank-you notes sent."""
        return insights_out(ws.insights(session.now()))

    def status(
        application: Annotated[
            str | None,
            Field(description="One application (name or id); every application when left out."),
        ] = None,
    ) -> StatusOut:
        """Applications with everything recorded about them: interviews (who was met, who
        was thanked), the decision, feedback requests, feedback, follow-up answers and
        actions, each with its id."""
        state = ws.state
        if application is not None:
            ids = [ws.application_id(application)]
        else:
            ids = [
                a.id
                for a in sorted(state.applications.values(), key=lambda a: (a.applied_at, a.id))
            ]
        applications: list[ApplicationOut] = [application_out(session, state, i) for i in ids]
        return StatusOut(workspace=ws.name, applications=applications)

    def people() -> PeopleOut:
        """Everyone recorded: role, organization, whether a direct line is known, and the
        stay-in-touch rhythm agreed with them."""
        state = ws.state
        return PeopleOut(
            people=[
                person_out(state, p)
                for p in sorted(state.people.values(), key=lambda p: (p.name.casefold(), p.id))
                if not p.forgotten
            ]
        )

    def draft_feedback_request(application: Application, person: PersonRef) -> DraftOut:
        """A short, humble message asking the interviewer for a feedback *call* after a
        decision (never for reasons in writing), checked by the linter."""
        text = ws.draft_feedback_request(application, person)
        return DraftOut(kind="feedback_request", text=text, findings=findings_out(ws.lint(text)))

    def draft_call_script(application: Application, person: PersonRef) -> DraftOut:
        """Talking points for the feedback call: listen, sort what you hear into behaviours
        and skills, and, when the feedback is good, the three follow-up questions."""
        text = ws.draft_call_script(application, person)
        return DraftOut(kind="call_script", text=text, findings=findings_out(ws.lint(text)))

    def draft_thank_you(
        interview: Annotated[
            str,
            Field(
                description="An interview id, or an application: its latest held interview "
                "where the person was met."
            ),
        ],
        person: PersonRef,
    ) -> DraftOut:
        """A thank-you note for someone met at a held interview, receptionist included."""
        text = ws.draft_thank_you(interview, person)
        return DraftOut(kind="thank_you", text=text, findings=findings_out(ws.lint(text)))

    def lint_text(
        text: Annotated[str, Field(description="A feedback request or call script to check.")],
    ) -> LintOut:
        """Check a feedback request or call script against the playbook: no mention of the
        other candidate, no request for reasons in writing, no blame."""
        findings = findings_out(ws.lint(text))
        return LintOut(clean=not findings, findings=findings)

    bodies: dict[str, Callable[..., Any]] = {
        "agenda": agenda,
        "insights": insights,
        "status": status,
        "people": people,
        "draft_feedback_request": draft_feedback_request,
        "draft_call_script": draft_call_script,
        "draft_thank_you": draft_thank_you,
        "lint_text": lint_text,
    }
    for name in READING_TOOLS:
        server.add_tool(guard(bodies[name]), name=name, annotations=_READ)
