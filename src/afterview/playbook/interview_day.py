"""AV2xx — interview day: business cards, direct lines, everyone met, the day itself."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, tzinfo

from afterview.events import (
    BusinessCardCollected,
    ContactDetailsAdded,
    InterviewCancelled,
    InterviewHeld,
    InterviewRescheduled,
    PeopleMet,
    ThankYouSent,
)
from afterview.fold import State
from afterview.model import (
    DetailSource,
    Interview,
    InterviewFormat,
    InterviewStatus,
    Person,
)
from afterview.playbook.helpers import (
    describe,
    earliest_after,
    end_of_day,
    organization_name,
    upcoming_interviews,
    upcoming_interviews_wake,
)
from afterview.playbook.labels import interview_label
from afterview.playbook.rule import Advice, Priority, Subject, never, rule
from afterview.settings import Settings

__all__ = ["RULES"]


def _held_undecided(state: State) -> Iterator[tuple[Interview, datetime]]:
    """Held interviews whose application awaits a decision, with when they were held."""
    for interview in state.interviews.values():
        if interview.status is not InterviewStatus.HELD or interview.held_at is None:
            continue
        if interview.application_id in state.decisions:
            continue
        yield interview, interview.held_at


def _interviewers(state: State, interview: Interview) -> Iterator[Person]:
    """The interviewers of a held interview, including deciders recorded only as met."""
    for person_id in interview.everyone:
        person = state.people[person_id]
        if person.forgotten:
            continue
        if person_id in interview.interviewers or person.role.interviews:
            yield person


def _has_card(person: Person) -> bool:
    return any(p.source is DetailSource.BUSINESS_CARD for p in person.contact_points)


@rule(
    "AV201",
    "collect-business-cards",
    settings=("thank_you_days",),
    resolved_by=(BusinessCardCollected, ContactDetailsAdded),
    wakes=never,
)
def collect_business_cards(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """An interviewer's business card usually carries a direct work line, sometimes a cell
    number and a postal address. Those details let you reach the person who judged you without
    passing through a switchboard, HR or the front desk — which is what makes a feedback call
    possible later. Ask for a card, and leave yours, before you walk out."""
    seen: set[str] = set()
    for interview, held_at in _held_undecided(state):
        for person in _interviewers(state, interview):
            if person.id in seen or _has_card(person) or person.has_direct_voice_line():
                continue
            seen.add(person.id)
            yield collect_business_cards.advise(
                message=f"Get a direct phone number for {describe(person)} "
                "(their business card, or a short email asking for it)",
                due=end_of_day(held_at, settings.thank_you_days, settings.zone()),
                subjects=(Subject("person", person.id),),
            )


@rule(
    "AV202",
    "record-everyone-met",
    settings=(),
    resolved_by=(PeopleMet,),
    wakes=never,
)
def record_everyone_met(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """At an on-site interview you meet more people than the panel: the receptionist who
    greeted you, the assistant who walked you to the room. They often know the team well, and
    some hiring managers ask them what they thought of you. Write down who they were while you
    still remember, so each of them can be thanked. If you met nobody but the panel, say so,
    and the question is settled."""
    for interview, held_at in _held_undecided(state):
        if interview.format is not InterviewFormat.ON_SITE or interview.nobody_else_met:
            continue
        if any(p not in interview.interviewers for p in interview.people_met):
            continue
        yield record_everyone_met.advise(
            message="Write down everyone you met at the interview, the receptionist and "
            "any assistant included, or record that you met nobody else",
            due=end_of_day(held_at, 0, settings.zone()),
            subjects=(Subject("interview", interview.id),),
        )


@rule(
    "AV203",
    "address-for-a-handwritten-note",
    settings=(),
    resolved_by=(BusinessCardCollected, ContactDetailsAdded, ThankYouSent),
    wakes=never,
)
def address_for_handwritten_note(
    state: State, now: datetime, settings: Settings
) -> Iterator[Advice]:
    """Handwritten notes have become rare, so the one that arrives on an interviewer's desk is
    remembered. Sending one needs a postal address, which a business card usually gives; without
    it the note goes by email and blends in with everyone else's."""
    for interview, held_at in _held_undecided(state):
        for person in _interviewers(state, interview):
            if person.has_mailing_address():
                continue
            if (interview.id, person.id) in state.thank_you_by_meeting:
                continue
            yield address_for_handwritten_note.advise(
                message=f"Find a postal address for {describe(person)} so your thank-you "
                f"for {interview_label(state, interview, settings.zone())} can be handwritten",
                due=end_of_day(held_at, 0, settings.zone()),
                priority=Priority.LOW,
                subjects=(Subject("interview", interview.id), Subject("person", person.id)),
            )


