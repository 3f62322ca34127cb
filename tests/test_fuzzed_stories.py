"""Fuzzed job searches never poison a workspace: whatever odd dates and durations a story tries
to record, recording refuses them with an ``AfterviewError`` or keeps them, and afterwards
``agenda`` and ``dispatch`` raise nothing but ``AfterviewError`` subclasses.

The agenda refuses only a ``now`` outside the range afterview accepts, and no rule fails on
the data a story managed to record. The number of stories is ``AFTERVIEW_FUZZ_EXAMPLES``
(default 300, a few seconds).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from afterview import AfterviewError, DataError, PluginManager, Workspace, hookimpl
from afterview.model import (
    ActionKind,
    Channel,
    DecisionKind,
    FeedbackCategory,
    Sentiment,
    ThankYouMedium,
)
from afterview.testing.fakes import FakeNotifier
from conftest import counting_ids

#: The documented range (``afterview.model.EARLIEST`` and ``LATEST``; see test_input_bounds).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
EXAMPLES = int(os.environ.get("AFTERVIEW_FUZZ_EXAMPLES", "300"))

_offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)

#: Moments a story may try: ordinary ones, the edges of what Python can represent, and the
#: edges of what afterview accepts.
moments = st.one_of(
    st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1), timezones=st.just(UTC)),
    st.datetimes(timezones=_offsets),
    st.sampled_from(
        [
            datetime.min.replace(tzinfo=UTC),
            datetime.max.replace(tzinfo=UTC),
            datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),
            datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-5))),
            datetime(1969, 12, 31, 23, 59, tzinfo=UTC),
            datetime(1970, 1, 1, tzinfo=UTC),
            datetime(2199, 12, 31, 23, 59, tzinfo=UTC),
            datetime(2200, 1, 1, tzinfo=UTC),
        ]
    ),
)
cadences = st.one_of(
    st.integers(min_value=1, max_value=100),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.sampled_from([0, 1826, 1827, 99_999_999_999]),
)


class FakeChannels:
    """Claims ``fake:`` notifier URLs."""

    def __init__(self) -> None:
        self.notifier = FakeNotifier()

    @hookimpl
    def afterview_open_notifier(self, url: str) -> FakeNotifier | None:
        return self.notifier if url == "fake:" else None

    @hookimpl
    def afterview_url_schemes(self) -> Mapping[str, Sequence[str]]:
        return {"notifier": ["fake:"]}


Step = Callable[[Workspace, dict[str, list[str]], st.DataObject], Any]


def _pick(data: st.DataObject, ids: dict[str, list[str]], kind: str) -> str:
    return data.draw(st.sampled_from(ids[kind])) if ids[kind] else f"no-{kind}"


def _step(data: st.DataObject, ws: Workspace, ids: dict[str, list[str]]) -> None:
    at = data.draw(moments, label="at")
    kind = data.draw(
        st.sampled_from(
            [
                "org",
                "person",
                "application",
                "interview",
                "held",
                "thanks",
                "decision",
                "request",
                "call",
                "feedback",
                "action",
                "stay",
                "touch",
            ]
        ),
        label="step",
    )
    if kind == "org":
        ids["org"].append(ws.add_organization(f"Org {len(ids['org'])}", at=at))
    elif kind == "person":
        organization = ids["org"][-1] if ids["org"] else None
        name = f"Person {len(ids['person'])}"
        ids["person"].append(ws.add_contact(name, "interviewer", organization=organization, at=at))
    elif kind == "application":
        ids["app"].append(ws.submit_application(_pick(data, ids, "org"), "Analyst", at=at))
    elif kind == "interview":
        when = data.draw(moments, label="scheduled_for")
        people = [ids["person"][-1]] if ids["person"] else []
        interview = ws.schedule_interview(_pick(data, ids, "app"), when, interviewers=people, at=at)
        ids["interview"].append(interview)
    elif kind == "held":
        ws.record_interview_held(_pick(data, ids, "interview"), at=at)
    elif kind == "thanks":
        medium = data.draw(st.sampled_from(ThankYouMedium))
        interview, person = _pick(data, ids, "interview"), _pick(data, ids, "person")
        ws.send_thank_you(interview, person, medium=medium, at=at)
    elif kind == "decision":
        decision = data.draw(st.sampled_from(DecisionKind))
        ws.record_decision(_pick(data, ids, "app"), decision, at=at)
    elif kind == "request":
        channel = data.draw(st.sampled_from(Channel))
        app, person = _pick(data, ids, "app"), _pick(data, ids, "person")
        ids["request"].append(ws.request_feedback_call(app, person, channel=channel, at=at))
    elif kind == "call":
        when = data.draw(moments, label="call at")
        ws.schedule_feedback_call(_pick(data, ids, "request"), when, at=at)
    elif kind == "feedback":
        sentiment = data.draw(st.sampled_from(Sentiment))
        category = data.draw(st.sampled_from(FeedbackCategory))
        app, person = _pick(data, ids, "app"), _pick(data, ids, "person")
        ws.record_feedback(app, sentiment, category, "x", person=person, at=at)
    elif kind == "action":
        due = data.draw(moments, label="due")
        action_kind = data.draw(st.sampled_from(ActionKind))
        ws.plan_action(action_kind, "Practise", due, at=at)
    elif kind == "stay":
        every = data.draw(cadences, label="cadence_days")
        ws.agree_stay_in_touch(_pick(data, ids, "person"), cadence_days=every, at=at)
    else:
        ws.log_touchpoint(_pick(data, ids, "person"), at=at)


def prelude(ws: Workspace) -> dict[str, list[str]]:
    """An ordinary start, so that the fuzzed steps find things to refer to."""
    start = datetime(2026, 4, 1, tzinfo=UTC)
    org = ws.add_organization("Acme", at=start)
    person = ws.add_contact("Dana Reyes", "interviewer", organization=org, at=start)
    app = ws.submit_application(org, "Analyst", at=start)
    return {"org": [org], "person": [person], "app": [app], "interview": [], "request": []}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_no_story_breaks_the_agenda_or_the_reminders(data: st.DataObject) -> None:
    plugins = PluginManager(load_entry_points=False)
    channels = FakeChannels()
    plugins.register(channels, name="fake-channels")
    ws = Workspace.open("memory://", plugin_manager=plugins, ids=counting_ids())
    ids = prelude(ws)
    for _ in range(data.draw(st.integers(min_value=1, max_value=25), label="steps")):
        # A refused input is fine; any other exception fails the test.
        with contextlib.suppress(AfterviewError):
            _step(data, ws, ids)
    now = data.draw(st.one_of(moments, st.just(datetime(2026, 5, 4, tzinfo=UTC))), label="now")
    in_range = EARLIEST <= now < LATEST
    # The only refusal allowed: a ``now`` outside the range a job search can have.
    refusals: list[str] = []
    try:
        agenda = ws.agenda(now)
    except DataError as exc:
        refusals.append(exc.path)
    else:
        # Every event that was kept lies in range, so every rule can run on it.
        assert agenda.failures == (), agenda.failures
        note(f"{len(agenda)} advice")
    try:
        ws.dispatch(now, ["fake:"])
    except DataError as exc:
        refusals.append(exc.path)
    assert refusals == ([] if in_range else ["$.now", "$.now"])
