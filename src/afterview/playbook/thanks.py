"""AV3xx — thank-you notes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from afterview.events import ActionPlanned, ThankYouDelivered, ThankYouSent
from afterview.fold import State
from afterview.model import InterviewStatus, ThankYouNote
from afterview.playbook.helpers import describe, end_of_day, first_decision
from afterview.playbook.labels import application_label
from afterview.playbook.rule import Advice, Priority, Subject, never, rule
from afterview.settings import Settings

__all__ = ["RULES", "end_of_day"]


@rule(
    "AV301",
    "thank-everyone-met",
    settings=("thank_you_days",),
    resolved_by=(ThankYouSent,),
    wakes=never,
)
def thank_everyone_met(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """Every person met at an interview gets a thank-you note, the receptionist and the
    assistant as much as the interviewers. Front-desk staff often share their impression with
    the hiring team, and a note that arrives while the team is still meeting candidates keeps
    you in mind when the decision is made."""
    for interview in state.interviews.values():
        if interview.status is not InterviewStatus.HELD or interview.held_at is None:
            continue
        if interview.application_id in state.decisions:
            continue
        due = end_of_day(interview.held_at, settings.thank_you_days, settings.zone())
        for person_id in interview.everyone:
            person = state.people[person_id]
            if person.forgotten or (interview.id, person_id) in state.thank_you_by_meeting:
                continue
            yield thank_everyone_met.advise(
                message=f"Send a thank-you note to {describe(person)} "
                f"({person.role.replace('_', ' ')})",
                due=due,
                priority=Priority.HIGH,
                subjects=(Subject("interview", interview.id), Subject("person", person_id)),
            )


@rule(
    "AV302",
    "deliver-the-note",
    settings=("thank_you_days",),
    resolved_by=(ThankYouDelivered,),
    wakes=never,
)
def deliver_the_note(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A note in your bag does nothing. It counts only once it is in the person's hands — handed
    to the front desk, posted, or sent — and only while the team is still deciding. Dropping
    the notes off at reception the next day is often the quickest way."""
    for note in state.thank_yous.values():
        if note.delivered_at is not None:
            continue
        interview = state.interviews[note.interview_id]
        if interview.held_at is None or interview.application_id in state.decisions:
            continue
        person = state.people[note.person_id]
        if person.forgotten:
            continue
        yield deliver_the_note.advise(
            message=f"Deliver the thank-you note you wrote to {describe(person)}",
            due=end_of_day(interview.held_at, settings.thank_you_days, settings.zone()),
            priority=Priority.HIGH,
            subjects=(Subject("interview", interview.id), Subject("person", person.id)),
        )


def _late(state: State, note: ThankYouNote, settings: Settings) -> bool:
    """Whether a delivered note arrived after its deadline or after the decision."""
    if note.delivered_at is None:
        return False
    interview = state.interviews[note.interview_id]
    if interview.held_at is None:
        return False
    if note.delivered_at > end_of_day(interview.held_at, settings.thank_you_days, settings.zone()):
        return True
    decision = first_decision(state, interview.application_id)
    return decision is not None and note.delivered_at > decision.at


@rule(
    "AV303",
    "thank-you-notes-on-time",
    settings=("thank_you_days",),
    resolved_by=(ActionPlanned,),
    wakes=never,
)
def thank_you_notes_on_time(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A thank-you note that lands after the decision can no longer help, and one that lands
    days later reads as an afterthought. When that happens, make it a habit to change: carry
    blank cards to interviews and write them the same evening. Plan that change as an action on
    the application to close this lesson."""
    planned = {a.application_id for a in state.actions.values() if a.application_id is not None}
    reported: set[str] = set()
    for note in state.thank_yous.values():
        application_id = state.interviews[note.interview_id].application_id
        if application_id in reported or application_id in planned:
            continue
        if not _late(state, note, settings):
            continue
        reported.add(application_id)
        assert note.delivered_at is not None  # _late is only true for delivered notes
        yield thank_you_notes_on_time.advise(
            message="A thank-you note for "
            f"{application_label(state, application_id)} arrived late or after the decision: "
            "plan how to get notes out by the next day (for example, write them the same "
            "evening)",
            due=note.delivered_at,
            priority=Priority.LOW,
            subjects=(Subject("application", application_id),),
        )


RULES = (thank_everyone_met, deliver_the_note, thank_you_notes_on_time)
