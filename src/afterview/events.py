"""Every change to a workspace is an event: one frozen class per fact, appended to a log.

An event's type tag is its class name; ``schema_version`` says which shape of that event a stored
record has (older shapes are upgraded on read by :mod:`afterview.serialization`). Each event
carries ``at``: when the fact happened in the job seeker's world, timezone-aware.

Every date lies between :data:`~afterview.model.EARLIEST` and :data:`~afterview.model.LATEST`
and every duration within :data:`~afterview.model.MAX_DAYS`, and names and titles are text with
something in it: an event that breaks these is a :class:`~afterview.errors.DataError` when it
is built, whichever way it comes in (the library, the command line, an import, a plugin).

Events only say what happened. Whether an event fits the workspace is decided by
:mod:`afterview.fold`; what to do next is decided by :mod:`afterview.playbook`.
"""

from __future__ import annotations

import typing
from datetime import datetime
from typing import Any, ClassVar

import attrs

from afterview.model import (
    ActionKind,
    Answer,
    Channel,
    ContactPoint,
    DecisionKind,
    FeedbackCategory,
    FollowUpQuestion,
    InterviewFormat,
    RecordKind,
    ResearchSubject,
    Role,
    Sentiment,
    ThankYouMedium,
    days,
    fields_repr,
    in_range,
    name_text,
    person_name,
    role_title_text,
)

__all__ = [
    "EVENT_TYPES",
    "ActionCompleted",
    "ActionPlanned",
    "ApplicationSubmitted",
    "BaseEvent",
    "BusinessCardCollected",
    "ContactAdded",
    "ContactCorrected",
    "ContactDetailsAdded",
    "ContactForgotten",
    "DateCorrected",
    "DecisionReceived",
    "Event",
    "FeedbackCallHeld",
    "FeedbackCallScheduled",
    "FeedbackRecorded",
    "FeedbackRequestDeclined",
    "FeedbackRequestSent",
    "FeedbackRequestUnanswered",
    "FeedbackRequested",
    "FollowUpAnswered",
    "InterviewCancelled",
    "InterviewHeld",
    "InterviewLinked",
    "InterviewRescheduled",
    "InterviewScheduled",
    "OrganizationAdded",
    "OrganizationCorrected",
    "PeopleMet",
    "PostingClosed",
    "PostingSeen",
    "ProfileSet",
    "RecordRemoved",
    "ResearchNoted",
    "StayInTouchAgreed",
    "StayInTouchEnded",
    "ThankYouDelivered",
    "ThankYouSent",
    "TouchpointLogged",
]


def _revision(_instance: Any, attribute: Any, value: Any) -> None:
    from afterview.errors import DataError

    if value is not None and value < 0:
        raise DataError(
            f"{attribute.name} must be zero or more, got {value}", path=f"$.{attribute.name}"
        )


@attrs.frozen(kw_only=True, repr=False)
class BaseEvent:
    """Fields and class attributes every event has."""

    #: Bumped when the stored shape of the event changes; see ``serialization.UPGRADES``.
    schema_version: ClassVar[int] = 1
    at: datetime = attrs.field(validator=in_range)

    @property
    def type(self) -> str:
        return type(self).__name__

    def __repr__(self) -> str:
        # One repr for every event (36 classes) instead of one that attrs compiles for each.
        return fields_repr(self)


# --- organizations and people ---------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class OrganizationAdded(BaseEvent):
    organization_id: str
    name: str = attrs.field(validator=name_text)
    board_url: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class ContactAdded(BaseEvent):
    """A person the job seeker deals with: interviewer, HR, receptionist…"""

    person_id: str
    role: Role
    organization_id: str | None = None
    #: Empty for a person recorded without a name, and once they are forgotten.
    name: str = attrs.field(default="", repr=False, validator=person_name)
    title: str | None = attrs.field(default=None, repr=False, validator=name_text)
    notes: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True, repr=False)
class BusinessCardCollected(BaseEvent):
    """A card handed over at an interview: its lines usually reach the person directly."""

    person_id: str
    points: tuple[ContactPoint, ...] = attrs.field(repr=False)
    interview_id: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class ContactDetailsAdded(BaseEvent):
    """Contact details from any other source (an email signature, an ATS, typed in by hand)."""

    person_id: str
    points: tuple[ContactPoint, ...] = attrs.field(repr=False)


@attrs.frozen(kw_only=True, repr=False)
class ContactForgotten(BaseEvent):
    """The person's personal data is removed from the workspace and from the stored log."""

    person_id: str


