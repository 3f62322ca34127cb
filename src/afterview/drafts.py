"""Drafts the job seeker can adapt: a request for a feedback call, a call script, a thank-you.

Every draft is built from the workspace state (names, organization, role) and reads well when
any of those is missing. The texts ask for a *conversation*, never for reasons, and never
mention another candidate; ``tests/test_drafts.py`` runs :func:`afterview.linter.lint` over
every variant.
"""

from __future__ import annotations

from datetime import datetime

from afterview.errors import NotFoundError
from afterview.fold import State
from afterview.model import DecisionKind, Interview, InterviewStatus, Person, Role

__all__ = ["call_script", "feedback_call_request", "interview_to_thank", "thank_you_note"]


def _person(state: State, person_id: str) -> Person:
    try:
        return state.people[person_id]
    except KeyError:
        raise NotFoundError(f"no person with id {person_id!r}") from None


def _application_parts(state: State, application_id: str) -> tuple[str, str | None]:
    """The role title (or a neutral phrase) and the organization name, if known."""
    application = state.applications.get(application_id)
    if application is None:
        raise NotFoundError(f"no application with id {application_id!r}")
    organization = state.organizations.get(application.organization_id)
    role = application.role_title.strip() or "open"
    return role, None if organization is None else organization.name


def _name(person: Person) -> str | None:
    name = person.name.strip()
    return name if name and not person.forgotten else None


def _greeting(person: Person) -> str:
    name = _name(person)
    return f"Dear {name}," if name else "Hello,"


def _at(organization: str | None) -> str:
    return f" at {organization}" if organization else ""


def _day(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B}"


def _position_stopped(state: State, application_id: str) -> DecisionKind | None:
    decision = state.decisions.get(application_id)
    if decision is not None and decision.kind.about_the_position:
        return decision.kind
    return None


def feedback_call_request(state: State, application_id: str, person_id: str) -> str:
    """A short message asking ``person_id`` for a 10–15 minute call about how to improve.

    When the position was put on hold or eliminated, the message instead says the job seeker is
    still interested and asks to be considered when it reopens.

    :raises NotFoundError: the application or the person is unknown.
    """
    role, organization = _application_parts(state, application_id)
    person = _person(state, person_id)
    stopped = _position_stopped(state, application_id)
    if stopped is not None:
        news = "has been put on hold" if stopped is DecisionKind.ON_HOLD else "will not go ahead"
        body = (
            f"Thank you again for meeting me about the {role} role{_at(organization)}. "
            f"I understand the position {news}, and I appreciate being told.\n\n"
            "I enjoyed our conversation and I am still very interested in joining your team. "
            "If the position opens again, or a similar one comes up, I would be grateful to "
            "be considered. I would also be glad to have a short call whenever it suits you, "
            "to stay in touch."
        )
    else:
        # Only a rejection is an outcome to thank them for; before any decision there is none.
        decision = state.decisions.get(application_id)
        outcome = (
            ", and for letting me know the outcome"
            if decision is not None and decision.kind is DecisionKind.REJECTED
            else ""
        )
        body = (
            f"Thank you again for taking the time to meet me about the {role} "
            f"role{_at(organization)}{outcome}.\n\n"
            "I am keen to keep getting better, and your view would help me more than anything "
            "else. Would you have 10 to 15 minutes for a short phone or video call in the "
            "coming days? I would simply like to hear what I could do better next time.\n\n"
            "I know how busy you are, so I will keep it brief and fit around your diary."
        )
    return f"{_greeting(person)}\n\n{body}\n\nWith thanks and best wishes,\n"


_QUESTIONS = (
    "If a similar position opens, would you consider me for it?",
    "Are there other roles in your organization that might suit me better?",
    "May I stay in touch with you from time to time?",
)


