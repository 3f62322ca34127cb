"""Random but valid job searches, driven through the Workspace API, keep the core's promises.

After every step: the stored log folds to the live state, the agenda is deterministic (twice in a
row, and from a fresh Workspace over the same store), every advice points at entities that exist,
and recording an event that an advice names in ``resolved_by``, for that advice's subjects,
removes that advice.
"""

from __future__ import annotations

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant, precondition, rule

from afterview import Workspace
from afterview import events as ev
from afterview.errors import EventRejected
from afterview.fold import fold
from afterview.playbook.agenda import build_agenda
from afterview.testing.rules import SUBJECT_KINDS, JobSearchStory, resolving_candidates


class JobSearch(JobSearchStory):
    """The rule contract's stories (every fact of a job search, recorded through a real
    Workspace), with the core's own promises checked after each step."""

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
        fresh = Workspace(
            self.ws.store, self.ws.name, plugin_manager=self.ws.plugins, clock=self.clock
        )
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
