"""Each application's story in date order: applied, interviews, thank-you notes, the decision,
the feedback call, what was learned, the actions it led to and the touchpoints that followed.

Pure: it reads a folded :class:`~afterview.fold.State` and returns frozen values; the page
template lays them out. A forgotten person is named as such (their name is already blank in the
state); their id never reaches the page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from afterview.fold import State
from afterview.model import (
    DecisionKind,
    FeedbackRequestStatus,
    InterviewStatus,
    Person,
)

__all__ = [
    "FORGOTTEN",
    "ApplicationTimeline",
    "TimelineEntry",
    "application_timelines",
    "display_name",
    "last_activity",
]

#: How a person who was forgotten is shown: there is nothing else left to show.
FORGOTTEN = "a forgotten contact"

#: The order of stages on one day: the loop's own order, so a same-day story reads forwards.
STAGES = (
    "applied",
    "interview",
    "thank-you",
    "decision",
    "feedback-request",
    "feedback-call",
    "feedback",
    "follow-up",
    "action",
    "touchpoint",
)


def display_name(person: Person | None) -> str:
    """The name to print for ``person``: their name, else their role; never their id."""
    if person is None:
        return "someone"
    if person.forgotten:
        return FORGOTTEN
    return person.name or str(person.role).replace("_", " ")


@attrs.frozen(kw_only=True)
class TimelineEntry:
    """One dated step of an application's story."""

    at: datetime
    #: One of :data:`STAGES`; the page colours each stage.
    stage: str
    #: What happened, in a few words.
    title: str
    #: More about it (themes, a summary, a channel); may be empty.
    detail: str = ""
    #: The ids of the people the step involved (for ``--person``); never shown.
    people: tuple[str, ...] = attrs.field(default=(), repr=False)
    #: Still to come (an interview or call scheduled after the report's moment).
    upcoming: bool = False


@attrs.frozen(kw_only=True)
class ApplicationTimeline:
    application_id: str
    organization: str
    role_title: str
    #: The latest decision, if any (``offer``, ``rejected`` …).
    outcome: str | None
    entries: tuple[TimelineEntry, ...]


def _names(state: State, ids: Iterable[str]) -> str:
    return ", ".join(display_name(state.people.get(i)) for i in ids)


