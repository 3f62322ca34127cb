"""Small readings of the state that several rule modules share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, tzinfo

from afterview.fold import State
from afterview.model import Decision, DecisionKind, Interview, InterviewStatus, Person, Role
from afterview.timezones import end_of_local_day

__all__ = [
    "JUST_AFTER",
    "describe",
    "earliest_after",
    "end_of_day",
    "feedback_target",
    "first_decision",
    "gatekeepers_of",
    "interviewed",
    "interviewers_of",
    "organization_name",
    "rejected",
    "thank_you_deadline",
    "upcoming_interviews",
    "upcoming_interviews_wake",
]

#: The smallest step of time a datetime holds: ``now > t`` first holds at ``t + JUST_AFTER``.
JUST_AFTER = timedelta(microseconds=1)


def earliest_after(now: datetime, moments: Iterable[datetime | None]) -> datetime | None:
    """The earliest of ``moments`` strictly after ``now`` (``None`` when there is none): what a
    rule's wake returns, given the moments its conditions on ``now`` flip."""
    found: datetime | None = None
    for moment in moments:
        if moment is not None and moment > now and (found is None or moment < found):
            found = moment
    return found


_ROLE_WORDS: dict[Role, str] = {
    Role.INTERVIEWER: "the interviewer",
    Role.HIRING_MANAGER: "the hiring manager",
    Role.HR: "the HR contact",
    Role.RECRUITER: "the recruiter",
    Role.RECEPTIONIST: "the receptionist",
    Role.ASSISTANT: "the assistant",
    Role.OTHER: "the person you met",
}


def describe(person: Person) -> str:
    """The person's name, or their role when the name is unknown or was forgotten."""
    name = person.name.strip()
    return name if name and not person.forgotten else _ROLE_WORDS[person.role]


def end_of_day(moment: datetime, days_after: int, zone: tzinfo) -> datetime:
    """The last second (23:59:59 on the wall clock) of the local day ``days_after`` days after
    ``moment``'s local day in ``zone``.

    Pass the job seeker's zone (``settings.zone()``), never the moment's own: stored times are
    usually UTC, and in UTC an evening interview in New York is already the next day, a morning
    one in Auckland still the day before.
    """
    return end_of_local_day(moment, days_after, zone)


def thank_you_deadline(held_at: datetime, days: int, zone: tzinfo) -> datetime:
    return end_of_day(held_at, days, zone)


def first_decision(state: State, application_id: str) -> Decision | None:
    """The earliest decision on an application: the moment notes stop helping."""
    history = state.decisions_history.get(application_id, ())
    return history[0] if history else None


def organization_name(state: State, application_id: str) -> str | None:
    application = state.applications.get(application_id)
    if application is None:
        return None
    organization = state.organizations.get(application.organization_id)
    return None if organization is None else organization.name


def interviewers_of(state: State, application_id: str) -> list[Person]:
    """Everyone who interviewed for this application, held interviews first, each once.

    Only interviews that took place count (see :func:`interviewed`): whoever was to sit on a
    cancelled interview, or one set for after the decision, never met the job seeker.
    """
    decision = first_decision(state, application_id)
    held: dict[str, None] = {}
    planned: dict[str, None] = {}
    for interview in state.interviews_of(application_id):
        if not _took_place(interview, decision):
            continue
        target = held if interview.status is InterviewStatus.HELD else planned
        for person_id in interview.interviewers:
            target[person_id] = None
        for person_id in interview.people_met:
            if state.people[person_id].role.interviews:
                target[person_id] = None
    ordered = dict.fromkeys([*held, *planned])
    return [state.people[p] for p in ordered if not state.people[p].forgotten]


def feedback_target(state: State, application_id: str) -> Person | None:
    """Whom to ask for feedback: the decider if they interviewed, else the first interviewer."""
    decision = state.decisions.get(application_id)
    if decision is not None and decision.person_id is not None:
        person = state.people[decision.person_id]
        if person.role.interviews and not person.forgotten:
            return person
    candidates = interviewers_of(state, application_id)
    # An interviewer by role beats someone only listed as sitting in on the interview.
    for person in candidates:
        if person.role.interviews:
            return person
    return candidates[0] if candidates else None


def rejected(state: State, application_id: str) -> Decision | None:
    """The current decision if it is a rejection of the candidate (not of the position)."""
    decision = state.decisions.get(application_id)
    if decision is not None and decision.kind is DecisionKind.REJECTED:
        return decision
    return None


def upcoming_interviews(state: State, now: datetime, horizon_days: int) -> Iterator[Interview]:
    """Scheduled interviews still ahead, within ``horizon_days``, of applications still open."""
    horizon = now + timedelta(days=horizon_days)
    for interview in state.interviews.values():
        if interview.status is not InterviewStatus.SCHEDULED:
            continue
        if not now <= interview.scheduled_for <= horizon:
            continue
        decision = state.decisions.get(interview.application_id)
        if decision is not None and decision.kind.final:
            continue
        yield interview


def upcoming_interviews_wake(state: State, now: datetime, horizon_days: int) -> datetime | None:
    """When :func:`upcoming_interviews` next changes: an interview comes within the horizon
    (``scheduled_for <= now + horizon``) or its time passes (``now <= scheduled_for``)."""
    horizon = timedelta(days=horizon_days)
    flips: list[datetime] = []
    for interview in state.interviews.values():
        if interview.status is not InterviewStatus.SCHEDULED:
            continue
        decision = state.decisions.get(interview.application_id)
        if decision is not None and decision.kind.final:
            continue
        flips.append(interview.scheduled_for - horizon)
        flips.append(interview.scheduled_for + JUST_AFTER)
    return earliest_after(now, flips)


def interviewed(state: State, application_id: str) -> bool:
    """Whether the application got as far as an interview before its decision.

    A held interview counts, and so does one whose time came before the decision without being
    marked held or cancelled (it most likely took place); one set for after the decision, or
    cancelled, does not.
    """
    decision = first_decision(state, application_id)
    return any(_took_place(i, decision) for i in state.interviews_of(application_id))


def _took_place(interview: Interview, decision: Decision | None) -> bool:
    if interview.status is InterviewStatus.HELD:
        return True
    return interview.status is InterviewStatus.SCHEDULED and (
        decision is None or interview.scheduled_for <= decision.at
    )


def gatekeepers_of(state: State, application_id: str) -> list[Person]:
    """The HR people and recruiters on record for an application: who told you the decision,
    and those at the organization, each once."""
    found: dict[str, Person] = {}
    decision = state.decisions.get(application_id)
    if decision is not None and decision.person_id is not None:
        found[decision.person_id] = state.people[decision.person_id]
    organization_id = state.applications[application_id].organization_id
    for person in state.people.values():
        if person.organization_id == organization_id:
            found.setdefault(person.id, person)
    return [p for p in found.values() if p.role in (Role.HR, Role.RECRUITER) and not p.forgotten]
