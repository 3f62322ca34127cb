"""The entities and value objects of a job search: who, where, what happened, what comes next.

Every class is a frozen attrs class; a change is a new value (``attrs.evolve``). Fields that hold
a third party's personal data (names, phone numbers, email and postal addresses, free notes) are
left out of ``repr`` so that they never reach a log or a traceback by accident.

The model knows nothing of JSON: serialization lives in :mod:`afterview.serialization`.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any, Final

import attrs

from afterview.errors import DataError

__all__ = [
    "EARLIEST",
    "LATEST",
    "MAX_DAYS",
    "ActionItem",
    "ActionKind",
    "Answer",
    "Application",
    "Channel",
    "ContactPoint",
    "ContactPointKind",
    "Decision",
    "DecisionKind",
    "DetailSource",
    "FeedbackCategory",
    "FeedbackItem",
    "FeedbackRequest",
    "FeedbackRequestStatus",
    "FollowUpAnswer",
    "FollowUpQuestion",
    "Interview",
    "InterviewFormat",
    "InterviewStatus",
    "Organization",
    "Person",
    "Posting",
    "Profile",
    "RecordKind",
    "ResearchNote",
    "ResearchSubject",
    "Role",
    "Sentiment",
    "StayInTouchPlan",
    "ThankYouMedium",
    "ThankYouNote",
    "Touchpoint",
    "aware",
    "check_moment",
    "days",
    "in_range",
    "name_text",
    "person_name",
]


def aware(_instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: refuse naive datetimes, which cannot be compared or stored safely, and
    anything else that is not a datetime (a date-time *string* included)."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise DataError(
                f"{attribute.name} must be timezone-aware (got a naive datetime "
                f"{value.isoformat()}); add a UTC offset, e.g. 2026-05-04T09:30:00+02:00",
                path=f"$.{attribute.name}",
            )
    elif value is not None:
        raise DataError(
            f"{attribute.name} must be a timezone-aware datetime, not {type(value).__name__}",
            path=f"$.{attribute.name}",
        )


#: The moments afterview accepts, in UTC: from the start of 1970 up to (not including) 2200.
#: Wide enough for any job search, its history and its plans, and narrow enough that every
#: date plus any accepted duration (:data:`MAX_DAYS`) stays a date Python can represent, so
#: that no rule can overflow on what was stored.
EARLIEST: Final = datetime(1970, 1, 1, tzinfo=UTC)
LATEST: Final = datetime(2200, 1, 1, tzinfo=UTC)
#: The longest duration accepted, in days (five years): a stay-in-touch cadence, a threshold.
MAX_DAYS: Final = 1826


def check_moment(value: datetime, field: str) -> datetime:
    """``value`` when it is aware and between :data:`EARLIEST` and :data:`LATEST`.

    :raises DataError: naive, or outside the range, with the path ``$.<field>``.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise DataError(
            f"{field} must be timezone-aware (got a naive datetime {value.isoformat()}); add a "
            "UTC offset, e.g. 2026-05-04T09:30:00+02:00",
            path=f"$.{field}",
        )
    # Compared, never converted: astimezone() itself overflows at year 1 and 9999.
    if not EARLIEST <= value < LATEST:
        raise DataError(
            f"{field} {value.isoformat()} is out of range: afterview accepts dates from "
            f"{EARLIEST.year} to {LATEST.year - 1}",
            path=f"$.{field}",
        )
    return value


