"""One plugin's failure is its own: a rule that raises, a rule code already taken, a failing
``afterview_rules``, a misspelled or unmarked hook, a store whose methods fail. The agenda and
``rules`` still work for everyone, and ``afterview plugins`` names the plugin and its package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from afterview import PluginManager, StoreError, Workspace, hookimpl
from afterview.plugin_manager import reset_plugin_manager
from conftest import T0, Clock

PLUGINS_DIR = Path(__file__).parent / "plugins"
DIST, VERSION, MODULE = "afterview-test-clumsy", "0.1.0", "afterview_test_clumsy"


def install(site: Path, entry: str, target: str, dist: str = DIST) -> None:
    info = site / f"{dist.replace('-', '_')}-{VERSION}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {VERSION}\n")
    (info / "entry_points.txt").write_text(f"[afterview]\n{entry} = {target}\n")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The clumsy plugin installed, and one whose module is missing."""
    site = tmp_path / "site-packages"
    site.mkdir()
    shutil.copy(PLUGINS_DIR / f"{MODULE}.py", site)
    install(site, "clumsy", MODULE)
    install(site, "missing", "afterview_no_such_module", dist="afterview-test-missing")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("AFTERVIEW_PLUGINS", raising=False)
    monkeypatch.delenv("AFTERVIEW_DISABLE_PLUGINS", raising=False)
    reset_plugin_manager()
    yield site
    reset_plugin_manager()
    sys.modules.pop(MODULE, None)


def test_a_taken_rule_code_leaves_out_only_the_plugins_rule(site: Path) -> None:
    pm = PluginManager()
    rules = {r.code: r for r in pm.rules()}
    assert (rules["AV301"].name, rules["AV301"].plugin, rules["AV301"].package) == (
        "thank-everyone-met",
        "playbook",
        "afterview",
    )
    assert (rules["XC001"].plugin, rules["XC001"].package) == ("clumsy", DIST)
    problems = [p.problem for p in pm.problems() if p.plugin == "clumsy"]
    assert (
        "rule AV301 (my-own-thanks) left out: plugin 'playbook' (afterview) already uses the code"
        in problems
    )


def test_a_misspelled_or_unmarked_hook_is_a_problem_not_ok(site: Path) -> None:
    info = {i.name: i for i in PluginManager().plugins()}["clumsy"]
    assert info.loaded
    assert (
        "afterview_rule is not an afterview hook (did you mean afterview_rules?)" in info.problems
    )
    assert (
        "afterview_url_schemes is not marked with @hookimpl, so it is never called" in info.problems
    )
    assert info.status.startswith("problem: ")
    assert info.rules == ("XC001",)


def test_a_raising_rule_is_reported_with_its_plugin_and_the_agenda_stands(site: Path) -> None:
    ws = Workspace.open("memory://", plugin_manager=PluginManager(), clock=Clock(T0))
    org = ws.add_organization("Acme")
    app = ws.submit_application(org, "Analyst")
    ws.schedule_interview(
        app,
        T0.replace(day=6),
        interviewers=[ws.add_contact("Dana", "interviewer", organization=org)],
    )
    agenda = ws.agenda()
    assert agenda, "the other rules' advice stands"
    (failure,) = agenda.failures
    assert str(failure).startswith(
        f"rule XC001 (always-fails) from plugin 'clumsy' ({DIST}) failed: ZeroDivisionError"
    )


def test_a_failing_afterview_rules_hook_is_the_plugins_problem() -> None:
    class Exploding:
        @hookimpl
        def afterview_rules(self) -> list[object]:
            raise RuntimeError("no rules today")

    class NotRules:
        @hookimpl
        def afterview_rules(self) -> list[object]:
            return ["AV999"]

    pm = PluginManager(load_entry_points=False)
    pm.register(Exploding(), name="exploding")
    pm.register(NotRules(), name="not-rules")
    assert "AV301" in {r.code for r in pm.rules()}
    assert [(p.plugin, p.problem) for p in pm.problems()] == [
        ("exploding", "afterview_rules failed: RuntimeError: no rules today"),
        ("not-rules", "afterview_rules returned a str, which is not a Rule"),
    ]


