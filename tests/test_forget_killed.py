"""``forget`` killed with SIGKILL at random moments, in real processes on a real SQLite file, can
always be finished by running it again by the person's name, and then no byte of the person's
data is left in any file the store wrote, nor in an export."""

from __future__ import annotations

import collections
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from afterview import (
    Notification,
    PluginManager,
    Workspace,
    dumps_event,
    export_to_json,
    hookimpl,
)
from afterview.errors import NotFoundError
from conftest import counting_ids

pytestmark = pytest.mark.slow

KILLS = 60
T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
NAME = "Ottoline Farquharson"
PHONE = "+44 7700 900123"
EMAIL = "ottoline.f@example.org"
ADDRESS = "17 Cherry Tree Lane, Little Whinging"
FEEDBACK = "her team found the SQL answers thin"
SECRETS = [s.encode() for s in (NAME, "Ottoline", "Farquharson", PHONE, EMAIL, ADDRESS, FEEDBACK)]

# Opens the workspace, says it is ready, and forgets the person by name when told to go.
FORGETTER = """
import sys, time
from afterview import PluginManager, Workspace
ws = Workspace.open(sys.argv[1], name="mine", plugin_manager=PluginManager(load_entry_points=False))
ws.refresh()
print("ready", flush=True)
sys.stdin.readline()
started = time.monotonic()
ws.forget(sys.argv[2])
print("done", time.monotonic() - started, flush=True)
"""


class _Quoting:
    """A channel that fails quoting the reminder, as a mail server's error may."""

    url = "quoting:"

    def notify(self, notification: Notification) -> bool:
        raise RuntimeError(f"mailbox full, could not deliver {notification.body!r}")


class _QuotingNotifiers:
    @hookimpl
    def afterview_open_notifier(self, url: str) -> _Quoting | None:
        return _Quoting() if url == "quoting:" else None


def _files(database: Path) -> bytes:
    return b"".join(
        p.read_bytes()
        for p in sorted(database.parent.iterdir())
        if p.name.startswith(database.name)
    )


def _build(database: Path) -> str:
    """A workspace holding the person's data in every form: plaintext records written before
    sealing, sealed records, reminders naming her, and an error message quoting one."""
    pm = PluginManager(load_entry_points=False)
    pm.register(_QuotingNotifiers(), name="quoting")
    scratch = Workspace.open("memory://", plugin_manager=pm, clock=lambda: T0, ids=counting_ids())
    acme = scratch.add_organization("Acme Analytics")
    person = scratch.add_contact(NAME, "interviewer", organization=acme, notes="met at a meetup")
    scratch.collect_business_card(person, cell_phone=PHONE, email=EMAIL, mailing_address=ADDRESS)
    app = scratch.submit_application(acme, "Data Analyst")
    scratch.plan_action("other", f"Send {NAME} the article", due=T0 + timedelta(days=1))
    url = f"sqlite:///{database}"
    with Workspace.open(
        url, name="mine", plugin_manager=pm, clock=lambda: T0 + timedelta(days=2)
    ) as ws:
        # Written as an afterview without sealing wrote them: plaintext.
        raw = ws.store.workspace("mine")
        raw.append([dumps_event(e) for e in scratch.events()], expected_version=0, recorded_at=T0)
        ws._ids = counting_ids()
        ws._ids("x")  # ids after the scratch ones
        for _ in range(20):
            ws._ids("x")
        ws.add_contact("Sam Okafor", "recruiter", organization=acme)
        ws.record_decision(app, "rejected", reason=f"{NAME} said the role was filled")
        ws.record_feedback(app, "negative", "skill", FEEDBACK, person=person)
        ws.log_touchpoint(person, "phone", note="Ottoline suggested the Brightwater meetup")
        ws.plan_action("other", "Update the CV", due=T0 + timedelta(days=1))
        ws.dispatch(T0 + timedelta(days=2), ["quoting:"])
        assert any("Ottoline" in (i.last_error or "") for i in ws.outbox())
    return person


def _spawn(url: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", FORGETTER, url, NAME],
        stdin=subprocess.PIPE,
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


def test_a_forget_killed_at_random_moments_is_finished_by_name_and_leaves_no_byte(
    tmp_path: Path,
) -> None:
    template = tmp_path / "template.sqlite"
    person = _build(template)
    assert all(secret in _files(template) for secret in SECRETS[:4])  # the check can see them

    # How long a whole forget takes (after the process is ready), to kill inside it.
    timing = tmp_path / "timing" / "afterview.sqlite"
    timing.parent.mkdir()
    shutil.copy(template, timing)
    child = _spawn(f"sqlite:///{timing}")
    out, err = child.communicate("go\n")
    assert child.returncode == 0, err
    assert out.startswith("done"), out
    whole = float(out.split()[1])

    rng = random.Random(20260512)
    outcomes: collections.Counter[str] = collections.Counter()
    for run in range(KILLS):
        database = tmp_path / f"run{run}" / "afterview.sqlite"
        database.parent.mkdir()
        shutil.copy(template, database)
        url = f"sqlite:///{database}"
        child = _spawn(url)
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        time.sleep(rng.uniform(0.0, whole))
        child.send_signal(signal.SIGKILL)
        child.communicate()

        pm = PluginManager(load_entry_points=False)
        with Workspace.open(url, name="mine", plugin_manager=pm) as ws:
            killed = child.returncode == -signal.SIGKILL
            forgotten = ws.state.people[person].forgotten
            try:
                # The documented retry: by name, whatever the kill left.
                assert ws.forget_target(NAME) == (person, NAME)
                ws.forget(NAME)
                if not killed:
                    outcomes["finished before the kill"] += 1
                elif forgotten:
                    outcomes["killed part-way, finished by name"] += 1
                else:
                    outcomes["killed before the forgotten event"] += 1
            except NotFoundError:
                # Only a forget past its last step (the key destroyed, the name rewritten) has
                # let go of the name; nothing is left to do then.
                assert ws.store.workspace("mine").key_get(person) is None
                assert ws.forget(person) == 0
                outcomes["finished before the kill" if not killed else "killed at the end"] += 1
            exported = export_to_json(ws.export()).encode()
            assert [s for s in SECRETS if s in exported] == [], run
            assert ws.state.people[person].forgotten
            assert b"Update the CV" in exported
            assert b"Sam Okafor" in exported
        assert [s for s in SECRETS if s in _files(database)] == [], run
        shutil.rmtree(database.parent)

    print(f"\nforget took {whole:.3f}s; {KILLS} kills: {dict(outcomes)}")
    assert outcomes["killed part-way, finished by name"] >= KILLS // 4, outcomes
