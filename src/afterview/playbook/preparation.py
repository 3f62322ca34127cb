"""AV1xx — preparation: research the interviewers, the role and the organization."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from afterview.events import ResearchNoted
from afterview.fold import State
from afterview.model import Interview, ResearchSubject
from afterview.playbook.helpers import (
    describe,
    organization_name,
    upcoming_interviews,
    upcoming_interviews_wake,
)
from afterview.playbook.labels import application_label, day, interview_label
from afterview.playbook.rule import Advice, Priority, Subject, rule
from afterview.settings import Settings

__all__ = ["RULES"]

_SETTINGS = ("research_lead_hours", "research_horizon_days")


def _upcoming(state: State, now: datetime, settings: Settings) -> Iterator[Interview]:
    return upcoming_interviews(state, now, settings.research_horizon_days)


def _wakes(state: State, now: datetime, settings: Settings) -> datetime | None:
    # The advice follows the interviews ahead within the horizon, nothing else about ``now``.
    return upcoming_interviews_wake(state, now, settings.research_horizon_days)


def _due(interview: Interview, settings: Settings) -> datetime:
    """``research_lead_hours`` before the interview, but never sooner after its booking than
    half that lead time, nor than halfway to the interview.

    An interview arranged at short notice still deserves research, so the deadline must be
    one the job seeker can keep: with the default 48 hours, an interview booked a day ahead
    gets its research due twelve hours after the booking, and one booked three hours ahead
    gets an hour and a half. Booked well ahead, the lead time decides.
    """
    lead = timedelta(hours=settings.research_lead_hours)
    lead_due = interview.scheduled_for - lead
    booked_at = interview.booked_at
    if booked_at is None or booked_at >= interview.scheduled_for:
        return lead_due
    halfway = booked_at + (interview.scheduled_for - booked_at) / 2
    earliest = min(booked_at + lead / 2, halfway.replace(microsecond=0))
    return max(lead_due, earliest)


@rule(
    "AV101",
    "research-the-interviewers",
    settings=_SETTINGS,
    resolved_by=(ResearchNoted,),
    wakes=_wakes,
)
def research_the_interviewers(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Knowing who will sit across the table — their background, their part in the team, what
    they have written or said in public — lets you answer them as a person rather than as a
    panel, and gives you questions only a prepared candidate would ask. It also makes the
    later thank-you note and feedback call easier, because you already know whom you are
    talking to."""
    for interview in _upcoming(state, now, settings):
        notes = [
            state.research[n]
            for n in state.research_by_application.get(interview.application_id, ())
        ]
        researched = {n.person_id for n in notes if n.subject is ResearchSubject.INTERVIEWER}
        if not interview.interviewers:
            if not researched:
                where = organization_name(state, interview.application_id) or "the organization"
                yield research_the_interviewers.advise(
                    message=f"Find out who will interview you at {where} on "
                    f"{day(interview.scheduled_for, settings.zone())}, and read up on them",
                    due=_due(interview, settings),
                    subjects=(Subject("interview", interview.id),),
                )
            continue
        for person_id in interview.interviewers:
            person = state.people[person_id]
            if person.forgotten or person_id in researched:
                continue
            label = interview_label(state, interview, settings.zone())
            yield research_the_interviewers.advise(
                message=f"Read up on {describe(person)} before {label}",
                due=_due(interview, settings),
                subjects=(Subject("interview", interview.id), Subject("person", person_id)),
            )


def _subject_missing(state: State, interview: Interview, subject: ResearchSubject) -> bool:
    return subject not in state.research_subjects(interview.application_id)


@rule(
    "AV102",
    "research-the-role",
    settings=_SETTINGS,
    resolved_by=(ResearchNoted,),
    wakes=_wakes,
)
def research_the_role(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A candidate who understands what the role is for — the problems it exists to solve, the
    skills the posting stresses, where it sits in the team — can tie each answer to what the
    employer needs instead of reciting a career history. Interviewers notice the difference at
    once."""
    for interview in _upcoming(state, now, settings):
        if not _subject_missing(state, interview, ResearchSubject.ROLE):
            continue
        yield research_the_role.advise(
            message=f"Study {application_label(state, interview.application_id)}: what it is "
            "for and what it asks of you",
            due=_due(interview, settings),
            subjects=(
                Subject("interview", interview.id),
                Subject("application", interview.application_id),
            ),
        )


@rule(
    "AV103",
    "research-the-organization",
    settings=_SETTINGS,
    resolved_by=(ResearchNoted,),
    wakes=_wakes,
)
def research_the_organization(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """The organization as a whole — what it does, how it is doing, what it values, recent
    news — is the backdrop of every question you will be asked. Knowing it shows real interest
    and helps you judge whether you want to work there at all."""
    for interview in _upcoming(state, now, settings):
        if not _subject_missing(state, interview, ResearchSubject.ORGANIZATION):
            continue
        application = state.applications[interview.application_id]
        name = organization_name(state, application.id) or "the organization"
        yield research_the_organization.advise(
            message=f"Learn about {name} as a whole before the interview on "
            f"{day(interview.scheduled_for, settings.zone())}",
            due=_due(interview, settings),
            priority=Priority.NORMAL,
            subjects=(
                Subject("interview", interview.id),
                Subject("organization", application.organization_id),
            ),
        )


RULES = (research_the_interviewers, research_the_role, research_the_organization)
