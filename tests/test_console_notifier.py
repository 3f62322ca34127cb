"""The built-in ``console:`` notifier prints each reminder, for cron to mail or a person to read."""

from __future__ import annotations

from datetime import timedelta

import pytest

from afterview import DataError, PluginManager, Settings, UnclaimedURLError, Workspace
from afterview.reminders.console import ConsoleNotifier
from conftest import T0, Clock, counting_ids


@pytest.fixture
def held(clock: Clock, plugin_manager: PluginManager) -> Workspace:
    ws = Workspace.open(
        "memory://",
        settings=Settings(select=("AV301",)),
        plugin_manager=plugin_manager,
        clock=clock,
        ids=counting_ids(),
    )
    org = ws.add_organization("Acme Analytics")
    app = ws.submit_application(org, "Data Analyst")
    dana = ws.add_contact("Dana Reyes", "interviewer", organization=org)
    ws.record_interview_held(ws.schedule_interview(app, T0, interviewers=[dana]), at=T0)
    return ws


def test_reminders_are_printed_to_standard_output(
    held: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    report = held.dispatch(T0 + timedelta(days=1), ["console:"])

    out, err = capsys.readouterr()
    assert report.delivered == 1
    assert out == (
        "[default] AV301 thank-everyone-met: due 2026-05-05 23:59\n"
        "    Send a thank-you note to Dana Reyes (interviewer)\n"
    )
    assert err == ""


def test_console_stderr_prints_to_standard_error(
    held: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    held.dispatch(T0 + timedelta(days=1), ["console:stderr"])

    out, err = capsys.readouterr()
    assert out == ""
    assert "Dana Reyes" in err


def test_the_console_notifier_is_a_builtin_that_claims_console_urls(
    plugin_manager: PluginManager,
) -> None:
    notifier = plugin_manager.open_notifier("console:")

    assert isinstance(notifier, ConsoleNotifier)
    assert notifier.url == "console:"
    assert "console:" in plugin_manager.claimed_schemes("notifier")


def test_an_unknown_console_stream_is_not_claimed(plugin_manager: PluginManager) -> None:
    with pytest.raises(UnclaimedURLError, match="claimed: console:, console:stderr"):
        plugin_manager.open_notifier("console:printer")


def test_a_console_notifier_made_by_hand_checks_its_url() -> None:
    with pytest.raises(DataError, match="'console:' or 'console:stderr', not 'console:printer'"):
        ConsoleNotifier("console:printer")
