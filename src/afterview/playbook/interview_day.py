"""AV2xx — interview day: business cards, direct lines, everyone met."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from afterview.events import (
    BusinessCardCollected,
    ContactDetailsAdded,
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
from afterview.playbook.helpers import describe, end_of_day
from afterview.playbook.rule import Advice, Priority, Subject, rule
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
)
def record_everyone_met(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """At an on-site interview you meet more people than the panel: the receptionist who
    greeted you, the assistant who walked you to the room. They often know the team well, and
    some hiring managers ask them what they thought of you. Write down who they were while you
    still remember, so each of them can be thanked."""
    for interview, held_at in _held_undecided(state):
        if interview.format is not InterviewFormat.ON_SITE:
            continue
        if any(p not in interview.interviewers for p in interview.people_met):
            continue
        yield record_everyone_met.advise(
            message="Write down everyone you met at the interview, the receptionist and "
            "any assistant included",
            due=end_of_day(held_at, 0, settings.zone()),
            subjects=(Subject("interview", interview.id),),
        )


@rule(
    "AV203",
    "address-for-a-handwritten-note",
    settings=(),
    resolved_by=(BusinessCardCollected, ContactDetailsAdded, ThankYouSent),
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
                "can be handwritten",
                due=end_of_day(held_at, 0, settings.zone()),
                priority=Priority.LOW,
                subjects=(Subject("interview", interview.id), Subject("person", person.id)),
            )


RULES = (collect_business_cards, record_everyone_met, address_for_handwritten_note)
