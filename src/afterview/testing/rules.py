"""The rule contract: what every playbook rule promises, as a test a plugin author reruns.

Subclass :class:`RuleContract` in a test module and name your rules::

    from afterview.testing import RuleContract
    from my_plugin.rules import RULES

    class TestMyRules(RuleContract):
        rules = RULES

The contract drives random but valid job searches (a hypothesis state machine that records
organizations, contacts, interviews, thank-you notes, decisions, feedback, actions…) and, after
every step, checks each rule on the workspace's state:

1. **metadata** — the code is letters then three digits, the rationale is not empty, every name
   in ``resolved_by`` is an event type and every name in ``settings`` is a setting;
2. **it runs** — the rule does not raise on a valid workspace;
3. **determinism** — the same state, time and settings give the same advice, twice;
4. **its own advice** — every advice carries the rule's code, name and ``resolved_by``, and a
   timezone-aware due time;
5. **known subjects** — every subject is of a known kind (:data:`SUBJECT_KINDS`) and names an
   entity the state holds;
6. **resolution** — for an advice with ``resolved_by``, among the events of those types that can
   be recorded for the advice's subjects, at least one makes the advice disappear. (This is what
   ``resolved_by`` means: the rule itself stops advising once such an event is in the state; the
   agenda never hides advice on its own. See ``docs/playbook.md``.)
7. **wake** — for a rule that says when it wakes (``wakes=``), the moment it gives is after
   ``now`` (or ``None``: never), and until then its advice stays exactly what it is now: a
   platform's reminder round leaves the workspace alone until that moment, so an early change
   would be a missed reminder.

A failure says which of these rules failed, for which rule code, and on which advice.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import attrs
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from afterview import events as ev
from afterview.errors import EventRejected
from afterview.events import EVENT_TYPES
from afterview.fold import State
from afterview.model import (
    ActionKind,
    Answer,
    Channel,
    ContactPoint,
    ContactPointKind,
    DecisionKind,
    FeedbackCategory,
    FeedbackRequestStatus,
    FollowUpQuestion,
    InterviewFormat,
    InterviewStatus,
    ResearchSubject,
    Role,
    Sentiment,
    ThankYouMedium,
)
from afterview.playbook.rule import _CODE as _RULE_CODE
from afterview.playbook.rule import Advice, Rule
from afterview.plugin_manager import PluginManager
from afterview.settings import Settings
from afterview.workspace import Workspace

__all__ = [
    "SUBJECT_KINDS",
    "RuleContract",
    "RuleContractError",
    "check_advice",
    "check_resolution",
    "check_rule_metadata",
    "check_wake",
    "resolving_candidates",
    "rule_contract_machine",
]

#: The moment every story starts.
T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)

#: Which state table each kind of advice subject lives in.
SUBJECT_KINDS: dict[str, Callable[[State], Any]] = {
    "organization": lambda s: s.organizations,
    "person": lambda s: s.people,
    "application": lambda s: s.applications,
    "interview": lambda s: s.interviews,
    "research": lambda s: s.research,
    "thank_you": lambda s: s.thank_yous,
    "feedback_request": lambda s: s.feedback_requests,
    "feedback_item": lambda s: s.feedback_items,
    "action": lambda s: s.actions,
    "touchpoint": lambda s: s.touchpoints,
    "posting": lambda s: s.postings,
}

#: Extra resolving events a plugin author supplies for their own rules: called with the state,
#: the advice, the name of one of its ``resolved_by`` events and the moment to record it at.
Candidates = Callable[[State, Advice, str, datetime], Iterable[ev.Event]]


class RuleContractError(AssertionError):
    """A rule broke the rule contract; the message says which part, for which rule."""


def _plugins() -> PluginManager:
    # Only afterview's own plugins: the stories must not depend on what else is installed.
    return PluginManager(load_entry_points=False)


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _counting_ids() -> Callable[[str], str]:
    counter = itertools.count(1)
    return lambda prefix: f"{prefix}_{next(counter)}"


def _alive(state: State) -> list[str]:
    return sorted(p for p, person in state.people.items() if not person.forgotten)


def _open_applications(state: State) -> list[str]:
    return sorted(
        a
        for a in state.applications
        if a not in state.decisions or not state.decisions[a].kind.final
    )


def _requests(state: State, *statuses: FeedbackRequestStatus) -> list[str]:
    return sorted(r for r, req in state.feedback_requests.items() if req.status in statuses)


class _Resolvers:
    """Events that may resolve an advice, built from its subjects (several candidates each)."""

    def __init__(self, state: State, advice: Advice, at: datetime, ids: Iterator[int]) -> None:
        self.state = state
        self.at = at
        self.ids = ids
        self.subjects: dict[str, str] = {}
        for subject in advice.subjects:
            self.subjects.setdefault(subject.kind, subject.id)

    def _id(self, prefix: str) -> str:
        return f"{prefix}_r{next(self.ids)}"

    def _interviewers(self, application: str) -> list[str]:
        people = self.state.people
        return sorted(
            {
                p
                for i in self.state.interviews_of(application)
                for p in i.interviewers
                if not people[p].forgotten
            }
        )

    def candidates(self, tag: str) -> list[ev.Event]:
        s, at = self.subjects, self.at
        person, application = s.get("person"), s.get("application")
        interview, request = s.get("interview"), s.get("feedback_request")
        if application is None and request is not None:
            application = self.state.feedback_requests[request].application_id
        if application is None and interview is not None:
            application = self.state.interviews[interview].application_id
        if person is None and request is not None:
            person = self.state.feedback_requests[request].person_id
        out: list[ev.Event] = []
        card = (
            ContactPoint(ContactPointKind.CELL_PHONE, "+1 555 0199", direct=True),
            ContactPoint(ContactPointKind.MAILING_ADDRESS, "1 Main Street"),
        )
        match tag:
            case "ThankYouSent" if interview and person:
                out.append(
                    ev.ThankYouSent(
                        at=at,
                        note_id=self._id("thx"),
                        interview_id=interview,
                        person_id=person,
                        medium=ThankYouMedium.HANDWRITTEN,
                        delivered_at=at,
                    )
                )
            case "ThankYouDelivered" if interview and person:
                note_id = self.state.thank_you_by_meeting.get((interview, person))
                if note_id:
                    out.append(ev.ThankYouDelivered(at=at, note_id=note_id))
            case "FeedbackRequested" if application:
                # Without a person subject, the advice means "ask someone who interviewed you".
                targets = [person] if person else self._interviewers(application)
                for target in targets:
                    for channel in (Channel.PHONE, Channel.VIDEO):
                        out.append(
                            ev.FeedbackRequested(
                                at=at,
                                request_id=self._id("fbr"),
                                application_id=application,
                                person_id=target,
                                channel=channel,
                            )
                        )
            case "FeedbackRequestSent" if request:
                out.append(ev.FeedbackRequestSent(at=at, request_id=request))
            case "FeedbackCallScheduled" if request:
                out.append(
                    ev.FeedbackCallScheduled(
                        at=at, request_id=request, scheduled_for=at + timedelta(days=1)
                    )
                )
            case "FeedbackCallHeld" if request:
                out.append(ev.FeedbackCallHeld(at=at, request_id=request))
            case "FeedbackRequestDeclined" if request:
                out.append(ev.FeedbackRequestDeclined(at=at, request_id=request))
            case "FeedbackRequestUnanswered" if request:
                out.append(ev.FeedbackRequestUnanswered(at=at, request_id=request))
            case "FeedbackRecorded" if application:
                for sentiment in Sentiment:
                    out.append(
                        ev.FeedbackRecorded(
                            at=at,
                            item_id=self._id("fbk"),
                            application_id=application,
                            sentiment=sentiment,
                            category=FeedbackCategory.SKILL,
                            request_id=request,
                            person_id=person if request is None else None,
                        )
                    )
            case "ActionPlanned":
                item = s.get("feedback_item")
                for kind in ActionKind:
                    out.append(
                        ev.ActionPlanned(
                            at=at,
                            action_id=self._id("act"),
                            kind=kind,
                            title="Next step",
                            due=at + timedelta(days=7),
                            feedback_item_id=item,
                            application_id=application,
                            person_id=person,
                        )
                    )
            case "ActionCompleted" if "action" in s:
                out.append(ev.ActionCompleted(at=at, action_id=s["action"]))
            case "FollowUpAnswered" if application and person:
                for question in FollowUpQuestion:
                    out.append(
                        ev.FollowUpAnswered(
                            at=at,
                            application_id=application,
                            person_id=person,
                            question=question,
                            answer=Answer.YES,
                        )
                    )
            case "ResearchNoted" if application:
                for subject in ResearchSubject:
                    out.append(
                        ev.ResearchNoted(
                            at=at,
                            note_id=self._id("res"),
                            application_id=application,
                            subject=subject,
                            person_id=person,
                        )
                    )
            case "BusinessCardCollected" if person:
                out.append(
                    ev.BusinessCardCollected(
                        at=at, person_id=person, points=card, interview_id=interview
                    )
                )
            case "ContactDetailsAdded" if person:
                out.append(ev.ContactDetailsAdded(at=at, person_id=person, points=card))
            case "PeopleMet" if interview:
                met = set(self.state.interviews[interview].everyone)
                others = [p for p in _alive(self.state) if p not in met][:5]
                out.extend(
                    ev.PeopleMet(at=at, interview_id=interview, person_ids=(p,)) for p in others
                )
            case "StayInTouchAgreed" if person:
                out.append(ev.StayInTouchAgreed(at=at, person_id=person, cadence_days=42))
            case "StayInTouchEnded" if person:
                out.append(ev.StayInTouchEnded(at=at, person_id=person))
            case "TouchpointLogged" if person:
                out.append(
                    ev.TouchpointLogged(
                        at=at,
                        touchpoint_id=self._id("tch"),
                        person_id=person,
                        channel=Channel.PHONE,
                    )
                )
            case "PostingClosed" if "posting" in s:
                out.append(ev.PostingClosed(at=at, posting_id=s["posting"]))
            case "InterviewHeld" if interview:
                out.append(ev.InterviewHeld(at=at, interview_id=interview))
            case "InterviewCancelled" if interview:
                out.append(ev.InterviewCancelled(at=at, interview_id=interview))
        return out


class JobSearchStory(RuleBasedStateMachine):
    """Random but valid job searches, recorded through a real :class:`~afterview.Workspace`."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = _Clock(T0)
        self.ws = Workspace.open(
            "memory://", plugin_manager=_plugins(), clock=self.clock, ids=_counting_ids()
        )
        self.resolver_ids = itertools.count(1)

    @initialize()
    def a_search_has_begun(self) -> None:
        org = self.ws.add_organization("Acme")
        interviewer = self.ws.add_contact("Dana", Role.INTERVIEWER, organization=org)
        self.ws.add_contact("Sam", Role.RECEPTIONIST, organization=org)
        application = self.ws.submit_application(org, "Analyst")
        self.ws.schedule_interview(
            application, self.clock.now + timedelta(days=3), interviewers=[interviewer]
        )

    @property
    def state(self) -> State:
        return self.ws.state

    def _pick(self, data: st.DataObject, options: list[str]) -> str:
        return data.draw(st.sampled_from(options))

    # --- time ----------------------------------------------------------------------------------

    @rule(hours=st.integers(min_value=1, max_value=24 * 21))
    def time_passes(self, hours: int) -> None:
        self.clock.now += timedelta(hours=hours)

    # --- organizations and people --------------------------------------------------------------

    @rule(name=st.sampled_from(["Acme", "Globex", "Initech", "Umbrella", "Hooli"]))
    def add_organization(self, name: str) -> None:
        self.ws.add_organization(name)

    @precondition(lambda self: bool(self.state.organizations))
    @rule(role=st.sampled_from(Role), data=st.data())
    def add_contact(self, role: Role, data: st.DataObject) -> None:
        org = self._pick(data, sorted(self.state.organizations))
        self.ws.add_contact(f"Person {len(self.state.people)}", role, organization=org)

    @precondition(lambda self: bool(_alive(self.state)))
    @rule(data=st.data(), direct=st.booleans())
    def add_contact_details(self, data: st.DataObject, direct: bool) -> None:
        person = self._pick(data, _alive(self.state))
        point = ContactPoint(ContactPointKind.WORK_PHONE, "+1 555 0100", direct=direct)
        self.ws.add_contact_details(person, [point])

    # --- applications and interviews -------------------------------------------------------------

    @precondition(lambda self: bool(self.state.organizations))
    @rule(data=st.data())
    def submit_application(self, data: st.DataObject) -> None:
        self.ws.submit_application(self._pick(data, sorted(self.state.organizations)), "Analyst")

    @precondition(lambda self: bool(_open_applications(self.state)))
    @rule(
        data=st.data(),
        days=st.integers(min_value=-3, max_value=20),
        fmt=st.sampled_from(InterviewFormat),
    )
    def schedule_interview(self, data: st.DataObject, days: int, fmt: InterviewFormat) -> None:
        application = self._pick(data, _open_applications(self.state))
        people = data.draw(st.lists(st.sampled_from(_alive(self.state) or ["-"]), max_size=2))
        self.ws.schedule_interview(
            application,
            self.clock.now + timedelta(days=days),
            interviewers=[p for p in people if p != "-"],
            format=fmt,
        )

    def _scheduled(self) -> list[str]:
        return sorted(
            i for i, v in self.state.interviews.items() if v.status is InterviewStatus.SCHEDULED
        )

    def _held(self) -> list[str]:
        return sorted(
            i for i, v in self.state.interviews.items() if v.status is InterviewStatus.HELD
        )

    @precondition(lambda self: bool(self._scheduled()))
    @rule(data=st.data())
    def hold_interview(self, data: st.DataObject) -> None:
        interview = self._pick(data, self._scheduled())
        met = data.draw(st.lists(st.sampled_from(_alive(self.state) or ["-"]), max_size=2))
        self.ws.record_interview_held(interview, people_met=[p for p in met if p != "-"])

    @precondition(lambda self: bool(self._scheduled()))
    @rule(data=st.data())
    def cancel_interview(self, data: st.DataObject) -> None:
        self.ws.cancel_interview(self._pick(data, self._scheduled()))

    @precondition(lambda self: bool(self._held() and _alive(self.state)))
    @rule(data=st.data())
    def record_people_met(self, data: st.DataObject) -> None:
        interview = self._pick(data, self._held())
        self.ws.record_people_met(interview, [self._pick(data, _alive(self.state))])

    def _meetings(self, thanked: bool | None = None) -> list[tuple[str, str]]:
        s = self.state
        return sorted(
            (i.id, p)
            for i in s.interviews.values()
            if i.status is InterviewStatus.HELD
            for p in i.everyone
            if not s.people[p].forgotten
            and (thanked is None or ((i.id, p) in s.thank_you_by_meeting) is thanked)
        )

    @precondition(lambda self: bool(self._meetings()))
    @rule(data=st.data(), address=st.booleans())
    def collect_business_card(self, data: st.DataObject, address: bool) -> None:
        interview, person = data.draw(st.sampled_from(self._meetings()))
        self.ws.collect_business_card(
            person,
            cell_phone="+1 555 0101",
            mailing_address="1 Main Street" if address else None,
            interview=interview,
        )

    @precondition(lambda self: bool(self.state.applications))
    @rule(data=st.data(), subject=st.sampled_from(ResearchSubject))
    def note_research(self, data: st.DataObject, subject: ResearchSubject) -> None:
        self.ws.note_research(self._pick(data, sorted(self.state.applications)), subject)

    # --- thank-you notes -----------------------------------------------------------------------

    @precondition(lambda self: bool(self._meetings(thanked=False)))
    @rule(data=st.data(), medium=st.sampled_from(ThankYouMedium), delivered=st.booleans())
    def send_thank_you(self, data: st.DataObject, medium: ThankYouMedium, delivered: bool) -> None:
        interview, person = data.draw(st.sampled_from(self._meetings(thanked=False)))
        self.ws.send_thank_you(
            interview, person, medium=medium, delivered_at=self.clock.now if delivered else None
        )

    def _undelivered(self) -> list[str]:
        return sorted(n for n, note in self.state.thank_yous.items() if note.delivered_at is None)

    @precondition(lambda self: bool(self._undelivered()))
    @rule(data=st.data())
    def thank_you_delivered(self, data: st.DataObject) -> None:
        self.ws.mark_thank_you_delivered(self._pick(data, self._undelivered()))

    # --- decisions and feedback ----------------------------------------------------------------

    @precondition(lambda self: bool(_open_applications(self.state)))
    @rule(data=st.data(), kind=st.sampled_from(DecisionKind))
    def decide(self, data: st.DataObject, kind: DecisionKind) -> None:
        self.ws.record_decision(self._pick(data, _open_applications(self.state)), kind)

    @precondition(lambda self: bool(self.state.decisions and _alive(self.state)))
    @rule(data=st.data(), channel=st.sampled_from(Channel), sent=st.booleans())
    def request_feedback(self, data: st.DataObject, channel: Channel, sent: bool) -> None:
        application = self._pick(data, sorted(self.state.decisions))
        person = self._pick(data, _alive(self.state))
        self.ws.request_feedback_call(application, person, channel=channel, sent=sent)

    @precondition(lambda self: bool(_requests(self.state, FeedbackRequestStatus.DRAFTED)))
    @rule(data=st.data())
    def send_request(self, data: st.DataObject) -> None:
        request = self._pick(data, _requests(self.state, FeedbackRequestStatus.DRAFTED))
        self.ws.mark_feedback_request_sent(request)

    @precondition(
        lambda self: bool(
            _requests(self.state, FeedbackRequestStatus.SENT, FeedbackRequestStatus.SCHEDULED)
        )
    )
    @rule(data=st.data(), move=st.sampled_from(["schedule", "held", "declined"]))
    def answer_request(self, data: st.DataObject, move: str) -> None:
        request = self._pick(
            data, _requests(self.state, FeedbackRequestStatus.SENT, FeedbackRequestStatus.SCHEDULED)
        )
        if move == "schedule":
            self.ws.schedule_feedback_call(request, self.clock.now + timedelta(days=2))
        elif move == "held":
            self.ws.record_feedback_call_held(request)
        else:
            self.ws.record_feedback_declined(request)

    @precondition(lambda self: bool(_requests(self.state, FeedbackRequestStatus.SENT)))
    @rule(data=st.data())
    def request_unanswered(self, data: st.DataObject) -> None:
        self.ws.record_no_response(
            self._pick(data, _requests(self.state, FeedbackRequestStatus.SENT))
        )

    @precondition(lambda self: bool(self.state.applications))
    @rule(
        data=st.data(),
        sentiment=st.sampled_from(Sentiment),
        category=st.sampled_from(FeedbackCategory),
        themes=st.lists(st.sampled_from(["SQL", "listening", "examples"]), max_size=2),
    )
    def record_feedback(
        self,
        data: st.DataObject,
        sentiment: Sentiment,
        category: FeedbackCategory,
        themes: list[str],
    ) -> None:
        application = self._pick(data, sorted(self.state.applications))
        # Nothing new may be recorded about a forgotten person, feedback from them included.
        alive = set(_alive(self.state))
        requests = [r.id for r in self.state.requests_of(application) if r.person_id in alive]
        request = data.draw(st.sampled_from([None, *requests]))
        self.ws.record_feedback(
            application, sentiment, category, "notes", request=request, themes=themes
        )

    @precondition(lambda self: bool(self.state.applications and _alive(self.state)))
    @rule(
        data=st.data(),
        question=st.sampled_from(FollowUpQuestion),
        answer=st.sampled_from(Answer),
    )
    def answer_follow_up(
        self, data: st.DataObject, question: FollowUpQuestion, answer: Answer
    ) -> None:
        application = self._pick(data, sorted(self.state.applications))
        person = self._pick(data, _alive(self.state))
        self.ws.record_follow_up_answer(application, person, question, answer)

    # --- actions and the relationship -----------------------------------------------------------

    @rule(data=st.data(), kind=st.sampled_from(ActionKind), days=st.integers(0, 30))
    def plan_action(self, data: st.DataObject, kind: ActionKind, days: int) -> None:
        item = data.draw(st.sampled_from([None, *sorted(self.state.feedback_items)]))
        self.ws.plan_action(
            kind, "Next step", self.clock.now + timedelta(days=days), feedback_item=item
        )

    def _open_actions(self) -> list[str]:
        return sorted(a for a, action in self.state.actions.items() if action.completed_at is None)

    @precondition(lambda self: bool(self._open_actions()))
    @rule(data=st.data())
    def complete_action(self, data: st.DataObject) -> None:
        self.ws.complete_action(self._pick(data, self._open_actions()))

    @precondition(lambda self: bool(_alive(self.state)))
    @rule(data=st.data(), cadence=st.none() | st.integers(7, 90))
    def agree_stay_in_touch(self, data: st.DataObject, cadence: int | None) -> None:
        self.ws.agree_stay_in_touch(self._pick(data, _alive(self.state)), cadence_days=cadence)

    def _running_plans(self) -> list[str]:
        return sorted(p for p, plan in self.state.plans.items() if plan.ended_at is None)

    @precondition(lambda self: bool(self._running_plans()))
    @rule(data=st.data())
    def end_stay_in_touch(self, data: st.DataObject) -> None:
        self.ws.end_stay_in_touch(self._pick(data, self._running_plans()))

    @precondition(lambda self: bool(_alive(self.state)))
    @rule(data=st.data(), channel=st.sampled_from(Channel), about_posting=st.booleans())
    def log_touchpoint(self, data: st.DataObject, channel: Channel, about_posting: bool) -> None:
        person = self._pick(data, _alive(self.state))
        self.ws.log_touchpoint(person, channel, about_posting=about_posting, note="chat")

    @precondition(lambda self: bool(_alive(self.state)))
    @rule(data=st.data())
    def forget(self, data: st.DataObject) -> None:
        self.ws.forget(self._pick(data, _alive(self.state)))

    # --- the resolution property ----------------------------------------------------------------


