"""Plain words for what the job seeker reads: possessives, and what each recorded fact means.

Advice, drafts and the command line speak to a person, not to a programmer: they say "a
thank-you note sent", never the event's type tag, and "Acme Analytics' openings", never
"Acme Analytics's".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = [
    "EVENT_COMMANDS",
    "EVENT_WORDS",
    "event_command",
    "event_words",
    "name_records",
    "possessive",
]


def possessive(name: str) -> str:
    """The possessive of a name: ``Globex's``, but ``Acme Analytics'`` for a name ending in s."""
    name = name.rstrip()
    return f"{name}'" if name[-1:] in ("s", "S") else f"{name}'s"


#: What each kind of recorded fact is, in the words the job seeker would use.
EVENT_WORDS: Final[dict[str, str]] = {
    "OrganizationAdded": "an organization added",
    "ContactAdded": "a contact added",
    "BusinessCardCollected": "a business card collected",
    "ContactDetailsAdded": "contact details added",
    "ContactForgotten": "a contact forgotten",
    "ApplicationSubmitted": "an application submitted",
    "InterviewScheduled": "an interview booked",
    "InterviewRescheduled": "an interview moved",
    "InterviewLinked": "an interview matched to its invitation",
    "InterviewCancelled": "an interview cancelled",
    "InterviewHeld": "an interview held",
    "PeopleMet": "people met at an interview",
    "ResearchNoted": "a research note",
    "ThankYouSent": "a thank-you note sent",
    "ThankYouDelivered": "a thank-you note delivered",
    "DecisionReceived": "a decision received",
    "FeedbackRequested": "a feedback request made",
    "FeedbackRequestSent": "a drafted feedback request sent",
    "FeedbackCallScheduled": "a feedback call booked",
    "FeedbackCallHeld": "a feedback call held",
    "FeedbackRequestDeclined": "a feedback request declined",
    "FeedbackRequestUnanswered": "a feedback request left unanswered",
    "FeedbackRecorded": "feedback written down",
    "FollowUpAnswered": "an answer to a follow-up question",
    "ActionPlanned": "an action planned",
    "ActionCompleted": "an action done",
    "StayInTouchAgreed": "a stay-in-touch rhythm agreed",
    "StayInTouchEnded": "a stay-in-touch plan ended",
    "TouchpointLogged": "a touchpoint with a contact",
    "PostingSeen": "a new opening seen",
    "PostingClosed": "an opening closed",
    "OrganizationCorrected": "an organization corrected",
    "ContactCorrected": "a contact corrected",
    "DateCorrected": "a date corrected",
    "RecordRemoved": "a mistaken record removed",
    "ProfileSet": "the workspace's own settings set",
}


def event_words(type_tag: str) -> str:
    """What an event type means in plain words; a tag we do not know (a plugin's) as it is."""
    return EVENT_WORDS.get(type_tag, type_tag)


#: The command that records each kind of fact: what to run to resolve advice that waits for it.
EVENT_COMMANDS: Final[dict[str, str]] = {
    "OrganizationAdded": "afterview org add NAME",
    "ContactAdded": "afterview person add NAME",
    "BusinessCardCollected": "afterview person card PERSON",
    "ContactDetailsAdded": "afterview person card PERSON",
    "ContactForgotten": "afterview forget PERSON",
    "ApplicationSubmitted": "afterview apply ORGANIZATION ROLE",
    "InterviewScheduled": "afterview interview schedule APPLICATION WHEN",
    "InterviewRescheduled": "afterview interview reschedule REF WHEN",
    "InterviewCancelled": "afterview interview cancel REF",
    "InterviewHeld": "afterview interview held REF",
    "PeopleMet": "afterview interview met REF PERSON",
    "ResearchNoted": "afterview research APPLICATION SUBJECT",
    "ThankYouSent": "afterview thank REF PERSON",
    "ThankYouDelivered": "afterview thank REF PERSON --mark-delivered",
    "DecisionReceived": "afterview decision APPLICATION KIND",
    "FeedbackRequested": "afterview feedback request APPLICATION PERSON",
    "FeedbackRequestSent": "afterview feedback sent REF",
    "FeedbackCallScheduled": "afterview feedback scheduled REF WHEN",
    "FeedbackCallHeld": "afterview feedback held REF",
    "FeedbackRequestDeclined": "afterview feedback declined REF",
    "FeedbackRequestUnanswered": "afterview feedback no-response REF",
    "FeedbackRecorded": "afterview feedback add APPLICATION SENTIMENT CATEGORY SUMMARY",
    "FollowUpAnswered": "afterview follow-up APPLICATION PERSON QUESTION ANSWER",
    "ActionPlanned": "afterview action add KIND TITLE",
    "ActionCompleted": "afterview action done ACTION",
    "StayInTouchAgreed": "afterview stay-in-touch PERSON --every DAYS",
    "StayInTouchEnded": "afterview stay-in-touch PERSON --end",
    "TouchpointLogged": "afterview touch PERSON",
    "PostingSeen": "afterview watch",
    "PostingClosed": "afterview watch",
    "ProfileSet": "afterview profile set",
}


def event_command(type_tag: str) -> str | None:
    """The command that records an event of this type; None for one only a plugin records."""
    return EVENT_COMMANDS.get(type_tag)


#: An id as afterview makes them, quoted in a message (``'per_3f9c2a7b1d0e'``), with the kind
#: of record a message puts before it, which the record's own words replace.
_QUOTED_ID = re.compile(
    r"(?:\b(?:person|organization|application|interview|feedback request|feedback item|action"
    r"|thank-you note|posting|touchpoint|research note) )?'([a-z]{3}_[0-9A-Za-z_-]+)'"
)


def name_records(text: str, names: Callable[[str], str | None]) -> str:
    """``text`` with each quoted id (and the kind before it) replaced by what ``names`` calls
    it: "person 'per_…'" becomes "Dana Reyes"; an id it does not know stays as it is."""

    def named(match: re.Match[str]) -> str:
        name = names(match.group(1))
        return match.group(0) if name is None else name

    return _QUOTED_ID.sub(named, text)
