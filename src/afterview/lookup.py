"""Finding what a user names: a person, an organization or an application by id or by name, and
a choice (a role, a channel…) by its value.

Pure functions of the folded state, so the command line, the facade and plugins resolve names
the same way; an unknown or ambiguous name is a :class:`~afterview.errors.NotFoundError`, an
unknown choice a :class:`~afterview.errors.DataError` that lists the known ones.

Most look-ups are lenient (a unique part of a name will do). The one before an erasure is not:
:func:`find_person_exactly` wants the id or the whole name, so that ``ann`` never erases
"Joanna Smith".
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Final, TypeVar

from afterview.errors import DataError, NotFoundError
from afterview.fold import State
from afterview.model import (
    ActionItem,
    FeedbackItem,
    FeedbackRequestStatus,
    Organization,
    Person,
    RecordKind,
)

__all__ = [
    "choose",
    "describe",
    "find_action",
    "find_application",
    "find_feedback_item",
    "find_organization",
    "find_person",
    "find_person_exactly",
    "find_record",
    "name_key",
    "open_feedback_call",
    "records_of_application",
    "same_name_organization",
    "same_name_people",
    "spelling_key",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)


#: American spellings of the words afterview's choices spell the British way.
_SPELLINGS: Final = {"behavior": "behaviour"}


def spelling_key(text: str) -> str:
    """What the spellings people type for one choice share: ``Hiring-Manager``, ``hiring
    manager`` and ``hiring_manager`` give ``hiring_manager``; ``behavior`` gives ``behaviour``."""
    key = "_".join(text.casefold().replace("-", " ").replace("_", " ").split())
    for american, british in _SPELLINGS.items():
        key = key.replace(american, british)
    return key


def choose(kind: type[_E], value: _E | str, field: str) -> _E:
    """``value`` as a member of ``kind``, in any spelling :func:`spelling_key` equates; a value
    it does not know is a :class:`DataError` listing the known ones (not the bare
    ``ValueError`` the enum raises)."""
    if isinstance(value, kind):
        return value
    wanted = spelling_key(str(value))
    for member in kind:
        if spelling_key(str(member.value)) == wanted:
            return member
    known = ", ".join(str(member.value) for member in kind)
    raise DataError(f"unknown {field} {value!r}; known: {known}", path=f"$.{field}")


def find_person(state: State, ref: str) -> Person:
    """A person by id, or by a name that matches exactly one person (case-insensitive)."""
    people = state.people
    if ref in people:
        return people[ref]
    return _one(_by_name(people.values(), lambda p: p.name, ref), "person", ref)


def name_key(name: str) -> str:
    """What two spellings of one name share: without accents, case or extra spaces, so that
    "zoe  OTSUKA" and "Zoë Ōtsuka" compare equal."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def find_person_exactly(state: State, ref: str) -> Person:
    """A person by id, or by their whole name (ignoring case, accents and extra spaces) when
    exactly one person has it. No part of a name is enough: this is the look-up before
    something that cannot be undone, such as ``forget``.

    :raises NotFoundError: no one, or several people, have that name.
    """
    people = state.people
    if ref in people:
        return people[ref]
    wanted = name_key(ref)
    matches = [p for p in people.values() if p.name and wanted and name_key(p.name) == wanted]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(
            f"no person is named exactly {ref!r}; give the whole name or the id "
            "('afterview person list' shows both)"
        )
    raise NotFoundError(
        f"{len(matches)} people are named {ref!r}; give the id instead "
        "('afterview person list' shows it)"
    )


def find_organization(state: State, ref: str) -> str:
    """An organization's id, by id or by a name (or part of one) that matches exactly one."""
    orgs = state.organizations
    if ref in orgs:
        return ref
    return _one(_by_name(orgs.values(), lambda o: o.name, ref), "organization", ref).id


def find_application(state: State, ref: str) -> str:
    """An application's id, by id, organization name, or ``Organization/Role title``; a unique
    part of either name is enough."""
    if ref in state.applications:
        return ref
    org_part, _, role_part = ref.partition("/")
    candidates = _by_name(
        state.applications.values(),
        lambda a: state.organizations[a.organization_id].name,
        org_part,
    )
    if role_part:
        candidates = _by_name(candidates, lambda a: a.role_title, role_part)
    return _one(candidates, "application", ref).id


def _by_name(items: Iterable[_T], name_of: Callable[[_T], str], ref: str) -> list[_T]:
    """Items whose name equals ``ref`` (ignoring case); failing that, those containing it."""
    wanted = ref.strip().casefold()
    named = [(item, name_of(item).casefold()) for item in items if name_of(item)]
    exact = [item for item, name in named if name == wanted]
    return exact or [item for item, name in named if wanted and wanted in name]


def _one(matches: Sequence[_T], what: str, ref: str) -> _T:
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"no {what} matches {ref!r}")
    raise NotFoundError(f"{len(matches)} {what}s match {ref!r}; use the id instead")