def resolving_candidates(
    state: State, advice: Advice, event_type: str, at: datetime, ids: Iterator[int]
) -> list[ev.Event]:
    """Events of ``event_type`` built for ``advice``'s subjects: the ones the contract tries.

    Several candidates per type where the content matters (each channel of a request, each kind
    of action…); none when the subjects do not say enough to build one. ``ids`` numbers the new
    records.
    """
    return _Resolvers(state, advice, at, ids).candidates(event_type)


def _fail(part: str, r: Rule, detail: str) -> RuleContractError:
    return RuleContractError(f"rule contract, {part}: rule {r.code} ({r.name}) {detail}")


def check_rule_metadata(r: Rule, *, known_settings: Iterable[str] = ()) -> None:
    """The contract's first part: what a rule says about itself.

    :param known_settings: setting names beyond :class:`~afterview.Settings`' own (a plugin's,
        written ``NAME.field``).
    :raises RuleContractError: naming the part of the contract that failed.
    """
    if not isinstance(r, Rule):
        raise RuleContractError(
            f"rule contract, metadata: {r!r} is a {type(r).__name__}, not a Rule "
            "(make it with the afterview.rule decorator)"
        )
    if not _RULE_CODE.fullmatch(r.code):
        raise _fail("metadata", r, "has a code that is not letters then three digits")
    if not r.rationale.strip():
        raise _fail("metadata", r, "has no rationale (the check's docstring)")
    unknown = [name for name in r.resolved_by if name not in EVENT_TYPES]
    if unknown:
        raise _fail("metadata", r, f"is resolved by {unknown}, which are not event types")
    settings_known = {a.name for a in attrs.fields(Settings)} | set(known_settings)
    unknown = [name for name in r.settings if name not in settings_known]
    if unknown:
        raise _fail(
            "metadata",
            r,
            f"reads setting(s) {unknown} that do not exist "
            "(a plugin's own settings are named NAME.field)",
        )


