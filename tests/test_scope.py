"""Scoped store handles: a handle opened for one workspace (or a coach's few) reaches no other."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given

from afterview import (
    DataError,
    OutboxItem,
    PluginManager,
    ScopedStore,
    ScopeError,
    Workspace,
)
from afterview.cli.main import ENVIRONMENT
from afterview.scope import split_scope, with_scope
from cli_support import Cli, fails

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
SECRET_CHANNEL = "apprise:mailto://bob:HUNTER2@mail.example"


@pytest.fixture
def plugins() -> PluginManager:
    return PluginManager(load_entry_points=False)


@pytest.fixture(params=["memory", "sqlite"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "memory":
        return f"memory://scope-{uuid.uuid4().hex}"
    return f"sqlite:///{tmp_path}/platform.sqlite?synchronous=NORMAL"


def scoped(url: str, *names: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}workspaces={','.join(names)}"


def reminder(key: str, due: datetime) -> OutboxItem:
    return OutboxItem(
        key=key, workspace="-", channel=SECRET_CHANNEL, payload='{"title": "x"}', due=due
    )


@pytest.fixture
def platform(url: str, plugins: PluginManager) -> str:
    """Two job seekers in one store: bob has a contact and a reminder with a secret URL."""
    for name in ("alice", "bob"):
        with Workspace.open(url, name=name, plugin_manager=plugins, clock=lambda: NOW) as ws:
            ws.add_contact(f"Contact of {name}", "interviewer")
            ws._log.outbox_put(reminder(f"{name}-reminder", NOW - timedelta(hours=1)))
    return url


def test_a_handle_opened_for_alice_reaches_nothing_of_bob(
    platform: str, plugins: PluginManager
) -> None:
    with Workspace.open(scoped(platform, "alice"), plugin_manager=plugins) as ws:
        assert ws.name == "alice"
        assert [p.name for p in ws.state.people.values()] == ["Contact of alice"]
        assert ws.store.workspaces() == ["alice"]
        with pytest.raises(ScopeError, match="'bob' is outside the scope") as raised:
            ws.store.workspace("bob")
        assert raised.value.workspace == "bob"
        with pytest.raises(ScopeError):
            Workspace(ws.store, "bob", plugin_manager=plugins)
        claimed = ws.store.claim_due(NOW, lease=timedelta(minutes=5), limit=10)
        assert [(i.workspace, i.key) for i in claimed] == [("alice", "alice-reminder")]
    with Workspace.open(platform, name="bob", plugin_manager=plugins) as bob:
        assert bob.state.version == 1
        (untouched,) = bob._log.outbox_items()
        assert untouched.lease_until is None


def test_opening_another_workspace_through_a_scoped_url_is_refused_and_stores_nothing(
    platform: str, plugins: PluginManager
) -> None:
    with pytest.raises(ScopeError):
        Workspace.open(scoped(platform, "alice"), name="bob", plugin_manager=plugins)
    with pytest.raises(ScopeError):
        Workspace.open(scoped(platform, "alice"), name="carol", plugin_manager=plugins)
    store = plugins.open_store(platform)
    assert store.workspaces() == ["alice", "bob"]
    store.close()


def test_a_coachs_url_reaches_its_clients_and_needs_a_name(
    platform: str, plugins: PluginManager
) -> None:
    coach_url = scoped(platform, "alice", "bob")
    store = plugins.open_store(coach_url + "&workspaces=carol")
    assert isinstance(store, ScopedStore)
    assert store.scope == {"alice", "bob", "carol"}
    assert store.workspaces() == ["alice", "bob"]
    assert "workspaces=alice,bob,carol" in store.url
    store.close()
    # Several workspaces: no single one to default to, and "default" is not among them.
    with pytest.raises(ScopeError, match="'default'"):
        Workspace.open(coach_url, plugin_manager=plugins)
    with Workspace.open(coach_url, name="bob", plugin_manager=plugins) as ws:
        assert ws.state.version == 1


def test_the_scope_parameter_never_reaches_the_backend(tmp_path: Path) -> None:
    plugins = PluginManager(load_entry_points=False)
    # SQLite refuses options it does not know: it never saw "workspaces".
    store = plugins.open_store(f"sqlite:///{tmp_path}/a.sqlite?workspaces=x&busy_timeout=5")
    assert isinstance(store, ScopedStore)
    store.close()
    assert (tmp_path / "a.sqlite").exists()


@pytest.mark.parametrize(
    "query", ["workspaces=", "workspaces=a,,b", "workspaces=has%20space", "workspaces=a/b"]
)
def test_a_bad_scope_is_refused_before_anything_opens(query: str, tmp_path: Path) -> None:
    with pytest.raises(DataError):
        PluginManager(load_entry_points=False).open_store(f"sqlite:///{tmp_path}/a.sqlite?{query}")
    assert not (tmp_path / "a.sqlite").exists()


def test_split_scope_keeps_the_rest_of_the_url_byte_for_byte() -> None:
    url = "postgresql://u:p%40ss@h/db?options=-c%20x%3D1&workspaces=a,b&sslmode=require"
    assert split_scope(url) == (
        "postgresql://u:p%40ss@h/db?options=-c%20x%3D1&sslmode=require",
        frozenset({"a", "b"}),
    )
    assert split_scope("sqlite:///x?workspaces=a") == ("sqlite:///x", frozenset({"a"}))
    assert split_scope("memory://") == ("memory://", None)
    assert split_scope("sqlite:///x?synchronous=FULL") == ("sqlite:///x?synchronous=FULL", None)


names = st.text("abcXYZ019-_.@", min_size=1, max_size=12)


@given(
    base=st.sampled_from(["memory://", "memory://n", "sqlite:///p", "sqlite:///p?a=1&b=%20"]),
    scope=st.frozensets(names, min_size=1, max_size=4),
)
def test_with_scope_and_split_scope_are_inverse(base: str, scope: frozenset[str]) -> None:
    assert split_scope(with_scope(base, scope)) == (base, scope)


def test_the_cli_with_a_scoped_store_works_in_its_workspace_and_refuses_another(
    tmp_path: Path,
) -> None:
    cli = Cli(tmp_path)
    cli.store = scoped(cli.store, "alice")
    cli.ok("org", "add", "Acme Analytics")
    assert cli.events("alice") == 1
    line = fails(cli("--workspace", "bob", "org", "add", "Acme Analytics"), ENVIRONMENT)
    assert "'bob' is outside the scope of this store handle" in line


def test_a_scoped_store_shows_no_secret_of_the_url_it_wraps(plugins: PluginManager) -> None:
    store = ScopedStore(plugins.open_store("memory://"), {"alice"})
    assert repr(store) == "<ScopedStore of 1 workspace(s) in 'memory://'>"
    assert store.url == "memory://?workspaces=alice"
