"""Plain words for what the job seeker reads: possessives, and what each recorded fact means.

Advice, drafts and the command line speak to a person, not to a programmer: they say "a
thank-you note sent", never the event's type tag, and "Acme Analytics' openings", never
"Acme Analytics's".
"""

from __future__ import annotations

from typing import Final

__all__ = ["EVENT_WORDS", "event_words", "possessive"]


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
}


def event_words(type_tag: str) -> str:
    """What an event type means in plain words; a tag we do not know (a plugin's) as it is."""
    return EVENT_WORDS.get(type_tag, type_tag)
