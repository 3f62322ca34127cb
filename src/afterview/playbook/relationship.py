"""AV6xx — acting on answers and keeping the relationship: actions, stay in touch, referrals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from afterview.events import (
    ActionCompleted,
    ActionPlanned,
    PostingClosed,
    StayInTouchAgreed,
    StayInTouchEnded,
    TouchpointLogged,
)
from afterview.fold import State
from afterview.model import ActionKind, Answer, FollowUpQuestion, Posting, Touchpoint
from afterview.playbook.helpers import JUST_AFTER, describe, earliest_after
from afterview.playbook.rule import Advice, Priority, Subject, never, rule
from afterview.settings import Settings
from afterview.wording import possessive

__all__ = ["RULES", "warm_contacts_by_organization"]

_OPEN_DOOR = {
    FollowUpQuestion.SIMILAR_ROLE: (Answer.YES,),
    FollowUpQuestion.OTHER_ROLES: (Answer.YES, Answer.MAYBE),
}


@rule(
    "AV601",
    "finish-planned-actions",
    settings=(),
    resolved_by=(ActionCompleted,),
    # Past its date an action's advice says "Overdue" and rises in priority.
    wakes=lambda state, now, settings: earliest_after(
        now, (a.due + JUST_AFTER for a in state.actions.values() if a.completed_at is None)
    ),
)
def finish_planned_actions(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Feedback you acted on is what makes the next interview go differently. Every action you
    planned stays on the agenda at its date until it is done; one left past its date is a sign
    to either do it now or set a date you will keep."""
    for action in state.actions.values():
        if action.completed_at is not None:
            continue
        subjects = [Subject("action", action.id)]
        if action.application_id is not None:
            subjects.append(Subject("application", action.application_id))
        overdue = now > action.due
        yield finish_planned_actions.advise(
            message=f"{'Overdue' if overdue else 'Planned'}: {action.title}",
            due=action.due,
            priority=Priority.HIGH if overdue else Priority.NORMAL,
            subjects=subjects,
        )


