"""Publishing is one step away: the core and every plugin build a wheel and an sdist that twine
accepts, the install command the docs give for a clone resolves, and the built wheels, installed
into a fresh virtualenv, give an ``afterview`` whose ``plugins`` command loads every plugin.

Nothing here reaches the network. The fresh virtualenv keeps the pip it was created with (the one
a user gets) and sees the third-party packages of this test run through a ``.pth`` file, so every
dependency is already installed and ``--no-index`` is enough; afterview's own distributions are
left out of that view, so only the built files can provide them.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import venv
from collections.abc import Sequence
from pathlib import Path

import pytest

from test_install_docs import arguments, commands

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = sorted(
    p for p in (ROOT / "plugins").glob("afterview-*") if (p / "pyproject.toml").is_file()
)
PROJECTS = [ROOT, *PLUGINS]
BIN = "Scripts" if os.name == "nt" else "bin"

pytestmark = pytest.mark.slow


def project_name(project: Path) -> str:
    with (project / "pyproject.toml").open("rb") as file:
        name: str = tomllib.load(file)["project"]["name"]
    return name


def run(args: Sequence[str | Path], cwd: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AFTERVIEW_", "PIP_"))}
    # No pip configuration of this machine (extra indexes, find-links): only what the test names.
    env |= {"PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"}
    done = subprocess.run(
        [str(a) for a in args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=cwd,
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    out: str = done.stdout
    return out


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    for project in PROJECTS:
        # Without isolation: the build backend comes from the dev extra, not from an index.
        run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, project])
    return out


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtualenv with its own pip, seeing this run's packages except afterview's."""
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(home)
    python = home / BIN / "python"
    site = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).strip()
    # A folder of links to this run's site-packages, less afterview, its plugins, pip and the
    # .pth files of editable installs.
    shared = home / "shared-site-packages"
    shared.mkdir()
    ours = Path(sysconfig.get_path("purelib"))
    for entry in ours.iterdir():
        name = entry.name.lower()
        if name.startswith(("afterview", "_editable_impl_", "__editable__", "pip")) or (
            name.endswith(".pth") or name == "__pycache__"
        ):
            continue
        (shared / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    (Path(site) / "shared-site-packages.pth").write_text(f"{shared}\n")
    return home


def test_every_project_builds_a_wheel_and_an_sdist_that_twine_accepts(dist: Path) -> None:
    for project in PROJECTS:
        stem = project_name(project).replace("-", "_")
        assert len(list(dist.glob(f"{stem}-*-py3-none-any.whl"))) == 1, project
        assert len(list(dist.glob(f"{stem}-*.tar.gz"))) == 1, project
    out = run([sys.executable, "-m", "twine", "check", "--strict", *sorted(dist.iterdir())])
    assert out.count("PASSED") == 2 * len(PROJECTS), out


def test_the_core_sdist_leaves_the_plugins_to_their_own(dist: Path) -> None:
    (sdist,) = dist.glob("afterview-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(n.endswith("/LICENSE") for n in names)
    assert not [n for n in names if n.split("/")[1:2] == ["plugins"]]


def test_the_documented_clone_install_resolves_with_the_pip_a_new_venv_has(
    fresh_venv: Path,
) -> None:
    # The command docs/getting-started.md gives for the core and every plugin, as written.
    doc = ROOT / "docs" / "getting-started.md"
    (command,) = [c for c, _ in commands(doc) if "./plugins/afterview-*" in c]
    targets: list[str] = []
    for _, target in arguments(command):
        targets += sorted(glob.glob(target, root_dir=ROOT)) if "*" in target else [target]
    assert len(targets) == 1 + len(PLUGINS), command
    python = fresh_venv / BIN / "python"
    offline = ["--dry-run", "--no-index", "--no-build-isolation"]
    out = run([python, "-m", "pip", "install", *offline, *targets], cwd=ROOT)
    assert all(f"{project_name(p)}-" in out for p in PROJECTS), out


def test_the_built_wheels_install_offline_and_every_plugin_loads(
    dist: Path, fresh_venv: Path
) -> None:
    python = fresh_venv / BIN / "python"
    names = [project_name(p) for p in PLUGINS]
    offline = ["--no-index", "--find-links", dist]
    run([python, "-m", "pip", "install", *offline, "afterview[cli]", *names])
    where = run([python, "-c", "import afterview; print(afterview.__file__)"])
    assert Path(where.strip()).is_relative_to(fresh_venv), where
    afterview = fresh_venv / BIN / "afterview"
    listed = json.loads(run([afterview, "plugins", "--json"]))
    loaded = {p["distribution"] for p in listed if p["error"] is None}
    assert {"afterview", *names} <= loaded, listed
    assert all(p["error"] is None for p in listed), listed
    assert "apprise" in run([afterview, "plugins"])