def describe(state: State, record_id: str) -> str | None:
    """A record as the job seeker knows it: "Dana Reyes", "the interview for Data Analyst at
    Acme Analytics on 2026-05-01"; None for an id the workspace does not hold."""
    if record_id in state.people:
        person = state.people[record_id]
        return "a forgotten person" if person.forgotten else person.name
    if record_id in state.organizations:
        return state.organizations[record_id].name
    if record_id in state.applications:
        return f"the application for {_application_words(state, record_id)}"
    if record_id in state.interviews:
        interview = state.interviews[record_id]
        day = interview.scheduled_for.date().isoformat()
        return f"the interview for {_application_words(state, interview.application_id)} on {day}"
    if record_id in state.feedback_requests:
        request = state.feedback_requests[record_id]
        return f"the feedback request about {_application_words(state, request.application_id)}"
    if record_id in state.feedback_items:
        item = state.feedback_items[record_id]
        return f"the feedback about {_application_words(state, item.application_id)}"
    if record_id in state.actions:
        return f"the action {state.actions[record_id].title!r}"
    if record_id in state.thank_yous:
        note = state.thank_yous[record_id]
        whom = describe(state, note.person_id) or "someone"
        return f"the thank-you note to {whom}"
    if record_id in state.postings:
        return f"the opening {state.postings[record_id].title!r}"
    return None


def _application_words(state: State, application_id: str) -> str:
    application = state.applications[application_id]
    organization = state.organizations.get(application.organization_id)
    where = organization.name if organization is not None else "an organization"
    return f"{application.role_title} at {where}"


#: A feedback call that may still bring feedback: asked for, booked, or held.
_ANSWERABLE = (
    FeedbackRequestStatus.SENT,
    FeedbackRequestStatus.SCHEDULED,
    FeedbackRequestStatus.HELD,
)


def open_feedback_call(state: State, application_id: str, person_id: str | None) -> str | None:
    """The feedback request that feedback about ``application_id`` (from ``person_id``, when
    given) answers when none is named: the only call asked for, booked or held, or else the
    only one held. ``None`` when there is none, or no way to tell which."""
    calls = [
        r
        for r in state.requests_of(application_id)
        if r.status in _ANSWERABLE
        and person_id in (None, r.person_id)
        and not state.people[r.person_id].forgotten
    ]
    if len(calls) > 1:
        calls = [r for r in calls if r.status is FeedbackRequestStatus.HELD]
    return calls[0].id if len(calls) == 1 else None


def records_of_application(state: State, application_id: str) -> set[str]:
    """The application and every record that belongs to it (its interviews, their thank-you
    notes, its feedback requests and feedback, the actions about it or its feedback), so that
    advice about any of them counts as advice about it."""
    ids = {application_id}
    interviews = {i.id for i in state.interviews_of(application_id)}
    ids |= interviews
    ids |= {r.id for r in state.requests_of(application_id)}
    ids |= {f.id for f in state.feedback_of(application_id)}
    ids |= {n.id for n in state.thank_yous.values() if n.interview_id in interviews}
    ids |= {
        a.id
        for a in state.actions.values()
        if a.application_id == application_id or a.feedback_item_id in ids
    }
    return ids


def same_name_organization(state: State, name: str) -> Organization | None:
    """The organization already called ``name``, ignoring case, accents and extra spaces."""
    wanted = name_key(name)
    for organization in state.organizations.values():
        if wanted and name_key(organization.name) == wanted:
            return organization
    return None


def same_name_people(state: State, name: str) -> list[Person]:
    """Everyone already called ``name``, ignoring case, accents and extra spaces."""
    wanted = name_key(name)
    return [p for p in state.people.values() if wanted and p.name and name_key(p.name) == wanted]


def find_action(state: State, ref: str) -> ActionItem:
    """An action by id, or by its title (or a part of it) when that names exactly one; among
    several, the one still to do when it is the only one."""
    if ref in state.actions:
        return state.actions[ref]
    matches = _by_name(state.actions.values(), lambda a: name_key(a.title), name_key(ref))
    if len(matches) > 1:
        matches = [a for a in matches if a.completed_at is None] or matches
    return _one(matches, "action", ref)


def find_feedback_item(state: State, ref: str) -> FeedbackItem:
    """A point of feedback by id, or by what was said (or a part of it) when that names exactly
    one."""
    if ref in state.feedback_items:
        return state.feedback_items[ref]
    matches = _by_name(state.feedback_items.values(), lambda f: name_key(f.summary), name_key(ref))
    return _one(matches, "feedback item", ref)


def _tables(state: State) -> dict[RecordKind, dict[str, object]]:
    return {
        RecordKind.ORGANIZATION: dict(state.organizations),
        RecordKind.PERSON: dict(state.people),
        RecordKind.APPLICATION: dict(state.applications),
        RecordKind.INTERVIEW: dict(state.interviews),
        RecordKind.RESEARCH_NOTE: dict(state.research),
        RecordKind.THANK_YOU: dict(state.thank_yous),
        RecordKind.FEEDBACK_REQUEST: dict(state.feedback_requests),
        RecordKind.FEEDBACK_ITEM: dict(state.feedback_items),
        RecordKind.ACTION: dict(state.actions),
        RecordKind.TOUCHPOINT: dict(state.touchpoints),
    }


def find_record(state: State, ref: str) -> tuple[RecordKind, str]:
    """Any record by its id (as ``afterview list`` shows it), or an action by its title.

    :raises NotFoundError: no record has that id, or several kinds of record do.
    """
    kinds = [kind for kind, table in _tables(state).items() if ref in table]
    if len(kinds) == 1:
        return kinds[0], ref
    if kinds:
        raise NotFoundError(f"{len(kinds)} kinds of record have the id {ref!r}")
    try:
        return RecordKind.ACTION, find_action(state, ref).id
    except NotFoundError:
        raise NotFoundError(
            f"no record has the id {ref!r}; 'afterview list' shows every record with its id"
        ) from None
