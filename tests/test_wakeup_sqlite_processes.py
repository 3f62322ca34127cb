"""Dispatcher processes on one machine share a reminder round over one SQLite file: every
workspace visited once, every reminder delivered once."""

from __future__ import annotations

import collections
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from afterview import PluginManager, Workspace

pytestmark = pytest.mark.slow

NOW = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)
WORKSPACES = 12

# Runs one round, delivering each reminder by appending its key to a file (one short write in
# append mode: lines from several processes never mix); prints how many workspaces it visited.
DISPATCHER = """
import pathlib, sys, time
from datetime import datetime
from afterview import PluginManager, hookimpl, remind_all

url, sink, go, now = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), sys.argv[4]

class FileSink:
    url = "sink:"
    def notify(self, notification):
        with open(sink, "a", encoding="utf-8") as out:
            out.write(notification.key + "\\n")
        return True

class Channel:
    @hookimpl
    def afterview_open_notifier(self, url):
        return FileSink() if url == "sink:" else None
    @hookimpl
    def afterview_url_schemes(self):
        return {"notifier": ["sink:"]}

plugins = PluginManager(load_entry_points=False)
plugins.register(Channel(), name="sink")
store = plugins.open_store(url)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
report = remind_all(store, datetime.fromisoformat(now), ["sink:"], plugin_manager=plugins, batch=1)
store.close()
print(report.visited, flush=True)
"""


def test_three_dispatcher_processes_share_a_round_on_one_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'platform.sqlite'}"
    plugins = PluginManager(load_entry_points=False)
    expected = set()
    for n in range(WORKSPACES):
        ws = Workspace.open(url, name=f"seeker-{n}", plugin_manager=plugins, clock=lambda: NOW)
        org = ws.add_organization(f"Org {n}", at=NOW - timedelta(days=20))
        sam = ws.add_contact("Sam Rivera", "interviewer", organization=org)
        app = ws.submit_application(org, "Analyst", at=NOW - timedelta(days=20))
        held = NOW - timedelta(days=8)
        interview = ws.schedule_interview(app, held, interviewers=[sam], at=held - timedelta(7))
        ws.record_interview_held(interview, at=held)
        expected |= {
            f"{ws.name}|{a.code}|{a.due.date()}"
            for a in ws.agenda(NOW)
            if a.due <= NOW + timedelta(days=1)
        }
        ws.close()
    sink, go = tmp_path / "sink.txt", tmp_path / "go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", DISPATCHER, url, str(sink), str(go), NOW.isoformat()],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
    go.touch()
    visited = []
    for process in processes:
        out, _ = process.communicate(timeout=300)
        assert process.returncode == 0
        visited.append(int(out.strip()))
    keys = sink.read_text(encoding="utf-8").splitlines()
    assert sum(visited) == WORKSPACES
    counts = collections.Counter(keys)
    assert max(counts.values()) == 1, "a reminder was delivered twice"
    # Keys are workspace|code|subjects|date|channel: compare what does not depend on ids.
    assert {f"{k.split('|')[0]}|{k.split('|')[1]}|{k.split('|')[3]}" for k in keys} == expected