def _run(r: Rule, state: State, now: datetime, settings: Settings) -> list[Advice]:
    try:
        return list(r.check(state, now, settings))
    except Exception as exc:
        raise _fail(
            "it runs", r, f"raised {type(exc).__name__} on a valid workspace: {exc}"
        ) from exc


def check_advice(r: Rule, state: State, now: datetime, settings: Settings) -> list[Advice]:
    """Parts 2 to 5 of the contract on one state: the rule runs, is deterministic, gives its own
    advice about entities the state holds. Returns the advice.

    :raises RuleContractError: naming the part of the contract that failed.
    """
    advice = _run(r, state, now, settings)
    if _run(r, state.copy(), now, settings) != advice:
        raise _fail("determinism", r, "gave different advice for the same state, time and settings")
    for a in advice:
        if (a.code, a.name) != (r.code, r.name):
            raise _fail("its own advice", r, f"gave advice coded {a.code} ({a.name})")
        if a.resolved_by != r.resolved_by:
            raise _fail(
                "its own advice",
                r,
                f"gave advice resolved by {list(a.resolved_by)}, not by the rule's "
                f"{list(r.resolved_by)} (make advice with rule.advise)",
            )
        if a.due.utcoffset() is None:
            raise _fail("its own advice", r, f"gave advice {a.key} with a naive due time")
        for subject in a.subjects:
            table = SUBJECT_KINDS.get(subject.kind)
            if table is None:
                raise _fail(
                    "known subjects",
                    r,
                    f"gave advice {a.key} about a {subject.kind!r}, which is no kind of entity "
                    f"(known: {', '.join(SUBJECT_KINDS)})",
                )
            if subject.id not in table(state):
                raise _fail(
                    "known subjects", r, f"gave advice {a.key} about {subject}, which is not there"
                )
    return advice


