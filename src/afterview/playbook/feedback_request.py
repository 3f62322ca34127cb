"""AV4xx — after the decision: whom to ask for feedback, how, and when."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from afterview.events import (
    BusinessCardCollected,
    ContactDetailsAdded,
    FeedbackCallHeld,
    FeedbackCallScheduled,
    FeedbackRequestDeclined,
    FeedbackRequested,
    FeedbackRequestSent,
    FeedbackRequestUnanswered,
    FollowUpAnswered,
)
from afterview.fold import State
from afterview.linter import lint
from afterview.model import (
    Decision,
    FeedbackRequest,
    FeedbackRequestStatus,
    FollowUpQuestion,
)
from afterview.playbook.helpers import describe, feedback_target, rejected
from afterview.playbook.rule import Advice, Priority, Subject, rule
from afterview.settings import Settings

__all__ = ["RULES"]

_S = FeedbackRequestStatus
_VOICE_RESOLVERS = (
    FeedbackRequested,
    FeedbackCallScheduled,
    FeedbackCallHeld,
    FeedbackRequestDeclined,
    FeedbackRequestUnanswered,
)


def _request_due(decision: Decision, settings: Settings) -> datetime:
    return decision.at + timedelta(days=settings.feedback_request_days)


@rule(
    "AV401",
    "ask-the-interviewer-for-a-call",
    settings=("feedback_request_days",),
    resolved_by=(FeedbackRequested,),
)
def ask_for_a_feedback_call(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """After a rejection, the one person who can tell you how to do better is someone who
    interviewed you — not HR, who often do not answer. Ask them for a short conversation by
    phone, video or in person: they will not risk putting reasons in writing, and hearing in
    your own voice that you mean it is what makes them willing to help. Ask within a few days,
    while they still remember you."""
    for application_id, decision in state.decisions.items():
        if rejected(state, application_id) is None or state.requests_by_application.get(
            application_id
        ):
            continue
        target = feedback_target(state, application_id)
        subjects = [Subject("application", application_id)]
        if target is None:
            whom = "someone who interviewed you"
        else:
            whom = describe(target)
            subjects.append(Subject("person", target.id))
        yield ask_for_a_feedback_call.advise(
            message=f"Ask {whom} for a 10–15 minute call (phone, video or in person) "
            "to hear how you could improve",
            due=_request_due(decision, settings),
            priority=Priority.HIGH,
            subjects=subjects,
        )


@rule(
    "AV402",
    "ask-to-be-considered-when-it-reopens",
    settings=("feedback_request_days",),
    resolved_by=(FeedbackRequested, FollowUpAnswered),
)
def ask_to_be_considered(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """When a position is put on hold or eliminated, the decision was about the job, not about
    you; there is nothing to ask "why" about, and it is one of the rare cases where an employer
    may explain in writing. The useful move is to say you are still interested and ask to be
    considered if the position, or one like it, opens again."""
    for application_id, decision in state.decisions.items():
        if not decision.kind.about_the_position:
            continue
        if state.requests_by_application.get(application_id):
            continue
        target = feedback_target(state, application_id)
        subjects = [Subject("application", application_id)]
        whom = "your contact there"
        if target is not None:
            whom = describe(target)
            subjects.append(Subject("person", target.id))
            if state.follow_up(application_id, target.id, FollowUpQuestion.SIMILAR_ROLE):
                continue
        yield ask_to_be_considered.advise(
            message=f"The position was {decision.kind.replace('_', ' ')}: tell {whom} you are "
            "still interested and ask to be considered when it reopens",
            due=_request_due(decision, settings),
            subjects=subjects,
        )


@rule(
    "AV403",
    "ask-the-interviewer-not-a-gatekeeper",
    settings=(),
    resolved_by=(FeedbackRequested,),
)
def ask_the_interviewer(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """HR, recruiters and the front desk relay decisions; they rarely know what the panel
    thought, and often do not reply to feedback requests at all. Ask someone who sat in the
    interview: they hold the answer and can give it in a conversation."""
    for application_id in state.decisions:
        if rejected(state, application_id) is None:
            continue
        requests = state.requests_of(application_id)
        if not requests:
            continue
        last = requests[-1]
        if state.people[last.person_id].role.interviews:
            continue
        if not state.people[last.person_id].role.gatekeeper:
            continue
        target = feedback_target(state, application_id)
        whom = "someone who interviewed you" if target is None else describe(target)
        yield ask_the_interviewer.advise(
            message=f"Your feedback request went to a gatekeeper; ask {whom} for a short "
            "call instead",
            due=last.at,
            subjects=(
                Subject("application", application_id),
                Subject("feedback_request", last.id),
            ),
        )


def _written_and_open(request: FeedbackRequest) -> bool:
    return request.status in (_S.DRAFTED, _S.SENT) and request.message is not None


def _latest(state: State, request: FeedbackRequest) -> bool:
    """Whether no later request was made for the same application."""
    return state.requests_by_application[request.application_id][-1] == request.id


@rule(
    "AV404",
    "ask-for-the-call-not-for-reasons",
    settings=(),
    resolved_by=_VOICE_RESOLVERS,
)
def call_not_reasons(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Employers rarely explain a rejection in writing: a written reason can be read as
    discrimination, so a message asking for one is usually ignored or answered with a
    formula. A written message should ask for a short call, nothing more — the reasons come
    out in conversation."""
    for request in state.feedback_requests.values():
        if request.channel.voice or not _written_and_open(request):
            continue
        if not _latest(state, request):
            continue
        assert request.message is not None  # checked by _written_and_open
        if not any(f.code == "AV452" for f in lint(request.message)):
            continue
        whom = describe(state.people[request.person_id])
        yield call_not_reasons.advise(
            message=f"Your written request asks for reasons; ask {whom} for a short call "
            "instead and keep the message to that",
            due=request.at,
            priority=Priority.HIGH,
            subjects=(
                Subject("application", request.application_id),
                Subject("feedback_request", request.id),
            ),
        )


