"""The SQLite store: where its file goes, how it is protected, and how it fails."""

from __future__ import annotations

import concurrent.futures
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterview import (
    ConcurrencyError,
    CorruptRecordError,
    PluginManager,
    StoreError,
    Workspace,
    default_store_url,
    dumps_event,
)
from afterview.events import OrganizationAdded
from afterview.stores.sqlite import MIGRATIONS, SQLiteStore

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def events(count: int) -> list[str]:
    return [
        dumps_event(OrganizationAdded(at=T0, organization_id=f"org_{n}", name=f"Org {n}"))
        for n in range(count)
    ]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "afterview.sqlite"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- opening -------------------------------------------------------------------------------------


def test_an_absolute_path_url_opens_that_file(plugin_manager: PluginManager, db: Path) -> None:
    store = plugin_manager.open_store(f"sqlite:///{db}")
    assert str(db).startswith("/")
    assert isinstance(store, SQLiteStore)
    assert store.path == db
    store.close()
    assert db.is_file()


def test_a_relative_path_url_is_relative_to_the_working_directory(
    plugin_manager: PluginManager, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    plugin_manager.open_store("sqlite:///data/mine.sqlite").close()
    assert (tmp_path / "data" / "mine.sqlite").is_file()


def test_a_tilde_means_the_home_directory(
    plugin_manager: PluginManager, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    plugin_manager.open_store("sqlite:///~/afterview.sqlite").close()
    assert (tmp_path / "afterview.sqlite").is_file()


def test_a_missing_directory_is_an_error_naming_the_resolved_path_and_nothing_is_made(
    plugin_manager: PluginManager, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with pytest.raises(StoreError) as relative:
        plugin_manager.open_store("sqlite:///tmp/x.sqlite")
    assert f"directory {tmp_path / 'tmp'} does not exist" in str(relative.value)
    assert "'sqlite:////tmp/x.sqlite'" in str(relative.value)  # the absolute spelling
    with pytest.raises(StoreError, match=f"directory {tmp_path / 'nope'} does not exist"):
        plugin_manager.open_store(f"sqlite:///{tmp_path / 'nope' / 'x.sqlite'}")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_only_the_default_data_directory_is_created(
    plugin_manager: PluginManager, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    plugin_manager.open_store(f"sqlite:///{tmp_path / 'xdg' / 'afterview' / 'a.sqlite'}").close()
    assert (tmp_path / "xdg" / "afterview" / "a.sqlite").is_file()


def test_the_database_and_its_log_files_are_readable_by_the_owner_only(
    plugin_manager: PluginManager, db: Path
) -> None:
    old_umask = os.umask(0o000)  # the most permissive umask must not widen the files
    try:
        store = plugin_manager.open_store(f"sqlite:///{db}")
        store.workspace("w").append(events(2), expected_version=0, recorded_at=T0)
        files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
        assert [(f.name, mode(f)) for f in files] == [(f.name, 0o600) for f in files]
        store.close()
    finally:
        os.umask(old_umask)


def test_the_connection_uses_wal_full_sync_secure_delete_and_foreign_keys(db: Path) -> None:
    store = SQLiteStore(f"sqlite:///{db}")
    conn = store._connection()
    pragmas = {
        name: conn.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "secure_delete", "foreign_keys")
    }
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "secure_delete": 1,
        "foreign_keys": 1,
    }
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 10_000
    store.close()


def test_url_options_choose_synchronous_and_busy_timeout(db: Path) -> None:
    store = SQLiteStore(f"sqlite:///{db}?synchronous=normal&busy_timeout=250")
    conn = store._connection()
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 250
    store.close()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?synchronous=sometimes", "synchronous='sometimes'"),
        ("?busy_timeout=soon", "busy_timeout='soon'"),
        ("?journal=delete", "unknown option 'journal'"),
    ],
)
def test_a_bad_url_option_is_refused_and_no_file_is_made(
    plugin_manager: PluginManager, db: Path, query: str, message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        plugin_manager.open_store(f"sqlite:///{db}{query}")
    assert not db.exists()


def test_a_url_without_a_path_is_refused(plugin_manager: PluginManager) -> None:
    with pytest.raises(StoreError, match="has no path"):
        plugin_manager.open_store("sqlite:///")


def test_a_directory_is_not_a_database(plugin_manager: PluginManager, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="it is a directory"):
        plugin_manager.open_store(f"sqlite:///{tmp_path}")
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_database_is_reported_and_left_alone(
    plugin_manager: PluginManager, db: Path
) -> None:
    db.write_text("these are my notes, not a database\n" * 100)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not a database"):
        plugin_manager.open_store(f"sqlite:///{db}")
    assert db.read_bytes() == before


def test_a_database_from_a_newer_afterview_is_refused(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="schema version 99, newer"):
        SQLiteStore(f"sqlite:///{db}")
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()


def test_a_new_database_is_migrated_to_the_current_schema_once(db: Path) -> None:
    SQLiteStore(f"sqlite:///{db}").close()
    store = SQLiteStore(f"sqlite:///{db}")  # a second opening migrates nothing
    conn = store._connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"events", "outbox", "outbox_claimable", "keys"} <= tables
    store.close()


def test_a_closed_store_says_so(db: Path) -> None:
    store = SQLiteStore(f"sqlite:///{db}")
    handle = store.workspace("w")
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        handle.version()
    with pytest.raises(StoreError, match="is closed"):
        handle.append(events(1), expected_version=0, recorded_at=T0)


