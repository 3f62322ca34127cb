"""The plugin host: built-ins and add-ons through the same hooks, and failures kept contained.

Add-ons are installed for real: a distribution (``.dist-info`` with ``entry_points.txt``) is
written to a directory put on ``sys.path``, exactly as pip would leave it.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from importlib.metadata import entry_points
from pathlib import Path

import pytest

import afterview
from afterview import (
    Event,
    ImportedRecord,
    ImportProblem,
    Notification,
    ObserverFailure,
    OutboxItem,
    PluginError,
    PluginManager,
    UnclaimedURLError,
    Workspace,
    hookimpl,
)
from afterview.plugin_manager import BUILTIN_PLUGINS, reset_plugin_manager
from afterview.testing import FakeDeliveryError, FakeNotifier
from cli_support import Cli
from conftest import T0, Clock

PLUGINS_DIR = Path(__file__).parent / "plugins"
ADD_ONS = {
    # entry-point name: (distribution, version, module)
    "test-adapters": ("afterview-test-adapters", "2.3.4", "afterview_test_adapters"),
    "test-broken": ("afterview-test-broken", "0.0.1", "afterview_test_broken"),
}


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The add-ons of ``tests/plugins`` installed as distributions in a fresh site directory."""
    site = tmp_path / "site-packages"
    site.mkdir()
    for entry_name, (dist, version, module) in ADD_ONS.items():
        shutil.copy(PLUGINS_DIR / f"{module}.py", site)
        info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
        (info / "entry_points.txt").write_text(f"[afterview]\n{entry_name} = {module}\n")
    monkeypatch.syspath_prepend(str(site))
    yield site
    for _, _, module in ADD_ONS.values():
        sys.modules.pop(module, None)


@pytest.fixture
def global_manager() -> Iterator[None]:
    """A fresh process-wide plugin manager for the test, forgotten afterwards."""
    reset_plugin_manager()
    yield
    reset_plugin_manager()


def by_name(pm: PluginManager) -> dict[str, afterview.PluginInfo]:
    return {info.name: info for info in pm.plugins()}


# --- built-ins -------------------------------------------------------------------------------


def test_the_builtin_adapters_are_registered_through_the_same_entry_points() -> None:
    installed = {ep.name: ep.value for ep in entry_points(group="afterview")}
    assert {name: installed.get(name) for name in BUILTIN_PLUGINS} == BUILTIN_PLUGINS
    pm = PluginManager(environ={})
    plugins = by_name(pm)
    for name in ("memory", "sqlite", "playbook"):
        assert plugins[name].distribution == "afterview"
        assert plugins[name].version == afterview.__version__
    assert plugins["sqlite"].hooks == ("afterview_open_store",)
    assert "afterview_rules" in plugins["playbook"].hooks


def test_without_entry_points_the_builtins_still_load(plugin_manager: PluginManager) -> None:
    assert set(BUILTIN_PLUGINS) <= set(by_name(plugin_manager))
    assert plugin_manager.open_store("memory://").workspaces() == []


# --- installed add-ons -----------------------------------------------------------------------


def test_a_broken_plugin_is_reported_with_its_name_and_version_and_the_rest_keep_working(
    installed: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="afterview.plugins"):
        pm = PluginManager(environ={})
    broken = by_name(pm)["test-broken"]
    assert (broken.loaded, broken.distribution, broken.version) == (
        False,
        "afterview-test-broken",
        "0.0.1",
    )
    assert broken.error == "RuntimeError: this plugin is broken on purpose"
    assert "'test-broken' (afterview-test-broken 0.0.1) failed to load" in caplog.text

    working = by_name(pm)["test-adapters"]
    assert (working.loaded, working.version) == (True, "2.3.4")
    assert isinstance(pm.open_notifier("fake:"), FakeNotifier)
    assert pm.open_store("memory://").workspaces() == []


