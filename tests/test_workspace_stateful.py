"""Random but valid job searches, driven through the Workspace API, keep the core's promises.

After every step: the stored log folds to the live state, the agenda is deterministic (twice in a
row, and from a fresh Workspace over the same store), every advice points at entities that exist,
and recording an event that an advice names in ``resolved_by``, for that advice's subjects,
removes that advice.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from afterview import PluginManager, Workspace
from afterview import events as ev
from afterview.errors import EventRejected
from afterview.fold import State, fold
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
from afterview.playbook.agenda import build_agenda
from afterview.testing.rules import SUBJECT_KINDS, resolving_candidates
from conftest import T0, Clock, counting_ids

PLUGINS = PluginManager(load_entry_points=False)


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


class JobSearch(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = Clock(T0)
        self.ws = Workspace.open(
            "memory://", plugin_manager=PLUGINS, clock=self.clock, ids=counting_ids()
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

    @precondition(lambda self: self.state.organizations)
    @rule(role=st.sampled_from(Role), data=st.data())
    def add_contact(self, role: Role, data: st.DataObject) -> None:
        org = self._pick(data, sorted(self.state.organizations))
        self.ws.add_contact(f"Person {len(self.state.people)}", role, organization=org)

    @precondition(lambda self: _alive(self.state))
    @rule(data=st.data(), direct=st.booleans())
    def add_contact_details(self, data: st.DataObject, direct: bool) -> None:
        person = self._pick(data, _alive(self.state))
        point = ContactPoint(ContactPointKind.WORK_PHONE, "+1 555 0100", direct=direct)
        self.ws.add_contact_details(person, [point])

    # --- applications and interviews -------------------------------------------------------------

    @precondition(lambda self: self.state.organizations)
    @rule(data=st.data())
    def submit_application(self, data: st.DataObject) -> None:
        self.ws.submit_application(self._pick(data, sorted(self.state.organizations)), "Analyst")

    @precondition(lambda self: _open_applications(self.state))
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

    @precondition(lambda self: self._scheduled())
    @rule(data=st.data())
    def hold_interview(self, data: st.DataObject) -> None:
        interview = self._pick(data, self._scheduled())
        met = data.draw(st.lists(st.sampled_from(_alive(self.state) or ["-"]), max_size=2))
        self.ws.record_interview_held(interview, people_met=[p for p in met if p != "-"])

    @precondition(lambda self: self._scheduled())
    @rule(data=st.data())
    def cancel_interview(self, data: st.DataObject) -> None:
        self.ws.cancel_interview(self._pick(data, self._scheduled()))

    @precondition(lambda self: self._held() and _alive(self.state))
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

    @precondition(lambda self: self._meetings())
    @rule(data=st.data(), address=st.booleans())
    def collect_business_card(self, data: st.DataObject, address: bool) -> None:
        interview, person = data.draw(st.sampled_from(self._meetings()))
        self.ws.collect_business_card(
            person,
            cell_phone="+1 555 0101",
            mailing_address="1 Main Street" if address else None,
            interview=interview,
        )

    @precondition(lambda self: self.state.applications)
    @rule(data=st.data(), subject=st.sampled_from(ResearchSubject))
    def note_research(self, data: st.DataObject, subject: ResearchSubject) -> None:
        self.ws.note_research(self._pick(data, sorted(self.state.applications)), subject)

    # --- thank-you notes -----------------------------------------------------------------------

    @precondition(lambda self: self._meetings(thanked=False))
    @rule(data=st.data(), medium=st.sampled_from(ThankYouMedium), delivered=st.booleans())
    def send_thank_you(self, data: st.DataObject, medium: ThankYouMedium, delivered: bool) -> None:
        interview, person = data.draw(st.sampled_from(self._meetings(thanked=False)))
        self.ws.send_thank_you(
            interview, person, medium=medium, delivered_at=self.clock.now if delivered else None
        )

    def _undelivered(self) -> list[str]:
        return sorted(n for n, note in self.state.thank_yous.items() if note.delivered_at is None)

    @precondition(lambda self: self._undelivered())
    @rule(data=st.data())
    def thank_you_delivered(self, data: st.DataObject) -> None:
        self.ws.mark_thank_you_delivered(self._pick(data, self._undelivered()))

    # --- decisions and feedback ----------------------------------------------------------------

    @precondition(lambda self: _open_applications(self.state))
    @rule(data=st.data(), kind=st.sampled_from(DecisionKind))
    def decide(self, data: st.DataObject, kind: DecisionKind) -> None:
        self.ws.record_decision(self._pick(data, _open_applications(self.state)), kind)

    @precondition(lambda self: self.state.decisions and _alive(self.state))
    @rule(data=st.data(), channel=st.sampled_from(Channel), sent=st.booleans())
    def request_feedback(self, data: st.DataObject, channel: Channel, sent: bool) -> None:
        application = self._pick(data, sorted(self.state.decisions))
        person = self._pick(data, _alive(self.state))
        self.ws.request_feedback_call(application, person, channel=channel, sent=sent)

    @precondition(lambda self: _requests(self.state, FeedbackRequestStatus.DRAFTED))
    @rule(data=st.data())
    def send_request(self, data: st.DataObject) -> None:
        request = self._pick(data, _requests(self.state, FeedbackRequestStatus.DRAFTED))
        self.ws.mark_feedback_request_sent(request)

    @precondition(
        lambda self: _requests(
            self.state, FeedbackRequestStatus.SENT, FeedbackRequestStatus.SCHEDULED
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

    @precondition(lambda self: _requests(self.state, FeedbackRequestStatus.SENT))
    @rule(data=st.data())
    def request_unanswered(self, data: st.DataObject) -> None:
        self.ws.record_no_response(
            self._pick(data, _requests(self.state, FeedbackRequestStatus.SENT))
        )

    @precondition(lambda self: self.state.applications)
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

    @precondition(lambda self: self.state.applications and _alive(self.state))
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

    @precondition(lambda self: self._open_actions())
    @rule(data=st.data())
    def complete_action(self, data: st.DataObject) -> None:
        self.ws.complete_action(self._pick(data, self._open_actions()))

    @precondition(lambda self: _alive(self.state))
    @rule(data=st.data(), cadence=st.none() | st.integers(7, 90))
    def agree_stay_in_touch(self, data: st.DataObject, cadence: int | None) -> None:
        self.ws.agree_stay_in_touch(self._pick(data, _alive(self.state)), cadence_days=cadence)

    def _running_plans(self) -> list[str]:
        return sorted(p for p, plan in self.state.plans.items() if plan.ended_at is None)

    @precondition(lambda self: self._running_plans())
    @rule(data=st.data())
    def end_stay_in_touch(self, data: st.DataObject) -> None:
        self.ws.end_stay_in_touch(self._pick(data, self._running_plans()))

    @precondition(lambda self: _alive(self.state))
    @rule(data=st.data(), channel=st.sampled_from(Channel), about_posting=st.booleans())
    def log_touchpoint(self, data: st.DataObject, channel: Channel, about_posting: bool) -> None:
        person = self._pick(data, _alive(self.state))
        self.ws.log_touchpoint(person, channel, about_posting=about_posting, note="chat")

    @precondition(lambda self: _alive(self.state))
    @rule(data=st.data())
    def forget(self, data: st.DataObject) -> None:
        self.ws.forget(self._pick(data, _alive(self.state)))

    # --- the resolution property ----------------------------------------------------------------

    @precondition(lambda self: self.ws.agenda())
    @rule(data=st.data())
    def resolve_an_advice(self, data: st.DataObject) -> None:
        now = self.clock.now
        advice = data.draw(st.sampled_from(self.ws.agenda(now)))
        state = self.state
        fitting: list[ev.Event] = []
        for tag in advice.resolved_by:
            for candidate in resolving_candidates(state, advice, tag, now, self.resolver_ids):
                trial = state.copy()
                try:
                    trial.apply(candidate)
                except EventRejected:
                    continue
                fitting.append(candidate)
                after = build_agenda(trial, now, self.ws.settings, self.ws.rules)
                if advice.key not in {a.key for a in after}:
                    event(f"{advice.code} resolved by {candidate.type}")
                    self.ws.record(candidate)
                    return
        assert not fitting, (
            f"rule {advice.code} ({advice.name}) advice {advice.key} stays after "
            f"{[e.type for e in fitting]} for its subjects"
        )
        event(f"{advice.code}: no resolver fits its subjects")

    # --- invariants -----------------------------------------------------------------------------

    @invariant()
    def the_log_folds_to_the_live_state(self) -> None:
        assert fold(self.ws.events()) == self.state

    @invariant()
    def the_agenda_is_deterministic(self) -> None:
        now = self.clock.now
        first = self.ws.agenda(now)
        assert self.ws.agenda(now) == first
        fresh = Workspace(self.ws.store, self.ws.name, plugin_manager=PLUGINS, clock=self.clock)
        assert fresh.agenda(now) == first
        assert [a.sort_key() for a in first] == sorted(a.sort_key() for a in first)

    @invariant()
    def advice_points_only_at_known_entities(self) -> None:
        state = self.state
        for advice in self.ws.agenda(self.clock.now):
            for subject in advice.subjects:
                assert subject.kind in SUBJECT_KINDS, f"{advice.code}: unknown kind {subject}"
                assert subject.id in SUBJECT_KINDS[subject.kind](state), (
                    f"{advice.code} points at a missing {subject}"
                )

    def teardown(self) -> None:
        self.ws.close()


JobSearch.TestCase.settings = settings(
    max_examples=50,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_random_job_searches_keep_the_cores_promises = JobSearch.TestCase
