"""What afterview creates on disk is its owner's alone, whatever the umask: directories 0700,
files 0600. ``export > FILE`` is the shell's file, with the shell's umask, as documented."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from afterview import PluginManager


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o277], ids=oct)
def test_the_sqlite_stores_directories_are_0700_whatever_the_umask(
    plugin_manager: PluginManager,
    tmp_path: Path,
    mask: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The default data directory is the one directory the store creates.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "a" / "b"))
    before = mode(tmp_path)
    with umask(mask):
        plugin_manager.open_store(
            f"sqlite:///{tmp_path / 'a' / 'b' / 'afterview' / 'av.sqlite'}"
        ).close()
    made = [tmp_path / "a", tmp_path / "a" / "b", tmp_path / "a" / "b" / "afterview"]
    assert [(d.name, mode(d)) for d in made] == [(d.name, 0o700) for d in made]
    assert mode(tmp_path / "a" / "b" / "afterview" / "av.sqlite") == 0o600
    # A directory that was there already is not the library's to change.
    assert mode(tmp_path) == before


def _afterview(tmp_path: Path, *args: str, mask: int) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"AFTERVIEW_STORE", "AFTERVIEW_WORKSPACE"}
    }
    (tmp_path / "settings.toml").touch()
    env |= {
        "XDG_DATA_HOME": str(tmp_path / "xdg" / "data"),
        "AFTERVIEW_CONFIG": str(tmp_path / "settings.toml"),
    }
    with umask(mask):
        return subprocess.run(
            [sys.executable, "-m", "afterview.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            cwd=tmp_path,
        )


def test_the_default_data_directory_is_0700_and_exports_to_a_file_are_0600(
    tmp_path: Path,
) -> None:
    result = _afterview(tmp_path, "org", "add", "Acme", mask=0o000)
    assert result.returncode == 0, result.stderr
    data = tmp_path / "xdg" / "data" / "afterview"
    made = [tmp_path / "xdg", tmp_path / "xdg" / "data", data]
    assert [(d.name, mode(d)) for d in made] == [(d.name, 0o700) for d in made]
    assert mode(data / "afterview.sqlite") == 0o600

    exported = _afterview(tmp_path, "export", "-o", "search.json", mask=0o000)
    assert exported.returncode == 0, exported.stderr
    assert mode(tmp_path / "search.json") == 0o600