def _entries(state: State, application_id: str, now: datetime) -> list[TimelineEntry]:
    application = state.applications[application_id]
    entries = [
        TimelineEntry(at=application.applied_at, stage="applied", title="Applied"),
    ]
    interview_ids: set[str] = set()
    involved: set[str] = set()
    for interview in state.interviews_of(application_id):
        interview_ids.add(interview.id)
        people = tuple(dict.fromkeys((*interview.interviewers, *interview.people_met)))
        involved.update(people)
        fmt = str(interview.format).replace("_", " ")
        if interview.status is InterviewStatus.HELD:
            at, title = interview.held_at or interview.scheduled_for, f"Interview held ({fmt})"
        elif interview.status is InterviewStatus.CANCELLED:
            at, title = interview.scheduled_for, "Interview cancelled"
        else:
            at, title = interview.scheduled_for, f"Interview scheduled ({fmt})"
        entries.append(
            TimelineEntry(
                at=at,
                stage="interview",
                title=title,
                detail=f"with {_names(state, people)}" if people else "",
                people=people,
                upcoming=interview.status is InterviewStatus.SCHEDULED and at > now,
            )
        )
    for note in state.thank_yous.values():
        if note.interview_id in interview_ids:
            involved.add(note.person_id)
            entries.append(
                TimelineEntry(
                    at=note.written_at,
                    stage="thank-you",
                    title=f"Thank-you note to {_names(state, [note.person_id])}",
                    detail=str(note.medium),
                    people=(note.person_id,),
                )
            )
    history = state.decisions_history.get(application_id) or (
        (state.decisions[application_id],) if application_id in state.decisions else ()
    )
    for decision in history:
        people = (decision.person_id,) if decision.person_id else ()
        involved.update(people)
        entries.append(
            TimelineEntry(
                at=decision.at,
                stage="decision",
                title=f"Decision: {str(decision.kind).replace('_', ' ')}",
                detail=f"from {_names(state, people)}" if people else "",
                people=people,
            )
        )
    for request in state.requests_of(application_id):
        involved.add(request.person_id)
        who = _names(state, [request.person_id])
        status = str(request.status).replace("_", " ")
        entries.append(
            TimelineEntry(
                at=request.at,
                stage="feedback-request",
                title=f"Feedback call asked of {who}",
                detail=f"by {str(request.channel).replace('_', ' ')}; {status}",
                people=(request.person_id,),
            )
        )
        if request.scheduled_for is not None:
            held = request.status is FeedbackRequestStatus.HELD
            entries.append(
                TimelineEntry(
                    at=request.scheduled_for,
                    stage="feedback-call",
                    title=f"Feedback call {'held' if held else 'scheduled'} with {who}",
                    people=(request.person_id,),
                    upcoming=not held and request.scheduled_for > now,
                )
            )
    feedback_ids: set[str] = set()
    for item in state.feedback_of(application_id):
        feedback_ids.add(item.id)
        people = (item.person_id,) if item.person_id else ()
        involved.update(people)
        themes = ", ".join(item.themes)
        detail = "; ".join(part for part in (themes, item.summary) if part)
        entries.append(
            TimelineEntry(
                at=item.at,
                stage="feedback",
                title=f"Feedback: {item.sentiment} ({item.category})",
                detail=detail,
                people=people,
            )
        )
    for answer in state.follow_ups.values():
        if answer.application_id == application_id:
            involved.add(answer.person_id)
            entries.append(
                TimelineEntry(
                    at=answer.at,
                    stage="follow-up",
                    title=f"Asked {_names(state, [answer.person_id])}: "
                    f"{str(answer.question).replace('_', ' ')}",
                    detail=str(answer.answer),
                    people=(answer.person_id,),
                )
            )
    for action in state.actions.values():
        if action.application_id != application_id and action.feedback_item_id not in feedback_ids:
            continue
        people = (action.person_id,) if action.person_id else ()
        entries.append(
            TimelineEntry(
                at=action.planned_at,
                stage="action",
                title=f"Action planned: {action.title}",
                detail=f"due {action.due:%Y-%m-%d}",
                people=people,
            )
        )
        if action.completed_at is not None:
            entries.append(
                TimelineEntry(
                    at=action.completed_at,
                    stage="action",
                    title=f"Action done: {action.title}",
                    people=people,
                )
            )
    for person_id in sorted(involved):
        for touchpoint in state.touchpoints_with(person_id):
            entries.append(
                TimelineEntry(
                    at=touchpoint.at,
                    stage="touchpoint",
                    title=f"Touchpoint with {_names(state, [person_id])}",
                    detail=str(touchpoint.channel).replace("_", " "),
                    people=(person_id,),
                )
            )
    entries.sort(key=lambda e: (e.at, STAGES.index(e.stage), e.title))
    return entries


def application_timelines(
    state: State, now: datetime, *, person_id: str | None = None
) -> list[ApplicationTimeline]:
    """Every application's story, most recent application first.

    With ``person_id``, only the applications that person took part in, and of each only the
    steps that involved them (and the application itself, for context).
    """
    timelines = []
    for application in sorted(
        state.applications.values(), key=lambda a: (a.applied_at, a.id), reverse=True
    ):
        entries = _entries(state, application.id, now)
        if person_id is not None:
            if not any(person_id in e.people for e in entries):
                continue
            entries = [e for e in entries if e.stage == "applied" or person_id in e.people]
        decision = state.decisions.get(application.id)
        timelines.append(
            ApplicationTimeline(
                application_id=application.id,
                organization=state.organization_of_application(application.id).name,
                role_title=application.role_title,
                outcome=None if decision is None else str(DecisionKind(decision.kind)),
                entries=tuple(entries),
            )
        )
    return timelines


def last_activity(timelines: Iterable[ApplicationTimeline], now: datetime) -> datetime | None:
    """The latest step that has happened by ``now``; ``None`` for an empty search."""
    past = [e.at for t in timelines for e in t.entries if e.at <= now]
    return max(past, default=None)
