"""A dispatcher process killed (SIGKILL) after a notifier delivered a reminder but before the
outbox recorded it: once the lease runs out, the next dispatcher delivers it again. A duplicate
is allowed; a loss is not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from afterview import PluginManager, Workspace
from afterview.store import OutboxStatus
from conftest import T0

MORNING_AFTER = T0 + timedelta(days=1)

DISPATCHER = textwrap.dedent(
    """
    import os, sys, time
    from datetime import datetime, timedelta
    from afterview import PluginManager, Settings, Workspace, hookimpl

    store_url, sink, now, mode = sys.argv[1:5]

    class FileSink:
        url = "filesink:"

        def notify(self, notification):
            with open(sink, "a", encoding="utf-8") as out:
                out.write(notification.key + "\\n")
                out.flush()
                os.fsync(out.fileno())
            if mode == "stall-after-sending":
                print("SENT", flush=True)
                time.sleep(3600)  # the parent kills us here: delivered, never acknowledged
            return True

    class Plugin:
        @hookimpl
        def afterview_open_notifier(self, url):
            return FileSink() if url == "filesink:" else None

    pm = PluginManager(load_entry_points=False)
    pm.register(Plugin(), name="filesink")
    ws = Workspace.open(store_url, settings=Settings(select=("AV301",)), plugin_manager=pm)
    report = ws.dispatch(datetime.fromisoformat(now), ["filesink:"], timeout=timedelta(hours=2))
    print("REPORT", report.queued, report.delivered, report.failed, report.dead, flush=True)
    """
)


def run_dispatcher(script: Path, store_url: str, sink: Path, now: str) -> str:
    done = subprocess.run(
        [sys.executable, str(script), store_url, str(sink), now, "normal"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_a_reminder_sent_by_a_killed_dispatcher_is_sent_again_after_its_lease(
    tmp_path: Path,
) -> None:
    store_url = f"sqlite:///{tmp_path / 'afterview.sqlite'}"
    sink = tmp_path / "sink.txt"
    script = tmp_path / "dispatcher.py"
    script.write_text(DISPATCHER, encoding="utf-8")
    with Workspace.open(store_url, plugin_manager=PluginManager(load_entry_points=False)) as ws:
        org = ws.add_organization("Acme Analytics", at=T0)
        app = ws.submit_application(org, "Data Analyst", at=T0)
        dana = ws.add_contact("Dana Reyes", "interviewer", organization=org, at=T0)
        ws.record_interview_held(ws.schedule_interview(app, T0, interviewers=[dana], at=T0), at=T0)

    doomed = subprocess.Popen(
        [
            sys.executable,
            str(script),
            store_url,
            str(sink),
            MORNING_AFTER.isoformat(),
            "stall-after-sending",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert doomed.stdout is not None
    line = doomed.stdout.readline()
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait()
    doomed.stdout.close()
    assert doomed.stderr is not None
    doomed.stderr.close()

    assert line == "SENT\n"
    assert doomed.returncode == -signal.SIGKILL
    (key,) = sink.read_text(encoding="utf-8").splitlines()

    # Within the lease no other dispatcher touches it...
    within = run_dispatcher(
        script, store_url, sink, (MORNING_AFTER + timedelta(minutes=1)).isoformat()
    )
    # ...after it, the reminder is delivered again and acknowledged.
    after = run_dispatcher(
        script, store_url, sink, (MORNING_AFTER + timedelta(minutes=6)).isoformat()
    )

    assert within == "REPORT 0 0 0 0\n"
    assert after == "REPORT 0 1 0 0\n"
    assert sink.read_text(encoding="utf-8").splitlines() == [key, key]
    with Workspace.open(store_url, plugin_manager=PluginManager(load_entry_points=False)) as ws:
        (item,) = ws.store.workspace(ws.name).outbox_items()
    assert (item.key, item.status) == (key, OutboxStatus.DELIVERED)
