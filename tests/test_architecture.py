"""The package's layers read top to bottom, and its imports never loop.

Every ``import`` in ``src/afterview`` counts, wherever it stands: at the top of a module, inside a
function (a lazy import), or under ``if TYPE_CHECKING:``. A module may import modules of its own
layer or of a lower one; a cycle is refused even inside one layer. ``docs/architecture.md``
explains the layers; this test is what keeps the page true.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

#: The layers, lowest first. A module belongs to the layer of the longest name that is itself
#: or one of its packages; every module must belong to one.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",
        (
            "afterview.errors",
            "afterview.model",
            "afterview.events",
            "afterview.settings",
            "afterview.plugin_settings",
            "afterview.timezones",
            "afterview.config",
            "afterview.store",
            "afterview.private_dirs",
            "afterview.scope",
            "afterview.masking",
            "afterview.lazy_exports",
            "afterview.file_names",
        ),
    ),
    (
        "domain",
        (
            "afterview.fold",
            "afterview.serialization",
            "afterview.lookup",
            "afterview.naming",
            "afterview.redaction",
            "afterview.sealing",
            "afterview.snapshot",
            "afterview.salvage",
            "afterview.linter",
            "afterview.insights",
            "afterview.drafts",
            "afterview.wording",
            "afterview.playbook",
        ),
    ),
    (
        "contracts",
        (
            "afterview.journal",
            "afterview.ats",
            "afterview.ats.protocols",
            "afterview.reminders",
            "afterview.reminders.notifier",
            "afterview.hookspecs",
            "afterview.url_plugin",
        ),
    ),
    (
        "services",
        (
            "afterview.ats.plugin",
            "afterview.ats.assembly",
            "afterview.ats.http",
            "afterview.ats.reasons",
            "afterview.ats.importing",
            "afterview.ats.watch",
            "afterview.reminders.dispatcher",
            "afterview.reminders.outbox",
            "afterview.secret_references",
        ),
    ),
    ("plugin host", ("afterview.plugin_manager", "afterview.environment_cache")),
    (
        "adapters",
        ("afterview.stores", "afterview.reminders.console", "afterview.playbook.builtin"),
    ),
    (
        "facade",
        (
            "afterview.workspace",
            "afterview.recording",
            "afterview.sealed_log",
            "afterview.reminder_round",
            "afterview.caseload",
        ),
    ),
    ("faces", ("afterview", "afterview.cli", "afterview.demo", "afterview.testing")),
)


def module_names(root: Path) -> dict[str, Path]:
    """Every module under ``root`` (a directory holding packages), by dotted name."""
    modules: dict[str, Path] = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imports_of(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The known modules that module ``name`` imports, type-only and lazy imports included.

    ``from package import name`` counts as importing ``package.name`` when that is a module,
    else ``package``.
    """
    known = set(known)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".")
                if not is_package:
                    package = package[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join([*package, base] if base else package)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    return {module for module in found if module in known and module != name}


def layer_of(module: str, layers: tuple[tuple[str, tuple[str, ...]], ...]) -> int:
    best, best_length = -1, -1
    for index, (_, prefixes) in enumerate(layers):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_length:
                best, best_length = index, len(prefix)
    return best


def find_cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One import loop (``[a, b, …, a]``), or ``None`` when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def layering_problems(
    root: Path, layers: tuple[tuple[str, tuple[str, ...]], ...] = LAYERS
) -> list[str]:
    """Everything wrong with the package under ``root``: modules in no layer, imports of a
    higher layer, and an import loop."""
    modules = module_names(root)
    graph = {name: imports_of(name, path, modules) for name, path in modules.items()}
    problems = [f"{m} belongs to no layer" for m in sorted(modules) if layer_of(m, layers) < 0]
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            low, high = layer_of(source, layers), layer_of(target, layers)
            if 0 <= low < high:
                problems.append(
                    f"{source} ({layers[low][0]}) imports {target} ({layers[high][0]}), "
                    "a higher layer"
                )
    cycle = find_cycle(graph)
    if cycle is not None:
        problems.append("import loop: " + " -> ".join(cycle))
    return problems


def test_afterview_has_no_import_loop_and_no_upward_import() -> None:
    assert layering_problems(SRC) == []


def test_the_services_never_name_the_workspace_facade() -> None:
    modules = module_names(SRC)
    services = [m for m in modules if layer_of(m, LAYERS) <= 3]
    offenders = [m for m in services if "afterview.workspace" in imports_of(m, modules[m], modules)]
    assert offenders == []


# --- the checker itself finds what it must ------------------------------------------------


def write_package(root: Path, files: Mapping[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


TOY_LAYERS = (("low", ("toy.low",)), ("high", ("toy", "toy.high")))


@pytest.mark.parametrize(
    ("how", "text"),
    [
        ("at the top", "from toy.high import thing\n"),
        ("lazily", "def later():\n    from toy import high\n"),
        (
            "for types only",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import toy.high\n",
        ),
        ("relatively", "from .high import thing\n"),
    ],
)
def test_a_deliberate_loop_is_found_however_it_is_imported(
    tmp_path: Path, how: str, text: str
) -> None:
    root = write_package(
        tmp_path,
        {
            "toy/__init__.py": "",
            "toy/high.py": "from toy.low import base\nthing = 1\n",
            "toy/low.py": f"base = 1\n{text}",
        },
    )
    problems = layering_problems(root, TOY_LAYERS)
    assert "toy.low (low) imports toy.high (high), a higher layer" in problems, how
    assert "import loop: toy.high -> toy.low -> toy.high" in problems, how


def test_a_loop_inside_one_layer_is_found(tmp_path: Path) -> None:
    root = write_package(
        tmp_path,
        {
            "toy/__init__.py": "",
            "toy/high.py": "from toy.other import x\n",
            "toy/other.py": "import toy.high\nx = 1\n",
            "toy/low.py": "",
        },
    )
    assert layering_problems(root, TOY_LAYERS) == ["import loop: toy.high -> toy.other -> toy.high"]


def test_a_module_in_no_layer_is_reported(tmp_path: Path) -> None:
    root = write_package(tmp_path, {"stray/__init__.py": "", "toy/low.py": ""})
    assert layering_problems(root, TOY_LAYERS) == ["stray belongs to no layer"]


def test_a_clean_toy_package_passes(tmp_path: Path) -> None:
    root = write_package(
        tmp_path,
        {"toy/__init__.py": "", "toy/high.py": "from toy.low import base\n", "toy/low.py": ""},
    )
    assert layering_problems(root, TOY_LAYERS) == []