@attrs.frozen(kw_only=True, repr=False)
class OrganizationCorrected(BaseEvent):
    """An organization's name or job board set right. ``None`` keeps what was recorded; an
    empty ``board_url`` says it has no board to watch."""

    organization_id: str
    name: str | None = attrs.field(default=None, validator=name_text)
    board_url: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class ContactCorrected(BaseEvent):
    """What was recorded about a person set right: each field given replaces the recorded one,
    ``None`` keeps it. ``points`` replaces all their contact details."""

    person_id: str
    name: str | None = attrs.field(default=None, repr=False, validator=name_text)
    role: Role | None = None
    organization_id: str | None = None
    title: str | None = attrs.field(default=None, repr=False, validator=name_text)
    notes: str | None = attrs.field(default=None, repr=False)
    points: tuple[ContactPoint, ...] | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True, repr=False)
class DateCorrected(BaseEvent):
    """A mistyped date set right: ``moment`` replaces the record's date (an application's
    submission, an interview's time, a decision's, a note's writing, an action's due date…).
    ``at`` is when the correction was made."""

    kind: RecordKind
    #: The record's id; for a decision, its application's.
    record_id: str
    moment: datetime = attrs.field(validator=in_range)


@attrs.frozen(kw_only=True, repr=False)
class RecordRemoved(BaseEvent):
    """A record entered by mistake is taken out of the workspace. Only a record nothing else
    refers to can go; the log keeps both facts, so an export still tells the whole story."""

    kind: RecordKind
    #: The record's id; for a decision, its application's.
    record_id: str


# --- applications and interviews --------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class ApplicationSubmitted(BaseEvent):
    application_id: str
    organization_id: str
    role_title: str = attrs.field(validator=role_title_text)
    external_ref: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class InterviewScheduled(BaseEvent):
    interview_id: str
    application_id: str
    scheduled_for: datetime = attrs.field(validator=in_range)
    format: InterviewFormat = InterviewFormat.ON_SITE
    interviewers: tuple[str, ...] = ()
    external_ref: str | None = None
    #: The revision of the outside record the interview came from (an invitation's ``SEQUENCE``),
    #: so that an older copy arriving late can be told apart from an update.
    revision: int | None = attrs.field(default=None, validator=_revision)


@attrs.frozen(kw_only=True, repr=False)
class InterviewRescheduled(BaseEvent):
    interview_id: str
    scheduled_for: datetime = attrs.field(validator=in_range)
    #: As on :class:`InterviewScheduled`; ``None`` keeps the revision already recorded.
    revision: int | None = attrs.field(default=None, validator=_revision)


@attrs.frozen(kw_only=True, repr=False)
class InterviewLinked(BaseEvent):
    """An interview entered by hand is the one an outside record describes (a calendar
    invitation for the same application at the same time): it takes the record's id, so later
    updates of the record reach it, and the people the record names join its interviewers."""

    interview_id: str
    external_ref: str
    revision: int | None = attrs.field(default=None, validator=_revision)
    interviewers: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class InterviewCancelled(BaseEvent):
    interview_id: str


@attrs.frozen(kw_only=True, repr=False)
class InterviewHeld(BaseEvent):
    """The interview took place; ``people_met`` adds everyone else seen that day.

    ``nobody_else`` says the list is complete: nobody beyond the interviewers and
    ``people_met`` was met (schema version 2 added it; a version 1 record reads as false).
    """

    schema_version: ClassVar[int] = 2
    interview_id: str
    people_met: tuple[str, ...] = ()
    nobody_else: bool = False


@attrs.frozen(kw_only=True, repr=False)
class PeopleMet(BaseEvent):
    """People met at an interview that were not recorded when it was held.

    ``nobody_else`` says that, with these (possibly none), everyone met is now recorded
    (schema version 2 added it; a version 1 record reads as false).
    """

    schema_version: ClassVar[int] = 2
    interview_id: str
    person_ids: tuple[str, ...]
    nobody_else: bool = False


@attrs.frozen(kw_only=True, repr=False)
class ResearchNoted(BaseEvent):
    note_id: str
    application_id: str
    subject: ResearchSubject
    person_id: str | None = None
    summary: str = attrs.field(default="", repr=False)


# --- thank-you notes --------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class ThankYouSent(BaseEvent):
    """A thank-you note written (``at``) and, when known, delivered.

    Schema version 2 replaced v1's ``sent_at`` and ``handwritten`` flag with ``at`` and
    ``medium``.
    """

    schema_version: ClassVar[int] = 2
    note_id: str
    interview_id: str
    person_id: str
    medium: ThankYouMedium
    delivered_at: datetime | None = attrs.field(default=None, validator=in_range)


@attrs.frozen(kw_only=True, repr=False)
class ThankYouDelivered(BaseEvent):
    note_id: str


# --- decisions and feedback -------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class DecisionReceived(BaseEvent):
    application_id: str
    kind: DecisionKind
    person_id: str | None = None
    reason: str | None = None
    external_ref: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class FeedbackRequested(BaseEvent):
    """A request for a feedback conversation, sent (or only drafted, when ``sent`` is false)."""

    request_id: str
    application_id: str
    person_id: str
    channel: Channel
    message: str | None = attrs.field(default=None, repr=False)
    sent: bool = True


