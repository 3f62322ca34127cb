"""AV7xx — patterns across applications: where you drop, what keeps coming back, who answers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from afterview.events import ActionPlanned, FeedbackRequested
from afterview.fold import State
from afterview.model import (
    DecisionKind,
    FeedbackRequest,
    FeedbackRequestStatus,
    InterviewStatus,
    Role,
    Sentiment,
)
from afterview.playbook.helpers import earliest_after
from afterview.playbook.rule import Advice, Priority, Subject, never, rule
from afterview.settings import Settings

__all__ = ["RULES"]


def _stage(count: int) -> str:
    if count == 0:
        return "before any interview"
    if count == 1:
        return "after the first interview"
    return f"after interview round {count}"


@rule(
    "AV701",
    "where-you-drop",
    settings=("pattern_min_applications",),
    resolved_by=(ActionPlanned,),
    wakes=never,
)
def where_you_drop(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """One rejection says little; several at the same stage say a lot. If most of your
    rejections come before any interview, look at your applications; if they come after a
    particular round, prepare differently for that round. Plan an action on the most recent of
    those applications to close this reading."""
    by_stage: dict[int, list[tuple[datetime, str]]] = {}
    total = 0
    for application_id, decision in state.decisions.items():
        if decision.kind is not DecisionKind.REJECTED:
            continue
        held = sum(
            1
            for i in state.interviews_of(application_id)
            if i.status is InterviewStatus.HELD
            and i.held_at is not None
            and i.held_at <= decision.at
        )
        by_stage.setdefault(held, []).append((decision.at, application_id))
        total += 1
    if total < settings.pattern_min_applications:
        return
    # The stage with most rejections; ties go to the earlier stage, which comes first in a
    # search and so is the cheaper one to fix.
    stage, rejections = max(sorted(by_stage.items()), key=lambda kv: len(kv[1]))
    if len(rejections) < 2:
        return
    at, latest = max(rejections)
    if any(a.application_id == latest for a in state.actions.values()):
        return
    yield where_you_drop.advise(
        message=f"{len(rejections)} of your {total} rejections came {_stage(stage)}: "
        "plan what you will change at that stage",
        due=at,
        priority=Priority.LOW,
        subjects=(Subject("application", latest),),
    )


@rule(
    "AV702",
    "recurring-feedback-theme",
    settings=("pattern_min_applications",),
    resolved_by=(ActionPlanned,),
    wakes=never,
)
def recurring_theme(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """When interviewers at different organizations tell you the same thing, it is not one
    person's taste: it is the thing most worth changing. Plan an action on the latest piece of
    feedback that raised the theme."""
    if len(state.applications) < settings.pattern_min_applications:
        return
    organizations: dict[str, dict[str, None]] = {}
    latest: dict[str, tuple[datetime, str, str]] = {}
    for item in state.feedback_items.values():
        if item.sentiment is not Sentiment.NEGATIVE:
            continue
        organization_id = state.applications[item.application_id].organization_id
        for theme in item.themes:
            organizations.setdefault(theme, {})[organization_id] = None
            if theme not in latest or item.at >= latest[theme][0]:
                latest[theme] = (item.at, item.id, item.application_id)
    for theme, orgs in organizations.items():
        if len(orgs) < 2:
            continue
        at, item_id, application_id = latest[theme]
        if state.actions_by_feedback.get(item_id):
            continue
        yield recurring_theme.advise(
            message=f"Interviewers at {len(orgs)} organizations raised \u201c{theme}\u201d: "
            "make it the first thing you work on",
            due=at,
            priority=Priority.LOW,
            subjects=(Subject("application", application_id), Subject("feedback_item", item_id)),
        )


_ANSWERED = (
    FeedbackRequestStatus.SCHEDULED,
    FeedbackRequestStatus.HELD,
    FeedbackRequestStatus.DECLINED,
)


def _unanswered(request: FeedbackRequest, now: datetime, settings: Settings) -> bool:
    if request.status is FeedbackRequestStatus.NO_RESPONSE:
        return True
    return request.status is FeedbackRequestStatus.SENT and now >= request.at + timedelta(
        days=settings.feedback_response_days
    )


def _silent_groups(
    state: State, now: datetime, settings: Settings, group_of: Callable[[FeedbackRequest], str]
) -> Iterator[tuple[str, int, FeedbackRequest]]:
    """Groups of requests (by channel, by role) that never got an answer, with the latest one.

    A group counts once it spans ``pattern_min_applications`` applications. Its advice stays
    only while the latest unanswered request is still the last one for its application, so any
    new request for that application resolves it.
    """
    answered: dict[str, None] = {}
    silent: dict[str, dict[str, None]] = {}
    latest: dict[str, FeedbackRequest] = {}
    for request in state.feedback_requests.values():
        group = group_of(request)
        if request.status in _ANSWERED:
            answered[group] = None
        elif _unanswered(request, now, settings):
            silent.setdefault(group, {})[request.application_id] = None
            if group not in latest or request.at >= latest[group].at:
                latest[group] = request
    for group, applications in silent.items():
        if group in answered or len(applications) < settings.pattern_min_applications:
            continue
        request = latest[group]
        if state.requests_by_application[request.application_id][-1] != request.id:
            continue
        yield group, len(applications), request


_ROLE_GROUPS: dict[str, str] = {
    Role.INTERVIEWER: "interviewers",
    Role.HIRING_MANAGER: "hiring managers",
    Role.HR: "HR",
    Role.RECRUITER: "recruiters",
    Role.RECEPTIONIST: "receptionists",
    Role.ASSISTANT: "assistants",
    Role.OTHER: "other contacts",
}

_PATTERN_SETTINGS = ("pattern_min_applications", "feedback_response_days")


def _silence_wakes(state: State, now: datetime, settings: Settings) -> datetime | None:
    """When the next request still awaiting an answer counts as unanswered."""
    return earliest_after(
        now,
        (
            request.at + timedelta(days=settings.feedback_response_days)
            for request in state.feedback_requests.values()
            if request.status is FeedbackRequestStatus.SENT
        ),
    )


@rule(
    "AV703",
    "channel-that-gets-no-answer",
    settings=_PATTERN_SETTINGS,
    resolved_by=(FeedbackRequested,),
    wakes=_silence_wakes,
)
def silent_channel(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """If every request you sent one way went unanswered, the channel is the problem, not the
    people. Written requests are easy to leave for later; a call to a direct line is much
    harder to ignore."""
    for channel, count, request in _silent_groups(state, now, settings, lambda r: str(r.channel)):
        better = (
            "call instead"
            if channel in ("email", "letter", "message")
            else ("try a direct line or ask in person")
        )
        yield silent_channel.advise(
            message=f"None of your {count} feedback requests by {channel.replace('_', ' ')} "
            f"got an answer: {better}",
            due=request.at,
            priority=Priority.LOW,
            subjects=(
                Subject("application", request.application_id),
                Subject("feedback_request", request.id),
            ),
        )


@rule(
    "AV704",
    "people-who-never-answer",
    settings=_PATTERN_SETTINGS,
    resolved_by=(FeedbackRequested,),
    wakes=_silence_wakes,
)
def silent_role(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Some people answer feedback requests and some do not, and it tends to go by role: HR
    and recruiters are often not allowed to, while interviewers usually are. When one kind of
    contact never answers, ask another."""
    for role, count, request in _silent_groups(
        state, now, settings, lambda r: state.people[r.person_id].role
    ):
        yield silent_role.advise(
            message=f"None of your {count} feedback requests to {_ROLE_GROUPS[role]} got an "
            "answer: ask the people who interviewed you",
            due=request.at,
            priority=Priority.LOW,
            subjects=(
                Subject("application", request.application_id),
                Subject("feedback_request", request.id),
            ),
        )


RULES = (where_you_drop, recurring_theme, silent_channel, silent_role)
