"""A coach's caseload comes from the wake-up index: only workspaces whose entry is out of date
are folded, and the answer is the one folding every workspace gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from afterview import PluginManager, Workspace, caseload, remind_all
from afterview.scope import ScopedStore

NOW = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)


def seekers(plugins: PluginManager, url: str) -> None:
    for n, name in enumerate(["ana", "ben", "chloe"]):
        ws = Workspace.open(url, name=name, plugin_manager=plugins, clock=lambda: NOW)
        org = ws.add_organization(f"Org {n}", at=NOW - timedelta(days=20))
        sam = ws.add_contact("Sam Rivera", "interviewer", organization=org)
        app = ws.submit_application(org, "Analyst", at=NOW - timedelta(days=20))
        when = NOW - timedelta(days=8 - 4 * n)
        interview = ws.schedule_interview(app, when, interviewers=[sam], at=when - timedelta(7))
        if when < NOW:
            ws.record_interview_held(interview, at=when)


def folded(plugins: PluginManager, url: str, now: datetime) -> dict[str, tuple[int, int]]:
    store = plugins.open_store(url)
    found = {}
    for name in store.workspaces():
        agenda = Workspace(store, name, plugin_manager=plugins).agenda(now)
        due = sum(1 for a in agenda if a.due <= now)
        found[name] = (due, len(agenda) - due)
    return found


def test_the_caseload_is_read_from_the_index_and_agrees_with_folding_everyone() -> None:
    plugins = PluginManager(load_entry_points=False)
    url = "memory://caseload-index"
    seekers(plugins, url)
    store = plugins.open_store(url)
    remind_all(store, NOW, ["console:"], plugin_manager=plugins)

    view = caseload(store, NOW, plugin_manager=plugins)

    assert [c.workspace for c in view] == ["ana", "ben", "chloe"]
    assert all(c.from_index for c in view)
    assert {c.workspace: (c.due, c.later) for c in view} == folded(plugins, url, NOW)
    assert view[0].next is not None
    assert view[0].next[0] <= NOW


def test_a_workspace_changed_since_the_round_is_folded_and_only_that_one() -> None:
    plugins = PluginManager(load_entry_points=False)
    url = "memory://caseload-changed"
    seekers(plugins, url)
    store = plugins.open_store(url)
    remind_all(store, NOW, ["console:"], plugin_manager=plugins)
    ben = Workspace(store, "ben", plugin_manager=plugins, clock=lambda: NOW)
    ben.plan_action("skill_plan", "Practise case studies", NOW - timedelta(days=1), at=NOW)

    view = {c.workspace: c for c in caseload(store, NOW, plugin_manager=plugins)}

    assert {name for name, c in view.items() if not c.from_index} == {"ben"}
    assert "AV601" in {code for _, code in view["ben"].agenda}
    assert {n: (c.due, c.later) for n, c in view.items()} == folded(plugins, url, NOW)


def test_a_workspace_whose_wake_up_time_passed_is_folded_afresh() -> None:
    plugins = PluginManager(load_entry_points=False)
    url = "memory://caseload-later"
    seekers(plugins, url)
    store = plugins.open_store(url)
    remind_all(store, NOW, ["console:"], plugin_manager=plugins)
    later = NOW + timedelta(days=30)

    view = caseload(store, later, plugin_manager=plugins)

    # Chloe's interview lay ahead: by now its time has passed and her agenda changed.
    assert not {c.workspace: c for c in view}["chloe"].from_index
    assert {c.workspace: (c.due, c.later) for c in view} == folded(plugins, url, later)


def test_a_store_without_the_index_has_every_workspace_folded() -> None:
    plugins = PluginManager(load_entry_points=False)
    url = "memory://caseload-scoped"
    seekers(plugins, url)
    scoped = ScopedStore(plugins.open_store(url), ["ana", "chloe"])

    view = caseload(scoped, NOW, plugin_manager=plugins)

    assert [(c.workspace, c.from_index) for c in view] == [("ana", False), ("chloe", False)]
