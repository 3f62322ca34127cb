"""AV5xx — the feedback conversation: write it down, sort it, ask the three questions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from afterview.events import ActionPlanned, FeedbackRecorded, FollowUpAnswered
from afterview.fold import State
from afterview.model import (
    DecisionKind,
    FeedbackCategory,
    FeedbackRequestStatus,
    FollowUpQuestion,
    Sentiment,
)
from afterview.playbook.helpers import describe
from afterview.playbook.labels import application_label, feedback_label
from afterview.playbook.rule import Advice, Priority, Rule, Subject, never, rule
from afterview.settings import Settings

__all__ = ["RULES"]


@rule(
    "AV501",
    "write-down-the-feedback",
    settings=("feedback_action_days",),
    resolved_by=(FeedbackRecorded,),
    wakes=never,
)
def write_down_the_feedback(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """What you hear in a feedback call fades within days, and the details are the useful part.
    Write each point down soon after the call, one point per item, so it can be turned into
    something you do differently."""
    answered = {i.request_id for i in state.feedback_items.values() if i.request_id is not None}
    for request in state.feedback_requests.values():
        if request.status is not FeedbackRequestStatus.HELD or request.id in answered:
            continue
        held_at = request.updated_at or request.at
        yield write_down_the_feedback.advise(
            message=f"Write down what {describe(state.people[request.person_id])} told you "
            f"about {application_label(state, request.application_id)}, one point at a time",
            due=held_at + timedelta(days=settings.feedback_action_days),
            priority=Priority.HIGH,
            subjects=(
                Subject("application", request.application_id),
                Subject("feedback_request", request.id),
            ),
        )


_ACTION_WORDS = {
    FeedbackCategory.BEHAVIOUR: "decide what you will do differently next time",
    FeedbackCategory.SKILL: "plan how you will learn this skill",
}


@rule(
    "AV502",
    "turn-criticism-into-an-action",
    settings=("feedback_action_days",),
    resolved_by=(ActionPlanned,),
    wakes=never,
)
def turn_criticism_into_action(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Criticism is only worth hearing if something changes. Sort each point: a behaviour you
    can change at the next interview, or a skill you need to build, with a plan and a date to
    acquire it. Either way it becomes an action with a due date."""
    for item in state.feedback_items.values():
        if item.sentiment is not Sentiment.NEGATIVE or item.category not in _ACTION_WORDS:
            continue
        if state.actions_by_feedback.get(item.id):
            continue
        label = feedback_label(state, item, settings.zone())
        yield turn_criticism_into_action.advise(
            message=f"For {label}: {_ACTION_WORDS[item.category]}, and give it a due date",
            due=item.at + timedelta(days=settings.feedback_action_days),
            subjects=(
                Subject("application", item.application_id),
                Subject("feedback_item", item.id),
            ),
        )


_ASKABLE = (DecisionKind.REJECTED, DecisionKind.ON_HOLD, DecisionKind.ELIMINATED)


def _positive_conversations(state: State) -> Iterator[tuple[str, str, datetime]]:
    """(application, person, first positive item time) of each positive conversation, once."""
    seen: dict[tuple[str, str], datetime] = {}
    for item in state.feedback_items.values():
        if item.sentiment is not Sentiment.POSITIVE or item.person_id is None:
            continue
        key = (item.application_id, item.person_id)
        if key in seen:
            continue
        decision = state.decisions.get(item.application_id)
        if decision is None or decision.kind not in _ASKABLE:
            continue
        if state.people[item.person_id].forgotten:
            continue
        seen[key] = item.at
    for (application_id, person_id), at in seen.items():
        yield application_id, person_id, at


def _question_rule(
    code: str, name: str, question: FollowUpQuestion, wording: str, rationale: str
) -> Rule:
    def check(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
        for application_id, person_id, at in _positive_conversations(state):
            if state.follow_up(application_id, person_id, question) is not None:
                continue
            yield the_rule.advise(
                message=f"Ask {describe(state.people[person_id])}, whose feedback on "
                f"{application_label(state, application_id)} was positive: {wording}",
                due=at + timedelta(days=settings.feedback_action_days),
                priority=Priority.HIGH,
                subjects=(Subject("application", application_id), Subject("person", person_id)),
            )

    check.__doc__ = rationale
    the_rule = rule(
        code,
        name,
        settings=("feedback_action_days",),
        resolved_by=(FollowUpAnswered,),
        wakes=never,
    )(check)
    return the_rule


ask_about_similar_roles = _question_rule(
    "AV503",
    "ask-about-similar-roles",
    FollowUpQuestion.SIMILAR_ROLE,
    "would they consider you if a similar position opens?",
    """Positive feedback means you came close. Asking whether they would consider you for a
    similar opening turns a near miss into a standing invitation, and tells you which
    organizations are worth watching.""",
)
ask_about_other_roles = _question_rule(
    "AV504",
    "ask-about-other-roles",
    FollowUpQuestion.OTHER_ROLES,
    "are there other roles there that would suit you better?",
    """Interviewers who liked you know their organization far better than a job board does.
    Asking whether another role there fits you better can open a door you did not know
    existed.""",
)
ask_to_stay_in_touch = _question_rule(
    "AV505",
    "ask-to-stay-in-touch",
    FollowUpQuestion.STAY_IN_TOUCH,
    "may you stay in touch?",
    """Permission to stay in touch is what turns an interviewer into part of your network.
    Someone who has seen you at your best, and agreed to hear from you, is the most likely
    person to refer you when the next opening comes.""",
)

RULES = (
    write_down_the_feedback,
    turn_criticism_into_action,
    ask_about_similar_roles,
    ask_about_other_roles,
    ask_to_stay_in_touch,
)
