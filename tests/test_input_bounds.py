"""Dates and durations stay within what a job search can have, whichever way they come in, and
one rule failing on odd data is a reported problem, not the end of the agenda."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from afterview import (
    CorruptRecordError,
    DataError,
    PluginManager,
    Settings,
    SettingsError,
    Workspace,
    get_plugin_manager,
    hookimpl,
)
from afterview import events as ev
from afterview.model import EARLIEST, LATEST, MAX_DAYS
from afterview.playbook.agenda import Agenda, RuleFailure
from afterview.playbook.rule import Advice, Rule, rule
from afterview.serialization import event_to_dict, export_from_json
from cli_support import NOW, Cli, fails
from conftest import T0, Clock

YEAR_1 = datetime(1, 1, 1, tzinfo=UTC)
YEAR_9999 = datetime(9999, 12, 31, 12, 0, tzinfo=UTC)
OUT_OF_RANGE = [
    YEAR_1,
    YEAR_9999,
    datetime(1969, 12, 31, 23, 59, tzinfo=UTC),
    # 00:30 on 1 January 1970 at +01:00 is still 1969 in UTC.
    datetime(1970, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))),
    LATEST,
]


@pytest.mark.parametrize("when", OUT_OF_RANGE, ids=str)
def test_a_date_outside_the_range_is_refused_when_the_event_is_built(when: datetime) -> None:
    with pytest.raises(DataError, match="out of range") as caught:
        ev.OrganizationAdded(at=when, organization_id="org_1", name="Acme")
    assert caught.value.path == "$.at"
    with pytest.raises(DataError, match="out of range") as caught:
        ev.ActionPlanned(at=T0, action_id="act_1", kind="other", title="Practise", due=when)
    assert caught.value.path == "$.due"


def test_the_edges_of_the_range_themselves_are_accepted() -> None:
    assert (
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2200, 1, 1, tzinfo=UTC),
        1826,
    ) == (EARLIEST, LATEST, MAX_DAYS)
    ev.OrganizationAdded(at=EARLIEST, organization_id="org_1", name="Acme")
    ev.OrganizationAdded(at=LATEST - timedelta(microseconds=1), organization_id="o", name="A")


def test_the_library_refuses_out_of_range_dates_and_stores_nothing(ws: Workspace) -> None:
    org = ws.add_organization("Acme")
    app = ws.submit_application(org, "Analyst")
    with pytest.raises(DataError, match="out of range"):
        ws.schedule_interview(app, YEAR_9999)
    with pytest.raises(DataError, match="out of range"):
        ws.plan_action("other", "Practise", YEAR_1)
    with pytest.raises(DataError, match="out of range"):
        ws.add_contact("Dana Reyes", "interviewer", at=YEAR_1)
    assert len(ws.events()) == 2


@pytest.mark.parametrize("cadence", [0, -1, MAX_DAYS + 1, 99_999_999_999])
def test_a_cadence_beyond_five_years_is_refused(ws: Workspace, cadence: int) -> None:
    dana = ws.add_contact("Dana Reyes", "interviewer")
    with pytest.raises(DataError, match="cadence_days must be a positive number of days"):
        ws.agree_stay_in_touch(dana, cadence_days=cadence)
    ws.agree_stay_in_touch(dana, cadence_days=MAX_DAYS)


@pytest.mark.parametrize("name", ["stay_in_touch_days", "research_horizon_days"])
def test_a_settings_duration_beyond_five_years_is_refused(name: str) -> None:
    with pytest.raises(SettingsError, match=f"{name} must be at most {MAX_DAYS} days"):
        Settings.from_mapping({name: MAX_DAYS + 1})
    with pytest.raises(SettingsError, match=f"research_lead_hours must be at most {MAX_DAYS * 24}"):
        Settings(research_lead_hours=10**12)


def test_the_agenda_refuses_a_now_outside_the_range(ws: Workspace) -> None:
    for now in (YEAR_1, YEAR_9999):
        with pytest.raises(DataError, match=r"now .* out of range") as caught:
            ws.agenda(now)
        assert caught.value.path == "$.now"


def _export(*records: dict[str, object]) -> str:
    return json.dumps(
        {
            "format": "afterview-export",
            "version": 1,
            "workspace": "w",
            "exported_at": T0.isoformat(),
            "events": list(records),
        }
    )


def test_an_import_with_a_year_9999_date_is_refused_with_its_path() -> None:
    org = event_to_dict(ev.OrganizationAdded(at=T0, organization_id="org_1", name="Acme"))
    person = event_to_dict(ev.ContactAdded(at=T0, person_id="per_1", role="interviewer"))
    stay = event_to_dict(ev.StayInTouchAgreed(at=T0, person_id="per_1", cadence_days=42))
    with pytest.raises(DataError, match="out of range") as caught:
        export_from_json(_export(org, {**person, "at": "9999-12-31T00:00:00+00:00"}))
    assert caught.value.path == "$.events[1].at"
    with pytest.raises(DataError, match="at most 1826") as caught:
        export_from_json(_export(org, person, {**stay, "cadence_days": 99_999_999_999}))
    assert caught.value.path == "$.events[2].cadence_days"


def test_a_stored_year_9999_event_is_reported_with_its_position(
    tmp_path: Path, plugin_manager: PluginManager, clock: Clock
) -> None:
    """A log written before the bounds existed: the bad record is named, not an OverflowError."""
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    with Workspace.open(url, name="jo", plugin_manager=plugin_manager, clock=clock) as ws:
        ws.add_organization("Acme")
        ws.store.workspace("jo").append(
            [
                '{"type":"ActionPlanned","version":1,"at":"2026-05-04T09:00:00+00:00",'
                '"action_id":"act_1","kind":"other","title":"Practise",'
                '"due":"9999-12-31T00:00:00+00:00"}'
            ],
            expected_version=1,
            recorded_at=T0,
        )
    with (
        Workspace.open(url, name="jo", plugin_manager=plugin_manager, clock=clock) as ws,
        pytest.raises(CorruptRecordError, match=r"event #2 is corrupt: .*out of range"),
    ):
        ws.agenda(T0)


# --- one rule failing -------------------------------------------------------------------------


@rule("ZZ901", "always-fails", resolved_by=())
def always_fails(state: object, now: datetime, settings: Settings) -> Iterator[Advice]:
    """A rule with a bug."""
    yield Advice(code="ZZ901", name="always-fails", message="half", due=now)
    raise OverflowError("date value out of range")


class FailingRules:
    @hookimpl
    def afterview_rules(self) -> list[Rule]:
        return [always_fails]


def _thank_you_workspace(plugin_manager: PluginManager, clock: Clock) -> Workspace:
    plugin_manager.register(FailingRules(), name="failing-rules")
    ws = Workspace.open("memory://", plugin_manager=plugin_manager, clock=clock)
    org = ws.add_organization("Acme")
    app = ws.submit_application(org, "Analyst")
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    interview = ws.schedule_interview(app, T0, interviewers=[dana])
    ws.record_interview_held(interview, at=T0)
    return ws


def test_a_failing_rule_is_reported_and_the_other_rules_advice_stands(
    plugin_manager: PluginManager, clock: Clock
) -> None:
    ws = _thank_you_workspace(plugin_manager, clock)
    agenda = ws.agenda(T0 + timedelta(hours=2))
    assert isinstance(agenda, Agenda)
    assert "AV301" in {a.code for a in agenda}
    # Whole or nothing per rule: the advice it yielded before failing is dropped.
    assert "ZZ901" not in {a.code for a in agenda}
    assert agenda.failures == (
        RuleFailure(
            "ZZ901", "always-fails", "OverflowError: date value out of range", "failing-rules"
        ),
    )
    assert ws.rule_failures == agenda.failures
    assert str(agenda.failures[0]) == (
        "rule ZZ901 (always-fails) from plugin 'failing-rules' failed: OverflowError: date "
        "value out of range"
    )


def test_a_failing_rule_does_not_stop_the_reminders(
    plugin_manager: PluginManager, clock: Clock
) -> None:
    ws = _thank_you_workspace(plugin_manager, clock)
    report = ws.dispatch(T0 + timedelta(days=1), ["console:"])
    assert report.delivered >= 1
    assert [f.code for f in ws.rule_failures] == ["ZZ901"]


# --- the command line -------------------------------------------------------------------------


@pytest.fixture
def run(tmp_path: Path) -> Cli:
    return Cli(tmp_path)


def test_the_cli_refuses_a_year_9999_date_and_a_huge_cadence(run: Cli) -> None:
    run.ok("org", "add", "Acme")
    run.ok("person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme")
    line = fails(run("apply", "Acme", "Analyst", "--at", "2200-01-02"), 4)
    assert "out of range: afterview accepts dates from 1970 to 2199" in line
    line = fails(run("apply", "Acme", "Analyst", "--at", "2199-12-31T23:00-05:00"), 4)
    assert "at 2199-12-31T23:00:00-05:00 is out of range" in line
    line = fails(run("stay-in-touch", "Dana Reyes", "--every", "99999999999"), 4)
    assert "cadence_days must be a positive number of days, at most 1826" in line
    fails(run("agenda", now="9999-12-31T00:00+00:00"), 2)
    fails(run("agenda", now="2200-01-01T00:00+00:00"), 4)
    assert run.events() == 2
    run.ok("agenda")


@pytest.mark.parametrize("when", ["0001-01-01", "0001-01-01T00:00", "9999-12-31T23:59"])
def test_a_naive_date_at_the_edge_of_the_calendar_is_refused(run: Cli, when: str) -> None:
    # Without --now, a date without an offset is placed in the system's zone: at year 1 or
    # 9999 that conversion itself overflows. Refused (4) like any other date out of range, as
    # docs/cli.md says, not a usage error: the date is well formed.
    line = fails(run("org", "add", "Acme", "--at", when, now=None), 4)
    assert "is out of range: afterview accepts dates from 1970 to 2199" in line
    assert run.events() == 0


@pytest.mark.parametrize("timeout", ["nan", "inf", "-inf", "1e308", "0", "-1"])
def test_remind_refuses_a_timeout_that_is_not_a_sane_number_of_seconds(
    run: Cli, timeout: str
) -> None:
    line = fails(run("remind", "--notify", "console:", "--timeout", timeout), 2)
    assert "--timeout" in line


def test_the_cli_warns_about_a_failing_rule_and_shows_the_rest(run: Cli) -> None:
    run.ok("org", "add", "Acme")
    run.ok("apply", "Acme", "Analyst")
    run.ok("person", "add", "Dana Reyes", "--role", "interviewer", "--org", "Acme")
    run.ok("interview", "schedule", "Acme", NOW, "--with", "Dana Reyes")
    run.ok("interview", "held", "Acme", "--latest", "--at", NOW)
    plugins = get_plugin_manager()
    plugins.register(FailingRules(), name="failing-rules")
    try:
        result = run.ok("agenda")
        as_json = run("agenda", "--json")
    finally:
        plugins.unregister("failing-rules")
    assert "AV301" in result.stdout
    warning = (
        "afterview: warning: rule ZZ901 (always-fails) from plugin 'failing-rules' failed: "
        "OverflowError: date value out of range; its advice is missing from the agenda"
    )
    assert result.stderr.splitlines() == [warning]
    assert as_json.stderr.splitlines() == [warning]
    assert "AV301" in {a["code"] for a in json.loads(as_json.stdout)}
