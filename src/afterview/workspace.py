"""The facade users call: one job seeker's workspace.

Record what happened with the ``record``-style methods (each validates the new events against the
folded state and appends them atomically, with optimistic concurrency), then ask what to do next
with :meth:`Workspace.agenda`. Every method that records takes ``at``, when the fact happened;
it defaults to the workspace's clock.

>>> from datetime import datetime, UTC
>>> ws = Workspace.open("memory://")
>>> acme = ws.add_organization("Acme Analytics")
>>> app = ws.submit_application(acme, "Data Analyst", at=datetime(2026, 5, 1, tzinfo=UTC))
"""

from __future__ import annotations

import enum
import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypeVar

from afterview import events as ev
from afterview.errors import ConcurrencyError, DataError, EventRejected, NotFoundError
from afterview.fold import State
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
    ResearchSubject,
    Role,
    Sentiment,
    ThankYouMedium,
)
from afterview.playbook.agenda import build_agenda, check_rule_codes
from afterview.plugin_manager import ObserverFailure, PluginManager, get_plugin_manager
from afterview.redaction import mentions, redact_event
from afterview.serialization import ExportDocument, dumps_event, loads_event
from afterview.settings import Settings
from afterview.store import Store, WorkspaceStore, validate_workspace_name

if TYPE_CHECKING:
    import random
    from datetime import timedelta

    from afterview.dispatch import DispatchReport, DispatchSettings
    from afterview.importing import ImportReport, ProgressCallback
    from afterview.insights import Insights
    from afterview.linter import Finding
    from afterview.playbook.rule import Advice, Rule
    from afterview.watch import WatchReport

__all__ = ["Clock", "IdFactory", "Workspace", "new_id"]

log = logging.getLogger("afterview.workspace")

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)
Clock = Callable[[], datetime]
IdFactory = Callable[[str], str]


def new_id(prefix: str) -> str:
    """A fresh id such as ``per_3f9c2a7b1d0e``: a type prefix and 48 random bits."""
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _choice(kind: type[_E], value: _E | str, field: str) -> _E:
    """``value`` as a member of ``kind``; a value it does not know is a :class:`DataError`
    listing the known ones (not the bare ``ValueError`` the enum raises)."""
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(str(member.value) for member in kind)
        raise DataError(f"unknown {field} {value!r}; known: {known}", path=f"$.{field}") from None


