"""AV3xx — thank-you notes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from afterview.events import ThankYouSent
from afterview.fold import State
from afterview.model import InterviewStatus
from afterview.playbook.rule import Advice, Priority, Subject, rule
from afterview.settings import Settings

__all__ = ["RULES", "end_of_day"]


def end_of_day(moment: datetime, days_after: int) -> datetime:
    """The last second of the day ``days_after`` days after ``moment``, in its own time zone."""
    day = (moment + timedelta(days=days_after)).date()
    return datetime.combine(day, time(23, 59, 59), tzinfo=moment.tzinfo)


@rule(
    "AV301",
    "thank-everyone-met",
    settings=("thank_you_days",),
    resolved_by=(ThankYouSent,),
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
        due = end_of_day(interview.held_at, settings.thank_you_days)
        for person_id in interview.everyone:
            person = state.people[person_id]
            if person.forgotten or (interview.id, person_id) in state.thank_you_by_meeting:
                continue
            yield thank_everyone_met.advise(
                message=f"Send a thank-you note to {person.name or 'a person you met'} "
                f"({person.role.replace('_', ' ')})",
                due=due,
                priority=Priority.HIGH,
                subjects=(Subject("interview", interview.id), Subject("person", person_id)),
            )


RULES = (thank_everyone_met,)