def test_remembered_entry_points_follow_installing_and_removing_a_distribution(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = by_name(PluginManager(environ={}, remember_entry_points=True))
    assert (first["test-adapters"].distribution, first["test-adapters"].version) == (
        "afterview-test-adapters",
        "2.3.4",
    )
    assert not first["test-broken"].loaded
    (kept,) = (tmp_path / "cache" / "afterview").glob("entry-points-*.json")
    assert "afterview_test_adapters" in kept.read_text()
    # Read back from the file: the same plugins, the same distributions.
    assert by_name(PluginManager(environ={}, remember_entry_points=True)) == first

    time.sleep(0.05)  # file times have a coarse clock: be sure the directory's time moves
    shutil.rmtree(installed / "afterview_test_adapters-2.3.4.dist-info")
    after = by_name(PluginManager(environ={}, remember_entry_points=True))
    assert "test-adapters" not in after
    assert "test-broken" in after


def test_an_unreadable_entry_point_cache_is_read_again_from_the_installation(
    installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    PluginManager(environ={}, remember_entry_points=True)
    (kept,) = (tmp_path / "cache" / "afterview").glob("entry-points-*.json")
    for damage in ("{not json", '{"key": 1}', "[]"):
        kept.write_text(damage)
        assert "test-adapters" in by_name(PluginManager(environ={}, remember_entry_points=True))
        assert "afterview_test_adapters" in kept.read_text()  # and the file is whole again


def test_afterview_plugins_chooses_which_add_ons_load(installed: Path) -> None:
    pm = PluginManager(environ={"AFTERVIEW_PLUGINS": "test-adapters"})
    plugins = by_name(pm)
    assert "test-adapters" in plugins
    assert "test-broken" not in plugins
    assert set(BUILTIN_PLUGINS) <= set(plugins)


def test_afterview_disable_plugins_keeps_add_ons_out(installed: Path) -> None:
    pm = PluginManager(environ={"AFTERVIEW_DISABLE_PLUGINS": "test-broken, test-adapters"})
    plugins = by_name(pm)
    assert not {"test-broken", "test-adapters"} & set(plugins)
    with pytest.raises(UnclaimedURLError):
        pm.open_notifier("fake:")


def test_afterviews_own_adapters_load_whatever_the_variables_say(
    installed: Path, tmp_path: Path
) -> None:
    pm = PluginManager(
        environ={"AFTERVIEW_PLUGINS": "test-adapters", "AFTERVIEW_DISABLE_PLUGINS": "sqlite,memory"}
    )
    assert {"memory", "sqlite", "playbook", "test-adapters"} <= set(by_name(pm))
    pm.open_store(f"sqlite:///{tmp_path}/still-works.sqlite").close()


def test_afterview_plugins_lists_each_plugin_with_version_and_hooks(
    installed: Path, global_manager: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFTERVIEW_PLUGINS", "test-adapters")
    monkeypatch.delenv("AFTERVIEW_DISABLE_PLUGINS", raising=False)
    listed = {info.name: info for info in afterview.plugins()}
    adapters = listed["test-adapters"]
    assert (adapters.distribution, adapters.version) == ("afterview-test-adapters", "2.3.4")
    assert adapters.hooks == (
        "afterview_cli_commands",
        "afterview_open_importer",
        "afterview_open_job_board",
        "afterview_open_notifier",
        "afterview_rules",
    )
    assert adapters.url_schemes["importer"] == ("fake-ats://",)
    assert listed["sqlite"].url_schemes == {"store": ("sqlite:///",)}


# --- opening adapters by URL -----------------------------------------------------------------


def test_an_unclaimed_url_lists_the_claimed_schemes(plugin_manager: PluginManager) -> None:
    with pytest.raises(UnclaimedURLError) as raised:
        plugin_manager.open_store("postgresql://coach:hunter2@db/afterview")
    message = str(raised.value)
    assert "store URLs claimed: memory://, sqlite:///" in message
    assert "store URL 'postgresql://…'" in message
    assert "hunter2" not in message
    assert isinstance(raised.value, PluginError)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://db/afterview?sslmode=require&password=hunter2", "postgresql://…"),
        ("ntfy://ntfy.example/alerts?token=hunter2", "ntfy://…"),
        ("odd://coach:hunter2@db/me@example.org", "odd://…"),
        ("bamboo://hunter2@acme", "bamboo://…"),
        ("pushover://hunter2/chat", "pushover://…"),
        ("tel:hunter2", "tel:…"),
        ("notes.json", "notes.json"),
    ],
)
def test_an_unclaimed_url_shows_only_its_scheme_wherever_its_secret_sits(
    plugin_manager: PluginManager, url: str, shown: str
) -> None:
    with pytest.raises(UnclaimedURLError) as raised:
        plugin_manager.open_store(url)
    assert f"store URL {shown!r};" in str(raised.value)
    assert "hunter2" not in str(raised.value)


class ExplodingStorePlugin:
    @hookimpl
    def afterview_open_store(self, url: str) -> object:
        raise ValueError("the backend's driver is missing")


class WrongKindPlugin:
    @hookimpl
    def afterview_open_store(self, url: str) -> object:
        return object() if url.startswith("odd://") else None


@pytest.fixture
def exploding(plugin_manager: PluginManager) -> Iterator[PluginManager]:
    plugin_manager.register(ExplodingStorePlugin(), name="exploding-store")
    yield plugin_manager
    plugin_manager.unregister("exploding-store")


def test_a_plugin_raising_in_an_opener_is_reported_with_its_name(
    exploding: PluginManager,
) -> None:
    with pytest.raises(PluginError) as raised:
        exploding.open_store("anything://")
    assert str(raised.value) == (
        "plugin 'exploding-store' failed to open store 'anything://': "
        "ValueError: the backend's driver is missing"
    )


class QuotingStorePlugin:
    @hookimpl
    def afterview_open_store(self, url: str) -> object:
        raise ConnectionError(f"cannot reach {url}")


def test_a_plugin_quoting_its_url_in_an_error_does_not_leak_the_password(
    plugin_manager: PluginManager,
) -> None:
    plugin_manager.register(QuotingStorePlugin(), name="quoting-store")
    try:
        with pytest.raises(PluginError) as raised:
            plugin_manager.open_store("postgresql://coach:hunter2@db/afterview")
    finally:
        plugin_manager.unregister("quoting-store")
    assert str(raised.value) == (
        "plugin 'quoting-store' failed to open store 'postgresql://***@db/afterview': "
        "ConnectionError: cannot reach postgresql://***@db/afterview"
    )
    assert raised.value.__cause__ is None
    assert raised.value.__context__ is None


def test_an_opener_returning_something_else_than_a_store_is_refused(
    plugin_manager: PluginManager,
) -> None:
    plugin_manager.register(WrongKindPlugin(), name="wrong-kind")
    try:
        with pytest.raises(PluginError, match=r"'wrong-kind' returned a object .* not a store"):
            plugin_manager.open_store("odd://")
    finally:
        plugin_manager.unregister("wrong-kind")


def test_registering_one_name_twice_is_refused(plugin_manager: PluginManager) -> None:
    with pytest.raises(PluginError, match="cannot register plugin 'memory'"):
        plugin_manager.register(ExplodingStorePlugin(), name="memory")
    assert plugin_manager.open_store("memory://").workspaces() == []


@pytest.fixture
def adapters(plugin_manager: PluginManager) -> Iterator[PluginManager]:
    sys.path.insert(0, str(PLUGINS_DIR))
    try:
        import afterview_test_adapters
    finally:
        sys.path.remove(str(PLUGINS_DIR))
    plugin_manager.register(afterview_test_adapters, name="test-adapters")
    yield plugin_manager
    plugin_manager.unregister("test-adapters")
    sys.modules.pop("afterview_test_adapters", None)


def test_a_plugins_notifier_importer_and_job_board_open_by_url(adapters: PluginManager) -> None:
    notifier = adapters.open_notifier("fake:team")
    assert isinstance(notifier, FakeNotifier)
    assert notifier.url == "fake:team"

    importer = adapters.open_importer("fake-ats://board")
    records = list(importer.records())
    assert [type(r) for r in records] == [ImportedRecord, ImportProblem]
    assert [r.external_ref for r in records] == ["ats-1", "ats-2"]

    board = adapters.open_job_board("fake-board://acme")
    assert [p.title for p in board.postings()] == ["Data Analyst"]

    with pytest.raises(UnclaimedURLError, match="job board URLs claimed: fake-board://"):
        adapters.open_job_board("fake-ats://board")


class ClockedImporters:
    """An importer plugin whose hook names ``clock``: it is handed the workspace's."""

    def __init__(self) -> None:
        self.clocks: list[Callable[[], datetime] | None] = []

    @hookimpl
    def afterview_open_importer(
        self, url: str, clock: Callable[[], datetime] | None
    ) -> NothingToImport | None:
        if not url.startswith("clocked://"):
            return None
        self.clocks.append(clock)
        return NothingToImport(url)


class NothingToImport:
    def __init__(self, url: str) -> None:
        self.url = url

    def records(self) -> Iterator[ImportedRecord | ImportProblem]:
        return iter(())


def test_an_importer_hook_that_names_clock_gets_the_workspaces_and_others_still_open(
    adapters: PluginManager, ws: Workspace, clock: Clock
) -> None:
    clocked = ClockedImporters()
    adapters.register(clocked, name="clocked")
    clock.now = T0 - timedelta(days=400)

    ws.import_from("clocked://acme")
    opened_alone = adapters.open_importer("clocked://acme")

    assert clocked.clocks[0] is not None
    assert clocked.clocks[0]() == T0 - timedelta(days=400)
    # Outside a workspace the plugin gets the wall clock.
    outside = clocked.clocks[1]
    assert outside is not None
    assert outside().utcoffset() is not None
    assert outside() > T0
    assert opened_alone.url == "clocked://acme"
    # A hook written before ``clock`` existed takes only ``url`` and opens as before.
    assert ws.import_from("fake-ats://board").imported == 1


def test_a_plugins_rules_join_the_playbook(adapters: PluginManager, ws: Workspace) -> None:
    assert "XT001" in [r.code for r in ws.rules]
    ws.add_organization("Acme Analytics")
    assert "Hello Acme Analytics" in [a.message for a in ws.agenda(T0) if a.code == "XT001"]


# --- commands --------------------------------------------------------------------------------


def test_a_plugins_commands_join_the_command_line(
    installed: Path, global_manager: None, tmp_path: Path
) -> None:
    run = Cli(tmp_path)

    greeted = run.ok("--workspace", "jo", "greet")

    assert greeted.stdout == "hello from jo at 2026-05-04T09:00:00+02:00\n"
    assert "greet" in run.ok("--help").stdout
    assert "not the agenda" not in run.ok("agenda").stdout  # a built-in name stays built in


def test_a_plugin_command_that_is_not_installed_says_which_package_brings_it(
    global_manager: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AFTERVIEW_DISABLE_PLUGINS", "ics")
    run = Cli(tmp_path)

    result = run("invitation", "import", "interview.ics", "--application", "Acme")

    assert result.exit_code == 6, result.output
    assert result.stderr == (
        "afterview: error: the invitation command comes with the afterview-ics plugin, which is "
        "not installed; from the root of an afterview clone, run: "
        "python -m pip install ./plugins/afterview-ics\n"
    )
    # The path it names is the plugin's, in this clone.
    assert (Path(__file__).parent.parent / "plugins/afterview-ics/pyproject.toml").is_file()


def test_the_calendar_command_without_its_plugin_says_how_to_install_it_from_a_clone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "afterview_ics", None)  # as if it were not installed
    result = Cli(tmp_path)("calendar", str(tmp_path / "agenda.ics"))

    assert result.exit_code == 6, result.output
    assert result.stderr == (
        "afterview: error: the calendar command needs the afterview-ics plugin, which is not "
        "installed; from the root of an afterview clone, run: "
        "python -m pip install ./plugins/afterview-ics\n"
    )


# --- observers -------------------------------------------------------------------------------


class FailingObserver:
    @hookimpl
    def afterview_events_appended(self, workspace: Workspace, events: Sequence[Event]) -> None:
        raise RuntimeError("the webhook is down")


class RecordingObserver:
    def __init__(self) -> None:
        self.seen: list[tuple[str, int]] = []

    @hookimpl
    def afterview_events_appended(self, workspace: Workspace, events: Sequence[Event]) -> None:
        self.seen.append((workspace.name, len(events)))


@pytest.fixture
def observers(plugin_manager: PluginManager) -> Iterator[RecordingObserver]:
    recording = RecordingObserver()
    plugin_manager.register(FailingObserver(), name="failing-observer")
    plugin_manager.register(recording, name="recording-observer")
    yield recording
    plugin_manager.unregister("failing-observer")
    plugin_manager.unregister("recording-observer")


def test_a_failing_observer_never_undoes_the_append(
    observers: RecordingObserver, ws: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="afterview.plugins"):
        ws.add_organization("Acme Analytics")
    assert ws.store.workspace(ws.name).version() == 1
    assert [o.name for o in ws.state.organizations.values()] == ["Acme Analytics"]
    assert ws.observer_failures == [
        ObserverFailure("failing-observer", "RuntimeError: the webhook is down")
    ]
    assert "'failing-observer' failed observing 1 appended event(s)" in caplog.text
    assert "Acme" not in caplog.text
    assert observers.seen == [(ws.name, 1)]


class ForgettingPlugins:
    """One plugin that erases its copy of a forgotten person, and one that fails to."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, list[str], bool, bool]] = []
        self.broken = True

    @hookimpl
    def afterview_contact_forgotten(
        self,
        workspace: str,
        person_id: str,
        reminders: Sequence[OutboxItem],
        names_them: Callable[[str], bool],
    ) -> None:
        self.calls.append(
            (
                workspace,
                person_id,
                [r.key for r in reminders],
                names_them("Call DANA REYES back"),
                names_them("Call Sam back"),
            )
        )


class BrokenEraser:
    def __init__(self, owner: ForgettingPlugins) -> None:
        self.owner = owner

    @hookimpl
    def afterview_contact_forgotten(self, workspace: str, person_id: str) -> None:
        if self.owner.broken:
            raise OSError("calendar for Dana Reyes is read-only")


def test_plugins_erase_their_copies_of_a_forgotten_person_and_a_failure_is_reported(
    plugin_manager: PluginManager, ws: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    plugins = ForgettingPlugins()
    plugin_manager.register(plugins, name="eraser")
    plugin_manager.register(BrokenEraser(plugins), name="broken-eraser")
    dana = ws.add_contact("Dana Reyes", "interviewer")
    ws.add_contact("Sam Okafor", "recruiter")
    try:
        with caplog.at_level(logging.ERROR), pytest.raises(PluginError) as raised:
            ws.forget("Dana Reyes")
        assert "'broken-eraser' (OSError)" in str(raised.value)
        assert f"forget {dana}" in str(raised.value)
        assert "Dana" not in caplog.text + str(raised.value)
        assert ws.state.people[dana].forgotten  # the store is erased all the same
        plugins.broken = False
        ws.forget(dana)
    finally:
        plugin_manager.unregister("eraser")
        plugin_manager.unregister("broken-eraser")
    # The retry came after the store had let go of her name: only the reminders' keys are left
    # to find copies by.
    assert plugins.calls == [(ws.name, dana, [], True, False), (ws.name, dana, [], False, False)]


# --- the fake notifier of the kit --------------------------------------------------------------


def notification(key: str) -> Notification:
    return Notification(key=key, workspace="w", code="AV301", title="Thank Dana", body="", due=T0)


def test_the_fake_notifier_records_deliveries_once_per_key() -> None:
    notifier = FakeNotifier()
    assert notifier.notify(notification("a")) is True
    assert notifier.notify(notification("a")) is True
    assert list(notifier.delivered) == ["a"]
    assert (notifier.attempts, notifier.duplicates) == (["a", "a"], 1)


def test_the_fake_notifier_fails_when_told_to() -> None:
    notifier = FakeNotifier()
    notifier.fail_next(1)
    notifier.fail_key("b")
    with pytest.raises(FakeDeliveryError, match="'a'"):
        notifier.notify(notification("a"))
    assert notifier.notify(notification("a")) is True
    with pytest.raises(FakeDeliveryError):
        notifier.notify(notification("b"))
    notifier.fail_key("b", failing=False)
    assert notifier.notify(notification("b")) is True
    quiet = FakeNotifier(fail_by_returning_false=True)
    quiet.fail_next()
    assert quiet.notify(notification("c")) is False
    assert quiet.delivered == {}


# --- a plugin's own settings -----------------------------------------------------------------


def test_a_plugins_settings_table_is_read_into_its_class(plugin_manager: PluginManager) -> None:
    import attrs

    from afterview import Settings

    @attrs.frozen
    class Mine:
        days: int = 1

    class WithSettings:
        @hookimpl
        def afterview_settings_type(self) -> type:
            return Mine

    plugin_manager.register(WithSettings(), name="mine")
    assert plugin_manager.plugin_settings(Settings(plugins={"mine": {"days": 4}})) == {
        "mine": Mine(4)
    }