def check_wake(r: Rule, state: State, now: datetime, settings: Settings) -> None:
    """The contract's wake part on one state: a rule that says when its advice next changes
    with no new event (``wakes=``) gives a moment after ``now``, or ``None``, and gives the same
    advice at the last instant before it (a year on, for ``None``) as now.

    :raises RuleContractError: the wake is not after ``now``, or the advice changes before it.
    """
    if r.wakes is None:
        return
    try:
        wake = r.wakes(state, now, settings)
    except Exception as exc:
        raise _fail(
            "wake", r, f"its wake raised {type(exc).__name__} on a valid workspace"
        ) from exc
    if wake is not None and (wake.utcoffset() is None or wake <= now):
        raise _fail("wake", r, f"says it wakes at {wake}, which is not after now ({now})")
    later = wake - timedelta(microseconds=1) if wake is not None else now + timedelta(days=366)
    if _run(r, state, later, settings) != _run(r, state, now, settings):
        raise _fail(
            "wake",
            r,
            f"gives other advice at {later} than at {now}, before the wake it gives "
            f"({wake or 'never'}): a reminder round would miss the change",
        )


def check_resolution(
    r: Rule,
    advice: Advice,
    state: State,
    now: datetime,
    settings: Settings,
    *,
    ids: Iterator[int],
    extra: Candidates | None = None,
) -> ev.Event | None:
    """The contract's resolution part for one advice: the first resolving event that fits the
    state and removes the advice, or ``None`` when no event of a listed type fits its subjects.

    :raises RuleContractError: events of the listed types fit, and the advice stays after each.
    """
    fitting: list[str] = []
    for tag in advice.resolved_by:
        found = resolving_candidates(state, advice, tag, now, ids)
        if extra is not None:
            found += list(extra(state, advice, tag, now))
        for candidate in found:
            trial = state.copy()
            try:
                trial.apply(candidate)
            except EventRejected:
                continue
            fitting.append(candidate.type)
            if advice.key not in {a.key for a in _run(r, trial, now, settings)}:
                return candidate
    if fitting:
        raise _fail(
            "resolution",
            r,
            f"keeps advice {advice.key} after each of {sorted(set(fitting))} is recorded for its "
            "subjects: a rule must stop advising once an event it lists in resolved_by is in "
            "the state",
        )
    return None


