"""A workspace's state is a pure fold of its event log.

:meth:`State.apply` checks an event against the state *before* changing anything, and refuses one
that does not fit with :class:`~afterview.errors.EventRejected`; the workspace API runs every new
event through it before the event is stored, so the log only ever holds events that fold.

The state keeps a few indexes (by application, by person) so the playbook's rules stay linear in
the size of the workspace.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Final, TypeVar

import attrs

from afterview import events as ev
from afterview.errors import DataError, EventRejected, UnknownReference
from afterview.model import (
    ActionItem,
    Application,
    ContactPoint,
    Decision,
    DetailSource,
    FeedbackItem,
    FeedbackRequest,
    FeedbackRequestStatus,
    FollowUpAnswer,
    FollowUpQuestion,
    Interview,
    InterviewStatus,
    Organization,
    Person,
    Posting,
    Profile,
    RecordKind,
    ResearchNote,
    ResearchSubject,
    StayInTouchPlan,
    ThankYouNote,
    Touchpoint,
)

__all__ = ["FOLD_VERSION", "State", "fold"]

#: The fold's version, stamped on every snapshot of a state (:mod:`afterview.snapshot`). Raise
#: it whenever the same log would fold into a different state: a handler changed, or a field of
#: the state or of an entity was added, removed or retyped. Older snapshots are then ignored and
#: rebuilt from the log. (``tests/test_snapshot.py`` pins the state's shape to this number.)
FOLD_VERSION: Final = 2

_E = TypeVar("_E", bound=ev.BaseEvent)
FollowUpKey = tuple[str, str, FollowUpQuestion]


def _append(index: dict[str, tuple[str, ...]], key: str, value: str) -> None:
    index[key] = (*index.get(key, ()), value)


@attrs.define
class State:
    """Everything known about one job seeker's search, folded from the event log.

    Entities are frozen values keyed by id. Read it; change it only through :meth:`apply`.
    """

    version: int = 0
    organizations: dict[str, Organization] = attrs.Factory(dict)
    people: dict[str, Person] = attrs.Factory(dict)
    applications: dict[str, Application] = attrs.Factory(dict)
    interviews: dict[str, Interview] = attrs.Factory(dict)
    research: dict[str, ResearchNote] = attrs.Factory(dict)
    thank_yous: dict[str, ThankYouNote] = attrs.Factory(dict)
    decisions: dict[str, Decision] = attrs.Factory(dict)
    feedback_requests: dict[str, FeedbackRequest] = attrs.Factory(dict)
    feedback_items: dict[str, FeedbackItem] = attrs.Factory(dict)
    follow_ups: dict[FollowUpKey, FollowUpAnswer] = attrs.Factory(dict)
    actions: dict[str, ActionItem] = attrs.Factory(dict)
    plans: dict[str, StayInTouchPlan] = attrs.Factory(dict)
    touchpoints: dict[str, Touchpoint] = attrs.Factory(dict)
    postings: dict[str, Posting] = attrs.Factory(dict)
    #: The workspace's own settings over the settings file's; None until one is set.
    profile: Profile | None = None
    # indexes
    interviews_by_application: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    research_by_application: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    thank_you_by_meeting: dict[tuple[str, str], str] = attrs.Factory(dict)
    requests_by_application: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    feedback_by_application: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    actions_by_feedback: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    touchpoints_by_person: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    decisions_history: dict[str, tuple[Decision, ...]] = attrs.Factory(dict)
    #: Notes whose delivery was taken from their sending (an email, a message) and that the
    #: job seeker may still date themselves, once, with ``ThankYouDelivered``.
    deliveries_taken_as_sent: set[str] = attrs.Factory(set)

    # --- reading -------------------------------------------------------------------------

    def copy(self) -> State:
        """An independent copy: entities are shared (they are frozen), containers are not."""
        return State(**{a.name: copy.copy(getattr(self, a.name)) for a in attrs.fields(State)})

    def interviews_of(self, application_id: str) -> list[Interview]:
        return [self.interviews[i] for i in self.interviews_by_application.get(application_id, ())]

    def research_subjects(self, application_id: str) -> set[ResearchSubject]:
        return {
            self.research[n].subject for n in self.research_by_application.get(application_id, ())
        }

    def requests_of(self, application_id: str) -> list[FeedbackRequest]:
        return [
            self.feedback_requests[r] for r in self.requests_by_application.get(application_id, ())
        ]

    def feedback_of(self, application_id: str) -> list[FeedbackItem]:
        return [
            self.feedback_items[f] for f in self.feedback_by_application.get(application_id, ())
        ]

    def actions_for(self, feedback_item_id: str) -> list[ActionItem]:
        return [self.actions[a] for a in self.actions_by_feedback.get(feedback_item_id, ())]

    def touchpoints_with(self, person_id: str) -> list[Touchpoint]:
        return [self.touchpoints[t] for t in self.touchpoints_by_person.get(person_id, ())]

    def follow_up(
        self, application_id: str, person_id: str, question: FollowUpQuestion
    ) -> FollowUpAnswer | None:
        return self.follow_ups.get((application_id, person_id, question))

    def organization_of_application(self, application_id: str) -> Organization:
        return self.organizations[self.applications[application_id].organization_id]

    # --- changing --------------------------------------------------------------------------

    def apply(self, event: ev.Event) -> None:
        """Fold one event in, or raise :class:`EventRejected` and leave the state unchanged."""
        handler = _HANDLERS.get(type(event))
        if handler is None:
            raise EventRejected(type(event).__name__, "not an afterview event")
        handler(self, event)
        self.version += 1

    def apply_all(self, events: Iterable[ev.Event]) -> None:
        for event in events:
            self.apply(event)

    # --- checks shared by the handlers -------------------------------------------------------

    @staticmethod
    def _refuse(event: ev.BaseEvent, reason: str, needs: str | None = None) -> EventRejected:
        return EventRejected(event.type, reason, needs)

    def _new(self, event: ev.BaseEvent, table: dict[str, Any], key: str, what: str) -> None:
        if key in table:
            raise self._refuse(event, f"{what} {key!r} already exists")

    def _existing(self, event: ev.BaseEvent, table: dict[str, _T], key: str, what: str) -> _T:
        try:
            return table[key]
        except KeyError:
            raise UnknownReference(event.type, f"unknown {what} {key!r}") from None

    def _person(self, event: ev.BaseEvent, person_id: str) -> Person:
        person = self._existing(event, self.people, person_id, "person")
        if person.forgotten:
            raise self._refuse(event, f"person {person_id!r} was forgotten")
        return person

    def _open_application(self, event: ev.BaseEvent, application_id: str) -> Application:
        application = self._existing(event, self.applications, application_id, "application")
        decision = self.decisions.get(application_id)
        if decision is not None and decision.kind.final:
            raise self._refuse(
                event, f"application {application_id!r} was already decided ({decision.kind})"
            )
        return application

    def _request(self, event: ev.BaseEvent, request_id: str) -> FeedbackRequest:
        return self._existing(event, self.feedback_requests, request_id, "feedback request")

    def _move_request(
        self,
        event: ev.BaseEvent,
        request_id: str,
        allowed: tuple[FeedbackRequestStatus, ...],
        status: FeedbackRequestStatus,
        **changes: Any,
    ) -> None:
        request = self._request(event, request_id)
        if request.status not in allowed:
            # A drafted request that was never sent is the one status a command moves on from.
            needs = (
                "FeedbackRequestSent"
                if request.status is FeedbackRequestStatus.DRAFTED
                and FeedbackRequestStatus.SENT in allowed
                else None
            )
            raise self._refuse(
                event,
                f"feedback request {request_id!r} is {request.status}, expected "
                + " or ".join(str(s) for s in allowed),
                needs,
            )
        self.feedback_requests[request_id] = attrs.evolve(
            request, status=status, updated_at=event.at, **changes
        )


_T = TypeVar("_T")
_Handler = Callable[[State, Any], None]
_HANDLERS: dict[type[ev.BaseEvent], _Handler] = {}


def _handles(event_type: type[_E]) -> Callable[[Callable[[State, _E], None]], None]:
    def register(handler: Callable[[State, _E], None]) -> None:
        _HANDLERS[event_type] = handler

    return register


# --- organizations and people -------------------------------------------------------------------


@_handles(ev.OrganizationAdded)
def _organization_added(s: State, e: ev.OrganizationAdded) -> None:
    s._new(e, s.organizations, e.organization_id, "organization")
    s.organizations[e.organization_id] = Organization(e.organization_id, e.name, e.board_url)


@_handles(ev.ContactAdded)
def _contact_added(s: State, e: ev.ContactAdded) -> None:
    s._new(e, s.people, e.person_id, "person")
    if e.organization_id is not None:
        s._existing(e, s.organizations, e.organization_id, "organization")
    s.people[e.person_id] = Person(
        id=e.person_id,
        role=e.role,
        organization_id=e.organization_id,
        name=e.name,
        title=e.title,
        notes=e.notes,
    )


def _add_points(
    s: State, e: ev.BaseEvent, person_id: str, points: tuple[ContactPoint, ...]
) -> None:
    person = s._person(e, person_id)
    known = set(person.contact_points)
    new = tuple(p for p in points if p not in known)
    s.people[person_id] = attrs.evolve(person, contact_points=person.contact_points + new)


@_handles(ev.BusinessCardCollected)
def _business_card(s: State, e: ev.BusinessCardCollected) -> None:
    if e.interview_id is not None:
        interview = s._existing(e, s.interviews, e.interview_id, "interview")
        if e.person_id not in interview.everyone:
            raise s._refuse(
                e, f"person {e.person_id!r} was not met at interview {e.interview_id!r}"
            )
    card = tuple(attrs.evolve(p, source=DetailSource.BUSINESS_CARD) for p in e.points)
    _add_points(s, e, e.person_id, card)


@_handles(ev.ContactDetailsAdded)
def _details_added(s: State, e: ev.ContactDetailsAdded) -> None:
    _add_points(s, e, e.person_id, e.points)


@_handles(ev.ContactForgotten)
def _forgotten(s: State, e: ev.ContactForgotten) -> None:
    person = s._person(e, e.person_id)
    s.people[e.person_id] = attrs.evolve(
        person, name="", title=None, notes=None, contact_points=(), forgotten=True
    )
    for key, item in list(s.feedback_items.items()):
        if item.person_id == e.person_id:
            s.feedback_items[key] = attrs.evolve(item, summary="")
    for key, note in list(s.research.items()):
        if note.person_id == e.person_id:
            s.research[key] = attrs.evolve(note, summary="")
    for answer_key, answer in list(s.follow_ups.items()):
        if answer.person_id == e.person_id:
            s.follow_ups[answer_key] = attrs.evolve(answer, note=None)
    for key, tp in list(s.touchpoints.items()):
        if tp.person_id == e.person_id:
            s.touchpoints[key] = attrs.evolve(tp, note=None)
    for key, request in list(s.feedback_requests.items()):
        if request.person_id == e.person_id:
            s.feedback_requests[key] = attrs.evolve(request, message=None)
    plan = s.plans.get(e.person_id)
    if plan is not None and plan.ended_at is None:
        s.plans[e.person_id] = attrs.evolve(plan, ended_at=e.at)


# --- applications and interviews ------------------------------------------------------------


@_handles(ev.ApplicationSubmitted)
def _application(s: State, e: ev.ApplicationSubmitted) -> None:
    s._new(e, s.applications, e.application_id, "application")
    s._existing(e, s.organizations, e.organization_id, "organization")
    s.applications[e.application_id] = Application(
        e.application_id, e.organization_id, e.role_title, e.at, e.external_ref
    )


@_handles(ev.InterviewScheduled)
def _interview_scheduled(s: State, e: ev.InterviewScheduled) -> None:
    s._new(e, s.interviews, e.interview_id, "interview")
    s._open_application(e, e.application_id)
    for person_id in e.interviewers:
        s._person(e, person_id)
    s.interviews[e.interview_id] = Interview(
        id=e.interview_id,
        application_id=e.application_id,
        scheduled_for=e.scheduled_for,
        format=e.format,
        interviewers=tuple(dict.fromkeys(e.interviewers)),
        external_ref=e.external_ref,
        revision=e.revision,
        booked_at=e.at,
    )
    _append(s.interviews_by_application, e.application_id, e.interview_id)


def _scheduled_interview(s: State, e: ev.BaseEvent, interview_id: str) -> Interview:
    interview = s._existing(e, s.interviews, interview_id, "interview")
    if interview.status is not InterviewStatus.SCHEDULED:
        raise s._refuse(e, f"interview {interview_id!r} is {interview.status}, not scheduled")
    return interview


@_handles(ev.InterviewRescheduled)
def _interview_rescheduled(s: State, e: ev.InterviewRescheduled) -> None:
    interview = _scheduled_interview(s, e, e.interview_id)
    if (
        e.revision is not None
        and interview.revision is not None
        and e.revision < interview.revision
    ):
        raise s._refuse(
            e,
            f"interview {e.interview_id!r} is at revision {interview.revision}; "
            f"revision {e.revision} is older",
        )
    revision = interview.revision if e.revision is None else e.revision
    s.interviews[e.interview_id] = attrs.evolve(
        interview, scheduled_for=e.scheduled_for, revision=revision, booked_at=e.at
    )


@_handles(ev.InterviewLinked)
def _interview_linked(s: State, e: ev.InterviewLinked) -> None:
    interview = s._existing(e, s.interviews, e.interview_id, "interview")
    if interview.status is InterviewStatus.CANCELLED:
        raise s._refuse(e, f"interview {e.interview_id!r} is cancelled")
    if interview.external_ref not in (None, e.external_ref):
        raise s._refuse(e, f"interview {e.interview_id!r} already comes from another record")
    if any(
        other.external_ref == e.external_ref and other.id != e.interview_id
        for other in s.interviews.values()
    ):
        raise s._refuse(e, "another interview already comes from that record")
    for person_id in e.interviewers:
        s._person(e, person_id)
    s.interviews[e.interview_id] = attrs.evolve(
        interview,
        external_ref=e.external_ref,
        revision=interview.revision if e.revision is None else e.revision,
        interviewers=tuple(dict.fromkeys(interview.interviewers + e.interviewers)),
    )


@_handles(ev.InterviewCancelled)
def _interview_cancelled(s: State, e: ev.InterviewCancelled) -> None:
    interview = _scheduled_interview(s, e, e.interview_id)
    s.interviews[e.interview_id] = attrs.evolve(interview, status=InterviewStatus.CANCELLED)


@_handles(ev.InterviewHeld)
def _interview_held(s: State, e: ev.InterviewHeld) -> None:
    interview = _scheduled_interview(s, e, e.interview_id)
    for person_id in e.people_met:
        s._person(e, person_id)
    s.interviews[e.interview_id] = attrs.evolve(
        interview,
        status=InterviewStatus.HELD,
        held_at=e.at,
        people_met=tuple(dict.fromkeys(interview.people_met + e.people_met)),
        nobody_else_met=e.nobody_else,
    )


@_handles(ev.PeopleMet)
def _people_met(s: State, e: ev.PeopleMet) -> None:
    interview = s._existing(e, s.interviews, e.interview_id, "interview")
    if interview.status is not InterviewStatus.HELD:
        raise s._refuse(e, f"interview {e.interview_id!r} has not been held", "InterviewHeld")
    for person_id in e.person_ids:
        s._person(e, person_id)
    s.interviews[e.interview_id] = attrs.evolve(
        interview,
        people_met=tuple(dict.fromkeys(interview.people_met + e.person_ids)),
        nobody_else_met=interview.nobody_else_met or e.nobody_else,
    )


@_handles(ev.ResearchNoted)
def _research(s: State, e: ev.ResearchNoted) -> None:
    s._new(e, s.research, e.note_id, "research note")
    s._existing(e, s.applications, e.application_id, "application")
    if e.person_id is not None:
        s._person(e, e.person_id)
    s.research[e.note_id] = ResearchNote(
        e.note_id, e.application_id, e.subject, e.at, e.person_id, e.summary
    )
    _append(s.research_by_application, e.application_id, e.note_id)


# --- thank-you notes ----------------------------------------------------------------------------


@_handles(ev.ThankYouSent)
def _thank_you(s: State, e: ev.ThankYouSent) -> None:
    s._new(e, s.thank_yous, e.note_id, "thank-you note")
    interview = s._existing(e, s.interviews, e.interview_id, "interview")
    s._person(e, e.person_id)
    if interview.status is not InterviewStatus.HELD:
        raise s._refuse(e, f"interview {e.interview_id!r} has not been held", "InterviewHeld")
    if e.person_id not in interview.everyone:
        raise s._refuse(
            e, f"person {e.person_id!r} was not met at interview {e.interview_id!r}", "PeopleMet"
        )
    if (e.interview_id, e.person_id) in s.thank_you_by_meeting:
        raise s._refuse(e, f"person {e.person_id!r} was already thanked for this interview")
    if e.delivered_at is not None and e.delivered_at < e.at:
        raise s._refuse(e, "delivered_at is before the note was written")
    delivered_at = e.delivered_at
    if delivered_at is None and e.medium.arrives_when_sent:
        # An email or a message is in the person's hands once sent; only paper waits.
        delivered_at = e.at
        s.deliveries_taken_as_sent.add(e.note_id)
    s.thank_yous[e.note_id] = ThankYouNote(
        e.note_id, e.interview_id, e.person_id, e.medium, e.at, delivered_at
    )
    s.thank_you_by_meeting[(e.interview_id, e.person_id)] = e.note_id


@_handles(ev.ThankYouDelivered)
def _thank_you_delivered(s: State, e: ev.ThankYouDelivered) -> None:
    note = s._existing(e, s.thank_yous, e.note_id, "thank-you note")
    # A delivery taken from the sending may be dated once by the job seeker (a log written
    # before sent notes counted as delivered holds exactly that); any other is final.
    if note.delivered_at is not None and e.note_id not in s.deliveries_taken_as_sent:
        raise s._refuse(e, f"thank-you note {e.note_id!r} was already delivered")
    if e.at < note.written_at:
        raise s._refuse(e, "delivered before the note was written")
    s.deliveries_taken_as_sent.discard(e.note_id)
    s.thank_yous[e.note_id] = attrs.evolve(note, delivered_at=e.at)


# --- decisions and feedback ---------------------------------------------------------------------


@_handles(ev.DecisionReceived)
def _decision(s: State, e: ev.DecisionReceived) -> None:
    s._open_application(e, e.application_id)
    if e.person_id is not None:
        s._person(e, e.person_id)
    decision = Decision(e.application_id, e.kind, e.at, e.person_id, e.reason, e.external_ref)
    s.decisions[e.application_id] = decision
    s.decisions_history[e.application_id] = (
        *s.decisions_history.get(e.application_id, ()),
        decision,
    )


@_handles(ev.FeedbackRequested)
def _feedback_requested(s: State, e: ev.FeedbackRequested) -> None:
    s._new(e, s.feedback_requests, e.request_id, "feedback request")
    s._existing(e, s.applications, e.application_id, "application")
    s._person(e, e.person_id)
    if e.application_id not in s.decisions:
        raise s._refuse(
            e, f"application {e.application_id!r} has no decision yet", "DecisionReceived"
        )
    status = FeedbackRequestStatus.SENT if e.sent else FeedbackRequestStatus.DRAFTED
    s.feedback_requests[e.request_id] = FeedbackRequest(
        e.request_id, e.application_id, e.person_id, e.channel, status, e.at, e.message
    )
    _append(s.requests_by_application, e.application_id, e.request_id)


_S = FeedbackRequestStatus


@_handles(ev.FeedbackRequestSent)
def _request_sent(s: State, e: ev.FeedbackRequestSent) -> None:
    s._move_request(e, e.request_id, (_S.DRAFTED,), _S.SENT, at=e.at)


@_handles(ev.FeedbackCallScheduled)
def _call_scheduled(s: State, e: ev.FeedbackCallScheduled) -> None:
    s._move_request(
        e, e.request_id, (_S.SENT, _S.SCHEDULED), _S.SCHEDULED, scheduled_for=e.scheduled_for
    )


@_handles(ev.FeedbackCallHeld)
def _call_held(s: State, e: ev.FeedbackCallHeld) -> None:
    s._move_request(e, e.request_id, (_S.SENT, _S.SCHEDULED), _S.HELD)


@_handles(ev.FeedbackRequestDeclined)
def _request_declined(s: State, e: ev.FeedbackRequestDeclined) -> None:
    s._move_request(e, e.request_id, (_S.SENT, _S.SCHEDULED), _S.DECLINED)


@_handles(ev.FeedbackRequestUnanswered)
def _request_unanswered(s: State, e: ev.FeedbackRequestUnanswered) -> None:
    s._move_request(e, e.request_id, (_S.SENT,), _S.NO_RESPONSE)


@_handles(ev.FeedbackRecorded)
def _feedback(s: State, e: ev.FeedbackRecorded) -> None:
    s._new(e, s.feedback_items, e.item_id, "feedback item")
    s._existing(e, s.applications, e.application_id, "application")
    person_id = e.person_id
    if e.request_id is not None:
        request = s._request(e, e.request_id)
        if request.application_id != e.application_id:
            raise s._refuse(e, f"feedback request {e.request_id!r} is about another application")
        person_id = person_id or request.person_id
    if person_id is not None:
        s._person(e, person_id)
    s.feedback_items[e.item_id] = FeedbackItem(
        id=e.item_id,
        application_id=e.application_id,
        sentiment=e.sentiment,
        category=e.category,
        at=e.at,
        request_id=e.request_id,
        person_id=person_id,
        summary=e.summary,
        themes=tuple(dict.fromkeys(t.strip().lower() for t in e.themes if t.strip())),
    )
    _append(s.feedback_by_application, e.application_id, e.item_id)


@_handles(ev.FollowUpAnswered)
def _follow_up(s: State, e: ev.FollowUpAnswered) -> None:
    s._existing(e, s.applications, e.application_id, "application")
    s._person(e, e.person_id)
    s.follow_ups[(e.application_id, e.person_id, e.question)] = FollowUpAnswer(
        e.application_id, e.person_id, e.question, e.answer, e.at, e.note
    )


# --- actions and the relationship ---------------------------------------------------------------


@_handles(ev.ActionPlanned)
def _action_planned(s: State, e: ev.ActionPlanned) -> None:
    s._new(e, s.actions, e.action_id, "action")
    if e.feedback_item_id is not None:
        s._existing(e, s.feedback_items, e.feedback_item_id, "feedback item")
    if e.application_id is not None:
        s._existing(e, s.applications, e.application_id, "application")
    if e.person_id is not None:
        s._person(e, e.person_id)
    s.actions[e.action_id] = ActionItem(
        id=e.action_id,
        kind=e.kind,
        title=e.title,
        due=e.due,
        planned_at=e.at,
        feedback_item_id=e.feedback_item_id,
        application_id=e.application_id,
        person_id=e.person_id,
    )
    if e.feedback_item_id is not None:
        _append(s.actions_by_feedback, e.feedback_item_id, e.action_id)


@_handles(ev.ActionCompleted)
def _action_completed(s: State, e: ev.ActionCompleted) -> None:
    action = s._existing(e, s.actions, e.action_id, "action")
    if action.completed_at is not None:
        raise s._refuse(e, f"action {e.action_id!r} was already completed")
    s.actions[e.action_id] = attrs.evolve(action, completed_at=e.at)


@_handles(ev.StayInTouchAgreed)
def _stay_in_touch(s: State, e: ev.StayInTouchAgreed) -> None:
    person = s._person(e, e.person_id)
    s.plans[e.person_id] = StayInTouchPlan(e.person_id, e.cadence_days, e.at)
    s.people[e.person_id] = attrs.evolve(person, referral_source=True)


@_handles(ev.StayInTouchEnded)
def _stay_in_touch_ended(s: State, e: ev.StayInTouchEnded) -> None:
    plan = s.plans.get(e.person_id)
    if plan is None or plan.ended_at is not None:
        raise s._refuse(e, f"no stay-in-touch plan is running with person {e.person_id!r}")
    s.plans[e.person_id] = attrs.evolve(plan, ended_at=e.at)


@_handles(ev.TouchpointLogged)
def _touchpoint(s: State, e: ev.TouchpointLogged) -> None:
    s._new(e, s.touchpoints, e.touchpoint_id, "touchpoint")
    s._person(e, e.person_id)
    s.touchpoints[e.touchpoint_id] = Touchpoint(
        e.touchpoint_id, e.person_id, e.channel, e.at, e.about_posting, e.note
    )
    _append(s.touchpoints_by_person, e.person_id, e.touchpoint_id)


@_handles(ev.PostingSeen)
def _posting_seen(s: State, e: ev.PostingSeen) -> None:
    s._new(e, s.postings, e.posting_id, "posting")
    s._existing(e, s.organizations, e.organization_id, "organization")
    s.postings[e.posting_id] = Posting(
        id=e.posting_id,
        organization_id=e.organization_id,
        title=e.title,
        first_seen=e.at,
        url=e.url,
        location=e.location,
        department=e.department,
        external_ref=e.external_ref,
    )


@_handles(ev.PostingClosed)
def _posting_closed(s: State, e: ev.PostingClosed) -> None:
    posting = s._existing(e, s.postings, e.posting_id, "posting")
    if posting.closed_at is not None:
        raise s._refuse(e, f"posting {e.posting_id!r} is already closed")
    s.postings[e.posting_id] = attrs.evolve(posting, closed_at=e.at)


# --- corrections ------------------------------------------------------------------------------


@_handles(ev.OrganizationCorrected)
def _organization_corrected(s: State, e: ev.OrganizationCorrected) -> None:
    organization = s._existing(e, s.organizations, e.organization_id, "organization")
    board_url = organization.board_url if e.board_url is None else (e.board_url or None)
    s.organizations[e.organization_id] = attrs.evolve(
        organization, name=organization.name if e.name is None else e.name, board_url=board_url
    )


@_handles(ev.ContactCorrected)
def _contact_corrected(s: State, e: ev.ContactCorrected) -> None:
    # A correction whose personal fields were erased (forgotten, or its key destroyed) reads
    # as one that changes nothing of them: the log still folds.
    person = s._person(e, e.person_id)
    if e.organization_id is not None:
        s._existing(e, s.organizations, e.organization_id, "organization")
    changes: dict[str, Any] = {
        "name": e.name,
        "role": e.role,
        "organization_id": e.organization_id,
        "title": e.title,
        "notes": e.notes,
        "contact_points": e.points,
    }
    s.people[e.person_id] = attrs.evolve(
        person, **{k: v for k, v in changes.items() if v is not None}
    )


def _moved(s: State, e: ev.BaseEvent, entity: _T, **changes: Any) -> _T:
    try:
        return attrs.evolve(entity, **changes)  # type: ignore[misc]
    except DataError as exc:
        raise s._refuse(e, str(exc)) from None


@_handles(ev.DateCorrected)
def _date_corrected(s: State, e: ev.DateCorrected) -> None:
    k, rid, moment = e.kind, e.record_id, e.moment
    if k is RecordKind.APPLICATION:
        app = s._existing(e, s.applications, rid, "application")
        s.applications[rid] = _moved(s, e, app, applied_at=moment)
    elif k is RecordKind.INTERVIEW:
        interview = s._existing(e, s.interviews, rid, "interview")
        # A held interview keeps its length: the end moves with the start.
        held = (
            None
            if interview.held_at is None
            else interview.held_at + (moment - interview.scheduled_for)
        )
        s.interviews[rid] = _moved(s, e, interview, scheduled_for=moment, held_at=held)
    elif k is RecordKind.DECISION:
        decision = s._existing(e, s.decisions, rid, "decision of application")
        corrected = _moved(s, e, decision, at=moment)
        s.decisions[rid] = corrected
        s.decisions_history[rid] = (*s.decisions_history[rid][:-1], corrected)
    elif k is RecordKind.THANK_YOU:
        note = s._existing(e, s.thank_yous, rid, "thank-you note")
        delivered = note.delivered_at
        if rid in s.deliveries_taken_as_sent:
            delivered = moment
        elif delivered is not None and delivered < moment:
            raise s._refuse(e, f"thank-you note {rid!r} was delivered before that date")
        s.thank_yous[rid] = _moved(s, e, note, written_at=moment, delivered_at=delivered)
    elif k is RecordKind.FEEDBACK_REQUEST:
        request = s._existing(e, s.feedback_requests, rid, "feedback request")
        s.feedback_requests[rid] = _moved(s, e, request, at=moment)
    elif k is RecordKind.FEEDBACK_ITEM:
        item = s._existing(e, s.feedback_items, rid, "feedback item")
        s.feedback_items[rid] = _moved(s, e, item, at=moment)
    elif k is RecordKind.RESEARCH_NOTE:
        research = s._existing(e, s.research, rid, "research note")
        s.research[rid] = _moved(s, e, research, at=moment)
    elif k is RecordKind.ACTION:
        action = s._existing(e, s.actions, rid, "action")
        s.actions[rid] = _moved(s, e, action, due=moment)
    elif k is RecordKind.TOUCHPOINT:
        touchpoint = s._existing(e, s.touchpoints, rid, "touchpoint")
        s.touchpoints[rid] = _moved(s, e, touchpoint, at=moment)
    else:
        raise s._refuse(e, f"a {k.replace('_', ' ')} has no date to correct")


def _referred(s: State, e: ev.BaseEvent, what: str, by: Iterable[str]) -> None:
    """Refuse to remove ``what`` while the records named in ``by`` refer to it."""
    referring = sorted(set(by))
    if referring:
        raise s._refuse(
            e,
            f"{what} is still referred to by {', '.join(referring)}: remove or correct those first",
        )


def _drop(index: dict[str, tuple[str, ...]], key: str, value: str) -> None:
    remaining = tuple(v for v in index.get(key, ()) if v != value)
    if remaining:
        index[key] = remaining
    else:
        index.pop(key, None)


def _person_references(s: State, pid: str) -> Iterator[str]:
    yield from (f"interview {i.id}" for i in s.interviews.values() if pid in i.everyone)
    yield from (f"thank-you note {n.id}" for n in s.thank_yous.values() if n.person_id == pid)
    yield from (
        f"the decision on {d.application_id}" for d in s.decisions.values() if d.person_id == pid
    )
    yield from (
        f"feedback request {r.id}" for r in s.feedback_requests.values() if r.person_id == pid
    )
    yield from (f"feedback item {i.id}" for i in s.feedback_items.values() if i.person_id == pid)
    yield from (f"research note {n.id}" for n in s.research.values() if n.person_id == pid)
    yield from (f"action {a.id}" for a in s.actions.values() if a.person_id == pid)
    yield from (f"touchpoint {t}" for t in s.touchpoints_by_person.get(pid, ()))
    yield from ("a follow-up answer" for f in s.follow_ups.values() if f.person_id == pid)
    if pid in s.plans:
        yield "a stay-in-touch plan"


def _application_references(s: State, aid: str) -> Iterator[str]:
    yield from (f"interview {i}" for i in s.interviews_by_application.get(aid, ()))
    yield from (f"research note {n}" for n in s.research_by_application.get(aid, ()))
    yield from (f"feedback request {r}" for r in s.requests_by_application.get(aid, ()))
    yield from (f"feedback item {f}" for f in s.feedback_by_application.get(aid, ()))
    yield from (f"action {a.id}" for a in s.actions.values() if a.application_id == aid)
    yield from ("a follow-up answer" for f in s.follow_ups.values() if f.application_id == aid)
    if aid in s.decisions:
        yield "its decision"


@_handles(ev.RecordRemoved)
def _record_removed(s: State, e: ev.RecordRemoved) -> None:
    k, rid = e.kind, e.record_id
    if k is RecordKind.ORGANIZATION:
        s._existing(e, s.organizations, rid, "organization")
        _referred(
            s,
            e,
            f"organization {rid!r}",
            [f"person {p.id}" for p in s.people.values() if p.organization_id == rid]
            + [f"application {a.id}" for a in s.applications.values() if a.organization_id == rid]
            + [f"posting {p.id}" for p in s.postings.values() if p.organization_id == rid],
        )
        del s.organizations[rid]
    elif k is RecordKind.PERSON:
        s._existing(e, s.people, rid, "person")
        _referred(s, e, f"person {rid!r}", _person_references(s, rid))
        del s.people[rid]
    elif k is RecordKind.APPLICATION:
        s._existing(e, s.applications, rid, "application")
        _referred(s, e, f"application {rid!r}", _application_references(s, rid))
        del s.applications[rid]
        s.decisions_history.pop(rid, None)
    elif k is RecordKind.INTERVIEW:
        interview = s._existing(e, s.interviews, rid, "interview")
        _referred(
            s,
            e,
            f"interview {rid!r}",
            [f"thank-you note {n.id}" for n in s.thank_yous.values() if n.interview_id == rid],
        )
        del s.interviews[rid]
        _drop(s.interviews_by_application, interview.application_id, rid)
    elif k is RecordKind.THANK_YOU:
        note = s._existing(e, s.thank_yous, rid, "thank-you note")
        del s.thank_yous[rid]
        s.thank_you_by_meeting.pop((note.interview_id, note.person_id), None)
        s.deliveries_taken_as_sent.discard(rid)
    elif k is RecordKind.DECISION:
        s._existing(e, s.decisions, rid, "decision of application")
        _referred(
            s,
            e,
            f"the decision on {rid!r}",
            (f"feedback request {r}" for r in s.requests_by_application.get(rid, ())),
        )
        # The decision before it, if any (a position on hold, then a mistaken rejection).
        history = s.decisions_history[rid][:-1]
        if history:
            s.decisions[rid] = history[-1]
            s.decisions_history[rid] = history
        else:
            del s.decisions[rid]
            del s.decisions_history[rid]
    elif k is RecordKind.FEEDBACK_REQUEST:
        request = s._existing(e, s.feedback_requests, rid, "feedback request")
        _referred(
            s,
            e,
            f"feedback request {rid!r}",
            [f"feedback item {i.id}" for i in s.feedback_items.values() if i.request_id == rid],
        )
        del s.feedback_requests[rid]
        _drop(s.requests_by_application, request.application_id, rid)
    elif k is RecordKind.FEEDBACK_ITEM:
        item = s._existing(e, s.feedback_items, rid, "feedback item")
        _referred(
            s,
            e,
            f"feedback item {rid!r}",
            (f"action {a}" for a in s.actions_by_feedback.get(rid, ())),
        )
        del s.feedback_items[rid]
        _drop(s.feedback_by_application, item.application_id, rid)
    elif k is RecordKind.RESEARCH_NOTE:
        note_ = s._existing(e, s.research, rid, "research note")
        del s.research[rid]
        _drop(s.research_by_application, note_.application_id, rid)
    elif k is RecordKind.ACTION:
        action = s._existing(e, s.actions, rid, "action")
        del s.actions[rid]
        if action.feedback_item_id is not None:
            _drop(s.actions_by_feedback, action.feedback_item_id, rid)
    elif k is RecordKind.TOUCHPOINT:
        touchpoint = s._existing(e, s.touchpoints, rid, "touchpoint")
        del s.touchpoints[rid]
        _drop(s.touchpoints_by_person, touchpoint.person_id, rid)
    else:  # pragma: no cover - every kind is handled above
        raise s._refuse(e, f"cannot remove a {k}")


@_handles(ev.ProfileSet)
def _profile_set(s: State, e: ev.ProfileSet) -> None:
    s.profile = Profile(set_at=e.at, timezone=e.timezone, notify=e.notify, thresholds=e.thresholds)


if _unhandled := set(ev.EVENT_TYPES.values()) - set(_HANDLERS):  # pragma: no cover
    raise RuntimeError(f"events without a fold handler: {sorted(c.__name__ for c in _unhandled)}")


def fold(events: Iterable[ev.Event], state: State | None = None) -> State:
    """Fold ``events`` into ``state`` (a new, empty one by default) and return it.

    Raises :class:`EventRejected` at the first event that does not fit.
    """
    result = State() if state is None else state
    result.apply_all(events)
    return result