class Workspace:
    """One job seeker's search: an event log in a store, folded into :attr:`state`."""

    def __init__(
        self,
        store: Store,
        name: str = "default",
        *,
        settings: Settings | None = None,
        plugin_manager: PluginManager | None = None,
        clock: Clock = _utcnow,
        ids: IdFactory = new_id,
    ) -> None:
        self.name = validate_workspace_name(name)
        self.store = store
        self.settings = settings if settings is not None else Settings()
        self.plugins = plugin_manager if plugin_manager is not None else get_plugin_manager()
        self.clock = clock
        self._ids = ids
        self._log: WorkspaceStore = store.workspace(self.name)
        self._state = State()
        self._rules: list[Rule] | None = None
        #: Observers that failed after the most recent append (the append itself stood).
        self.observer_failures: list[ObserverFailure] = []

    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        name: str = "default",
        settings: Settings | None = None,
        plugin_manager: PluginManager | None = None,
        clock: Clock = _utcnow,
        ids: IdFactory = new_id,
    ) -> Workspace:
        """Open workspace ``name`` in the store at ``url``.

        With no URL, the embedded default store is used
        (see :func:`afterview.config.default_store_url`).
        """
        pm = plugin_manager if plugin_manager is not None else get_plugin_manager()
        if url is None:
            from afterview.config import load_config

            config = load_config()
            url = config.store_url
            settings = settings if settings is not None else config.settings
        store = pm.open_store(url)
        return cls(store, name, settings=settings, plugin_manager=pm, clock=clock, ids=ids)

    def __repr__(self) -> str:
        return f"<Workspace {self.name!r} in {self.store.url!r} version={self._state.version}>"

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- reading -----------------------------------------------------------------------------

    @property
    def state(self) -> State:
        """The folded state, brought up to date with the store first.

        Read it; never change it: it is the workspace's own (copying it on every read would
        cost a pass over everything held). Change the workspace by recording events.
        """
        return self.refresh()

    def refresh(self) -> State:
        """Fold in any events other writers appended since the last read."""
        for record in self._log.read(self._state.version):
            try:
                event = loads_event(record.data)
            except DataError as exc:
                from afterview.errors import CorruptRecordError

                raise CorruptRecordError(self.name, record.position, str(exc)) from None
            self._state.apply(event)
        return self._state

    def events(self) -> list[ev.Event]:
        """Every event of the log, in order."""
        return [loads_event(r.data) for r in self._log.read(0)]

    @property
    def rules(self) -> list[Rule]:
        """The playbook: the built-in rules and those plugins add, sorted by code."""
        if self._rules is None:
            self._rules = check_rule_codes(self.plugins.rules())
        return self._rules

    def agenda(self, now: datetime | None = None) -> list[Advice]:
        """Everything to do, ordered by due time then priority. Deterministic for a given log,
        ``now`` and settings.

        :raises DataError: ``now`` (or the clock's time) is naive.
        """
        moment = now or self.clock()
        if moment.utcoffset() is None:
            # Rules compare ``now`` with stored, aware times; a naive one cannot be compared.
            raise DataError(f"now must be timezone-aware (got {moment.isoformat()})", path="$.now")
        return build_agenda(self.state, moment, self.settings, self.rules)

    def dispatch(
        self,
        now: datetime | None = None,
        notifiers: Sequence[str] | None = None,
        *,
        lease: timedelta | None = None,
        max_attempts: int | None = None,
        timeout: timedelta | None = None,
        settings: DispatchSettings | None = None,
        rng: random.Random | None = None,
    ) -> DispatchReport:
        """Queue due reminders for each notifier URL and deliver them; see
        :func:`afterview.dispatch.dispatch`. ``lease``, ``max_attempts`` and ``timeout``
        override the same fields of ``settings``."""
        from afterview.dispatch import DispatchSettings, dispatch

        chosen = (settings or DispatchSettings()).replace(
            lease=lease, max_attempts=max_attempts, timeout=timeout
        )
        return dispatch(self, now or self.clock(), notifiers, settings=chosen, rng=rng)

    def insights(self, now: datetime | None = None) -> Insights:
        """Patterns across applications: funnel, where rejections happen, answer rates, themes.

        With ``now``, overdue actions are counted too.
        """
        from afterview.insights import compute_insights

        return compute_insights(self.state, now)

    # --- drafts and the linter -------------------------------------------------------------------

    def draft_feedback_request(self, application: str, person: str) -> str:
        """A short message asking ``person`` for a feedback *call*, never for reasons."""
        from afterview import drafts

        return drafts.feedback_call_request(
            self.state, self.application_id(application), self._person_id(person)
        )

    def draft_call_script(self, application: str, person: str) -> str:
        """Talking points for the feedback call, with the three follow-up questions."""
        from afterview import drafts

        application_id = self.application_id(application)
        return drafts.call_script(self.state, application_id, self._person_id(person))

    def draft_thank_you(self, interview: str, person: str) -> str:
        """A thank-you note for someone met at an interview."""
        from afterview import drafts

        return drafts.thank_you_note(self.state, interview, self._person_id(person))

    def lint(self, text: str) -> list[Finding]:
        """Check a draft request or call script; see :func:`afterview.linter.lint`."""
        from afterview.linter import lint

        return lint(text)

    # --- recording -----------------------------------------------------------------------------

    def record(self, *events: ev.Event) -> int:
        """Validate ``events`` against the state and append them atomically; return the version.

        :raises EventRejected: an event does not fit; nothing was stored.
        :raises ConcurrencyError: another writer appended first; nothing was stored.
        """
        if not events:
            return self.refresh().version
        current = self.refresh()
        candidate = current.copy()
        for event in events:
            candidate.apply(event)
        records = [dumps_event(e) for e in events]
        try:
            version = self._log.append(
                records, expected_version=current.version, recorded_at=self.clock()
            )
        except ConcurrencyError:
            self.refresh()
            raise
        self._state = candidate
        self.observer_failures = self.plugins.events_appended(self, list(events))
        return version

    def _at(self, at: datetime | None) -> datetime:
        return self.clock() if at is None else at

    # --- resolving references ------------------------------------------------------------------

    def person(self, ref: str) -> Person:
        """A person by id, or by a name that matches exactly one person (case-insensitive)."""
        people = self.state.people
        if ref in people:
            return people[ref]
        return _one(_by_name(people.values(), lambda p: p.name, ref), "person", ref)

    def organization_id(self, ref: str) -> str:
        """An organization by id, or by a name (or part of one) that matches exactly one."""
        orgs = self.state.organizations
        if ref in orgs:
            return ref
        return _one(_by_name(orgs.values(), lambda o: o.name, ref), "organization", ref).id

    def application_id(self, ref: str) -> str:
        """An application by id, organization name, or ``Organization/Role title``; a unique
        part of either name is enough."""
        state = self.state
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
        name: str,
        role: Role | str,
        *,
        organization: str | None = None,
        title: str | None = None,
        notes: str | None = None,
        at: datetime | None = None,
    ) -> str:
        person_id = self._ids("per")
        self.record(
            ev.ContactAdded(
                at=self._at(at),
                person_id=person_id,
                role=_choice(Role, role, "role"),
                organization_id=None
                if organization is None
                else self.organization_id(organization),
                name=name,
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
                format=_choice(InterviewFormat, format, "format"),
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
                subject=_choice(ResearchSubject, subject, "subject"),
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
                medium=_choice(ThankYouMedium, medium, "medium"),
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
                kind=_choice(DecisionKind, kind, "kind"),
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
                channel=_choice(Channel, channel, "channel"),
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
        item_id = self._ids("fbk")
        self.record(
            ev.FeedbackRecorded(
                at=self._at(at),
                item_id=item_id,
                application_id=self.application_id(application),
                sentiment=_choice(Sentiment, sentiment, "sentiment"),
                category=_choice(FeedbackCategory, category, "category"),
                request_id=request,
                person_id=None if person is None else self._person_id(person),
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
                question=_choice(FollowUpQuestion, question, "question"),
                answer=_choice(Answer, answer, "answer"),
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
                kind=_choice(ActionKind, kind, "kind"),
                title=title,
                due=due,
                feedback_item_id=feedback_item,
                application_id=None if application is None else self.application_id(application),
                person_id=None if person is None else self._person_id(person),
            )
        )
        return action_id

    def complete_action(self, action: str, *, at: datetime | None = None) -> None:
        self.record(ev.ActionCompleted(at=self._at(at), action_id=action))

    def agree_stay_in_touch(
        self, person: str, *, cadence_days: int | None = None, at: datetime | None = None
    ) -> None:
        """The person agreed to stay in touch: reminders on a cadence, and a referral source."""
        self.record(
            ev.StayInTouchAgreed(
                at=self._at(at),
                person_id=self._person_id(person),
                cadence_days=cadence_days or self.settings.stay_in_touch_days,
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
                channel=_choice(Channel, channel, "channel"),
                about_posting=about_posting,
                note=note,
            )
        )
        return touchpoint_id

    # --- privacy --------------------------------------------------------------------------------

    def forget(self, person: str, *, at: datetime | None = None) -> int:
        """Remove a person's personal data from the workspace and, physically, from the store.

        Appends :class:`~afterview.events.ContactForgotten`, then rewrites every stored event
        that held the person's name, contact details or notes, and every reminder in the outbox
        that was about them or named them. Returns how many stored events were rewritten.

        Forgetting a person already forgotten records nothing and rewrites whatever still holds
        their data: a ``forget`` cut short after its event was stored can be run again.
        """
        person_id = self._person_id(person)
        name = self.state.people[person_id].name
        if not self.state.people[person_id].forgotten:
            self.record(ev.ContactForgotten(at=self._at(at), person_id=person_id))
        state = self.state
        replacements: dict[int, str] = {}
        for stored in self._log.read(0):
            redacted = redact_event(loads_event(stored.data), person_id, state)
            if redacted is not None:
                replacements[stored.position] = dumps_event(redacted)
        self._log.redact(replacements)
        from afterview.dispatch import redact_reminders

        redact_reminders(self._log, person_id, name)
        log.info(
            "workspace %r: forgot a person, %d event(s) rewritten", self.name, len(replacements)
        )
        return len(replacements)

    def export(self, person: str | None = None, *, now: datetime | None = None) -> ExportDocument:
        """Everything held about this workspace, or only the events about one person."""
        events = self.events()
        if person is not None:
            person_id = self._person_id(person)
            state = self.state
            events = [e for e in events if mentions(e, person_id, state)]
        return ExportDocument(
            workspace=self.name, exported_at=now or self.clock(), events=tuple(events)
        )

    def watch(self, now: datetime | None = None) -> WatchReport:
        """Check the job boards of organizations whose contacts left the door open.

        See :mod:`afterview.watch`: new matching postings and closed ones are recorded.
        """
        from afterview.watch import watch

        return watch(self, now or self.clock())

    def import_from(self, url: str, *, progress: ProgressCallback | None = None) -> ImportReport:
        """Import a candidate's history from an ATS (``greenhouse://…``, ``lever://…``).

        Idempotent: see :mod:`afterview.importing`.
        """
        from afterview.ats import close_quietly
        from afterview.importing import import_records

        importer = self.plugins.open_importer(url)
        try:
            return import_records(self, importer, progress=progress)
        finally:
            close_quietly(importer)

    def import_export(self, document: ExportDocument) -> int:
        """Append an export's events; a re-import of the same export adds nothing.

        The workspace must be empty or hold a prefix of the export's events.
        Returns the number of events added.
        """
        existing = self.events()
        if list(document.events[: len(existing)]) != existing:
            raise EventRejected(
                "import",
                f"workspace {self.name!r} already holds events that are not in this export; "
                "import into a new workspace instead",
            )
        new = document.events[len(existing) :]
        if new:
            self.record(*new)
        return len(new)


def _points(
    *candidates: tuple[ContactPointKind, str | None, bool], source: DetailSource
) -> tuple[ContactPoint, ...]:
    return tuple(
        ContactPoint(kind, value.strip(), direct, source)
        for kind, value, direct in candidates
        if value is not None and value.strip()
    )


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
