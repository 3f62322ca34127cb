"""Secrets named by reference in URLs: ``{keyring:SERVICE/NAME}`` and ``{env:NAME}``.

The keyring is real: keyrings.alt's file backend, chosen through ``PYTHON_KEYRING_BACKEND`` and
kept in a temporary ``XDG_DATA_HOME``, never the user's own keyring.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import keyring.core
import pytest

from afterview import (
    AfterviewError,
    NotFoundError,
    PluginManager,
    ScopeError,
    SecretError,
    SettingsError,
    hookimpl,
    mask_url,
)
from afterview.secret_references import delete_secret, resolve, store_secret
from afterview.testing.imports import modules_seen
from cli_support import Cli, fails

SECRET = "pa:ss/w@rd-0f-the-coach"
ENCODED = "pa%3Ass%2Fw%40rd-0f-the-coach"


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """keyring backed by a plain file under a temporary data directory."""
    data = tmp_path / "data"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    keyring.core.init_backend()
    yield data
    # Never leave a backend that would follow XDG_DATA_HOME back to the user's directory.
    keyring.set_keyring(keyring.backends.fail.Keyring())


class Recorder:
    """A store and notifier plugin that keeps the URLs it was given, and can fail quoting one."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.fail_with: type[Exception] | None = None
        #: Pagers opened from now on refuse every notification, quoting their URL.
        self.refuse = False

    @hookimpl
    def afterview_open_notifier(self, url: str) -> Any:
        if not url.startswith("pager://"):
            return None
        self.opened.append(url)
        if self.fail_with is not None:
            raise self.fail_with(f"cannot reach the pager with {url}")
        pager = _Pager(mask_url(url), url)
        pager.refuse = self.refuse
        return pager


class _Pager:
    def __init__(self, url: str, resolved: str = "") -> None:
        self.url = url
        self.resolved = resolved
        self.refuse = False

    def notify(self, notification: object) -> bool:
        if self.refuse:  # as a client library may: quote the URL it was given
            raise ConnectionError(f"POST {self.resolved} refused")
        return True


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def pm(recorder: Recorder) -> PluginManager:
    manager = PluginManager(load_entry_points=False)
    manager.register(recorder, name="pager")
    return manager


def test_a_keyring_secret_reaches_the_opener_and_shows_nowhere(
    file_keyring: Path, pm: PluginManager, recorder: Recorder
) -> None:
    reference = store_secret("pager", SECRET)

    notifier = pm.open_notifier(f"pager://coach:{reference}@pager.example/alerts")

    assert reference == "{keyring:afterview/pager}"
    # Percent-encoded where it lands, as a password in a URL must be.
    assert recorder.opened == [f"pager://coach:{ENCODED}@pager.example/alerts"]
    assert notifier.url == "pager://***@pager.example/alerts"
    # The file backend under the temporary data directory holds it, not the user's keyring.
    assert any(file_keyring.rglob("*.cfg"))


def test_an_opener_error_quoting_the_resolved_url_never_shows_the_secret(
    file_keyring: Path, pm: PluginManager, recorder: Recorder
) -> None:
    store_secret("pager", SECRET)
    recorder.fail_with = RuntimeError

    with pytest.raises(AfterviewError) as raised:
        pm.open_notifier("pager://coach:{keyring:pager}@pager.example")

    texts = [str(raised.value), repr(raised.value)]
    chained = raised.value.__cause__ or raised.value.__context__
    if chained is not None:
        texts.append(str(chained))
    for text in texts:
        assert SECRET not in text
        assert ENCODED not in text


