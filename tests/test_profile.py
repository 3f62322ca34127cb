"""A workspace's own settings: its profile's time zone, notifier URLs and thresholds win over
the settings file's for that workspace alone; they are events, so an export carries them, other
processes read them, and a snapshot keeps them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from afterview import (
    DataError,
    PluginManager,
    Settings,
    SnapshotPolicy,
    Workspace,
    hookimpl,
)
from afterview.testing import FakeNotifier
from afterview.testing.snapshots import comparable
from cli_support import Cli
from conftest import Clock

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def _held_interview(ws: Workspace) -> None:
    acme = ws.add_organization("Acme Analytics", at=T0)
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=acme, at=T0)
    app = ws.submit_application(acme, "Data Analyst", at=T0)
    interview = ws.schedule_interview(app, T0, interviewers=[dana], at=T0)
    ws.record_interview_held(interview, at=T0)


def _thank_you_due(ws: Workspace) -> datetime:
    (advice,) = [a for a in ws.agenda(T0 + timedelta(hours=1)) if a.code == "AV301"]
    return advice.due


def test_the_profile_wins_over_the_settings_it_was_opened_with_for_its_workspace_only(
    plugin_manager: PluginManager,
) -> None:
    url = "memory://profile-" + datetime.now(UTC).strftime("%H%M%S%f")
    file_settings = Settings(thank_you_days=1)
    mine = Workspace.open(url, name="mine", plugin_manager=plugin_manager, settings=file_settings)
    theirs = Workspace.open(url, name="theirs", plugin_manager=plugin_manager)
    for ws in (mine, theirs):
        _held_interview(ws)
    assert _thank_you_due(mine) == _thank_you_due(theirs)

    mine.set_profile(timezone="America/New_York", thresholds={"thank_you_days": 3}, at=T0)
    assert mine.settings.thank_you_days == 3
    assert str(mine.settings.zone()) == "America/New_York"
    assert _thank_you_due(mine).utcoffset() == timedelta(hours=-4)
    assert _thank_you_due(mine) > _thank_you_due(theirs) + timedelta(days=1)
    assert theirs.settings == Settings()
    assert mine.base_settings == file_settings

    # Another process opening the workspace reads the same profile from the log.
    again = Workspace.open(url, name="mine", plugin_manager=plugin_manager, settings=file_settings)
    assert again.settings.thank_you_days == 3

    mine.set_profile(thresholds={"stay_in_touch_days": 30}, at=T0)  # replaces the whole profile
    assert mine.settings.thank_you_days == 1
    assert mine.settings.stay_in_touch_days == 30
    assert mine.settings.timezone is None


def test_a_session_time_zone_wins_over_the_profiles(plugin_manager: PluginManager) -> None:
    ws = Workspace.open("memory://", plugin_manager=plugin_manager, timezone="Asia/Tokyo")
    ws.set_profile(timezone="Europe/Berlin", thresholds={"thank_you_days": 2}, at=T0)
    assert ws.settings.timezone == "Asia/Tokyo"
    assert ws.settings.thank_you_days == 2


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"thresholds": {"thank_you_days": 0}}, "$.thresholds"),
        ({"thresholds": {"own_emails": 1}}, "$.thresholds"),
        ({"thresholds": {"no_such_threshold": 2}}, "$.thresholds"),
        ({"timezone": "Mars/Olympus_Mons"}, "$.thresholds"),
        ({"notify": ["not a url with spaces:"]}, "$.notify[0]"),
        ({"notify": ["no-scheme"]}, "$.notify[0]"),
    ],
)
def test_a_bad_profile_is_refused_and_nothing_is_stored(
    ws: Workspace, changes: dict[str, object], path: str
) -> None:
    with pytest.raises(DataError) as refused:
        ws.set_profile(**changes)  # type: ignore[arg-type]
    assert refused.value.path == path
    assert ws.state.version == 0


def test_a_profiles_notifier_urls_are_never_shown(ws: Workspace) -> None:
    # A user name is no secret to refuse, but it is still hidden wherever the URL shows.
    secret = "apprise:mailto://HUNTER2@example.com"
    ws.set_profile(notify=[secret], at=T0)
    assert "HUNTER2" not in repr(ws.state.profile)
    assert "HUNTER2" not in repr(ws.events())
    with pytest.raises(DataError) as refused:
        ws.set_profile(notify=[secret, "bad url:HUNTER2 x"])
    assert "HUNTER2" not in str(refused.value)


class _Fake:
    def __init__(self, notifier: FakeNotifier) -> None:
        self.notifier = notifier

    @hookimpl
    def afterview_open_notifier(self, url: str) -> FakeNotifier | None:
        return self.notifier if url == "fake:" else None


def test_reminders_go_to_the_profiles_notifiers_unless_the_call_names_others(
    plugin_manager: PluginManager,
) -> None:
    delivered = FakeNotifier()
    plugin_manager.register(_Fake(delivered), name="fake")
    ws = Workspace.open("memory://", plugin_manager=plugin_manager, clock=Clock(T0))
    _held_interview(ws)
    ws.set_profile(notify=["fake:"], at=T0)
    assert ws.notify == ("fake:",)
    report = ws.dispatch(T0 + timedelta(days=1))
    assert report.delivered >= 1
    assert delivered.delivered
    assert {i.channel for i in ws.outbox()} == {"fake:"}


def test_an_export_carries_the_profile_into_another_workspace(
    ws: Workspace, plugin_manager: PluginManager
) -> None:
    ws.set_profile(timezone="Europe/Paris", thresholds={"stay_in_touch_days": 21}, at=T0)
    other = Workspace.open("memory://", plugin_manager=plugin_manager)
    other.import_export(ws.export(now=T0))
    assert other.state.profile == ws.state.profile
    assert other.settings.stay_in_touch_days == 21


def test_a_snapshot_keeps_the_profile(tmp_path: Path, plugin_manager: PluginManager) -> None:
    url = f"sqlite:///{tmp_path}/a.sqlite"
    every = SnapshotPolicy(min_tail=1, share=0.0)
    with Workspace.open(url, plugin_manager=plugin_manager, snapshots=every) as ws:
        _held_interview(ws)
        ws.set_profile(timezone="Europe/Paris", notify=["console:"], at=T0)
        written = ws.state
    with Workspace.open(url, plugin_manager=plugin_manager) as reader:
        assert comparable(reader.state) == comparable(written)
        assert reader._snapshot_at == written.version  # read from the snapshot
        assert reader.settings.timezone == "Europe/Paris"


def test_the_command_line_sets_shows_and_unsets_the_profile(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    cli.env["AFTERVIEW_FORMAT"] = "plain"
    shown = cli.ok("profile").stdout
    assert "timezone\tEurope/Berlin\tsystem" in shown.splitlines()
    assert "thank_you_days\t1\tsettings file" in shown.splitlines()

    cli.ok(
        "profile",
        "set",
        "--timezone",
        "America/New_York",
        "--threshold",
        "thank_you_days=2",
        "--notify",
        "apprise:mailto://HUNTER2:{keyring:mail}@example.com",
    )
    rows = {r["setting"]: r for r in cli.json("profile")}
    assert (rows["timezone"]["value"], rows["timezone"]["from"]) == ("America/New_York", "profile")
    assert (rows["thank_you_days"]["value"], rows["thank_you_days"]["from"]) == ("2", "profile")
    assert rows["notify"]["from"] == "profile"
    assert "HUNTER2" not in cli.ok("profile").stdout
    # Naive dates are read in the profile's zone.
    assert "America/New_York" in cli.ok("info").stdout

    cli.ok("profile", "set", "--unset", "notify", "--unset", "thank_you_days")
    rows = {r["setting"]: r for r in cli.json("profile")}
    assert rows["notify"]["from"] == "settings file"
    assert rows["thank_you_days"]["value"] == "1"
    assert rows["timezone"]["value"] == "America/New_York"

    assert cli("profile", "set").exit_code == 2
    assert cli("profile", "set", "--threshold", "thank_you_days").exit_code == 2
    assert cli("profile", "set", "--unset", "nothing").exit_code == 2
    assert cli("profile", "set", "--threshold", "thank_you_days=0").exit_code == 4
    assert cli.events() == 2


@pytest.mark.parametrize(
    "url",
    [
        "apprise:mailto://alex:APP-PASSWORD-1@example.com",
        "apprise:json://hooks.example/x?token=APP-PASSWORD-1",
    ],
)
def test_a_notifier_url_that_writes_out_its_secret_is_refused_and_nothing_kept(
    plugin_manager: PluginManager, url: str
) -> None:
    ws = Workspace.open("memory://", plugin_manager=plugin_manager)
    with pytest.raises(DataError, match=r"afterview secret set NAME") as refused:
        ws.set_profile(notify=[url], at=T0)
    assert "APP-PASSWORD-1" not in str(refused.value)
    assert ws.state.version == 0
    assert all("APP-PASSWORD-1" not in e.data for e in ws.store.workspace(ws.name).read())


def test_a_notifier_url_that_names_its_secret_by_reference_is_kept(
    plugin_manager: PluginManager,
) -> None:
    ws = Workspace.open("memory://", plugin_manager=plugin_manager)
    url = "apprise:mailto://alex:{keyring:mail}@example.com"
    ws.set_profile(notify=[url, "apprise:mailto://alex@example.com"], at=T0)
    assert ws.notify == (url, "apprise:mailto://alex@example.com")


def test_the_command_line_refuses_a_written_password_with_exit_4(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    result = cli("profile", "set", "--notify", "apprise:mailto://me:HUNTER2@example.com")
    assert result.exit_code == 4, result.output
    assert "HUNTER2" not in result.output
    assert "{keyring:NAME}" in result.stderr
    assert cli.events() == 0


def test_the_command_line_refuses_a_notifier_no_plugin_opens(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    result = cli("profile", "set", "--notify", "ntfy://ntfy.sh/my-job-search")
    assert result.exit_code == 6, result.output
    assert "no installed plugin opens the notifier URL 'ntfy://…'" in result.stderr
    assert cli.events() == 0
