"""Forget on a real PostgreSQL server, measured on the bytes of the server's data directory.

The heap files, the TOAST tables and the write-ahead log (``pg_wal``) are scanned after
``forget``, ``VACUUM`` and ``CHECKPOINT``: a log written before sealing (plaintext) keeps the
person's data in the WAL whatever ``VACUUM`` does; a sealed log never puts it there, and once
the key is destroyed the ciphertext that remains cannot be opened.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest

from afterview import PluginManager, SnapshotPolicy, Workspace, dumps_event
from afterview.sealed_log import SNAPSHOT_SUBJECT

if TYPE_CHECKING:
    from afterview_pg_fixtures import Server

pytest_plugins = ["afterview_pg_fixtures"]

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def _data_directory(server: Server) -> Path:
    if server.cluster is None:
        pytest.skip("scanning the data directory needs the tests' own throwaway server")
    return server.cluster.data


def _flush(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for table in (
            "afterview_events",
            "afterview_outbox",
            "afterview_keys",
            "afterview_snapshots",
        ):
            conn.execute(f"VACUUM {table}")
        conn.execute("CHECKPOINT")


def found_in(data: Path, secrets: dict[str, bytes]) -> dict[str, dict[str, int]]:
    """For each secret, how many files of the data directory hold it, as heap (``base/``) and
    WAL (``pg_wal/``) files."""
    found = {name: {"heap": 0, "wal": 0} for name in secrets}
    for path in data.rglob("*"):
        if not path.is_file():
            continue
        part = path.relative_to(data).parts[0]
        kind = {"base": "heap", "pg_wal": "wal"}.get(part)
        if kind is None:
            continue
        content = path.read_bytes()
        for name, secret in secrets.items():
            if secret in content:
                found[name][kind] += 1
    return found


def _story(ws: Workspace, tag: str) -> tuple[str, dict[str, bytes]]:
    secrets = {
        "name": f"Dana Whitfield-{tag}",
        "phone": f"+1 555 {tag[:8]}",
        "feedback": f"her panel found the SQL answers thin {tag}",
    }
    acme = ws.add_organization("Acme Analytics", at=T0)
    dana = ws.add_contact(secrets["name"], "interviewer", organization=acme, at=T0)
    ws.collect_business_card(dana, cell_phone=secrets["phone"], at=T0)
    app = ws.submit_application(acme, "Data Analyst", at=T0)
    ws.record_feedback(app, "negative", "skill", secrets["feedback"], person=dana, at=T0)
    ws.plan_action("other", f"Send {secrets['name']} the article", due=T0 + timedelta(days=1))
    return dana, {name: text.encode() for name, text in secrets.items()}


@pytest.fixture
def plugins() -> PluginManager:
    import afterview_postgres.plugin

    manager = PluginManager(load_entry_points=False)
    manager.register(afterview_postgres.plugin, name="postgres")
    return manager


def test_a_plaintext_log_keeps_the_persons_bytes_in_the_wal_after_forget_and_vacuum(
    postgres_server: Server, pg_url: str, plugins: PluginManager
) -> None:
    """The measurement before sealing: what ``forget`` by rewriting alone leaves behind."""
    data = _data_directory(postgres_server)
    tag = uuid.uuid4().hex
    scratch = Workspace.open("memory://", plugin_manager=plugins, clock=lambda: T0)
    dana, secrets = _story(scratch, tag)
    with Workspace.open(pg_url, name="alice", plugin_manager=plugins, clock=lambda: T0) as ws:
        raw = ws.store.workspace("alice")
        raw.append([dumps_event(e) for e in scratch.events()], expected_version=0, recorded_at=T0)
        Workspace.open(pg_url, name="bob", plugin_manager=plugins).add_organization("Bob's")
        ws.forget(dana)
    _flush(pg_url)
    found = found_in(data, secrets)
    print(f"\nplaintext log, after forget + VACUUM + CHECKPOINT: {found}")
    assert all(f["heap"] == 0 for f in found.values()), found  # VACUUM cleared the tables
    assert all(f["wal"] > 0 for f in found.values()), found  # …but the WAL keeps everything


def test_a_sealed_log_never_puts_the_persons_bytes_in_any_file_and_forget_shreds_the_key(
    postgres_server: Server, pg_url: str, plugins: PluginManager
) -> None:
    data = _data_directory(postgres_server)
    tag = uuid.uuid4().hex
    with Workspace.open(pg_url, name="alice", plugin_manager=plugins, clock=lambda: T0) as ws:
        dana, secrets = _story(ws, tag)
        with Workspace.open(pg_url, name="bob", plugin_manager=plugins) as other:
            other.add_contact(f"Bob's contact {tag}", "recruiter", at=T0)
        assert ws.state.people[dana].name == secrets["name"].decode()
        key = ws.store.workspace("alice").key_get(dana)
        assert key is not None
        _flush(pg_url)
        before = found_in(data, {**secrets, "key": key})
        print(f"\nsealed log, before forget: {before}")
        assert all(before[n] == {"heap": 0, "wal": 0} for n in secrets), before
        assert before["key"]["heap"] > 0  # the key table holds the key…

        ws.forget(dana)
        _flush(pg_url)
        after = found_in(data, {**secrets, "key": key})
        print(f"sealed log, after forget + VACUUM + CHECKPOINT: {after}")
        assert all(after[n] == {"heap": 0, "wal": 0} for n in secrets), after
        assert after["key"]["heap"] == 0  # …and no longer: what was sealed with it is unreadable
        # The WAL still holds the key's row until its segments are recycled (see the docs);
        # an external keyring keeps keys out of the database, WAL and backups altogether.
        assert ws.store.workspace("alice").key_get(dana) is None
        assert all(secrets["name"].decode() not in str(e) for e in ws.events())


def test_a_snapshot_is_sealed_and_forget_leaves_no_readable_copy_of_it(
    postgres_server: Server, pg_url: str, plugins: PluginManager
) -> None:
    data = _data_directory(postgres_server)
    tag = uuid.uuid4().hex
    every_event = SnapshotPolicy(min_tail=1, share=0.0)
    name = f"snap-{tag[:8]}"
    with Workspace.open(
        pg_url, name=name, plugin_manager=plugins, clock=lambda: T0, snapshots=every_event
    ) as ws:
        dana, secrets = _story(ws, tag)
        handle = ws.store.workspace(name)
        snapshot = handle.snapshot_get()  # type: ignore[attr-defined]
        assert snapshot is not None
        assert snapshot.position == ws.state.version
        key = handle.key_get(SNAPSHOT_SUBJECT)
        assert key is not None
        _flush(pg_url)
        tail = snapshot.data[-64:]
        before = found_in(data, {**secrets, "snapshot": tail, "key": key})
        print(f"\nsnapshot, before forget: {before}")
        assert all(before[n] == {"heap": 0, "wal": 0} for n in secrets), before
        assert before["snapshot"]["heap"] > 0
        assert before["key"]["heap"] > 0

        ws.forget(dana)
        _flush(pg_url)
        after = found_in(data, {**secrets, "snapshot": tail, "key": key})
        print(f"snapshot, after forget + VACUUM + CHECKPOINT: {after}")
        assert all(after[n] == {"heap": 0, "wal": 0} for n in secrets), after
        assert after["snapshot"]["heap"] == 0
        assert after["key"]["heap"] == 0
        # What the WAL still holds of the old snapshot was sealed with the destroyed key.
        assert handle.key_get(SNAPSHOT_SUBJECT) != key
        rebuilt = handle.snapshot_get()  # type: ignore[attr-defined]
        assert rebuilt is not None
        assert rebuilt.position == ws.state.version