def rule_contract_machine(
    rules: Sequence[Rule],
    *,
    settings: Settings | None = None,
    extra_candidates: Candidates | None = None,
) -> type[RuleBasedStateMachine]:
    """The state machine the contract runs: random job searches, ``rules`` checked after each
    step, and now and then an advice of theirs resolved (and the resolving event recorded, so
    that the story goes on from there).
    """
    chosen = settings or Settings(timezone="UTC")
    under_test = list(rules)

    class RulesKeepTheContract(JobSearchStory):
        def __init__(self) -> None:
            super().__init__()
            self.resolver_ids = itertools.count(1)

        def advice(self) -> list[tuple[Rule, Advice]]:
            now = self.clock.now
            return [(r, a) for r in under_test for a in check_advice(r, self.state, now, chosen)]

        @invariant()
        def every_rule_keeps_its_wake(self) -> None:
            for r in under_test:
                check_wake(r, self.state, self.clock.now, chosen)

        @invariant()
        def every_rule_keeps_the_contract(self) -> None:
            self.advice()

        @rule(data=st.data())
        def resolve_an_advice(self, data: st.DataObject) -> None:
            given = self.advice()
            if not given:
                return
            r, advice = data.draw(st.sampled_from(given), label="advice to resolve")
            resolving = check_resolution(
                r,
                advice,
                self.state,
                self.clock.now,
                chosen,
                ids=self.resolver_ids,
                extra=extra_candidates,
            )
            if resolving is not None:
                self.ws.record(resolving)

    return RulesKeepTheContract


