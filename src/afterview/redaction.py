"""Which parts of which events are a person's personal data, and how to blank them.

Used by :meth:`Workspace.forget`: every stored event that holds personal data of the forgotten
person is rewritten without it, so that neither the folded state nor the stored log keeps a copy.
What stays is the skeleton the playbook needs to remain consistent (that someone with this role
was met, thanked, asked for feedback), with no name, contact detail or note.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from afterview import events as ev
from afterview.fold import State
from afterview.serialization import dumps_event, loads_event
from afterview.store import StoredEvent

__all__ = ["mentions", "redact_event", "redacted_records"]


def _feedback_person(event: ev.FeedbackRecorded, state: State) -> str | None:
    if event.person_id is not None:
        return event.person_id
    if event.request_id is not None and event.request_id in state.feedback_requests:
        return state.feedback_requests[event.request_id].person_id
    return None


def mentions(event: ev.Event, person_id: str, state: State) -> bool:
    """Whether ``event`` is about ``person_id`` (used to export one person's data)."""
    match event:
        case ev.ContactAdded() | ev.BusinessCardCollected() | ev.ContactDetailsAdded():
            return event.person_id == person_id
        case ev.ContactForgotten() | ev.StayInTouchAgreed() | ev.StayInTouchEnded():
            return event.person_id == person_id
        case ev.TouchpointLogged() | ev.FeedbackRequested() | ev.FollowUpAnswered():
            return event.person_id == person_id
        case ev.ThankYouSent():
            return event.person_id == person_id
        case ev.ResearchNoted() | ev.DecisionReceived() | ev.ActionPlanned():
            return event.person_id == person_id
        case ev.FeedbackRecorded():
            return _feedback_person(event, state) == person_id
        case ev.InterviewScheduled():
            return person_id in event.interviewers
        case ev.InterviewHeld():
            return person_id in event.people_met
        case ev.PeopleMet():
            return person_id in event.person_ids
        case _:
            return False


def redact_event(event: ev.Event, person_id: str, state: State) -> ev.Event | None:
    """``event`` without ``person_id``'s personal data, or ``None`` when it holds none."""
    match event:
        case ev.ContactAdded() if event.person_id == person_id:
            if event.name or event.title or event.notes:
                return attrs.evolve(event, name="", title=None, notes=None)
        case ev.BusinessCardCollected() | ev.ContactDetailsAdded() if (
            event.person_id == person_id and event.points
        ):
            return attrs.evolve(event, points=())
        case ev.ResearchNoted() if event.person_id == person_id and event.summary:
            return attrs.evolve(event, summary="")
        case ev.FeedbackRequested() if event.person_id == person_id and event.message:
            return attrs.evolve(event, message=None)
        case ev.FeedbackRecorded() if _feedback_person(event, state) == person_id and event.summary:
            return attrs.evolve(event, summary="")
        case ev.FollowUpAnswered() | ev.TouchpointLogged() if (
            event.person_id == person_id and event.note
        ):
            return attrs.evolve(event, note=None)
        case _:
            return None
    return None


def redacted_records(
    records: Iterable[StoredEvent], person_id: str, state: State
) -> dict[int, str]:
    """For each stored record that holds ``person_id``'s personal data, its position and the
    record rewritten without it: what :meth:`~afterview.store.WorkspaceStore.redact` takes."""
    replacements: dict[int, str] = {}
    for stored in records:
        redacted = redact_event(loads_event(stored.data), person_id, state)
        if redacted is not None:
            replacements[stored.position] = dumps_event(redacted)
    return replacements
