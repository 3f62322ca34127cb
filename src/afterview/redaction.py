"""Which parts of which events are a person's personal data, and how to blank them.

Every event field that can hold personal data is listed in :data:`PERSONAL_FIELDS` with the value
it takes once erased. A field belongs to (is *owned by*) the person it is about — the contact an
added contact's name is, the person a feedback summary came from — and to every person its text
names (see :mod:`afterview.naming`): an action titled "Send Dana Reyes the article" is Dana's as
well as its own person's. Erasing a person blanks every field they own.

Used twice: by :meth:`Workspace.forget`, which rewrites every stored event holding a field the
person owns, and by :mod:`afterview.sealing`, which encrypts each owned field under its owners'
keys. What stays is the skeleton the playbook needs to remain consistent (that someone with this
role was met, thanked, asked for feedback), with no name, contact detail, note or text naming them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from afterview import events as ev
from afterview.fold import State
from afterview.naming import NameMatcher
from afterview.serialization import dumps_event, loads_event
from afterview.store import StoredEvent

__all__ = [
    "ERASED_ACTION_TITLE",
    "ERASED_ERROR",
    "ERASED_REMINDER",
    "PERSONAL_FIELDS",
    "field_owners",
    "mentions",
    "name_matcher",
    "redact_event",
    "redacted_records",
    "subject_of",
]

#: What an action's title reads once the person it named was forgotten.
ERASED_ACTION_TITLE: Final = "(erased with a forgotten contact)"

#: A reminder's text once the person it was about or named is forgotten.
ERASED_REMINDER: Final = "The details of this reminder were removed when you forgot a contact."
#: A failed delivery's error message once the person it may have quoted is forgotten.
ERASED_ERROR: Final = "(an error message erased with a forgotten contact)"

#: Event type → personal field → its value once erased.
PERSONAL_FIELDS: Final[Mapping[type[ev.BaseEvent], Mapping[str, object]]] = {
    ev.ContactAdded: {"name": "", "title": None, "notes": None},
    # None is "unchanged": an erased correction leaves the erased ContactAdded as it is.
    ev.ContactCorrected: {"name": None, "title": None, "notes": None, "points": None},
    ev.BusinessCardCollected: {"points": ()},
    ev.ContactDetailsAdded: {"points": ()},
    ev.ResearchNoted: {"summary": ""},
    ev.FeedbackRequested: {"message": None},
    ev.FeedbackRecorded: {"summary": ""},
    ev.FollowUpAnswered: {"note": None},
    ev.TouchpointLogged: {"note": None},
    ev.ActionPlanned: {"title": ERASED_ACTION_TITLE},
    ev.DecisionReceived: {"reason": None},
}

#: Free-text fields: besides the event's person, every person their text names owns them. (A
#: contact's name and job title, and contact points, belong to that contact alone.)
_FREE_TEXT: Final = frozenset({"notes", "summary", "message", "note", "reason"})


def _feedback_person(event: ev.FeedbackRecorded, state: State) -> str | None:
    if event.person_id is not None:
        return event.person_id
    if event.request_id is not None and event.request_id in state.feedback_requests:
        return state.feedback_requests[event.request_id].person_id
    return None


def subject_of(event: ev.Event, state: State) -> str | None:
    """The person whose personal fields ``event`` carries, if any."""
    if isinstance(event, ev.FeedbackRecorded):
        return _feedback_person(event, state)
    if type(event) in PERSONAL_FIELDS:
        person_id: str | None = getattr(event, "person_id", None)
        return person_id
    return None


def name_matcher(state: State, extra: Mapping[str, str] | None = None) -> NameMatcher:
    """A matcher for everyone in ``state`` (forgotten people have no name left), plus ``extra``
    names by person id (a person being forgotten, whose name the state no longer holds)."""
    names = {pid: p.name for pid, p in state.people.items()}
    names.update(extra or {})
    return NameMatcher(names)


def field_owners(event: ev.Event, state: State, matcher: NameMatcher) -> dict[str, tuple[str, ...]]:
    """For each personal field of ``event`` that holds something, the people who own it."""
    blanks = PERSONAL_FIELDS.get(type(event))
    if not blanks:
        return {}
    subject = subject_of(event, state)
    owners: dict[str, tuple[str, ...]] = {}
    for field, blank in blanks.items():
        value = getattr(event, field)
        if value == blank or value in ("", None, ()):
            continue
        found: list[str] = []
        # A decision's reason is the organization's, not its messenger's: only names own it.
        if subject is not None and not isinstance(event, ev.DecisionReceived):
            found.append(subject)
        if isinstance(value, str) and (field in _FREE_TEXT or isinstance(event, ev.ActionPlanned)):
            found.extend(matcher.named_in(value))
        unique = tuple(dict.fromkeys(found))
        if unique:
            owners[field] = unique
    return owners


def mentions(event: ev.Event, person_id: str, state: State) -> bool:
    """Whether ``event`` is about ``person_id`` (used to export one person's data)."""
    match event:
        case ev.ContactAdded() | ev.BusinessCardCollected() | ev.ContactDetailsAdded():
            return event.person_id == person_id
        case ev.ContactCorrected():
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


def redact_event(
    event: ev.Event, person_id: str, state: State, matcher: NameMatcher | None = None
) -> ev.Event | None:
    """``event`` without ``person_id``'s personal data, or ``None`` when it holds none.

    ``matcher`` finds the texts that name people (by default, everyone named in ``state``;
    pass one that knows the person's name when the state has already forgotten it).
    """
    owners = field_owners(event, state, matcher or name_matcher(state))
    blanks = PERSONAL_FIELDS.get(type(event), {})
    erased = {field: blanks[field] for field, who in owners.items() if person_id in who}
    if not erased:
        return None
    return attrs.evolve(event, **erased)  # type: ignore[arg-type]


def redacted_records(
    records: Iterable[StoredEvent],
    person_id: str,
    state: State,
    matcher: NameMatcher | None = None,
) -> dict[int, str]:
    """For each stored record that holds ``person_id``'s personal data, its position and the
    record rewritten without it: what :meth:`~afterview.store.WorkspaceStore.redact` takes."""
    matcher = matcher or name_matcher(state)
    replacements: dict[int, str] = {}
    for stored in records:
        redacted = redact_event(loads_event(stored.data), person_id, state, matcher)
        if redacted is not None:
            replacements[stored.position] = dumps_event(redacted)
    return replacements