def in_range(_instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: :func:`aware`, and within :data:`EARLIEST` .. :data:`LATEST`."""
    aware(_instance, attribute, value)
    if value is not None:
        check_moment(value, attribute.name)


def _is_text(value: str) -> bool:
    """Whether ``value`` is Unicode text a store can encode: no lone surrogate (which is what a
    non-UTF-8 byte on the command line turns into)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def name_text(_instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator for a name or title: text with something in it (``None`` is allowed
    where the field is optional). Control characters are kept; faces escape them on output."""
    if value is None:
        return
    if not isinstance(value, str):
        raise DataError(
            f"{attribute.name} must be text, not {type(value).__name__}", path=f"$.{attribute.name}"
        )
    if not value.strip():
        raise DataError(
            f"{attribute.name} must not be empty or only whitespace", path=f"$.{attribute.name}"
        )
    if not _is_text(value):
        raise DataError(
            f"{attribute.name} is not valid Unicode text (it holds a lone surrogate, such as an "
            "undecodable byte)",
            path=f"$.{attribute.name}",
        )


def role_title_text(_instance: Any, attribute: Any, value: Any) -> None:
    """An application's role title: as :func:`name_text`, except that the empty title of a role
    an ATS did not name (a sourced candidate, a confidential posting) is allowed. What a person
    types is checked by :meth:`afterview.Workspace.submit_application`, which wants a title."""
    if value != "":
        name_text(_instance, attribute, value)


def person_name(_instance: Any, attribute: Any, value: Any) -> None:
    """A person's name: as :func:`name_text`, except that the empty name of a person recorded
    without one (or forgotten) is allowed."""
    if value != "":
        name_text(_instance, attribute, value)


def days(_instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator for a duration in whole days: from 1 to :data:`MAX_DAYS`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise DataError(
            f"{attribute.name} must be a whole number of days, not {type(value).__name__}",
            path=f"$.{attribute.name}",
        )
    if not 1 <= value <= MAX_DAYS:
        raise DataError(
            f"{attribute.name} must be a positive number of days, at most {MAX_DAYS} (five years), "
            f"got {value}",
            path=f"$.{attribute.name}",
        )


def _non_empty(_instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, str) and not value.strip():
        raise DataError(f"{attribute.name} must not be empty", path=f"$.{attribute.name}")


# --- enumerations ---------------------------------------------------------------------------


class Role(enum.StrEnum):
    """What a person is to the job seeker's application."""

    INTERVIEWER = "interviewer"
    HIRING_MANAGER = "hiring_manager"
    HR = "hr"
    RECRUITER = "recruiter"
    RECEPTIONIST = "receptionist"
    ASSISTANT = "assistant"
    OTHER = "other"

    @property
    def interviews(self) -> bool:
        """Whether people in this role judge the candidate and can explain a decision."""
        return self in (Role.INTERVIEWER, Role.HIRING_MANAGER)

    @property
    def gatekeeper(self) -> bool:
        """Whether this role sits between the candidate and the people who decided."""
        return self in (Role.HR, Role.RECRUITER, Role.RECEPTIONIST, Role.ASSISTANT)


class ContactPointKind(enum.StrEnum):
    WORK_PHONE = "work_phone"
    CELL_PHONE = "cell_phone"
    EMAIL = "email"
    MAILING_ADDRESS = "mailing_address"

    @property
    def voice(self) -> bool:
        return self in (ContactPointKind.WORK_PHONE, ContactPointKind.CELL_PHONE)


class DetailSource(enum.StrEnum):
    """Where a contact detail came from."""

    BUSINESS_CARD = "business_card"
    EMAIL_SIGNATURE = "email_signature"
    ATS = "ats"
    MANUAL = "manual"


class ResearchSubject(enum.StrEnum):
    """The three things to research before an interview."""

    INTERVIEWER = "interviewer"
    ROLE = "role"
    ORGANIZATION = "organization"


class InterviewFormat(enum.StrEnum):
    ON_SITE = "on_site"
    VIDEO = "video"
    PHONE = "phone"


class InterviewStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class ThankYouMedium(enum.StrEnum):
    HANDWRITTEN = "handwritten"
    EMAIL = "email"
    MESSAGE = "message"
    OTHER = "other"

    @property
    def arrives_when_sent(self) -> bool:
        """Whether a note sent this way reaches the person the moment it is sent.

        An email or a message (LinkedIn, a chat) does; a handwritten card still has to be
        handed over or posted, and "other" is not known to have arrived until the job seeker
        says so.
        """
        return self in (ThankYouMedium.EMAIL, ThankYouMedium.MESSAGE)


class DecisionKind(enum.StrEnum):
    OFFER = "offer"
    REJECTED = "rejected"
    ON_HOLD = "on_hold"
    ELIMINATED = "eliminated"
    WITHDRAWN = "withdrawn"

    @property
    def final(self) -> bool:
        """A position on hold may still come back; every other decision ends the application."""
        return self is not DecisionKind.ON_HOLD

    @property
    def about_the_position(self) -> bool:
        """The position itself stopped, not the candidate: there is nothing to ask "why" about."""
        return self in (DecisionKind.ON_HOLD, DecisionKind.ELIMINATED)


class Channel(enum.StrEnum):
    """How a message or conversation travels."""

    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"
    EMAIL = "email"
    LETTER = "letter"
    MESSAGE = "message"

    @property
    def voice(self) -> bool:
        """Whether the other side hears the candidate's voice."""
        return self in (Channel.PHONE, Channel.VIDEO, Channel.IN_PERSON)


class FeedbackRequestStatus(enum.StrEnum):
    DRAFTED = "drafted"
    SENT = "sent"
    SCHEDULED = "scheduled"
    HELD = "held"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"

    @property
    def open(self) -> bool:
        return self in (
            FeedbackRequestStatus.DRAFTED,
            FeedbackRequestStatus.SENT,
            FeedbackRequestStatus.SCHEDULED,
        )


class Sentiment(enum.StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NEUTRAL = "neutral"


class FeedbackCategory(enum.StrEnum):
    BEHAVIOUR = "behaviour"
    SKILL = "skill"
    FIT = "fit"
    OTHER = "other"


class FollowUpQuestion(enum.StrEnum):
    """The three questions to ask after positive feedback."""

    SIMILAR_ROLE = "similar_role"
    OTHER_ROLES = "other_roles"
    STAY_IN_TOUCH = "stay_in_touch"


class Answer(enum.StrEnum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


class ActionKind(enum.StrEnum):
    BEHAVIOUR_CHANGE = "behaviour_change"
    SKILL_PLAN = "skill_plan"
    APPLY_OTHER_ROLE = "apply_other_role"
    WATCH_OPENINGS = "watch_openings"
    OTHER = "other"


class RecordKind(enum.StrEnum):
    """The kinds of record a correction or a removal names (a decision by its application)."""

    ORGANIZATION = "organization"
    PERSON = "person"
    APPLICATION = "application"
    INTERVIEW = "interview"
    RESEARCH_NOTE = "research_note"
    THANK_YOU = "thank_you"
    DECISION = "decision"
    FEEDBACK_REQUEST = "feedback_request"
    FEEDBACK_ITEM = "feedback_item"
    ACTION = "action"
    TOUCHPOINT = "touchpoint"


# --- value objects ------------------------------------------------------------------------------


def fields_repr(self: attrs.AttrsInstance) -> str:
    """The repr attrs writes (``Class(field=value, …)``, fields marked ``repr=False`` left
    out), written once: attrs compiles a ``__repr__`` for each class it builds, and every
    command that reads a workspace builds some fifty of them."""
    shown = ", ".join(
        f"{field.name}={getattr(self, field.name)!r}"
        for field in attrs.fields(type(self))
        if field.repr
    )
    return f"{type(self).__name__}({shown})"


@attrs.frozen(repr=False)
class ContactPoint:
    """One way to reach a person: a phone number, an email or a mailing address.

    ``direct`` marks a line that reaches the person themselves rather than a switchboard, HR or
    reception.
    """

    kind: ContactPointKind
    value: str = attrs.field(repr=False, validator=_non_empty)
    direct: bool = False
    source: DetailSource = DetailSource.MANUAL


# --- entities (the folded state) -------------------------------------------------------------


@attrs.frozen(repr=False)
class Organization:
    id: str
    name: str = attrs.field(validator=name_text)
    board_url: str | None = None


@attrs.frozen(repr=False)
class Person:
    id: str
    role: Role
    organization_id: str | None = None
    name: str = attrs.field(default="", repr=False, validator=person_name)
    title: str | None = attrs.field(default=None, repr=False, validator=name_text)
    notes: str | None = attrs.field(default=None, repr=False)
    contact_points: tuple[ContactPoint, ...] = attrs.field(default=(), repr=False)
    referral_source: bool = False
    forgotten: bool = False

    def has_direct_voice_line(self) -> bool:
        return any(p.direct and p.kind.voice for p in self.contact_points)

    def has_mailing_address(self) -> bool:
        return any(p.kind is ContactPointKind.MAILING_ADDRESS for p in self.contact_points)


@attrs.frozen(repr=False)
class Application:
    id: str
    organization_id: str
    role_title: str = attrs.field(validator=role_title_text)
    applied_at: datetime = attrs.field(validator=in_range)
    external_ref: str | None = None


@attrs.frozen(repr=False)
class Interview:
    id: str
    application_id: str
    scheduled_for: datetime = attrs.field(validator=in_range)
    format: InterviewFormat = InterviewFormat.ON_SITE
    interviewers: tuple[str, ...] = ()
    people_met: tuple[str, ...] = ()
    status: InterviewStatus = InterviewStatus.SCHEDULED
    held_at: datetime | None = attrs.field(default=None, validator=in_range)
    external_ref: str | None = None
    #: The revision of the outside record last applied (an invitation's ``SEQUENCE``), if any.
    revision: int | None = None
    #: When the current time was arranged: the interview was scheduled, or last rescheduled.
    booked_at: datetime | None = attrs.field(default=None, validator=in_range)
    #: The job seeker said nobody beyond those recorded was met (no receptionist, no assistant).
    nobody_else_met: bool = False

    @property
    def everyone(self) -> tuple[str, ...]:
        """Interviewers and everyone else met, each once, in the order recorded."""
        return tuple(dict.fromkeys(self.interviewers + self.people_met))


@attrs.frozen(repr=False)
class ResearchNote:
    id: str
    application_id: str
    subject: ResearchSubject
    at: datetime = attrs.field(validator=in_range)
    person_id: str | None = None
    summary: str = attrs.field(default="", repr=False)


@attrs.frozen(repr=False)
class ThankYouNote:
    id: str
    interview_id: str
    person_id: str
    medium: ThankYouMedium
    written_at: datetime = attrs.field(validator=in_range)
    delivered_at: datetime | None = attrs.field(default=None, validator=in_range)


@attrs.frozen(repr=False)
class Decision:
    application_id: str
    kind: DecisionKind
    at: datetime = attrs.field(validator=in_range)
    person_id: str | None = None
    reason: str | None = None
    external_ref: str | None = None


@attrs.frozen(repr=False)
class FeedbackRequest:
    id: str
    application_id: str
    person_id: str
    channel: Channel
    status: FeedbackRequestStatus
    at: datetime = attrs.field(validator=in_range)
    message: str | None = attrs.field(default=None, repr=False)
    scheduled_for: datetime | None = attrs.field(default=None, validator=in_range)
    updated_at: datetime | None = attrs.field(default=None, validator=in_range)


@attrs.frozen(repr=False)
class FeedbackItem:
    id: str
    application_id: str
    sentiment: Sentiment
    category: FeedbackCategory
    at: datetime = attrs.field(validator=in_range)
    request_id: str | None = None
    person_id: str | None = None
    summary: str = attrs.field(default="", repr=False)
    themes: tuple[str, ...] = ()


@attrs.frozen(repr=False)
class FollowUpAnswer:
    application_id: str
    person_id: str
    question: FollowUpQuestion
    answer: Answer
    at: datetime = attrs.field(validator=in_range)
    note: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(repr=False)
class ActionItem:
    id: str
    kind: ActionKind
    title: str = attrs.field(validator=name_text)
    due: datetime = attrs.field(validator=in_range)
    planned_at: datetime = attrs.field(validator=in_range)
    feedback_item_id: str | None = None
    application_id: str | None = None
    person_id: str | None = None
    completed_at: datetime | None = attrs.field(default=None, validator=in_range)


@attrs.frozen(repr=False)
class StayInTouchPlan:
    person_id: str
    cadence_days: int = attrs.field(validator=days)
    since: datetime = attrs.field(validator=in_range)
    ended_at: datetime | None = attrs.field(default=None, validator=in_range)


@attrs.frozen(repr=False)
class Touchpoint:
    id: str
    person_id: str
    channel: Channel
    at: datetime = attrs.field(validator=in_range)
    about_posting: bool = False
    note: str | None = attrs.field(default=None, repr=False)


@attrs.frozen(repr=False)
class Posting:
    """An opening seen on an organization's public job board."""

    id: str
    organization_id: str
    title: str = attrs.field(validator=name_text)
    first_seen: datetime = attrs.field(validator=in_range)
    url: str | None = None
    location: str | None = None
    department: str | None = None
    external_ref: str | None = None
    closed_at: datetime | None = attrs.field(default=None, validator=in_range)


@attrs.frozen(repr=False)
class Profile:
    """A workspace's own settings, over the settings file's: its job seeker's time zone
    (``None``: the file's), the notifier URLs their reminders go to (empty: the file's), and
    playbook thresholds by name (those not named: the file's)."""

    set_at: datetime = attrs.field(validator=in_range)
    timezone: str | None = None
    # A notifier URL may hold a secret (a token, a password): kept, never shown.
    notify: tuple[str, ...] = attrs.field(default=(), repr=False)
    thresholds: tuple[tuple[str, int], ...] = ()


for _entity in (
    ContactPoint,
    Organization,
    Person,
    Application,
    Interview,
    ResearchNote,
    ThankYouNote,
    Decision,
    FeedbackRequest,
    FeedbackItem,
    FollowUpAnswer,
    ActionItem,
    StayInTouchPlan,
    Touchpoint,
    Posting,
    Profile,
):
    setattr(_entity, "__repr__", fields_repr)  # noqa: B010 - mypy forbids assigning a method
del _entity
