"""Core benchmarks, as ratios against raw baselines measured in the same run.

Run: ``.venv/bin/python benchmarks/bench_core.py [--quick]``

* agenda: reading a workspace's stored records, ``loads_event``, fold and agenda, against reading
  the same records and ``json.loads``-ing them, at 1k, 10k and 100k events;
* serialization: ``dumps_event``/``loads_event`` against a bare ``cattrs`` JSON converter on the
  same classes (which knows the class up front and checks nothing);
* import: ``import afterview`` against ``import attrs, cattrs, pluggy`` in fresh interpreters.

Every number is the best of several runs (``time.perf_counter``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from cattrs.preconf.json import make_converter

from afterview import PluginManager, Workspace
from afterview import events as ev
from afterview.fold import fold
from afterview.model import (
    ActionKind,
    Answer,
    Channel,
    ContactPoint,
    ContactPointKind,
    DecisionKind,
    FeedbackCategory,
    FollowUpQuestion,
    ResearchSubject,
    Role,
    Sentiment,
    ThankYouMedium,
)
from afterview.playbook.agenda import build_agenda, check_rule_codes
from afterview.serialization import dumps_event, loads_event
from afterview.settings import Settings
from afterview.stores.memory import MemoryStore

T0 = datetime(2024, 1, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def application_story(n: int, start: datetime) -> list[ev.Event]:
    """About 20 events: one application from first contact to a stay-in-touch touchpoint."""
    org, app, itv = f"org_{n}", f"app_{n}", f"int_{n}"
    dana, sam, kim = f"per_{n}_i", f"per_{n}_r", f"per_{n}_h"
    at = start
    story: list[ev.Event] = [
        ev.OrganizationAdded(at=at, organization_id=org, name=f"Organization {n}"),
        ev.ContactAdded(
            at=at, person_id=dana, role=Role.INTERVIEWER, organization_id=org, name="Dana"
        ),
        ev.ContactAdded(
            at=at, person_id=sam, role=Role.RECEPTIONIST, organization_id=org, name="Sam"
        ),
        ev.ContactAdded(at=at, person_id=kim, role=Role.HR, organization_id=org, name="Kim"),
        ev.ApplicationSubmitted(
            at=at, application_id=app, organization_id=org, role_title="Analyst"
        ),
        ev.ResearchNoted(
            at=at + HOUR, note_id=f"res_{n}", application_id=app, subject=ResearchSubject.ROLE
        ),
        ev.InterviewScheduled(
            at=at + HOUR,
            interview_id=itv,
            application_id=app,
            scheduled_for=at + 48 * HOUR,
            interviewers=(dana,),
        ),
        ev.InterviewHeld(at=at + 48 * HOUR, interview_id=itv, people_met=(sam,)),
        ev.BusinessCardCollected(
            at=at + 48 * HOUR,
            person_id=dana,
            interview_id=itv,
            points=(ContactPoint(ContactPointKind.CELL_PHONE, "+1 555 0100", direct=True),),
        ),
        ev.ThankYouSent(
            at=at + 50 * HOUR,
            note_id=f"thx_{n}_i",
            interview_id=itv,
            person_id=dana,
            medium=ThankYouMedium.HANDWRITTEN,
        ),
        ev.ThankYouSent(
            at=at + 50 * HOUR,
            note_id=f"thx_{n}_r",
            interview_id=itv,
            person_id=sam,
            medium=ThankYouMedium.EMAIL,
        ),
    ]
    if n % 4 == 0:  # some applications are still waiting for a decision
        return story
    kind = DecisionKind.OFFER if n % 9 == 0 else DecisionKind.REJECTED
    story.append(ev.DecisionReceived(at=at + 120 * HOUR, application_id=app, kind=kind))
    if kind is DecisionKind.OFFER:
        return story
    req = f"fbr_{n}"
    story += [
        ev.FeedbackRequested(
            at=at + 130 * HOUR,
            request_id=req,
            application_id=app,
            person_id=dana,
            channel=Channel.PHONE,
        ),
        ev.FeedbackCallHeld(at=at + 170 * HOUR, request_id=req),
        ev.FeedbackRecorded(
            at=at + 170 * HOUR,
            item_id=f"fbk_{n}",
            application_id=app,
            request_id=req,
            sentiment=Sentiment.NEGATIVE,
            category=FeedbackCategory.SKILL,
            themes=("sql",),
        ),
        ev.ActionPlanned(
            at=at + 171 * HOUR,
            action_id=f"act_{n}",
            kind=ActionKind.SKILL_PLAN,
            title="Course",
            due=at + 600 * HOUR,
            feedback_item_id=f"fbk_{n}",
        ),
        ev.FollowUpAnswered(
            at=at + 171 * HOUR,
            application_id=app,
            person_id=dana,
            question=FollowUpQuestion.STAY_IN_TOUCH,
            answer=Answer.YES,
        ),
        ev.StayInTouchAgreed(at=at + 171 * HOUR, person_id=dana, cadence_days=42),
        ev.TouchpointLogged(
            at=at + 900 * HOUR, touchpoint_id=f"tch_{n}", person_id=dana, channel=Channel.EMAIL
        ),
    ]
    return story


def generate(count: int) -> list[ev.Event]:
    out: list[ev.Event] = []
    n = 0
    while len(out) < count:
        out += application_story(n, T0 + n * 6 * HOUR)
        n += 1
    return out[:count]


def best_pair(
    ours: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Best-of-``repeat`` wall time of each, run alternately so that load from other processes
    on the machine falls on both sides alike."""
    ours_times, baseline_times = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        baseline()
        baseline_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        ours()
        ours_times.append(time.perf_counter() - start)
    return min(ours_times), min(baseline_times)