def call_script(state: State, application_id: str, person_id: str) -> str:
    """Talking points for the feedback call, with the three questions to ask after praise.

    :raises NotFoundError: the application or the person is unknown.
    """
    role, organization = _application_parts(state, application_id)
    person = _person(state, person_id)
    name = _name(person) or "them"
    stopped = _position_stopped(state, application_id) is not None
    lines = [
        f"Feedback call: {role} role{_at(organization)}",
        "",
        "1. Thank them",
        f"   - Thank {name} for making the time, and for the interview itself.",
    ]
    if stopped:
        lines += [
            "2. Say you are still interested",
            "   - Tell them you enjoyed meeting the team and would like to be considered "
            "when the position reopens.",
            "   - Ask if there is anything you could strengthen in the meantime.",
        ]
    else:
        lines += [
            "2. Ask how you can improve",
            '   - "Looking back at my interview, what is one thing I could do better?"',
            '   - "Is there a skill or experience you would have liked to see more of?"',
        ]
    lines += [
        "3. Listen",
        "   - Let them finish. Take notes; do not argue or explain yourself.",
        "   - Keep to your own interview: anyone else in the running is not part of this call. "
        "Thank them for each point, even one you see differently.",
        "4. Sort each point as you note it",
        "   - Behaviour: something you can do differently at your next interview.",
        "   - Skill: something to learn, with a plan and a date.",
        "5. If the feedback is positive, ask the three questions",
        *(f"   - {q}" for q in _QUESTIONS),
        "6. Close",
        "   - Thank them again and tell them one thing you will act on.",
        "   - Ask how they would prefer to hear from you.",
    ]
    return "\n".join(lines) + "\n"


def _interview(state: State, interview_id: str) -> Interview:
    try:
        return state.interviews[interview_id]
    except KeyError:
        raise NotFoundError(f"no interview with id {interview_id!r}") from None


def _met(interview: Interview, person_id: str) -> bool:
    return interview.status is InterviewStatus.HELD and person_id in interview.everyone


def interview_to_thank(state: State, application_id: str, person_id: str) -> str:
    """The latest held interview of an application at which ``person_id`` was met.

    :raises NotFoundError: the application or the person is unknown, or no held interview of
        the application has the person among those met.
    """
    _application_parts(state, application_id)
    _person(state, person_id)
    met = [i for i in state.interviews_of(application_id) if _met(i, person_id)]
    if not met:
        raise NotFoundError(
            f"no held interview of application {application_id!r} where person "
            f"{person_id!r} was met; record the interview as held, with everyone you met"
        )
    # The most recent meeting is the one a note thanks them for; reversed so a tie goes to
    # the interview recorded last.
    return max(reversed(met), key=lambda i: i.scheduled_for).id


def thank_you_note(state: State, interview_id: str, person_id: str) -> str:
    """A thank-you note for someone met at an interview, worded for their part in the day.

    :raises NotFoundError: the interview or the person is unknown, the interview has not been
        held, or the person was not met at it: a note thanks someone for a meeting that
        happened.
    """
    interview = _interview(state, interview_id)
    person = _person(state, person_id)
    if interview.status is not InterviewStatus.HELD:
        raise NotFoundError(
            f"interview {interview_id!r} has not been held ({interview.status}); a thank-you "
            "note follows an interview you attended"
        )
    if not _met(interview, person_id):
        raise NotFoundError(
            f"person {person_id!r} was not met at interview {interview_id!r}; record them "
            "as met first"
        )
    role, organization = _application_parts(state, interview.application_id)
    day = _day(interview.scheduled_for)
    if person.role in (Role.RECEPTIONIST, Role.ASSISTANT):
        body = (
            f"Thank you for the warm welcome when I came in on {day}. You put me at ease "
            "before the interview, and your kindness made the day a better one. I was glad to "
            "meet you."
        )
    elif person.role.interviews or person_id in interview.interviewers:
        body = (
            f"Thank you for meeting me on {day} to talk about the {role} role. I enjoyed our "
            "conversation and learning how the team works, and it made me all the keener to "
            f"join {organization or 'you'}. I look forward to hearing from you."
        )
    else:
        body = (
            f"Thank you for your help around my interview on {day} for the {role} role. "
            "Everything ran smoothly, and I appreciated your time and care."
        )
    return f"{_greeting(person)}\n\n{body}\n\nWith thanks,\n"