def test_a_plugin_stores_failures_name_the_plugin_and_its_package(site: Path) -> None:
    store = PluginManager().open_store("clumsy://")
    with pytest.raises(
        StoreError, match=rf"^store plugin 'clumsy' \({DIST}\) failed in workspace: OSError$"
    ):
        store.workspace("default")
    with pytest.raises(StoreError) as raised:
        store.workspaces()
    assert "secret-ish" not in str(raised.value)
    assert isinstance(raised.value.__cause__, ValueError)


def _afterview(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(site),
        "AFTERVIEW_CONFIG": str(site / "settings.toml"),
        "XDG_CACHE_HOME": str(site / "cache"),
        "TZ": "UTC",
    }
    (site / "settings.toml").touch()
    return subprocess.run(
        [sys.executable, "-m", "afterview.cli", "--store", "memory://", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_afterview_plugins_in_a_pipe_shows_rules_packages_and_failures(site: Path) -> None:
    result = _afterview(site, "plugins")
    assert result.returncode == 0, result.stderr
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    assert all(len(cells) == 7 for cells in rows.values())
    assert rows["clumsy"][2] == DIST
    assert rows["clumsy"][5] == "XC001"
    assert rows["clumsy"][6].startswith("problem: ")
    # A rule that raises on the agenda shows where its plugin is listed, by type only.
    assert "rule XC001 raised ZeroDivisionError on workspace 'default'" in rows["clumsy"][6]
    assert rows["playbook"][5].startswith("AV101–AV7")
    assert rows["missing"][6].startswith("broken: ModuleNotFoundError")
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback_of_a_failed_load(site: Path) -> None:
    result = _afterview(site, "--debug", "plugins")
    assert "plugin 'missing' failed to load:\nTraceback (most recent call last):" in result.stderr
    assert "ModuleNotFoundError: No module named 'afterview_no_such_module'" in result.stderr


def test_afterview_rules_and_agenda_work_beside_the_clumsy_plugin(site: Path) -> None:
    rules = _afterview(site, "rules")
    assert rules.returncode == 0, rules.stderr
    by_code = {line.split("\t")[0]: line.split("\t") for line in rules.stdout.splitlines()}
    assert by_code["AV301"][3:5] == ["playbook", "afterview"]
    assert by_code["XC001"][3:5] == ["clumsy", DIST]
    assert "plugin 'clumsy': rule AV301 (my-own-thanks) left out" in rules.stderr
    agenda = _afterview(site, "--now", "2026-05-04T09:00Z", "agenda")
    assert agenda.returncode == 0, agenda.stderr
    assert f"rule XC001 (always-fails) from plugin 'clumsy' ({DIST}) failed" in agenda.stderr


def test_a_plugin_store_is_still_an_instance_of_its_class(site: Path) -> None:
    store = PluginManager().open_store("clumsy://")
    module = sys.modules[MODULE]
    assert isinstance(store, module._FailingStore)
    assert store.url == "clumsy://"


def test_a_failing_afterview_cli_commands_leaves_the_other_plugins_commands() -> None:
    import click

    @click.command("hello")
    def hello() -> None:
        """Says hello."""

    class Broken:
        @hookimpl
        def afterview_cli_commands(self) -> list[object]:
            raise RuntimeError("no commands today")

    class Odd:
        @hookimpl
        def afterview_cli_commands(self) -> list[object]:
            return ["not a command"]

    class Working:
        @hookimpl
        def afterview_cli_commands(self) -> list[object]:
            return [hello]

    pm = PluginManager(load_entry_points=False)
    for name, plugin in (("broken", Broken()), ("odd", Odd()), ("working", Working())):
        pm.register(plugin, name=name)
    assert list(pm.cli_commands()) == ["hello"]
    assert [(p.plugin, p.problem) for p in pm.problems()] == [
        ("broken", "afterview_cli_commands failed: RuntimeError: no commands today"),
        ("odd", "afterview_cli_commands returned a str, which is not a named click command"),
    ]