@rule(
    "AV405",
    "keep-the-request-about-you",
    settings=(),
    resolved_by=_VOICE_RESOLVERS,
)
def keep_it_about_you(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """No interviewer will talk about the person who got the job, and a request that blames
    the employer closes the door. Keep the request humble and about what you can change; that
    is the request people are glad to answer."""
    for request in state.feedback_requests.values():
        if not _written_and_open(request) or not _latest(state, request):
            continue
        assert request.message is not None  # checked by _written_and_open
        codes = {f.code for f in lint(request.message)}
        if not codes & {"AV451", "AV453", "AV454"}:
            continue
        yield keep_it_about_you.advise(
            message="Your feedback request mentions the other candidate or blames the "
            "employer; follow up with a humble request for a short call about how you can "
            "improve",
            due=request.at,
            priority=Priority.HIGH,
            subjects=(
                Subject("application", request.application_id),
                Subject("feedback_request", request.id),
            ),
        )


@rule(
    "AV406",
    "get-a-direct-number",
    settings=("feedback_request_days",),
    resolved_by=(
        BusinessCardCollected,
        ContactDetailsAdded,
        FeedbackCallScheduled,
        FeedbackCallHeld,
    ),
)
def get_a_direct_number(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A call to the main switchboard ends at reception or HR, the gatekeepers you are trying
    to get past. Before you can ask an interviewer for a conversation you need a line that
    reaches them: the business card, their email signature, or a colleague who can share it."""
    for application_id, decision in state.decisions.items():
        if rejected(state, application_id) is None:
            continue
        requests = state.requests_of(application_id)
        if any(r.status in (_S.SCHEDULED, _S.HELD, _S.DECLINED) for r in requests):
            continue
        voice_targets = [r.person_id for r in requests if r.channel.voice]
        target_id = voice_targets[-1] if voice_targets else None
        if target_id is None:
            target = feedback_target(state, application_id)
            target_id = None if target is None else target.id
        if target_id is None:
            continue
        person = state.people[target_id]
        if person.forgotten or person.has_direct_voice_line():
            continue
        yield get_a_direct_number.advise(
            message=f"Find a direct phone number for {describe(person)} so you can ask them "
            "for the feedback call without going through a gatekeeper",
            due=_request_due(decision, settings),
            subjects=(Subject("application", application_id), Subject("person", target_id)),
        )


@rule(
    "AV407",
    "send-the-drafted-request",
    settings=("feedback_request_days",),
    resolved_by=(FeedbackRequestSent,),
)
def send_the_draft(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A drafted request helps nobody until it is sent, and it loses value by the day: the
    interviewer's memory of you fades quickly once the position is filled."""
    for request in state.feedback_requests.values():
        if request.status is not _S.DRAFTED:
            continue
        decision = state.decisions[request.application_id]
        yield send_the_draft.advise(
            message=f"Send the feedback request you drafted for "
            f"{describe(state.people[request.person_id])}",
            due=max(request.at, _request_due(decision, settings)),
            priority=Priority.HIGH,
            subjects=(
                Subject("application", request.application_id),
                Subject("feedback_request", request.id),
            ),
        )


@rule(
    "AV408",
    "follow-up-an-unanswered-request",
    settings=("feedback_response_days",),
    resolved_by=(
        FeedbackCallScheduled,
        FeedbackCallHeld,
        FeedbackRequestDeclined,
        FeedbackRequestUnanswered,
    ),
)
def follow_up_once(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """People mean to answer and then forget. One friendly follow-up, by phone if you have a
    direct line, is reasonable; after that, record that no answer came and move on — the
    pattern of who answers is itself worth learning from."""
    for request in state.feedback_requests.values():
        if request.status is not _S.SENT:
            continue
        due = request.at + timedelta(days=settings.feedback_response_days)
        if now < due:
            continue
        yield follow_up_once.advise(
            message=f"No answer yet from {describe(state.people[request.person_id])}: follow up "
            "once by phone, or record that no answer came",
            due=due,
            subjects=(
                Subject("application", request.application_id),
                Subject("feedback_request", request.id),
            ),
        )


RULES = (
    ask_for_a_feedback_call,
    ask_to_be_considered,
    ask_the_interviewer,
    call_not_reasons,
    keep_it_about_you,
    get_a_direct_number,
    send_the_draft,
    follow_up_once,
)
