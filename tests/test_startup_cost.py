"""Opening afterview with every plugin installed does not import the plugins' heavy libraries:
they load when a URL a plugin claims is opened, so every command starts fast. And a command
imports what it uses: ``--version`` and ``--help`` no command module, plugin or rich; ``agenda``
in a pipe its own module and no rich (docs/performance.md has the timings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from afterview.model import Role

HEAVY = ("httpx", "psycopg", "psycopg_pool", "apprise", "icalendar", "cryptography", "msgspec")
PLUGINS = {"apprise", "greenhouse", "ics", "lever", "postgres"}


def test_loading_every_installed_plugin_imports_none_of_their_heavy_libraries() -> None:
    program = textwrap.dedent(
        f"""\
        import json, sys
        from afterview import PluginManager, Workspace
        pm = PluginManager(environ={{}})
        infos = pm.plugins()
        Workspace.open("memory://", plugin_manager=pm).agenda()
        print(json.dumps({{
            "loaded": sorted(i.name for i in infos if i.error is None),
            "broken": sorted(i.name for i in infos if i.error is not None),
            "heavy": [m for m in {HEAVY!r} if m in sys.modules],
        }}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", program], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert set(seen["loaded"]) >= PLUGINS
    assert seen["broken"] == []
    assert seen["heavy"] == []


def modules_after(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a run of ``afterview ARGS`` imported, its stdout a pipe."""
    program = textwrap.dedent(
        """\
        import json, sys
        from afterview.cli import main
        sys.argv = ["afterview", *sys.argv[1:]]
        try:
            main()
        except SystemExit:
            pass
        finally:
            print(json.dumps(sorted(sys.modules)), file=sys.__stderr__)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", program, *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    return set(json.loads(result.stderr.splitlines()[-1]))


#: What a command that prints its version or its help never needs.
NOT_FOR_HELP = (
    "rich",
    "afterview.plugin_manager",
    "pluggy",
    "importlib.metadata",
    "cattrs",
    "afterview.model",
    "afterview.events",
    "afterview.workspace",
    "afterview.linter",
    "platformdirs",
    # The command layer's own needs, loaded when a command runs: attrs alone is a third of
    # --version.
    "attrs",
    "zoneinfo",
    "logging",
    *HEAVY,
)


def command_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith("afterview.cli.commands.")}


def test_version_imports_no_command_module_no_plugin_and_no_rich() -> None:
    modules = modules_after("--version")
    assert command_modules(modules) == set()
    assert [m for m in NOT_FOR_HELP if m in modules] == []


def test_help_lists_every_command_without_importing_their_modules(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    modules_after("--help", env=env)  # the first run finds the plugins' commands
    modules = modules_after("--help", env=env)
    assert command_modules(modules) == set()
    assert [m for m in NOT_FOR_HELP if m in modules] == []


def test_agenda_in_a_pipe_imports_its_own_module_only_and_no_rich(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "AFTERVIEW_STORE": f"sqlite:///{tmp_path / 'afterview.sqlite'}",
        "AFTERVIEW_CONFIG": str(tmp_path / "settings.toml"),
    }
    modules = modules_after("--now", "2026-05-04T09:00Z", "agenda", env=env)
    assert command_modules(modules) == {"afterview.cli.commands.reading"}
    assert [m for m in ("rich", *HEAVY) if m in modules] == []


def test_agenda_on_a_named_store_reads_no_distribution_metadata_and_no_data_directory(
    tmp_path: Path,
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("")
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "AFTERVIEW_CONFIG": str(settings),
        # The second run works the agenda out again, rather than print the one kept.
        "AFTERVIEW_KEEP_AGENDA": "0",
    }
    args = ("--store", f"sqlite:///{tmp_path / 'a.sqlite'}", "--now", "2026-05-04T09:00Z")
    first = modules_after(*args, "agenda", env=env)  # reads the entry points and keeps them
    assert "importlib.metadata" in first
    modules = modules_after(*args, "agenda", env=env)
    # tempfile is for writing the cache, which this run only reads.
    assert [m for m in ("importlib.metadata", "platformdirs", "tempfile") if m in modules] == []
    # Every plugin still loads, from the remembered entry points.
    assert {f"afterview_{name}.plugin" for name in PLUGINS} <= modules
    assert "afterview.stores.sqlite" in modules


#: What printing a kept agenda never needs: click, the model, the fold, the playbook, the plugin
#: host and the libraries they stand on (docs/performance.md).
NOT_FOR_A_KEPT_AGENDA = (
    "click",
    "rich",
    "attrs",
    "cattrs",
    "pluggy",
    "typing",
    "pathlib",
    "afterview.model",
    "afterview.events",
    "afterview.fold",
    "afterview.playbook",
    "afterview.plugin_manager",
    "afterview.workspace",
    "afterview.settings",
    "afterview.cli.main",
    "afterview.cli.context",
    "importlib.metadata",
    "platformdirs",
)


def test_a_kept_agenda_is_printed_without_click_the_model_or_the_plugins(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text("")
    env = {**os.environ, "AFTERVIEW_CONFIG": str(settings), "TZ": "UTC"}
    env.pop("AFTERVIEW_KEEP_AGENDA", None)
    args = ("--store", f"sqlite:///{tmp_path / 'a.sqlite'}", "--now", "2026-05-04T09:00Z")
    subprocess.run(
        [sys.executable, "-m", "afterview.cli", *args, "org", "add", "Acme"], env=env, check=True
    )
    assert "afterview.fold" in modules_after(*args, "agenda", env=env)  # worked out, and kept
    kept = modules_after(*args, "agenda", env=env)
    assert [m for m in NOT_FOR_A_KEPT_AGENDA if m in kept] == []
    assert {"sqlite3", "afterview.cli.kept_agenda"} <= kept


def test_the_model_and_the_events_share_one_repr_that_writes_what_attrs_would() -> None:
    import attrs

    from afterview import events, model
    from afterview.events import ContactAdded

    # attrs compiles a __repr__ for each class it builds: some fifty on every read of the log.
    classes = [
        value
        for module in (model, events)
        for value in vars(module).values()
        if isinstance(value, type) and attrs.has(value)
    ]
    assert len(classes) > 50
    generated = [
        cls.__name__
        for cls in classes
        if cls.__repr__.__code__.co_filename.startswith("<attrs generated")
    ]
    assert generated == []
    event = ContactAdded(
        at=datetime(2026, 5, 4, 9, tzinfo=UTC), person_id="per_1", role=Role.INTERVIEWER,
        name="Dana Reyes", notes="met at the door",
    )  # fmt: skip
    same_shape = attrs.make_class(
        "ContactAdded", {f.name: attrs.field(repr=f.repr) for f in attrs.fields(ContactAdded)}
    )
    fields = {f.name: getattr(event, f.name) for f in attrs.fields(ContactAdded)}
    assert repr(event) == repr(same_shape(**fields))
    assert "Dana" not in repr(event)
