"""AV4xx — after the decision: whom to ask for feedback, how, and when."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from afterview.events import (
    ActionPlanned,
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
from afterview.linter import Finding, lint
from afterview.model import (
    Decision,
    FeedbackRequest,
    FeedbackRequestStatus,
    FollowUpQuestion,
)
from afterview.playbook.helpers import (
    describe,
    earliest_after,
    feedback_target,
    gatekeepers_of,
    interviewed,
    organization_name,
    rejected,
)
from afterview.playbook.labels import contact_at
from afterview.playbook.rule import Advice, Priority, Subject, never, rule
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
    wakes=never,
)
def ask_for_a_feedback_call(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """After a rejection, the one person who can tell you how to do better is someone who
    interviewed you — not HR, who often do not answer. Ask them for a short conversation by
    phone, video or in person: they will not risk putting reasons in writing, and hearing in
    your own voice that you mean it is what makes them willing to help. Ask within a few days,
    while they still remember you. When nobody who interviewed you is on record, the first step
    is to find out who it was and how to reach them directly, rather than asking HR."""
    for application_id, decision in state.decisions.items():
        if rejected(state, application_id) is None or state.requests_by_application.get(
            application_id
        ):
            continue
        if not interviewed(state, application_id):
            continue  # nothing to ask about: AV409
        target = feedback_target(state, application_id)
        subjects = [Subject("application", application_id)]
        if target is None:
            message = (
                "Find out who interviewed you and get their direct line, then ask them for a "
                "10–15 minute call (phone, video or in person) to hear how you could improve"
            )
            gatekeepers = gatekeepers_of(state, application_id)
            if gatekeepers:
                message += f" — rather than asking {describe(gatekeepers[0])}"
            message += ": requests through HR or a recruiter rarely get an answer"
        else:
            subjects.append(Subject("person", target.id))
            message = (
                f"Ask {describe(target)} for a 10–15 minute call (phone, video or in person) "
                "to hear how you could improve"
            )
        yield ask_for_a_feedback_call.advise(
            message=message,
            due=_request_due(decision, settings),
            priority=Priority.HIGH,
            subjects=subjects,
        )


@rule(
    "AV402",
    "ask-to-be-considered-when-it-reopens",
    settings=("feedback_request_days",),
    resolved_by=(FeedbackRequested, FollowUpAnswered),
    wakes=never,
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
    "ask-the-interviewer-not-hr",
    settings=(),
    resolved_by=(FeedbackRequested,),
    wakes=never,
)
def ask_the_interviewer(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """HR, recruiters and the front desk relay decisions; they rarely know what the panel
    thought, and often do not reply to feedback requests at all. Ask someone who sat in the
    interview: they hold the answer and can give it in a conversation."""
    for application_id in state.decisions:
        if rejected(state, application_id) is None or not interviewed(state, application_id):
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
            message="Your feedback request went to someone who passes decisions on rather "
            f"than makes them; ask {whom} for a short call instead",
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


def _asks_for_reasons(state: State, request: FeedbackRequest) -> list[Finding]:
    """What AV404 objects to in a request: a written one asking for reasons."""
    if request.channel.voice or not _written_and_open(request) or not _latest(state, request):
        return []
    assert request.message is not None  # checked by _written_and_open
    return [f for f in lint(request.message) if f.code == "AV452"]


def _off_topic(state: State, request: FeedbackRequest) -> list[Finding]:
    """What AV405 objects to in a request: every finding but reasons-in-writing (AV404's)."""
    if not _written_and_open(request) or not _latest(state, request):
        return []
    assert request.message is not None  # checked by _written_and_open
    return [f for f in lint(request.message) if f.code != "AV452"]


def _quoted(findings: list[Finding]) -> str:
    """The flagged words, each once, in quotes: what the job seeker should look for."""
    excerpts = dict.fromkeys(" ".join(f.excerpt.split()) for f in findings)
    return ", ".join(f"\u201c{e}\u201d" for e in excerpts)


#: What each linter finding says about a request, in the job seeker's terms.
_WRONG: dict[str, str] = {
    "AV451": "mentions the other candidate",
    "AV453": "blames the employer",
    "AV454": "accuses them of unfair treatment",
}
#: For a finding without words of its own above (a code the linter gained later).
_WRONG_OTHERWISE = "would put them on the defensive"


def _what_is_wrong(findings: list[Finding]) -> str:
    by_problem: dict[str, list[Finding]] = {}
    for finding in findings:
        by_problem.setdefault(_WRONG.get(finding.code, _WRONG_OTHERWISE), []).append(finding)
    return " and ".join(f"{problem} ({_quoted(found)})" for problem, found in by_problem.items())


@rule(
    "AV404",
    "ask-for-the-call-not-for-reasons",
    settings=(),
    resolved_by=_VOICE_RESOLVERS,
    wakes=never,
)
def call_not_reasons(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Employers rarely explain a rejection in writing: a written reason can be read as
    discrimination, so a message asking for one is usually ignored or answered with a
    formula. A written message should ask for a short call, nothing more — the reasons come
    out in conversation."""
    for request in state.feedback_requests.values():
        findings = _asks_for_reasons(state, request)
        if not findings:
            continue
        whom = contact_at(state, request.person_id, request.application_id)
        if request.status is _S.DRAFTED:
            message = (
                f"Your drafted request to {whom} asks for reasons ({_quoted(findings)}): "
                "rewrite it to ask only for a short call before you send it"
            )
        else:
            message = (
                f"Your written request to {whom} asks for reasons ({_quoted(findings)}); ask "
                "for a short call instead and keep the message to that"
            )
        yield call_not_reasons.advise(
            message=message,
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
    wakes=never,
)
def keep_it_about_you(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """No interviewer will talk about the person who got the job, and a request that blames
    the employer closes the door. Keep the request humble and about what you can change; that
    is the request people are glad to answer."""
    for request in state.feedback_requests.values():
        findings = _off_topic(state, request)
        if not findings:
            continue
        whom = contact_at(state, request.person_id, request.application_id)
        wrong = _what_is_wrong(findings)
        if request.status is _S.DRAFTED:
            message = (
                f"Your drafted request to {whom} {wrong}: rewrite it as a humble request for "
                "a short call about how you can improve before you send it"
            )
        else:
            message = (
                f"Your feedback request to {whom} {wrong}: follow up with a humble request "
                "for a short call about how you can improve"
            )
        yield keep_it_about_you.advise(
            message=message,
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
        FeedbackRequested,
        FeedbackRequestSent,
        FeedbackCallScheduled,
        FeedbackCallHeld,
    ),
    wakes=never,
)
def get_a_direct_number(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A call to the main switchboard ends at reception or HR, who pass messages on rather than
    answer them. Before you can ask an interviewer for a conversation you need a line that
    reaches them: the business card, their email signature, or a colleague who can share it.
    Once you have asked by phone, the number has done its job."""
    for application_id, decision in state.decisions.items():
        if rejected(state, application_id) is None:
            continue
        requests = state.requests_of(application_id)
        if any(r.status in (_S.SCHEDULED, _S.HELD, _S.DECLINED) for r in requests):
            continue
        # A request made by voice (not only drafted) means the call was already asked for.
        if any(r.channel.voice and r.status is not _S.DRAFTED for r in requests):
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
            message="Find a direct phone number for "
            f"{contact_at(state, target_id, application_id)} so you can ask them for the "
            "feedback call yourself, not through the switchboard or HR",
            due=_request_due(decision, settings),
            subjects=(Subject("application", application_id), Subject("person", target_id)),
        )


@rule(
    "AV407",
    "send-the-drafted-request",
    settings=("feedback_request_days",),
    resolved_by=(FeedbackRequestSent, FeedbackRequested),
    wakes=never,
)
def send_the_draft(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A drafted request helps nobody until it is sent, and it loses value by the day: the
    interviewer's memory of you fades quickly once the position is filled. A draft whose
    wording would backfire is revised first; a newer request replaces it."""
    for request in state.feedback_requests.values():
        if request.status is not _S.DRAFTED or not _latest(state, request):
            continue
        decision = state.decisions[request.application_id]
        whom = contact_at(state, request.person_id, request.application_id)
        if _asks_for_reasons(state, request) or _off_topic(state, request):
            message = (
                f"Revise the feedback request you drafted for {whom}, then send it: as it "
                "stands, its wording would work against you"
            )
        else:
            message = f"Send the feedback request you drafted for {whom}"
        yield send_the_draft.advise(
            message=message,
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
    wakes=lambda state, now, settings: earliest_after(
        now,
        (
            request.at + timedelta(days=settings.feedback_response_days)
            for request in state.feedback_requests.values()
            if request.status is _S.SENT
        ),
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
            message="No answer yet from "
            f"{contact_at(state, request.person_id, request.application_id)}: follow up once "
            "by phone, or record that no answer came",
            due=due,
            subjects=(
                Subject("application", request.application_id),
                Subject("feedback_request", request.id),
            ),
        )


@rule(
    "AV409",
    "rejected-before-any-interview",
    settings=("feedback_request_days",),
    resolved_by=(ActionPlanned, FeedbackRequested),
    wakes=never,
)
def rejected_before_an_interview(
    state: State, now: datetime, settings: Settings
) -> Iterator[Advice]:
    """An application turned down before any interview was judged on paper: nobody there has
    met you, so there is no interview to hear feedback about, and asking for an "interview
    feedback" call only puzzles the reader. The lesson is in the application itself — how
    closely the CV and the letter answered what the posting asked for, and whether the role
    was within reach. Read it again with that eye and plan what to change; a short, polite
    question to the recruiter about what they look for in the role is fine, but expect little."""
    planned = {a.application_id for a in state.actions.values() if a.application_id is not None}
    for application_id, decision in state.decisions.items():
        if rejected(state, application_id) is None or interviewed(state, application_id):
            continue
        if application_id in planned or state.requests_by_application.get(application_id):
            continue
        # An imported application may not say its role (a Lever opportunity with no posting).
        role = state.applications[application_id].role_title.strip()
        yours = f"your {role} application" if role else "your application"
        organization = organization_name(state, application_id) or "the employer"
        yield rejected_before_an_interview.advise(
            message=f"{organization} turned down {yours} before any "
            "interview, so there is no interview feedback to ask for: compare your CV and "
            "letter with what the posting asked for, and plan what you will change",
            due=_request_due(decision, settings),
            subjects=(Subject("application", application_id),),
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
    rejected_before_an_interview,
)
