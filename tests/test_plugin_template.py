"""``afterview plugin new NAME --kind KIND`` writes a project whose own tests pass: each kind is
generated into a temporary directory and its tests run there, with nothing installed (the
generated ``src`` is put on ``PYTHONPATH``), as well as ruff and ``mypy --strict`` over it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from afterview.cli.main import cli
from afterview.cli.plugin_template import KINDS, PluginProject

#: kind → the contract class its generated test must use.
CONTRACTS = {
    "store": "DurableStoreContract",
    "notifier": "NotifierContract",
    "rule": "RuleContract",
    "importer": "ImporterContract",
    "observer": "ObserverContract",
}


def generate(tmp_path: Path, kind: str) -> Path:
    target = tmp_path / kind
    result = CliRunner().invoke(
        cli, ["plugin", "new", f"team-{kind}", "--kind", kind, "--directory", str(target)]
    )
    assert result.exit_code == 0, result.output
    return target


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_is_generated_and_passes_its_contract(tmp_path: Path, kind: str) -> None:
    project = generate(tmp_path, kind)
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    package = PluginProject(f"team-{kind}", kind).package
    assert meta["project"]["name"] == f"afterview-team-{kind}"
    (entry,) = meta["project"]["entry-points"]["afterview"].items()
    assert entry[0] == f"team-{kind}"
    assert entry[1].startswith(f"{package}.plugin")
    test = (project / "tests" / "test_contract.py").read_text(encoding="utf-8")
    assert re.search(rf"class Test\w+\({CONTRACTS[kind]}\)", test), test
    assert (
        (project / "README.md").read_text(encoding="utf-8").startswith(f"# afterview-team-{kind}")
    )

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"\d+ passed", run.stdout), run.stdout
    assert "failed" not in run.stdout


def test_the_generated_projects_are_lint_clean_and_strictly_typed(tmp_path: Path) -> None:
    projects = [generate(tmp_path, kind) for kind in sorted(KINDS)]
    lint = subprocess.run(
        # Each project's own [tool.ruff] settings: imports sorted, its package first-party.
        [sys.executable, "-m", "ruff", "check", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    packages = [f"afterview_team_{kind}" for kind in sorted(KINDS)]
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy")]
        + [arg for p in packages for arg in ("-p", p)],
        env={**os.environ, "MYPYPATH": os.pathsep.join(str(p / "src") for p in projects)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert typed.returncode == 0, typed.stdout + typed.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["plugin", "new", "Bad_Name", "--kind", "store"], "plugin name 'Bad_Name'"),
        (["plugin", "new", "ok", "--kind", "storage"], "Invalid value for '--kind'"),
    ],
)
def test_a_bad_name_or_kind_is_refused(tmp_path: Path, args: list[str], words: str) -> None:
    result = CliRunner().invoke(cli, [*args, "--directory", str(tmp_path / "x")])
    assert result.exit_code != 0
    assert words in result.output
    assert not (tmp_path / "x").exists()


def test_an_existing_project_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("mine")
    result = CliRunner().invoke(
        cli, ["plugin", "new", "mine", "--kind", "rule", "--directory", str(tmp_path / "mine")]
    )
    assert result.exit_code != 0
    assert "already exists" in result.output
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["keep.txt"]
