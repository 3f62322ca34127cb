"""The wake-up index misses nothing.

* Every built-in rule's wake is honest: at any moment before it, the rule gives exactly the
  advice it gives now.
* Random job searches driven through time, reminded by rounds that visit only the workspaces
  the index names, get the very reminders a brute-force dispatcher visiting every workspace
  every time delivers: none missed, none extra, none late.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from afterview import (
    Advice,
    AfterviewError,
    PluginManager,
    Rule,
    State,
    Workspace,
    hookimpl,
    remind_all,
)
from afterview import rule as rule_decorator
from afterview.model import ActionKind, Channel, DecisionKind, FeedbackRequestStatus
from afterview.playbook.agenda import next_wake
from afterview.playbook.builtin import BUILTIN_RULES
from afterview.scope import ScopedStore
from afterview.settings import Settings
from afterview.testing.fakes import FakeNotifier
from conftest import counting_ids

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)

_offsets = st.integers(min_value=-40 * 24 * 60, max_value=40 * 24 * 60).map(
    lambda minutes: timedelta(minutes=minutes)
)
_pasts = st.integers(min_value=0, max_value=20 * 24 * 60).map(lambda m: -timedelta(minutes=m))


class FakeChannels:
    """Claims the ``fake:`` notifier URL with one :class:`FakeNotifier`."""

    def __init__(self) -> None:
        self.notifier = FakeNotifier()

    @hookimpl
    def afterview_open_notifier(self, url: str) -> FakeNotifier | None:
        return self.notifier if url == "fake:" else None

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"notifier": ["fake:"]}


Ids = dict[str, list[str]]
Step = Callable[[Workspace, Ids, datetime], None]


def _pick(ids: Ids, kind: str, index: int) -> str:
    return ids[kind][index % len(ids[kind])] if ids[kind] else f"no-{kind}"


def draw_step(data: st.DataObject) -> Step:
    """One fact of a job search, drawn once so that it can be recorded in two workspaces."""
    kind = data.draw(
        st.sampled_from(
            [
                "person",
                "application",
                "interview",
                "interview",
                "held",
                "decision",
                "request",
                "request",
                "answered",
                "action",
                "action",
                "action",
                "done",
                "stay",
                "touch",
            ]
        ),
        label="step",
    )
    past = data.draw(_pasts, label="at")
    offset = data.draw(_offsets, label="when")
    which = data.draw(st.integers(min_value=0, max_value=20), label="which")
    other = data.draw(st.integers(min_value=0, max_value=20), label="other")
    decision = data.draw(st.sampled_from(DecisionKind), label="decision")
    cadence = data.draw(st.integers(min_value=1, max_value=30), label="cadence")

    def step(ws: Workspace, ids: Ids, now: datetime) -> None:
        at = now + past
        if kind == "person":
            name = f"Person {len(ids['person'])}"
            ids["person"].append(ws.add_contact(name, "interviewer", organization=ids["org"][0]))
        elif kind == "application":
            ids["app"].append(ws.submit_application(ids["org"][0], "Analyst", at=at))
        elif kind == "interview":
            people = [_pick(ids, "person", other)]
            app = _pick(ids, "app", which)
            interview = ws.schedule_interview(app, now + offset, interviewers=people, at=at)
            ids["interview"].append(interview)
        elif kind == "held":
            ws.record_interview_held(_pick(ids, "interview", which), at=at)
        elif kind == "decision":
            ws.record_decision(_pick(ids, "app", which), decision, at=at)
        elif kind == "request":
            app, person = _pick(ids, "app", which), _pick(ids, "person", other)
            request = ws.request_feedback_call(app, person, channel=Channel.EMAIL, at=at)
            ids["request"].append(request)
        elif kind == "answered":
            ws.schedule_feedback_call(_pick(ids, "request", which), now + abs(offset), at=at)
        elif kind == "action":
            ids["action"].append(
                ws.plan_action(ActionKind.SKILL_PLAN, "Practise", now + offset, at=at)
            )
        elif kind == "done":
            # In the order they were planned: ids are random, and an action picked by its id
            # would make the same draws a different search (Hypothesis replays draws).
            if ids["action"]:
                ws.complete_action(_pick(ids, "action", which), at=now)
        elif kind == "stay":
            ws.agree_stay_in_touch(_pick(ids, "person", other), cadence_days=cadence, at=at)
        else:
            ws.log_touchpoint(_pick(ids, "person", other), at=at)

    return step


def prelude(ws: Workspace) -> Ids:
    org = ws.add_organization("Acme", at=START - timedelta(days=30))
    person = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    app = ws.submit_application(org, "Analyst", at=START - timedelta(days=30))
    return {
        "org": [org],
        "person": [person],
        "app": [app],
        "interview": [],
        "request": [],
        "action": [],
    }


def record(step: Step, ws: Workspace, ids: Ids, now: datetime) -> None:
    with contextlib.suppress(AfterviewError):  # a fact that does not fit is refused: fine
        step(ws, ids, now)


# --- each rule's wake -------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_rule_changes_its_advice_before_it_says_it_wakes(data: st.DataObject) -> None:
    now = START
    ws = Workspace.open("memory://", plugin_manager=PluginManager(load_entry_points=False))
    ws.clock = lambda: now
    ids = prelude(ws)
    for _ in range(data.draw(st.integers(min_value=1, max_value=15), label="steps")):
        record(draw_step(data), ws, ids, now)
    state, config = ws.state, Settings()
    at = now + data.draw(_offsets, label="now")
    for rule in BUILTIN_RULES:
        assert rule.wakes is not None, f"{rule.code} does not say when it wakes"
        wake = rule.wakes(state, at, config)
        assert wake is None or wake > at
        before = list(rule.check(state, at, config))
        limit = wake if wake is not None else at + timedelta(days=400)
        span = (limit - at) // timedelta(microseconds=1)
        later = [limit - timedelta(microseconds=1)]
        later.append(at + timedelta(microseconds=data.draw(st.integers(0, span - 1))))
        for moment in later:
            note(f"{rule.code}: wake {wake}, checked at {moment}")
            assert list(rule.check(state, moment, config)) == before
    whole = next_wake(state, at, config, BUILTIN_RULES)
    wakes = [w for r in BUILTIN_RULES if r.wakes and (w := r.wakes(state, at, config))]
    assert whole == (min(wakes) if wakes else None)


def test_a_feedback_request_wakes_its_follow_up_when_the_answer_is_late() -> None:
    ws = Workspace.open("memory://", plugin_manager=PluginManager(load_entry_points=False))
    ids = prelude(ws)
    ws.record_decision(ids["app"][0], DecisionKind.REJECTED, at=START - timedelta(days=1))
    request = ws.request_feedback_call(ids["app"][0], ids["person"][0], at=START)
    assert ws.state.feedback_requests[request].status is FeedbackRequestStatus.SENT
    config = Settings()
    wake = next_wake(ws.state, START, config, BUILTIN_RULES)
    assert wake == START + timedelta(days=config.feedback_response_days)
    codes_before = {a.code for a in ws.agenda(wake - timedelta(microseconds=1))}
    assert "AV408" not in codes_before
    assert "AV408" in {a.code for a in ws.agenda(wake)}


# --- rounds with the index against a brute-force dispatcher -----------------------------------


def _world() -> tuple[PluginManager, FakeChannels]:
    plugins = PluginManager(load_entry_points=False)
    channels = FakeChannels()
    plugins.register(channels, name="fake-channels")
    return plugins, channels


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_rounds_over_the_index_deliver_what_visiting_everyone_delivers(
    data: st.DataObject,
) -> None:
    now = START
    names = [f"seeker-{n}" for n in range(data.draw(st.integers(1, 4), label="workspaces"))]
    indexed_plugins, indexed = _world()
    brute_plugins, brute = _world()
    indexed_store = indexed_plugins.open_store("memory://")
    brute_store = brute_plugins.open_store("memory://")
    # The same facts in both stores: same ids, same clock.
    pairs: dict[str, tuple[Workspace, Workspace, Ids]] = {}
    for name in names:
        a = Workspace(indexed_store, name, plugin_manager=indexed_plugins, ids=counting_ids())
        b = Workspace(brute_store, name, plugin_manager=brute_plugins, ids=counting_ids())
        a.clock = b.clock = lambda: now
        ids = prelude(a)
        prelude(b)
        pairs[name] = (a, b, ids)
    # The brute force reaches the store through a scope: no index, so it visits everyone.
    everyone = ScopedStore(brute_store, names)
    visits = 0
    for _ in range(data.draw(st.integers(min_value=1, max_value=30), label="rounds")):
        for _ in range(data.draw(st.integers(min_value=0, max_value=3), label="facts")):
            name = data.draw(st.sampled_from(names), label="in")
            step = draw_step(data)
            a, b, ids = pairs[name]
            # The ids are the same in both: b's copy ends up as a's.
            theirs = {kind: list(known) for kind, known in ids.items()}
            record(step, a, ids, now)
            record(step, b, theirs, now)
        now += data.draw(
            st.one_of(
                st.integers(min_value=1, max_value=60).map(lambda m: m * MINUTE),
                st.integers(min_value=1, max_value=30).map(lambda h: timedelta(hours=h)),
                st.integers(min_value=1, max_value=10).map(lambda d: timedelta(days=d)),
            ),
            label="time passes",
        )
        report = remind_all(indexed_store, now, ["fake:"], plugin_manager=indexed_plugins)
        visits += report.visited
        remind_all(everyone, now, ["fake:"], plugin_manager=brute_plugins)
        got = sorted((n.key, n.title) for n in indexed.notifier.delivered.values())
        expected = sorted((n.key, n.title) for n in brute.notifier.delivered.values())
        assert got == expected, f"at {now}"
    note(f"{visits} visits by the indexed rounds")


def test_a_round_wakes_a_workspace_when_a_reminder_comes_within_the_look_ahead() -> None:
    plugins, channels = _world()
    store = plugins.open_store("memory://")
    ws = Workspace(store, "seeker", plugin_manager=plugins)
    prelude(ws)
    ws.plan_action(ActionKind.SKILL_PLAN, "Practise", START + timedelta(days=3), at=START)
    first = remind_all(store, START, ["fake:"], plugin_manager=plugins)
    assert (first.visited, first.dispatch.queued) == (1, 0)
    # Nothing changed and nothing is due: the index keeps the round away.
    assert (
        remind_all(store, START + timedelta(days=1), ["fake:"], plugin_manager=plugins).visited == 0
    )
    # A day before the action's date (the look-ahead), its reminder goes out.
    second = remind_all(store, START + timedelta(days=2.5), ["fake:"], plugin_manager=plugins)
    assert (second.visited, second.dispatch.delivered) == (1, 1)
    assert [n.code for n in channels.notifier.delivered.values()] == ["AV601"]


def test_a_single_workspace_remind_leaves_the_index_to_rounds_on_other_channels() -> None:
    plugins = PluginManager(load_entry_points=False)
    channels = TwoChannels()
    plugins.register(channels, name="two-channels")
    store = plugins.open_store("memory://")
    ws = Workspace(store, "seeker", plugin_manager=plugins)
    prelude(ws)
    ws.plan_action(ActionKind.SKILL_PLAN, "Practise", START + timedelta(days=1), at=START)
    # The job seeker's own remind, to their own channel…
    assert ws.dispatch(START + timedelta(hours=12), ["fake:"]).delivered == 1
    # …and the platform's round, to its channel, still finds the reminder to send.
    report = remind_all(store, START + timedelta(hours=13), ["other:"], plugin_manager=plugins)
    assert (report.visited, report.dispatch.delivered) == (1, 1)
    assert [n.code for n in channels.notifiers["other:"].delivered.values()] == ["AV601"]


def test_a_visit_from_the_future_leaves_the_index_as_it_was() -> None:
    plugins, channels = _world()
    store = plugins.open_store("memory://")
    ws = Workspace(store, "seeker", plugin_manager=plugins)
    today = datetime.now(UTC).replace(microsecond=0)
    org = ws.add_organization("Acme", at=today - timedelta(days=30))
    person = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    app = ws.submit_application(org, "Analyst", at=today - timedelta(days=30))
    ws.schedule_interview(app, today + timedelta(days=20), interviewers=[person], at=today)
    # A trial round with --now two months ahead: the interview is long past by then…
    remind_all(store, today + timedelta(days=60), ["fake:"], plugin_manager=plugins)
    (entry,) = store.wakeup_entries()
    assert entry.indexed_version == 0
    # …and the round the day before the interview still sends what is due before it.
    report = remind_all(store, today + timedelta(days=19), ["fake:"], plugin_manager=plugins)
    assert report.visited == 1
    assert {n.code for n in channels.notifier.delivered.values()} >= {"AV101"}


def test_a_rule_that_does_not_say_when_it_wakes_has_its_workspaces_visited_every_round() -> None:
    @rule_decorator("ZZ101", "always-something")
    def always(state: State, now: datetime, settings: Settings) -> Iterator[Advice]:
        """A plugin's rule that says nothing of when its advice changes."""
        return iter(())

    class Plugin:
        @hookimpl
        def afterview_rules(self) -> Sequence[Rule]:
            return (always,)

    plugins, _ = _world()
    plugins.register(Plugin(), name="zz")
    store = plugins.open_store("memory://")
    prelude(Workspace(store, "seeker", plugin_manager=plugins))
    for hours in range(3):
        moment = START + timedelta(hours=hours)
        assert remind_all(store, moment, ["fake:"], plugin_manager=plugins).visited == 1


