"""What the tools return: typed, documented shapes, published to the client as each tool's
output schema (structured output), so an assistant knows what it will read before it calls.

pydantic models, because the SDK turns them into JSON Schema and validates every result against
them. They are built from afterview's own records by the ``from_…`` functions of
:mod:`afterview_mcp.views`; no afterview class appears here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = [
    "ActionOut",
    "AdviceOut",
    "AgendaOut",
    "AnswerRateOut",
    "ApplicationOut",
    "DraftOut",
    "FeedbackOut",
    "FeedbackRequestOut",
    "FindingOut",
    "InsightsOut",
    "InterviewOut",
    "LintOut",
    "PeopleOut",
    "PersonOut",
    "RecordedFact",
    "RecordedOut",
    "StatusOut",
    "SubjectOut",
    "ThemeOut",
]


class SubjectOut(BaseModel):
    """A record a piece of advice is about."""

    kind: str = Field(description="person, organization, application, interview, …")
    id: str = Field(description="The record's id; any tool taking that kind of record takes it.")
    name: str | None = Field(description="What the job seeker calls it, when the record is known.")


class AdviceOut(BaseModel):
    """One thing to do, from one rule of the playbook."""

    due: datetime = Field(description="When it is due, in the job seeker's time zone.")
    overdue: bool = Field(description="Whether it was due before now.")
    priority: Literal["high", "normal", "low"]
    code: str = Field(description="The rule's code, e.g. AV301; the playbook resource explains it.")
    rule: str = Field(description="The rule's short name.")
    message: str = Field(description="What to do, in plain words.")
    subjects: list[SubjectOut] = Field(description="What the advice is about.")
    resolved_by: list[str] = Field(
        description="The facts that settle it, each with the tool that records it."
    )


class AgendaOut(BaseModel):
    """The agenda: everything to do next, by due time then priority."""

    workspace: str
    now: datetime = Field(description="The time the agenda was computed for.")
    count: int = Field(description="How many items are listed (after the filters).")
    items: list[AdviceOut]
    failed_rules: list[str] = Field(
        description="Rules that could not run on this workspace's data (their advice is missing)."
    )


class FunnelOut(BaseModel):
    applied: int
    interviewed: int = Field(description="Applications with at least one interview held.")
    decided: int
    offer: int


class RejectionsOut(BaseModel):
    after_no_interview: int
    after_first_interview: int
    after_later_rounds: int


class AnswerRateOut(BaseModel):
    """How many feedback requests of one kind (a channel, a role asked) got an answer."""

    key: str
    requested: int
    answered: int
    rate: float


class ThemeOut(BaseModel):
    """A feedback theme: how often it came up, and at how many organizations."""

    theme: str
    mentions: int
    organizations: int


class InsightsOut(BaseModel):
    """Patterns across every application of the workspace."""

    funnel: FunnelOut
    rejections: RejectionsOut
    answers_by_channel: list[AnswerRateOut]
    answers_by_role: list[AnswerRateOut]
    criticism: list[ThemeOut] = Field(description="Themes of negative feedback: what to work on.")
    praise: list[ThemeOut] = Field(description="Themes of positive feedback: what to lead with.")
    actions_planned: int
    actions_completed: int
    actions_overdue: int
    people_met: int = Field(description="People met at held interviews.")
    people_thanked: int = Field(description="Of those, how many got a thank-you note.")


class InterviewOut(BaseModel):
    id: str
    scheduled_for: datetime
    status: str
    format: str
    interviewers: list[str] = Field(description="Their names.")
    people_met: list[str] = Field(description="Others met there, by name.")
    thanked: list[str] = Field(description="Who got a thank-you note for it, by name.")


class FeedbackRequestOut(BaseModel):
    id: str
    person: str
    channel: str
    status: str
    scheduled_for: datetime | None


class FeedbackOut(BaseModel):
    id: str
    sentiment: str
    category: str
    summary: str
    themes: list[str]


class ActionOut(BaseModel):
    id: str
    kind: str
    title: str
    due: datetime
    done: bool


class ApplicationOut(BaseModel):
    """An application with everything recorded about it."""

    id: str
    organization: str
    role_title: str
    applied_at: datetime
    decision: str | None = Field(description="offer, rejected, on_hold…; null while open.")
    interviews: list[InterviewOut]
    feedback_requests: list[FeedbackRequestOut]
    feedback: list[FeedbackOut]
    follow_up_answers: dict[str, str] = Field(
        description="The three follow-up questions answered so far: question → answer."
    )
    actions: list[ActionOut]


class StatusOut(BaseModel):
    workspace: str
    applications: list[ApplicationOut]


class PersonOut(BaseModel):
    id: str
    name: str
    role: str
    organization: str | None
    title: str | None
    direct_line: bool = Field(description="Whether a phone number reaching them directly is known.")
    stay_in_touch_days: int | None = Field(
        description="The agreed rhythm of keeping in touch, in days; null without one."
    )


class PeopleOut(BaseModel):
    people: list[PersonOut]


class FindingOut(BaseModel):
    """A problem the linter found in a text."""

    code: str
    message: str = Field(description="What to do instead.")
    start: int = Field(description="Character offset where the problem starts.")
    end: int
    excerpt: str


class LintOut(BaseModel):
    clean: bool = Field(description="True when the linter found nothing to change.")
    findings: list[FindingOut]


class DraftOut(BaseModel):
    """A draft in afterview's own words, and what the linter says about it."""

    kind: Literal["feedback_request", "call_script", "thank_you"]
    text: str
    findings: list[FindingOut]


class RecordedFact(BaseModel):
    """One fact stored in the workspace."""

    fact: str = Field(description="What was recorded, in plain words.")
    type: str = Field(description="The event's type tag.")
    at: datetime = Field(description="When it happened.")
    details: dict[str, Any] = Field(description="The stored fields, as afterview exports them.")
    names: dict[str, str] = Field(description="The ids in details, with what each one names.")


class RecordedOut(BaseModel):
    """What a recording tool stored: show it to the user."""

    workspace: str
    id: str | None = Field(description="The id of the record created, if one was.")
    summary: str = Field(description="One sentence saying what was recorded.")
    recorded: list[RecordedFact] = Field(
        description="Every fact stored by this call, in order (empty when nothing new was "
        "needed, e.g. an organization already recorded)."
    )