def _where(state: State, interview: Interview) -> str:
    """``the Data Analyst interview at Acme Analytics``, with what is known of it."""
    role = state.applications[interview.application_id].role_title.strip()
    organization = organization_name(state, interview.application_id)
    what = f"the {role} interview" if role else "the interview"  # an imported role may be blank
    return what + ("" if organization is None else f" at {organization}")


def _evening_before(interview: Interview, zone: tzinfo) -> datetime:
    """The end of the local day before the interview, or its start when it was booked later."""
    evening = end_of_day(interview.scheduled_for, -1, zone)
    if interview.booked_at is not None and interview.booked_at >= evening:
        return interview.scheduled_for
    return evening


def _passing(state: State, now: datetime) -> datetime | None:
    """When the next interview still only planned reaches its time (AV205 then asks)."""
    return earliest_after(
        now,
        (
            i.scheduled_for
            for i in state.interviews.values()
            if i.status is InterviewStatus.SCHEDULED
        ),
    )


@rule(
    "AV204",
    "cards-and-courtesy-on-the-day",
    settings=("research_horizon_days",),
    resolved_by=(InterviewHeld, InterviewCancelled),
    wakes=lambda state, now, settings: upcoming_interviews_wake(
        state, now, settings.research_horizon_days
    ),
)
def cards_and_courtesy(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Two small things on the day of an on-site interview pay off for weeks. Take your own
    business cards and ask each person you meet for theirs: swapping cards is natural when you
    shake hands and awkward to ask for by email later, and a card is what gives you the direct
    line and the postal address for the thank-you note and the feedback call. And treat
    everyone you meet before the interview starts — the receptionist, the guard, the assistant
    who comes to fetch you — as part of the panel: many hiring managers ask them how you
    behaved while you waited, and a curt moment at the desk can undo a good interview."""
    for interview in upcoming_interviews(state, now, settings.research_horizon_days):
        if interview.format is not InterviewFormat.ON_SITE:
            continue
        yield cards_and_courtesy.advise(
            message=f"For {_where(state, interview)}: pack your own business cards and ask "
            "each person you meet for theirs; be courteous to everyone at the front desk, "
            "since what they see reaches the hiring team",
            due=_evening_before(interview, settings.zone()),
            subjects=(Subject("interview", interview.id),),
        )


@rule(
    "AV205",
    "did-the-interview-take-place",
    settings=(),
    resolved_by=(InterviewHeld, InterviewCancelled, InterviewRescheduled),
    wakes=lambda state, now, settings: _passing(state, now),
)
def did_it_take_place(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Everything that follows an interview — the thank-you notes, the business cards, the
    names of the people at the front desk — depends on knowing that it happened and whom you
    met. An interview whose time has passed but that is still only planned leaves all of that
    unsaid just when the notes are due. Record whether it took place and with whom while the
    day is fresh, or that it was cancelled or moved."""
    for interview in state.interviews.values():
        if interview.status is not InterviewStatus.SCHEDULED or interview.scheduled_for > now:
            continue
        decision = state.decisions.get(interview.application_id)
        if decision is not None and decision.kind.final:
            continue
        yield did_it_take_place.advise(
            message=f"Did {_where(state, interview)} take place? Record it as held, with "
            "everyone you met, or as cancelled or moved",
            due=end_of_day(interview.scheduled_for, 0, settings.zone()),
            priority=Priority.HIGH,
            subjects=(Subject("interview", interview.id),),
        )


RULES = (
    collect_business_cards,
    record_everyone_met,
    address_for_handwritten_note,
    cards_and_courtesy,
    did_it_take_place,
)
