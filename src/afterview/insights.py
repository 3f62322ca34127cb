"""Patterns across applications: what the whole search says, beyond any single application.

:func:`compute_insights` reads the folded :class:`~afterview.fold.State` and returns
:class:`Insights`, a frozen value that turns into JSON through
:func:`afterview.serialization.unstructure`. It is pure (the optional ``now`` only counts overdue
actions) and deterministic: every list is in a stated order, so the same log gives the same
insights, byte for byte. No personal data goes in: only counts, channels, roles and themes.
Feedback themes are kept apart by sentiment: criticism says what to work on, praise what to lead
with.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

import attrs

from afterview.fold import State
from afterview.model import (
    DecisionKind,
    FeedbackRequestStatus,
    InterviewStatus,
    Sentiment,
    aware,
)

__all__ = [
    "ActionCompletion",
    "AnswerRate",
    "Funnel",
    "Insights",
    "RejectionPoints",
    "ThankYouCoverage",
    "ThemeCount",
    "compute_insights",
]

_ANSWERED = frozenset({FeedbackRequestStatus.SCHEDULED, FeedbackRequestStatus.HELD})


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@attrs.frozen(kw_only=True)
class Funnel:
    """How many applications reached each stage (a later stage implies nothing about earlier)."""

    #: Every application submitted.
    applied: int
    #: Applications with at least one interview held.
    interviewed: int
    #: Applications with a decision of any kind.
    decided: int
    #: Applications whose latest decision is an offer.
    offer: int


@attrs.frozen(kw_only=True)
class RejectionPoints:
    """Where rejections happen, by the number of interviews held before the rejection."""

    after_no_interview: int
    after_first_interview: int
    after_later_rounds: int


@attrs.frozen(kw_only=True)
class AnswerRate:
    """How many feedback requests of one kind (a channel, a target's role) got an answer.

    A request counts as answered when the call was scheduled or held, or when feedback was
    recorded against it. Drafts that were never sent are not counted.
    """

    key: str
    requested: int
    answered: int
    rate: float


@attrs.frozen(kw_only=True)
class ThemeCount:
    """A feedback theme: how often it came up, and at how many distinct organizations."""

    theme: str
    #: Pieces of feedback that raised it.
    mentions: int
    #: Distinct organizations whose feedback raised it.
    organizations: int


@attrs.frozen(kw_only=True)
class ActionCompletion:
    planned: int
    completed: int
    #: Open actions past their due time; ``None`` when no ``now`` was given.
    overdue: int | None = None


@attrs.frozen(kw_only=True)
class ThankYouCoverage:
    """Meetings (a person at a held interview) and how many of them got a thank-you note."""

    met: int
    thanked: int
    rate: float


@attrs.frozen(kw_only=True)
class Insights:
    funnel: Funnel
    rejections: RejectionPoints
    #: Answer rate per channel of the request, sorted by channel.
    answers_by_channel: tuple[AnswerRate, ...]
    #: Answer rate per role of the person asked, sorted by role.
    answers_by_role: tuple[AnswerRate, ...]
    #: What to work on: themes of negative feedback, most organizations first, then most
    #: mentions, then by name.
    criticism: tuple[ThemeCount, ...]
    #: What to lead with: themes of positive feedback, in the same order.
    praise: tuple[ThemeCount, ...]
    actions: ActionCompletion
    thank_yous: ThankYouCoverage
    #: When overdue actions were counted, if at all.
    now: datetime | None = attrs.field(default=None, validator=aware)


def compute_insights(state: State, now: datetime | None = None) -> Insights:
    """The patterns in ``state``; ``now`` (timezone-aware) also counts overdue actions.

    :raises DataError: ``now`` is a naive datetime.
    """
    if now is not None:
        aware(None, attrs.fields(Insights).now, now)
    return Insights(
        funnel=_funnel(state),
        rejections=_rejections(state),
        answers_by_channel=_answer_rates(state, by_role=False),
        answers_by_role=_answer_rates(state, by_role=True),
        criticism=_themes(state, Sentiment.NEGATIVE),
        praise=_themes(state, Sentiment.POSITIVE),
        actions=_actions(state, now),
        thank_yous=_thank_yous(state),
        now=now,
    )


def _held_interviews(state: State, application_id: str) -> int:
    return sum(1 for i in state.interviews_of(application_id) if i.status is InterviewStatus.HELD)


def _funnel(state: State) -> Funnel:
    return Funnel(
        applied=len(state.applications),
        interviewed=sum(1 for a in state.applications if _held_interviews(state, a) > 0),
        decided=len(state.decisions),
        offer=sum(1 for d in state.decisions.values() if d.kind is DecisionKind.OFFER),
    )


def _rejections(state: State) -> RejectionPoints:
    rounds = Counter(
        min(_held_interviews(state, d.application_id), 2)
        for d in state.decisions.values()
        if d.kind is DecisionKind.REJECTED
    )
    return RejectionPoints(
        after_no_interview=rounds[0], after_first_interview=rounds[1], after_later_rounds=rounds[2]
    )


def _answer_rates(state: State, *, by_role: bool) -> tuple[AnswerRate, ...]:
    with_feedback = {i.request_id for i in state.feedback_items.values() if i.request_id}
    requested: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for request in state.feedback_requests.values():
        if request.status is FeedbackRequestStatus.DRAFTED:
            continue
        person = state.people.get(request.person_id)
        key = str(person.role) if by_role and person is not None else str(request.channel)
        requested[key] += 1
        if request.status in _ANSWERED or request.id in with_feedback:
            answered[key] += 1
    return tuple(
        AnswerRate(
            key=key,
            requested=requested[key],
            answered=answered[key],
            rate=_rate(answered[key], requested[key]),
        )
        for key in sorted(requested)
    )


def _themes(state: State, sentiment: Sentiment) -> tuple[ThemeCount, ...]:
    """Themes of feedback with ``sentiment``: praise and criticism are never counted together,
    so a strength raised twice cannot outrank a weakness."""
    organizations: defaultdict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    for item in state.feedback_items.values():
        if item.sentiment is not sentiment:
            continue
        application = state.applications.get(item.application_id)
        if application is None:  # pragma: no cover - the fold refuses such items
            continue
        for theme in item.themes:
            organizations[theme].add(application.organization_id)
            mentions[theme] += 1
    return tuple(
        ThemeCount(theme=theme, mentions=mentions[theme], organizations=len(orgs))
        for theme, orgs in sorted(
            organizations.items(), key=lambda to: (-len(to[1]), -mentions[to[0]], to[0])
        )
    )


def _actions(state: State, now: datetime | None) -> ActionCompletion:
    completed = sum(1 for a in state.actions.values() if a.completed_at is not None)
    overdue = (
        None
        if now is None
        else sum(1 for a in state.actions.values() if a.completed_at is None and a.due < now)
    )
    return ActionCompletion(planned=len(state.actions), completed=completed, overdue=overdue)


def _thank_yous(state: State) -> ThankYouCoverage:
    met = thanked = 0
    for interview in state.interviews.values():
        if interview.status is not InterviewStatus.HELD:
            continue
        for person_id in interview.everyone:
            met += 1
            thanked += (interview.id, person_id) in state.thank_you_by_meeting
    return ThankYouCoverage(met=met, thanked=thanked, rate=_rate(thanked, met))