class TwoChannels:
    """Claims ``fake:`` and ``other:``, one :class:`FakeNotifier` each."""

    def __init__(self) -> None:
        self.notifiers = {"fake:": FakeNotifier("fake:"), "other:": FakeNotifier("other:")}

    @hookimpl
    def afterview_open_notifier(self, url: str) -> FakeNotifier | None:
        return self.notifiers.get(url)

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"notifier": ["fake:", "other:"]}


def test_a_round_sends_each_job_seekers_reminders_to_their_profiles_notifiers() -> None:
    plugins = PluginManager(load_entry_points=False)
    channels = TwoChannels()
    plugins.register(channels, name="two-channels")
    store = plugins.open_store("memory://")
    for name, url in (("ana", "fake:"), ("ben", "other:")):
        ws = Workspace(store, name, plugin_manager=plugins)
        prelude(ws)
        ws.set_profile(notify=[url], at=START - timedelta(days=1))
        ws.plan_action(ActionKind.SKILL_PLAN, "Practise", START + timedelta(days=3), at=START)
    report = remind_all(store, START + timedelta(days=2.5), plugin_manager=plugins)
    assert report.dispatch.delivered == 2
    delivered = {
        url: sorted(n.workspace for n in notifier.delivered.values())
        for url, notifier in channels.notifiers.items()
    }
    assert delivered == {"fake:": ["ana"], "other:": ["ben"]}
