"""afterview's records as the shapes of :mod:`afterview_mcp.outputs`, with names beside ids so
that an assistant can speak of "Dana Reyes", not ``per_3f9c…``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from afterview_mcp.outputs import (
    ActionOut,
    AdviceOut,
    AnswerRateOut,
    ApplicationOut,
    FeedbackOut,
    FeedbackRequestOut,
    FindingOut,
    InsightsOut,
    InterviewOut,
    PersonOut,
    RecordedFact,
    SubjectOut,
    ThemeOut,
)
from afterview_mcp.session import Session, plain

if TYPE_CHECKING:
    from afterview import Advice, Event, Finding, Insights, Person, State

__all__ = [
    "advice_out",
    "application_out",
    "findings_out",
    "insights_out",
    "person_name",
    "person_out",
    "recorded_facts",
]


def person_name(state: State, person_id: str | None) -> str:
    """A person as the job seeker knows them: name, else their role; a forgotten person stays
    unnamed."""
    person = state.people.get(person_id or "")
    if person is None:
        return "someone"
    if person.forgotten:
        return "a forgotten contact"
    return person.name or f"the {plain(person.role).replace('_', ' ')}"


def advice_out(
    session: Session, state: State, advice: Advice, now: datetime, tool_of: Mapping[str, str]
) -> AdviceOut:
    from afterview.lookup import describe
    from afterview.wording import event_words

    return AdviceOut(
        due=session.shown(advice.due),
        overdue=advice.due < now,
        priority=advice.priority.name.lower(),  # type: ignore[arg-type]
        code=advice.code,
        rule=advice.name,
        message=advice.message,
        subjects=[
            SubjectOut(kind=s.kind, id=s.id, name=describe(state, s.id)) for s in advice.subjects
        ],
        resolved_by=[
            event_words(tag) + (f" ({tool_of[tag]})" if tag in tool_of else "")
            for tag in advice.resolved_by
        ],
    )


def application_out(session: Session, state: State, application_id: str) -> ApplicationOut:
    application = state.applications[application_id]
    decision = state.decisions.get(application_id)
    interviews = state.interviews_of(application_id)
    thanked: dict[str, list[str]] = {}
    for note in state.thank_yous.values():
        thanked.setdefault(note.interview_id, []).append(person_name(state, note.person_id))
    feedback = {f.id for f in state.feedback_of(application_id)}
    actions = sorted(
        (
            a
            for a in state.actions.values()
            if a.application_id == application_id or a.feedback_item_id in feedback
        ),
        key=lambda a: (a.due, a.id),
    )
    answers = {
        plain(a.question): plain(a.answer)
        for a in state.follow_ups.values()
        if a.application_id == application_id
    }
    return ApplicationOut(
        id=application.id,
        organization=state.organizations[application.organization_id].name,
        role_title=application.role_title,
        applied_at=session.shown(application.applied_at),
        decision=None if decision is None else plain(decision.kind),
        interviews=[
            InterviewOut(
                id=i.id,
                scheduled_for=session.shown(i.scheduled_for),
                status=plain(i.status),
                format=plain(i.format),
                interviewers=[person_name(state, p) for p in i.interviewers],
                people_met=[person_name(state, p) for p in i.people_met],
                thanked=thanked.get(i.id, []),
            )
            for i in interviews
        ],
        feedback_requests=[
            FeedbackRequestOut(
                id=r.id,
                person=person_name(state, r.person_id),
                channel=plain(r.channel),
                status=plain(r.status),
                scheduled_for=None if r.scheduled_for is None else session.shown(r.scheduled_for),
            )
            for r in state.requests_of(application_id)
        ],
        feedback=[
            FeedbackOut(
                id=f.id,
                sentiment=plain(f.sentiment),
                category=plain(f.category),
                summary=f.summary,
                themes=list(f.themes),
            )
            for f in state.feedback_of(application_id)
        ],
        follow_up_answers=answers,
        actions=[
            ActionOut(
                id=a.id,
                kind=plain(a.kind),
                title=a.title,
                due=session.shown(a.due),
                done=a.completed_at is not None,
            )
            for a in actions
        ],
    )


def person_out(state: State, person: Person) -> PersonOut:
    organization = state.organizations.get(person.organization_id or "")
    plan = state.plans.get(person.id)
    return PersonOut(
        id=person.id,
        name=person_name(state, person.id),
        role=plain(person.role),
        organization=None if organization is None else organization.name,
        title=None if person.forgotten else person.title,
        direct_line=any(p.direct and p.kind.voice for p in person.contact_points),
        stay_in_touch_days=None if plan is None or plan.ended_at is not None else plan.cadence_days,
    )


def insights_out(insights: Insights) -> InsightsOut:
    def rates(items: Iterable[Any]) -> list[AnswerRateOut]:
        return [
            AnswerRateOut(key=r.key, requested=r.requested, answered=r.answered, rate=r.rate)
            for r in items
        ]

    def themes(items: Iterable[Any]) -> list[ThemeOut]:
        return [
            ThemeOut(theme=t.theme, mentions=t.mentions, organizations=t.organizations)
            for t in items
        ]

    funnel, rejections = insights.funnel, insights.rejections
    return InsightsOut.model_validate(
        {
            "funnel": {
                "applied": funnel.applied,
                "interviewed": funnel.interviewed,
                "decided": funnel.decided,
                "offer": funnel.offer,
            },
            "rejections": {
                "after_no_interview": rejections.after_no_interview,
                "after_first_interview": rejections.after_first_interview,
                "after_later_rounds": rejections.after_later_rounds,
            },
            "answers_by_channel": rates(insights.answers_by_channel),
            "answers_by_role": rates(insights.answers_by_role),
            "criticism": themes(insights.criticism),
            "praise": themes(insights.praise),
            "actions_planned": insights.actions.planned,
            "actions_completed": insights.actions.completed,
            "actions_overdue": insights.actions.overdue or 0,
            "people_met": insights.thank_yous.met,
            "people_thanked": insights.thank_yous.thanked,
        }
    )


def findings_out(findings: Iterable[Finding]) -> list[FindingOut]:
    return [
        FindingOut(code=f.code, message=f.message, start=f.start, end=f.end, excerpt=f.excerpt)
        for f in findings
    ]


def recorded_facts(session: Session, state: State, events: Iterable[Event]) -> list[RecordedFact]:
    """The events a call stored, in plain words, with every id they hold named."""
    from afterview import event_to_dict
    from afterview.lookup import describe
    from afterview.wording import event_words

    facts = []
    for event in events:
        data = event_to_dict(event)
        tag = str(data.pop("type", type(event).__name__))
        data.pop("version", None)
        data.pop("at", None)
        names = {
            value: named for value in _ids(data) if (named := describe(state, value)) is not None
        }
        facts.append(
            RecordedFact(
                fact=event_words(tag),
                type=tag,
                at=session.shown(event.at),
                details=data,
                names=names,
            )
        )
    return facts


def _ids(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        if len(value) > 4 and value[3] == "_" and value[:3].isalpha():
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _ids(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _ids(item)