class RuleContract:
    """What every playbook rule promises (see the module). Set :attr:`rules` in a subclass."""

    #: The rules under test.
    rules: ClassVar[Sequence[Rule]] = ()
    #: The settings they run with (the defaults, days ending in UTC, unless set).
    rule_settings: ClassVar[Settings | None] = None
    #: Setting names beyond afterview's own that the rules may list (``NAME.field``).
    plugin_setting_names: ClassVar[Sequence[str]] = ()
    #: How hard the stories work; raise it for a nightly run.
    story_settings: ClassVar[settings] = settings(
        max_examples=40,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )

    @classmethod
    def resolving_events(
        cls, state: State, advice: Advice, event_type: str, at: datetime
    ) -> Iterable[ev.Event]:
        """More events to try as resolutions, for rules resolved by events the kit cannot build
        from subjects alone; none by default."""
        return ()

    def test_rules_are_given(self) -> None:
        assert self.rules, "set 'rules' on your RuleContract subclass to the rules under test"

    def test_every_rule_describes_itself(self) -> None:
        for r in self.rules:
            check_rule_metadata(r, known_settings=self.plugin_setting_names)

    def test_random_job_searches_keep_the_contract(self) -> None:
        machine = rule_contract_machine(
            self.rules,
            settings=self.rule_settings,
            extra_candidates=type(self).resolving_events,
        )
        run_state_machine_as_test(machine, settings=self.story_settings)