def bench_agenda(count: int, repeat: int, pm: PluginManager) -> tuple[float, float]:
    events = generate(count)
    store = MemoryStore()
    log = store.workspace("bench")
    log.append([dumps_event(e) for e in events], expected_version=0, recorded_at=T0)
    now = events[-1].at + 24 * HOUR

    def raw() -> None:
        for record in log.read(0):
            json.loads(record.data)

    def ours() -> None:
        Workspace(store, "bench", plugin_manager=pm, clock=lambda: now).agenda(now)

    ours()  # warm the rule list and caches once, as a long-lived process would be
    return best_pair(ours, raw, repeat)


def breakdown(count: int, repeat: int, pm: PluginManager) -> dict[str, float]:
    """Best time of each stage of our path, to show where the time goes."""
    events = generate(count)
    texts = [dumps_event(e) for e in events]
    parsed = [loads_event(t) for t in texts]
    state = fold(parsed)
    rules = check_rule_codes(pm.rules())
    now = events[-1].at + 24 * HOUR
    settings = Settings()
    stages: dict[str, Callable[[], object]] = {
        "json.loads": lambda: [json.loads(t) for t in texts],
        "loads_event": lambda: [loads_event(t) for t in texts],
        "fold": lambda: fold(parsed),
        "agenda": lambda: build_agenda(state, now, settings, rules),
    }
    result = {}
    for name, stage in stages.items():
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            stage()
            times.append(time.perf_counter() - start)
        result[name] = min(times)
    return result


def bench_serialization(repeat: int) -> tuple[float, float, float, float]:
    events = generate(5000)
    bare = make_converter()
    texts = [dumps_event(e) for e in events]
    bare_texts = [(bare.dumps(e), type(e)) for e in events]
    ours_dump, bare_dump = best_pair(
        lambda: [dumps_event(e) for e in events], lambda: [bare.dumps(e) for e in events], repeat
    )
    ours_load, bare_load = best_pair(
        lambda: [loads_event(t) for t in texts],
        lambda: [bare.loads(t, c) for t, c in bare_texts],
        repeat,
    )
    return ours_dump, bare_dump, ours_load, bare_load


def bench_import(repeat: int, code: str = "import afterview") -> tuple[float, float, float, float]:
    """Wall time and CPU time (user + system, of the child) of a fresh interpreter importing."""

    def run(code: str) -> Callable[[], tuple[float, float]]:
        def once() -> tuple[float, float]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            return wall, cpu

        return once

    baseline, ours = run("import attrs, cattrs, pluggy"), run(code)
    base_runs, our_runs = [], []
    for _ in range(repeat):
        base_runs.append(baseline())
        our_runs.append(ours())
    return (
        min(w for w, _ in base_runs),
        min(w for w, _ in our_runs),
        min(c for _, c in base_runs),
        min(c for _, c in our_runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no 100k run")
    args = parser.parse_args()
    repeat = 5 if args.quick else 15
    pm = PluginManager(load_entry_points=False)

    print("agenda (memory store: read + loads_event + fold + agenda) vs read + json.loads")
    results: dict[int, float] = {}
    for count in (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000):
        ours, raw = bench_agenda(count, repeat if count < 100_000 else 5, pm)
        results[count] = ours
        print(
            f"  {count:>7} events: raw {raw * 1e3:8.1f} ms  ours {ours * 1e3:8.1f} ms  "
            f"ratio {ours / raw:5.2f}x"
        )
    stages = breakdown(10_000, repeat, pm)
    print("  where the time goes at 10k events (best of each stage alone):")
    for name, seconds in stages.items():
        share = seconds / stages["json.loads"]
        print(f"    {name:<12} {seconds * 1e3:7.1f} ms  {share:5.2f}x json.loads")
    if 100_000 in results:
        print(f"  100k / 10k time: {results[100_000] / results[10_000]:.2f}x (linear = 10x)")

    dump, bare_dump, load, bare_load = bench_serialization(repeat)
    print("serialization, 5000 events, vs a bare cattrs JSON converter")
    print(
        f"  dumps: ours {dump * 1e3:.1f} ms  bare {bare_dump * 1e3:.1f} ms  "
        f"ratio {dump / bare_dump:.2f}x"
    )
    print(
        f"  loads: ours {load * 1e3:.1f} ms  bare {bare_load * 1e3:.1f} ms  "
        f"ratio {load / bare_load:.2f}x"
    )

    # ``import afterview`` alone loads no submodule (names load on first use), so also measure
    # what a program pays before its first useful call: a workspace opened with its plugins.
    first_use = "from afterview import Workspace; Workspace.open('memory://').agenda()"
    for label, code in (("import afterview", "import afterview"), ("first use", first_use)):
        base_wall, our_wall, base_cpu, our_cpu = bench_import(7 if args.quick else 15, code)
        print(f"{label}, fresh interpreter, vs import attrs, cattrs, pluggy")
        print(
            f"  wall: ours {our_wall * 1e3:.1f} ms  baseline {base_wall * 1e3:.1f} ms  "
            f"ratio {our_wall / base_wall:.2f}x"
        )
        print(
            f"  cpu:  ours {our_cpu * 1e3:.1f} ms  baseline {base_cpu * 1e3:.1f} ms  "
            f"ratio {our_cpu / base_cpu:.2f}x"
        )


if __name__ == "__main__":
    main()