def test_the_store_claims_sqlite_urls_in_the_plugin_listing(plugin_manager: PluginManager) -> None:
    assert "sqlite:///" in plugin_manager.claimed_schemes("store")
    (info,) = [p for p in plugin_manager.plugins() if p.name == "sqlite"]
    assert info.hooks == ("afterview_open_store",)
    assert info.url_schemes == {"store": ("sqlite:///",)}


# --- bad rows ------------------------------------------------------------------------------------


def test_a_row_that_is_not_text_is_reported_by_position_and_the_rest_stay_readable(
    db: Path,
) -> None:
    store = SQLiteStore(f"sqlite:///{db}")
    handle = store.workspace("w")
    stored = events(4)
    handle.append(stored, expected_version=0, recorded_at=T0)
    raw = sqlite3.connect(db)
    raw.execute("UPDATE events SET data = ? WHERE position = 2", (b"\xff\xfe not utf-8",))
    raw.execute("UPDATE events SET data = CAST(data AS BLOB) WHERE position = 3")
    raw.commit()
    raw.close()

    with pytest.raises(CorruptRecordError) as raised:
        list(handle.read())
    assert (raised.value.workspace, raised.value.position) == ("w", 2)
    assert "not utf-8" not in str(raised.value)  # the bad bytes are not echoed
    with pytest.raises(CorruptRecordError, match="event #3 is corrupt: stored as blob, not text"):
        list(handle.read(after=2))
    assert [s.data for s in handle.read(after=3)] == stored[3:]
    raw = sqlite3.connect(db)
    raw.execute("UPDATE events SET recorded_at = '2026-05-04T09:00:00' WHERE position = 4")
    raw.commit()
    raw.close()
    with pytest.raises(CorruptRecordError, match="event #4 is corrupt: bad recorded_at time"):
        list(handle.read(after=3))
    assert next(handle.read()).data == stored[0]
    store.close()


def test_a_write_failure_inside_sqlite_becomes_a_store_error_and_stores_nothing(
    db: Path,
) -> None:
    store = SQLiteStore(f"sqlite:///{db}")
    handle = store.workspace("w")
    handle.append(events(1), expected_version=0, recorded_at=T0)
    raw = sqlite3.connect(db)
    raw.execute(
        "CREATE TRIGGER no_more BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'full'); END"
    )
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match=r"cannot append to workspace 'w' in SQLite store .*full"):
        handle.append(events(2), expected_version=1, recorded_at=T0)
    assert handle.version() == 1
    store.close()


# --- the default store ---------------------------------------------------------------------------


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty settings file, no AFTERVIEW_STORE, and a data directory inside ``tmp_path``."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("AFTERVIEW_CONFIG", str(tmp_path / "empty-settings.toml"))
    (tmp_path / "empty-settings.toml").touch()
    monkeypatch.delenv("AFTERVIEW_STORE", raising=False)
    return tmp_path


def test_with_no_url_the_workspace_lives_in_the_users_data_directory(
    isolated_env: Path, plugin_manager: PluginManager
) -> None:
    expected = isolated_env / "data" / "afterview" / "afterview.sqlite"
    assert default_store_url() == f"sqlite:///{expected}"
    with Workspace.open(plugin_manager=plugin_manager) as ws:
        ws.add_organization("Acme Analytics", at=T0)
        assert isinstance(ws.store, SQLiteStore)
    assert mode(expected) == 0o600
    with Workspace.open(plugin_manager=plugin_manager) as again:
        assert [o.name for o in again.state.organizations.values()] == ["Acme Analytics"]


def test_afterview_store_overrides_the_default(
    isolated_env: Path, plugin_manager: PluginManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = isolated_env / "chosen.sqlite"
    monkeypatch.setenv("AFTERVIEW_STORE", f"sqlite:///{chosen}")
    with Workspace.open(plugin_manager=plugin_manager) as ws:
        ws.add_organization("Acme Analytics", at=T0)
    assert chosen.is_file()
    assert not (isolated_env / "data").exists()


def test_the_settings_file_chooses_the_store_unless_the_environment_does(
    isolated_env: Path, plugin_manager: PluginManager, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_file = isolated_env / "from-file.sqlite"
    settings = isolated_env / "settings.toml"
    settings.write_text(f'store = "sqlite:///{from_file}"\n')
    monkeypatch.setenv("AFTERVIEW_CONFIG", str(settings))
    Workspace.open(plugin_manager=plugin_manager).close()
    assert from_file.is_file()

    from_env = isolated_env / "from-env.sqlite"
    monkeypatch.setenv("AFTERVIEW_STORE", f"sqlite:///{from_env}")
    Workspace.open(plugin_manager=plugin_manager).close()
    assert from_env.is_file()
    assert not (isolated_env / "data").exists()


def test_threads_sharing_one_store_lose_no_append(db: Path) -> None:
    store = SQLiteStore(f"sqlite:///{db}")
    handle = store.workspace("w")
    each, threads = 25, 4
    conflicts: list[int] = []

    def writer() -> None:
        retried = 0
        for _ in range(each):
            while True:
                try:
                    handle.append(events(1), expected_version=handle.version(), recorded_at=T0)
                    break
                except ConcurrencyError:
                    retried += 1
        conflicts.append(retried)

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(writer) for _ in range(threads)]:
            future.result()
    assert handle.version() == each * threads
    assert [s.position for s in handle.read()] == list(range(1, each * threads + 1))
    assert len(conflicts) == threads
    store.close()
