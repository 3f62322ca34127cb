"""The project ``afterview plugin new NAME --kind KIND`` writes: a plugin package to start from.

Each kind is a working plugin with its entry point, a README, and a test wired to the contract
of ``afterview.testing`` for that kind, so that a new author starts from green tests:

========  ==================================  =========================
kind      what it is                           its test runs
========  ==================================  =========================
store     ``NAME:///path``: one JSON file      ``DurableStoreContract``
notifier  ``NAME:///path``: JSON Lines         ``NotifierContract``
rule      a playbook rule with its settings    ``RuleContract``
importer  ``NAME:///path.json``: applications  ``ImporterContract``
observer  an audit trail per workspace         ``ObserverContract``
========  ==================================  =========================

The files are templates under ``afterview/cli/templates`` (``*.tmpl``) with ``@@placeholders@@``.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Final

import attrs

from afterview.errors import DataError

__all__ = ["KINDS", "PluginProject", "write_plugin_project"]

_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


@attrs.frozen
class _Kind:
    module: str
    contract: str
    description: str
    usage: str
    todo: str
    entry: str = "{package}.plugin"


KINDS: Final[dict[str, _Kind]] = {
    "store": _Kind(
        "store",
        "store contract (DurableStoreContract)",
        "An afterview store: every workspace in one JSON file ({name}:///PATH).",
        "Use it: `afterview --store {name}:///$HOME/afterview.json agenda`, or "
        '`store = "{name}:///…"` in settings.toml.',
        "Replace `{package}/store.py` with your backend, keeping every rule of the store contract "
        "(the Store table of the plugin guide lists them); run the tests after each change.",
    ),
    "notifier": _Kind(
        "notifier",
        "notifier contract (NotifierContract)",
        "An afterview notifier: reminders appended to a JSON-Lines file ({name}:///PATH).",
        'Use it: `notify = ["{name}:///$HOME/reminders.jsonl"]` in settings.toml, then '
        "`afterview remind`.",
        "Replace the body of `notify()` in `{package}/notifier.py` with your channel. It runs in a "
        "worker thread with a timeout; raise (or return False) when delivery failed, and the "
        "outbox retries.",
    ),
    "rule": _Kind(
        "rules",
        "rule contract (RuleContract)",
        "Playbook rules for afterview, with their own [plugins.{name}] settings.",
        "Use it: `afterview rules` lists {code}001; `afterview agenda` shows its advice. "
        "Change its threshold in settings.toml:\n\n"
        "```toml\n[plugins.{name}]\nresearch_days = 3\n```",
        "Write your rules in `{package}/rules.py` with a code prefix of your own ({code}), list "
        "each setting a rule reads as `{name}.FIELD`, and name in `resolved_by` the events after "
        "which the rule stops giving its advice: the rule contract checks that it does.",
    ),
    "importer": _Kind(
        "importer",
        "importer contract (ImporterContract)",
        "An afterview ATS importer: applications read from a JSON file ({name}:///PATH.json).",
        "Use it: `afterview ats-import {name}:///$HOME/history.json`.",
        "Replace `records()` in `{package}/importer.py` with calls to your ATS, deriving every "
        "id from the ATS's own ids so that a second import adds nothing.",
    ),
    "observer": _Kind(
        "observer",
        "observer contract (ObserverContract)",
        "An afterview observer: an audit trail of stored events, one file per workspace.",
        "Use it: install it, record anything, and read `~/.local/share/{dist}/WORKSPACE.jsonl` "
        "(or the directory in `{env}_DIR`).",
        "Change `events_appended` in `{package}/observer.py`. It runs after every append; a "
        "failure is reported and never undoes the append. Keep personal data out of what you "
        "write, or erase it in `afterview_contact_forgotten`.",
        entry="{package}.plugin:plugin",
    ),
}


@attrs.frozen
class PluginProject:
    """The names a new plugin gets from its NAME."""

    name: str
    kind: str

    @property
    def dist(self) -> str:
        return self.name if self.name.startswith("afterview-") else f"afterview-{self.name}"

    @property
    def package(self) -> str:
        return self.dist.replace("-", "_")

    @property
    def entry_name(self) -> str:
        return self.name.removeprefix("afterview-")

    @property
    def class_name(self) -> str:
        return "".join(part.capitalize() for part in self.entry_name.split("-"))

    @property
    def code(self) -> str:
        """A rule code prefix: the name's letters, upper case, two to four of them."""
        letters = re.sub(r"[^A-Z]", "", self.entry_name.upper())[:4]
        return letters.ljust(2, "X")

    def values(self) -> dict[str, str]:
        from afterview.plugin_manager import _own_version

        kind = KINDS[self.kind]
        words = {
            "name": self.entry_name,
            "dist": self.dist,
            "package": self.package,
            "code": self.code,
            "env": self.entry_name.upper().replace("-", "_"),
        }
        version = _own_version() or "0.1"
        return {
            "name": self.entry_name,
            "NAME": words["env"],
            "dist": self.dist,
            "package": self.package,
            "Class": self.class_name,
            "CODE": self.code,
            "kind": self.kind,
            "entry": kind.entry.format(**words),
            "contract": kind.contract,
            "description": kind.description.format(**words),
            "usage": kind.usage.format(**words),
            "todo": kind.todo.format(**words),
            "rules_note": f" and the rule {self.code}001" if self.kind == "rule" else "",
            "afterview_version": ".".join(version.split(".")[:2]),
        }


def _fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"@@(\w+)@@", lambda m: values[m.group(1)], template)


def write_plugin_project(directory: Path, name: str, kind: str) -> list[Path]:
    """Write the project of a new plugin NAME of ``kind`` into ``directory``; return the files.

    :raises DataError: a bad name or kind, or a ``directory`` that exists and is not empty.
    """
    if not _NAME.fullmatch(name) or len(name) > 60:
        raise DataError(
            f"plugin name {name!r}: use lower-case letters, digits and single dashes, starting "
            "with a letter (like 'ntfy' or 'team-audit')"
        )
    if kind not in KINDS:
        raise DataError(f"plugin kind {kind!r}: use one of {', '.join(KINDS)}")
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise DataError(f"{directory} already exists and is not an empty directory")
    project = PluginProject(name, kind)
    values = project.values()
    templates = resources.files("afterview.cli").joinpath("templates")
    package = Path("src") / project.package
    # Stored as .tmpl, so that linters and type checkers do not read them as code.
    files = {
        Path("pyproject.toml"): templates / "common" / "pyproject.toml.tmpl",
        Path("README.md"): templates / "common" / "README.md.tmpl",
        package / "__init__.py": templates / "common" / "__init__.py.tmpl",
        package / "plugin.py": templates / kind / "plugin.py.tmpl",
        package / f"{KINDS[kind].module}.py": templates / kind / f"{KINDS[kind].module}.py.tmpl",
        Path("tests") / "test_contract.py": templates / kind / "test_contract.py.tmpl",
    }
    written: list[Path] = []
    for relative, template in files.items():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_fill(template.read_text(encoding="utf-8"), values), encoding="utf-8")
        written.append(target)
    marker = directory / package / "py.typed"
    marker.touch()
    written.append(marker)
    return written