@rule(
    "AV602",
    "agree-how-to-stay-in-touch",
    settings=("follow_up_action_days", "stay_in_touch_days"),
    resolved_by=(StayInTouchAgreed,),
    wakes=never,
)
def agree_how_to_stay_in_touch(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A yes to "may I stay in touch?" is an open door, but it closes if nothing follows. Agree
    how often you will be in touch (every six weeks suits most people) so that the contact
    becomes a relationship and, in time, a referral."""
    for answer in state.follow_ups.values():
        if answer.question is not FollowUpQuestion.STAY_IN_TOUCH or answer.answer is not Answer.YES:
            continue
        person = state.people[answer.person_id]
        if person.forgotten or answer.person_id in state.plans:
            continue
        yield agree_how_to_stay_in_touch.advise(
            message=f"{describe(person)} agreed to stay in touch: set a rhythm "
            f"(every {settings.stay_in_touch_days} days by default) and record it",
            due=answer.at + timedelta(days=settings.follow_up_action_days),
            priority=Priority.HIGH,
            subjects=(Subject("person", answer.person_id),),
        )


def _last_contact(state: State, person_id: str) -> Touchpoint | None:
    latest: Touchpoint | None = None
    for touchpoint in state.touchpoints_with(person_id):
        if latest is None or touchpoint.at >= latest.at:
            latest = touchpoint
    return latest


def _contact_due(state: State, person_id: str, since: datetime, cadence_days: int) -> datetime:
    """When the next touch with a contact is due: a cadence after the last one (or the plan)."""
    last = _last_contact(state, person_id)
    start = since if last is None or last.at < since else last.at
    return start + timedelta(days=cadence_days)


@rule(
    "AV603",
    "keep-in-touch-on-schedule",
    settings=("stay_in_touch_days",),
    resolved_by=(TouchpointLogged, StayInTouchEnded),
    wakes=lambda state, now, settings: earliest_after(
        now,
        (
            _contact_due(state, person_id, plan.since, plan.cadence_days)
            for person_id, plan in state.plans.items()
            if plan.ended_at is None
        ),
    ),
)
def keep_in_touch(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A contact who hears from you now and then — a useful article, congratulations on a
    launch, a short update on your search — remembers you when a position opens. One who hears
    from you only when you need something does not. The cadence agreed keeps you in mind
    without becoming a nuisance."""
    # A contact AV605 already asks you to reach about an opening gets that one piece of advice:
    # the opening is a better reason to call than none, and one call keeps the rhythm too.
    about_an_opening = {person_id for _, person_id in _openings_to_raise(state)}
    for person_id, plan in state.plans.items():
        if plan.ended_at is not None or state.people[person_id].forgotten:
            continue
        if person_id in about_an_opening:
            continue
        due = _contact_due(state, person_id, plan.since, plan.cadence_days)
        if now < due:
            continue
        yield keep_in_touch.advise(
            message=f"Time to get in touch with {describe(state.people[person_id])} "
            "(no need for a reason beyond keeping up)",
            due=due,
            subjects=(Subject("person", person_id),),
        )


def _covered_by(state: State, kind: ActionKind) -> tuple[set[str], set[str]]:
    """Applications and people already covered by an action of ``kind``."""
    applications: set[str] = set()
    people: set[str] = set()
    for action in state.actions.values():
        if action.kind is not kind:
            continue
        if action.application_id is not None:
            applications.add(action.application_id)
        if action.person_id is not None:
            people.add(action.person_id)
    return applications, people


@rule(
    "AV604",
    "watch-for-openings",
    settings=("follow_up_action_days",),
    resolved_by=(ActionPlanned,),
    wakes=never,
)
def watch_for_openings(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """When an interviewer says they would consider you for a similar opening, or that other
    roles might suit you, the door is open only if you notice when the opening appears. Watch
    the organization's job board, or set yourself a reminder to check it."""
    watched_applications, watched_people = _covered_by(state, ActionKind.WATCH_OPENINGS)
    done: set[tuple[str, str]] = set()
    for answer in state.follow_ups.values():
        if answer.answer not in _OPEN_DOOR.get(answer.question, ()):
            continue
        key = (answer.application_id, answer.person_id)
        if key in done:
            continue
        done.add(key)
        organization = state.organizations[
            state.applications[answer.application_id].organization_id
        ]
        if organization.board_url is not None:
            continue
        if answer.application_id in watched_applications or answer.person_id in watched_people:
            continue
        contact = describe(state.people[answer.person_id])
        yield watch_for_openings.advise(
            message=f"Watch {possessive(organization.name)} openings: {contact} is open to "
            "considering you",
            due=answer.at + timedelta(days=settings.follow_up_action_days),
            subjects=(
                Subject("application", answer.application_id),
                Subject("person", answer.person_id),
            ),
        )


def warm_contacts_by_organization(state: State) -> dict[str, list[str]]:
    """People, by organization, who said yes to hearing from you or to considering you again."""
    warm: dict[str, dict[str, None]] = {}
    for answer in state.follow_ups.values():
        if answer.answer is Answer.NO:
            continue
        if answer.answer is Answer.MAYBE and answer.question is not FollowUpQuestion.OTHER_ROLES:
            continue
        organization_id = state.applications[answer.application_id].organization_id
        warm.setdefault(organization_id, {})[answer.person_id] = None
    for person in state.people.values():
        if person.referral_source and person.organization_id is not None:
            warm.setdefault(person.organization_id, {})[person.id] = None
    return {
        org: [p for p in people if not state.people[p].forgotten] for org, people in warm.items()
    }


def _openings_to_raise(state: State) -> Iterator[tuple[Posting, str]]:
    """Open postings, each with a warm contact not reached since the posting was first seen."""
    warm = warm_contacts_by_organization(state)
    # Each contact's touchpoints are read once, however many openings their organization posts.
    last_contact: dict[str, Touchpoint | None] = {}
    for posting in state.postings.values():
        if posting.closed_at is not None:
            continue
        for person_id in warm.get(posting.organization_id, ()):
            if person_id not in last_contact:
                last_contact[person_id] = _last_contact(state, person_id)
            last = last_contact[person_id]
            if last is not None and last.at >= posting.first_seen:
                continue
            yield posting, person_id


@rule(
    "AV605",
    "reach-your-contact-about-an-opening",
    settings=("posting_contact_days",),
    resolved_by=(TouchpointLogged, PostingClosed),
    wakes=never,
)
def reach_your_contact(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """An opening at an organization where someone already thinks well of you is the best lead
    a job seeker can have. Reach that person before you apply, and quickly: a word from them
    to the hiring manager counts for more than any cover letter, and postings fill fast."""
    for posting, person_id in _openings_to_raise(state):
        yield reach_your_contact.advise(
            message=f"{describe(state.people[person_id])} can vouch for you: get in touch "
            f"now about the new {posting.title} opening at "
            f"{state.organizations[posting.organization_id].name}",
            due=posting.first_seen + timedelta(days=settings.posting_contact_days),
            priority=Priority.HIGH,
            subjects=(Subject("posting", posting.id), Subject("person", person_id)),
        )


@rule(
    "AV606",
    "keep-in-touch-between-postings",
    settings=(),
    resolved_by=(TouchpointLogged,),
    wakes=never,
)
def between_postings(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Calling a contact only when a position is posted is often too late — the shortlist may
    already exist — and it makes every call a request. Reach out between postings too, with
    nothing to ask, so the relationship is warm when it matters."""
    for person_id, plan in state.plans.items():
        if plan.ended_at is not None or state.people[person_id].forgotten:
            continue
        touchpoints = state.touchpoints_with(person_id)
        if len(touchpoints) < 2 or not all(t.about_posting for t in touchpoints):
            continue
        last = _last_contact(state, person_id)
        assert last is not None  # at least two touchpoints
        yield between_postings.advise(
            message=f"You only contact {describe(state.people[person_id])} about postings; "
            "next time, get in touch with nothing to ask",
            due=last.at,
            priority=Priority.LOW,
            subjects=(Subject("person", person_id),),
        )


@rule(
    "AV607",
    "ask-which-other-roles",
    settings=("follow_up_action_days",),
    resolved_by=(ActionPlanned,),
    wakes=never,
)
def ask_which_other_roles(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """When an interviewer says another role there might suit you better, the answer is only
    useful once it is concrete. Ask which roles they had in mind and who runs them, so that you
    can talk to that person before applying; then plan the application itself, with a date, as
    an action of its own."""
    planned_applications, planned_people = _covered_by(state, ActionKind.APPLY_OTHER_ROLE)
    for answer in state.follow_ups.values():
        if answer.question is not FollowUpQuestion.OTHER_ROLES:
            continue
        if answer.answer not in _OPEN_DOOR[FollowUpQuestion.OTHER_ROLES]:
            continue
        person = state.people[answer.person_id]
        if person.forgotten:
            continue
        if answer.application_id in planned_applications or person.id in planned_people:
            continue
        organization = state.organizations[
            state.applications[answer.application_id].organization_id
        ]
        yield ask_which_other_roles.advise(
            message=f"{describe(person)} thinks other roles at {organization.name} could suit "
            "you: ask which ones, and whom to talk to there, then plan your application as an "
            "action (kind apply_other_role)",
            due=answer.at + timedelta(days=settings.follow_up_action_days),
            priority=Priority.HIGH,
            subjects=(
                Subject("application", answer.application_id),
                Subject("person", answer.person_id),
            ),
        )


RULES = (
    finish_planned_actions,
    agree_how_to_stay_in_touch,
    keep_in_touch,
    watch_for_openings,
    reach_your_contact,
    between_postings,
    ask_which_other_roles,
)