@attrs.frozen(kw_only=True, repr=False)
class FeedbackRequestSent(BaseEvent):
    request_id: str


@attrs.frozen(kw_only=True, repr=False)
class FeedbackCallScheduled(BaseEvent):
    request_id: str
    scheduled_for: datetime = attrs.field(validator=in_range)


@attrs.frozen(kw_only=True, repr=False)
class FeedbackCallHeld(BaseEvent):
    request_id: str


@attrs.frozen(kw_only=True, repr=False)
class FeedbackRequestDeclined(BaseEvent):
    request_id: str


@attrs.frozen(kw_only=True, repr=False)
class FeedbackRequestUnanswered(BaseEvent):
    request_id: str


@attrs.frozen(kw_only=True, repr=False)
class FeedbackRecorded(BaseEvent):
    item_id: str
    application_id: str
    sentiment: Sentiment
    category: FeedbackCategory
    request_id: str | None = None
    person_id: str | None = None
    summary: str = attrs.field(default="", repr=False)
    themes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class FollowUpAnswered(BaseEvent):
    application_id: str
    person_id: str
    question: FollowUpQuestion
    answer: Answer
    note: str | None = attrs.field(default=None, repr=False)


# --- actions and the relationship -------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class ActionPlanned(BaseEvent):
    action_id: str
    kind: ActionKind
    title: str = attrs.field(validator=name_text)
    due: datetime = attrs.field(validator=in_range)
    feedback_item_id: str | None = None
    application_id: str | None = None
    person_id: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class ActionCompleted(BaseEvent):
    action_id: str


@attrs.frozen(kw_only=True, repr=False)
class StayInTouchAgreed(BaseEvent):
    person_id: str
    cadence_days: int = attrs.field(validator=days)


@attrs.frozen(kw_only=True, repr=False)
class StayInTouchEnded(BaseEvent):
    person_id: str


@attrs.frozen(kw_only=True, repr=False)
class TouchpointLogged(BaseEvent):
    touchpoint_id: str
    person_id: str
    channel: Channel
    about_posting: bool = False
    note: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True, repr=False)
class PostingSeen(BaseEvent):
    """A new opening on a watched organization's job board."""

    posting_id: str
    organization_id: str
    title: str = attrs.field(validator=name_text)
    url: str | None = None
    location: str | None = None
    department: str | None = None
    external_ref: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class PostingClosed(BaseEvent):
    posting_id: str


# --- the workspace's own settings -------------------------------------------------------------


def _profile_settings(instance: Any, attribute: Any, value: Any) -> None:
    from afterview.errors import DataError, SettingsError
    from afterview.settings import Settings

    try:
        Settings().overridden(instance.timezone, instance.thresholds)
    except SettingsError as exc:
        raise DataError(str(exc), path=f"$.{attribute.name}") from None


def _notifier_urls(_instance: Any, attribute: Any, value: Any) -> None:
    from afterview.errors import DataError

    for index, url in enumerate(value):
        scheme, colon, _ = url.partition(":")
        if not (scheme and colon) or any(c.isspace() for c in url):
            # The URL itself is not quoted: it may hold a secret.
            raise DataError("not a notifier URL (scheme:…)", path=f"$.{attribute.name}[{index}]")


@attrs.frozen(kw_only=True, repr=False)
class ProfileSet(BaseEvent):
    """The workspace's own settings, replacing the ones set before (see
    :class:`afterview.model.Profile`): what is left out falls back to the settings file."""

    timezone: str | None = None
    notify: tuple[str, ...] = attrs.field(default=(), repr=False, validator=_notifier_urls)
    thresholds: tuple[tuple[str, int], ...] = attrs.field(default=(), validator=_profile_settings)


Event = (
    OrganizationAdded
    | ContactAdded
    | BusinessCardCollected
    | ContactDetailsAdded
    | ContactForgotten
    | ApplicationSubmitted
    | InterviewScheduled
    | InterviewRescheduled
    | InterviewLinked
    | InterviewCancelled
    | InterviewHeld
    | PeopleMet
    | ResearchNoted
    | ThankYouSent
    | ThankYouDelivered
    | DecisionReceived
    | FeedbackRequested
    | FeedbackRequestSent
    | FeedbackCallScheduled
    | FeedbackCallHeld
    | FeedbackRequestDeclined
    | FeedbackRequestUnanswered
    | FeedbackRecorded
    | FollowUpAnswered
    | ActionPlanned
    | ActionCompleted
    | StayInTouchAgreed
    | StayInTouchEnded
    | TouchpointLogged
    | PostingSeen
    | PostingClosed
    | OrganizationCorrected
    | ContactCorrected
    | DateCorrected
    | RecordRemoved
    | ProfileSet
)

#: Every event class by its type tag.
EVENT_TYPES: dict[str, type[Event]] = {cls.__name__: cls for cls in typing.get_args(Event)}
