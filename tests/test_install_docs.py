"""Every ``pip install`` the README, the docs, the plugins' READMEs and the examples give works as
written from a clone: it names local projects that exist, with extras they declare, the core
before the plugins and all installed the same way (see docs/getting-started.md for why), and no
package of ours by a registry name, since none is published yet."""

from __future__ import annotations

import glob
import re
import shlex
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted(
    [
        ROOT / "README.md",
        *(ROOT / "docs").glob("*.md"),
        *(ROOT / "plugins").glob("*/README.md"),
        *(ROOT / "examples").glob("**/README.md"),
    ]
)
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE = re.compile(r"`([^`\n]*pip install[^`\n]*)`")
#: Names a command may take from an index: pip itself (to upgrade it).
FROM_AN_INDEX = {"pip"}


def commands(doc: Path) -> list[tuple[str, str]]:
    """Each ``pip install`` command of ``doc``, with the paragraph it stands in."""
    text = doc.read_text(encoding="utf-8")
    found: list[tuple[str, str]] = []
    for block in FENCE.findall(text):
        found += [(line, "") for line in block.splitlines() if "pip install" in line]
    prose = FENCE.sub("", text)
    for paragraph in prose.split("\n\n"):
        found += [(span, paragraph) for span in INLINE.findall(paragraph)]
    return found


def arguments(command: str) -> list[tuple[bool, str]]:
    """The things ``command`` installs, each with whether ``-e`` came before it."""
    command = command.removeprefix("$ ").split("&&")[0]
    words = shlex.split(command, comments=True)
    words = words[words.index("install") + 1 :]
    out: list[tuple[bool, str]] = []
    editable = False
    for word in words:
        if word == "-e":
            editable = True
        elif word.startswith("-"):
            continue
        else:
            out.append((editable, word))
            editable = False
    return out


def project_of(doc: Path, target: str) -> tuple[Path, set[str]] | None:
    """The local project a target names, and the extras it asks for; None for a name to be
    fetched from an index. Commands run from the clone's root, an example's from its folder."""
    match = re.fullmatch(r"([^\[]+)(?:\[([^\]]*)\])?", target)
    assert match is not None, target
    path, extras = match.group(1), {e.strip() for e in (match.group(2) or "").split(",") if e}
    if not path.startswith((".", "/")):
        return None
    base = doc.parent if doc.is_relative_to(ROOT / "examples") else ROOT
    if (base / path / "pyproject.toml").is_file():
        return (base / path).resolve(), extras
    raise AssertionError(f"{doc.relative_to(ROOT)}: {target!r} is no project in the clone")


def every_command() -> list[tuple[Path, str, str]]:
    return [(doc, command, paragraph) for doc in DOCS for command, paragraph in commands(doc)]


def test_the_docs_give_install_commands_at_all() -> None:
    documents = {doc.relative_to(ROOT).as_posix() for doc, _, _ in every_command()}
    assert {"README.md", "docs/getting-started.md", "docs/cli.md"} <= documents
    assert {f"plugins/{p.name}/README.md" for p in (ROOT / "plugins").glob("afterview-*")} <= (
        documents
    )


@pytest.mark.parametrize(
    ("doc", "command", "paragraph"),
    every_command(),
    ids=lambda v: v.relative_to(ROOT).as_posix() if isinstance(v, Path) else None,
)
def test_each_install_command_works_from_a_clone(doc: Path, command: str, paragraph: str) -> None:
    targets = arguments(command)
    assert targets, command
    projects: list[tuple[bool, Path]] = []
    for editable, target in targets:
        expanded = glob.glob(target, root_dir=ROOT) if "*" in target else [target]
        assert expanded, f"{command}: {target} matches nothing"
        for one in expanded:
            project = project_of(doc, one)
            if project is None:
                # A registry name: pip itself, or ours where the text says "once published".
                assert one in FROM_AN_INDEX or "published" in paragraph, f"{doc}: {command}"
                continue
            path, extras = project
            with (path / "pyproject.toml").open("rb") as file:
                declared = set(tomllib.load(file)["project"].get("optional-dependencies", {}))
            assert extras <= declared, f"{command}: {path.name} has no extras {extras - declared}"
            projects.append((editable, path))
    core = [i for i, (_, path) in enumerate(projects) if path == ROOT]
    assert not core or core == [0], f"{command}: name the core first"
    assert len({editable for editable, _ in projects}) <= 1, f"{command}: mixes -e and not"


def test_a_plain_registry_name_is_refused() -> None:
    doc = ROOT / "docs" / "getting-started.md"
    assert project_of(doc, "afterview-ics") is None
    assert project_of(doc, "./plugins/afterview-ics") == (ROOT / "plugins/afterview-ics", set())
    with pytest.raises(AssertionError, match="no project"):
        project_of(doc, "./plugins/afterview-icalendar")
