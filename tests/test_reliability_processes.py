"""Real processes on a real SQLite file: a writer killed at random, and two writers racing."""

from __future__ import annotations

import collections
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from afterview import PluginManager, Workspace, loads_event
from afterview.events import OrganizationAdded
from afterview.stores.sqlite import SQLiteStore

pytestmark = pytest.mark.slow

BATCH = 5
KILLS = 50

# Appends batches of five real events, each carrying its batch id, until it is killed.
KILLED_WRITER = """
import itertools, sys
from datetime import UTC, datetime
from afterview import dumps_event
from afterview.events import OrganizationAdded
from afterview.stores.sqlite import SQLiteStore

handle = SQLiteStore(sys.argv[1]).workspace("killed")
run = sys.argv[2]
version = handle.version()
print("ready", flush=True)
for batch in itertools.count():
    batch_id = f"{run}.{batch}"
    now = datetime.now(UTC)
    records = [
        dumps_event(OrganizationAdded(at=now, organization_id=f"org_{i}", name=batch_id))
        for i in range(int(sys.argv[3]))
    ]
    version = handle.append(records, expected_version=version, recorded_at=now)
"""

# Records N organizations through the Workspace API, retrying whenever the other writer won.
RACING_WRITER = """
import pathlib, sys, time
from afterview import ConcurrencyError, PluginManager, Workspace

url, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), pathlib.Path(sys.argv[4])
ws = Workspace.open(url, name="shared", plugin_manager=PluginManager(load_entry_points=False))
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
conflicts = 0
for i in range(count):
    while True:
        try:
            ws.add_organization(f"{tag} {i}")
            break
        except ConcurrencyError:
            conflicts += 1
ws.close()
print(conflicts, flush=True)
"""


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    if line.strip() != "ready":
        child.kill()
        _, err = child.communicate()
        pytest.fail(f"child did not start: {line!r} {err}")
    return child


def test_a_writer_killed_at_random_moments_leaves_whole_batches_and_a_sound_file(
    tmp_path: Path,
) -> None:
    db = tmp_path / "killed.sqlite"
    url = f"sqlite:///{db}"
    rng = random.Random(20260504)
    for run in range(KILLS):
        child = spawn(KILLED_WRITER, url, str(run), str(BATCH))
        time.sleep(rng.uniform(0.0, 0.03))
        child.send_signal(signal.SIGKILL)
        child.communicate()
        assert child.returncode == -signal.SIGKILL

        raw = sqlite3.connect(db)
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        raw.close()

    store = SQLiteStore(url)
    stored = list(store.workspace("killed").read())
    store.close()
    assert [s.position for s in stored] == list(range(1, len(stored) + 1))
    per_batch = collections.Counter()
    for record in stored:
        event = loads_event(record.data)
        assert isinstance(event, OrganizationAdded)
        per_batch[event.name] += 1
    assert set(per_batch.values()) == {BATCH}
    # Most runs got some batches in before the kill; otherwise the test proved nothing.
    runs_that_wrote = {name.split(".")[0] for name in per_batch}
    assert len(runs_that_wrote) > KILLS // 2


def test_two_processes_appending_to_one_workspace_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite"
    url = f"sqlite:///{db}"
    go = tmp_path / "go"
    each = 40
    writers = [spawn(RACING_WRITER, url, tag, str(each), str(go)) for tag in ("left", "right")]
    go.touch()
    outputs = [writer.communicate() for writer in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in outputs]
    conflicts = [int(out) for out, _ in outputs]
    assert all(c >= 0 for c in conflicts)

    with Workspace.open(
        url, name="shared", plugin_manager=PluginManager(load_entry_points=False)
    ) as ws:
        names = sorted(org.name for org in ws.state.organizations.values())
        assert ws.state.version == 2 * each
    assert names == sorted(f"{tag} {i}" for tag in ("left", "right") for i in range(each))
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
