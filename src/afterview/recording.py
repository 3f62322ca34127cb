"""The facade's recording half: one method per fact of a job search, each turned into its event,
checked against the folded state and appended (see :meth:`afterview.workspace.Workspace.record`).

:class:`Recording` is a base of :class:`~afterview.workspace.Workspace`; use it through a workspace.
Every method takes ``at``, when the fact happened (the workspace's clock by default), and names
people, organizations and applications by id or by name (see :mod:`afterview.lookup`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from afterview import events as ev
from afterview.errors import DataError
from afterview.lookup import (
    choose,
    find_action,
    find_application,
    find_feedback_item,
    find_organization,
    find_person,
    find_person_exactly,
    find_record,
    open_feedback_call,
)
from afterview.model import (
    ActionKind,
    Answer,
    Channel,
    ContactPoint,
    ContactPointKind,
    DecisionKind,
    DetailSource,
    FeedbackCategory,
    FollowUpQuestion,
    InterviewFormat,
    Person,
    RecordKind,
    ResearchSubject,
    Role,
    Sentiment,
    ThankYouMedium,
)

if TYPE_CHECKING:
    from afterview.fold import State
    from afterview.settings import Settings

__all__ = ["Clock", "IdFactory", "Recording", "new_id"]

Clock = Callable[[], datetime]
IdFactory = Callable[[str], str]


def new_id(prefix: str) -> str:
    """A fresh id such as ``per_3f9c2a7b1d0e``: a type prefix and 48 random bits."""
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


class Recording:
    """Recording what happened, one method per fact; a base of the workspace facade."""

    if TYPE_CHECKING:
        settings: Settings
        clock: Clock
        _ids: IdFactory

        @property
        def state(self) -> State: ...

        def record(self, *events: ev.Event) -> int: ...

        def forget(self, person: str, *, at: datetime | None = None) -> int: ...

    def _at(self, at: datetime | None) -> datetime:
        return self.clock() if at is None else at

    # --- resolving references ------------------------------------------------------------------

    def person(self, ref: str) -> Person:
        """A person by id, or by a name that matches exactly one person (case-insensitive)."""
        return find_person(self.state, ref)

    def person_to_forget(self, ref: str) -> Person:
        """The person ``forget`` would erase: by id, or by their whole name when exactly one
        person has it (ignoring case and accents); a part of a name is not enough."""
        return find_person_exactly(self.state, ref)

    def organization_id(self, ref: str) -> str:
        """An organization by id, or by a name (or part of one) that matches exactly one."""
        return find_organization(self.state, ref)

    def application_id(self, ref: str) -> str:
        """An application by id, organization name, or ``Organization/Role title``; a unique
        part of either name is enough."""
        return find_application(self.state, ref)

    def _person_id(self, ref: str) -> str:
        return self.person(ref).id

    # --- organizations and people ------------------------------------------------------------

    def add_organization(
        self, name: str, *, board_url: str | None = None, at: datetime | None = None
    ) -> str:
        organization_id = self._ids("org")
        self.record(
            ev.OrganizationAdded(
                at=self._at(at), organization_id=organization_id, name=name, board_url=board_url
            )
        )
        return organization_id

    def add_contact(
        self,
        name: str | None,
        role: Role | str,
        *,
        organization: str | None = None,
        title: str | None = None,
        notes: str | None = None,
        at: datetime | None = None,
    ) -> str:
        """Add a person; ``name`` is ``None`` for someone whose name was not caught (a
        receptionist, say), who is then described by their role. A blank name is refused: it
        is more often an empty variable than a decision."""
        if name is not None and not name.strip():
            raise DataError("name must not be empty or only whitespace", path="$.name")
        person_id = self._ids("per")
        self.record(
            ev.ContactAdded(
                at=self._at(at),
                person_id=person_id,
                role=choose(Role, role, "role"),
                organization_id=None
                if organization is None
                else self.organization_id(organization),
                name="" if name is None else name,
                title=title,
                notes=notes,
            )
        )
        return person_id

    def collect_business_card(
        self,
        person: str,
        *,
        work_phone: str | None = None,
        cell_phone: str | None = None,
        email: str | None = None,
        mailing_address: str | None = None,
        interview: str | None = None,
        at: datetime | None = None,
    ) -> None:
        """Record a business card: its phone lines and email reach the person directly."""
        points = _points(
            (ContactPointKind.WORK_PHONE, work_phone, True),
            (ContactPointKind.CELL_PHONE, cell_phone, True),
            (ContactPointKind.EMAIL, email, True),
            (ContactPointKind.MAILING_ADDRESS, mailing_address, False),
            source=DetailSource.BUSINESS_CARD,
        )
        if not points:
            raise DataError("a business card needs at least one phone, email or address")
        _check_points(points)
        self.record(
            ev.BusinessCardCollected(
                at=self._at(at),
                person_id=self._person_id(person),
                points=points,
                interview_id=interview,
            )
        )

    def add_contact_details(
        self, person: str, points: Sequence[ContactPoint], *, at: datetime | None = None
    ) -> None:
        _check_points(points)
        self.record(
            ev.ContactDetailsAdded(
                at=self._at(at), person_id=self._person_id(person), points=tuple(points)
            )
        )

    # --- applications and interviews -----------------------------------------------------------

    def submit_application(
        self,
        organization: str,
        role_title: str,
        *,
        external_ref: str | None = None,
        at: datetime | None = None,
    ) -> str:
        """Record an application to ``organization`` for ``role_title`` (which must say
        something: only an import may leave a role it was not told unnamed)."""
        text: object = role_title  # a caller without type checking may pass anything
        if isinstance(text, str) and not text.strip():
            raise DataError("role_title must not be empty or only whitespace", path="$.role_title")
        application_id = self._ids("app")
        self.record(
            ev.ApplicationSubmitted(
                at=self._at(at),
                application_id=application_id,
                organization_id=self.organization_id(organization),
                role_title=role_title,
                external_ref=external_ref,
            )
        )
        return application_id

    def schedule_interview(
        self,
        application: str,
        scheduled_for: datetime,
        *,
        interviewers: Iterable[str] = (),
        format: InterviewFormat | str = InterviewFormat.ON_SITE,
        external_ref: str | None = None,
        at: datetime | None = None,
    ) -> str:
        interview_id = self._ids("int")
        self.record(
            ev.InterviewScheduled(
                at=self._at(at),
                interview_id=interview_id,
                application_id=self.application_id(application),
                scheduled_for=scheduled_for,
                format=choose(InterviewFormat, format, "format"),
                interviewers=tuple(self._person_id(p) for p in interviewers),
                external_ref=external_ref,
            )
        )
        return interview_id

    def reschedule_interview(
        self, interview: str, scheduled_for: datetime, *, at: datetime | None = None
    ) -> None:
        self.record(
            ev.InterviewRescheduled(
                at=self._at(at), interview_id=interview, scheduled_for=scheduled_for
            )
        )

    def cancel_interview(self, interview: str, *, at: datetime | None = None) -> None:
        self.record(ev.InterviewCancelled(at=self._at(at), interview_id=interview))

    def record_interview_held(
        self,
        interview: str,
        *,
        people_met: Iterable[str] = (),
        nobody_else: bool = False,
        at: datetime | None = None,
    ) -> None:
        """The interview happened; list everyone else you met (receptionist, assistant…).

        ``nobody_else=True`` says you met nobody beyond the interviewers and ``people_met``.
        """
        self.record(
            ev.InterviewHeld(
                at=self._at(at),
                interview_id=interview,
                people_met=tuple(self._person_id(p) for p in people_met),
                nobody_else=nobody_else,
            )
        )

    def record_people_met(
        self,
        interview: str,
        people: Iterable[str],
        *,
        nobody_else: bool = False,
        at: datetime | None = None,
    ) -> None:
        """Add people met at a held interview; ``nobody_else=True``: that was everyone."""
        self.record(
            ev.PeopleMet(
                at=self._at(at),
                interview_id=interview,
                person_ids=tuple(self._person_id(p) for p in people),
                nobody_else=nobody_else,
            )
        )

    def record_nobody_else_met(self, interview: str, *, at: datetime | None = None) -> None:
        """At a held interview you met nobody beyond those already recorded."""
        self.record_people_met(interview, (), nobody_else=True, at=at)

    def note_research(
        self,
        application: str,
        subject: ResearchSubject | str,
        *,
        person: str | None = None,
        summary: str = "",
        at: datetime | None = None,
    ) -> str:
        note_id = self._ids("res")
        self.record(
            ev.ResearchNoted(
                at=self._at(at),
                note_id=note_id,
                application_id=self.application_id(application),
                subject=choose(ResearchSubject, subject, "subject"),
                person_id=None if person is None else self._person_id(person),
                summary=summary,
            )
        )
        return note_id

    # --- thank-you notes -----------------------------------------------------------------------

    def send_thank_you(
        self,
        interview: str,
        person: str,
        *,
        medium: ThankYouMedium | str = ThankYouMedium.HANDWRITTEN,
        delivered_at: datetime | None = None,
        at: datetime | None = None,
    ) -> str:
        note_id = self._ids("thx")
        self.record(
            ev.ThankYouSent(
                at=self._at(at),
                note_id=note_id,
                interview_id=interview,
                person_id=self._person_id(person),
                medium=choose(ThankYouMedium, medium, "medium"),
                delivered_at=delivered_at,
            )
        )
        return note_id

    def mark_thank_you_delivered(self, note: str, *, at: datetime | None = None) -> None:
        """A note on paper reached the person (handed over, posted). An email or a message
        counts as delivered when sent; this only corrects when it really went out."""
        self.record(ev.ThankYouDelivered(at=self._at(at), note_id=note))

    # --- decisions and feedback ------------------------------------------------------------------

    def record_decision(
        self,
        application: str,
        kind: DecisionKind | str,
        *,
        person: str | None = None,
        reason: str | None = None,
        external_ref: str | None = None,
        at: datetime | None = None,
    ) -> None:
        self.record(
            ev.DecisionReceived(
                at=self._at(at),
                application_id=self.application_id(application),
                kind=choose(DecisionKind, kind, "kind"),
                person_id=None if person is None else self._person_id(person),
                reason=reason,
                external_ref=external_ref,
            )
        )

    def request_feedback_call(
        self,
        application: str,
        person: str,
        *,
        channel: Channel | str = Channel.PHONE,
        message: str | None = None,
        sent: bool = True,
        at: datetime | None = None,
    ) -> str:
        """Record a request for a feedback conversation (the playbook checks whom and how)."""
        request_id = self._ids("fbr")
        self.record(
            ev.FeedbackRequested(
                at=self._at(at),
                request_id=request_id,
                application_id=self.application_id(application),
                person_id=self._person_id(person),
                channel=choose(Channel, channel, "channel"),
                message=message,
                sent=sent,
            )
        )
        return request_id

    def mark_feedback_request_sent(self, request: str, *, at: datetime | None = None) -> None:
        self.record(ev.FeedbackRequestSent(at=self._at(at), request_id=request))

    def schedule_feedback_call(
        self, request: str, scheduled_for: datetime, *, at: datetime | None = None
    ) -> None:
        self.record(
            ev.FeedbackCallScheduled(
                at=self._at(at), request_id=request, scheduled_for=scheduled_for
            )
        )

    def record_feedback_call_held(self, request: str, *, at: datetime | None = None) -> None:
        self.record(ev.FeedbackCallHeld(at=self._at(at), request_id=request))

    def record_feedback_declined(self, request: str, *, at: datetime | None = None) -> None:
        self.record(ev.FeedbackRequestDeclined(at=self._at(at), request_id=request))

    def record_no_response(self, request: str, *, at: datetime | None = None) -> None:
        self.record(ev.FeedbackRequestUnanswered(at=self._at(at), request_id=request))

    def record_feedback(
        self,
        application: str,
        sentiment: Sentiment | str,
        category: FeedbackCategory | str,
        summary: str = "",
        *,
        request: str | None = None,
        person: str | None = None,
        themes: Iterable[str] = (),
        at: datetime | None = None,
    ) -> str:
        """Record one point of feedback about ``application``.

        With no ``request``, it answers the application's only feedback call asked for, booked
        or held (the only one held, when there are several; with ``person``, only theirs), so
        that writing it down settles the call; with none to tell, it stands alone.
        """
        item_id = self._ids("fbk")
        application_id = self.application_id(application)
        person_id = None if person is None else self._person_id(person)
        if request is None:
            request = open_feedback_call(self.state, application_id, person_id)
        self.record(
            ev.FeedbackRecorded(
                at=self._at(at),
                item_id=item_id,
                application_id=application_id,
                sentiment=choose(Sentiment, sentiment, "sentiment"),
                category=choose(FeedbackCategory, category, "category"),
                request_id=request,
                person_id=person_id,
                summary=summary,
                themes=tuple(themes),
            )
        )
        return item_id

    def record_follow_up_answer(
        self,
        application: str,
        person: str,
        question: FollowUpQuestion | str,
        answer: Answer | str,
        *,
        note: str | None = None,
        at: datetime | None = None,
    ) -> None:
        self.record(
            ev.FollowUpAnswered(
                at=self._at(at),
                application_id=self.application_id(application),
                person_id=self._person_id(person),
                question=choose(FollowUpQuestion, question, "question"),
                answer=choose(Answer, answer, "answer"),
                note=note,
            )
        )

    # --- actions and the relationship -----------------------------------------------------------

    def plan_action(
        self,
        kind: ActionKind | str,
        title: str,
        due: datetime,
        *,
        feedback_item: str | None = None,
        application: str | None = None,
        person: str | None = None,
        at: datetime | None = None,
    ) -> str:
        action_id = self._ids("act")
        self.record(
            ev.ActionPlanned(
                at=self._at(at),
                action_id=action_id,
                kind=choose(ActionKind, kind, "kind"),
                title=title,
                due=due,
                feedback_item_id=None
                if feedback_item is None
                else find_feedback_item(self.state, feedback_item).id,
                application_id=None if application is None else self.application_id(application),
                person_id=None if person is None else self._person_id(person),
            )
        )
        return action_id

    def complete_action(self, action: str, *, at: datetime | None = None) -> None:
        """Mark an action done; ``action`` is its id or its title (a unique part will do)."""
        action_id = find_action(self.state, action).id
        self.record(ev.ActionCompleted(at=self._at(at), action_id=action_id))

    def agree_stay_in_touch(
        self, person: str, *, cadence_days: int | None = None, at: datetime | None = None
    ) -> None:
        """The person agreed to stay in touch: reminders on a cadence, and a referral source."""
        self.record(
            ev.StayInTouchAgreed(
                at=self._at(at),
                person_id=self._person_id(person),
                cadence_days=self.settings.stay_in_touch_days
                if cadence_days is None
                else cadence_days,
            )
        )

    def end_stay_in_touch(self, person: str, *, at: datetime | None = None) -> None:
        self.record(ev.StayInTouchEnded(at=self._at(at), person_id=self._person_id(person)))

    def log_touchpoint(
        self,
        person: str,
        channel: Channel | str = Channel.EMAIL,
        *,
        about_posting: bool = False,
        note: str | None = None,
        at: datetime | None = None,
    ) -> str:
        touchpoint_id = self._ids("tch")
        self.record(
            ev.TouchpointLogged(
                at=self._at(at),
                touchpoint_id=touchpoint_id,
                person_id=self._person_id(person),
                channel=choose(Channel, channel, "channel"),
                about_posting=about_posting,
                note=note,
            )
        )
        return touchpoint_id

    # --- the workspace's own settings ------------------------------------------------------------

    def set_profile(
        self,
        *,
        timezone: str | None = None,
        notify: Sequence[str] = (),
        thresholds: Mapping[str, int] | None = None,
        at: datetime | None = None,
    ) -> None:
        """Set this workspace's own settings, replacing the ones set before: its job seeker's
        IANA time zone, the notifier URLs their reminders go to, and playbook thresholds by
        name. What is left out (``None``, empty) falls back to the settings file. Kept as an
        event, so an export carries it and another process reads it.

        :raises DataError: an unknown zone or threshold, a bad value, a malformed URL, or a URL
            that writes out a password or token instead of naming it by reference.
        """
        from afterview.masking import mask_url, written_secrets

        for url in notify:
            if written_secrets(url):
                # The log keeps every event for good: a password written here could never be
                # taken out again.
                raise DataError(
                    f"{mask_url(url)!r} writes out a secret, which the workspace's log would keep "
                    "for good: store it with 'afterview secret set NAME' and name it in the URL as "
                    "{keyring:NAME} (or {env:NAME})"
                )
        chosen = tuple(sorted((thresholds or {}).items()))
        self.record(
            ev.ProfileSet(
                at=self._at(at), timezone=timezone, notify=tuple(notify), thresholds=chosen
            )
        )

    # --- corrections --------------------------------------------------------------------------

    def correct_organization(
        self,
        organization: str,
        *,
        name: str | None = None,
        board_url: str | None = None,
        at: datetime | None = None,
    ) -> str:
        """Rename an organization, or set its job board right (``""``: it has none)."""
        if name is None and board_url is None:
            raise DataError("nothing to correct: give a new name or a board URL")
        organization_id = self.organization_id(organization)
        self.record(
            ev.OrganizationCorrected(
                at=self._at(at), organization_id=organization_id, name=name, board_url=board_url
            )
        )
        return organization_id

    def correct_contact(
        self,
        person: str,
        *,
        name: str | None = None,
        role: Role | str | None = None,
        organization: str | None = None,
        title: str | None = None,
        notes: str | None = None,
        work_phone: str | None = None,
        cell_phone: str | None = None,
        email: str | None = None,
        mailing_address: str | None = None,
        at: datetime | None = None,
    ) -> str:
        """Set right what was recorded about a person. A contact detail given replaces those of
        its kind (an empty one removes them); the others stay."""
        found = self.person(person)
        given = {
            ContactPointKind.WORK_PHONE: work_phone,
            ContactPointKind.CELL_PHONE: cell_phone,
            ContactPointKind.EMAIL: email,
            ContactPointKind.MAILING_ADDRESS: mailing_address,
        }
        replaced = {kind: value for kind, value in given.items() if value is not None}
        points = None
        if replaced:
            kept = tuple(p for p in found.contact_points if p.kind not in replaced)
            points = kept + _points(
                *(
                    (kind, value, kind is not ContactPointKind.MAILING_ADDRESS)
                    for kind, value in replaced.items()
                ),
                source=DetailSource.MANUAL,
            )
        changes = (name, role, organization, title, notes, points)
        if all(c is None for c in changes):
            raise DataError("nothing to correct: give what to set right")
        self.record(
            ev.ContactCorrected(
                at=self._at(at),
                person_id=found.id,
                name=name,
                role=None if role is None else choose(Role, role, "role"),
                organization_id=None
                if organization is None
                else self.organization_id(organization),
                title=title,
                notes=notes,
                points=points,
            )
        )
        return found.id

    def correct_date(
        self,
        record: str,
        moment: datetime,
        *,
        decision: bool = False,
        at: datetime | None = None,
    ) -> tuple[RecordKind, str]:
        """Set a mistyped date right: ``record`` is any record's id (an action's title will
        do); with ``decision``, an application whose decision's date it is."""
        if decision:
            kind, record_id = RecordKind.DECISION, self.application_id(record)
        else:
            kind, record_id = find_record(self.state, record)
        self.record(
            ev.DateCorrected(at=self._at(at), kind=kind, record_id=record_id, moment=moment)
        )
        return kind, record_id

    def remove_record(
        self, record: str, *, decision: bool = False, at: datetime | None = None
    ) -> tuple[RecordKind, str]:
        """Take a record entered by mistake out of the workspace: ``record`` is its id (an
        action's title will do); with ``decision``, an application whose decision goes.

        A person is forgotten first (see :meth:`~afterview.workspace.Workspace.forget`), so
        that nothing personal of theirs stays behind in the store.

        :raises EventRejected: other records still refer to it.
        """
        if decision:
            kind, record_id = RecordKind.DECISION, self.application_id(record)
        else:
            kind, record_id = find_record(self.state, record)
        event = ev.RecordRemoved(at=self._at(at), kind=kind, record_id=record_id)
        if kind is RecordKind.PERSON:
            # Checked before the forget, which cannot be undone.
            self.state.copy().apply(event)
            self.forget(record_id, at=at)
        self.record(event)
        return kind, record_id


def _points(
    *candidates: tuple[ContactPointKind, str | None, bool], source: DetailSource
) -> tuple[ContactPoint, ...]:
    return tuple(
        ContactPoint(kind, value.strip(), direct, source)
        for kind, value, direct in candidates
        if value is not None and value.strip()
    )


def _check_points(points: Sequence[ContactPoint]) -> None:
    for point in points:
        if point.kind is ContactPointKind.EMAIL:
            check_email(point.value)


def check_email(value: str | None) -> None:
    """An email address must look like one: a typo here means a note that never arrives.

    :raises DataError: it does not (the message leaves the address out: it is someone's).
    """
    if value is not None and value.strip() and not _looks_like_email(value.strip()):
        raise DataError("the email address is not one (expected name@example.com)", path="$.email")


def _looks_like_email(value: str) -> bool:
    local, at, domain = value.rpartition("@")
    return (
        bool(at and local and domain)
        and "." in domain.strip(".")
        and not any(c.isspace() for c in value)
        and not domain.startswith(".")
        and not domain.endswith(".")
    )