def test_an_environment_variable_names_a_secret_for_containers(
    pm: PluginManager, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGER_TOKEN", "tok-123456")

    pm.open_notifier("pager://pager.example/alerts?token={env:PAGER_TOKEN}")

    assert recorder.opened == ["pager://pager.example/alerts?token=tok-123456"]


def test_a_reference_that_is_the_whole_url_is_used_as_it_is(
    pm: PluginManager, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGER_URL", "pager://coach:pw@pager.example/alerts?to=me")

    pm.open_notifier("{env:PAGER_URL}")

    assert recorder.opened == ["pager://coach:pw@pager.example/alerts?to=me"]


def test_a_store_url_in_the_environment_keeps_its_workspace_scope(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("STORE_URL", f"sqlite:///{tmp_path}/av.sqlite?workspaces=alex")

    store = PluginManager(load_entry_points=False).open_store("{env:STORE_URL}")
    try:
        assert store.url == f"sqlite:///{tmp_path}/av.sqlite?workspaces=alex"
        assert store.workspace("alex").version() == 0
        with pytest.raises(ScopeError):
            store.workspace("frank")
    finally:
        store.close()


def test_a_missing_secret_is_a_settings_error_naming_the_reference(
    file_keyring: Path, pm: PluginManager, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)

    with pytest.raises(SecretError, match=r"\{keyring:afterview/nothing\}.*secret set"):
        pm.open_notifier("pager://coach:{keyring:nothing}@pager.example")
    with pytest.raises(SettingsError, match="NOT_SET_ANYWHERE is not set"):
        pm.open_notifier("pager://coach:{env:NOT_SET_ANYWHERE}@pager.example")
    assert recorder.opened == []


def test_a_reference_where_the_masked_url_would_show_it_is_refused(
    monkeypatch: pytest.MonkeyPatch, pm: PluginManager, recorder: Recorder
) -> None:
    monkeypatch.setenv("PAGER_TOKEN", "tok-123456")

    with pytest.raises(SecretError, match="stands where afterview would show it") as raised:
        pm.open_notifier("pager://pager.example/{env:PAGER_TOKEN}")

    assert "tok-123456" not in str(raised.value)
    assert recorder.opened == []


def test_the_resolved_url_never_shows_in_a_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER_TOKEN", "tok-123456")

    resolved = resolve("pager://me:{env:PAGER_TOKEN}@pager.example")

    assert "tok-123456" not in repr(resolved)
    assert resolved.url == "pager://me:tok-123456@pager.example"


def test_deleting_a_secret_removes_it_and_deleting_it_again_is_not_found(
    file_keyring: Path,
) -> None:
    store_secret("ci/lever", SECRET)
    assert resolve("lever://{keyring:ci/lever}@acme").url == f"lever://{ENCODED}@acme"

    delete_secret("ci/lever")

    with pytest.raises(SecretError):
        resolve("lever://{keyring:ci/lever}@acme")
    with pytest.raises(NotFoundError):
        delete_secret("ci/lever")


@pytest.mark.parametrize("name", ["", "/x", "svc/", " padded", "a{b}"])
def test_a_bad_secret_name_is_refused(name: str) -> None:
    with pytest.raises(SecretError, match="not a secret name"):
        store_secret(name, SECRET)


def test_the_command_line_stores_from_stdin_and_prints_the_reference(
    file_keyring: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(tmp_path)

    stored = cli("secret", "set", "shared-store", input=SECRET + "\n")

    assert stored.exit_code == 0, stored.output
    assert stored.stdout == "{keyring:afterview/shared-store}\n"
    assert SECRET not in stored.output
    assert keyring.get_password("afterview", "shared-store") == SECRET

    store = "memory://coach:{keyring:shared-store}@shared"
    for command in (["info"], ["info", "--json"], ["plugins"]):
        result = cli("--store", store, *command)
        assert result.exit_code == 0, result.output
        assert SECRET not in result.output
        assert ENCODED not in result.output

    deleted = cli("secret", "delete", "shared-store")
    assert deleted.exit_code == 0
    assert keyring.get_password("afterview", "shared-store") is None
    assert "no secret afterview/shared-store" in fails(cli("secret", "delete", "shared-store"), 3)


def test_a_url_naming_a_missing_secret_fails_with_the_settings_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_SUCH_PASSWORD", raising=False)
    cli = Cli(tmp_path)

    line = fails(cli("--store", "memory://me:{env:NO_SUCH_PASSWORD}@x", "info"), 6)

    assert "{env:NO_SUCH_PASSWORD}" in line


def test_keyring_loads_only_when_a_keyring_reference_is_looked_up() -> None:
    seen = modules_seen(
        """
        import os, tempfile
        from afterview import PluginManager
        # The file backend in a temporary directory, never the user's keyring.
        os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
        os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()
        pm = PluginManager(load_entry_points=False)
        seen("plugin host")
        os.environ["AV_STORE"] = "memory://"
        pm.open_store("{env:AV_STORE}").close()
        seen("environment reference")
        try:
            pm.open_store("memory://me:{keyring:nowhere/at-all}@x")
        except Exception:
            pass
        seen("keyring reference")
        """,
        watch=("keyring",),
    )
    assert seen == {
        "plugin host": [],
        "environment reference": [],
        "keyring reference": ["keyring"],
    }


def test_the_real_script_keeps_a_secret_in_the_keyring_the_environment_names(
    tmp_path: Path,
) -> None:
    script = str(Path(sys.executable).with_name("afterview"))
    env = {
        **os.environ,
        "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "AFTERVIEW_CONFIG": str(tmp_path / "settings.toml"),
    }
    (tmp_path / "settings.toml").touch()

    stored = subprocess.run(
        [script, "secret", "set", "ci/pager"],
        input=SECRET,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    shown = subprocess.run(
        [script, "--store", "memory://coach:{keyring:ci/pager}@shared", "info"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert stored.returncode == 0, stored.stderr
    # In a pipe: the reference alone on stdout, the confirmation on stderr, no colour.
    assert stored.stdout == "{keyring:ci/pager}\n"
    assert "stored in the keyring" in stored.stderr
    assert "\x1b[" not in stored.stdout + stored.stderr
    assert shown.returncode == 0, shown.stderr
    assert "memory://***@shared" in shown.stdout
    assert SECRET not in shown.stdout + shown.stderr
    assert ENCODED not in shown.stdout + shown.stderr
    assert any((tmp_path / "data").rglob("*.cfg"))  # the temporary keyring, not the user's


def test_a_notifier_error_quoting_its_resolved_url_keeps_the_secret_out_of_the_outbox(
    pm: PluginManager, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime, timedelta

    from afterview import ActionKind, Workspace

    monkeypatch.setenv("PAGER_TOKEN", "s3cr3t-hook-token")
    channel = "pager://coach:{env:PAGER_TOKEN}@pager.example/alerts"
    now = datetime(2026, 5, 4, 9, tzinfo=UTC)
    ws = Workspace.open("memory://", plugin_manager=pm, clock=lambda: now)
    org = ws.add_organization("Acme")
    ws.submit_application(org, "Analyst")
    ws.plan_action(ActionKind.SKILL_PLAN, "Practise", now + timedelta(hours=2))
    recorder.refuse = True
    report = ws.dispatch(now, [channel])
    assert report.failed == 1
    stored = [item.last_error or "" for item in ws.outbox()]
    assert stored
    assert all("s3cr3t-hook-token" not in text for text in stored)
    assert all("s3cr3t-hook-token" not in text for text in report.errors)
    assert any("refused" in text for text in report.errors)
